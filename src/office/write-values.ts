/**
 * Types values into the cells behind workbook-level defined names, as a person would, in
 * three round trips whatever their number: the names collection, the cells (to see what
 * they hold now), then every write in one batch. Never writes over a formula; a name that
 * no longer exists, and a cell that no longer holds what the caller last saw, are reported
 * and left alone. A null value empties the cell (a clearing the user accepted). The task
 * pane's merge writes through here.
 *
 * Nothing here touches an Office global; everything goes through the request context.
 */
import { valueKey } from "../layout/model";
import { isAmbiguous, isCellError, NAME_ITEM_PROPERTIES, queueNamedValues, type NamedValueResult } from "./read-names";

export interface ValueWrite {
  readonly name: string;
  /** null: empty the cell. */
  readonly value: string | number | boolean | null;
  /**
   * When given, write only while the cell still holds this value (null: empty), compared as
   * typed, Unicode-normalised and trimmed: what the user saw and agreed to replace.
   */
  readonly expected?: string | number | boolean | null;
}

export interface WriteValuesResult {
  readonly written: readonly string[];
  /** Names that no longer exist, or whose reference is broken. */
  readonly missing: readonly string[];
  /** Names whose cell holds a formula (or an Excel error): never written over. */
  readonly formulas: readonly string[];
  /** Names whose cell changed since the caller read it (`expected`). */
  readonly changed: readonly string[];
}

function heldKey(found: NamedValueResult): string {
  if (found === "missing" || isAmbiguous(found) || isCellError(found.value)) return "#error";
  return valueKey(found.value as string | number | boolean | null);
}

/**
 * What to put in `Range.values` so that Excel keeps a text as text: Excel reads "=…" as a
 * formula and "12", "TRUE", "1/2", "5%" as numbers, booleans or dates; a leading apostrophe
 * (not part of the value) keeps them text.
 */
export function asTyped(value: string | number | boolean): string | number | boolean {
  if (typeof value !== "string") return value;
  return /^[=+\-@'#]/.test(value) || /\d/.test(value) || /^\s*(true|false)\s*$/i.test(value) ? `'${value}` : value;
}

export async function writeNamedValues(context: Excel.RequestContext, writes: readonly ValueWrite[]): Promise<WriteValuesResult> {
  const collection = context.workbook.names;
  collection.load(NAME_ITEM_PROPERTIES);
  await context.sync();
  const wanted = writes.map((w) => w.name);
  const queued = queueNamedValues(collection.items, wanted);
  if (queued.needsSync) await context.sync();
  const found = queued.collect();
  const byName = new Map(collection.items.map((item) => [item.name.toLowerCase(), item]));
  const written: string[] = [];
  const missing: string[] = [];
  const formulas: string[] = [];
  const changed: string[] = [];
  for (const w of writes) {
    const now = found.get(w.name) ?? "missing";
    const item = byName.get(w.name.toLowerCase());
    // An ambiguous name (over several cells) is not written: which cell Excel uses is unclear.
    if (now === "missing" || isAmbiguous(now) || item === undefined || item.type !== "Range") {
      missing.push(w.name);
    } else if (now.formula !== undefined || isCellError(now.value)) {
      formulas.push(w.name);
    } else if (w.expected !== undefined && heldKey(now) !== valueKey(w.expected)) {
      changed.push(w.name);
    } else {
      // A name over several cells (a list) is written, as it is read, at its top-left cell.
      // "" is how Range.values empties a cell.
      item.getRange().getCell(0, 0).values = [[w.value === null ? "" : asTyped(w.value)]];
      written.push(w.name);
    }
  }
  if (written.length) await context.sync();
  return { written, missing, formulas, changed };
}
