/**
 * The "Nhiệm vụ" sheet: a task tracker in the shape of the plans' task appendices (Phụ lục 1
 * of Ninh Thuận's Kế hoạch 4233/KH-UBND, Bình Dương's "Danh mục các nhiệm vụ trọng tâm"),
 * with a status, a progress and an overdue flag per task, all in plain formulas.
 *
 *   row 1   title                      row 3   "Ngày báo cáo:" and its date (TODAY() by default)
 *   row 2   source of the tasks        row 4   header, repeated on every printed page
 *   row 5…  the tasks (section headings bold), then empty rows to type more
 *
 *   A STT · B Nhiệm vụ · C Cơ quan chủ trì · D Cơ quan phối hợp · E Thời gian hoàn thành ·
 *   F Trạng thái · G Tiến độ · H Ghi chú · I Quá hạn (formula) · J Hạn (ngày) (formula, hidden)
 *
 * Every task row n (1 = row 5 when the template is made) names its typed cells DTI_TASK_<n>_STT …
 * DTI_TASK_<n>_NOTE (./names.ts): a task's identity when split carries it to its lead agency's
 * part, where the sheet holds only those rows (`part`), only F:H editable (./part-tasks.ts).
 *
 * J reads E as a due date (./deadline.ts). A task is overdue when J is a date before the
 * report date and its status is not "Hoàn thành"; I then says "Quá hạn" (so it prints and
 * can be filtered) and the row turns red. When E has digits but J could not read it, I says
 * "Xem lại hạn", so a misread deadline is seen rather than silently never overdue.
 */
import { TASK_STATUSES, TASK_STATUS_DONE, isSectionRow, type TaskRow } from "../catalog/tasks/schema";
import { deadlineFormula, toExcelSerial } from "./deadline";
import {
  columnLetter,
  type CellContent,
  type CellFormat,
  type ConditionalFormat,
  type DefinedName,
  type FormatRange,
  type SheetLayout,
  type Validation,
} from "./model";
import { names, sheetNames, TASK_FIELDS, type TaskField } from "./names";

/** The columns, left to right; `input` columns are unlocked in the task rows. */
export const TASK_COLUMNS = [
  { key: "stt", header: "STT", width: 6, input: true },
  { key: "task", header: "Nhiệm vụ", width: 50, input: true },
  { key: "lead", header: "Cơ quan chủ trì", width: 22, input: true },
  { key: "coordinating", header: "Cơ quan phối hợp", width: 28, input: true },
  { key: "deadline", header: "Thời gian hoàn thành", width: 16, input: true },
  { key: "status", header: "Trạng thái", width: 16, input: true },
  { key: "progress", header: "Tiến độ (%)", width: 10, input: true },
  { key: "note", header: "Ghi chú", width: 24, input: true },
  { key: "overdue", header: "Quá hạn", width: 12, input: false },
  // Width 0 hides the helper column (model.ts: columnWidths).
  { key: "due", header: "Hạn (ngày)", width: 0, input: false },
] as const;

type ColumnKey = (typeof TASK_COLUMNS)[number]["key"];
const col = (key: ColumnKey): string => columnLetter(TASK_COLUMNS.findIndex((c) => c.key === key));
const COLUMN_COUNT = TASK_COLUMNS.length;
const LAST_VISIBLE = col("overdue");

/** 1-based rows of the fixed part. */
export const TASKS_TITLE_ROW = 1;
export const TASKS_SOURCE_ROW = 2;
export const TASKS_REPORT_DATE_ROW = 3;
export const TASKS_HEADER_ROW = 4;
export const TASKS_FIRST_ROW = 5;
/** The report date's cell, under "Cơ quan chủ trì" (its label is in B). */
export const TASKS_REPORT_DATE_CELL = `${col("lead")}${TASKS_REPORT_DATE_ROW}`;
const REPORT_DATE_ABSOLUTE = `$${col("lead")}$${TASKS_REPORT_DATE_ROW}`;

export const OVERDUE_LABEL = "Quá hạn";
export const UNREAD_DEADLINE_LABEL = "Xem lại hạn";

const COLORS = {
  header: "#D9E1F2",
  part: "#D9D9D9", //   headings A, B
  group: "#F2F2F2", //  headings I, II, …
  input: "#FFF2CC",
  hint: "#595959",
  overdueFill: "#F8D7DA",
  overdueFont: "#842029",
} as const;

/** The report date accepts days from 2000 to 2100; typing a year or text alone is refused. */
const REPORT_DATE_MIN = toExcelSerial(new Date(Date.UTC(2000, 0, 1)));
const REPORT_DATE_MAX = toExcelSerial(new Date(Date.UTC(2100, 11, 31)));

export interface TasksSheetOptions {
  /** Tasks to pre-fill (e.g. ninhThuan2022Tasks); none by default. */
  readonly tasks?: readonly TaskRow[];
  /** Citation shown under the title when pre-filled (e.g. the list's `source`). */
  readonly source?: string;
  /** Empty rows after the tasks, for typing more (default 60). */
  readonly rows?: number;
  /** Year of the workbook, for sheetNames (the tasks sheet's name does not depend on it). */
  readonly year?: number;
  /**
   * An agency's part: exactly these rows (no empty rows to type more), titled for `agency`;
   * only Trạng thái, Tiến độ and Ghi chú of the task rows can be edited, and only the task
   * rows carry names (those of the master's rows, DTI_TASK_<no>_…). `tasks` is ignored.
   */
  readonly part?: { readonly agency: string; readonly master: string; readonly rows: readonly PartTaskRow[] };
}

export interface TasksSheet {
  readonly sheet: SheetLayout;
  readonly names: DefinedName[];
  /** Lists the drop-downs need; placed on the lists sheet and named by another builder. */
  readonly optionLists: { name: string; values: readonly string[] }[];
}

/**
 * The condition "row `row` is overdue", written once for the flag column and the
 * conditional format: a readable due date, before the report date, and not done.
 * ISNUMBER on the report date keeps a mistyped (text) date from flagging every task.
 */
function overdueCondition(row: number): string {
  const due = `$${col("due")}${row}`;
  const status = `$${col("status")}${row}`;
  const reportDate = REPORT_DATE_ABSOLUTE;
  return `AND(ISNUMBER(${due}),ISNUMBER(${reportDate}),${due}<${reportDate},${status}<>"${TASK_STATUS_DONE}")`;
}

/** "Quá hạn", or "Xem lại hạn" when the deadline has digits but no due date was read from it. */
function flagFormula(row: number): string {
  const due = `$${col("due")}${row}`;
  const deadline = `$${col("deadline")}${row}`;
  const hasDigit = `SUMPRODUCT(--ISNUMBER(FIND({0,1,2,3,4,5,6,7,8,9},${deadline})))>0`;
  return `IF(${overdueCondition(row)},"${OVERDUE_LABEL}",IF(AND(${due}="",${hasDigit}),"${UNREAD_DEADLINE_LABEL}",""))`;
}

/** A whole number written as a number, so STT sorts and does not show "number stored as text". */
const sttValue = (stt: string): CellContent => (stt === "" ? null : /^[0-9]+$/.test(stt) ? Number(stt) : stt);
const text = (value: string): CellContent => (value === "" ? null : value);

/** A body row as the sheet writes it: its cells, whether it is a heading, and its task number (names). */
interface BodyRow {
  readonly no?: number;
  readonly heading: boolean;
  readonly values: Partial<Record<ColumnKey, CellContent>>;
}

function catalogRow(task: TaskRow, no: number): BodyRow {
  return {
    no,
    heading: isSectionRow(task),
    values: {
      stt: sttValue(task.stt),
      task: text(isSectionRow(task) ? (task.section ?? "") : task.task),
      lead: text(task.lead),
      coordinating: text(task.coordinating),
      deadline: text(task.deadline),
      note: text(task.note),
    },
  };
}

function taskCells(row: number, body: BodyRow | undefined): CellContent[] {
  const cells: CellContent[] = new Array<CellContent>(COLUMN_COUNT).fill(null);
  const at = (key: ColumnKey, value: CellContent): void => {
    cells[TASK_COLUMNS.findIndex((c) => c.key === key)] = value;
  };
  for (const c of TASK_COLUMNS) if (c.input) at(c.key, body?.values[c.key] ?? null);
  at("overdue", { f: flagFormula(row) });
  at("due", { f: deadlineFormula(`${col("deadline")}${row}`) });
  return cells;
}

/** The column of each named field of a task row (names.ts: TASK_FIELDS); also the keys of a part's row values (./part-tasks.ts). */
export const FIELD_COLUMN: Readonly<Record<TaskField, ColumnKey & keyof PartTaskRow["values"]>> = {
  STT: "stt",
  TEXT: "task",
  LEAD: "lead",
  COORD: "coordinating",
  DEADLINE: "deadline",
  STATUS: "status",
  PROGRESS: "progress",
  NOTE: "note",
};

/** A task row of an agency's part (./part-tasks.ts): the master's cells, and the master's task number (none on a heading). */
export interface PartTaskRow {
  readonly no?: number;
  readonly heading: boolean;
  readonly values: Readonly<Partial<Record<"stt" | "task" | "lead" | "coordinating" | "deadline" | "status" | "progress" | "note", CellContent>>>;
}

function fixedRow(values: Partial<Record<ColumnKey, CellContent>>): CellContent[] {
  return TASK_COLUMNS.map((c) => values[c.key] ?? null);
}

export function buildTasksSheet(options: TasksSheetOptions = {}): TasksSheet {
  const part = options.part;
  const tasks = part ? [] : (options.tasks ?? []);
  const emptyRows = part ? 0 : Math.max(0, Math.floor(options.rows ?? 60));
  const given: readonly BodyRow[] = part ? part.rows : tasks.map((t, i) => catalogRow(t, i + 1));
  // At least one task row, so that every range below is a real range.
  const bodyRows = Math.max(1, given.length + emptyRows);
  // Every row of a master is numbered (its names travel with the task); a part's headings are not.
  const rows: BodyRow[] = Array.from({ length: bodyRows }, (_, i) => given[i] ?? (part ? { heading: false, values: {} } : { no: i + 1, heading: false, values: {} }));
  const first = TASKS_FIRST_ROW;
  const last = first + bodyRows - 1;
  const body = (from: ColumnKey, to: ColumnKey = from): string => `${col(from)}${first}:${col(to)}${last}`;

  const grid: CellContent[][] = [
    fixedRow({ stt: part ? `NHIỆM VỤ CHUYỂN ĐỔI SỐ DO ${part.agency.toLocaleUpperCase("vi")} CHỦ TRÌ` : "DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ" }),
    fixedRow({
      stt: part
        ? `Trích từ trang Nhiệm vụ của sổ tổng hợp ${part.master}. Cập nhật Trạng thái, Tiến độ và Ghi chú rồi gửi lại tệp này cùng số liệu.`
        : tasks.length > 0 && options.source
          ? options.source
          : null,
    }),
    fixedRow({
      task: "Ngày báo cáo:",
      lead: { f: "TODAY()" },
      coordinating:
        "Mặc định là ngày hôm nay; có thể nhập một ngày khác. Thời gian hoàn thành ghi theo một trong các dạng: " +
        "Tháng 10/2022; Quý IV/2022; 2022-2025; Năm 2023; 30/11/2022; Hằng năm; Thường xuyên.",
    }),
    TASK_COLUMNS.map((c) => c.header),
  ];
  rows.forEach((r, i) => grid.push(taskCells(first + i, r)));

  const reportDate = TASKS_REPORT_DATE_CELL;
  const formats: FormatRange[] = [
    { ref: `A${TASKS_TITLE_ROW}`, format: { bold: true, horizontal: "center", vertical: "middle" } },
    { ref: `A${TASKS_SOURCE_ROW}`, format: { italic: true, horizontal: "center", wrap: true } },
    { ref: `${col("task")}${TASKS_REPORT_DATE_ROW}`, format: { bold: true, horizontal: "right", vertical: "middle" } },
    {
      ref: reportDate,
      format: { numberFormat: "dd/mm/yyyy", locked: false, fill: COLORS.input, border: true, bold: true, horizontal: "center", vertical: "middle" },
    },
    { ref: `${col("coordinating")}${TASKS_REPORT_DATE_ROW}`, format: { italic: true, wrap: true, fontColor: COLORS.hint, vertical: "middle" } },
    {
      ref: `A${TASKS_HEADER_ROW}:${col("due")}${TASKS_HEADER_ROW}`,
      format: { bold: true, fill: COLORS.header, wrap: true, horizontal: "center", vertical: "middle", border: true },
    },
    { ref: `A${first}:${col("due")}${last}`, format: { border: true, vertical: "top" } },
    { ref: body("stt"), format: { horizontal: "center" } },
    { ref: body("task", "coordinating"), format: { wrap: true } },
    // Text, so that 30/11/2022 typed in any locale stays day/month as written, and 2023 stays a year.
    { ref: body("deadline"), format: { numberFormat: "@", wrap: true, horizontal: "center" } },
    { ref: body("status"), format: { horizontal: "center" } },
    { ref: body("progress"), format: { numberFormat: "0%", horizontal: "center" } },
    { ref: body("note"), format: { wrap: true } },
    { ref: body("overdue"), format: { bold: true, fontColor: COLORS.overdueFont, horizontal: "center" } },
    { ref: body("due"), format: { numberFormat: "dd/mm/yyyy", horizontal: "center" } },
    // A part: only what its agency reports on a task it leads can be edited.
    ...(part
      ? rows.flatMap((r, i): FormatRange[] => (r.no === undefined ? [] : [{ ref: `${col("status")}${first + i}:${col("note")}${first + i}`, format: { locked: false, fill: COLORS.input } }]))
      : inputRanges(first, last).map((ref): FormatRange => ({ ref, format: { locked: false } }))),
    ...rows.flatMap((r, i): FormatRange[] => {
      if (!r.heading) return [];
      const row = first + i;
      // Headings I, II, … group tasks inside the parts A, B.
      const fill = /^[IVX]+$/.test(String(r.values.stt ?? "")) ? COLORS.group : COLORS.part;
      const format: CellFormat = { bold: true, fill };
      return [{ ref: `A${row}:${LAST_VISIBLE}${row}`, format }];
    }),
  ];

  const validations: Validation[] = [
    {
      ref: reportDate,
      rule: { kind: "decimal", min: REPORT_DATE_MIN, max: REPORT_DATE_MAX },
      promptTitle: "Ngày báo cáo",
      prompt: "Ngày dùng để xét nhiệm vụ quá hạn. Mặc định là hôm nay (=TODAY()); có thể nhập một ngày, ví dụ 30/11/2022.",
      errorTitle: "Ngày không hợp lệ",
      error: "Hãy nhập một ngày (ngày/tháng/năm) trong khoảng từ năm 2000 đến năm 2100.",
    },
    {
      ref: body("status"),
      rule: { kind: "list", source: names.taskStatusList },
      promptTitle: "Trạng thái",
      prompt: `Chọn trạng thái của nhiệm vụ trong danh sách. Nhiệm vụ "${TASK_STATUS_DONE}" không bị tính là quá hạn.`,
      errorTitle: "Trạng thái không hợp lệ",
      error: `Hãy chọn một trạng thái trong danh sách: ${TASK_STATUSES.join("; ")}.`,
    },
    {
      ref: body("progress"),
      rule: { kind: "decimal", min: 0, max: 1 },
      promptTitle: "Tiến độ",
      prompt: "Phần trăm khối lượng đã thực hiện, từ 0% đến 100% (ví dụ 50%).",
      errorTitle: "Tiến độ không hợp lệ",
      error: "Tiến độ phải là một tỷ lệ từ 0% đến 100%.",
    },
  ];

  const conditionalFormats: ConditionalFormat[] = [
    { ref: `A${first}:${LAST_VISIBLE}${last}`, formula: overdueCondition(first), fill: COLORS.overdueFill, fontColor: COLORS.overdueFont },
  ];

  const name = sheetNames(options.year ?? 2022).tasks;
  const sheet: SheetLayout = {
    name,
    role: "tasks",
    visibility: "visible",
    columnWidths: TASK_COLUMNS.map((c) => c.width),
    grid,
    rowHeights: { [TASKS_TITLE_ROW]: 24, [TASKS_REPORT_DATE_ROW]: 30, [TASKS_HEADER_ROW]: 30 },
    merges: [
      `A${TASKS_TITLE_ROW}:${LAST_VISIBLE}${TASKS_TITLE_ROW}`,
      `A${TASKS_SOURCE_ROW}:${LAST_VISIBLE}${TASKS_SOURCE_ROW}`,
      `${col("coordinating")}${TASKS_REPORT_DATE_ROW}:${LAST_VISIBLE}${TASKS_REPORT_DATE_ROW}`,
    ],
    formats,
    validations,
    conditionalFormats,
    freeze: { rows: TASKS_HEADER_ROW, columns: 0 },
    print: { landscape: true, repeatRows: `${TASKS_HEADER_ROW}:${TASKS_HEADER_ROW}` },
    protect: true,
    charts: [],
  };

  const definedNames: DefinedName[] = [
    { name: names.tasksReportDate, sheet: name, ref: REPORT_DATE_ABSOLUTE, kind: "input" },
    ...rows.flatMap((r, i) => (r.no === undefined ? [] : taskRowNames(name, r.no, first + i))),
  ];

  return { sheet, names: definedNames, optionLists: [{ name: names.taskStatusList, values: TASK_STATUSES }] };
}

/** The names of task row `no`, at sheet row `row`: one per typed column (names.ts: TASK_FIELDS). */
export function taskRowNames(sheet: string, no: number, row: number): DefinedName[] {
  return TASK_FIELDS.map((field) => ({ name: names.task(no, field), sheet, ref: `$${col(FIELD_COLUMN[field])}$${row}`, kind: "task" as const }));
}

/** What a host sees in a cell of an existing sheet: its text, and whether it holds a formula. */
export interface SeenCell {
  readonly text: string;
  readonly formula: boolean;
}

/**
 * The names a Nhiệm vụ sheet made before task rows had names needs (`template --update` adds
 * them; the sheet itself is kept as its users typed it). Its header row is found by its texts
 * (STT … Ghi chú, as this module writes them) in the first rows; the task rows are those below
 * it, down to the last one holding text or the template's overdue formula, numbered 1, 2, … from
 * the top as a new template numbers them. None when no header row is found.
 * `cell(row, column)`: 1-based row, 0-based column.
 */
export function namesForUnnamedTaskRows(sheet: string, cell: (row: number, column: number) => SeenCell, lastRow: number): DefinedName[] {
  const typed = TASK_COLUMNS.filter((c) => c.input);
  const headerRow = Array.from({ length: Math.min(lastRow, 20) }, (_, i) => i + 1).find((r) =>
    typed.every((c, i) => cell(r, i).text.trim().toLocaleLowerCase("vi") === c.header.toLocaleLowerCase("vi")),
  );
  if (headerRow === undefined) return [];
  const overdue = TASK_COLUMNS.findIndex((c) => c.key === "overdue");
  let last = headerRow;
  for (let r = headerRow + 1; r <= lastRow; r++) {
    if (cell(r, overdue).formula || typed.some((_, i) => cell(r, i).text.trim() !== "")) last = r;
  }
  const out: DefinedName[] = [];
  for (let r = headerRow + 1; r <= last; r++) out.push(...taskRowNames(sheet, r - headerRow, r));
  return out;
}

/** The unlocked ranges of the task rows: runs of adjacent input columns. */
function inputRanges(first: number, last: number): string[] {
  const ranges: string[] = [];
  let start = -1;
  TASK_COLUMNS.forEach((c, i) => {
    if (c.input && start < 0) start = i;
    const runEnds = c.input && (i === COLUMN_COUNT - 1 || !TASK_COLUMNS[i + 1]?.input);
    if (runEnds) {
      ranges.push(`${columnLetter(start)}${first}:${columnLetter(i)}${last}`);
      start = -1;
    }
  });
  return ranges;
}
