/**
 * Reads an indicator set from a sheet of the open workbook ("Bộ chỉ số", as `dti catalog --xlsx`
 * writes it or as a template of a set that is not built in carries it), in two round trips
 * (the sheet, then its used range), whatever its size. The layout of the sheet and
 * its checks are host-neutral (../layout/set-sheet.ts); this adapter only hands the values over.
 *
 * Nothing here touches an Office global; everything goes through the request context.
 */
import type { ParseResult } from "../catalog/load";
import { parseIndicatorSetSheet, SET_SHEET_NAME } from "../layout/set-sheet";

/**
 * The set on sheet `sheetName` (default "Bộ chỉ số"), checked: the set, or every problem with
 * its cell ('Bộ chỉ số'!L14), in Vietnamese. A missing or empty sheet is an error too.
 */
export async function readIndicatorSetSheet(context: Excel.RequestContext, sheetName: string = SET_SHEET_NAME): Promise<ParseResult> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(sheetName);
  sheet.load("name");
  await context.sync();
  if (sheet.isNullObject) return { errors: [`Sổ làm việc không có trang "${sheetName}" chứa bộ chỉ số.`] };
  // A second round trip rather than a method called on a possibly null worksheet, whose
  // behaviour Office.js does not document.
  const used = sheet.getUsedRangeOrNullObject(true);
  used.load("values,rowIndex,columnIndex");
  await context.sync();
  if (used.isNullObject) return { errors: [`Trang "${sheet.name}" trống: không có bộ chỉ số.`] };
  // The used range starts at its first used cell; the reader counts rows and columns from A1.
  const pad = (n: number): null[] => Array.from({ length: n }, () => null);
  const grid: unknown[][] = [...Array.from({ length: used.rowIndex }, () => []), ...used.values.map((row) => [...pad(used.columnIndex), ...row])];
  return parseIndicatorSetSheet(grid, { sheet: sheet.name });
}
