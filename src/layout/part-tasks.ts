/**
 * Tasks travel with the parts (issue 11 point 3): a part from `split` carries the rows of the
 * master's "Nhiệm vụ" that its agency leads, so the agency updates Trạng thái, Tiến độ and Ghi
 * chú there, and `merge` brings those three cells back under the rules of values (./merge.ts).
 *
 * A task is known by its number `no`: the cells of row `no` of the master's sheet carry the
 * names DTI_TASK_<no>_STT … DTI_TASK_<no>_NOTE (./names.ts), which Excel keeps on the cells
 * whatever rows move, and the part's copy of the row carries the same names. Everything is read
 * by those names, never by position. Pure: the hosts read the cells.
 *
 * Which agency leads a task is the master's "Cơ quan chủ trì" cell, split into agencies as
 * indicators' are (../catalog/agencies.ts) and matched to the parts with sameAgency; tasks go
 * only to the parts the catalog makes (a task whose lead has no part is listed, not given a
 * part of its own: merge recomputes the parts from the catalog).
 */
import { sameAgency } from "../catalog/agencies";
import type { CellContent } from "./model";
import { names, parseTaskName, TASK_FIELDS, TASK_MERGED_FIELDS, type TaskField } from "./names";
import type { NamedCell } from "./read-inputs";
import { responsibleAgencies, type AgencyPart } from "./split";
import { FIELD_COLUMN, type PartTaskRow } from "./tasks-sheet";

/** One row of the master's Nhiệm vụ, as its named cells hold it. */
export interface MasterTask {
  readonly no: number;
  readonly values: Readonly<Partial<Record<TaskField, CellContent>>>;
}

/** The task numbers a workbook names (those with a Trạng thái cell), ascending. */
export function taskNumbers(workbookNames: readonly string[]): number[] {
  const out = new Set<number>();
  for (const n of workbookNames) {
    const t = parseTaskName(n);
    if (t?.field === "STATUS") out.add(t.no);
  }
  return [...out].sort((a, b) => a - b);
}

/** Every name of the task rows `nos` (what a host reads to know the master's tasks). */
export function taskCellNames(nos: readonly number[]): string[] {
  return nos.flatMap((no) => TASK_FIELDS.map((f) => names.task(no, f)));
}

/**
 * The names of a workbook a host reads besides the template's fixed ones to know its tasks: every
 * task cell (as many rows as the sheet has) and the report date (telling a sheet made before
 * task names: tasksUnnamed).
 */
export function isTaskSheetName(name: string): boolean {
  return parseTaskName(name) !== undefined || name.toUpperCase() === names.tasksReportDate;
}

/** Whether a name is a task cell an agency updates and merge brings back (Trạng thái, Tiến độ, Ghi chú). */
export function isMergedTaskName(name: string): boolean {
  const t = parseTaskName(name);
  return t !== undefined && (TASK_MERGED_FIELDS as readonly string[]).includes(t.field);
}

function cellValue(cell: NamedCell): CellContent {
  if (cell.kind !== "value" || cell.value === null || typeof cell.value === "object") return null;
  if (typeof cell.value === "string" && cell.value.trim() === "") return null;
  return cell.value;
}

/** What split says about the tasks, as data (rendered by src/i18n/findings.ts). */
export type TaskMessage =
  /** A part carries `count` tasks its agency leads (its Nhiệm vụ sheet). */
  | { readonly code: "split-part-tasks"; readonly count: number }
  /** The master's Nhiệm vụ was made before its rows were named: no part can carry its tasks. */
  | { readonly code: "split-tasks-unnamed"; readonly file: string }
  /** Tasks whose lead agency has no part, with their lead as written. */
  | { readonly code: "split-tasks-unassigned"; readonly tasks: readonly { readonly task: string; readonly lead: string }[] }
  /** `template --update` named the `rows` task rows of a Nhiệm vụ sheet made before they had names. */
  | { readonly code: "template-tasks-named"; readonly sheet: string; readonly rows: number };

/** The unassigned tasks as split reports them, or nothing. */
export function unassignedMessage(tasks: readonly MasterTask[], parts: readonly AgencyPart[]): TaskMessage | undefined {
  const left = unassignedTasks(tasks, parts);
  if (left.length === 0) return undefined;
  return { code: "split-tasks-unassigned", tasks: left.map((t) => ({ task: taskLabel(t, t.no), lead: String(t.values.LEAD ?? "") })) };
}

/** Task row `no` as a workbook's names hold it (empty fields left out). */
export function masterTaskAt(read: (name: string) => NamedCell, no: number): MasterTask {
  const values: Partial<Record<TaskField, CellContent>> = {};
  for (const f of TASK_FIELDS) {
    const v = cellValue(read(names.task(no, f)));
    if (v !== null) values[f] = v;
  }
  return { no, values };
}

/** The master's non-empty task rows, by their names, in sheet order of their numbers. */
export function readMasterTasks(read: (name: string) => NamedCell, workbookNames: readonly string[]): MasterTask[] {
  const out: MasterTask[] = [];
  for (const no of taskNumbers(workbookNames)) {
    const task = masterTaskAt(read, no);
    if (Object.keys(task.values).length) out.push(task);
  }
  return out;
}

/** The agencies leading a task, as its Cơ quan chủ trì cell names them. */
export function taskLeads(task: MasterTask): string[] {
  const lead = task.values.LEAD;
  return typeof lead === "string" ? responsibleAgencies(lead) : [];
}

/**
 * A heading row ("B. Nhóm nhiệm vụ…", "I. Nhóm Nhận thức số"): a title with a number that is
 * not a whole number, and no lead, status or progress.
 */
export function isHeading(task: MasterTask): boolean {
  const v = task.values;
  const stt = v.STT;
  return v.TEXT !== undefined && stt !== undefined && typeof stt !== "number" && !/^\s*\d+\s*$/.test(String(stt)) && v.LEAD === undefined && v.STATUS === undefined && v.PROGRESS === undefined;
}

/** Whether `agency` leads the task. */
export function leadsTask(agency: string, task: MasterTask): boolean {
  return !isHeading(task) && taskLeads(task).some((a) => sameAgency(a, agency));
}

/** A heading's level: 2 for the groups I, II, … inside the parts A, B (1), as the sheet colours them. */
const headingLevel = (task: MasterTask): number => (/^[IVX]+$/.test(String(task.values.STT ?? "").trim()) ? 2 : 1);

function partRow(task: MasterTask, heading: boolean): PartTaskRow {
  const values: Partial<Record<keyof PartTaskRow["values"], CellContent>> = {};
  for (const f of TASK_FIELDS) if (task.values[f] !== undefined) values[FIELD_COLUMN[f]] = task.values[f] as CellContent;
  return heading ? { heading: true, values } : { no: task.no, heading: false, values };
}

/**
 * The rows of `agency`'s Nhiệm vụ: the tasks it leads, each under the headings it sits under
 * in the master (shown once, as context: numbers restart in every group), in master order.
 */
export function partTaskRows(tasks: readonly MasterTask[], agency: string): PartTaskRow[] {
  const out: PartTaskRow[] = [];
  // The current heading of each level, and whether it is already in the part.
  let open: { task: MasterTask; shown: boolean }[] = [];
  for (const task of tasks) {
    if (isHeading(task)) {
      const level = headingLevel(task);
      open = [...open.filter((h) => headingLevel(h.task) < level), { task, shown: false }];
      continue;
    }
    if (!leadsTask(agency, task)) continue;
    for (const h of open) {
      if (h.shown) continue;
      out.push(partRow(h.task, true));
      h.shown = true;
    }
    out.push(partRow(task, false));
  }
  return out;
}

/** Tasks whose lead agency has no part (a name the indicators do not use, "Sở TT&TT" for "Sở TTTT"). */
export function unassignedTasks(tasks: readonly MasterTask[], parts: readonly AgencyPart[]): MasterTask[] {
  return tasks.filter((t) => !isHeading(t) && !parts.some((p) => leadsTask(p.agency, t)));
}

/** How messages name a task: its number and the start of its text ("2. Xây dựng chuyên trang cấp tỉnh…"). */
export function taskLabel(task: MasterTask | undefined, no: number): string {
  const stt = task?.values.STT;
  const text = task?.values.TEXT;
  const body = typeof text === "string" ? (text.length > 60 ? `${text.slice(0, 59).trimEnd()}…` : text) : "";
  const head = stt === undefined ? "" : `${String(stt)}. `;
  return `${head}${body}`.trim() || `#${no}`;
}

/**
 * Whether a workbook has a Nhiệm vụ sheet made before its rows were named (DTI_TASKS_REPORT_DATE
 * but no DTI_TASK_… name): `template --update` names its rows.
 */
export function tasksUnnamed(workbookNames: readonly string[]): boolean {
  const has = (n: string): boolean => workbookNames.some((x) => x.toUpperCase() === n.toUpperCase());
  return has(names.tasksReportDate) && taskNumbers(workbookNames).length === 0;
}
