/**
 * Indicator sets the DTI.* functions do not ship with (a province's own set, read by the task
 * pane from a sheet or a file), as the functions find them: DTI.SCORE("huyen-2023:1.1"; …)
 * looks an unknown set id up in OfficeRuntime.storage, where the task pane stored it, checks
 * it (stored data is never trusted) and registers it for the rest of the session.
 *
 * What is stored and how (keys, JSON, the "stored at" note, replacing only with consent) is
 * the protocol in ../catalog/set-storage.ts, which the task pane writes with.
 *
 * Pure apart from the storage passed in, so tests use an in-memory store.
 */
import { getIndicatorSet, registerIndicatorSet } from "../catalog/index";
import type { IndicatorSet } from "../catalog/schema";
import { decodeStoredSet, setKey, type SetStorage } from "../catalog/set-storage";

/** Whether the functions know this set without the storage (built in, or registered already). */
export function isKnownSet(id: string): boolean {
  return getIndicatorSet(id) !== undefined;
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
  const decoded = decodeStoredSet(json, id);
  if ("problem" in decoded) {
    if (decoded.problem === "not-json") return { error: `bộ chỉ số "${id}" đã lưu bị hỏng (không phải JSON); mở lại bảng tác vụ DTI để nạp lại.` };
    if (decoded.problem === "invalid") return { error: `bộ chỉ số "${id}" đã lưu không hợp lệ: ${decoded.errors[0] ?? ""}` };
    return { error: `bộ chỉ số lưu dưới mã "${id}" lại mang mã "${decoded.found}".` };
  }
  // Another call may have registered it while this one awaited the storage.
  const raced = getIndicatorSet(id);
  if (raced) return { set: raced };
  registerIndicatorSet(decoded.set);
  return { set: decoded.set };
}

/** The set id an indicator argument names ("huyen-2023:1.1" → "huyen-2023"), if it names one. */
export function qualifiedSetId(argument: unknown): string | undefined {
  const value = Array.isArray(argument) ? (argument as unknown[][])[0]?.[0] : argument;
  if (typeof value !== "string") return undefined;
  const colon = value.indexOf(":");
  if (colon <= 0) return undefined;
  return value.slice(0, colon).trim();
}
