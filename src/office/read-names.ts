/**
 * Reads what workbook-level defined names hold, in at most two round trips whatever their
 * number: one for the names collections, one for the cells of those that exist and for the
 * sheet-level names. Readers find every figure by name, never by position
 * (../layout/names.ts), so this works after users insert rows or move a block.
 *
 * A name Excel's own formulas may resolve to another cell than the one read — over several
 * cells, or with a sheet-level twin (`Worksheet.names`, ExcelApi 1.4) — is reported as
 * ambiguous and not read (../layout/name-scope.ts).
 *
 * Nothing here touches an Office global; everything goes through the request context.
 */
import type { CellContent } from "../layout/model";
import { indexDefinitions, isMultiCell, lookupDefinition, nameKey, rangeTrouble, type Ambiguity, type NameDefinition } from "../layout/name-scope";

/** What a name holds: the cell's value (an Excel error as `{ error }`), and its formula if it has one. */
export interface NamedValue {
  readonly value: CellContent | { readonly error: string };
  /** "=…" when the cell holds a formula (its value is then the last computed result). */
  readonly formula?: string;
  /** For a formula cell: where it is ("Chỉ số DTI 2022", "$G$51"), so messages can name it. */
  readonly sheet?: string;
  readonly address?: string;
}

/** A name that exists but does not say which one cell it means (../layout/name-scope.ts), and why. */
export interface AmbiguousName {
  readonly ambiguous: Ambiguity;
}

/** "missing": no such name, or its reference is broken (#REF!, e.g. its sheet was deleted). */
export type NamedValueResult = NamedValue | "missing" | AmbiguousName;

export function isAmbiguous(found: NamedValueResult | undefined): found is AmbiguousName {
  return typeof found === "object" && "ambiguous" in found;
}

/** "'Chỉ số DTI 2022'!$G$51" → its sheet and address (sheet names may hold "!", addresses never do). */
function splitAddress(ref: string): { sheet: string; address: string } | undefined {
  const bang = ref.lastIndexOf("!");
  if (bang <= 0) return undefined;
  const sheet = ref.slice(0, bang).replace(/^=/, "");
  return { sheet: sheet.startsWith("'") && sheet.endsWith("'") ? sheet.slice(1, -1).replace(/''/g, "'") : sheet, address: ref.slice(bang + 1) };
}

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
export function queueNamedValues(items: readonly Excel.NamedItem[], names: readonly string[], sheets: readonly Excel.Worksheet[] = []): QueuedNamedValues {
  const byName = new Map(items.map((item) => [nameKey(item.name), item]));
  const known = new Map<string, NamedValueResult>();
  const ranges = new Map<string, Excel.Range>();
  // Sheet-level names, loaded in the same round trip as the cells: one load per sheet, not per name.
  const local = names.length === 0 ? [] : sheets.map((sheet) => ({ sheet, names: sheet.names.load("items/name,items/value") }));
  for (const name of names) {
    if (known.has(name) || ranges.has(name)) continue;
    const item = byName.get(nameKey(name));
    if (item === undefined || item.type === "Error") {
      known.set(name, "missing");
    } else if (item.type === "Range" && isMultiCell(String(item.value))) {
      known.set(name, { ambiguous: rangeTrouble(name, String(item.value)) });
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
    needsSync: ranges.size > 0 || local.length > 0,
    collect(): Map<string, NamedValueResult> {
      const scoped = indexDefinitions<NameDefinition>(
        local.flatMap(({ sheet, names: collection }) => collection.items.map((n) => ({ name: n.name, scope: sheet.name, ref: String(n.value) }))),
      );
      const result = new Map<string, NamedValueResult>();
      for (const name of names) {
        if (result.has(name)) continue;
        const twins = scoped.get(nameKey(name));
        const item = byName.get(nameKey(name));
        if (twins !== undefined) {
          const found = lookupDefinition([...(item ? [{ name: item.name, ref: String(item.value) }] : []), ...twins], name);
          if (found.kind === "ambiguous") {
            result.set(name, { ambiguous: found.trouble });
            continue;
          }
        }
        const range = ranges.get(name);
        if (range === undefined) {
          result.set(name, known.get(name) ?? "missing");
        } else if (range.isNullObject) {
          result.set(name, "missing");
        } else {
          const got = cellValue(range.values[0]?.[0], range.formulas[0]?.[0], range.valueTypes[0]?.[0]);
          const where = got.formula === undefined || item === undefined ? undefined : splitAddress(String(item.value));
          result.set(name, where ? { ...got, ...where } : got);
        }
      }
      return result;
    },
  };
}

/**
 * The values of `names` in 2 round trips whatever their number; "missing" for absent or broken
 * names, ambiguous ones (over several cells, or with a sheet-level twin) reported as such.
 */
export async function readNamedValues(context: Excel.RequestContext, names: readonly string[]): Promise<Map<string, NamedValueResult>> {
  const collection = context.workbook.names;
  collection.load(NAME_ITEM_PROPERTIES);
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  const queued = queueNamedValues(collection.items, names, sheets.items);
  if (queued.needsSync) await context.sync();
  return queued.collect();
}
