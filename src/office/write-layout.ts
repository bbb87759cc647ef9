/**
 * Writes a host-neutral workbook layout (../layout/model.ts) into the open workbook through
 * Office.js, following the never-lose-data plan of ../layout/plan.ts.
 *
 * Round trips (`context.sync()`), the same whatever the number of rows:
 *   1. read the sheets (name, visibility, protection) and the workbook names;
 *      then the user answers for each clashing sheet — nothing is pending meanwhile;
 *   2. only when a sheet is updated in place: read the values typed into its input names,
 *      list its charts, and lift its protection (so a wrong password stops us before any
 *      write);
 *   3. write everything in one batch with calculation suspended: whole grids as one 2-D
 *      block per sheet, every list entry of the layout as one range operation;
 *   4. recalculate: after `suspendApiCalculationUntilNextSync` the documentation makes that
 *      the caller's duty, so formulas depending on the new cells are brought up to date.
 * Creating sheets takes 3 round trips, updating in place 4.
 *
 * No Office global is read at import time; everything goes through the request context,
 * and the requirement-set check is injected (`supports`).
 */
import {
  cellRef,
  isFormula,
  parseCellRef,
  quoteSheet,
  type CellContent,
  type CellFormat,
  type SheetLayout,
  type Validation,
  type WorkbookLayout,
} from "../layout/model";
import { isPreservedName, namesToDefine, planInsert, withPreservedInputs, type ConflictChoice, type InsertPlan } from "../layout/plan";
import { isMultiCell } from "../layout/name-scope";
import { TASK_FIELDS } from "../layout/names";
import { namesForUnnamedTaskRows, type SeenCell } from "../layout/tasks-sheet";
import { NAME_ITEM_PROPERTIES, isAmbiguous, isCellError, queueNamedValues } from "./read-names";

/** As `Office.context.requirements.isSetSupported(set, version)`. */
export type Supports = (set: string, version: string) => boolean;

/** The real check, for the task pane; reads the Office global only when called. */
export const officeSupports: Supports = (set, version) =>
  typeof Office !== "undefined" && Office.context.requirements.isSetSupported(set, version);

export interface WriteResult {
  readonly plan: InsertPlan;
  /** Round trips this call made. */
  readonly syncs: number;
  /** Input names whose typed values were carried into the updated sheets. */
  readonly preserved: string[];
  /**
   * Names whose typed values could not be carried: the new template has a formula or no
   * input there, the old cell held a formula or an error, or the name is no longer in the
   * template. The task pane lists them so nobody loses a figure silently.
   */
  readonly notPlaced: string[];
  /** Task rows of a kept Nhiệm vụ made before they had names, named now (they travel with the parts). */
  readonly tasksNamed?: number;
}

export type WriteLayoutErrorCode = "helper-sheet-clash" | "sheet-protected" | "ambiguous-names";

/** A refusal before anything was written; `message` is for users (Vietnamese), `code` for tests. */
export class WriteLayoutError extends Error {
  readonly code: WriteLayoutErrorCode;
  readonly cause?: unknown;
  constructor(code: WriteLayoutErrorCode, message: string, cause?: unknown) {
    super(message);
    this.name = "WriteLayoutError";
    this.code = code;
    this.cause = cause;
  }
}

/** Charts the writer draws carry this prefix, so an update removes only its own. */
export const CHART_NAME_PREFIX = "DTI_CHART_";

const key = (sheetName: string): string => sheetName.toLocaleLowerCase("vi");

/**
 * Excel's column width unit (as stored in the file and written by the exceljs adapter) to
 * the points Office.js uses: pixels = trunc(((256·w + trunc(128/7)) / 256) · 7) for the
 * 7-pixel digit of Calibri 11 (ECMA-376 §18.3.1.13), and 1 px = 0.75 pt.
 */
export function columnWidthPoints(width: number): number {
  return Math.trunc(((256 * width + Math.trunc(128 / 7)) / 256) * 7) * 0.75;
}

/**
 * Rewrites the sheet part of references (`'Chỉ số DTI 2022'!F12`, `DTI_META!B1`) for sheets
 * placed under another name, leaving string literals alone. Names need no rewriting: they
 * are workbook-level.
 */
export function retargetSheets(formula: string, rename: ReadonlyMap<string, string>): string {
  if (rename.size === 0) return formula;
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i] as string;
    if (ch === '"') {
      let j = i + 1;
      while (j < formula.length && !(formula[j] === '"' && formula[j + 1] !== '"')) j += formula[j] === '"' ? 2 : 1;
      out += formula.slice(i, j + 1);
      i = j + 1;
    } else if (ch === "'") {
      let j = i + 1;
      let name = "";
      while (j < formula.length && !(formula[j] === "'" && formula[j + 1] !== "'")) {
        name += formula[j];
        j += formula[j] === "'" ? 2 : 1;
      }
      const target = formula[j + 1] === "!" ? rename.get(key(name)) : undefined;
      out += target === undefined ? formula.slice(i, j + 1) : quoteSheet(target);
      i = j + 1;
    } else if (/[\p{L}_]/u.test(ch)) {
      let j = i;
      while (j < formula.length && /[\p{L}\p{N}_.]/u.test(formula[j] as string)) j++;
      const word = formula.slice(i, j);
      const target = formula[j] === "!" ? rename.get(key(word)) : undefined;
      out += target === undefined ? word : quoteSheet(target);
      i = j;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/**
 * What to send for one cell in `range.formulas`. Text Excel would read as something else
 * (a number "3.1", a fraction "1/2", a formula "=…", TRUE) gets the apostrophe that keeps
 * it text, as the exceljs adapter writes it; null is sent as "" so the cell is cleared
 * (null in a 2-D array would leave the old content).
 */
export function cellEntry(content: CellContent, rename: ReadonlyMap<string, string> = new Map()): string | number | boolean {
  if (content === null) return "";
  if (isFormula(content)) return `=${retargetSheets(content.f.replace(/^=/, ""), rename)}`;
  if (typeof content === "string") {
    const readAsOther = /^[=+\-@'#]/.test(content) || /^\s*[$(]?\s*[+-]?\.?\d/.test(content) || /^\s*(true|false)\s*$/i.test(content);
    return content !== "" && readAsOther ? `'${content}` : content;
  }
  return content;
}

/** Rows and columns of an A1 range ("D5:F40", "B3"). */
function dimensions(ref: string): { rows: number; columns: number } {
  const [a, b] = ref.split(":");
  const from = parseCellRef(a as string);
  const to = b === undefined ? from : parseCellRef(b);
  return { rows: Math.abs(to.row - from.row) + 1, columns: Math.abs(to.column - from.column) + 1 };
}

type Edge = "EdgeTop" | "EdgeBottom" | "EdgeLeft" | "EdgeRight" | "InsideHorizontal" | "InsideVertical";

const HORIZONTAL = { left: "Left", center: "Center", right: "Right" } as const;
const VERTICAL = { top: "Top", middle: "Center" } as const;
const VISIBILITY = { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" } as const;

function applyFormat(range: Excel.Range, ref: string, format: CellFormat): void {
  const f = range.format;
  if (format.bold !== undefined) f.font.bold = format.bold;
  if (format.italic !== undefined) f.font.italic = format.italic;
  if (format.fontColor !== undefined) f.font.color = format.fontColor;
  if (format.fill !== undefined) f.fill.color = format.fill;
  if (format.wrap !== undefined) f.wrapText = format.wrap;
  if (format.horizontal !== undefined) f.horizontalAlignment = HORIZONTAL[format.horizontal];
  if (format.vertical !== undefined) f.verticalAlignment = VERTICAL[format.vertical];
  const { rows, columns } = dimensions(ref);
  if (format.numberFormat !== undefined) {
    const numberFormat = format.numberFormat;
    range.numberFormat = Array.from({ length: rows }, () => Array.from({ length: columns }, () => numberFormat));
  }
  if (format.border) {
    const edges: Edge[] = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"];
    if (rows > 1) edges.push("InsideHorizontal");
    if (columns > 1) edges.push("InsideVertical");
    for (const edge of edges) {
      const border = f.borders.getItem(edge);
      border.style = "Continuous";
      border.weight = "Thin";
      border.color = "#BFBFBF";
    }
  }
  if (format.locked !== undefined) f.protection.locked = format.locked;
}

function validationRule(rule: Validation["rule"], rename: ReadonlyMap<string, string>): Excel.DataValidationRule {
  if (rule.kind === "list") {
    return { list: { inCellDropDown: true, source: `=${retargetSheets(rule.source.replace(/^=/, ""), rename)}` } };
  }
  if (rule.kind === "custom") {
    return { custom: { formula: `=${retargetSheets(rule.formula.replace(/^=/, ""), rename)}` } };
  }
  const basic: Excel.BasicDataValidation =
    rule.max === undefined
      ? { formula1: rule.min, operator: "GreaterThanOrEqualTo" }
      : { formula1: rule.min, formula2: rule.max, operator: "Between" };
  return rule.kind === "whole" ? { wholeNumber: basic } : { decimal: basic };
}

/** The grid, column widths, row heights, formats and merges of one sheet. */
function writeCells(ws: Excel.Worksheet, sheet: SheetLayout, rename: ReadonlyMap<string, string>): void {
  const rows = sheet.grid.length;
  const columns = Math.max(0, ...sheet.grid.map((row) => row.length));
  if (rows > 0 && columns > 0) {
    // The whole grid in one block, before any number format: a formula typed into a cell
    // already formatted as text ("@") would stay text.
    ws.getRange(`A1:${cellRef(rows - 1, columns - 1)}`).formulas = sheet.grid.map((row) =>
      Array.from({ length: columns }, (_, c) => cellEntry(row[c] ?? null, rename)),
    );
  }
  for (const { ref, format } of sheet.formats) applyFormat(ws.getRange(ref), ref, format);
  // Adjacent columns of the same width in one operation.
  let c = 0;
  while (c < sheet.columnWidths.length) {
    const width = sheet.columnWidths[c] as number;
    let end = c;
    while (end + 1 < sheet.columnWidths.length && sheet.columnWidths[end + 1] === width) end++;
    const columnsRange = ws.getRange(`${cellRef(0, c).replace(/\d+$/, "")}:${cellRef(0, end).replace(/\d+$/, "")}`);
    // Width 0 marks a helper column to hide (model.ts).
    if (width === 0) columnsRange.columnHidden = true;
    else columnsRange.format.columnWidth = columnWidthPoints(width);
    c = end + 1;
  }
  for (const [row, height] of Object.entries(sheet.rowHeights ?? {})) ws.getRange(`${row}:${row}`).format.rowHeight = height;
  for (const merge of sheet.merges) ws.getRange(merge).merge(false);
}

/** Validations, conditional formats, panes, print set-up and charts of one sheet (after the names exist). */
function writeRules(ws: Excel.Worksheet, sheet: SheetLayout, rename: ReadonlyMap<string, string>, pageLayout: boolean): void {
  for (const v of sheet.validations) {
    const dv = ws.getRange(v.ref).dataValidation;
    dv.rule = validationRule(v.rule, rename);
    dv.prompt = { showPrompt: true, title: v.promptTitle, message: v.prompt };
    dv.errorAlert = { showAlert: true, style: "Stop", title: v.errorTitle, message: v.error };
  }
  for (const cf of sheet.conditionalFormats) {
    const custom = ws.getRange(cf.ref).conditionalFormats.add("Custom").custom;
    custom.rule.formula = `=${retargetSheets(cf.formula.replace(/^=/, ""), rename)}`;
    custom.format.fill.color = cf.fill;
    if (cf.fontColor !== undefined) custom.format.font.color = cf.fontColor;
  }
  const { rows, columns } = sheet.freeze;
  if (rows > 0 && columns > 0) ws.freezePanes.freezeAt(`A1:${cellRef(rows - 1, columns - 1)}`);
  else if (rows > 0) ws.freezePanes.freezeRows(rows);
  else if (columns > 0) ws.freezePanes.freezeColumns(columns);
  if (pageLayout) {
    const page = ws.pageLayout;
    page.orientation = sheet.print.landscape ? "Landscape" : "Portrait";
    page.paperSize = "A4";
    // One page wide; 0 pages tall means "as many as needed", as fitToHeight="0" in the file.
    page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    if (sheet.print.repeatRows) {
      const rowsOnly = sheet.print.repeatRows.replace(/[A-Z$]/gi, "");
      page.setPrintTitleRows(rowsOnly.split(":").map((r) => `$${r}`).join(":"));
    }
  }
  sheet.charts.forEach((spec, n) => {
    const chart = ws.charts.add("BarClustered", ws.getRange(spec.values), "Columns");
    chart.name = `${CHART_NAME_PREFIX}${n + 1}`;
    chart.title.text = spec.title;
    chart.legend.visible = false;
    chart.series.getItemAt(0).setXAxisValues(ws.getRange(spec.categories));
    chart.setPosition(spec.from, spec.to);
  });
}

/** The template content a defined name's cell will hold, if it is a single cell of the grid. */
function templateCell(layout: WorkbookLayout, sheetName: string, ref: string): CellContent | undefined {
  const sheet = layout.sheets.find((s) => s.name === sheetName);
  try {
    const { row, column } = parseCellRef(ref);
    return sheet?.grid[row]?.[column];
  } catch {
    return undefined; // a range, not a single input cell
  }
}

/** The sheet of a named range's address as Excel reports it ("'Chỉ số DTI 2022'!$F$14"). */
function sheetOfAddress(address: unknown): string | undefined {
  if (typeof address !== "string") return undefined;
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!/.exec(address.replace(/^=/, ""));
  if (!m) return undefined;
  return m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
}

/**
 * Writes `layout` into the workbook of `context`. `choose` is asked once per visible sheet
 * whose name is taken (it may show a dialog); a single "cancel" writes nothing at all.
 */
export async function writeLayout(
  context: Excel.RequestContext,
  layout: WorkbookLayout,
  choose: (sheetName: string) => ConflictChoice | Promise<ConflictChoice>,
  supports: Supports = () => true,
): Promise<WriteResult> {
  let syncs = 0;
  const roundTrip = async (): Promise<void> => {
    syncs++;
    await context.sync();
  };

  // 1. What is there.
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name,items/visibility,items/protection/protected");
  const workbookNames = context.workbook.names;
  workbookNames.load(NAME_ITEM_PROPERTIES);
  await roundTrip();

  const existing = worksheets.items;
  const existingNames = existing.map((ws) => ws.name);
  const existingSheet = (name: string): Excel.Worksheet | undefined => existing.find((ws) => key(ws.name) === key(name));

  // planInsert updates hidden helper sheets in place without asking. A *visible* sheet of that
  // name is the user's own (e.g. their "Danh mục"), not an earlier copy: refuse, write nothing.
  for (const sheet of layout.sheets) {
    const clash = sheet.visibility === "visible" ? undefined : existingSheet(sheet.name);
    if (clash !== undefined && clash.visibility === "Visible") {
      throw new WriteLayoutError(
        "helper-sheet-clash",
        `Sổ làm việc đã có trang tính "${clash.name}" không thuộc mẫu DTI. Hãy đổi tên trang đó rồi chèn mẫu lại; chưa có gì được ghi.`,
      );
    }
  }

  // The user's answers, gathered before planning (the dialog is asynchronous).
  const answers = new Map<string, ConflictChoice>();
  for (const sheet of layout.sheets) {
    if (sheet.visibility !== "visible") continue;
    const clash = existingSheet(sheet.name);
    if (clash === undefined || answers.has(key(clash.name))) continue;
    const choice = await choose(clash.name);
    answers.set(key(clash.name), choice);
    if (choice === "cancel") break;
  }
  const plan = planInsert(layout, existingNames, (name) => answers.get(key(name)) ?? "cancel");
  if (plan.cancelled) return { plan, syncs, preserved: [], notPlaced: [] };

  // A Nhiệm vụ kept as its users typed it, made before its rows had names: read it in the next
  // round trip to name them (../layout/tasks-sheet.ts), as `template --update` does.
  const keptTasks = plan.sheets.find((p) => p.action === "keep" && p.sheet.role === "tasks");
  const unnamedTasks =
    keptTasks && !workbookNames.items.some((item) => /^DTI_TASK_\d+_/i.test(item.name)) ? existingSheet(keptTasks.targetName)?.getUsedRangeOrNullObject() : undefined;
  unnamedTasks?.load("values,formulas,rowIndex,columnIndex,rowCount");

  // 2. An update in place: read what was typed, list old charts, lift protection.
  const updates = plan.sheets.filter((p) => p.action === "update");
  if (updates.length === 0 && unnamedTasks) await roundTrip();
  let content = layout;
  const preserved: string[] = [];
  const notPlaced: string[] = [];
  const oldCharts = new Map<string, Excel.ChartCollection>();
  if (updates.length > 0) {
    const updatedLayoutSheets = new Set(updates.map((p) => p.sheet.name));
    const updatedTargets = new Set(updates.map((p) => key(p.targetName)));
    // A typed value behind a name over several cells cannot be carried: which cell holds the
    // figure is unclear, and the sheet is about to be rewritten. Refuse before touching anything.
    const items = new Map(workbookNames.items.map((item) => [item.name.toLowerCase(), item]));
    const ambiguous = layout.names
      .filter((n) => isPreservedName(n) && updatedLayoutSheets.has(n.sheet))
      .map((n) => ({ n, item: items.get(n.name.toLowerCase()) }))
      .filter(({ item }) => item?.type === "Range" && isMultiCell(String(item.value)))
      .map(({ n, item }) => `${n.name} → ${String(item?.value)}`);
    if (ambiguous.length) {
      throw new WriteLayoutError(
        "ambiguous-names",
        `Không cập nhật được mẫu: các tên sau trỏ tới vùng nhiều ô thay vì một ô, nên không biết giữ số liệu nào: ${ambiguous.join("; ")}. Hãy sửa trong Công thức › Trình quản lý Tên để mỗi tên chỉ trỏ tới một ô, rồi thử lại; chưa có gì được ghi.`,
      );
    }
    for (const p of updates) {
      const ws = existingSheet(p.targetName) as Excel.Worksheet;
      if (ws.protection.protected) ws.protection.unprotect();
      ws.charts.load("items/name");
      oldCharts.set(key(p.targetName), ws.charts);
    }
    const inputs = layout.names.filter((n) => isPreservedName(n) && updatedLayoutSheets.has(n.sheet));
    // Names of an earlier template that this one no longer has, on a sheet about to be rewritten.
    const layoutNames = new Set(layout.names.map((n) => n.name.toLowerCase()));
    const dropped = workbookNames.items
      .filter((item) => /^DTI_/i.test(item.name) && !layoutNames.has(item.name.toLowerCase()))
      .filter((item) => item.type === "Range" && updatedTargets.has(key(sheetOfAddress(item.value) ?? "")))
      .map((item) => item.name);
    const reading = queueNamedValues(workbookNames.items, [...inputs.map((n) => n.name), ...dropped]);
    try {
      await roundTrip();
    } catch (e) {
      throw new WriteLayoutError(
        "sheet-protected",
        "Không bỏ được bảo vệ của trang tính cần cập nhật (có thể trang được đặt mật khẩu). Hãy bỏ bảo vệ trang đó rồi thử lại; chưa có số liệu nào bị ghi đè.",
        e,
      );
    }
    const found = reading.collect();
    const previous = new Map<string, CellContent>();
    for (const n of inputs) {
      const r = found.get(n.name);
      if (r === undefined || r === "missing") continue;
      if (isAmbiguous(r)) {
        notPlaced.push(n.name);
        continue;
      }
      const next = templateCell(layout, n.sheet, n.ref);
      const nextIsFormula = next !== undefined && next !== null && isFormula(next);
      if (r.formula !== undefined) {
        // The template's own formula is not data; a formula the user typed cannot be carried safely.
        if (!nextIsFormula) notPlaced.push(n.name);
        continue;
      }
      if (isCellError(r.value)) {
        notPlaced.push(n.name);
        continue;
      }
      if (r.value === null || r.value === "") continue;
      if (nextIsFormula) {
        notPlaced.push(n.name); // never write a kept value over a formula of the new template
        continue;
      }
      previous.set(n.name, r.value);
    }
    for (const name of dropped) {
      const r = found.get(name);
      if (r !== undefined && r !== "missing" && !isAmbiguous(r) && r.formula === undefined && r.value !== null && r.value !== "") notPlaced.push(name);
    }
    const kept = withPreservedInputs(layout, previous);
    content = kept.layout;
    preserved.push(...kept.placed);
    notPlaced.push(...kept.notPlaced);
  }

  // 3. One write batch.
  context.application.suspendApiCalculationUntilNextSync();
  const rename = new Map<string, string>();
  for (const p of plan.sheets) if (p.targetName !== p.sheet.name) rename.set(key(p.sheet.name), p.targetName);
  const target = new Map(plan.sheets.map((p) => [p.sheet.name, p.targetName]));
  const written: { sheet: SheetLayout; ws: Excel.Worksheet }[] = [];
  for (const p of plan.sheets) {
    if (p.action === "keep") continue;
    const sheet = content.sheets.find((s) => s.name === p.sheet.name) as SheetLayout;
    let ws: Excel.Worksheet;
    if (p.action === "create") {
      ws = worksheets.add(p.targetName);
    } else {
      ws = existingSheet(p.targetName) as Excel.Worksheet;
      const all = ws.getRange();
      all.clear("All");
      all.unmerge();
      all.dataValidation.clear();
      all.conditionalFormats.clearAll();
      all.format.useStandardHeight = true;
      all.format.useStandardWidth = true;
      all.columnHidden = false;
      ws.freezePanes.unfreeze();
      for (const chart of oldCharts.get(key(p.targetName))?.items ?? []) if (chart.name.startsWith(CHART_NAME_PREFIX)) chart.delete();
    }
    writeCells(ws, sheet, rename);
    written.push({ sheet, ws });
  }
  // Names are workbook-level and unique: an existing one (perhaps pointing at a cell that
  // moved when rows were inserted) is deleted and made again at the template's cell.
  const oldNames = new Map(workbookNames.items.map((item) => [item.name.toLowerCase(), item]));
  for (const n of namesToDefine(layout, plan)) {
    oldNames.get(n.name.toLowerCase())?.delete();
    workbookNames.add(n.name, `=${quoteSheet(target.get(n.sheet) ?? n.sheet)}!${n.ref}`);
  }
  let tasksNamed = 0;
  if (keptTasks && unnamedTasks && !unnamedTasks.isNullObject) {
    const { values, formulas, rowIndex, columnIndex, rowCount } = unnamedTasks;
    const seen = (row: number, column: number): SeenCell => {
      const [r, c] = [row - 1 - rowIndex, column - columnIndex];
      const f: unknown = formulas[r]?.[c];
      const formula = typeof f === "string" && f.startsWith("=");
      const v: unknown = values[r]?.[c];
      return { text: formula || v === null || v === undefined ? "" : String(v), formula };
    };
    const found = namesForUnnamedTaskRows(keptTasks.targetName, seen, rowIndex + rowCount);
    for (const n of found) workbookNames.add(n.name, `=${quoteSheet(keptTasks.targetName)}!${n.ref}`);
    tasksNamed = found.length / TASK_FIELDS.length;
  }
  const pageLayout = supports("ExcelApi", "1.9");
  for (const { sheet, ws } of written) writeRules(ws, sheet, rename, pageLayout);
  for (const { sheet, ws } of written) ws.visibility = VISIBILITY[sheet.visibility];
  written.find(({ sheet }) => sheet.visibility === "visible")?.ws.activate();
  // Protection last, once the input cells are unlocked; as the exceljs adapter sets it.
  for (const { sheet, ws } of written) {
    if (sheet.protect) ws.protection.protect({ allowFormatColumns: true, allowFormatRows: true });
  }
  await roundTrip();

  // 4. Calculation was suspended: bring every dependent formula up to date.
  context.application.calculate("Full");
  await roundTrip();

  return { plan, syncs, preserved, notPlaced, ...(tasksNamed ? { tasksNamed } : {}) };
}
