/**
 * What the task pane's split and merge need of the open workbook, in two round trips
 * whatever the number of names: the file's name (recorded in the parts), DTI_META!B3 (plain
 * formulas or DTI.* functions), what the named cells hold and where those cells are.
 *
 * Nothing here touches an Office global; everything goes through the request context.
 */
import { sheetNames } from "../layout/names";
import { NAME_ITEM_PROPERTIES, queueNamedValues, type NamedValueResult } from "./read-names";

export interface OpenTemplate {
  /** `Workbook.name`: "so-tong-hop.xlsx", or "Book1" for a workbook never saved. */
  readonly fileName: string;
  /** What DTI_META!B3 holds ("portable" or "functions"), undefined without that sheet. */
  readonly formulasCell: unknown;
  readonly values: ReadonlyMap<string, NamedValueResult>;
  /**
   * Where each name that refers to a range points ("'Chỉ số DTI 2022'!$G$51"), as the names
   * collection gives it in the same round trip: the merge preview names the cells it replaces.
   */
  readonly refs: ReadonlyMap<string, string>;
  /** The workbook's names that `matching` picked (read too, in the same round trips), as the workbook spells them. */
  readonly matched: readonly string[];
}

/**
 * `matching`: names to read besides `names` that only the workbook knows (the rows of its
 * Nhiệm vụ, DTI_TASK_<no>_…, as many as it has), picked from the names collection loaded anyway.
 */
export async function readTemplate(context: Excel.RequestContext, wanted: readonly string[], matching?: (name: string) => boolean): Promise<OpenTemplate> {
  const workbook = context.workbook;
  workbook.load("name");
  const collection = workbook.names;
  collection.load(NAME_ITEM_PROPERTIES);
  // DTI_META's name does not depend on the set's year; a workbook without it gives a null object.
  const formulas = workbook.worksheets.getItemOrNullObject(sheetNames(0).meta).getRange("B3");
  formulas.load("values");
  await context.sync();
  const matched = matching ? collection.items.map((item) => item.name).filter(matching) : [];
  const names = [...wanted, ...matched];
  const queued = queueNamedValues(collection.items, names);
  if (queued.needsSync) await context.sync();
  const byName = new Map(collection.items.map((item) => [item.name.toLowerCase(), item]));
  const refs = new Map<string, string>();
  for (const name of names) {
    const item = byName.get(name.toLowerCase());
    if (item?.type === "Range" && typeof item.value === "string") refs.set(name, item.value);
  }
  return {
    fileName: workbook.name,
    formulasCell: formulas.isNullObject ? undefined : formulas.values[0]?.[0],
    values: queued.collect(),
    refs,
    matched,
  };
}
