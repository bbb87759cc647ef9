/**
 * The quarterly report on the .xlsx side (exceljs), shared by `dti report` and the task pane: a
 * sheet's values as a plain grid (for the rows of "Nhiệm vụ" and "Nhật ký gộp"), and the report's
 * sheets as a new workbook. No Node API: the pane loads this with the .xlsx chunk.
 */
import ExcelJS from "exceljs";
import type { RawCell } from "../layout/quarterly-report";
import type { SheetLayout } from "../layout/model";
import { writeSheets } from "./workbook";

function plain(v: ExcelJS.CellValue): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean" || v instanceof Date) return v;
  if ("error" in v) return null;
  if ("formula" in v || "sharedFormula" in v) {
    const r = (v as ExcelJS.CellFormulaValue).result;
    return r === undefined || r === null || (typeof r === "object" && !(r instanceof Date)) ? null : r;
  }
  if ("richText" in v) return v.richText.map((t) => t.text).join("");
  if ("text" in v) return String((v as { text: unknown }).text);
  return null;
}

/** The values of a worksheet, row by row from A1 (rows and columns 0-based). */
export function sheetGrid(ws: ExcelJS.Worksheet): RawCell[][] {
  const grid: RawCell[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const cells: RawCell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      cells[c - 1] = plain(cell.value);
    });
    grid[r - 1] = Array.from(cells, (x) => x ?? null);
  });
  return Array.from(grid, (row) => row ?? []);
}

/** A new workbook holding the report's sheets. */
export async function reportWorkbook(sheets: readonly SheetLayout<string>[]): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "DTI Workbench";
  await writeSheets(wb, sheets);
  return wb;
}

/** The report as .xlsx bytes, for the pane's download. */
export async function reportBytes(sheets: readonly SheetLayout<string>[]): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await (await reportWorkbook(sheets)).xlsx.writeBuffer());
}
