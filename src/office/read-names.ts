/**
 * Reads what workbook-level defined names hold, in at most two round trips whatever their
 * number: one for the names collection, one for the cells of those that exist. Readers
 * find every figure by name, never by position (../layout/names.ts), so this works after
 * users insert rows or move a block.
 *
 * Nothing here touches an Office global; everything goes through the request context.
 */
import type { CellContent } from "../layout/model";

/** What a name holds: the cell's value (an Excel error as `{ error }`), and its formula if it has one. */
export interface NamedValue {
  readonly value: CellContent | { readonly error: string };
  /** "=…" when the cell holds a formula (its value is then the last computed result). */
  readonly formula?: string;
}

/** "missing": no such name, or its reference is broken (#REF!, e.g. its sheet was deleted). */
export type NamedValueResult = NamedValue | "missing";

/** What to load of the names collection so that `queueNamedValues` can use its items. */
export const NAME_ITEM_PROPERTIES = "items/name,items/type,items/value";

export function isCellError(value: NamedValue["value"]): value is { readonly error: string } {
  return typeof value === "object" && value !== null && "error" in value;
}

function cellValue(value: unknown, formula: unknown, valueType: unknown): NamedValue {
  const hasFormula = typeof formula === "string" && formula.startsWith("=") && formula !== value;
  let v: NamedValue["value"];
  if (valueType === "Error") v = { error: String(value) };
  else if (valueType === "Empty" || value === "" || value === null || value === undefined) v = null;
  else if (typeof value === "number" || typeof value === "boolean" || typeof value === "string") v = value;
  else v = String(value);
  return hasFormula ? { value: v, formula: formula as string } : { value: v };
}

export interface QueuedNamedValues {
  /** True when a `context.sync()` is needed before `collect()`. */
  readonly needsSync: boolean;
  /** The results, keyed by the names as asked, in the order asked. */
  collect(): Map<string, NamedValueResult>;
}

/**
 * Queues, in the current batch, the loads of the cells behind `names`, given the items of
 * a names collection already loaded with NAME_ITEM_PROPERTIES. Names match regardless of
 * case, as in Excel. Lets a caller that has loaded the collection anyway (the layout writer)
 * share its round trip.
 */
export function queueNamedValues(items: readonly Excel.NamedItem[], names: readonly string[]): QueuedNamedValues {
  const byName = new Map(items.map((item) => [item.name.toLowerCase(), item]));
  const known = new Map<string, NamedValueResult>();
  const ranges = new Map<string, Excel.Range>();
  for (const name of names) {
    if (known.has(name) || ranges.has(name)) continue;
    const item = byName.get(name.toLowerCase());
    if (item === undefined || item.type === "Error") {
      known.set(name, "missing");
    } else if (item.type === "Range") {
      // OrNullObject: a reference Excel cannot resolve must not fail the whole batch.
      const range = item.getRangeOrNullObject();
      range.load("values,formulas,valueTypes");
      ranges.set(name, range);
    } else if (item.type === "String" || item.type === "Integer" || item.type === "Double" || item.type === "Boolean") {
      known.set(name, { value: item.value as string | number | boolean });
    } else {
      known.set(name, "missing");
    }
  }
  return {
    needsSync: ranges.size > 0,
    collect(): Map<string, NamedValueResult> {
      const result = new Map<string, NamedValueResult>();
      for (const name of names) {
        if (result.has(name)) continue;
        const range = ranges.get(name);
        if (range === undefined) {
          result.set(name, known.get(name) ?? "missing");
        } else if (range.isNullObject) {
          result.set(name, "missing");
        } else {
          // A name over several cells (a list) reads as its top-left cell.
          result.set(name, cellValue(range.values[0]?.[0], range.formulas[0]?.[0], range.valueTypes[0]?.[0]));
        }
      }
      return result;
    },
  };
}

/** The values of `names` in ≤ 2 round trips; "missing" for absent or broken names. */
export async function readNamedValues(context: Excel.RequestContext, names: readonly string[]): Promise<Map<string, NamedValueResult>> {
  const collection = context.workbook.names;
  collection.load(NAME_ITEM_PROPERTIES);
  await context.sync();
  const queued = queueNamedValues(collection.items, names);
  if (queued.needsSync) await context.sync();
  return queued.collect();
}
