/**
 * Reporting periods (kỳ báo cáo): the plans ask for data every quarter and every year, so every
 * workbook records the period it reports on, as users write it: "Quý III/2026" or "Năm 2026".
 *
 * The canonical texts are the ones the template's drop-down offers (`periodChoices`). Reading is
 * a little wider, because people type: case, the old spelling "Quí", decomposed diacritics,
 * extra spaces, Arabic quarter numbers ("Quý 3/2026") and spaces around "/" are accepted and
 * read as the canonical text. Anything else is not a period (never guessed).
 *
 * Periods are ordered by year, then Quý I … Quý IV, then the year itself (the annual report
 * closes the year, after the fourth quarter's).
 */

export type Quarter = 1 | 2 | 3 | 4;

export type Period =
  | { readonly kind: "quarter"; readonly year: number; readonly quarter: Quarter }
  | { readonly kind: "year"; readonly year: number };

/** The years a period may name: the DTI was first published for 2020; far-future years are typos. */
export const PERIOD_YEARS = { min: 2000, max: 2100 } as const;

const ROMAN = ["I", "II", "III", "IV"] as const;

/** "Quý III/2026", "Năm 2026". */
export function formatPeriod(period: Period): string {
  return period.kind === "quarter" ? `Quý ${ROMAN[period.quarter - 1]}/${period.year}` : `Năm ${period.year}`;
}

/** The same period in English, for the English pane: "Q3 2026", "Year 2026". */
export function formatPeriodEnglish(period: Period): string {
  return period.kind === "quarter" ? `Q${period.quarter} ${period.year}` : `Year ${period.year}`;
}

const QUARTER_TEXT = /^qu[yýíi]\s*(i{1,3}|iv|[1-4])\s*\/\s*(\d{4})$/u;
const YEAR_TEXT = /^năm\s*(\d{4})$/u;

function year(digits: string): number | undefined {
  const y = Number(digits);
  return y >= PERIOD_YEARS.min && y <= PERIOD_YEARS.max ? y : undefined;
}

/** The period a text names, or undefined when it names none (see the module comment). */
export function parsePeriod(text: string): Period | undefined {
  const s = text.normalize("NFC").replace(/\s+/gu, " ").trim().toLocaleLowerCase("vi");
  const q = QUARTER_TEXT.exec(s);
  if (q) {
    const token = q[1] ?? "";
    const quarter = (/^\d$/u.test(token) ? Number(token) : ROMAN.indexOf(token.toUpperCase() as (typeof ROMAN)[number]) + 1) as Quarter;
    const y = year(q[2] ?? "");
    return y === undefined ? undefined : { kind: "quarter", year: y, quarter };
  }
  const n = YEAR_TEXT.exec(s);
  if (n) {
    const y = year(n[1] ?? "");
    return y === undefined ? undefined : { kind: "year", year: y };
  }
  return undefined;
}

/** The texts the template's drop-down offers for a year: the four quarters, then the year. */
export function periodChoices(y: number): string[] {
  return [
    ...([1, 2, 3, 4] as const).map((quarter) => formatPeriod({ kind: "quarter", year: y, quarter })),
    formatPeriod({ kind: "year", year: y }),
  ];
}

/** The quarter a day falls in (local calendar date of `date`). */
export function quarterOf(date: Date): Period {
  return { kind: "quarter", year: date.getFullYear(), quarter: (Math.floor(date.getMonth() / 3) + 1) as Quarter };
}

/** Negative when a comes first, 0 when they are the same period, positive when b comes first. */
export function comparePeriods(a: Period, b: Period): number {
  if (a.year !== b.year) return a.year - b.year;
  const rank = (p: Period): number => (p.kind === "quarter" ? p.quarter : 5);
  return rank(a) - rank(b);
}

/** The last month of a period (1–12): March, June, September, December; December for a year. */
export function lastMonthOf(period: Period): number {
  return period.kind === "quarter" ? period.quarter * 3 : 12;
}

/** The period before this one of the same kind: Quý IV/2025 before Quý I/2026, Năm 2025 before Năm 2026. */
export function previousPeriod(period: Period): Period {
  if (period.kind === "year") return { kind: "year", year: period.year - 1 };
  return period.quarter === 1
    ? { kind: "quarter", year: period.year - 1, quarter: 4 }
    : { kind: "quarter", year: period.year, quarter: (period.quarter - 1) as Quarter };
}
