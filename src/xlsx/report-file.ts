/**
 * The quarterly report as the task pane makes it, from the open workbook's figures and the raw
 * rows of "Nhiệm vụ" and "Nhật ký gộp": the report (../layout/quarterly-report.ts), its book
 * (../layout/report-book.ts) and the .xlsx bytes. The pane loads this module, and with it the
 * report's layout and exceljs, only when "Lập báo cáo quý" is pressed (the .xlsx chunk), so
 * the pane's first load does not carry them (test/e2e/deploy.test.ts budgets).
 */
import { buildQuarterlyReport, mergeLogFromGrid, tasksFromGrid, type RawCell, type ReportInput } from "../layout/quarterly-report";
import { buildReportBook, type FindingText } from "../layout/report-book";
import { reportBytes } from "./report-book";

export interface ReportFileInput extends Omit<ReportInput, "tasks" | "log"> {
  /** The values of "Nhiệm vụ" and "Nhật ký gộp" from A1; null when the workbook has no such sheet. */
  readonly tasksGrid: readonly (readonly RawCell[])[] | null;
  readonly logGrid: readonly (readonly RawCell[])[] | null;
}

/** The report's .xlsx and the number of open problems it lists. */
export async function quarterlyReportFile(input: ReportFileInput, text: FindingText): Promise<{ readonly bytes: Uint8Array<ArrayBuffer>; readonly problems: number }> {
  const { tasksGrid, logGrid, ...rest } = input;
  const report = buildQuarterlyReport({ ...rest, tasks: tasksGrid ? tasksFromGrid(tasksGrid) : null, log: logGrid ? mergeLogFromGrid(logGrid) : null });
  return { bytes: await reportBytes(buildReportBook(report, text)), problems: report.problems.length };
}
