/**
 * Splitting a master workbook into one part per responsible agency ("Cơ quan chủ trì"),
 * and what each part may bring back (`dti split`, `dti merge`). Pure: derived from the
 * catalog only, so a merge recomputes exactly the assignment the split used.
 *
 * A part holds the indicators its agency is responsible for (with their sub-indicators),
 * the general-information items it provides, those its indicators link to, and item 1
 * (the unit's name, shown on Tổng hợp). It *owns* — may bring back — the inputs,
 * references and annotations of its indicators and the items it provides; anything else
 * in it is context, pre-filled from the master. It also carries the rows of the master's
 * Nhiệm vụ its agency leads (./part-tasks.ts), whose status, progress and note it owns too.
 */
import { splitAgencies } from "../catalog/agencies";
import { DEFAULT_CALENDAR, dueDate, formatDate, parseCalendar, type CalendarDate } from "../catalog/calendar";
import { parsePeriod, type Period } from "../catalog/period";
import type { Indicator, IndicatorSet } from "../catalog/schema";
import type { BuildOptions } from "./build";
import { names } from "./names";
import type { SheetRole } from "./model";
import type { NamedCell } from "./read-inputs";
import type { PartTaskRow } from "./tasks-sheet";

/**
 * The agencies of a "Cơ quan chủ trì" cell (the same splitting as Phân công):
 * "UBND các huyện, thành phố" is one agency, "Sở Nội vụ, Sở Tài chính" two.
 */
export const responsibleAgencies = splitAgencies;

/**
 * Names Windows keeps for devices, in any case and with any extension ("COM5.xlsx" cannot be
 * created): CON, PRN, AUX, NUL, COM0–COM9, LPT0–LPT9 and COM¹ COM² COM³ LPT¹ LPT² LPT³
 * ("Naming Files, Paths, and Namespaces", learn.microsoft.com/windows/win32/fileio/naming-a-file).
 * Windows drops trailing spaces and dots from a name, so "nul .xlsx" is NUL too.
 */
const WINDOWS_DEVICE = /^(?:con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3])[ .]*$/i;

/** The longest part file name: far below Windows' 255, leaving room for the folder under its 260-character paths. */
export const MAX_PART_FILE_NAME = 80;

/**
 * Whether Windows (and so every agency's computer) can create a file of this name: not a
 * device name, no reserved character (< > : " / \ | ? *) or control character, no trailing
 * dot or space, not empty, at most MAX_PART_FILE_NAME characters.
 */
export function isPortableFileName(name: string): boolean {
  const stem = name.split(".", 1)[0] ?? "";
  return (
    name.length > 0 &&
    name.length <= MAX_PART_FILE_NAME &&
    // eslint-disable-next-line no-control-regex -- control characters are what Windows refuses
    !/[<>:"/\\|?*\u0000-\u001f]/.test(name) &&
    !/[. ]$/.test(name) &&
    !WINDOWS_DEVICE.test(stem)
  );
}

/** A safe ASCII file-name slug: "Sở TTTT" → "so-tttt", "Sở KH&ĐT" → "so-kh-dt", "Cục Thống kê" → "cuc-thong-ke". */
export function slugify(text: string): string {
  const ascii = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase();
  let slug = ascii.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  if (slug.length > 60) slug = slug.slice(0, 60).replace(/-[^-]*$/, "").replace(/-+$/, "");
  if (slug === "") slug = "co-quan";
  // "COM5" → "com5-1": the agency stays recognisable, Windows can create the file.
  return WINDOWS_DEVICE.test(slug) ? `${slug}-1` : slug;
}

export interface AgencyPart {
  readonly agency: string;
  /** "so-tttt.xlsx": unique among the parts of the plan. */
  readonly fileName: string;
  /** Indicators the agency is responsible for, with their sub-indicators, in set order. */
  readonly indicators: readonly string[];
  /** General-information items the agency provides. */
  readonly ownInfoItems: readonly number[];
  /** Every item the part holds: item 1, the items its indicators link to, its own; ascending. */
  readonly infoItems: readonly number[];
}

export interface SplitPlan {
  readonly parts: readonly AgencyPart[];
  /** Top-level indicators that name no responsible agency: no part holds them. */
  readonly unassigned: readonly string[];
}

/** The indicator and its sub-indicators, however deep, in set order. */
function withDescendants(set: IndicatorSet, ids: ReadonlySet<string>): string[] {
  const parentOf = new Map(set.indicators.map((i) => [i.id, i.parent]));
  const inside = (id: string): boolean => {
    for (let at: string | undefined = id; at !== undefined; at = parentOf.get(at)) if (ids.has(at)) return true;
    return false;
  };
  return set.indicators.filter((i) => inside(i.id)).map((i) => i.id);
}

/** One part per agency responsible for an indicator or providing a general-information item, in first-seen order. */
export function splitByAgency(set: IndicatorSet): SplitPlan {
  const entries = new Map<string, { leads: Set<string>; own: Set<number> }>();
  const get = (agency: string) => {
    let e = entries.get(agency);
    if (!e) {
      e = { leads: new Set(), own: new Set() };
      entries.set(agency, e);
    }
    return e;
  };
  const unassigned: string[] = [];
  for (const ind of set.indicators) {
    if (ind.parent) continue;
    const agencies = responsibleAgencies(ind.responsible);
    if (agencies.length === 0) unassigned.push(ind.id);
    for (const a of agencies) get(a).leads.add(ind.id);
  }
  for (const item of set.infoItems) for (const a of responsibleAgencies(item.responsible)) get(a).own.add(item.id);
  const byId = new Map(set.indicators.map((i) => [i.id, i]));
  const taken = new Set<string>();
  const parts: AgencyPart[] = [];
  for (const [agency, e] of entries) {
    const indicators = withDescendants(set, e.leads);
    const info = new Set<number>([1, ...e.own]);
    for (const id of indicators) for (const v of (byId.get(id) as Indicator).variables) for (const item of v.info ?? []) info.add(item);
    // Slugs are lower case, so two agencies never get names that differ only in case
    // (one file on Windows); "Sở TTTT" and "Sở T.T.T.T" become so-tttt and so-tttt-2.
    const base = slugify(agency);
    let stem = base;
    for (let n = 2; taken.has(stem); n++) stem = `${base}-${n}`;
    taken.add(stem);
    if (!isPortableFileName(`${stem}.xlsx`)) throw new Error(`split: "${stem}.xlsx" is not a portable file name`);
    parts.push({
      agency,
      fileName: `${stem}.xlsx`,
      indicators,
      ownInfoItems: [...e.own].sort((a, b) => a - b),
      infoItems: [...info].filter((i) => set.infoItems.some((x) => x.id === i)).sort((a, b) => a - b),
    });
  }
  return { parts, unassigned };
}

/**
 * The names a part owns: what its agency types and merge writes back. The inputs (not the
 * linked ones: those are formulas in the master), reference values and annotations
 * (target, evidence, note) of its indicators, and the general-information items it
 * provides with their notes.
 */
export function ownedNames(set: IndicatorSet, part: AgencyPart): Set<string> {
  const out = new Set<string>();
  for (const id of part.indicators) {
    const ind = set.indicators.find((i) => i.id === id);
    if (!ind) continue;
    for (const v of ind.variables) if (!v.info && !v.sameAs) out.add(names.input(ind.id, v.key));
    if (ind.rule.kind === "min-max") out.add(names.referenceMin(ind.id));
    if (ind.rule.kind === "min-max" || ind.rule.kind === "ratio-to-best") out.add(names.referenceMax(ind.id));
    out.add(names.target(ind.id));
    out.add(names.evidence(ind.id));
    out.add(names.note(ind.id));
  }
  for (const item of part.ownInfoItems) {
    out.add(names.info(item));
    out.add(names.infoNote(item));
  }
  return out;
}

/** For each name some part owns, the agencies owning it (two when an indicator has two responsible agencies). */
export function ownersByName(set: IndicatorSet, plan: SplitPlan): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of plan.parts) for (const n of ownedNames(set, part)) out.set(n, [...(out.get(n) ?? []), part.agency]);
  return out;
}

/**
 * The build options of a part: its indicators and items, the sheets an agency needs (only
 * Thông tin chung when the agency leads no indicator), Nhiệm vụ with the tasks it leads when it
 * leads any (`tasks`, ./part-tasks.ts; none: no Nhiệm vụ sheet), and the agency and master
 * recorded on DTI_META.
 */
export function partBuildOptions(
  part: AgencyPart,
  master: string,
  formulas: "portable" | "functions" = "portable",
  cycle: PartCycle = {},
  tasks: readonly PartTaskRow[] = [],
): BuildOptions {
  const sheets: SheetRole[] = part.indicators.length ? ["info", "indicators", "summary", "assignment"] : ["info"];
  return {
    formulas,
    sheets: tasks.length ? [...sheets, "tasks"] : sheets,
    indicators: new Set(part.indicators),
    infoItems: new Set(part.infoItems),
    part: { agency: part.agency, master, ...(cycle.dueDate ? { dueDate: cycle.dueDate } : {}) },
    ...(cycle.period ? { period: cycle.period } : {}),
    agencies: responsibleAgencies,
    ...(tasks.length ? { partTasks: { agency: part.agency, master, rows: tasks } } : {}),
  };
}

/** What reading the master's cycle cells says, as data (rendered by src/i18n/findings.ts). */
export type CycleWarning =
  | { readonly code: "cycle-unreadable-period"; readonly text: string }
  | { readonly code: "cycle-unreadable-calendar"; readonly text: string; readonly reason: string }
  | { readonly code: "cycle-day-clamped"; readonly calendar: string; readonly wanted: number; readonly date: string };

/** The reporting period a part carries and its due date at Sở TTTT, from the master's cells. */
export interface PartCycle {
  readonly period?: Period;
  readonly dueDate?: CalendarDate;
  /** Why the master's period or calendar could not be used as written, when so. */
  readonly warnings?: readonly CycleWarning[];
}

/**
 * The master's period (DTI_PERIOD) and the agencies' due date under its calendar (DTI_CALENDAR;
 * Ninh Thuận's when the cell is missing or blank). A master without a period (an older
 * template, a blank cell) makes parts without one; text that is no period or calendar is a
 * warning, never a guess.
 */
export function masterCycle(read: (name: string) => NamedCell): PartCycle {
  const text = (name: string): string | undefined => {
    const cell = read(name);
    return cell.kind === "value" && typeof cell.value === "string" && cell.value.trim() !== "" ? cell.value : undefined;
  };
  const warnings: CycleWarning[] = [];
  const periodText = text(names.period);
  const period = periodText === undefined ? undefined : parsePeriod(periodText);
  if (periodText !== undefined && !period) warnings.push({ code: "cycle-unreadable-period", text: periodText });
  if (!period) return warnings.length ? { warnings } : {};
  const calendarText = text(names.calendar);
  const parsed = calendarText === undefined ? { calendar: DEFAULT_CALENDAR } : parseCalendar(calendarText);
  if ("error" in parsed) warnings.push({ code: "cycle-unreadable-calendar", text: calendarText ?? "", reason: parsed.error });
  const calendar = "error" in parsed ? DEFAULT_CALENDAR : parsed.calendar;
  const due = dueDate(calendar, period, "agencies");
  if (due.clampedFrom !== undefined) warnings.push({ code: "cycle-day-clamped", calendar: calendar.name, wanted: due.clampedFrom, date: formatDate(due.date) });
  return { period, dueDate: due.date, ...(warnings.length ? { warnings } : {}) };
}
