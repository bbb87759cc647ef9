/**
 * The host-neutral layout of the workbook templates: sheets as 2-D grids of values and
 * formulas, with formats, names, validations and print set-up as range-level lists.
 *
 * Built once from the catalog (./build.ts); rendered by the Office.js writer (src/office)
 * and by the exceljs writer (src/cli), so both produce the same workbook. Writers write
 * whole grids as 2-D blocks and apply each list entry as one range operation, so the
 * number of round trips never depends on the number of rows.
 *
 * Addresses are A1 style without the sheet ("B3", "D5:F40"); formulas are written without
 * the leading "=" and use only functions every Excel since 2010 and LibreOffice know.
 */

/** A formula, English function names, comma separators, without the leading "=". */
export interface Formula {
  readonly f: string;
  /**
   * What the formula gives, when the builder already knows it (the ranking book: the engine's
   * numbers). The .xlsx writer stores it as the cached result, so a reader that does not
   * recalculate sees it; hosts that calculate ignore it. Templates leave it out.
   */
  readonly result?: number | string;
}

/** What a cell holds: a constant, a formula, or nothing. */
export type CellContent = string | number | boolean | null | Formula;

export function isFormula(content: CellContent): content is Formula {
  return typeof content === "object" && content !== null;
}

/**
 * What two typed values are compared by: their type and, for text, its Unicode-normalised,
 * trimmed form (so "Có" typed twice is one value). Empty, blank and formulas are all "".
 * The merge's preview (../layout/merge.ts) and the writer that checks a cell still holds what
 * the preview showed (src/office/write-values.ts) must agree, so both use this.
 */
export function valueKey(value: CellContent | undefined): string {
  if (value === undefined || value === null || value === "" || typeof value === "object") return "";
  return `${typeof value}:${typeof value === "string" ? value.normalize("NFC").trim() : String(value)}`;
}

export type HorizontalAlignment = "left" | "center" | "right";

/** A format applied to a whole range. Colours are "#RRGGBB". */
export interface CellFormat {
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly fontColor?: string;
  readonly fill?: string;
  readonly wrap?: boolean;
  readonly numberFormat?: string;
  readonly horizontal?: HorizontalAlignment;
  readonly vertical?: "top" | "middle";
  /** Thin borders on every edge of every cell. */
  readonly border?: boolean;
  /** false marks input cells, left editable when the sheet is protected. */
  readonly locked?: boolean;
}

export interface FormatRange {
  readonly ref: string;
  readonly format: CellFormat;
}

/** What a workbook-level defined name stands for; readers use names, never positions. */
export type NameKind =
  | "input" //      a raw figure or answer staff type (DTI_3_1_a)
  | "linked" //     an input computed from another cell (3.1 b = Thông tin chung item 4)
  | "info" //       a general-information item (DTI_INFO_4)
  | "reference" //  reference min/max of a cross-unit row (DTI_REF_4_5_MIN)
  | "score" //      points of an indicator (DTI_3_1_SCORE)
  | "pillar" //     a pillar total (DTI_PILLAR_III)
  | "total" //      DTI_TOTAL
  | "index" //      DTI_INDEX
  | "note" //       a typed annotation: annual target, evidence, note (DTI_3_1_NOTE)
  | "option" //     a list of choice labels or fractions on the lists sheet
  | "task" //       a cell of a task row of "Nhiệm vụ" (DTI_TASK_5_STATUS)
  | "meta"; //      the indicator set id and template version

export interface DefinedName {
  readonly name: string;
  /** Sheet name (not quoted). */
  readonly sheet: string;
  /** Absolute A1 address in that sheet ("$F$12", "$A$2:$A$4"). */
  readonly ref: string;
  readonly kind: NameKind;
  /** For inputs and linked inputs: the indicator and variable (or info item) they hold. */
  readonly indicator?: string;
  readonly variable?: string;
}

export type ValidationRule =
  | { readonly kind: "decimal"; readonly min: number; readonly max?: number }
  | { readonly kind: "whole"; readonly min: number; readonly max?: number }
  /** A drop-down list whose items are the cells of `source` (a defined name of kind "option"). */
  | { readonly kind: "list"; readonly source: string }
  /** A formula (without "=") that must be TRUE for the entry to be accepted. */
  | { readonly kind: "custom"; readonly formula: string };

/** Data validation with a Vietnamese input prompt and error alert. */
export interface Validation {
  readonly ref: string;
  readonly rule: ValidationRule;
  readonly promptTitle: string;
  readonly prompt: string;
  readonly errorTitle: string;
  readonly error: string;
}

/** A fill applied where `formula` (written for the top-left cell of `ref`) is TRUE. */
export interface ConditionalFormat {
  readonly ref: string;
  readonly formula: string;
  readonly fill: string;
  readonly fontColor?: string;
}

export interface ChartSpec {
  readonly title: string;
  /** Category labels and values, as ranges of this sheet. */
  readonly categories: string;
  readonly values: string;
  /** Where to put it: top-left and bottom-right cells. */
  readonly from: string;
  readonly to: string;
}

/** "set": the indicator set itself ("Bộ chỉ số"), carried by a workbook whose set is not built in. */
export type SheetRole = "info" | "indicators" | "summary" | "assignment" | "tasks" | "set" | "lists" | "meta";

/** A sheet; `Role` is the template's SheetRole unless the workbook is another kind (../layout/ranking-book.ts). */
export interface SheetLayout<Role extends string = SheetRole> {
  readonly name: string;
  /** Names earlier versions gave this sheet: an update in place finds the sheet under them too (./plan.ts). */
  readonly formerNames?: readonly string[];
  readonly role: Role;
  readonly visibility: "visible" | "hidden" | "veryHidden";
  /** Column widths in characters (Excel's width unit), from column A; 0 hides a helper column. */
  readonly columnWidths: readonly number[];
  /** The content, row by row from A1; every row has the same length. */
  readonly grid: readonly (readonly CellContent[])[];
  /** Row heights in points, where not automatic (1-based row number → height). */
  readonly rowHeights?: Readonly<Record<number, number>>;
  readonly merges: readonly string[];
  readonly formats: readonly FormatRange[];
  readonly validations: readonly Validation[];
  readonly conditionalFormats: readonly ConditionalFormat[];
  /** Rows and columns frozen at the top and left. */
  readonly freeze: { readonly rows: number; readonly columns: number };
  /** A4 landscape, fit to one page wide, these rows repeated on every page. */
  readonly print: { readonly repeatRows?: string; readonly landscape: boolean };
  /** Protected so that only unlocked (input) cells can be edited; no password. */
  readonly protect: boolean;
  readonly charts: readonly ChartSpec[];
}

export interface WorkbookLayout {
  readonly indicatorSet: string;
  readonly templateVersion: number;
  /** Whether score cells hold plain formulas (portable) or DTI.* calls. */
  readonly formulas: "portable" | "functions";
  readonly sheets: readonly SheetLayout[];
  /** Workbook-level defined names. */
  readonly names: readonly DefinedName[];
}

/** Column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A1 address of a 0-based row and column. */
export function cellRef(row: number, column: number, absolute = false): string {
  return absolute ? `$${columnLetter(column)}$${row + 1}` : `${columnLetter(column)}${row + 1}`;
}

/** Parses "B3" or "$B$3" into 0-based row and column. */
export function parseCellRef(ref: string): { row: number; column: number } {
  const m = /^\$?([A-Z]+)\$?(\d+)$/.exec(ref.trim());
  if (!m) throw new Error(`not a cell reference: ${ref}`);
  let column = 0;
  for (const ch of m[1] as string) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, column: column - 1 };
}

/** A sheet name as it must appear in a formula: quoted when it has spaces or other characters. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
