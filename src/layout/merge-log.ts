/**
 * The merge log ("Nhật ký gộp", issue 11 point 4): every merge, CLI or pane, appends one row per
 * value it wrote into the master — when, the period, the agency, the part's file, the defined
 * name and the master's cell, the old value and the new one — so nothing a merge overwrote is
 * forgotten. Host-neutral rows here; the hosts append them (src/xlsx/merge-log.ts, the pane).
 */
import type { MergeWrite } from "./merge";
import type { CellContent } from "./model";

export const MERGE_LOG_SHEET = "Nhật ký gộp";

export const MERGE_LOG_HEADERS = ["Thời gian gộp", "Kỳ báo cáo", "Cơ quan", "Tệp phần", "Tên ô", "Ô trong sổ", "Giá trị cũ", "Giá trị mới"] as const;

export const MERGE_LOG_WIDTHS = [20, 14, 28, 28, 26, 24, 18, 18] as const;

/** A written value as the log shows it: the value itself; an emptied cell as "(ô trống)". */
function logged(value: CellContent | undefined): CellContent {
  if (value === undefined || value === null || value === "") return "(ô trống)";
  return typeof value === "object" ? null : value;
}

/**
 * The rows a merge appends: one per value written, in the order written. `when` is the time of
 * the merge as people read it ("04/12/2026 15:05"), `period` the master's period (or "").
 */
export function mergeLogRows(written: readonly MergeWrite[], when: string, period: string): CellContent[][] {
  return written.map((w) => [when, period, w.agency, w.file, w.name, readableCell(w.masterCell), logged(w.current), logged(w.value)]);
}

/**
 * "Chỉ số DTI 2022!G40" for "'Chỉ số DTI 2022'!G40": without Excel's quotes, which a cell would
 * take as its text prefix (Excel hides a leading apostrophe) and people do not need.
 */
function readableCell(cell: string | undefined): string {
  if (cell === undefined) return "";
  const quoted = /^'((?:[^']|'')*)'!(.*)$/u.exec(cell);
  return quoted ? `${(quoted[1] ?? "").replace(/''/g, "'")}!${quoted[2] ?? ""}` : cell;
}

/** "04/12/2026 15:05", the local time of a merge. */
export function logTime(date: Date): string {
  const two = (n: number): string => String(n).padStart(2, "0");
  return `${two(date.getDate())}/${two(date.getMonth() + 1)}/${date.getFullYear()} ${two(date.getHours())}:${two(date.getMinutes())}`;
}
