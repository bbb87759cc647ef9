/**
 * The CLI's .xlsx adapter. It lives in src/xlsx/workbook.ts, shared with the task pane's
 * split and merge; these names stay importable from here.
 */
export { readName, readPreserved, writeLayoutToWorkbook, writeNamedValues, writeSheets, type NamedValue, type XlsxWriteResult } from "../xlsx/workbook";
