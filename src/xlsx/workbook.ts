/**
 * The .xlsx adapter (exceljs), shared by the CLI and the task pane's split and merge:
 * renders a host-neutral WorkbookLayout into a workbook, and reads the values of defined
 * names back. Nothing else in the product knows the file format. No Node API here: the
 * pane loads this module (and exceljs) as a separate chunk, only when it is needed.
 *
 * exceljs cannot draw charts: the summary sheet's chart is left out of files written
 * here (the add-in draws it), and the CLI says so.
 */
import ExcelJS from "exceljs";
import {
  isFormula,
  parseCellRef,
  quoteSheet,
  type CellContent,
  type CellFormat,
  type SheetLayout,
  type WorkbookLayout,
} from "../layout/model";
import { indexDefinitions, isAmbiguity, isMultiCell, lookupDefinition, nameKey, rangeTrouble, troubleVi, type Ambiguity, type NameDefinition, type NameTrouble } from "../layout/name-scope";
import { namesToDefine, planInsert, withPreservedInputs, isPreservedName, type ConflictChoice, type InsertPlan } from "../layout/plan";
import { namesForUnnamedTaskRows, type SeenCell } from "../layout/tasks-sheet";
import { TASK_FIELDS } from "../layout/names";

// ---------------------------------------------------------------------------------------------
// Defined names as the file holds them.
//
// exceljs keeps one cell matrix per name text: it drops `localSheetId` (a sheet-scoped name
// becomes indistinguishable from a workbook-level one), lets a later definition of the same
// name replace an earlier one, and compares names with case. Excel does none of that
// (../layout/name-scope.ts). The list exceljs parsed from xl/workbook.xml still has all of it
// when exceljs hands the model to the workbook, so the workbook's model setter is wrapped once
// to keep that list beside the workbook. A workbook built in memory has no such list and is
// read through exceljs's matrix (its names are the ones this module wrote).
// test/cli/ambiguous-names.test.ts fails if exceljs stops going through that setter.

type LoadedDefinition = NameDefinition;

interface LoadedNames {
  definitions: LoadedDefinition[];
  index: Map<string, LoadedDefinition[]> | undefined;
}

const loadedNames = new WeakMap<object, LoadedNames>();

function definitionsOfModel(model: unknown): LoadedNames {
  const m = (typeof model === "object" && model !== null ? model : {}) as { definedNames?: unknown; sheets?: unknown };
  const sheets = Array.isArray(m.sheets) ? (m.sheets as { name?: unknown }[]).map((s) => (typeof s?.name === "string" ? s.name : "")) : [];
  const definitions: LoadedDefinition[] = [];
  for (const d of Array.isArray(m.definedNames) ? (m.definedNames as { name?: unknown; ranges?: unknown; localSheetId?: unknown }[]) : []) {
    if (typeof d?.name !== "string") continue;
    const ranges = Array.isArray(d.ranges) ? d.ranges.filter((r): r is string => typeof r === "string") : [];
    const id = typeof d.localSheetId === "number" ? d.localSheetId : undefined;
    definitions.push({
      name: d.name,
      scope: id === undefined ? undefined : (sheets[id] ?? `#${id}`),
      ref: ranges.length ? ranges.join(",") : "#REF!",
    });
  }
  return { definitions, index: undefined };
}

const CAPTURED = Symbol.for("dti-workbench.loaded-defined-names");

(function captureLoadedNames(): void {
  const proto = ExcelJS.Workbook.prototype as unknown as Record<PropertyKey, unknown>;
  if (proto[CAPTURED]) return;
  const descriptor = Object.getOwnPropertyDescriptor(proto, "model");
  const get = descriptor?.get;
  const set = descriptor?.set;
  if (!get || !set) return;
  Object.defineProperty(proto, "model", {
    configurable: true,
    enumerable: descriptor.enumerable ?? false,
    get,
    set(this: object, value: unknown) {
      loadedNames.set(this, definitionsOfModel(value));
      set.call(this, value);
    },
  });
  Object.defineProperty(proto, CAPTURED, { value: true });
})();

/** Re-points `name` to one workbook-level cell in exceljs's matrix and in the loaded list, dropping every other definition of it. */
function defineName(wb: ExcelJS.Workbook, name: string, ref: string): void {
  // exceljs has no public "delete name"; its per-name cell matrices are dropped instead
  // (test/cli/xlsx.test.ts fails if that internal changes). Every spelling of the name goes:
  // Excel would see two definitions of one name otherwise.
  const matrices = (wb.definedNames as unknown as { matrixMap: Record<string, unknown> }).matrixMap;
  for (const key of Object.keys(matrices)) if (nameKey(key) === nameKey(name)) delete matrices[key];
  wb.definedNames.add(ref, name);
  const loaded = loadedNames.get(wb);
  if (loaded) {
    loaded.definitions = [...loaded.definitions.filter((d) => nameKey(d.name) !== nameKey(name)), { name, scope: undefined, ref }];
    loaded.index = undefined;
  }
}

const argb = (hex: string): string => `FF${hex.replace("#", "").toUpperCase()}`;

function cellsOf(ref: string): { row: number; column: number }[] {
  const [a, b] = ref.split(":");
  const from = parseCellRef(a as string);
  const to = b ? parseCellRef(b) : from;
  const out: { row: number; column: number }[] = [];
  for (let r = from.row; r <= to.row; r++) for (let c = from.column; c <= to.column; c++) out.push({ row: r, column: c });
  return out;
}

const thin = { style: "thin" as const, color: { argb: "FFBFBFBF" } };

function applyFormat(cell: ExcelJS.Cell, format: CellFormat): void {
  if (format.bold !== undefined || format.italic !== undefined || format.fontColor !== undefined) {
    cell.font = {
      ...cell.font,
      ...(format.bold !== undefined ? { bold: format.bold } : {}),
      ...(format.italic !== undefined ? { italic: format.italic } : {}),
      ...(format.fontColor ? { color: { argb: argb(format.fontColor) } } : {}),
    };
  }
  if (format.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(format.fill) } };
  if (format.wrap !== undefined || format.horizontal || format.vertical) {
    cell.alignment = {
      ...cell.alignment,
      ...(format.wrap !== undefined ? { wrapText: format.wrap } : {}),
      ...(format.horizontal ? { horizontal: format.horizontal } : {}),
      ...(format.vertical ? { vertical: format.vertical } : {}),
    };
  }
  if (format.numberFormat) cell.numFmt = format.numberFormat;
  if (format.border) cell.border = { top: thin, left: thin, bottom: thin, right: thin };
  if (format.locked !== undefined) cell.protection = { locked: format.locked };
}

/** `emptyText`: "" is written as a text cell holding nothing (the ranking book has always had them), not skipped. */
function writeContent(cell: ExcelJS.Cell, content: CellContent, emptyText: boolean): void {
  if (content === null || (content === "" && !emptyText)) return;
  if (!isFormula(content)) cell.value = content;
  else cell.value = content.result === undefined ? { formula: content.f } : { formula: content.f, result: content.result };
}

/** Writes one sheet of the layout into a fresh worksheet named `target`. */
async function writeSheet(wb: ExcelJS.Workbook, sheet: SheetLayout<string>, target: string, emptyText = false): Promise<void> {
  const ws = wb.addWorksheet(target, {
    state: sheet.visibility,
    views: sheet.freeze.rows || sheet.freeze.columns ? [{ state: "frozen", xSplit: sheet.freeze.columns, ySplit: sheet.freeze.rows }] : [],
    pageSetup: {
      paperSize: 9, // A4
      orientation: sheet.print.landscape ? "landscape" : "portrait",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      ...(sheet.print.repeatRows ? { printTitlesRow: sheet.print.repeatRows } : {}),
    },
  });
  sheet.columnWidths.forEach((w, n) => {
    // Width 0 means a hidden column (model.ts); exceljs ignores a zero width, so it is hidden instead.
    if (w === 0) ws.getColumn(n + 1).hidden = true;
    else ws.getColumn(n + 1).width = w;
  });
  sheet.grid.forEach((row, r) => row.forEach((content, c) => writeContent(ws.getCell(r + 1, c + 1), content, emptyText)));
  for (const [row, height] of Object.entries(sheet.rowHeights ?? {})) ws.getRow(Number(row)).height = height;
  for (const { ref, format } of sheet.formats) for (const { row, column } of cellsOf(ref)) applyFormat(ws.getCell(row + 1, column + 1), format);
  for (const m of sheet.merges) ws.mergeCells(m);
  for (const v of sheet.validations) {
    const base = {
      allowBlank: true,
      showInputMessage: true,
      promptTitle: v.promptTitle,
      prompt: v.prompt,
      showErrorMessage: true,
      errorStyle: "stop" as const,
      errorTitle: v.errorTitle,
      error: v.error,
    };
    const rule: ExcelJS.DataValidation =
      v.rule.kind === "list"
        ? { ...base, type: "list", formulae: [v.rule.source] }
        : v.rule.kind === "custom"
          ? { ...base, type: "custom", formulae: [v.rule.formula] }
          : {
            ...base,
            type: v.rule.kind,
            operator: v.rule.max === undefined ? "greaterThanOrEqual" : "between",
            formulae: v.rule.max === undefined ? [v.rule.min] : [v.rule.min, v.rule.max],
          };
    for (const { row, column } of cellsOf(v.ref)) ws.getCell(row + 1, column + 1).dataValidation = rule;
  }
  for (const cf of sheet.conditionalFormats) {
    ws.addConditionalFormatting({
      ref: cf.ref,
      rules: [
        {
          type: "expression",
          priority: 1,
          formulae: [cf.formula],
          style: {
            fill: { type: "pattern", pattern: "solid", bgColor: { argb: argb(cf.fill) } },
            ...(cf.fontColor ? { font: { color: { argb: argb(cf.fontColor) } } } : {}),
          },
        },
      ],
    });
  }
  if (sheet.protect) {
    await ws.protect("", { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
  }
}

/**
 * Writes sheets that are not a template (no names, no update in place: the ranking book of
 * ../layout/ranking-book.ts) into `wb`, in order, under their own names. A "" in the grid is
 * written as an empty text, as that book always held; templates leave such cells blank.
 */
export async function writeSheets(wb: ExcelJS.Workbook, sheets: readonly SheetLayout<string>[]): Promise<void> {
  for (const sheet of sheets) await writeSheet(wb, sheet, sheet.name, true);
}

export interface XlsxWriteResult {
  readonly plan: InsertPlan;
  /**
   * Why nothing was written (Vietnamese, one line each): an update in place whose typed values
   * sit behind ambiguous names (../layout/name-scope.ts) cannot tell which value to keep, and
   * rewriting the sheet would lose the others. Empty when the layout was written.
   */
  readonly refused: readonly string[];
  readonly preserved: readonly string[];
  readonly notPlaced: readonly string[];
  /** Charts of the layout that the file format adapter could not draw. */
  readonly chartsSkipped: number;
  /** Task rows of a kept Nhiệm vụ made before they had names, named now (they travel with the parts). */
  readonly tasksNamed?: number;
}

/**
 * A Nhiệm vụ sheet kept as its users typed it (../layout/plan.ts) that was made before its rows
 * had names gets them, so that split can carry its tasks and merge bring them back. Returns the
 * number of rows named (0 when the sheet has its names already, or no header row is found).
 */
function nameKeptTaskRows(wb: ExcelJS.Workbook, plan: InsertPlan): number {
  const kept = plan.sheets.find((s) => s.action === "keep" && s.sheet.role === "tasks");
  const ws = kept ? wb.getWorksheet(kept.targetName) : undefined;
  if (!kept || !ws) return 0;
  const model = (wb.definedNames as unknown as { model: { name: string }[] }).model;
  if (model.some((m) => /^DTI_TASK_\d+_/i.test(m.name))) return 0;
  const seen = (row: number, column: number): SeenCell => {
    const c = ws.getCell(row, column + 1);
    const v = c.value;
    const formula = typeof v === "object" && v !== null && ("formula" in v || "sharedFormula" in v);
    return { text: formula || v === null || v === undefined ? "" : typeof v === "object" ? c.text : String(v), formula };
  };
  const found = namesForUnnamedTaskRows(kept.targetName, seen, ws.rowCount);
  for (const n of found) defineName(wb, n.name, `${quoteSheet(kept.targetName)}!${n.ref}`);
  return found.length / TASK_FIELDS.length;
}

/** Values of the preserved (input-like) names of an existing workbook, for an update in place. */
export function readPreserved(wb: ExcelJS.Workbook, layout: WorkbookLayout): Map<string, CellContent> {
  const out = new Map<string, CellContent>();
  for (const n of layout.names) {
    if (!isPreservedName(n)) continue;
    const v = readName(wb, n.name);
    if (v.kind === "value" && v.value !== null && v.formula === undefined) out.set(n.name, v.value);
  }
  return out;
}

/** Preserved names of `layout` that are ambiguous in `wb`, each as a Vietnamese line. */
function ambiguousPreserved(wb: ExcelJS.Workbook, layout: WorkbookLayout, sheets: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const n of layout.names) {
    if (!isPreservedName(n) || !sheets.has(n.sheet)) continue;
    const v = readName(wb, n.name);
    if (v.kind === "broken" && isAmbiguity(v.trouble)) out.push(`${n.name}: ${troubleVi(v.trouble)}.`);
  }
  return out;
}

/**
 * Renders `layout` into `wb` (new or existing), following the never-lose-data plan:
 * `choose` decides for sheets whose names are taken. In an update, typed inputs are kept.
 */
export async function writeLayoutToWorkbook(
  wb: ExcelJS.Workbook,
  layout: WorkbookLayout,
  choose: (sheetName: string) => ConflictChoice,
): Promise<XlsxWriteResult> {
  const existing = wb.worksheets.map((ws) => ws.name);
  const plan = planInsert(layout, existing, choose);
  if (plan.cancelled) return { plan, refused: [], preserved: [], notPlaced: [], chartsSkipped: 0 };
  let rendered = layout;
  let preserved: readonly string[] = [];
  let notPlaced: readonly string[] = [];
  const updated = new Set(plan.sheets.filter((s) => s.action === "update").map((s) => s.sheet.name));
  if (updated.size > 0) {
    const ambiguous = ambiguousPreserved(wb, layout, updated);
    if (ambiguous.length) return { plan, refused: ambiguous, preserved: [], notPlaced: [], chartsSkipped: 0 };
    const merged = withPreservedInputs(layout, readPreserved(wb, layout));
    rendered = merged.layout;
    preserved = merged.placed;
    notPlaced = merged.notPlaced;
  }
  const target = new Map(plan.sheets.map((s) => [s.sheet.name, s.targetName]));
  for (const s of plan.sheets) {
    if (s.action === "update") {
      const old = wb.getWorksheet(s.targetName);
      if (old) wb.removeWorksheet(old.id);
    }
  }
  for (const s of plan.sheets) {
    if (s.action === "keep") continue;
    const sheet = rendered.sheets.find((x) => x.name === s.sheet.name) as SheetLayout;
    await writeSheet(wb, sheet, s.targetName);
  }
  for (const n of namesToDefine(layout, plan)) {
    const sheet = target.get(n.sheet) ?? n.sheet;
    // Names are workbook-level and unique: re-point an existing one (it may point at a cell
    // that moved when the user inserted rows) rather than add a second location to it.
    defineName(wb, n.name, `${quoteSheet(sheet)}!${n.ref}`);
  }
  const tasksNamed = nameKeptTaskRows(wb, plan);
  const chartsSkipped = plan.sheets.filter((s) => s.action !== "keep").reduce((n, s) => n + s.sheet.charts.length, 0);
  return { plan, refused: [], preserved, notPlaced, chartsSkipped, ...(tasksNamed ? { tasksNamed } : {}) };
}

/** What a defined name holds in a workbook read with exceljs. */
export type NamedValue =
  | { readonly kind: "value"; readonly value: CellContent; readonly formula?: string; readonly sheet: string; readonly address: string }
  | { readonly kind: "error"; readonly error: string; readonly sheet: string; readonly address: string }
  | { readonly kind: "missing" }
  /** What is wrong with the name (../layout/name-scope.ts): ambiguous (Excel's formulas may use another cell than one read) or broken. */
  | { readonly kind: "broken"; readonly trouble: NameTrouble };

function plainValue(v: ExcelJS.CellValue, cachedResult?: ExcelJS.CellValue): { value: CellContent; formula?: string } | { error: string } {
  if (v === null || v === undefined) return { value: null };
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return { value: v };
  if (v instanceof Date) {
    // Excel serial date (days since 1899-12-30), as Office.js reports it.
    return { value: (v.getTime() - Date.UTC(1899, 11, 30)) / 86400000 };
  }
  if ("error" in v) return { error: String(v.error) };
  if ("formula" in v || "sharedFormula" in v) {
    const fv = v as ExcelJS.CellFormulaValue;
    // exceljs drops a falsy cached result (0, FALSE, "") from `value`; the cell still has it.
    const r = fv.result ?? cachedResult;
    const formula = fv.formula ?? "";
    if (r === undefined || r === null) return { value: null, formula };
    if (typeof r === "object" && "error" in r) return { error: String(r.error) };
    if (r instanceof Date) return { value: (r.getTime() - Date.UTC(1899, 11, 30)) / 86400000, formula };
    return { value: r as CellContent, formula };
  }
  if ("richText" in v) return { value: v.richText.map((t) => t.text).join("") };
  if ("text" in v) return { value: String((v as { text: unknown }).text) };
  return { value: null };
}

/**
 * The areas `name` refers to. The definitions the file held when it was loaded say whether the
 * name is ambiguous (then it is not resolved) and how the file spells it (Excel ignores case);
 * exceljs's matrix says where it points now (names this module re-pointed since, included).
 */
function rangesOf(wb: ExcelJS.Workbook, name: string): readonly string[] | Ambiguity {
  const loaded = loadedNames.get(wb);
  let spelled = name;
  if (loaded) {
    loaded.index ??= indexDefinitions(loaded.definitions);
    const found = lookupDefinition(loaded.index.get(nameKey(name)) ?? [], name);
    if (found.kind === "ambiguous") return found.trouble;
    if (found.kind === "one") spelled = found.definition.name;
  }
  return wb.definedNames.getRanges(spelled).ranges;
}

export function readName(wb: ExcelJS.Workbook, name: string): NamedValue {
  const ranges = rangesOf(wb, name);
  if (!Array.isArray(ranges)) return { kind: "broken", trouble: ranges as Ambiguity };
  if (ranges.length === 0) return { kind: "missing" };
  if (ranges.length > 1) return { kind: "broken", trouble: rangeTrouble(name, ranges.join(",")) };
  const range = ranges[0] as string;
  const m = /^(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(range);
  if (!m) return { kind: "broken", trouble: { kind: "bad-ref", name, ref: range } };
  if (isMultiCell(range)) return { kind: "broken", trouble: rangeTrouble(name, range) };
  const sheet = (m[1] ?? m[2] ?? "").replace(/''/g, "'");
  const ws = wb.getWorksheet(sheet);
  if (!ws) return { kind: "broken", trouble: { kind: "missing-sheet", name, sheet } };
  const address = `${m[3]}${m[4]}`;
  const cell = ws.getCell(address);
  const got = plainValue(cell.value, (cell as unknown as { result?: ExcelJS.CellValue }).result);
  if ("error" in got) return { kind: "error", error: got.error, sheet, address };
  return got.formula === undefined
    ? { kind: "value", value: got.value, sheet, address }
    : { kind: "value", value: got.value, formula: got.formula, sheet, address };
}

/**
 * Types values into the cells behind defined names (a unit's inputs), as a person would:
 * only where the name exists and the cell holds no formula. Returns the names not written.
 */
export function writeNamedValues(wb: ExcelJS.Workbook, values: ReadonlyMap<string, CellContent>): string[] {
  const skipped: string[] = [];
  for (const [name, value] of values) {
    const found = readName(wb, name);
    if (found.kind !== "value" || found.formula !== undefined || isFormula(value)) {
      skipped.push(name);
      continue;
    }
    const ws = wb.getWorksheet(found.sheet) as ExcelJS.Worksheet;
    ws.getCell(found.address).value = value;
  }
  return skipped;
}
