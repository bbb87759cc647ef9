/**
 * The reporting calendar: by which day agencies send their data to Sở TTTT, and Sở TTTT its
 * compiled report to the Ban Điều hành, for a quarter ("trước ngày N tháng cuối quý") and for the
 * year ("trước ngày D/M"). Each province's plan sets its own; three presets come from the plans:
 *
 *   Ninh Thuận (Kế hoạch 4233/KH-UBND, seed 003), the default:
 *     agencies "định kỳ hằng quý (trước ngày 25 tháng cuối quý) và hằng năm (trước ngày 20/12)";
 *     Sở TTTT  "định kỳ hằng quý (trước ngày 30 tháng cuối quý) và hằng năm (trước ngày 25/12)".
 *   Bến Tre (seed 000): "Định kỳ hàng Quý (trước ngày 28 tháng cuối Quý)". The plan gives no annual
 *     date and no date for Sở TTTT: the year is due with the fourth quarter (28/12), and Sở TTTT's
 *     dates are the agencies'.
 *   Trà Vinh (seed 001): "định kỳ hàng quý (trước ngày 20 của tháng cuối quý), năm (trước ngày
 *     30/11)"; no date for Sở TTTT, so the agencies' dates.
 *
 * "Trước ngày 25" is read as "by the 25th": the due date is the 25th itself, and a part that
 * arrives on the 25th is on time. A day the month does not have (31 in September, 30 in
 * February) becomes the month's last day, with a warning, never an error.
 *
 * A custom calendar is written as text, in the workbook's setting cell or `--calendar`:
 *   "25, 20/12"            agencies by the 25th of the quarter's last month and by 20/12;
 *                          Sở TTTT on the same dates
 *   "25, 20/12; 30, 25/12" agencies; then Sở TTTT
 * or as a preset's id or name: "ninh-thuan", "Bến Tre", "tra-vinh".
 */
import type { Period } from "./period";
import { lastMonthOf } from "./period";

/** A calendar day, free of time zones: what a due date is. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** When one party reports: the day of a quarter's last month, and the day and month of the year. */
export interface DueRule {
  readonly quarterDay: number;
  readonly annual: { readonly day: number; readonly month: number };
}

export interface ReportingCalendar {
  /** A preset's id ("ninh-thuan"), or "custom". */
  readonly id: string;
  /** Shown to users: "Ninh Thuận", or the setting's text for a custom calendar. */
  readonly name: string;
  /** Agencies (sở, ngành, địa phương) to Sở TTTT. */
  readonly agencies: DueRule;
  /** Sở TTTT to the Ban Điều hành. */
  readonly coordinator: DueRule;
}

export type Reporter = "agencies" | "coordinator";

const rule = (quarterDay: number, day: number, month: number): DueRule => ({ quarterDay, annual: { day, month } });

export const CALENDAR_PRESETS: readonly ReportingCalendar[] = [
  { id: "ninh-thuan", name: "Ninh Thuận", agencies: rule(25, 20, 12), coordinator: rule(30, 25, 12) },
  { id: "ben-tre", name: "Bến Tre", agencies: rule(28, 28, 12), coordinator: rule(28, 28, 12) },
  { id: "tra-vinh", name: "Trà Vinh", agencies: rule(20, 30, 11), coordinator: rule(20, 30, 11) },
];

/** Ninh Thuận's, the plan the 2022 indicator set comes from. */
export const DEFAULT_CALENDAR: ReportingCalendar = CALENDAR_PRESETS[0] as ReportingCalendar;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** "25/09/2026". */
export function formatDate(date: CalendarDate): string {
  const two = (n: number): string => String(n).padStart(2, "0");
  return `${two(date.day)}/${two(date.month)}/${date.year}`;
}

/** Negative when a is earlier, 0 on the same day, positive when a is later. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

export interface DueDate {
  readonly date: CalendarDate;
  /** Set when the calendar names a day the month does not have: the day it named; `date` is the month's last. */
  readonly clampedFrom?: number;
}

/** When `who` must report on `period` under `calendar`. */
export function dueDate(calendar: ReportingCalendar, period: Period, who: Reporter): DueDate {
  const r = calendar[who];
  const month = period.kind === "quarter" ? lastMonthOf(period) : r.annual.month;
  const wanted = period.kind === "quarter" ? r.quarterDay : r.annual.day;
  const last = daysInMonth(period.year, month);
  const date = { year: period.year, month, day: Math.min(wanted, last) };
  return wanted <= last ? { date } : { date, clampedFrom: wanted };
}

/** Whether something that arrived on `arrived` is late for `due` (arriving on the due day is on time). */
export function isLate(arrived: CalendarDate, due: CalendarDate): boolean {
  return compareDates(arrived, due) > 0;
}

const fold = (text: string): string =>
  text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/gu, "d").replace(/Đ/gu, "D").replace(/[\s_-]+/gu, "-").trim().toLowerCase();

const RULE_TEXT = /^(\d{1,2})\s*,\s*(\d{1,2})\s*\/\s*(\d{1,2})$/u;

function parseRule(text: string): DueRule | string {
  const m = RULE_TEXT.exec(text.trim());
  if (!m) return `"${text.trim()}" không đúng dạng "ngày trong tháng cuối quý, ngày/tháng của năm" (ví dụ "25, 20/12")`;
  const [quarterDay, day, month] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (quarterDay < 1 || quarterDay > 31) return `ngày ${quarterDay} của tháng cuối quý phải từ 1 đến 31`;
  if (month < 1 || month > 12) return `tháng ${month} phải từ 1 đến 12`;
  if (day < 1 || day > 31) return `ngày ${day} phải từ 1 đến 31`;
  return rule(quarterDay, day, month);
}

/**
 * A calendar setting as text (see the module comment): a preset's id or name, or one or two
 * rules. Returns the calendar or a Vietnamese sentence saying what is wrong.
 */
export function parseCalendar(text: string): { readonly calendar: ReportingCalendar } | { readonly error: string } {
  const trimmed = text.normalize("NFC").trim();
  if (trimmed === "") return { calendar: DEFAULT_CALENDAR };
  const key = fold(trimmed);
  const preset = CALENDAR_PRESETS.find((c) => c.id === key || fold(c.name) === key);
  if (preset) return { calendar: preset };
  const parts = trimmed.split(";");
  if (parts.length > 2) {
    return { error: `Lịch báo cáo "${trimmed}": tối đa hai phần cách nhau bằng ";" (các cơ quan; Sở TTTT).` };
  }
  const rules = parts.map(parseRule);
  const bad = rules.find((r): r is string => typeof r === "string");
  if (bad !== undefined) {
    const presets = CALENDAR_PRESETS.map((c) => c.id).join(", ");
    return { error: `Lịch báo cáo "${trimmed}": ${bad}. Hoặc dùng một lịch có sẵn: ${presets}.` };
  }
  const [agencies, coordinator] = rules as DueRule[];
  return { calendar: { id: "custom", name: trimmed, agencies: agencies as DueRule, coordinator: coordinator ?? (agencies as DueRule) } };
}

/** The text that `parseCalendar` reads back as this calendar: a preset's id, or its rules. */
export function calendarText(calendar: ReportingCalendar): string {
  if (calendar.id !== "custom") return calendar.id;
  const r = (x: DueRule): string => `${x.quarterDay}, ${x.annual.day}/${x.annual.month}`;
  const same = JSON.stringify(calendar.agencies) === JSON.stringify(calendar.coordinator);
  return same ? r(calendar.agencies) : `${r(calendar.agencies)}; ${r(calendar.coordinator)}`;
}
