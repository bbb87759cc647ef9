/**
 * What the quarterly report needs of the open workbook beyond the scored inputs: the values of
 * two sheets ("Nhiệm vụ" and "Nhật ký gộp", whole, as grids) and a few named cells (the calendar,
 * the published and previous-period figures, the part marker). Two round trips whatever the
 * number of rows: one for the names collection and both sheets' used ranges, one for the cells
 * behind the names.
 */
import type { RawCell } from "../layout/quarterly-report";
import { NAME_ITEM_PROPERTIES, queueNamedValues, type NamedValueResult } from "./read-names";

export interface ReportSources {
  /** The sheets' values from their first used cell; null when the workbook has no such sheet (or it is empty). */
  readonly grids: ReadonlyMap<string, RawCell[][] | null>;
  readonly values: ReadonlyMap<string, NamedValueResult>;
}

export async function readReportSources(context: Excel.RequestContext, sheets: readonly string[], names: readonly string[]): Promise<ReportSources> {
  const collection = context.workbook.names;
  collection.load(NAME_ITEM_PROPERTIES);
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  // A missing sheet gives a null object, and so does its used range: no extra round trip.
  const used = sheets.map((name) => {
    const range = worksheets.getItemOrNullObject(name).getUsedRangeOrNullObject(true);
    range.load("values");
    return { name, range };
  });
  await context.sync();
  const queued = queueNamedValues(collection.items, names, worksheets.items);
  if (queued.needsSync) await context.sync();
  const grids = new Map<string, RawCell[][] | null>();
  for (const { name, range } of used) {
    grids.set(
      name,
      range.isNullObject ? null : (range.values as unknown[][]).map((row) => row.map((v) => (typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : null))),
    );
  }
  return { grids, values: queued.collect() };
}
