/**
 * Builds the workbook templates from the catalog: Thông tin chung, Chỉ số DTI <năm>,
 * Tổng hợp, Phân công, Nhiệm vụ, plus a hidden lists sheet (drop-down options and their
 * fractions) and a very hidden meta sheet (indicator set id, template version).
 * Laid out so that staff only type raw figures: inputs are yellow and unlocked, everything
 * else is computed by plain formulas (./formulas.ts) and locked.
 */
import { isBuiltInSet } from "../catalog";
import { calendarText, DEFAULT_CALENDAR, formatDate, type CalendarDate, type ReportingCalendar } from "../catalog/calendar";
import { formatPeriod, periodChoices, type Period } from "../catalog/period";
import { agencyAssignments, type AgencyAssignment } from "../catalog/agencies";
import type { Indicator, IndicatorSet, InfoItem, Variable } from "../catalog/schema";
import { indicatorSetToSheet, SET_SHEET_NAME, type BlankSet } from "./set-sheet";
import type { TaskList } from "../catalog/tasks/schema";
import { readingCell } from "../catalog/describe";
import { EXCEL_CELL_MAX } from "../catalog/load";
import { ratioSpecs } from "../catalog/rule-parts";
import { RuleFormulas } from "./formulas";
import {
  cellRef,
  columnLetter,
  type CellContent,
  type ChartSpec,
  type ConditionalFormat,
  type DefinedName,
  type FormatRange,
  type SheetLayout,
  type SheetRole,
  type Validation,
  type WorkbookLayout,
} from "./model";
import { TEMPLATE_VERSION, names, sheetNames } from "./names";
import { toExcelSerial } from "./deadline";
import { buildTasksSheet, type TasksSheetOptions } from "./tasks-sheet";

export interface BuildOptions {
  /** "portable" (default): plain Excel formulas; "functions": DTI.* custom functions in score cells. */
  readonly formulas?: "portable" | "functions";
  /** Visible sheets to include (default all). Summary and assignment bring the indicator sheet, which brings the info sheet. */
  readonly sheets?: readonly SheetRole[];
  /** Protect the sheets so only input cells can be edited (no password). Default true. */
  readonly protect?: boolean;
  /** Pre-fill Nhiệm vụ with these tasks (e.g. the Ninh Thuận Phụ lục 1 example) and their source. */
  readonly sampleTasks?: TaskList;
  /** A part's Nhiệm vụ: the tasks its agency leads, read from the master (./part-tasks.ts); needs "tasks" in `sheets`. */
  readonly partTasks?: TasksSheetOptions["part"];
  /**
   * Include the Nhiệm vụ sheet when `sheets` is not given. Default: for the built-in DTI sets,
   * or with `sampleTasks`; a province's own set gets it only when asked (`dti template --tasks`).
   */
  readonly tasks?: boolean;
  /**
   * Build only these indicators (a part for one agency, `dti split`); sub-indicators of an
   * included indicator come with it. Pillars without any are left out of the indicator sheet
   * and Tổng hợp, whose maxima are then those of the part; Phân công lists only the part.
   * A `sameAs` link to an indicator left out becomes a plain input. Default: all.
   */
  readonly indicators?: ReadonlySet<string>;
  /** Build only these general-information items; a link to an item left out becomes a plain input. Default: all. */
  readonly infoItems?: ReadonlySet<number>;
  /**
   * Marks the workbook as one agency's part of a master (DTI_META_PART, DTI_META_MASTER on
   * DTI_META), due at Sở TTTT on `dueDate` (DTI_DUE_DATE, shown at the top of the part).
   */
  readonly part?: { readonly agency: string; readonly master: string; readonly dueDate?: CalendarDate };
  /** The reporting period the workbook records in DTI_PERIOD; none leaves the cell blank. */
  readonly period?: Period;
  /** The reporting calendar the master records in DTI_CALENDAR (default Ninh Thuận's). */
  readonly calendar?: ReportingCalendar;
  /** How Phân công splits agency cells into agencies (default splitAgencies). */
  readonly agencies?: (text: string) => string[];
  /**
   * Add the "Bộ chỉ số" sheet holding the set itself, so that the workbook can be scored
   * where the set file is not at hand. Default: when the set is not built in (a built-in set
   * is known by its id everywhere) and the indicator sheet is built.
   */
  readonly embedSet?: boolean;
}

/** What a build covers: the whole set, or the indicators and info items of a part. */
interface Scope {
  readonly partial: boolean;
  readonly indicators: readonly Indicator[];
  readonly infoItems: readonly InfoItem[];
  readonly hasIndicator: (id: string) => boolean;
  readonly hasInfo: (id: number) => boolean;
  readonly part?: { readonly agency: string; readonly master: string; readonly dueDate?: CalendarDate };
  readonly period?: Period;
  readonly calendar: ReportingCalendar;
}

function scopeOf(set: IndicatorSet, options: BuildOptions): Scope {
  const wanted = options.indicators;
  const ids = new Set<string>();
  if (wanted) {
    for (const ind of set.indicators) {
      // A sub-indicator comes with its parent (whose score sums it), however deep.
      let at: Indicator | undefined = ind;
      while (at && !wanted.has(at.id)) at = at.parent ? set.indicators.find((i) => i.id === at?.parent) : undefined;
      if (at) ids.add(ind.id);
    }
  }
  const infoWanted = options.infoItems;
  const indicators = wanted ? set.indicators.filter((i) => ids.has(i.id)) : set.indicators;
  const infoItems = infoWanted ? set.infoItems.filter((i) => infoWanted.has(i.id)) : set.infoItems;
  const infoIds = new Set(infoItems.map((i) => i.id));
  return {
    partial: wanted !== undefined || infoWanted !== undefined,
    indicators,
    infoItems,
    hasIndicator: wanted ? (id) => ids.has(id) : () => true,
    hasInfo: infoWanted ? (id) => infoIds.has(id) : () => true,
    ...(options.part ? { part: options.part } : {}),
    ...(options.period ? { period: options.period } : {}),
    calendar: options.calendar ?? DEFAULT_CALENDAR,
  };
}

export const VISIBLE_ROLES: readonly SheetRole[] = ["info", "indicators", "summary", "assignment", "tasks"];

/** Colours of the templates: inputs yellow, links grey, results blue. */
export const COLORS = {
  input: "#FFF2CC",
  linked: "#EDEDED",
  result: "#DDEBF7",
  header: "#1F4E79",
  headerFont: "#FFFFFF",
  pillar: "#D9E1F2",
  label: "#595959",
} as const;

const fmt = {
  count: "#,##0",
  amount: "#,##0.00",
  percent: "0.00%",
  points: "0.00",
  index: "0.0000",
  max: "0",
};

/** Excel limits: validation titles 32 characters, messages 255. */
function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

/** A grid under construction: rows of a fixed width, with range-level lists beside it. */
class SheetBuilder {
  readonly grid: CellContent[][] = [];
  readonly formats: FormatRange[] = [];
  readonly validations: Validation[] = [];
  readonly conditionalFormats: ConditionalFormat[] = [];
  readonly merges: string[] = [];
  readonly rowHeights: Record<number, number> = {};
  readonly charts: ChartSpec[] = [];

  constructor(
    readonly name: string,
    readonly width: number,
  ) {}

  /** Appends a row (padded to the width) and returns its 0-based index. */
  row(cells: readonly CellContent[] = []): number {
    const row: CellContent[] = [...cells];
    while (row.length < this.width) row.push(null);
    this.grid.push(row.slice(0, this.width));
    return this.grid.length - 1;
  }

  set(row: number, column: number, content: CellContent): void {
    (this.grid[row] as CellContent[])[column] = content;
  }

  format(ref: string, format: FormatRange["format"]): void {
    this.formats.push({ ref, format });
  }

  rowRange(row: number, from = 0, to = this.width - 1): string {
    return `${cellRef(row, from)}:${cellRef(row, to)}`;
  }

  sheet(
    role: SheetRole,
    columnWidths: readonly number[],
    extra: Pick<SheetLayout, "freeze" | "print"> & Partial<Pick<SheetLayout, "visibility" | "protect">>,
  ): SheetLayout {
    return {
      name: this.name,
      role,
      visibility: extra.visibility ?? "visible",
      columnWidths,
      grid: this.grid,
      rowHeights: this.rowHeights,
      merges: this.merges,
      formats: this.formats,
      validations: this.validations,
      conditionalFormats: this.conditionalFormats,
      freeze: extra.freeze,
      print: extra.print,
      protect: extra.protect ?? true,
      charts: this.charts,
    };
  }
}

const f = (formula: string): CellContent => ({ f: formula });

function isCount(v: Variable): boolean {
  return v.unit !== "tỷ đồng";
}

function numberValidation(ref: string, title: string, v: { description: string; unit: string }, count: boolean): Validation {
  return {
    ref,
    rule: count ? { kind: "whole", min: 0 } : { kind: "decimal", min: 0 },
    promptTitle: clip(title, 32),
    prompt: clip(`${v.description}${v.unit ? ` (${v.unit})` : ""}. ${count ? "Nhập số nguyên" : "Nhập số"} lớn hơn hoặc bằng 0.`, 255),
    errorTitle: "Giá trị không hợp lệ",
    error: clip(`${title}: ${count ? "phải là số nguyên" : "phải là số"} lớn hơn hoặc bằng 0 (${v.unit || "số"}); không nhập chữ hay số âm.`, 255),
  };
}

/**
 * Numerators of a ratio whose numerator counts a subset of its denominator (§1): besides
 * being a number ≥ 0, the entry may not make the numerator exceed the denominator.
 */
function subsetValidation(ind: Indicator, v: Variable, ref: string, title: string): Validation | null {
  const rule = ind.rule;
  const spec = ratioSpecs(rule).find((s) => s.subset && s.denominator.kind === "variables" && s.numerator.includes(v.key));
  if (spec?.denominator.kind !== "variables") return null;
  const den = spec.denominator.variables.map((k) => names.input(ind.id, k));
  const num = spec.numerator.map((k) => names.input(ind.id, k));
  const self = names.input(ind.id, v.key);
  const whole = isCount(v) ? `,INT(${self})=${self}` : "";
  const numText = spec.numerator.join(" + ");
  const denText = spec.denominator.variables.join(" + ");
  return {
    ref,
    // Checked once every denominator figure is there; text makes INT fail, hence IFERROR.
    rule: {
      kind: "custom",
      formula: `IFERROR(AND(ISNUMBER(${self}),${self}>=0${whole},OR(NOT(AND(${den.map((d) => `ISNUMBER(${d})`).join(",")})),SUM(${num.join(",")})<=SUM(${den.join(",")}))),FALSE())`,
    },
    promptTitle: clip(title, 32),
    prompt: clip(`${v.description}${v.unit ? ` (${v.unit})` : ""}. ${isCount(v) ? "Nhập số nguyên" : "Nhập số"} lớn hơn hoặc bằng 0, không lớn hơn mẫu số (${denText}).`, 255),
    errorTitle: "Giá trị không hợp lệ",
    error: clip(`${title}: phải là ${isCount(v) ? "số nguyên" : "số"} ≥ 0, và tử số (${numText}) không được lớn hơn mẫu số (${denText}), vì tỷ lệ không thể vượt 100 %.`, 255),
  };
}

function listValidation(ref: string, title: string, v: Variable, source: string): Validation {
  return {
    ref,
    rule: { kind: "list", source },
    promptTitle: clip(title, 32),
    prompt: clip(`${v.description}. Chọn một mục trong danh sách.`, 255),
    errorTitle: "Không có trong danh sách",
    error: clip(`${title}: chỉ chọn một trong các mục của danh sách thả xuống.`, 255),
  };
}

// ---------------------------------------------------------------- Thông tin chung

function buildInfoSheet(set: IndicatorSet, scope: Scope, sheetName: string, out: DefinedName[]): SheetLayout {
  const b = new SheetBuilder(sheetName, 7);
  b.row([`THÔNG TIN CHUNG — ${set.name.toLocaleUpperCase("vi")}`]);
  b.format("A1", { bold: true });
  b.row(["Nhập mỗi số liệu một lần tại đây; các chỉ số dùng số liệu này (cột F) tự lấy từ ô tương ứng. Chỉ nhập vào các ô màu vàng."]);
  b.format("A2", { italic: true, fontColor: COLORS.label });
  buildCycleRows(b, scope, sheetName, out);
  const header = b.row(["STT", "Thông tin", "Giá trị", "Đơn vị tính", "Cơ quan cung cấp", "Dùng cho chỉ số", "Ghi chú"]);
  b.format(b.rowRange(header), { bold: true, fill: COLORS.header, fontColor: COLORS.headerFont, wrap: true, border: true, vertical: "middle" });
  const users = new Map<number, string[]>();
  for (const ind of scope.indicators) {
    for (const v of ind.variables) for (const item of v.info ?? []) users.set(item, [...(users.get(item) ?? []), `${ind.id} ${v.key}`]);
  }
  const first = header + 1;
  for (const item of scope.infoItems) {
    const r = b.row([item.id, item.name, null, item.unit, item.responsible, (users.get(item.id) ?? []).join(", "), null]);
    out.push({ name: names.info(item.id), sheet: sheetName, ref: cellRef(r, 2, true), kind: "info", variable: String(item.id) });
    b.format(cellRef(r, 2), { fill: COLORS.input, locked: false, numberFormat: item.type === "number" ? (item.unit === "tỷ đồng" ? fmt.amount : fmt.count) : "@" });
    b.format(cellRef(r, 6), { locked: false });
    out.push({ name: names.infoNote(item.id), sheet: sheetName, ref: cellRef(r, 6, true), kind: "note" });
    if (item.type === "number") {
      b.validations.push(numberValidation(cellRef(r, 2), `Thông tin chung mục ${item.id}`, { description: item.name, unit: item.unit }, item.unit !== "tỷ đồng"));
    }
  }
  const last = b.grid.length - 1;
  b.format(`A${first + 1}:G${last + 1}`, { border: true, vertical: "top", wrap: true });
  return b.sheet("info", [6, 48, 18, 12, 26, 28, 30], { freeze: { rows: header + 1, columns: 0 }, print: { landscape: true, repeatRows: `${header + 1}:${header + 1}` } });
}

// ---------------------------------------------------------------- Chỉ số DTI

/** Columns of the indicator sheet. Variable slots follow the fixed columns. */
function indicatorColumns(slots: number) {
  const v0 = 6;
  const after = v0 + slots;
  return {
    id: 0,
    name: 1,
    max: 2,
    method: 3,
    responsible: 4,
    coordinating: 5,
    variable: (n: number) => v0 + n,
    refMin: after,
    refMax: after + 1,
    ratio: after + 2,
    score: after + 3,
    status: after + 4,
    target: after + 5,
    evidence: after + 6,
    note: after + 7,
    reading: after + 8,
    width: after + 9,
  };
}

function variableLabel(v: Variable, scope: Scope): string {
  let link = "";
  if (v.info) link = ` (= Thông tin chung mục ${v.info.join(" + ")})`;
  else if (v.sameAs) link = ` (= ${v.sameAs.indicator} ${v.sameAs.variable})`;
  if (link && linkedFormula(v, scope) === null) link = `${link.slice(0, -1)}; không có trong phần này, nhập trực tiếp)`;
  const unit = v.unit ? ` [${v.unit}]` : "";
  const optional = v.optional ? " (không bắt buộc)" : "";
  return `${v.key} = ${v.description}${unit}${link}${optional}`;
}

/**
 * The formula of a linked input cell: the general-information item(s) or the first occurrence.
 * null when the cell is a plain input, also when what it links to is not in the build (a part).
 */
function linkedFormula(v: Variable, scope: Scope): string | null {
  if (v.info && !v.info.every((i) => scope.hasInfo(i))) return null;
  if (v.sameAs && !scope.hasIndicator(v.sameAs.indicator)) return null;
  if (v.info) {
    const refs = v.info.map((i) => names.info(i));
    const blank = refs.map((r) => `${r}=""`).join(",");
    return `IF(OR(${blank}),"",${refs.join("+")})`;
  }
  if (v.sameAs) {
    const n = names.input(v.sameAs.indicator, v.sameAs.variable);
    return `IF(${n}="","",${n})`;
  }
  return null;
}

/** The maximum points of a pillar within the build: the pillar's own, or the sum of its indicators in a part. */
function pillarMax(scope: Scope, pillar: { id: string; maxPoints: number }): number {
  if (!scope.partial) return pillar.maxPoints;
  return scope.indicators.filter((i) => i.pillar === pillar.id && !i.parent).reduce((n, i) => n + i.maxPoints, 0);
}

function pillarsOf(set: IndicatorSet, scope: Scope): IndicatorSet["pillars"] {
  return scope.partial ? set.pillars.filter((p) => scope.indicators.some((i) => i.pillar === p.id)) : set.pillars;
}

function buildIndicatorSheet(set: IndicatorSet, scope: Scope, sheetName: string, functions: boolean, out: DefinedName[]): SheetLayout {
  const slots = Math.max(1, ...scope.indicators.map((i) => i.variables.length));
  const c = indicatorColumns(slots);
  const b = new SheetBuilder(sheetName, c.width);
  b.row([`${set.name.toLocaleUpperCase("vi")}${scope.part ? ` — PHẦN CỦA ${scope.part.agency}${cycleLine(scope)}` : ""}`]);
  b.format("A1", { bold: true });
  b.row([`Nguồn: ${set.source}. Chỉ nhập vào các ô màu vàng; ô màu xám lấy từ "Thông tin chung" hoặc từ chỉ số đã nhập; cột "Điểm" tự tính theo phương pháp chính thức.`]);
  b.format("A2", { italic: true, fontColor: COLORS.label });
  const optionRow = b.row([f(`"Cách đọc ngưỡng: "&IF(${names.optionAltThreshold}="Có","cách đọc khác (tỷ lệ/ngưỡng × điểm tối đa)","theo câu chữ (mặc định)")&" — đổi tại trang Tổng hợp."`)]);
  b.format(cellRef(optionRow, 0), { italic: true, fontColor: COLORS.label });
  const headers: CellContent[] = ["Mã", "Tên chỉ số", "Điểm tối đa", "Phương pháp tính điểm", "Cơ quan chủ trì", "Cơ quan phối hợp"];
  for (let n = 0; n < slots; n++) headers.push(n === 0 ? "Số liệu nhập (mô tả biến ở dòng trên ô nhập)" : "");
  headers.push("Tham chiếu: nhỏ nhất", "Tham chiếu: lớn nhất / cao nhất", "Tỷ lệ", "Điểm", "Trạng thái", "Chỉ tiêu năm", "Tài liệu kiểm chứng (số văn bản hoặc đường dẫn)", "Ghi chú", "Cách hiểu áp dụng");
  const header = b.row(headers);
  b.format(b.rowRange(header), { bold: true, fill: COLORS.header, fontColor: COLORS.headerFont, wrap: true, border: true, vertical: "middle", horizontal: "center" });
  b.rowHeights[header + 1] = 45;

  for (const pillar of pillarsOf(set, scope)) {
    const pr = b.row([pillar.id, pillar.name, pillarMax(scope, pillar)]);
    b.set(pr, c.score, f(names.pillar(pillar.id)));
    b.format(b.rowRange(pr), { bold: true, fill: COLORS.pillar, border: true });
    b.format(cellRef(pr, c.score), { numberFormat: fmt.points });
    for (const ind of scope.indicators.filter((i) => i.pillar === pillar.id)) {
      const rf = new RuleFormulas(ind, set.id);
      const labelRow = b.row([
        ind.id,
        ind.parent ? `   ${ind.name}` : ind.name,
        ind.maxPoints,
        ind.scoringText,
        ind.responsible,
        ind.coordinating,
      ]);
      const inputRow = b.row();
      b.set(labelRow, c.reading, readingCell(ind.rule, ind.reading));
      b.format(`${cellRef(labelRow, 0)}:${cellRef(inputRow, c.width - 1)}`, { border: true, vertical: "top", wrap: true });
      b.format(`${cellRef(labelRow, c.variable(0))}:${cellRef(labelRow, c.refMax)}`, { italic: true, fontColor: COLORS.label });
      ind.variables.forEach((v, n) => {
        const col = c.variable(n);
        const ref = cellRef(inputRow, col);
        const title = `${ind.id} – biến ${v.key}`;
        b.set(labelRow, col, variableLabel(v, scope));
        const link = linkedFormula(v, scope);
        const name = names.input(ind.id, v.key);
        out.push({ name, sheet: sheetName, ref: cellRef(inputRow, col, true), kind: link ? "linked" : "input", indicator: ind.id, variable: v.key });
        if (link) {
          b.set(inputRow, col, f(link));
          b.format(ref, { fill: COLORS.linked, numberFormat: isCount(v) ? fmt.count : fmt.amount });
        } else if (v.type === "choice") {
          b.format(ref, { fill: COLORS.input, locked: false });
          b.validations.push(listValidation(ref, title, v, names.optionLabels(ind.id, v.key)));
        } else {
          b.format(ref, { fill: COLORS.input, locked: false, numberFormat: isCount(v) ? fmt.count : fmt.amount });
          b.validations.push(subsetValidation(ind, v, ref, title) ?? numberValidation(ref, title, v, isCount(v)));
        }
      });
      const rule = ind.rule;
      if (rule.kind === "min-max" || rule.kind === "ratio-to-best") {
        const cols: [number, string, string][] =
          rule.kind === "min-max"
            ? [[c.refMin, names.referenceMin(ind.id), "Nhỏ nhất của các đơn vị so sánh"], [c.refMax, names.referenceMax(ind.id), "Lớn nhất của các đơn vị so sánh"]]
            : [[c.refMax, names.referenceMax(ind.id), "Cao nhất của các đơn vị so sánh"]];
        const ratioMeasure = rule.measure.kind === "ratio";
        for (const [col, name, label] of cols) {
          const ref = cellRef(inputRow, col);
          b.set(labelRow, col, label);
          out.push({ name, sheet: sheetName, ref: cellRef(inputRow, col, true), kind: "reference", indicator: ind.id });
          b.format(ref, { fill: COLORS.input, locked: false, numberFormat: ratioMeasure ? fmt.percent : fmt.amount });
          b.validations.push({
            ref,
            rule: { kind: "decimal", min: 0 },
            promptTitle: clip(`${ind.id} – giá trị tham chiếu`, 32),
            prompt: clip(`${label} (${ratioMeasure ? "tỷ lệ" : "giá trị"}), do cơ quan chấm điểm công bố. Thiếu giá trị này thì chưa tính được điểm.`, 255),
            errorTitle: "Giá trị không hợp lệ",
            error: "Giá trị tham chiếu phải là số lớn hơn hoặc bằng 0.",
          });
        }
      }
      const ratio = rf.ratio();
      if (ratio) {
        b.set(inputRow, c.ratio, f(ratio));
        b.format(cellRef(inputRow, c.ratio), { numberFormat: fmt.percent });
      }
      b.set(inputRow, c.score, f(functions ? rf.functionScore() : rf.score()));
      out.push({ name: names.score(ind.id), sheet: sheetName, ref: cellRef(inputRow, c.score, true), kind: "score", indicator: ind.id });
      b.format(cellRef(inputRow, c.score), { fill: COLORS.result, bold: true, numberFormat: fmt.points });
      b.set(inputRow, c.status, f(rf.status()));
      b.format(`${cellRef(inputRow, c.target)}:${cellRef(inputRow, c.note)}`, { fill: COLORS.input, locked: false });
      for (const [col, name] of [[c.target, names.target(ind.id)], [c.evidence, names.evidence(ind.id)], [c.note, names.note(ind.id)]] as const) {
        out.push({ name, sheet: sheetName, ref: cellRef(inputRow, col, true), kind: "note", indicator: ind.id });
      }
      b.format(cellRef(inputRow, c.target), { numberFormat: fmt.points });
      // Issue 13, point 4: the evidence cell asks for what the set requires (a prompt needs a validation; this one accepts any text).
      if (ind.evidenceRequired) {
        b.validations.push({
          ref: cellRef(inputRow, c.evidence),
          rule: { kind: "custom", formula: `LEN(${cellRef(inputRow, c.evidence)})<=${EXCEL_CELL_MAX}` },
          promptTitle: clip(`${ind.id} – tài liệu kiểm chứng`, 32),
          prompt: clip(`Cần có: ${ind.evidenceRequired}${ind.verifiedBy ? `. Đơn vị xác minh: ${ind.verifiedBy}` : ""}. Ghi tên, số hiệu hoặc đường dẫn tài liệu.`, 255),
          errorTitle: "Nội dung quá dài",
          error: `Một ô Excel chứa tối đa ${EXCEL_CELL_MAX} ký tự.`,
        });
      }
    }
  }
  const widths = [7, 38, 8, 48, 16, 18];
  for (let n = 0; n < slots; n++) widths.push(20);
  widths.push(12, 12, 10, 10, 16, 10, 24, 18, 36);
  if (b.grid.length > header + 1) b.conditionalFormats.push({
    ref: `${columnLetter(c.status)}${header + 2}:${columnLetter(c.status)}${b.grid.length}`,
    formula: `AND(${columnLetter(c.status)}${header + 2}<>"",${columnLetter(c.status)}${header + 2}<>"Đã tính",${columnLetter(c.status)}${header + 2}<>"Không tính điểm")`,
    fill: "#FCE4D6",
    fontColor: "#9C0006",
  });
  return b.sheet("indicators", widths, {
    freeze: { rows: header + 1, columns: 2 },
    print: { landscape: true, repeatRows: `${header + 1}:${header + 1}` },
  });
}

// ---------------------------------------------------------------- Tổng hợp

/** " — Kỳ báo cáo: Quý III/2026 — Hạn gửi Sở TTTT: 25/09/2026", what a part's title adds, or "". */
function cycleLine(scope: Scope): string {
  const period = scope.period ? ` — Kỳ báo cáo: ${formatPeriod(scope.period)}` : "";
  const due = scope.part?.dueDate ? ` — Hạn gửi Sở TTTT: ${formatDate(scope.part.dueDate)}` : "";
  return period + due;
}

/** Excel's serial number of a calendar day (1900 date system). */
function excelSerial(date: CalendarDate): number {
  return toExcelSerial(new Date(Date.UTC(date.year, date.month - 1, date.day)));
}

/**
 * The reporting cycle, at the top of Thông tin chung (the one sheet every workbook and every
 * part has): the period (DTI_PERIOD, a drop-down), and in the master the calendar setting
 * (DTI_CALENDAR), in a part its due date (DTI_DUE_DATE). A part's period and due date are the
 * master's decision, so they are locked there.
 */
function buildCycleRows(b: SheetBuilder, scope: Scope, sheetName: string, out: DefinedName[]): void {
  const row = (label: string, value: CellContent): number => {
    const r = b.row([null, label, value]);
    b.format(cellRef(r, 1), { bold: true, horizontal: "right" });
    b.format(cellRef(r, 2), { bold: true, horizontal: "left" });
    return r;
  };
  const period = row("Kỳ báo cáo:", scope.period ? formatPeriod(scope.period) : null);
  out.push({ name: names.period, sheet: sheetName, ref: cellRef(period, 2, true), kind: scope.part ? "meta" : "input" });
  if (scope.part) {
    const due = row("Hạn gửi Sở TTTT:", scope.part.dueDate ? excelSerial(scope.part.dueDate) : null);
    out.push({ name: names.dueDate, sheet: sheetName, ref: cellRef(due, 2, true), kind: "meta" });
    b.format(cellRef(due, 2), { numberFormat: "dd/mm/yyyy" });
    return;
  }
  b.format(cellRef(period, 2), { fill: COLORS.input, locked: false });
  b.validations.push({
    ref: cellRef(period, 2),
    rule: { kind: "list", source: names.periodList },
    promptTitle: "Kỳ báo cáo",
    prompt: 'Chọn kỳ báo cáo: "Quý I/2026" … "Quý IV/2026" hoặc "Năm 2026". Các phần gửi cơ quan mang kỳ này và hạn gửi của nó.',
    errorTitle: "Kỳ báo cáo không hợp lệ",
    error: 'Chỉ chọn một kỳ trong danh sách, dạng "Quý III/2026" hoặc "Năm 2026".',
  });
  const calendar = row("Lịch báo cáo (hạn gửi):", calendarText(scope.calendar));
  out.push({ name: names.calendar, sheet: sheetName, ref: cellRef(calendar, 2, true), kind: "input" });
  b.format(cellRef(calendar, 2), { fill: COLORS.input, locked: false });
  b.validations.push({
    ref: cellRef(calendar, 2),
    rule: { kind: "custom", formula: `LEN(${cellRef(calendar, 2)})<=60` },
    promptTitle: "Lịch báo cáo",
    prompt: 'ninh-thuan (ngày 25 tháng cuối quý, 20/12; Sở TTTT 30, 25/12), ben-tre (28) hoặc tra-vinh (20, 30/11); hoặc tự ghi "25, 20/12; 30, 25/12".',
    errorTitle: "Lịch báo cáo quá dài",
    error: 'Ghi tên lịch (ninh-thuan, ben-tre, tra-vinh) hoặc "ngày, ngày/tháng; ngày, ngày/tháng".',
  });
}

/** The periods the drop-down offers: the years around the workbook's period (or its set's year). */
function periodListValues(set: IndicatorSet, scope: Scope): string[] {
  const year = scope.period?.year ?? set.year;
  return [year - 1, year, year + 1].flatMap(periodChoices);
}

/** The set's name in capitals, with its year when the name does not already say it. */
function titleOf(set: IndicatorSet): string {
  const name = set.name.toLocaleUpperCase("vi");
  return name.includes(String(set.year)) ? name : `${name} NĂM ${set.year}`;
}

function buildSummarySheet(set: IndicatorSet, scope: Scope, sheetName: string, out: DefinedName[]): SheetLayout {
  // A part is scored against the part's maxima: its gaps to the ministry's published values
  // and its previous period mean nothing, so only the master gets those columns (./names.ts).
  const compare = !scope.part;
  const b = new SheetBuilder(sheetName, compare ? 11 : 7);
  // The DTI's own title for the ministry's sets; a province's own set is titled by its name (which carries its year).
  const title = isBuiltInSet(set.id) ? `TỔNG HỢP ĐIỂM CHỈ SỐ CHUYỂN ĐỔI SỐ (DTI) NĂM ${set.year}` : `TỔNG HỢP ĐIỂM — ${titleOf(set)}`;
  b.row([`${title}${scope.part ? ` — PHẦN CỦA ${scope.part.agency}` : ""}`]);
  b.format("A1", { bold: true });
  const unitName = scope.hasInfo(1) ? f(`IF(${names.info(1)}="","(chưa nhập tên tại Thông tin chung, mục 1)",${names.info(1)})`) : null;
  const unit = b.row(["Đơn vị:", unitName]);
  b.format(cellRef(unit, 1), { bold: true });
  const optAlt = b.row(["Cách đọc ngưỡng khác: dưới ngưỡng T tính tỷ lệ/T × điểm tối đa", null, "Không"]);
  const optBest = b.row(["Tính các chỉ số Min-Max theo tỷ lệ so với đơn vị cao nhất", null, "Không"]);
  for (const [r, name] of [[optAlt, names.optionAltThreshold], [optBest, names.optionMinMaxAsBest]] as const) {
    out.push({ name, sheet: sheetName, ref: cellRef(r, 2, true), kind: "input" });
    b.format(cellRef(r, 2), { fill: COLORS.input, locked: false, horizontal: "center" });
    b.validations.push({
      ref: cellRef(r, 2),
      rule: { kind: "list", source: names.yesNoList },
      promptTitle: "Tùy chọn cách đọc",
      prompt: "Chọn Có để áp dụng cách đọc khác, Không để theo mặc định. Trạng thái này được ghi cùng tổng điểm.",
      errorTitle: "Chỉ chọn Có hoặc Không",
      error: "Chỉ chọn Có hoặc Không.",
    });
    b.format(cellRef(r, 0), { wrap: false });
  }
  b.row();
  const header = b.row(["Chỉ số chính", "Tên", "Điểm", "Điểm tối đa", "Tỷ lệ đạt", "Số chỉ số chưa tính được điểm", "Năm trước (nhập để so sánh)"]);
  b.format(b.rowRange(header), { bold: true, fill: COLORS.header, fontColor: COLORS.headerFont, wrap: true, border: true, vertical: "middle" });
  const first = header + 1;
  const pillars = pillarsOf(set, scope);
  const pillarRows: [string, number][] = [];
  for (const pillar of pillars) {
    const members = scope.indicators.filter((i) => i.pillar === pillar.id && !i.parent);
    const r = b.grid.length;
    const sum = members.length ? `SUM(${members.map((i) => names.score(i.id)).join(",")})` : "0";
    const blanks = members.length ? members.map((i) => `(${names.score(i.id)}="")`).join("+") : "0";
    b.row([pillar.id, pillar.name, f(sum), pillarMax(scope, pillar), f(`IF(${cellRef(r, 3)}=0,"",${cellRef(r, 2)}/${cellRef(r, 3)})`), f(blanks)]);
    out.push({ name: names.pillar(pillar.id), sheet: sheetName, ref: cellRef(r, 2, true), kind: "pillar" });
    out.push({ name: names.previousPillar(pillar.id), sheet: sheetName, ref: cellRef(r, 6, true), kind: "note" });
    pillarRows.push([pillar.id, r]);
  }
  const last = b.grid.length - 1;
  const totalMax = scope.partial ? pillars.reduce((n, p) => n + pillarMax(scope, p), 0) : set.maxTotal;
  // A part without any indicator has no pillar rows: its totals are 0, never a range over the header.
  const sumOf = (column: number): string => (last >= first ? `SUM(${cellRef(first, column)}:${cellRef(last, column)})` : "0");
  const totalRatio = totalMax === 0 ? "\"\"" : `${cellRef(b.grid.length, 2)}/${totalMax}`;
  const total = b.row(["", "TỔNG ĐIỂM", f(sumOf(2)), totalMax, f(totalRatio), f(sumOf(5))]);
  out.push({ name: names.total, sheet: sheetName, ref: cellRef(total, 2, true), kind: "total" });
  out.push({ name: names.previousTotal, sheet: sheetName, ref: cellRef(total, 6, true), kind: "note" });
  const index = b.row(["", `CHỈ SỐ DTI (tổng điểm / ${set.maxTotal})`, f(`${names.total}/${set.maxTotal}`)]);
  out.push({ name: names.index, sheet: sheetName, ref: cellRef(index, 2, true), kind: "index" });
  out.push({ name: names.previousIndex, sheet: sheetName, ref: cellRef(index, 6, true), kind: "note" });
  b.format(`G${first + 1}:G${total + 1}`, { fill: COLORS.input, locked: false, numberFormat: fmt.points, border: true });
  b.format(cellRef(index, 6), { fill: COLORS.input, locked: false, numberFormat: fmt.index, border: true });
  b.validations.push({
    ref: `G${first + 1}:G${index + 1}`,
    rule: { kind: "decimal", min: 0 },
    promptTitle: "Kết quả năm trước",
    prompt: "Điểm (hoặc chỉ số DTI ở dòng cuối) năm trước theo kết quả Bộ công bố, để so sánh. Không bắt buộc.",
    errorTitle: "Giá trị không hợp lệ",
    error: "Kết quả năm trước phải là số lớn hơn hoặc bằng 0.",
  });
  b.format(`A${first + 1}:F${total + 1}`, { border: true });
  b.format(`C${first + 1}:C${total + 1}`, { numberFormat: fmt.points, fill: COLORS.result });
  b.format(`E${first + 1}:E${total + 1}`, { numberFormat: fmt.percent });
  b.format(b.rowRange(total), { bold: true });
  b.format(b.rowRange(index, 0, 2), { bold: true, border: true });
  b.format(cellRef(index, 2), { numberFormat: fmt.index, fill: COLORS.result });
  if (compare) buildComparisonColumns(b, { header, first, total, index, pillarRows }, sheetName, out);
  const note = b.row([
    f(`"Chỉ số DTI hiển thị 4 chữ số thập phân như Bộ công bố (ví dụ 0,3048). Cách đọc ngưỡng: "&IF(${names.optionAltThreshold}="Có","cách đọc khác","theo câu chữ (mặc định)")&"; Min-Max: "&IF(${names.optionMinMaxAsBest}="Có","so với đơn vị cao nhất","theo công thức Min-Max (mặc định)")&"."`),
  ]);
  b.format(cellRef(note, 0), { italic: true, fontColor: COLORS.label });
  if (last >= first) b.charts.push({
    title: "Điểm các chỉ số chính",
    categories: `A${first + 1}:A${last + 1}`,
    values: `C${first + 1}:C${last + 1}`,
    from: cellRef(note + 2, 0),
    to: cellRef(note + 20, 5),
  });
  return b.sheet("summary", compare ? [14, 40, 12, 12, 12, 16, 16, 14, 14, 14, 14] : [14, 40, 12, 12, 12, 16, 16], { freeze: { rows: header + 1, columns: 0 }, print: { landscape: true } });
}

/**
 * Columns H–K of the master's Tổng hợp (issue 11, points 5 and 6):
 * - H "Kết quả Bộ công bố": the ministry's published index values, typed (DTI_PUB_PILLAR_<id>,
 *   DTI_PUB_INDEX), 0..1 with 4 decimals as dti.gov.vn publishes them;
 * - I "Chênh lệch": our self-assessed index value (points / maximum of the main index; the DTI
 *   index on the last row) minus the published one, blank until something is typed;
 * - J "Kỳ trước (…)": the previous period's figures (DTI_LAST_*), locked values written by the
 *   rollover of `dti template --update --period`, its period in the cell above the header;
 * - K: the change from the previous period, blank when there is none.
 */
function buildComparisonColumns(
  b: SheetBuilder,
  rows: { header: number; first: number; total: number; index: number; pillarRows: readonly [string, number][] },
  sheetName: string,
  out: DefinedName[],
): void {
  const { header, first, total, index, pillarRows } = rows;
  const [H, I, J, K] = [7, 8, 9, 10];
  const at = (r: number, c: number): string => cellRef(r, c);
  const lastPeriodRow = header - 1;
  b.set(lastPeriodRow, I, "Kỳ trước:");
  b.format(at(lastPeriodRow, I), { bold: true, horizontal: "right" });
  out.push({ name: names.lastPeriod, sheet: sheetName, ref: cellRef(lastPeriodRow, J, true), kind: "note" });
  b.set(header, H, "Kết quả Bộ công bố (chỉ số 0–1)");
  b.set(header, I, "Chênh lệch (tự đánh giá − Bộ công bố)");
  b.set(header, J, f(`IF(${at(lastPeriodRow, J)}="","Kỳ trước","Kỳ trước ("&${at(lastPeriodRow, J)}&")")`));
  b.set(header, K, "Thay đổi so với kỳ trước");
  const change = (r: number): CellContent => f(`IF(${at(r, J)}="","",${at(r, 2)}-${at(r, J)})`);
  for (const [id, r] of pillarRows) {
    out.push({ name: names.publishedPillar(id), sheet: sheetName, ref: cellRef(r, H, true), kind: "note" });
    // The main index's value is its points over its maximum; IX (maximum 0) has none.
    b.set(r, I, f(`IF(${at(r, H)}="","",IF(${at(r, 3)}=0,"",${at(r, 2)}/${at(r, 3)}-${at(r, H)}))`));
    out.push({ name: names.lastPillar(id), sheet: sheetName, ref: cellRef(r, J, true), kind: "note" });
    b.set(r, K, change(r));
  }
  out.push({ name: names.lastTotal, sheet: sheetName, ref: cellRef(total, J, true), kind: "note" });
  b.set(total, K, change(total));
  out.push({ name: names.publishedIndex, sheet: sheetName, ref: cellRef(index, H, true), kind: "note" });
  b.set(index, I, f(`IF(${at(index, H)}="","",${at(index, 2)}-${at(index, H)})`));
  out.push({ name: names.lastIndex, sheet: sheetName, ref: cellRef(index, J, true), kind: "note" });
  b.set(index, K, change(index));

  const column = (c: number, from: number, to: number): string => `${cellRef(from, c)}:${cellRef(to, c)}`;
  b.format(b.rowRange(header, H, K), { bold: true, fill: COLORS.header, fontColor: COLORS.headerFont, wrap: true, border: true, vertical: "middle" });
  b.format(`${cellRef(first, H)}:${cellRef(index, K)}`, { border: true });
  b.format(column(H, first, index), { numberFormat: fmt.index });
  b.format(column(I, first, index), { numberFormat: "+0.0000;-0.0000;0.0000" });
  b.format(column(J, first, total), { numberFormat: fmt.points });
  b.format(column(K, first, total), { numberFormat: "+0.00;-0.00;0.00" });
  b.format(at(index, J), { numberFormat: fmt.index });
  b.format(at(index, K), { numberFormat: "+0.0000;-0.0000;0.0000" });
  const published = pillarRows.length ? [column(H, first, total - 1), at(index, H)] : [at(index, H)];
  for (const ref of published) {
    b.format(ref, { fill: COLORS.input, locked: false });
    b.validations.push({
      ref,
      rule: { kind: "decimal", min: 0, max: 1 },
      promptTitle: "Kết quả Bộ công bố",
      prompt: "Chỉ số của chỉ số chính (dòng cuối: chỉ số DTI) theo Báo cáo DTI năm do Bộ công bố (dti.gov.vn): số từ 0 đến 1, 4 chữ số thập phân, ví dụ 0,5234. Không bắt buộc.",
      errorTitle: "Giá trị không hợp lệ",
      error: "Kết quả Bộ công bố là chỉ số từ 0 đến 1, ví dụ 0,5234.",
    });
  }
  b.format(column(J, first, index), { fill: COLORS.result });
  b.format(at(lastPeriodRow, J), { fill: COLORS.result, border: true });
}

// ---------------------------------------------------------------- Phân công

/** The assignments within the build: in a part, only its indicators and items, and only agencies left with any. */
function scopedAssignments(set: IndicatorSet, scope: Scope, split?: (text: string) => string[]): AgencyAssignment[] {
  const all = agencyAssignments(set, split);
  if (!scope.partial) return all;
  return all
    .map((a) => ({
      agency: a.agency,
      leads: a.leads.filter((i) => scope.hasIndicator(i.id)),
      coordinates: a.coordinates.filter((i) => scope.hasIndicator(i.id)),
      infoItems: a.infoItems.filter((i) => scope.hasInfo(i)),
    }))
    .filter((a) => a.leads.length + a.coordinates.length + a.infoItems.length > 0);
}

function buildAssignmentSheet(
  set: IndicatorSet,
  scope: Scope,
  sheetName: string,
  indicatorSheet: string,
  split?: (text: string) => string[],
): SheetLayout {
  const b = new SheetBuilder(sheetName, 7);
  b.row(["PHÂN CÔNG THEO CƠ QUAN: CHỈ SỐ CHỦ TRÌ, PHỐI HỢP VÀ THÔNG TIN CHUNG CẦN CUNG CẤP"]);
  b.format("A1", { bold: true });
  b.row(['Cột "Đã có điểm" đếm các chỉ số cơ quan chủ trì đã tính được điểm.']);
  b.format("A2", { italic: true, fontColor: COLORS.label });
  const header = b.row(["Cơ quan", "Vai trò", "Mã", "Tên chỉ số / thông tin", "Điểm tối đa", "Điểm", "Đã có điểm"]);
  b.format(b.rowRange(header), { bold: true, fill: COLORS.header, fontColor: COLORS.headerFont, wrap: true, border: true });
  void indicatorSheet;
  for (const a of scopedAssignments(set, scope, split)) {
    const done = a.leads.length ? a.leads.map((i) => `(${names.score(i.id)}<>"")`).join("+") : "0";
    const hr = b.row([a.agency, `Chủ trì ${a.leads.length}, phối hợp ${a.coordinates.length}`, null, null, null, null, f(`(${done})&"/"&${a.leads.length}`)]);
    b.format(b.rowRange(hr), { bold: true, fill: COLORS.pillar, border: true });
    for (const [role, list] of [["Chủ trì", a.leads], ["Phối hợp", a.coordinates]] as const) {
      for (const ind of list) {
        const r = b.row([null, role, ind.id, ind.name, ind.maxPoints, f(names.score(ind.id))]);
        b.format(cellRef(r, 5), { numberFormat: fmt.points });
      }
    }
    for (const item of a.infoItems) {
      const infoItem = set.infoItems.find((i) => i.id === item);
      b.row([null, "Cung cấp thông tin chung", `TT ${item}`, infoItem?.name ?? "", null, f(`IF(${names.info(item)}="","(chưa nhập)",${names.info(item)})`)]);
    }
  }
  b.format(`A${header + 2}:G${b.grid.length}`, { border: true, vertical: "top", wrap: true });
  return b.sheet("assignment", [30, 22, 8, 60, 10, 10, 12], { freeze: { rows: header + 1, columns: 0 }, print: { landscape: true, repeatRows: `${header + 1}:${header + 1}` } });
}

// ---------------------------------------------------------------- Bộ chỉ số

/** What row 2 says in a workbook that carries its set (the sheet written alone says how to edit it). */
const EMBEDDED_SET_HELP =
  "Bộ chỉ số mà sổ này được làm theo; bộ không có sẵn trong DTI Workbench nên dòng lệnh (dti score) đọc bộ chỉ số từ trang này. " +
  "Muốn sửa bộ chỉ số: sửa tệp bộ chỉ số rồi tạo lại mẫu (dti template --set <tệp> -o <sổ này> --update), để công thức của mẫu khớp với bộ.";

/**
 * The indicator set as a sheet (./set-sheet.ts): on its own (`dti catalog --xlsx`), for a
 * province to edit, or inside a template (`embedded`), for readers of a set that is not built in.
 * Identifier columns are text, so "3.10" typed there stays "3.10".
 */
/** Rows of a blank "Bộ chỉ số" sheet formatted for typing. */
const BLANK_SET_ROWS = 200;

export function buildSetSheet(set: IndicatorSet | BlankSet, options: { readonly embedded: boolean; readonly protect: boolean }): SheetLayout {
  const laid = indicatorSetToSheet(set);
  const width = laid.columnWidths.length;
  const b = new SheetBuilder(SET_SHEET_NAME, width);
  for (const row of laid.grid) b.row(row);
  if (options.embedded) b.set(1, 0, EMBEDDED_SET_HELP);
  b.format("A1", { bold: true });
  b.format("A2", { italic: true, fontColor: COLORS.label, wrap: false });
  for (const r of laid.fieldRows) {
    b.format(cellRef(r, 0), { bold: true });
    const value = { numberFormat: r === laid.fieldRows[0] ? "@" : "General" };
    b.format(cellRef(r, 1), options.embedded ? value : { ...value, fill: COLORS.input, locked: false });
  }
  const header = laid.headerRow;
  b.format(b.rowRange(header), { bold: true, fill: COLORS.header, fontColor: COLORS.headerFont, wrap: true, border: true, vertical: "middle" });
  // A blank sheet (docs/sets.md) gets its first rows ready for typing: bordered, ids kept as text ("1.10" is not 1.1).
  const last = "blank" in set ? header + BLANK_SET_ROWS : laid.grid.length - 1;
  if (last > header) {
    // Editable on its own; inside a template it is what the template was made from, so it stays locked.
    b.format(`${cellRef(header + 1, 0)}:${cellRef(last, width - 1)}`, { border: true, wrap: true, vertical: "top", ...(options.embedded ? {} : { locked: false }) });
    for (const c of laid.textColumns) b.format(`${cellRef(header + 1, c)}:${cellRef(last, c)}`, { numberFormat: "@" });
    // Written from the rule, never read: shown as a note is, and locked even where the sheet is editable.
    for (const c of laid.derivedColumns) b.format(`${cellRef(header + 1, c)}:${cellRef(last, c)}`, { italic: true, fontColor: COLORS.label, locked: true });
  }
  for (const [r, kind] of laid.rowKinds) {
    if (kind === "pillar") b.format(b.rowRange(r), { bold: true, fill: COLORS.pillar });
    else if (kind === "indicator") b.format(b.rowRange(r, 0, 2), { bold: true });
  }
  return b.sheet("set", laid.columnWidths, {
    freeze: { rows: header + 1, columns: 2 },
    print: { landscape: true, repeatRows: `${header + 1}:${header + 1}` },
    protect: options.protect,
  });
}

// ---------------------------------------------------------------- Danh mục, DTI_META

function buildListsSheet(
  scope: Scope,
  sheetName: string,
  extraLists: readonly { name: string; values: readonly string[] }[],
  out: DefinedName[],
): SheetLayout {
  const b = new SheetBuilder(sheetName, 3);
  b.row(["Danh sách lựa chọn (không sửa trang này)", "Phần điểm", "Chỉ số / biến"]);
  const addList = (labelsName: string, fracName: string | null, items: readonly (readonly [string, CellContent])[], owner: string) => {
    const first = b.grid.length;
    for (const [label, frac] of items) b.row([label, frac, owner]);
    const last = b.grid.length - 1;
    out.push({ name: labelsName, sheet: sheetName, ref: `${cellRef(first, 0, true)}:${cellRef(last, 0, true)}`, kind: "option" });
    if (fracName) out.push({ name: fracName, sheet: sheetName, ref: `${cellRef(first, 1, true)}:${cellRef(last, 1, true)}`, kind: "option" });
  };
  addList(names.yesNoList, null, [["Có", null], ["Không", null]], "tùy chọn");
  for (const l of extraLists) addList(l.name, null, l.values.map((v) => [v, null] as const), l.name);
  for (const ind of scope.indicators) {
    for (const v of ind.variables) {
      if (v.type !== "choice") continue;
      const items = (v.options ?? []).map((o) => [o.label, f(o.fraction)] as const);
      addList(names.optionLabels(ind.id, v.key), names.optionFractions(ind.id, v.key), items, `${ind.id} ${v.key}`);
    }
  }
  return b.sheet("lists", [60, 10, 12], { freeze: { rows: 1, columns: 0 }, print: { landscape: false }, visibility: "hidden", protect: true });
}

function buildMetaSheet(set: IndicatorSet, scope: Scope, sheetName: string, formulas: "portable" | "functions", out: DefinedName[]): SheetLayout {
  const b = new SheetBuilder(sheetName, 2);
  b.row(["indicatorSet", set.id]);
  b.row(["templateVersion", TEMPLATE_VERSION]);
  b.row(["formulas", formulas]);
  out.push({ name: names.metaSet, sheet: sheetName, ref: "$B$1", kind: "meta" });
  out.push({ name: names.metaVersion, sheet: sheetName, ref: "$B$2", kind: "meta" });
  if (scope.part) {
    b.row(["part", scope.part.agency]);
    b.row(["master", scope.part.master]);
    out.push({ name: names.partAgency, sheet: sheetName, ref: "$B$4", kind: "meta" });
    out.push({ name: names.partMaster, sheet: sheetName, ref: "$B$5", kind: "meta" });
  }
  return b.sheet("meta", [18, 24], { freeze: { rows: 0, columns: 0 }, print: { landscape: false }, visibility: "veryHidden", protect: true });
}

/** The visible roles to build, with their dependencies added (summary/assignment → indicators → info). */
export function withDependencies(roles: readonly SheetRole[]): SheetRole[] {
  const set = new Set(roles);
  if (set.has("summary") || set.has("assignment")) set.add("indicators");
  if (set.has("indicators")) {
    set.add("info");
    set.add("summary"); // the alternative-reading switches live there, and the pillar totals
  }
  return VISIBLE_ROLES.filter((r) => set.has(r));
}

/** What the title of every visible sheet of a draft set's template starts with (issue 13, point 5). */
export const DRAFT_MARK = "BẢN NHÁP — ";

/**
 * A visible sheet of a draft set's template with its title (A1) marked "BẢN NHÁP — …", so that a
 * printout or a shared copy cannot pass for a final assessment. The set sheet keeps its marker
 * title (readers recognise it by A1) and says "Bản nháp: Có" in its own row.
 */
function markedDraft(sheet: SheetLayout): SheetLayout {
  const a1 = sheet.grid[0]?.[0];
  if (sheet.visibility !== "visible" || sheet.role === "set" || typeof a1 !== "string") return sheet;
  const [first, ...rest] = sheet.grid;
  return { ...sheet, grid: [[`${DRAFT_MARK}${a1}`, ...(first ?? []).slice(1)], ...rest] };
}

export function buildWorkbookLayout(set: IndicatorSet, options: BuildOptions = {}): WorkbookLayout {
  const formulas = options.formulas ?? "portable";
  const scope = scopeOf(set, options);
  // Nhiệm vụ: in the DTI sets' templates as before; for a province's own set only when asked
  // for (`tasks`, sample tasks, or the sheets listed), since such a set carries no tasks.
  const builtIn = isBuiltInSet(set.id);
  const tasks = options.tasks ?? (builtIn || options.sampleTasks !== undefined);
  const roles = withDependencies(options.sheets ?? VISIBLE_ROLES.filter((r) => r !== "tasks" || tasks));
  const sn = sheetNames(set.year, { dti: builtIn });
  const out: DefinedName[] = [];
  const sheets: SheetLayout[] = [];
  let extraLists: { name: string; values: readonly string[] }[] = [];
  if (roles.includes("info")) sheets.push(buildInfoSheet(set, scope, sn.info, out));
  if (roles.includes("indicators")) {
    const sheet = buildIndicatorSheet(set, scope, sn.indicators, formulas === "functions", out);
    const former = sheetNames(set.year).indicators;
    sheets.push(former === sheet.name ? sheet : { ...sheet, formerNames: [former] });
  }
  if (roles.includes("summary")) sheets.push(buildSummarySheet(set, scope, sn.summary, out));
  if (roles.includes("assignment")) sheets.push(buildAssignmentSheet(set, scope, sn.assignment, sn.indicators, options.agencies));
  if (roles.includes("tasks")) {
    const tasks = buildTasksSheet(
      options.partTasks
        ? { part: options.partTasks, year: set.year }
        : options.sampleTasks
          ? { tasks: options.sampleTasks.tasks, source: options.sampleTasks.source, year: set.year }
          : { year: set.year },
    );
    sheets.push(tasks.sheet);
    out.push(...tasks.names);
    extraLists = [...tasks.optionLists];
  }
  if (roles.includes("indicators") && (options.embedSet ?? !isBuiltInSet(set.id))) {
    sheets.push(buildSetSheet(set, { embedded: true, protect: true }));
  }
  if (roles.includes("info") && !scope.part) extraLists = [...extraLists, { name: names.periodList, values: periodListValues(set, scope) }];
  sheets.push(buildListsSheet(scope, sn.lists, extraLists, out));
  sheets.push(buildMetaSheet(set, scope, sn.meta, formulas, out));
  // Protection can be turned off for those who prefer to edit freely; inputs stay marked.
  const protect = options.protect ?? true;
  const shown = set.draft ? sheets.map(markedDraft) : sheets;
  return {
    indicatorSet: set.id,
    templateVersion: TEMPLATE_VERSION,
    formulas,
    sheets: protect ? shown : shown.map((s) => ({ ...s, protect: false })),
    names: out,
  };
}
