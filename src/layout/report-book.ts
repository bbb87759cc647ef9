/**
 * The workbook of the quarterly report (./quarterly-report.ts), as layouts the .xlsx writer and
 * the pane write: five sheets in Vietnamese, readable on paper (A4 landscape, one page wide, the
 * header row repeated on every page, long text wrapped).
 *
 *   Báo cáo               the period, the due dates, and the figures of each main index and of
 *                         the DTI against the previous period, the targets and the published result
 *   Theo đơn vị           per responsible agency: its indicators by state, its tasks at the due
 *                         date, whether its part came back on time
 *   Chỉ số theo đơn vị    each indicator an agency leads, with its points, target and state
 *   Nhiệm vụ theo đơn vị  each task an agency leads, with its deadline, status, progress and
 *                         state at the due date
 *   Vấn đề cần xử lý      the open problems to escalate, each naming the agency and the
 *                         indicator or task
 *
 * Figures are plain values (the engine's, as `dti score` reports them); differences are plain
 * formulas (this column minus that one) carrying the exact difference as their cached result, so
 * the book opens in any Excel or LibreOffice and a reader can check every subtraction.
 */
import { formatDate } from "../catalog/calendar";
import { formatPeriod } from "../catalog/period";
import { Decimal } from "../engine/rules";
import { GridSheet, HEADER } from "./grid-sheet";
import { columnLetter, type SheetLayout } from "./model";
import type { AgencyLine, IndicatorState, PartState, Problem, QuarterlyReport, TaskState } from "./quarterly-report";
import type { Finding } from "./validate";

export const REPORT_SHEETS = {
  report: "Báo cáo",
  agencies: "Theo đơn vị",
  indicators: "Chỉ số theo đơn vị",
  tasks: "Nhiệm vụ theo đơn vị",
  problems: "Vấn đề cần xử lý",
} as const;

export type ReportRole = keyof typeof REPORT_SHEETS;

/** Shown where a figure is not known (not typed, not applicable). */
export const NONE = "—";

export const INDICATOR_STATE_LABEL: Record<IndicatorState, string> = {
  complete: "Đủ",
  missing: "Thiếu số liệu",
  invalid: "Không hợp lệ",
  "no-evidence": "Thiếu tài liệu kiểm chứng",
  unscored: "Theo dõi, không chấm điểm",
};

export const TASK_STATE_LABEL: Record<TaskState, string> = { done: "Hoàn thành", "on-track": "Đúng tiến độ", overdue: "Quá hạn" };

export const PART_STATE_LABEL: Record<PartState, string> = {
  "on-time": "Đúng hạn",
  late: "Muộn",
  "not-received": "Chưa nhận (quá hạn)",
  "not-due": "Chưa nhận (chưa đến hạn)",
};

export const PROBLEM_LABEL: Record<Problem["kind"], string> = {
  "part-not-received": "Chưa gửi số liệu",
  "part-late": "Gửi số liệu muộn",
  invalid: "Số liệu không hợp lệ",
  missing: "Thiếu số liệu",
  "no-evidence": "Thiếu tài liệu kiểm chứng",
  "overdue-task": "Nhiệm vụ quá hạn",
  "unread-deadline": "Nhiệm vụ có hạn không đọc được",
};

/** Renders a finding of the workbook check in Vietnamese (src/i18n/findings.ts: findingText(f, "vi")). */
export type FindingText = (f: Finding) => string;

const diff = (a: number, b: number): number => new Decimal(a).minus(b).toNumber();

/** A number as Vietnamese text, rounded: "435,93". */
const comma = (n: number | Decimal, places: number): string => new Decimal(n).toDecimalPlaces(places).toFixed(places).replace(".", ",");

/**
 * Printed A4 landscape, one page wide, with the header row on every page; each text row in
 * `notes` (1-based) is merged across the table's width and wrapped, `lines` lines high, so a
 * long sentence stays on the page instead of running past the last column.
 */
function print<Role extends string>(layout: SheetLayout<Role>, headerRow: number, notes: readonly { row: number; lines: number }[] = []): SheetLayout<Role> {
  const lastColumn = columnLetter(layout.columnWidths.length - 1);
  const heights: Record<number, number> = { ...(layout.rowHeights ?? {}) };
  for (const n of notes) if (n.lines > 1) heights[n.row] = 15 * n.lines;
  return {
    ...layout,
    merges: [...layout.merges, ...notes.map((n) => `A${n.row}:${lastColumn}${n.row}`)],
    formats: [...layout.formats, ...notes.map((n) => ({ ref: `A${n.row}`, format: { wrap: true, vertical: "top" as const } }))],
    rowHeights: heights,
    print: { landscape: true, repeatRows: `${headerRow}:${headerRow}` },
  };
}

const FIGURE_HEADER = [
  "Chỉ số chính",
  "Điểm tối đa",
  "Điểm kỳ này",
  "Giá trị chỉ số kỳ này (0–1)",
  "Điểm kỳ trước",
  "Thay đổi so với kỳ trước (điểm)",
  "Chỉ tiêu năm (điểm)",
  "Còn thiếu so với chỉ tiêu (điểm)",
  "Kết quả Bộ công bố (0–1)",
  "Chênh lệch với kết quả công bố",
  "Số chỉ số chưa tính được điểm",
] as const;

function reportSheet(r: QuarterlyReport): SheetLayout<ReportRole> {
  const s = new GridSheet<ReportRole>(REPORT_SHEETS.report, "report");
  const period = formatPeriod(r.period);
  s.put(1, 1, `BÁO CÁO KẾT QUẢ CHỈ SỐ CHUYỂN ĐỔI SỐ (DTI) — ${period.toLocaleUpperCase("vi")}`);
  s.format("A1", { bold: true });
  const facts: [string, string][] = [
    ["Đơn vị", r.unit],
    ["Kỳ báo cáo", period],
    ["Bộ chỉ số", r.setId],
    ["Lịch báo cáo", r.calendar.name],
    ["Hạn các cơ quan gửi Sở TTTT", formatDate(r.agenciesDue)],
    ["Hạn Sở TTTT báo cáo Ban Điều hành", formatDate(r.coordinatorDue)],
    ["Nhiệm vụ được xét tại ngày", `${formatDate(r.tasksAsOf)} (hạn Sở TTTT báo cáo của kỳ)`],
    ["Ngày lập báo cáo", formatDate(r.today)],
    ["Tổng điểm", `${comma(r.summary.total, 2)} / ${r.summary.maxTotal}`],
    ["Chỉ số DTI", r.summary.indexDisplay],
  ];
  facts.forEach(([label, value], n) => {
    s.put(2 + n, 1, label);
    s.put(2 + n, 2, value);
  });
  s.format(`A2:A${1 + facts.length}`, { bold: true });
  let row = 3 + facts.length;
  s.put(row, 1, "KẾT QUẢ THEO CHỈ SỐ CHÍNH");
  s.format(`A${row}`, { bold: true });
  row++;
  s.put(
    row,
    1,
    `Điểm là kết quả tính của sổ tổng hợp (như "dti score"); chỉ số chưa tính được điểm không cộng vào tổng, được đếm ở cột cuối. Kỳ trước: ${r.lastPeriod ?? "số liệu kỳ trước ghi ở Tổng hợp"}. Chỉ tiêu năm: tổng chỉ tiêu của các chỉ số (trang Chỉ số). Kết quả Bộ công bố: giá trị chỉ số (0–1) ghi ở Tổng hợp. "${NONE}": chưa có số liệu.`,
  );
  s.format(`A${row}`, { italic: true });
  const explain = row;
  row++;
  const headerRow = row;
  FIGURE_HEADER.forEach((label, n) => s.put(headerRow, n + 1, label));
  s.format(`A${headerRow}:${columnLetter(FIGURE_HEADER.length - 1)}${headerRow}`, { ...HEADER, border: true });
  const first = headerRow + 1;
  r.figures.forEach((f, k) => {
    const at = first + k;
    const cell = (c: string): string => `${c}${at}`;
    s.put(at, 1, f.label);
    s.put(at, 2, f.maxPoints);
    s.put(at, 3, f.score);
    s.put(at, 4, f.index ?? NONE);
    s.put(at, 5, f.last ?? NONE);
    s.put(at, 6, f.last === null ? NONE : { f: `${cell("C")}-${cell("E")}`, result: diff(f.score, f.last) });
    s.put(at, 7, f.target ?? NONE);
    s.put(at, 8, f.target === null ? NONE : { f: `${cell("G")}-${cell("C")}`, result: diff(f.target, f.score) });
    s.put(at, 9, f.published ?? NONE);
    s.put(at, 10, f.published === null || f.index === null ? NONE : { f: `${cell("D")}-${cell("I")}`, result: diff(f.index, f.published) });
    s.put(at, 11, f.incomplete.length);
  });
  const last = first + r.figures.length - 1;
  s.format(`A${first}:K${last}`, { border: true, vertical: "top" });
  s.format(`A${first}:A${last}`, { wrap: true });
  s.format(`B${first}:C${last}`, { numberFormat: "0.00" });
  s.format(`D${first}:D${last}`, { numberFormat: "0.0000" });
  s.format(`E${first}:H${last}`, { numberFormat: "0.00" });
  s.format(`I${first}:J${last}`, { numberFormat: "0.0000" });
  s.format(`B${first}:K${last}`, { horizontal: "right" });
  s.format(`A${last}:K${last}`, { bold: true });
  row = last + 2;
  const notes: string[] = [];
  const total = r.figures[r.figures.length - 1];
  if (total && total.lastIndex !== null) {
    const change = new Decimal(total.index ?? 0).minus(total.lastIndex);
    notes.push(`Chỉ số DTI kỳ trước: ${comma(total.lastIndex, 4)}; kỳ này: ${r.summary.indexDisplay}; thay đổi: ${change.isNegative() ? "−" : "+"}${comma(change.abs(), 4)}.`);
  }
  const partial = r.figures.filter((f) => f.target !== null && f.targetsTyped < f.targetsOf);
  if (partial.length) notes.push(`Chỉ tiêu năm là tổng chỉ tiêu đã nhập của các chỉ số; chưa nhập đủ ở: ${partial.map((f) => `${f.id === "total" ? "tổng" : f.id} (${f.targetsTyped}/${f.targetsOf} chỉ số)`).join("; ")}.`);
  // The counts of the other sheets, so the first page says what the rest holds.
  const count = (state: PartState): number => r.agencies.filter((a) => a.hasPart && a.part.state === state).length;
  const withPart = r.agencies.filter((a) => a.hasPart).length;
  notes.push(
    r.hasLog
      ? `Số liệu các cơ quan (theo Nhật ký gộp): ${count("on-time")}/${withPart} đúng hạn, ${count("late")} muộn, ${count("not-received")} chưa nhận (quá hạn), ${count("not-due")} chưa nhận (chưa đến hạn).`
      : `Sổ chưa có trang Nhật ký gộp (chưa gộp lần nào): chưa ghi nhận số liệu nào các cơ quan gửi về.`,
  );
  const tasks = r.agencies.length ? uniqueTasks(r.agencies) : [];
  notes.push(
    r.hasTasks
      ? `Nhiệm vụ tại ngày ${formatDate(r.tasksAsOf)}: ${tasks.filter((t) => t === "done").length} hoàn thành, ${tasks.filter((t) => t === "on-track").length} đúng tiến độ, ${tasks.filter((t) => t === "overdue").length} quá hạn (chi tiết ở trang "${REPORT_SHEETS.agencies}").`
      : `Sổ không có trang Nhiệm vụ: không có nhiệm vụ để xét.`,
  );
  notes.push(`Vấn đề cần xử lý: ${r.problems.length} (trang "${REPORT_SHEETS.problems}").`);
  notes.forEach((n, k) => s.put(row + k, 1, n));
  const noteRows = [{ row: explain, lines: 2 }, ...notes.map((n, k) => ({ row: row + k, lines: n.length > 150 ? 2 : 1 }))];
  return print(s.layout([34, 10, 11, 12, 11, 13, 11, 13, 12, 13, 12], { rows: 0, columns: 0 }, { [headerRow]: 48 }), headerRow, noteRows);
}

/** Each task once (a task led by two agencies is listed under both), by its row. */
function uniqueTasks(agencies: readonly AgencyLine[]): TaskState[] {
  const byRow = new Map<number, TaskState>();
  for (const a of agencies) for (const t of a.tasks) byRow.set(t.row, t.state);
  return [...byRow.values()];
}

const AGENCY_HEADER = [
  "STT",
  "Cơ quan",
  "Chỉ số chủ trì",
  "Đủ",
  "Thiếu số liệu",
  "Không hợp lệ",
  "Thiếu tài liệu kiểm chứng",
  "Nhiệm vụ chủ trì",
  "Hoàn thành",
  "Đúng tiến độ",
  "Quá hạn",
  "Số liệu gửi Sở TTTT",
  "Ngày gộp (theo Nhật ký gộp)",
  "Tệp",
] as const;

function agencySheet(r: QuarterlyReport): SheetLayout<ReportRole> {
  const s = new GridSheet<ReportRole>(REPORT_SHEETS.agencies, "agencies");
  s.put(1, 1, `TÌNH HÌNH THEO CƠ QUAN CHỦ TRÌ — ${formatPeriod(r.period)}`);
  s.format("A1", { bold: true });
  s.put(
    2,
    1,
    `Nhiệm vụ xét tại ngày ${formatDate(r.tasksAsOf)}: quá hạn khi hạn hoàn thành trước ngày đó mà chưa "Hoàn thành". Số liệu đúng hạn khi lần gộp đầu tiên của kỳ (Nhật ký gộp) không sau ${formatDate(r.agenciesDue)}.`,
  );
  s.format("A2", { italic: true });
  const headerRow = 4;
  AGENCY_HEADER.forEach((label, n) => s.put(headerRow, n + 1, label));
  s.format(`A${headerRow}:N${headerRow}`, { ...HEADER, border: true });
  r.agencies.forEach((a, k) => {
    const at = headerRow + 1 + k;
    const states = (st: IndicatorState): number => a.indicators.filter((i) => i.state === st).length;
    const tasks = (st: TaskState): number => a.tasks.filter((t) => t.state === st).length;
    s.put(at, 1, k + 1);
    s.put(at, 2, a.agency);
    s.put(at, 3, a.indicators.length);
    s.put(at, 4, states("complete"));
    s.put(at, 5, states("missing"));
    s.put(at, 6, states("invalid"));
    s.put(at, 7, states("no-evidence"));
    s.put(at, 8, a.tasks.length);
    s.put(at, 9, tasks("done"));
    s.put(at, 10, tasks("on-track"));
    s.put(at, 11, tasks("overdue"));
    s.put(at, 12, a.hasPart ? PART_STATE_LABEL[a.part.state] : "Không có phần số liệu");
    s.put(at, 13, a.part.first ? (a.part.last && a.part.last !== a.part.first && formatDate(a.part.last) !== formatDate(a.part.first) ? `${formatDate(a.part.first)} – ${formatDate(a.part.last)}` : formatDate(a.part.first)) : NONE);
    s.put(at, 14, a.part.files.length ? a.part.files.join(", ") : NONE);
  });
  const last = headerRow + Math.max(1, r.agencies.length);
  s.format(`A${headerRow + 1}:N${last}`, { border: true, vertical: "top" });
  s.format(`B${headerRow + 1}:B${last}`, { wrap: true });
  s.format(`N${headerRow + 1}:N${last}`, { wrap: true });
  s.format(`A${headerRow + 1}:A${last}`, { horizontal: "center" });
  s.format(`C${headerRow + 1}:K${last}`, { horizontal: "center" });
  return print(s.layout([5, 30, 9, 7, 9, 9, 11, 10, 10, 10, 8, 16, 16, 22], { rows: headerRow, columns: 2 }, { [headerRow]: 48 }), headerRow, [{ row: 2, lines: 2 }]);
}

const INDICATOR_HEADER = ["Cơ quan chủ trì", "Chỉ số", "Tên chỉ số", "Điểm", "Điểm tối đa", "Chỉ tiêu năm", "Tình trạng", "Tài liệu kiểm chứng"] as const;

function indicatorSheet(r: QuarterlyReport): SheetLayout<ReportRole> {
  const s = new GridSheet<ReportRole>(REPORT_SHEETS.indicators, "indicators");
  s.put(1, 1, `CHỈ SỐ THEO CƠ QUAN CHỦ TRÌ — ${formatPeriod(r.period)}`);
  s.format("A1", { bold: true });
  s.put(2, 1, `Tình trạng: "Đủ" (có điểm và tài liệu kiểm chứng), "Thiếu số liệu", "Không hợp lệ" (số liệu sai, xem trang "${REPORT_SHEETS.problems}"), "Thiếu tài liệu kiểm chứng" (có điểm nhưng chưa ghi tài liệu).`);
  s.format("A2", { italic: true });
  const headerRow = 4;
  INDICATOR_HEADER.forEach((label, n) => s.put(headerRow, n + 1, label));
  s.format(`A${headerRow}:H${headerRow}`, { ...HEADER, border: true });
  let at = headerRow;
  for (const a of r.agencies) {
    for (const i of a.indicators) {
      at++;
      s.put(at, 1, a.agency);
      s.put(at, 2, i.id);
      s.put(at, 3, i.name);
      s.put(at, 4, i.score ?? NONE);
      s.put(at, 5, i.maxPoints);
      s.put(at, 6, i.target ?? NONE);
      s.put(at, 7, INDICATOR_STATE_LABEL[i.state]);
      s.put(at, 8, i.evidence ?? NONE);
    }
  }
  const last = Math.max(at, headerRow + 1);
  s.format(`A${headerRow + 1}:H${last}`, { border: true, vertical: "top" });
  s.format(`A${headerRow + 1}:A${last}`, { wrap: true });
  s.format(`C${headerRow + 1}:C${last}`, { wrap: true });
  s.format(`H${headerRow + 1}:H${last}`, { wrap: true });
  s.format(`D${headerRow + 1}:F${last}`, { numberFormat: "0.00", horizontal: "right" });
  s.format(`B${headerRow + 1}:B${last}`, { horizontal: "center" });
  return print(s.layout([22, 8, 60, 9, 9, 9, 16, 30], { rows: headerRow, columns: 2 }, { [headerRow]: 32 }), headerRow, [{ row: 2, lines: 2 }]);
}

const TASK_HEADER = ["Cơ quan chủ trì", "STT", "Nhiệm vụ", "Thời gian hoàn thành", "Hạn (ngày)", "Trạng thái", "Tiến độ", "Tình trạng tại ngày xét"] as const;

function taskSheet(r: QuarterlyReport): SheetLayout<ReportRole> {
  const s = new GridSheet<ReportRole>(REPORT_SHEETS.tasks, "tasks");
  s.put(1, 1, `NHIỆM VỤ THEO CƠ QUAN CHỦ TRÌ — ${formatPeriod(r.period)}`);
  s.format("A1", { bold: true });
  s.put(
    2,
    1,
    r.hasTasks
      ? `Xét tại ngày ${formatDate(r.tasksAsOf)} (hạn Sở TTTT báo cáo của kỳ): "Quá hạn" khi hạn trước ngày đó mà chưa "Hoàn thành"; nhiệm vụ có hai cơ quan chủ trì được ghi dưới cả hai. Theo trang Nhiệm vụ của sổ tổng hợp.`
      : "Sổ tổng hợp không có trang Nhiệm vụ: không có nhiệm vụ để xét.",
  );
  s.format("A2", { italic: true });
  const headerRow = 4;
  TASK_HEADER.forEach((label, n) => s.put(headerRow, n + 1, label));
  s.format(`A${headerRow}:H${headerRow}`, { ...HEADER, border: true });
  let at = headerRow;
  for (const a of r.agencies) {
    for (const t of a.tasks) {
      at++;
      s.put(at, 1, a.agency);
      s.put(at, 2, t.stt || NONE);
      s.put(at, 3, t.task);
      s.put(at, 4, t.deadline || NONE);
      s.put(at, 5, t.due ? formatDate(t.due) : NONE);
      s.put(at, 6, t.status || NONE);
      s.put(at, 7, t.progress ?? NONE);
      s.put(at, 8, TASK_STATE_LABEL[t.state]);
    }
  }
  const last = Math.max(at, headerRow + 1);
  s.format(`A${headerRow + 1}:H${last}`, { border: true, vertical: "top" });
  s.format(`A${headerRow + 1}:A${last}`, { wrap: true });
  s.format(`C${headerRow + 1}:C${last}`, { wrap: true });
  s.format(`B${headerRow + 1}:B${last}`, { horizontal: "center" });
  s.format(`D${headerRow + 1}:H${last}`, { horizontal: "center" });
  s.format(`G${headerRow + 1}:G${last}`, { numberFormat: "0%" });
  return print(s.layout([22, 6, 60, 14, 12, 15, 9, 14], { rows: headerRow, columns: 0 }, { [headerRow]: 32 }), headerRow, [{ row: 2, lines: 2 }]);
}

/** What a problem is about (the indicator or task) and what it says, in Vietnamese: the problems sheet's columns. */
export function problemText(p: Problem, text: FindingText): { about: string; says: string } {
  switch (p.kind) {
    case "part-not-received":
      return { about: NONE, says: `Chưa nhận số liệu của kỳ (Nhật ký gộp không có lần gộp nào); hạn gửi Sở TTTT: ${formatDate(p.due)}.` };
    case "part-late":
      return { about: NONE, says: `Số liệu gộp lần đầu ngày ${formatDate(p.merged)}, sau hạn ${formatDate(p.due)}.` };
    case "invalid":
      return { about: p.indicator ? `Chỉ số ${p.indicator}` : NONE, says: text(p.finding) };
    case "missing": {
      const detail = p.findings.map(text).join(" ");
      return { about: `Chỉ số ${p.indicator}`, says: `${p.name}: chưa tính được điểm.${detail ? ` ${detail}` : ""}` };
    }
    case "no-evidence":
      return { about: `Chỉ số ${p.indicator}`, says: `${p.name}: có ${String(p.score).replace(".", ",")} điểm nhưng chưa ghi tài liệu kiểm chứng.` };
    case "overdue-task":
      return {
        about: `Nhiệm vụ ${p.task.stt || `dòng ${p.task.row}`}`,
        says: `${p.task.task} — hạn ${p.task.deadline}${p.task.due ? ` (${formatDate(p.task.due)})` : ""}, trạng thái: ${p.task.status || "chưa ghi"}${p.task.progress !== null ? `, tiến độ ${Math.round(p.task.progress * 100)}%` : ""}.`,
      };
    case "unread-deadline":
      return { about: `Nhiệm vụ ${p.task.stt || `dòng ${p.task.row}`}`, says: `${p.task.task} — "Thời gian hoàn thành" ghi "${p.task.deadline}", không đọc được thành một ngày (trang Nhiệm vụ, dòng ${p.task.row}).` };
  }
}

const PROBLEM_HEADER = ["STT", "Loại vấn đề", "Cơ quan", "Chỉ số / nhiệm vụ", "Nội dung"] as const;

function problemSheet(r: QuarterlyReport, text: FindingText): SheetLayout<ReportRole> {
  const s = new GridSheet<ReportRole>(REPORT_SHEETS.problems, "problems");
  s.put(1, 1, `VẤN ĐỀ CẦN XỬ LÝ — ${formatPeriod(r.period)}`);
  s.format("A1", { bold: true });
  s.put(2, 1, r.problems.length ? `${r.problems.length} vấn đề, theo thứ tự: số liệu chưa gửi hoặc gửi muộn, số liệu không hợp lệ, thiếu số liệu, thiếu tài liệu kiểm chứng, nhiệm vụ quá hạn.` : "Không có vấn đề nào cần xử lý.");
  s.format("A2", { italic: true });
  const headerRow = 4;
  PROBLEM_HEADER.forEach((label, n) => s.put(headerRow, n + 1, label));
  s.format(`A${headerRow}:E${headerRow}`, { ...HEADER, border: true });
  r.problems.forEach((p, k) => {
    const at = headerRow + 1 + k;
    const { about, says } = problemText(p, text);
    const agencies = "agency" in p ? [p.agency] : p.agencies;
    s.put(at, 1, k + 1);
    s.put(at, 2, PROBLEM_LABEL[p.kind]);
    s.put(at, 3, agencies.length ? agencies.join("; ") : "(chưa ghi cơ quan)");
    s.put(at, 4, about);
    s.put(at, 5, says);
  });
  const last = headerRow + Math.max(1, r.problems.length);
  s.format(`A${headerRow + 1}:E${last}`, { border: true, vertical: "top", wrap: true });
  s.format(`A${headerRow + 1}:A${last}`, { horizontal: "center" });
  return print(s.layout([5, 20, 24, 14, 90], { rows: headerRow, columns: 0 }, { [headerRow]: 20 }), headerRow, [{ row: 2, lines: 1 }]);
}

/** The five sheets of the report, in order. */
export function buildReportBook(report: QuarterlyReport, text: FindingText): SheetLayout<ReportRole>[] {
  return [reportSheet(report), agencySheet(report), indicatorSheet(report), taskSheet(report), problemSheet(report, text)];
}
