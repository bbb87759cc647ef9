/**
 * Indicator sets in .xlsx files (exceljs): the sheet "Bộ chỉ số" of a file written by
 * `dti catalog --xlsx` and edited by a province, or of a template made from a set that is not
 * built in (it carries its set). The layout of the sheet and its checks are host-neutral
 * (../layout/set-sheet.ts); this file only finds the sheet and hands its values over.
 */
import ExcelJS from "exceljs";
import { getIndicatorSet } from "../catalog";
import { setProblemsText, type ParseResult } from "../catalog/load";
import type { IndicatorSet } from "../catalog/schema";
import { isIndicatorSetSheet, parseIndicatorSetSheet, SET_SHEET_NAME, SET_SHEET_TITLE } from "../layout/set-sheet";
import { DtiError } from "../engine/errors";
import { openXlsx } from "./open-xlsx";

/** A cell as the plain value Office.js would give: formulas by their result, rich text as its text, dates as serial numbers. */
function plain(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return (value.getTime() - Date.UTC(1899, 11, 30)) / 86400000;
  if ("richText" in value) return value.richText.map((t) => t.text).join("");
  if ("formula" in value || "sharedFormula" in value) return plain((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ("error" in value) return String(value.error);
  if ("text" in value) return String((value as { text: unknown }).text);
  return null;
}

/**
 * The column numbers of the cells exceljs holds for a row, in order, without visiting the gaps.
 * exceljs keeps a row's cells in an array indexed by column; one cell in column XFD makes it a
 * sparse array that its own eachCell and eachRow (forEach, lodash some) walk slot by slot:
 * 20 000 such rows took a minute. Object.keys lists only the slots that hold a cell. `_cells`
 * is internal to exceljs (pinned ^4.4, unchanged since 2020), so when it is not there the
 * public eachCell is used instead.
 */
function cellColumns(row: ExcelJS.Row): number[] {
  const cells = (row as unknown as { _cells?: unknown })._cells;
  if (Array.isArray(cells)) return Object.keys(cells).map(Number).filter((n) => Number.isInteger(n) && n >= 0).map((n) => n + 1);
  const out: number[] = [];
  row.eachCell({ includeEmpty: false }, (_cell, col) => out.push(col));
  return out;
}

/**
 * The values of a worksheet, row by row from A1. Rows stay sparse (a cell typed in column XFD
 * is one entry, not 16 384: 20 000 of them used to take 2.8 GB); the reader
 * (../layout/set-sheet.ts) visits only the cells a row holds. Missing rows are empty arrays.
 */
export function worksheetGrid(ws: ExcelJS.Worksheet): unknown[][] {
  const grid: unknown[][] = [];
  // findRow, not eachRow: eachRow asks each row hasValues, which walks every slot of it.
  const last = ws.rowCount;
  for (let r = 1; r <= last; r++) {
    const row = ws.findRow(r);
    const cells: unknown[] = [];
    for (const col of row ? cellColumns(row) : []) {
      const value = plain(row?.findCell(col)?.value ?? null);
      if (value !== null) cells[col - 1] = value;
    }
    grid.push(cells);
  }
  return grid;
}

/** The sheet holding a set: the one named "Bộ chỉ số", else the first whose A1 is the set sheet's title. */
export function findSetWorksheet(wb: ExcelJS.Workbook): ExcelJS.Worksheet | undefined {
  const wanted = SET_SHEET_NAME.toLocaleLowerCase("vi");
  const named = wb.worksheets.find((ws) => ws.name.toLocaleLowerCase("vi") === wanted);
  if (named) return named;
  return wb.worksheets.find((ws) => isIndicatorSetSheet([[plain(ws.getCell(1, 1).value)]]));
}

/** The set a workbook holds, checked; null when it has no set sheet. */
export function readSetFromWorkbook(wb: ExcelJS.Workbook, file: string, options: { readonly draft?: boolean } = {}): ParseResult | null {
  const ws = findSetWorksheet(wb);
  if (!ws) return null;
  return parseIndicatorSetSheet(worksheetGrid(ws), { file, sheet: ws.name }, options.draft ? { draft: true } : {});
}

/** Why a workbook has no set sheet, for messages. */
export function noSetSheet(file: string): string {
  return `${file}: không có trang "${SET_SHEET_NAME}" (hoặc trang nào có tiêu đề "${SET_SHEET_TITLE}" ở ô A1) chứa bộ chỉ số. Tạo tệp bộ chỉ số bằng: npm run -s dti -- catalog --set <mã bộ> --xlsx -o <tệp.xlsx>.`;
}

/** Throws DtiError("invalid-input") listing every problem when the set is not valid. */
export function validSet(parsed: ParseResult, file: string, warnings?: string[]): IndicatorSet {
  if ("set" in parsed) {
    warnings?.push(...(parsed.warnings ?? []));
    return parsed.set;
  }
  throw new DtiError("invalid-input", setProblemsText(file, parsed));
}

/**
 * Reads and checks the set of an .xlsx file. Throws DtiError: "unreadable-input" when the file
 * cannot be opened (missing, not xlsx, corrupt, password-protected), "invalid-input" when it has
 * no set sheet or the set is not valid (every problem listed with its cell).
 */
export async function loadIndicatorSetWorkbook(file: string, options: { readonly draft?: boolean; readonly warnings?: string[] } = {}): Promise<IndicatorSet> {
  const opened = await openXlsx(file, { valuesOnly: true });
  if ("error" in opened) throw new DtiError("unreadable-input", opened.error);
  const parsed = readSetFromWorkbook(opened.workbook, file, options);
  if (parsed === null) throw new DtiError("invalid-input", noSetSheet(file));
  return validSet(parsed, file, options.warnings);
}

/**
 * Finds sets by id for a workbook: the registered sets, else the set the workbook carries in its
 * sheet "Bộ chỉ số" (when it is valid and has that id). For commands that take a template of any
 * set and resolve its DTI_META id through a callback (`workbookMeta` of src/xlsx/parts.ts).
 */
export function setsKnownTo(wb: ExcelJS.Workbook, file: string): (id: string) => IndicatorSet | undefined {
  let carried: IndicatorSet | null | undefined;
  return (id) => {
    const known = getIndicatorSet(id);
    if (known) return known;
    if (carried === undefined) {
      const parsed = readSetFromWorkbook(wb, file);
      carried = parsed !== null && "set" in parsed ? parsed.set : null;
    }
    return carried?.id === id ? carried : undefined;
  };
}
