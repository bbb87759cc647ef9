/**
 * A lean reader of defined names, for reading many unit workbooks quickly (`dti aggregate`).
 *
 * exceljs builds the whole workbook (every cell, style and sheet, ~100–250 ms a template); a
 * unit needs only the cells behind its defined names. This reader opens the file through the
 * bounded reader (./bounded.ts: fflate inflating within limits, saxes parsing), reads the
 * workbook part, shared strings and styles, and streams only the sheets the names point to,
 * keeping the named cells. For what it does not read as exceljs would (a cell in a date
 * format, a name that is a constant, #REF! or scoped to one sheet only) it answers undefined
 * and the caller asks exceljs + readName. test/cli/aggregate.test.ts checks that both give
 * the same NamedValue for every name of a filled template.
 *
 * Ambiguous names are reported, never resolved: a name that points at a range instead of one
 * cell, a name defined twice, a sheet-scoped twin of a workbook-level name (Excel's formulas on
 * that sheet use the twin, the others the workbook's name). Each is in `ambiguous` with the
 * same trouble exceljs + readName give (../layout/name-scope.ts decides for both), and
 * namedValueFrom gives it as "broken" so the reading reports it by name.
 *
 * No Node API: browser-safe like the rest of src/xlsx.
 */
import { lookupDefinition, rangeTrouble, type Ambiguity } from "../layout/name-scope";
import type { NamedValue } from "./workbook";
import { DEFAULT_XLSX_LIMITS, openWorkbook, scanSheet, XlsxRefused, type CellBudget, type RawInflate, type SheetCell, type XlsxLimits, type XlsxProblem } from "./bounded";

export interface FastNames {
  /** Defined names of one plain cell → what the cell holds, as readName reports it. */
  readonly names: ReadonlyMap<string, NamedValue>;
  /** Names that are not one unambiguous cell (a range, defined twice, a sheet-scoped twin) → why. */
  readonly ambiguous: ReadonlyMap<string, Ambiguity>;
  /** Defined names this reader leaves to exceljs (constants, #REF!, scoped to one sheet, unknown sheet, date cells). */
  readonly unsupported: ReadonlySet<string>;
  /** The sheet names, in order. */
  readonly sheets: readonly string[];
}

type CellValue = Exclude<NamedValue, { kind: "missing" } | { kind: "broken" }>;

function valueOf(cell: SheetCell, sheet: string, content: string | number | boolean | null): CellValue {
  const { address, formula } = cell;
  return formula === undefined ? { kind: "value", value: content, sheet, address } : { kind: "value", value: content, formula, sheet, address };
}

/** Reads one cell as readName would report it; null when this reader cannot (exceljs can). */
function cellValue(cell: SheetCell, shared: readonly string[] | null, dateStyles: ReadonlySet<number>, sheet: string): CellValue | null {
  const address = cell.address;
  // An empty <v></v> (LibreOffice writes one for an empty text result) is no value, as in exceljs.
  const raw = cell.value ? cell.value : null;
  const value = (content: string | number | boolean | null): CellValue => valueOf(cell, sheet, content);
  switch (cell.type ?? "n") {
    case "e":
      return raw === null ? value(null) : { kind: "error", error: raw, sheet, address };
    case "b":
      return value(raw === null ? null : raw === "1" || raw.toLowerCase() === "true");
    case "str":
      return value(raw);
    case "inlineStr":
      return value(cell.inline ?? raw);
    case "s": {
      if (raw === null) return value(null);
      const text = shared?.[Number(raw)];
      return text === undefined ? null : value(text);
    }
    case "n": {
      if (raw === null) return value(null);
      // A number in a date format comes back from exceljs as a Date; leave those to exceljs.
      if (dateStyles.has(Number(cell.style ?? 0))) return null;
      const n = Number(raw);
      return Number.isFinite(n) ? value(n) : null;
    }
    default:
      return null;
  }
}

/** Built-in number formats that are dates or times (including the East Asian ones), by id. */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

const local = (name: string): string => name.slice(name.indexOf(":") + 1);

/** One cell reference: 'Sheet'!$A$1 or Sheet!A1. */
const CELL_REF = /^(?:'((?:[^']|'')+)'|([^'!:,]+))!(\$?[A-Za-z]{1,3}\$?\d+)$/;
/** One area: 'Sheet'!$A$1:$B$2, Sheet!$A:$A (columns), Sheet!$1:$3 (rows), or a cell. */
const AREA = String.raw`(?:'(?:[^']|'')+'|[^'!,()"#]+)!(?=[$A-Za-z0-9])\$?[A-Za-z]{0,3}\$?\d*(?::\$?[A-Za-z]{0,3}\$?\d*)?`;
/** A reference that is not one cell: a range, whole rows or columns, several areas. */
const AREAS = new RegExp(`^${AREA}(?:,${AREA})*$`);

interface Target {
  readonly sheet: string;
  readonly address: string;
}

/**
 * The defined names of an .xlsx file and what their cells hold, read without exceljs; also the
 * sheet names and the ambiguous names. Reads within `limits` (bounded.ts). Returns an
 * XlsxProblem for a file that is not an .xlsx workbook or passes a limit (say why, never
 * fall back: exceljs would be worse), null when the file needs the full reader.
 */
export function readDefinedNamesFast(bytes: Uint8Array, file: string, limits: XlsxLimits = DEFAULT_XLSX_LIMITS, inflateRaw?: RawInflate): FastNames | XlsxProblem | null {
  try {
    return read(bytes, file, limits, inflateRaw);
  } catch (e) {
    if (e instanceof XlsxRefused) return e.problem;
    throw e;
  }
}

/** Whether a lean read gave names rather than a refusal. */
export function isFastNames(x: FastNames | XlsxProblem | null): x is FastNames {
  return x !== null && "names" in x;
}

function read(bytes: Uint8Array, file: string, limits: XlsxLimits, inflateRaw: RawInflate | undefined): FastNames | null {
  const { zip, workbook } = openWorkbook(bytes, file, limits, inflateRaw);
  const sheetPaths = new Map<string, string>();
  for (const s of workbook.sheets) if (s.path !== undefined) sheetPaths.set(s.name, s.path);
  const sheets = workbook.sheets.map((s) => s.name);

  // Group the definitions by name, case-insensitively as Excel compares names.
  const byKey = new Map<string, { name: string; formula: string; scope: string | undefined }[]>();
  for (const d of workbook.definedNames) {
    if (!d.name || d.name.startsWith("_xlnm.")) continue; // print areas and titles
    const key = d.name.toUpperCase();
    const scope = d.localSheetId === undefined ? undefined : (sheets[d.localSheetId] ?? `#${d.localSheetId}`);
    const list = byKey.get(key) ?? [];
    list.push({ name: d.name, formula: d.formula.trim(), scope });
    byKey.set(key, list);
  }
  const wanted = new Map<string, Target>();
  const ambiguous = new Map<string, Ambiguity>();
  const unsupported = new Set<string>();
  for (const defs of byKey.values()) {
    // Nearly always one definition, for the whole workbook.
    const single = defs.length === 1 && defs[0]!.scope === undefined;
    const global = single ? defs : defs.filter((d) => d.scope === undefined);
    const scoped = single ? [] : defs.filter((d) => d.scope !== undefined);
    const spellings = single ? [defs[0]!.name] : [...new Set(defs.map((d) => d.name))];
    const mark = (trouble: Ambiguity): void => {
      for (const n of spellings) ambiguous.set(n, { ...trouble, name: n });
    };
    const g = global[0];
    if (global.length > 1 || (g && scoped.length)) {
      const found = lookupDefinition(defs.map((d) => ({ name: d.name, scope: d.scope, ref: d.formula })), defs[0]!.name);
      if (found.kind === "ambiguous") mark(found.trouble);
      continue;
    }
    if (!g) {
      // Scoped to one sheet only: exceljs reads it as it reads a workbook name; leave it there.
      for (const n of spellings) unsupported.add(n);
      continue;
    }
    const ref = CELL_REF.exec(g.formula);
    if (!ref) {
      if (AREAS.test(g.formula)) mark(rangeTrouble(g.name, g.formula));
      else unsupported.add(g.name); // a constant, a formula, #REF!: exceljs and readName say what it is
      continue;
    }
    const sheet = (ref[1] ?? ref[2] ?? "").replace(/''/g, "'");
    if (!sheetPaths.has(sheet)) {
      unsupported.add(g.name);
      continue;
    }
    wanted.set(g.name, { sheet, address: (ref[3] as string).replace(/\$/g, "").toUpperCase() });
  }

  const bySheet = new Map<string, Set<string>>();
  for (const { sheet, address } of wanted.values()) bySheet.set(sheet, (bySheet.get(sheet) ?? new Set()).add(address));
  // The named cells as the sheets have them; shared strings and styles are read afterwards, only as far as they are needed.
  const found = new Map<string, Map<string, SheetCell>>();
  const budget: CellBudget = { cells: 0 };
  for (const [sheet, addresses] of bySheet) {
    const entry = zip.entry(sheetPaths.get(sheet) as string);
    if (!entry) return null;
    let unaddressed = false;
    const cells = new Map<string, SheetCell>();
    found.set(sheet, cells);
    scanSheet(zip, entry, sheet, budget, {
      // The cells are all there is to read: the rest of the part is left uninflated.
      after: "skip",
      visit: {
        want: (address, written) => {
          if (!written) unaddressed = true;
          return addresses.has(address);
        },
        cell: (cell) => cells.set(cell.address, cell),
      },
    });
    // Cells placed by position only: exceljs's placing is the reference.
    if (unaddressed) return null;
  }
  let lastShared = -1;
  let styled = false;
  for (const cells of found.values()) for (const cell of cells.values()) {
    if (cell.type === "s" && cell.value) lastShared = Math.max(lastShared, Number(cell.value));
    // A number's style may make it a date (even style 0); only then are the styles read.
    if ((cell.type ?? "n") === "n" && cell.value) styled = true;
  }
  const shared = lastShared >= 0 ? sharedStrings(zip, lastShared) : null;
  const dates = styled ? dateStyleIds(zip) : new Set<number>();
  const names = new Map<string, NamedValue>();
  for (const [name, { sheet, address }] of wanted) {
    const got = found.get(sheet)?.get(address);
    // null: a cell this reader does not read as exceljs would (a date, say); its names go to exceljs.
    const value = got ? cellValue(got, shared, dates, sheet) : undefined;
    if (value === null) unsupported.add(name);
    else names.set(name, value ?? { kind: "value", value: null, sheet, address });
  }
  return { names, ambiguous, unsupported, sheets };
}

/** The shared strings up to item `last`: each item's <t> runs joined, phonetic runs (<rPh>) left out. */
function sharedStrings(zip: ReturnType<typeof openWorkbook>["zip"], last: number): string[] | null {
  const out: string[] = [];
  let item: string | null = null;
  let inT = false;
  let phonetic = 0;
  const found = zip.parseXml("xl/sharedStrings.xml", (p, read) => {
    p.on("opentag", (tag) => {
      const name = local(tag.name);
      if (name === "si") item = "";
      else if (name === "rPh") phonetic++;
      else if (name === "t" && item !== null && phonetic === 0) inT = !tag.isSelfClosing;
    });
    p.on("text", (t) => {
      if (inT) item += t;
    });
    p.on("closetag", (tag) => {
      const name = local(tag.name);
      if (name === "t") inT = false;
      else if (name === "rPh") phonetic--;
      else if (name === "si" && item !== null) {
        out.push(item);
        item = null;
        if (out.length > last) read.stop("skip");
      }
    });
  });
  return found ? out : null;
}

/** Cell styles (indexes into cellXfs) whose number format exceljs reads as a date. */
function dateStyleIds(zip: ReturnType<typeof openWorkbook>["zip"]): Set<number> {
  const custom = new Map<number, string>();
  const xfs: number[] = [];
  let inCellXfs = false;
  zip.parseXml("xl/styles.xml", (p, read) => {
    p.on("opentag", (tag) => {
      const name = local(tag.name);
      if (name === "numFmt") custom.set(Number(tag.attributes.numFmtId), tag.attributes.formatCode ?? "");
      else if (name === "cellXfs") inCellXfs = !tag.isSelfClosing;
      else if (name === "xf" && inCellXfs) xfs.push(Number(tag.attributes.numFmtId ?? 0));
    });
    p.on("closetag", (tag) => {
      // Number formats come before the cell formats: nothing after them is needed.
      if (local(tag.name) === "cellXfs") read.stop("skip");
    });
  });
  const out = new Set<number>();
  xfs.forEach((id, n) => {
    const code = custom.get(id);
    // As exceljs (utils.isDateFmt): [..] and quoted text removed, any of y m d h M s b.
    const isDate = code !== undefined ? /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, "")) : BUILTIN_DATE_FORMATS.has(id);
    if (isDate) out.add(n);
  });
  return out;
}

/**
 * The cell behind a defined name as readName gives it, from the lean reader: "broken" (with
 * the reason) for an ambiguous name; undefined when the reader left that name to exceljs.
 */
export function namedValueFrom(fast: FastNames, name: string): NamedValue | undefined {
  const why = fast.ambiguous.get(name);
  // Named as asked, as readName names it.
  if (why !== undefined) return { kind: "broken", trouble: { ...why, name } };
  if (fast.unsupported.has(name)) return undefined;
  return fast.names.get(name) ?? { kind: "missing" };
}
