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
 * The storage is shared by every workbook on the computer: a set stored by one workbook
 * changes DTI.* results in all others that use its id. So a stored set is replaced only when the
 * new one is the same data, or when the user agreed after seeing how the two differ
 * (`rememberSet`'s `replace`, ../catalog/diff.ts). Beside each set the pane keeps when it was
 * stored ("dti-set-info:<id>"), and shows which stored set the functions use (`storedSet`).
 *
 * Pure apart from the storage passed in, so tests use an in-memory store.
 */
import { diffSets, type SetDiff } from "../catalog/diff";
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

/** Where the pane notes when it stored a set: `{"storedAt": "<ISO time>"}`. */
export const setInfoKey = (id: string): string => `dti-set-info:${id}`;

/** A stored set as the pane shows it: which one the DTI.* functions use on this computer. */
export interface StoredSet {
  readonly id: string;
  /** The stored set, checked; null when the stored data is not a valid set of this id. */
  readonly set: IndicatorSet | null;
  /** When the pane stored it (ISO 8601); null when not recorded (stored by an older version). */
  readonly storedAt: string | null;
  /** The first 8 hex digits of the SHA-256 of the stored JSON: tells two copies apart at a glance. */
  readonly fingerprint: string;
}

/** The short fingerprint of a stored JSON text (WebCrypto SHA-256, in the pane and in Node). */
export async function fingerprint(json: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(json));
  return [...new Uint8Array(digest).slice(0, 4)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function parseStored(json: string, id: string): IndicatorSet | null {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = parseIndicatorSet(data, `bộ chỉ số đã lưu "${id}"`);
  return "set" in parsed && parsed.set.id === id ? parsed.set : null;
}

async function describeStored(storage: SetStorage, id: string, json: string): Promise<StoredSet> {
  let storedAt: string | null = null;
  try {
    const info = JSON.parse((await storage.getItem(setInfoKey(id))) ?? "null") as unknown;
    const at = typeof info === "object" && info !== null ? (info as { storedAt?: unknown }).storedAt : undefined;
    if (typeof at === "string" && !Number.isNaN(Date.parse(at))) storedAt = at;
  } catch {
    // An unreadable note only loses the time; the set itself is what matters.
  }
  return { id, set: parseStored(json, id), storedAt, fingerprint: await fingerprint(json) };
}

/** The set stored under `id` for the functions, or null when none is. */
export async function storedSet(storage: SetStorage, id: string): Promise<StoredSet | null> {
  const json = await storage.getItem(setKey(id));
  return json === null ? null : describeStored(storage, id, json);
}

/** Whether the functions know this set without the storage (built in, or registered already). */
export function isKnownSet(id: string): boolean {
  return getIndicatorSet(id) !== undefined;
}


export type RememberResult =
  /** Built-in sets are never stored. */
  | { readonly kind: "built-in" }
  /** Nothing was stored under this id: stored now. */
  | { readonly kind: "stored"; readonly stored: StoredSet }
  /** The same data is stored already: nothing written. */
  | { readonly kind: "same"; readonly stored: StoredSet }
  /** Another set was stored under this id; replaced, as the user agreed. */
  | { readonly kind: "replaced"; readonly stored: StoredSet }
  /** Another set is stored under this id: NOT replaced; the user decides, seeing `diff`. */
  | { readonly kind: "differs"; readonly stored: StoredSet; readonly diff: SetDiff | null };

export interface RememberOptions {
  /**
   * The fingerprint of the stored copy the user agreed to replace. Replaced only if that is
   * still the copy stored (another workbook may have stored a third one meanwhile).
   */
  readonly replace?: string;
  /** The clock (tests). */
  readonly now?: () => Date;
}

/**
 * Stores a set for the functions, never replacing a different stored set of the same id
 * unless `options.replace` names it. "stored" and "replaced" changed the storage (the caller
 * then recalculates so that cells pick the set up); "same" and "differs" did not. `diff` is
 * null when the stored data is not a valid set (it can then be shown only by its fingerprint).
 */
export async function rememberSet(storage: SetStorage, set: IndicatorSet, options: RememberOptions = {}): Promise<RememberResult> {
  if (isBuiltInSet(set.id)) return { kind: "built-in" };
  const json = JSON.stringify(set);
  const before = await storage.getItem(setKey(set.id));
  const write = async (): Promise<StoredSet> => {
    const storedAt = (options.now ?? (() => new Date()))().toISOString();
    await storage.setItem(setKey(set.id), json);
    await storage.setItem(setInfoKey(set.id), JSON.stringify({ storedAt }));
    return { id: set.id, set, storedAt, fingerprint: await fingerprint(json) };
  };
  if (before === null) return { kind: "stored", stored: await write() };
  const stored = await describeStored(storage, set.id, before);
  const diff = stored.set ? diffSets(stored.set, set) : null;
  if (before === json || diff?.identical === true) return { kind: "same", stored };
  if (options.replace !== undefined && options.replace === stored.fingerprint) return { kind: "replaced", stored: await write() };
  return { kind: "differs", stored, diff };
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
