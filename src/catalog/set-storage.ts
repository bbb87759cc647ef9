/**
 * How an indicator set the add-in does not ship (a province's own set, read by the task pane
 * from a sheet or a file) is kept in OfficeRuntime.storage for the DTI.* functions: the one
 * protocol both sides follow. The task pane writes (`rememberSet`) and shows what is stored
 * (`storedSet`); the functions read (src/functions/set-store.ts, `decodeStoredSet`).
 *
 * The functions run in Excel's JavaScript-only custom-functions runtime, a different runtime
 * from the task pane's (the manifest has no shared runtime). The one place both can read is
 * OfficeRuntime.storage, a persistent key-value store per add-in origin. What is stored:
 * - "dti-set:<id>": the set's JSON (`JSON.stringify` of the checked set, no envelope and no
 *   version field; a reader checks it with `parseIndicatorSet`, so stored data is never
 *   trusted, and any later format must stay readable as such or use a new key);
 * - "dti-set-info:<id>": `{"storedAt": "<ISO time>"}`, when the pane stored it (absent for
 *   sets stored by older versions; an unreadable note only loses the time).
 *
 * The storage is shared by every workbook on the computer: a set stored by one workbook
 * changes DTI.* results in all others that use its id. So a stored set is replaced only when the
 * new one is the same data, or when the user agreed after seeing how the two differ
 * (`rememberSet`'s `replace`, ./diff.ts).
 *
 * Pure apart from the storage passed in (the tiny `SetStorage` interface, not Office's type),
 * so tests use an in-memory store.
 */
import { diffSets, type SetDiff } from "./diff";
import { isBuiltInSet } from "./index";
import { parseIndicatorSet } from "./load";
import type { IndicatorSet } from "./schema";

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

/** The stored form of a set (what goes under `setKey`). */
export const encodeSet = (set: IndicatorSet): string => JSON.stringify(set);

export type DecodedSet =
  | { readonly set: IndicatorSet }
  /** The stored text is not JSON. */
  | { readonly problem: "not-json" }
  /** JSON, but not a valid set: `parseIndicatorSet`'s messages. */
  | { readonly problem: "invalid"; readonly errors: readonly string[] }
  /** A valid set stored under another set's id. */
  | { readonly problem: "other-id"; readonly found: string };

/** The set stored under `id`, checked (stored data is never trusted), or what is wrong with it. */
export function decodeStoredSet(json: string, id: string): DecodedSet {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return { problem: "not-json" };
  }
  const parsed = parseIndicatorSet(data, `bộ chỉ số đã lưu "${id}"`);
  if ("errors" in parsed) return { problem: "invalid", errors: parsed.errors };
  if (parsed.set.id !== id) return { problem: "other-id", found: parsed.set.id };
  return { set: parsed.set };
}

/** The short fingerprint of a stored JSON text (WebCrypto SHA-256, in the pane and in Node). */
export async function fingerprint(json: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest("SHA-256", new TextEncoder().encode(json));
  return [...new Uint8Array(digest).slice(0, 4)].map((b) => b.toString(16).padStart(2, "0")).join("");
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
  const decoded = decodeStoredSet(json, id);
  return { id, set: "set" in decoded ? decoded.set : null, storedAt, fingerprint: await fingerprint(json) };
}

/** The set stored under `id` for the functions, or null when none is. */
export async function storedSet(storage: SetStorage, id: string): Promise<StoredSet | null> {
  const json = await storage.getItem(setKey(id));
  return json === null ? null : describeStored(storage, id, json);
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
  const json = encodeSet(set);
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
