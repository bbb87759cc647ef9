/**
 * Reading a task's "Thời gian hoàn thành" as a due date, in TypeScript (parseDeadline) and as
 * one plain Excel formula (deadlineFormula) for the "Nhiệm vụ" sheet's hidden helper column.
 *
 * The plans write deadlines as text: "Tháng 10/2022", "Quý IV/2022", "2022-2025",
 * "Năm 2023", "2023", "30/11/2022", "Hằng năm", "Thường xuyên". The due date is the last day
 * the text allows: the end of the month, of the quarter, of the (last) year.
 *
 * Both implementations follow one grammar, decided by punctuation and digits rather than by
 * the Vietnamese words, because the words may arrive in upper case, in the old spelling
 * ("Quí") or with decomposed diacritics, and an Excel formula cannot normalise those:
 *
 *   s = the text with spaces trimmed and runs of spaces collapsed (Excel's TRIM)
 *   two "/"  → a date d/m/y, Vietnamese order: d = the last word before the first "/",
 *              m between the slashes, y after the second           "30/11/2022", "ngày 5/9/2022"
 *              (spaces around "/" are allowed throughout: "Quý IV / 2022")
 *   one "/"  → y after the slash; t = the last word before it:
 *              s contains "qu" (Quý, Quí, QUÝ): t is I–IV or 1–4 → end of that quarter
 *              otherwise: t is 1–12 → end of that month            "Tháng 10/2022" → 31/10/2022
 *   no "/"   → y = the last 4 characters, and what precedes them is nothing, "Năm",
 *              or ends with "-" or "–" (a range)                  "2023", "Năm 2023", "2022 - 2025"
 *   numbers (a real Excel date) are taken as dates; a whole number 1900–9999 is a year
 *   (someone typed 2023 into a cell formatted as a number).
 *
 * Every number must be digits, a year 1900–9999, a month 1–12, a day that exists in its
 * month. Anything else has no due date: "" and "Hằng năm"/"Thường xuyên" on purpose (kinds
 * "none" and "recurring"), any other text because it was not understood ("unrecognised"),
 * e.g. "Quý 11/2022" (a misprint of Quý II in Bình Dương's plan) or "Tháng 10 năm 2022".
 * An unrecognised deadline is never guessed at, so it is never wrongly flagged as overdue.
 *
 * The formula uses Excel's VALUE, which is more lenient than the digit checks here on text
 * outside the grammar ("2022." or "2E+3" are numbers to it); on every form above the two
 * agree exactly (test/layout/deadline.test.ts evaluates the formula with HyperFormula).
 */

export type DeadlineKind =
  | "date" //          a calendar day: a real Excel date, or "30/11/2022"
  | "month" //         "Tháng 10/2022": the month's last day
  | "quarter" //       "Quý IV/2022", "Quý 4/2022": the quarter's last day
  | "year" //          "Năm 2023", "2023": 31 December
  | "range" //         "2022-2025": 31 December of the last year
  | "recurring" //     "Hằng năm", "Hàng năm", "Thường xuyên": ongoing, no due date
  | "none" //          empty: no due date
  | "unrecognised"; // text outside the grammar: no due date

export interface Deadline {
  /** Midnight UTC of the due day; null when there is none. */
  readonly due: Date | null;
  readonly kind: DeadlineKind;
}

/** Excel's day 0 (serial dates count days from 30/12/1899 in the 1900 date system). */
const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/** Excel serial number of a day (the UTC calendar date of `date`). */
export function toExcelSerial(date: Date): number {
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  return Math.round((day - EXCEL_EPOCH_UTC) / DAY_MS);
}

/** The day (midnight UTC) of an Excel serial number; the time of day is dropped. */
export function fromExcelSerial(serial: number): Date {
  return new Date(EXCEL_EPOCH_UTC + Math.floor(serial) * DAY_MS);
}

const MIN_YEAR = 1900;
const MAX_YEAR = 9999;
const QUARTER_TOKENS = ["I", "II", "III", "IV", "1", "2", "3", "4"];
const RECURRING = /^(hằng năm|hàng năm|thường xuyên)$/iu;

/** Last day of month `month` (1-based; 13 rolls into January of the next year, as Excel's DATE). */
const endOfMonth = (year: number, month: number): Date => new Date(Date.UTC(year, month, 0));

/** Excel's TRIM: only the space character, trimmed at both ends and collapsed inside. */
const excelTrim = (text: string): string => text.replace(/ +/g, " ").replace(/^ | $/g, "");

/** The last space-separated word (the formula's TRIM(RIGHT(SUBSTITUTE(TRIM(x)," ",REPT(" ",99)),99))). */
function lastWord(text: string): string {
  const t = excelTrim(text);
  return t.slice(t.lastIndexOf(" ") + 1);
}

/** A token of digits (spaces around allowed, as VALUE allows them) → its value, else null. */
function digits(token: string): number | null {
  const t = excelTrim(token);
  return /^[0-9]+$/.test(t) ? Number(t) : null;
}

const isYear = (y: number | null): y is number => y !== null && y >= MIN_YEAR && y <= MAX_YEAR;

const found = (due: Date, kind: DeadlineKind): Deadline => ({ due, kind });
const nothing = (kind: DeadlineKind): Deadline => ({ due: null, kind });

/**
 * The due date a deadline allows, following the grammar above.
 * @param value the cell's content: text, an Excel serial number, or a Date (its UTC day).
 */
export function parseDeadline(value: string | number | Date): Deadline {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? nothing("unrecognised") : found(fromExcelSerial(toExcelSerial(value)), "date");
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 1) return nothing("unrecognised");
    if (Number.isInteger(value) && isYear(value)) return found(endOfMonth(value, 12), "year");
    return found(fromExcelSerial(value), "date");
  }

  const s = excelTrim(value);
  if (s === "") return nothing("none");

  const slash1 = s.indexOf("/");
  if (slash1 >= 0) {
    const slash2 = s.indexOf("/", slash1 + 1);
    const word = lastWord(s.slice(0, slash1));
    if (slash2 >= 0) {
      const d = digits(word);
      const m = digits(s.slice(slash1 + 1, slash2));
      const y = digits(s.slice(slash2 + 1));
      if (!isYear(y) || m === null || m < 1 || m > 12 || d === null || d < 1) return nothing("unrecognised");
      if (d > endOfMonth(y, m).getUTCDate()) return nothing("unrecognised");
      return found(new Date(Date.UTC(y, m - 1, d)), "date");
    }
    const y = digits(s.slice(slash1 + 1));
    if (!isYear(y)) return nothing("unrecognised");
    if (/qu/i.test(s)) {
      const q = QUARTER_TOKENS.indexOf(word.toUpperCase());
      return q < 0 ? nothing("unrecognised") : found(endOfMonth(y, 3 * ((q % 4) + 1)), "quarter");
    }
    const m = digits(word);
    return m === null || m < 1 || m > 12 ? nothing("unrecognised") : found(endOfMonth(y, m), "month");
  }

  if (RECURRING.test(s.normalize("NFC"))) return nothing("recurring");
  const y = s.length >= 4 ? digits(s.slice(-4)) : null;
  const before = excelTrim(s.slice(0, -4));
  if (!isYear(y)) return nothing("unrecognised");
  if (before === "" || before.toLowerCase() === "năm") return found(endOfMonth(y, 12), "year");
  if (before.endsWith("-") || before.endsWith("–")) return found(endOfMonth(y, 12), "range");
  return nothing("unrecognised");
}

/**
 * One plain Excel formula (no leading "=") giving the due date of the deadline in `cell` as
 * a serial date, or "" when there is none; the grammar above, step for step. Uses only
 * functions every Excel since 2007 and LibreOffice know (IF, IFERROR, AND, OR, ISNUMBER,
 * SEARCH, TRIM, LEFT, RIGHT, MID, LEN, SUBSTITUTE, REPT, VALUE, MATCH, MOD, INT, DATE,
 * MONTH); no DATEVALUE, whose reading of "30/11/2022" depends on the computer's locale.
 */
export function deadlineFormula(cell: string): string {
  // Positions and words are taken from the cell as it is: VALUE and the last-word TRIM
  // ignore the spaces that the grammar's TRIM would remove, so only the no-"/" branch,
  // which counts characters from the end, needs TRIM.
  // SEARCH rather than FIND for "/": the same in Excel and LibreOffice, and HyperFormula
  // 3.5 (which the tests evaluate with) returns a position instead of #VALUE! when FIND
  // with a start position finds nothing.
  const c = cell;
  const slash1 = `SEARCH("/",${c})`;
  const slash2 = `SEARCH("/",${c},${slash1}+1)`;
  const word = `TRIM(RIGHT(SUBSTITUTE(TRIM(LEFT(${c},${slash1}-1))," ",REPT(" ",99)),99))`;

  // d/m/y: with d in 1–31, DATE(y,m,d) stays in month m exactly when the day exists.
  const d = `VALUE(${word})`;
  const m = `VALUE(MID(${c},${slash1}+1,${slash2}-${slash1}-1))`;
  const y3 = `VALUE(MID(${c},${slash2}+1,99))`;
  const ymd = `DATE(${y3},${m},${d})`;
  const date = `IF(AND(${y3}>=${MIN_YEAR},${d}>=1,${d}<=31,MONTH(${ymd})=${m}),${ymd},"")`;

  // m/y and q/y: DATE(y,n+1,0) is the last day of month n.
  const y2 = `VALUE(MID(${c},${slash1}+1,99))`;
  const quarterTokens = `{${QUARTER_TOKENS.map((t) => `"${t}"`).join(",")}}`;
  const quarter = `IF(${y2}>=${MIN_YEAR},DATE(${y2},3*(MOD(MATCH(${word},${quarterTokens},0)-1,4)+1)+1,0),"")`;
  const month = `IF(AND(${y2}>=${MIN_YEAR},${d}>=1,${d}<=12),DATE(${y2},${d}+1,0),"")`;

  const s = `TRIM(${c})`;
  const y1 = `VALUE(RIGHT(${s},4))`;
  const before = `TRIM(LEFT(${s},LEN(${s})-4))`;
  const year = `IF(AND(${y1}>=${MIN_YEAR},OR(${before}="",${before}="năm",RIGHT(${before},1)="-",RIGHT(${before},1)="–")),DATE(${y1},12,31),"")`;

  const text = `IFERROR(IF(ISNUMBER(${slash1}),IF(ISNUMBER(${slash2}),${date},IF(ISNUMBER(SEARCH("qu",${c})),${quarter},${month})),${year}),"")`;
  const number = `IF(AND(${c}>=${MIN_YEAR},${c}<=${MAX_YEAR},INT(${c})=${c}),DATE(${c},12,31),IF(${c}>=1,INT(${c}),""))`;
  return `IF(ISNUMBER(${c}),${number},${text})`;
}
