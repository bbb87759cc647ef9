/**
 * The quarterly report (issue 11 point 7): what Sở TTTT sends the Ban Điều hành for a period,
 * compiled from the master workbook. Pure: the master's read inputs, the engine's result, the
 * workbook check, the rows of "Nhiệm vụ" and "Nhật ký gộp", the calendar and the day the report
 * is made are all given; nothing here reads a clock or a file.
 *
 * - Figures: the total, the DTI index and each main index are the engine's result through the
 *   same summary the pane shows (./summary.ts), so they equal `dti score` on the workbook.
 * - Tasks are judged at the period's due date at the Ban Điều hành (the Sở TTTT date of the
 *   calendar, "trước ngày 30 tháng cuối quý" in Ninh Thuận): the report speaks for that date, so
 *   a task is overdue when its due day is before it and it is not "Hoàn thành", exactly as the
 *   "Quá hạn" formula of Nhiệm vụ does with the report date in DTI_TASKS_REPORT_DATE.
 * - An agency's part came back on time when the first merge of the period that wrote one of its
 *   values (a row of Nhật ký gộp with this period and agency) is on or before the agencies' due
 *   date; late when after; not received when the log has no such row. The log records only
 *   values a merge wrote, so a part that changed nothing leaves no trace: the report says the
 *   reading ("theo Nhật ký gộp") wherever it shows this.
 */
import { agencyAssignments, sameAgency, splitAgencies } from "../catalog/agencies";
import { ownValue } from "../catalog/own";
import { compareDates, dueDate, formatDate, type CalendarDate, type ReportingCalendar } from "../catalog/calendar";
import { formatPeriod, parsePeriod, type Period } from "../catalog/period";
import type { Indicator, IndicatorSet } from "../catalog/schema";
import { TASK_STATUS_DONE } from "../catalog/tasks/schema";
import { isComplete } from "../engine/predicates";
import { Decimal } from "../engine/rules";
import type { ScoreOptions, UnitResult } from "../engine/types";
import { parseDeadline, type DeadlineKind } from "./deadline";
import { MERGE_LOG_HEADERS } from "./merge-log";
import { typedNumber, type ReadResult } from "./read-inputs";
import { splitByAgency } from "./split";
import { scoreComparison, summarize, type ComputeSummary } from "./summary";
import type { Finding, ValidationReport } from "./validate";

/** A cell as a host reads it from a sheet: exceljs gives dates as Date, Office.js as serial numbers. */
export type RawCell = string | number | boolean | Date | null | undefined;

// ---------------------------------------------------------------- reading the two sheets

const norm = (v: RawCell): string => (v === null || v === undefined || v instanceof Date ? "" : String(v).normalize("NFC").replace(/\s+/gu, " ").trim());
const fold = (text: string): string => text.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/gu, "d").replace(/[^\p{L}\p{N}]+/gu, "").toLowerCase();

/** The row whose cells include all `labels` (compared without case or spaces), and each label's column. */
function findHeader(grid: readonly (readonly RawCell[])[], labels: readonly string[], within = 20): { row: number; columns: number[] } | null {
  for (let r = 0; r < Math.min(grid.length, within); r++) {
    const row = grid[r] ?? [];
    const keys = row.map((c) => fold(norm(c)));
    const columns = labels.map((l) => keys.indexOf(fold(l)));
    if (columns.every((c) => c >= 0)) return { row: r, columns };
  }
  return null;
}

/** One task row of "Nhiệm vụ", as typed. */
export interface TaskEntry {
  /** 1-based row of the sheet grid it came from (for messages). */
  readonly row: number;
  readonly stt: string;
  readonly task: string;
  readonly lead: string;
  readonly deadline: string;
  readonly status: string;
  /** 0..1 as the sheet stores "50%"; null when empty or not a number. */
  readonly progress: number | null;
  /** The last day the deadline allows (./deadline.ts); null when none or not understood. */
  readonly due: CalendarDate | null;
  readonly dueKind: DeadlineKind;
}

const TASK_LABELS = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành", "Trạng thái", "Tiến độ (%)"] as const;

function calendarDay(d: Date): CalendarDate {
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * The tasks of a "Nhiệm vụ" sheet given as its grid of values (from any cell: the header row is
 * found by its labels, so inserted rows or columns do not matter). Section headings (a number
 * that is not a whole number, "A", "II", with no agency, deadline or status) are skipped; null
 * when the grid has no task header at all.
 */
export function tasksFromGrid(grid: readonly (readonly RawCell[])[]): TaskEntry[] | null {
  const header = findHeader(grid, TASK_LABELS);
  if (!header) return null;
  const [stt, task, lead, deadline, status, progress] = header.columns as [number, number, number, number, number, number];
  const out: TaskEntry[] = [];
  for (let r = header.row + 1; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const text = norm(row[task]);
    if (text === "") continue;
    const number = norm(row[stt]);
    const typed = { lead: norm(row[lead]), deadline: row[deadline], status: norm(row[status]) };
    const heading = !/^\d+$/u.test(number) && typed.lead === "" && norm(typed.deadline) === "" && !(typed.deadline instanceof Date) && typeof typed.deadline !== "number" && typed.status === "";
    if (heading) continue;
    const d = typed.deadline;
    const parsed = d instanceof Date || typeof d === "number" ? parseDeadline(d) : parseDeadline(norm(d));
    const p = row[progress];
    const pNumber = typeof p === "number" ? p : typeof p === "string" ? typedNumber({ kind: "value", value: p.replace("%", "") }) : null;
    out.push({
      row: r + 1,
      stt: number,
      task: text,
      lead: typed.lead,
      deadline: d instanceof Date ? formatDate(calendarDay(d)) : typeof d === "number" && parsed.due ? formatDate(calendarDay(parsed.due)) : norm(d),
      status: typed.status,
      progress: typeof pNumber === "number" ? (typeof p === "string" && p.includes("%") ? pNumber / 100 : pNumber) : null,
      due: parsed.due ? calendarDay(parsed.due) : null,
      dueKind: parsed.kind,
    });
  }
  return out;
}

/** One row of "Nhật ký gộp": when a merge wrote a value, for which period and agency. */
export interface MergeLogEntry {
  /** The day of the merge; null when the time cell cannot be read as one. */
  readonly day: CalendarDate | null;
  /** The time as the log shows it ("04/12/2026 15:05"). */
  readonly when: string;
  readonly period: Period | null;
  readonly agency: string;
  readonly file: string;
}

const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);

/** "04/12/2026 15:05" as the merge log writes it; a real date where Excel turned the text into one. */
function logDay(v: RawCell): CalendarDate | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : calendarDay(v);
  if (typeof v === "number") return Number.isFinite(v) && v >= 1 ? calendarDay(new Date(EXCEL_EPOCH_UTC + Math.floor(v) * 86_400_000)) : null;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/u.exec(norm(v));
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return { year, month, day };
}

/** The rows of a "Nhật ký gộp" sheet given as its grid of values; null when it has no log header. */
export function mergeLogFromGrid(grid: readonly (readonly RawCell[])[]): MergeLogEntry[] | null {
  const [timeLabel, periodLabel, agencyLabel, fileLabel] = MERGE_LOG_HEADERS;
  const header = findHeader(grid, [timeLabel, periodLabel, agencyLabel, fileLabel]);
  if (!header) return null;
  const [time, period, agency, file] = header.columns as [number, number, number, number];
  const out: MergeLogEntry[] = [];
  for (let r = header.row + 1; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const who = norm(row[agency]);
    if (who === "") continue;
    const t = row[time];
    const day = logDay(t);
    out.push({ day, when: t instanceof Date || typeof t === "number" ? (day ? formatDate(day) : "") : norm(t), period: parsePeriod(norm(row[period])) ?? null, agency: who, file: norm(row[file]) });
  }
  return out;
}


// ---------------------------------------------------------------- the report

export type IndicatorState = "complete" | "missing" | "invalid" | "no-evidence" | "unscored";
export type TaskState = "done" | "on-track" | "overdue";
/** not-due: nothing received yet, and the agencies' due date has not passed on the report day. */
export type PartState = "on-time" | "late" | "not-received" | "not-due";

export interface FigureRow {
  /** A main index id ("I"), or "total" for the DTI itself. */
  readonly id: string;
  readonly label: string;
  readonly maxPoints: number;
  /** Points, exactly as `dti score` reports them. */
  readonly score: number;
  /** score / maxPoints (the DTI index for the total); null when the maximum is 0. */
  readonly index: number | null;
  readonly last: number | null;
  readonly lastIndex: number | null;
  /** Sum of the annual targets typed for its indicators (DTI_<id>_TARGET); null when none. */
  readonly target: number | null;
  readonly targetsTyped: number;
  readonly targetsOf: number;
  readonly published: number | null;
  /** Indicators counted here whose score is unknown or incomplete. */
  readonly incomplete: readonly string[];
}

export interface IndicatorLine {
  readonly id: string;
  readonly name: string;
  readonly pillar: string;
  readonly score: number | null;
  readonly maxPoints: number;
  readonly target: number | null;
  readonly evidence: string | null;
  readonly state: IndicatorState;
}

export interface TaskLine extends TaskEntry {
  readonly state: TaskState;
}

export interface AgencyLine {
  readonly agency: string;
  /** Whether the split gives it a part (it leads an indicator or provides general information). */
  readonly hasPart: boolean;
  readonly indicators: readonly IndicatorLine[];
  readonly tasks: readonly TaskLine[];
  readonly part: { readonly state: PartState; readonly first?: CalendarDate; readonly last?: CalendarDate; readonly files: readonly string[] };
}

export type Problem =
  | { readonly kind: "part-not-received"; readonly agency: string; readonly due: CalendarDate }
  | { readonly kind: "part-late"; readonly agency: string; readonly due: CalendarDate; readonly merged: CalendarDate }
  | { readonly kind: "invalid"; readonly agencies: readonly string[]; readonly indicator?: string; readonly finding: Finding }
  | { readonly kind: "missing"; readonly agencies: readonly string[]; readonly indicator: string; readonly name: string; readonly findings: readonly Finding[] }
  | { readonly kind: "no-evidence"; readonly agencies: readonly string[]; readonly indicator: string; readonly name: string; readonly score: number }
  | { readonly kind: "overdue-task"; readonly agencies: readonly string[]; readonly task: TaskEntry }
  | { readonly kind: "unread-deadline"; readonly agencies: readonly string[]; readonly task: TaskEntry };

export interface QuarterlyReport {
  readonly unit: string;
  readonly setId: string;
  readonly period: Period;
  readonly calendar: ReportingCalendar;
  /** Agencies to Sở TTTT, and Sở TTTT to the Ban Điều hành, for this period. */
  readonly agenciesDue: CalendarDate;
  readonly coordinatorDue: CalendarDate;
  /** The day tasks are judged at: the Sở TTTT due date. */
  readonly tasksAsOf: CalendarDate;
  readonly today: CalendarDate;
  readonly summary: ComputeSummary;
  readonly figures: readonly FigureRow[];
  readonly lastPeriod: string | null;
  readonly agencies: readonly AgencyLine[];
  /** null: the workbook has no "Nhiệm vụ" sheet (or no task header in it). */
  readonly hasTasks: boolean;
  /** false: the workbook has no "Nhật ký gộp" yet (no merge ever wrote into it). */
  readonly hasLog: boolean;
  readonly problems: readonly Problem[];
}

export interface ReportInput {
  readonly set: IndicatorSet;
  readonly read: ReadResult;
  readonly result: UnitResult;
  readonly options: ScoreOptions;
  readonly validation: ValidationReport;
  readonly period: Period;
  readonly calendar: ReportingCalendar;
  /** Rows of "Nhiệm vụ"; null when the workbook has none. */
  readonly tasks: readonly TaskEntry[] | null;
  /** Rows of "Nhật ký gộp"; null when the workbook has none. */
  readonly log: readonly MergeLogEntry[] | null;
  /** The day the report is made (the CLI's --today, the pane's clock). */
  readonly today: CalendarDate;
}

const ORDER: Record<Problem["kind"], number> = { "part-not-received": 0, "part-late": 1, invalid: 2, missing: 3, "no-evidence": 4, "overdue-task": 5, "unread-deadline": 6 };

/** Codes of findings that mean a value is wrong rather than absent (absent values are "missing"). */
const ABSENT = new Set(["missing-value", "sub-indicator-incomplete", "missing-info", "needs-reference"]);

function indicatorState(ind: Indicator, result: UnitResult, findings: readonly Finding[]): IndicatorState {
  if (ind.rule.kind === "unscored") return "unscored";
  const o = result.indicators[ind.id];
  const own = findings.filter((f) => f.indicator === ind.id || f.affects?.includes(ind.id));
  if (o?.status === "invalid" || (o?.status === "zero-denominator" && o.score === null)) return "invalid";
  if (own.some((f) => f.severity === "error" && !ABSENT.has(f.code))) return "invalid";
  if (!isComplete(o)) return "missing";
  if (own.some((f) => f.code === "missing-evidence")) return "no-evidence";
  return "complete";
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a.plus(b), new Decimal(0)).toNumber();

/**
 * The figures, with the previous period's and the published ones as the summary reads them from
 * Tổng hợp (DTI_LAST_*, DTI_PUB_*: `dti score`'s "comparison"), and the sums of the typed targets.
 */
function figureRows(set: IndicatorSet, summary: ComputeSummary, read: ReadResult): FigureRow[] {
  const cmp = scoreComparison(summary);
  const targetOf = (ids: readonly string[]): { target: number | null; typed: number; of: number } => {
    const typed = ids.map((id) => read.annotations.target[id]).filter((t): t is number => typeof t === "number");
    return { target: typed.length ? sum(typed) : null, typed: typed.length, of: ids.length };
  };
  // The indicators a main index counts: 5.12's sub-indicators are counted by 5.12.
  const counted = (pillar?: string): string[] => set.indicators.filter((i) => !i.parent && i.rule.kind !== "unscored" && (pillar === undefined || i.pillar === pillar)).map((i) => i.id);
  const rows: FigureRow[] = summary.pillars.map((p) => {
    const t = targetOf(counted(p.id));
    return {
      id: p.id,
      label: `${p.id}. ${p.name}`,
      maxPoints: p.maxPoints,
      score: p.score,
      index: p.percent,
      last: ownValue(cmp.mainIndexes, p.id)?.last ?? null,
      lastIndex: null,
      target: t.target,
      targetsTyped: t.typed,
      targetsOf: t.of,
      published: ownValue(cmp.mainIndexes, p.id)?.published ?? null,
      incomplete: p.incomplete,
    };
  });
  const t = targetOf(counted());
  rows.push({
    id: "total",
    label: "Tổng điểm — Chỉ số DTI",
    maxPoints: summary.maxTotal,
    score: summary.total,
    index: summary.index,
    last: cmp.total.last,
    lastIndex: cmp.index.last,
    target: t.target,
    targetsTyped: t.typed,
    targetsOf: t.of,
    published: cmp.index.published,
    incomplete: summary.incomplete,
  });
  return rows;
}

/** Agencies of a task's "Cơ quan chủ trì", matched to the set's agencies without case, marks or punctuation ("Sở TT&TT" is "Sở TTTT"). */
function taskAgencies(lead: string, known: readonly string[]): string[] {
  return splitAgencies(lead.replace(/^[\s•+\-–]+/u, "")).map((a) => known.find((k) => sameAgency(k, a) || fold(k) === fold(a)) ?? a);
}

export function buildQuarterlyReport(input: ReportInput): QuarterlyReport {
  const { set, read, result, options, validation, period, calendar, today } = input;
  const summary = summarize(set, result, options, read);
  const agenciesDue = dueDate(calendar, period, "agencies").date;
  const coordinatorDue = dueDate(calendar, period, "coordinator").date;
  const asOf = coordinatorDue;
  const findings = validation.findings;

  const plan = splitByAgency(set);
  const leads = new Map(agencyAssignments(set).map((a) => [a.agency, a.leads]));
  const order: string[] = plan.parts.map((p) => p.agency);
  const taskLines = (input.tasks ?? []).map((task): { line: TaskLine; agencies: string[] } => {
    const done = task.status.normalize("NFC").toLocaleLowerCase("vi") === TASK_STATUS_DONE.toLocaleLowerCase("vi");
    const state: TaskState = done ? "done" : task.due && compareDates(task.due, asOf) < 0 ? "overdue" : "on-track";
    const agencies = task.lead === "" ? [] : taskAgencies(task.lead, order);
    for (const a of agencies) if (!order.includes(a)) order.push(a);
    return { line: { ...task, state }, agencies };
  });

  const byId = new Map(set.indicators.map((i) => [i.id, i]));
  const lineOf = (ind: Indicator): IndicatorLine => {
    const o = result.indicators[ind.id];
    return {
      id: ind.id,
      name: ind.name,
      pillar: ind.pillar,
      score: o && o.score !== null ? o.score.toNumber() : null,
      maxPoints: ind.maxPoints,
      target: read.annotations.target[ind.id] ?? null,
      evidence: read.annotations.evidence[ind.id] ?? null,
      state: indicatorState(ind, result, findings),
    };
  };

  const logRows = (input.log ?? []).filter((e) => e.period !== null && formatPeriod(e.period) === formatPeriod(period));
  const agencies: AgencyLine[] = order.map((agency) => {
    const hasPart = plan.parts.some((p) => p.agency === agency);
    const mine = logRows.filter((e) => sameAgency(e.agency, agency));
    const days = mine.map((e) => e.day).filter((d): d is CalendarDate => d !== null).sort(compareDates);
    const first = days[0];
    const last = days[days.length - 1];
    const state: PartState = first ? (compareDates(first, agenciesDue) <= 0 ? "on-time" : "late") : compareDates(today, agenciesDue) > 0 ? "not-received" : "not-due";
    return {
      agency,
      hasPart,
      indicators: (leads.get(agency) ?? []).map(lineOf),
      tasks: taskLines.filter((t) => t.agencies.includes(agency)).map((t) => t.line),
      part: { state, ...(first ? { first } : {}), ...(last ? { last } : {}), files: [...new Set(mine.map((e) => e.file).filter((f) => f !== ""))] },
    };
  });

  const responsible = (id: string): string[] => splitAgencies(byId.get(id)?.responsible ?? "");
  const problems: Problem[] = [];
  for (const a of agencies) {
    if (!a.hasPart) continue;
    if (a.part.state === "not-received") problems.push({ kind: "part-not-received", agency: a.agency, due: agenciesDue });
    if (a.part.state === "late" && a.part.first) problems.push({ kind: "part-late", agency: a.agency, due: agenciesDue, merged: a.part.first });
  }
  const stateOf = new Map(agencies.flatMap((a) => a.indicators.map((i) => [i.id, i] as const)));
  for (const f of findings) {
    if (f.severity !== "error" || ABSENT.has(f.code)) continue;
    const agenciesOf = f.indicator ? responsible(f.indicator) : [...f.agencies];
    problems.push({ kind: "invalid", agencies: agenciesOf, ...(f.indicator ? { indicator: f.indicator } : {}), finding: f });
  }
  for (const ind of set.indicators) {
    if (ind.parent) continue;
    const line = stateOf.get(ind.id) ?? lineOf(ind);
    if (line.state === "missing") {
      const about = findings.filter((f) => (f.indicator === ind.id || f.affects?.includes(ind.id)) && ABSENT.has(f.code));
      problems.push({ kind: "missing", agencies: responsible(ind.id), indicator: ind.id, name: ind.name, findings: about });
    }
    if (line.state === "no-evidence") problems.push({ kind: "no-evidence", agencies: responsible(ind.id), indicator: ind.id, name: ind.name, score: line.score ?? 0 });
  }
  for (const t of taskLines) {
    if (t.line.state === "overdue") problems.push({ kind: "overdue-task", agencies: t.agencies, task: t.line });
    else if (t.line.state !== "done" && t.line.dueKind === "unrecognised") problems.push({ kind: "unread-deadline", agencies: t.agencies, task: t.line });
  }
  const stable = problems.map((p, n) => ({ p, n })).sort((a, b) => ORDER[a.p.kind] - ORDER[b.p.kind] || a.n - b.n);

  return {
    unit: summary.unit,
    setId: set.id,
    period,
    calendar,
    agenciesDue,
    coordinatorDue,
    tasksAsOf: asOf,
    today,
    summary,
    figures: figureRows(set, summary, read),
    lastPeriod: summary.lastPeriod?.period ?? null,
    agencies,
    hasTasks: input.tasks !== null,
    hasLog: input.log !== null,
    problems: stable.map((x) => x.p),
  };
}
