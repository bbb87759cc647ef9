/**
 * Appends merge-log rows (layout/merge-log.ts) to the sheet "Nhật ký gộp" of a workbook in
 * exceljs: created with its header the first time, protected like the template's sheets (no
 * password), kept as it is by `template --update` (a sheet the template does not own).
 */
import type ExcelJS from "exceljs";
import { MERGE_LOG_HEADERS, MERGE_LOG_SHEET, MERGE_LOG_WIDTHS } from "../layout/merge-log";
import type { CellContent } from "../layout/model";

export async function appendMergeLog(wb: ExcelJS.Workbook, rows: readonly (readonly CellContent[])[]): Promise<number> {
  if (rows.length === 0) return 0;
  let ws = wb.getWorksheet(MERGE_LOG_SHEET);
  if (!ws) {
    ws = wb.addWorksheet(MERGE_LOG_SHEET, { views: [{ state: "frozen", ySplit: 1 }] });
    const header = ws.addRow([...MERGE_LOG_HEADERS]);
    header.font = { bold: true };
    MERGE_LOG_WIDTHS.forEach((w, i) => (ws!.getColumn(i + 1).width = w));
    await ws.protect("", { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, autoFilter: true, sort: true });
  }
  for (const row of rows) ws.addRow(row.map((v) => (v === null || typeof v === "object" ? null : v)));
  return rows.length;
}
