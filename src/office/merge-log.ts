/**
 * Appends merge-log rows (layout/merge-log.ts) to the sheet "Nhật ký gộp" of the open workbook,
 * as the CLI does in the .xlsx (src/xlsx/merge-log.ts): created with its header the first time
 * and protected without a password; later rows go below the last one, the sheet unprotected
 * and protected again with its own options in the same batch. Two round trips to create the
 * sheet, three to append, however many rows.
 */
import { MERGE_LOG_HEADERS, MERGE_LOG_SHEET, MERGE_LOG_WIDTHS } from "../layout/merge-log";
import { columnLetter, type CellContent } from "../layout/model";
import { queueUnprotected } from "./protection";

type Plain = string | number | boolean;

const plain = (v: CellContent): Plain => (v === null || typeof v === "object" ? "" : v);

const LOG_PROTECTION: Excel.WorksheetProtectionOptions = {
  allowFormatColumns: true,
  allowFormatRows: true,
  allowAutoFilter: true,
  allowSort: true,
};

export async function appendMergeLog(context: Excel.RequestContext, rows: readonly (readonly CellContent[])[]): Promise<number> {
  if (rows.length === 0) return 0;
  const width = MERGE_LOG_HEADERS.length;
  const last = columnLetter(width - 1);
  const values = rows.map((r) => Array.from({ length: width }, (_, c) => plain(r[c] ?? null)));
  const existing = context.workbook.worksheets.getItemOrNullObject(MERGE_LOG_SHEET);
  existing.load("name");
  await context.sync();

  if (existing.isNullObject) {
    const ws = context.workbook.worksheets.add(MERGE_LOG_SHEET);
    const header = ws.getRange(`A1:${last}1`);
    header.values = [[...MERGE_LOG_HEADERS]];
    header.format.font.bold = true;
    ws.getRange(`A2:${last}${rows.length + 1}`).values = values;
    MERGE_LOG_WIDTHS.forEach((w, c) => (ws.getRange(`${columnLetter(c)}:${columnLetter(c)}`).format.columnWidth = w * 7));
    ws.freezePanes.freezeRows(1);
    ws.protection.protect(LOG_PROTECTION);
    await context.sync();
    return rows.length;
  }

  const used = existing.getUsedRangeOrNullObject(true);
  used.load(["rowIndex", "rowCount"]);
  existing.protection.load(["protected", "options"]);
  await context.sync();
  const next = used.isNullObject ? 1 : used.rowIndex + used.rowCount + 1;
  const write = (): void => {
    existing.getRange(`A${next}:${last}${next + rows.length - 1}`).values = values;
  };
  if (existing.protection.protected) queueUnprotected([{ ws: existing, options: existing.protection.options }], write);
  else write();
  await context.sync();
  return rows.length;
}
