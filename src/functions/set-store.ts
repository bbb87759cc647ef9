/**
 * Indicator sets the DTI.* functions do not ship with (a province's own set, read by the task
 * pane from a sheet or a file), handed from the task pane to the functions.
 *
 * The functions run in Excel's JavaScript-only custom-functions runtime, a different runtime
 * from the task pane's (the manifest has no shared runtime). The one place both can read is
 * OfficeRuntime.storage, a persistent key-value store per add-in origin. The task pane stores
 * the set's JSON there under "dti-set:<id>"; DTI.SCORE("huyen-2023:1.1"; …) finds an unknown
 * set id there, checks it with `parseIndicatorSet` (stored data is never trusted) and registers
 * it for the rest of the session.
 *
 * Pure apart from the storage passed in, so tests use an in-memory store.
 */
import { getIndicatorSet, isBuiltInSet, registerIndicatorSet } from "../catalog/index";
import { parseIndicatorSet } from "../catalog/load";
import type { IndicatorSet } from "../catalog/schema";

/** The subset of OfficeRuntime.storage used here (its methods return promises). */
export interface SetStorage {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
}

export const SET_KEY_PREFIX = "dti-set:";

export const setKey = (id: string): string => `${SET_KEY_PREFIX}${id}`;

/** Whether the functions know this set without the storage (built in, or registered already). */
export function isKnownSet(id: string): boolean {
  return getIndicatorSet(id) !== undefined;
}


/**
 * Stores a set for the functions. Returns true when the stored copy changed (the caller then
 * recalculates so that cells that showed #N/A pick the set up), false when it was already there.
 * Built-in sets are never stored.
 */
export async function rememberSet(storage: SetStorage, set: IndicatorSet): Promise<boolean> {
  if (isBuiltInSet(set.id)) return false;
  const json = JSON.stringify(set);
  const before = await storage.getItem(setKey(set.id));
  if (before === json) return false;
  await storage.setItem(setKey(set.id), json);
  return true;
}

export type RecallResult = { readonly set: IndicatorSet } | { readonly error: string };

/**
 * The set with this id for the functions: already known, or read from the storage, checked and
 * registered. The error is Vietnamese and says what to do.
 */
export function recallSet(storage: SetStorage | undefined, id: string): Promise<RecallResult> {
  const known = getIndicatorSet(id);
  if (known) return Promise.resolve({ set: known });
  // A recalculation calls DTI.SCORE for every row at once: they share one read and one check.
  // Forgotten once settled, so a set stored later (or fixed) is read again.
  let pending = inFlight.get(id);
  if (!pending) {
    pending = readStoredSet(storage, id).finally(() => inFlight.delete(id));
    inFlight.set(id, pending);
  }
  return pending;
}

const inFlight = new Map<string, Promise<RecallResult>>();

async function readStoredSet(storage: SetStorage | undefined, id: string): Promise<RecallResult> {
  const notLoaded = `bộ chỉ số "${id}" chưa được nạp trên máy này: mở bảng tác vụ DTI trong sổ có trang "Bộ chỉ số" của bộ này (bảng tác vụ nạp bộ cho các hàm), rồi tính lại.`;
  if (!storage) return { error: notLoaded };
  let json: string | null;
  try {
    json = await storage.getItem(setKey(id));
  } catch (e) {
    return { error: `không đọc được bộ chỉ số "${id}" đã lưu (${e instanceof Error ? e.message : String(e)}).` };
  }
  if (json === null) return { error: notLoaded };
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return { error: `bộ chỉ số "${id}" đã lưu bị hỏng (không phải JSON); mở lại bảng tác vụ DTI để nạp lại.` };
  }
  const parsed = parseIndicatorSet(data, `bộ chỉ số đã lưu "${id}"`);
  if ("errors" in parsed) return { error: `bộ chỉ số "${id}" đã lưu không hợp lệ: ${parsed.errors[0] ?? ""}` };
  if (parsed.set.id !== id) return { error: `bộ chỉ số lưu dưới mã "${id}" lại mang mã "${parsed.set.id}".` };
  // Another call may have registered it while this one awaited the storage.
  const raced = getIndicatorSet(id);
  if (raced) return { set: raced };
  registerIndicatorSet(parsed.set);
  return { set: parsed.set };
}

/** The set id an indicator argument names ("huyen-2023:1.1" → "huyen-2023"), if it names one. */
export function qualifiedSetId(argument: unknown): string | undefined {
  const value = Array.isArray(argument) ? (argument as unknown[][])[0]?.[0] : argument;
  if (typeof value !== "string") return undefined;
  const colon = value.indexOf(":");
  if (colon <= 0) return undefined;
  return value.slice(0, colon).trim();
}
