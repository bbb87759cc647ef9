/**
 * Checks a workbook before it is sent: what the reader found wrong with the template
 * (./read-inputs.ts), what the engine found wrong with the figures (src/engine), and what
 * only the workbook can tell (text in a reference cell, a scored row without evidence,
 * a target or last year's result that cannot be compared). Pure: no Office.js, no DOM.
 *
 * Each finding points at ONE defined name, the cell to fix, so the pane can select and mark
 * it. A cell is reported once per code: a missing general item or first occurrence that
 * several indicators link to is one finding at that cell, listing the indicators (`affects`),
 * and an engine complaint about a cell the template check already reports (a deleted name,
 * an Excel error, text in a general item) is folded into that finding.
 *
 * Every finding carries Vietnamese (`vi`, the engine's own text where there is one) and
 * English (`en`, written here from the code, indicator, variable and values).
 */
import type { Indicator, IndicatorSet, InfoItem, RatioSpec, Variable } from "../catalog/schema";
import type { InputValue, Message, UnitResult } from "../engine/types";
import { ownValue } from "../catalog/own";
import { agencyAssignments, splitAgencies } from "../catalog/agencies";
import { isFormula } from "./model";
import { ambiguityEnglish } from "./name-scope";
import { TEMPLATE_VERSION, names } from "./names";
import { typedNumber, type NamedCell, type ReadResult, type TemplateProblem } from "./read-inputs";

export type FindingSeverity = "error" | "warning" | "info";

export interface Finding {
  readonly severity: FindingSeverity;
  /** Stable code: an engine MessageCode, a TemplateProblem code, or one of this module's. */
  readonly code: string;
  readonly vi: string;
  readonly en: string;
  /** The indicator whose row holds the cell (absent for general items and template metadata). */
  readonly indicator?: string;
  readonly variable?: string;
  readonly pillar?: string;
  /** Agencies that own the finding: the indicator's responsible and coordinating agencies, or the general item's provider. */
  readonly agencies: readonly string[];
  /** The defined name of the cell to select and mark. */
  readonly name?: string;
  /** Other indicators whose score depends on this cell (a general item, a first occurrence, §15). */
  readonly affects?: readonly string[];
}

export interface Counts {
  readonly error: number;
  readonly warning: number;
  readonly info: number;
}

export interface ValidationReport {
  readonly findings: readonly Finding[];
  /** Nothing could be read (not a template, other set, newer or unknown version): nothing was computed. */
  readonly fatal: boolean;
  readonly totals: Counts;
  /**
   * Every pillar in set order; then, only when it has findings, a group with pillar "" for
   * findings that belong to no pillar (template metadata, general information, last year's results).
   */
  readonly byPillar: readonly { pillar: string; name: string; counts: Counts; findings: Finding[] }[];
  /** Every agency of the set (agencyAssignments order), with the findings it owns. */
  readonly byAgency: readonly { agency: string; counts: Counts; findings: Finding[] }[];
}

/** Group name of findings outside any pillar. */
export const GENERAL_GROUP = { pillar: "", name: "Chung: mẫu, Thông tin chung, năm trước" } as const;

// ---------------------------------------------------------------- small helpers

function shorten(text: string, max = 60): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

function shown(value: unknown): string {
  if (typeof value === "string") return `"${shorten(value, 40)}"`;
  return String(value);
}

function listVi(ids: readonly string[]): string {
  return ids.join(", ");
}

function listEn(ids: readonly string[]): string {
  if (ids.length <= 1) return ids.join("");
  return `${ids.slice(0, -1).join(", ")} and ${ids[ids.length - 1] as string}`;
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

function isBlank(value: InputValue): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/** The plain value behind a named cell (null for formulas-only, errors, missing names). */
function cellValue(cell: NamedCell | undefined): InputValue {
  if (!cell || cell.kind !== "value" || cell.value === null || isFormula(cell.value)) return null;
  return cell.value;
}

const SEVERITY_RANK: Record<FindingSeverity, number> = { error: 0, warning: 1, info: 2 };

function worst(a: FindingSeverity, b: FindingSeverity): FindingSeverity {
  return SEVERITY_RANK[a] <= SEVERITY_RANK[b] ? a : b;
}

function count(findings: readonly Finding[]): Counts {
  let error = 0;
  let warning = 0;
  let info = 0;
  for (const f of findings) {
    if (f.severity === "error") error++;
    else if (f.severity === "warning") warning++;
    else info++;
  }
  return { error, warning, info };
}

/** Ratio specs of an indicator, in the order the rule writes them. */
function ratioSpecs(ind: Indicator): RatioSpec[] {
  const rule = ind.rule;
  const specs: RatioSpec[] = [];
  if ("ratio" in rule) specs.push(rule.ratio);
  if (rule.kind === "multi-part") for (const p of rule.parts) if (p.rule.kind === "ratio") specs.push(p.rule.ratio);
  if ((rule.kind === "min-max" || rule.kind === "ratio-to-best") && rule.measure.kind === "ratio") specs.push(rule.measure.ratio);
  return specs;
}

// ---------------------------------------------------------------- context

/** Where a cell lives: on an indicator row, or a general-information item. */
interface Owner {
  readonly indicator?: Indicator;
  readonly variable?: Variable;
  readonly info?: InfoItem;
}

class Context {
  readonly indicators = new Map<string, Indicator>();
  readonly order = new Map<string, number>();
  readonly infoItems = new Map<number, InfoItem>();
  readonly pillarNames = new Map<string, string>();
  /** general item → "3.1 b"-style users of it */
  readonly infoUsers = new Map<number, string[]>();

  constructor(
    readonly set: IndicatorSet,
    readonly read: ReadResult,
  ) {
    set.indicators.forEach((ind, n) => {
      this.indicators.set(ind.id, ind);
      this.order.set(ind.id, n);
      for (const v of ind.variables) for (const item of v.info ?? []) this.infoUsers.set(item, [...(this.infoUsers.get(item) ?? []), ind.id]);
    });
    for (const item of set.infoItems) this.infoItems.set(item.id, item);
    for (const p of set.pillars) this.pillarNames.set(p.id, p.name);
  }

  cell(name: string): NamedCell | undefined {
    return this.read.cells?.get(name);
  }

  variable(ind: Indicator, key: string | undefined): Variable | undefined {
    return key === undefined ? undefined : ind.variables.find((v) => v.key === key);
  }

  typed(ind: Indicator, key: string): InputValue {
    return ownValue(ownValue(this.read.unit.values, ind.id), key);
  }

  agenciesOf(ind: Indicator): string[] {
    return [...new Set([...splitAgencies(ind.responsible), ...splitAgencies(ind.coordinating)])];
  }

  /** A general item usable as a number (what the engine's link needs). */
  infoUsable(item: number): boolean {
    const v = this.read.unit.info?.[String(item)];
    return typeof v === "number" && Number.isFinite(v) && v >= 0;
  }

  /**
   * The cell that holds the figure of variable `v`: its own input when typed (or not linked);
   * for a linked variable left to its link (§15), the general item (the first unusable one,
   * or with `zero` the first that is 0) or, following "asked twice" links, the first occurrence.
   */
  source(ind: Indicator, v: Variable, zero = false, depth = 0): { name: string; owner: Owner } {
    const own = { name: names.input(ind.id, v.key), owner: { indicator: ind, variable: v } };
    if (!isBlank(this.typed(ind, v.key)) || depth > 4) return own;
    if (v.info && v.info.length) {
      const info = this.read.unit.info;
      const pick = zero ? v.info.find((i) => info?.[String(i)] === 0) : v.info.find((i) => !this.infoUsable(i));
      const item = pick ?? (v.sameAs ? undefined : v.info[0]);
      if (item !== undefined) {
        const found = this.infoItems.get(item);
        return { name: names.info(item), owner: found ? { info: found } : {} };
      }
    }
    if (v.sameAs) {
      const target = this.indicators.get(v.sameAs.indicator);
      const tv = target ? this.variable(target, v.sameAs.variable) : undefined;
      if (target && tv) return this.source(target, tv, zero, depth + 1);
    }
    return own;
  }
}

// ---------------------------------------------------------------- finding drafts

/** A finding being assembled; engine messages about the same cell and code are merged into one. */
interface Draft {
  severity: FindingSeverity;
  code: string;
  name?: string;
  owner: Owner;
  /** Indicators the finding is about (merged messages). */
  about: string[];
  /** Texts of merged messages, rendered together unless `header` replaces them. */
  vi: string[];
  en: string[];
  /** The text of a cell several indicators link to (§15), from the merged draft. */
  header?: (d: Draft) => { vi: string; en: string };
  /** From the template check or a raw cell check: engine complaints about its cell fold into it. */
  primary: boolean;
}

class Drafts {
  private readonly list: Draft[] = [];
  private readonly byKey = new Map<string, Draft>();

  all(): readonly Draft[] {
    return this.list;
  }

  /** The finding from a template or raw check at `name`, if any (errors only). */
  primaryAt(name: string): Draft | undefined {
    return this.list.find((d) => d.primary && d.name === name && d.severity === "error");
  }

  anyAt(name: string): boolean {
    return this.list.some((d) => d.name === name);
  }

  add(d: Draft): void {
    const key = d.name === undefined ? undefined : `${d.code}|${d.name}`;
    const same = key === undefined ? undefined : this.byKey.get(key);
    if (same) {
      same.severity = worst(same.severity, d.severity);
      for (const id of d.about) if (!same.about.includes(id)) same.about.push(id);
      same.vi.push(...d.vi);
      same.en.push(...d.en);
      same.header ??= d.header;
      return;
    }
    this.list.push(d);
    if (key !== undefined) this.byKey.set(key, d);
  }
}

// ---------------------------------------------------------------- template problems

function problemEnglish(p: TemplateProblem, ctx: Context): string {
  const where = p.indicator ? ` (indicator ${p.indicator})` : "";
  const version = ctx.read.templateVersion;
  switch (p.code) {
    case "not-a-template":
      return `Not a DTI template: the name ${p.text.includes(names.metaSet) ? names.metaSet : names.metaVersion} (hidden sheet DTI_META) is missing. Insert the template with the add-in or with "dti template".`;
    case "other-set":
      return `This workbook uses the indicator set ${shown(cellValue(ctx.cell(names.metaSet)) ?? "?")}, not "${ctx.set.id}". Nothing was read or written.`;
    case "newer-template":
      return `The template in this workbook is version ${version ?? "?"}, newer than version ${TEMPLATE_VERSION} that this tool understands. Update the tool; nothing was read or written.`;
    case "older-template":
      return `The template in this workbook is version ${version ?? "?"}, older than version ${TEMPLATE_VERSION}; update the template (your figures are kept).`;
    case "unknown-version":
      return `The template version (${names.metaVersion} = ${shown(cellValue(ctx.cell(names.metaVersion)))}) is not recognised. Insert the template again with the add-in or with "dti template"; nothing was read or written.`;
    case "missing-name":
      return `The named cell ${p.name ?? "?"}${where} is missing: the template was edited by hand (a deleted cell?). It was not read.`;
    case "broken-name":
      return `The name ${p.name ?? "?"}${where} does not point to a valid cell. It was not read.`;
    case "ambiguous-name": {
      const cell = p.name ? ctx.cell(p.name) : undefined;
      const why = cell?.kind === "broken" && cell.ambiguous !== undefined ? ambiguityEnglish(cell.ambiguous) : "it does not point to one cell";
      return `The name ${p.name ?? "?"}${where} is ambiguous: ${why}. It was not read, so that no score comes from another cell than the one Excel's formulas use. Fix it in Excel (Formulas › Name Manager) so that the name points to one cell.`;
    }
    case "external-formula": {
      const cell = p.name ? ctx.cell(p.name) : undefined;
      const formula = cell?.kind === "value" && cell.formula !== undefined ? ` (${shorten(cell.formula.startsWith("=") ? cell.formula : `=${cell.formula}`, 80)})` : "";
      return `Cell ${p.name ?? "?"}${where} holds a formula that takes its value from another workbook or the web${formula}. It is scored from the value saved at the last calculation, which may be stale or differ on another computer; type the figure instead.`;
    }
    case "cell-error": {
      const cell = p.name ? ctx.cell(p.name) : undefined;
      const error = cell?.kind === "error" ? ` ${cell.error}` : " an error";
      return `Cell ${p.name ?? "?"}${where} contains the Excel error${error}. Correct the cell or its formula.`;
    }
    case "no-unit-name":
      return `No unit name entered (Thông tin chung, item 1); using "${ctx.read.unit.name}".`;
  }
}

function ownerOfName(name: string | undefined, indicator: string | undefined, ctx: Context): Owner {
  const ind = indicator ? ctx.indicators.get(indicator) : undefined;
  if (ind) {
    const v = ind.variables.find((x) => names.input(ind.id, x.key) === name);
    return v ? { indicator: ind, variable: v } : { indicator: ind };
  }
  const m = name ? /^DTI_INFO_(\d+)$/.exec(name) : null;
  const item = m ? ctx.infoItems.get(Number(m[1])) : undefined;
  return item ? { info: item } : {};
}

function fromProblems(ctx: Context, drafts: Drafts): void {
  for (const p of ctx.read.problems) {
    // Metadata lives on a very hidden sheet: nothing there for staff to select or mark.
    const name = p.code === "no-unit-name" ? names.info(1) : p.name;
    drafts.add({
      severity: p.severity === "fatal" ? "error" : p.severity,
      code: p.code,
      ...(name !== undefined ? { name } : {}),
      owner: ownerOfName(name, p.indicator, ctx),
      about: p.indicator ? [p.indicator] : [],
      vi: [p.text],
      en: [problemEnglish(p, ctx)],
      primary: true,
    });
  }
}

// ---------------------------------------------------------------- raw cell checks

function infoLabel(item: InfoItem): { vi: string; en: string } {
  return { vi: `Thông tin chung mục ${item.id} (${shorten(item.name)})`, en: `General information item ${item.id}` };
}

function usersText(ctx: Context, item: number): { vi: string; en: string } {
  const users = [...new Set(ctx.infoUsers.get(item) ?? [])];
  if (!users.length) return { vi: "", en: "" };
  return {
    vi: ` ${plural(users.length, "Chỉ số", "Các chỉ số")} ${listVi(users)} lấy số liệu từ ô này nên chưa tính được điểm.`,
    en: ` ${plural(users.length, "Indicator", "Indicators")} ${listEn(users)} take${users.length === 1 ? "s its" : " their"} figure from this cell and cannot be scored yet.`,
  };
}

function checkInfoCells(ctx: Context, drafts: Drafts): void {
  for (const item of ctx.set.infoItems) {
    if (item.type !== "number") continue;
    const name = names.info(item.id);
    const cell = ctx.cell(name);
    const value = cellValue(cell);
    if (isBlank(value)) continue;
    const label = infoLabel(item);
    const users = usersText(ctx, item.id);
    const base = { name, owner: { info: item }, about: [...new Set(ctx.infoUsers.get(item.id) ?? [])], primary: true };
    if (typeof value !== "number" || !Number.isFinite(value)) {
      drafts.add({
        ...base,
        severity: "error",
        code: "not-a-number",
        vi: [`${label.vi}: giá trị ${shown(value)} không phải là số.${users.vi}`],
        en: [`${label.en}: the value ${shown(value)} is not a number.${users.en}`],
      });
    } else if (value < 0) {
      drafts.add({
        ...base,
        severity: "error",
        code: "negative",
        vi: [`${label.vi}: giá trị ${value} là số âm; số liệu phải lớn hơn hoặc bằng 0.${users.vi}`],
        en: [`${label.en}: the value ${value} is negative; figures must be 0 or more.${users.en}`],
      });
    }
  }
}

function checkReferenceCells(ctx: Context, drafts: Drafts): void {
  for (const ind of ctx.set.indicators) {
    const kind = ind.rule.kind;
    if (kind !== "min-max" && kind !== "ratio-to-best") continue;
    const refs: [string, string, string][] = [[names.referenceMax(ind.id), kind === "min-max" ? "lớn nhất" : "cao nhất", kind === "min-max" ? "maximum" : "best"]];
    if (kind === "min-max") refs.unshift([names.referenceMin(ind.id), "nhỏ nhất", "minimum"]);
    for (const [name, vi, en] of refs) {
      const value = cellValue(ctx.cell(name));
      // Numbers go to the engine, which checks them; the reader drops anything else silently.
      if (isBlank(value) || typeof value === "number") continue;
      drafts.add({
        severity: "error",
        code: "not-a-number",
        name,
        owner: { indicator: ind },
        about: [ind.id],
        vi: [`Chỉ số ${ind.id}: giá trị tham chiếu ${vi} ${shown(value)} không phải là số; chưa tính được điểm.`],
        en: [`Indicator ${ind.id}: the reference ${en} ${shown(value)} is not a number; the indicator cannot be scored yet.`],
        primary: true,
      });
    }
  }
}

function checkOptionCells(ctx: Context, drafts: Drafts): void {
  const switches: [string, string, string][] = [
    [names.optionAltThreshold, "cách đọc ngưỡng khác (tỷ lệ/ngưỡng × điểm tối đa)", "the alternative threshold reading (ratio/threshold × max points)"],
    [names.optionMinMaxAsBest, "tính các chỉ số Min-Max theo tỷ lệ so với đơn vị cao nhất", "scoring the Min-Max rows as the ratio to the best unit"],
  ];
  for (const [name, vi, en] of switches) {
    const cell = ctx.cell(name);
    if (!cell || cell.kind === "missing" || cell.kind === "broken") continue;
    const value = cell.kind === "error" ? cell.error : cellValue(cell);
    if (isBlank(value)) continue;
    const t = String(value).trim().toLocaleLowerCase("vi");
    if (cell.kind === "value" && (t === "có" || t === "không")) continue;
    drafts.add({
      severity: "warning",
      code: "invalid-option",
      name,
      owner: {},
      about: [],
      vi: [`Ô ${name} (${vi}) có giá trị ${shown(value)}; chỉ chọn "Có" hoặc "Không". Đang hiểu là "Không".`],
      en: [`Cell ${name} (${en}) holds ${shown(value)}; choose "Có" (yes) or "Không" (no). It is read as "Không".`],
      primary: true,
    });
  }
}

/** An Excel error in a cell nothing is scored from (target, evidence, note, last year's result). */
function annotationError(drafts: Drafts, name: string, cell: NamedCell | undefined, owner: Owner, what: { vi: string; en: string }): boolean {
  if (cell?.kind !== "error") return false;
  drafts.add({
    severity: "warning",
    code: "cell-error",
    name,
    owner,
    about: owner.indicator ? [owner.indicator.id] : [],
    vi: [`Ô ${name} (${what.vi}) chứa lỗi ${cell.error}.`],
    en: [`Cell ${name} (${what.en}) contains the Excel error ${cell.error}.`],
    primary: true,
  });
  return true;
}

function checkAnnotationCells(ctx: Context, drafts: Drafts): void {
  for (const ind of ctx.set.indicators) {
    if (ind.rule.kind === "unscored") continue;
    const owner = { indicator: ind };
    const tName = names.target(ind.id);
    const tCell = ctx.cell(tName);
    const what = { vi: `chỉ tiêu năm, chỉ số ${ind.id}`, en: `annual target, indicator ${ind.id}` };
    if (!annotationError(drafts, tName, tCell, owner, what) && tCell) {
      const n = typedNumber(tCell);
      if (n === "invalid" || (typeof n === "number" && n < 0)) {
        const value = cellValue(tCell);
        drafts.add({
          severity: "warning",
          code: "invalid-target",
          name: tName,
          owner,
          about: [ind.id],
          vi: [`Chỉ số ${ind.id}: chỉ tiêu năm ${shown(value)} không phải là số điểm hợp lệ (số ≥ 0); bỏ qua khi so sánh với chỉ tiêu.`],
          en: [`Indicator ${ind.id}: the annual target ${shown(value)} is not a valid number of points (0 or more); it is left out of the comparison with targets.`],
          primary: true,
        });
      } else if (typeof n === "number" && n > ind.maxPoints) {
        drafts.add({
          severity: "warning",
          code: "target-above-max",
          name: tName,
          owner,
          about: [ind.id],
          vi: [`Chỉ số ${ind.id}: chỉ tiêu năm ${n} điểm lớn hơn điểm tối đa ${ind.maxPoints}; chỉ tiêu tính bằng điểm, không phải tỷ lệ phần trăm.`],
          en: [`Indicator ${ind.id}: the annual target of ${n} points is above the maximum of ${ind.maxPoints}; targets are in points, not percent.`],
          primary: true,
        });
      }
    }
    annotationError(drafts, names.evidence(ind.id), ctx.cell(names.evidence(ind.id)), owner, { vi: `tài liệu kiểm chứng, chỉ số ${ind.id}`, en: `evidence, indicator ${ind.id}` });
    annotationError(drafts, names.note(ind.id), ctx.cell(names.note(ind.id)), owner, { vi: `ghi chú, chỉ số ${ind.id}`, en: `note, indicator ${ind.id}` });
  }

  const previous: [string, number, { vi: string; en: string }, boolean][] = ctx.set.pillars.map((p) => [
    names.previousPillar(p.id),
    p.maxPoints,
    { vi: `điểm năm trước của chỉ số chính ${p.id}`, en: `last year's score of pillar ${p.id}` },
    false,
  ]);
  previous.push([names.previousTotal, ctx.set.maxTotal, { vi: "tổng điểm năm trước", en: "last year's total" }, false]);
  previous.push([names.previousIndex, 1, { vi: "chỉ số DTI năm trước", en: "last year's DTI index" }, true]);
  for (const [name, max, what, isIndex] of previous) {
    const cell = ctx.cell(name);
    if (!cell || annotationError(drafts, name, cell, {}, what)) continue;
    const n = typedNumber(cell);
    const value = cellValue(cell);
    if (n === "invalid" || (typeof n === "number" && n < 0)) {
      drafts.add({
        severity: "warning",
        code: "invalid-previous",
        name,
        owner: {},
        about: [],
        vi: [`Ô ${name} (${what.vi}) có giá trị ${shown(value)}, không phải số hợp lệ (≥ 0); bỏ qua khi so sánh với năm trước.`],
        en: [`Cell ${name} (${what.en}) holds ${shown(value)}, not a valid number (0 or more); it is left out of the comparison with last year.`],
        primary: true,
      });
    } else if (typeof n === "number" && n > max) {
      drafts.add({
        severity: "warning",
        code: "previous-above-max",
        name,
        owner: {},
        about: [],
        vi: [
          isIndex
            ? `Ô ${name} (${what.vi}) là ${n}, lớn hơn 1; hãy nhập chỉ số như Bộ công bố, ví dụ 0,3048.`
            : `Ô ${name} (${what.vi}) là ${n}, lớn hơn điểm tối đa ${max}; hãy nhập số điểm.`,
        ],
        en: [
          isIndex
            ? `Cell ${name} (${what.en}) is ${n}, above 1; enter the index as the ministry publishes it, e.g. 0.3048.`
            : `Cell ${name} (${what.en}) is ${n}, above the maximum of ${max} points; enter points.`,
        ],
        primary: true,
      });
    }
  }
}

// ---------------------------------------------------------------- engine messages

/** The ratio spec a numerator/denominator message is about, found by the keys its text quotes. */
function specOf(ind: Indicator, text: string, part: "numerator" | "denominator"): RatioSpec | undefined {
  const specs = ratioSpecs(ind);
  const found = specs.find((s) => {
    const keys = part === "numerator" ? s.numerator : s.denominator.kind === "variables" ? s.denominator.variables : null;
    return keys !== null && text.includes(`(${keys.join(" + ")} = `);
  });
  return found ?? specs.find((s) => (part === "numerator" ? s.subset : s.denominator.kind === "variables"));
}

function whereEn(ind: Indicator, v?: Variable): string {
  return v ? `Indicator ${ind.id}, variable ${v.key}` : `Indicator ${ind.id}`;
}

/** English for an engine message, from its code, indicator, variable and the values it quotes. */
function engineEnglish(m: Message, ind: Indicator, v: Variable | undefined, ctx: Context): string {
  const raw = v ? ctx.typed(ind, v.key) : undefined;
  const text = m.text;
  switch (m.code) {
    case "missing-value":
      return `${whereEn(ind, v)}: no value entered.`;
    case "not-a-number":
      return `${whereEn(ind, v)}: the value ${shown(raw)} is not a number.`;
    case "not-finite":
      return `${whereEn(ind, v)}: the value ${shown(raw)} is not a finite number.`;
    case "negative":
      return `${whereEn(ind, v)}: the value ${shown(raw)} is negative; figures must be 0 or more.`;
    case "not-an-option": {
      const list = (v?.options ?? []).map((o, n) => `${n + 1} = "${o.label}"`).join("; ");
      return `${whereEn(ind, v)}: ${shown(raw)} is not one of the options (${list}).`;
    }
    case "numerator-above-denominator": {
      const p = /tử số \((.+?)\) lớn hơn mẫu số \((.+?)\)/.exec(text);
      const parts = p ? ` (${p[1]}) is greater than the denominator (${p[2]})` : " is greater than the denominator";
      return `Indicator ${ind.id}: the numerator${parts}; a ratio above 100 % is a data error. The score is provisionally capped at the maximum.`;
    }
    case "zero-denominator": {
      const p = /mẫu số bằng 0 \((.+?)\)/.exec(text);
      const den = p ? ` (${p[1]})` : "";
      if (m.severity === "info") return `Indicator ${ind.id}: the denominator is 0${den}; this part scores 0.`;
      if (v) {
        const label = v.options?.[0]?.label ?? "Không phát sinh";
        return `Indicator ${ind.id}: the denominator is 0${den}, i.e. nothing occurred that needed handling. If so, answer "${label}" (nothing occurred) in variable ${v.key} to earn full points; unanswered, the score is 0.`;
      }
      return `Indicator ${ind.id}: the denominator is 0${den}; no ratio can be computed, the score is 0.`;
    }
    case "none-answer": {
      if (m.severity === "info") return `Indicator ${ind.id}: "nothing occurred" confirmed (variable ${v?.key ?? "?"}); full points.`;
      const p = /mẫu số là (.+?); câu trả lời/.exec(text);
      return `Indicator ${ind.id}: answered "nothing occurred" (variable ${v?.key ?? "?"}) but the denominator is ${p ? p[1] : "not 0"}; the answer is ignored.`;
    }
    case "disagrees-with-info": {
      const p = /giá trị nhập (.+?) khác với Thông tin chung mục (.+?) \((.+?)\)\./.exec(text);
      return p
        ? `${whereEn(ind, v)}: the value typed, ${p[1]}, differs from general information item ${p[2]} (${p[3]}). Enter this figure once, on "Thông tin chung".`
        : `${whereEn(ind, v)}: the value typed differs from the general information. Enter this figure once, on "Thông tin chung".`;
    }
    case "disagrees-with-linked": {
      const p = /giá trị nhập (.+?) khác với cùng số liệu ở chỉ số (\S+) biến (\S+) \((.+?)\)\./.exec(text);
      return p
        ? `${whereEn(ind, v)}: the value typed, ${p[1]}, differs from the same figure in indicator ${p[2]}, variable ${p[3]} (${p[4]}). Enter this figure once.`
        : `${whereEn(ind, v)}: the value typed differs from the same figure asked elsewhere. Enter this figure once.`;
    }
    case "needs-reference":
      return `Indicator ${ind.id}: reference values (the minimum/maximum of the units compared) are needed to score it against other units; not scored yet.`;
    case "invalid-reference": {
      const ref = ctx.read.unit.reference?.[ind.id];
      return `Indicator ${ind.id}: invalid reference values (min = ${String(ref?.min)}, max = ${String(ref?.max)}); they must be numbers of 0 or more, the minimum not above the maximum.`;
    }
    case "unknown-variable":
      return `Indicator ${ind.id}: a value was given for a variable the scoring rule does not use (variables: ${ind.variables.map((x) => x.key).join(", ") || "none"}); it is ignored.`;
    case "unscored":
      return `Indicator ${ind.id}: tracked, not scored.`;
    case "sub-indicator-incomplete":
      return `Indicator ${ind.id}: some sub-indicators cannot be scored yet; the score adds only those that can.`;
    case "reading":
      return `Indicator ${ind.id}: reading applied.`;
  }
}

/** The reference cell a needs-reference or invalid-reference message points at. */
function referenceName(ind: Indicator, m: Message, ctx: Context): string {
  const ref = ctx.read.unit.reference?.[ind.id];
  const asBest = ind.rule.kind === "ratio-to-best" || ctx.read.options.minMaxAsRatioToBest === true;
  if (asBest) return names.referenceMax(ind.id);
  if (m.code === "invalid-reference") {
    const bad = (x: number | undefined): boolean => x !== undefined && (!Number.isFinite(x) || x < 0);
    if (bad(ref?.max) && !bad(ref?.min)) return names.referenceMax(ind.id);
    return names.referenceMin(ind.id);
  }
  // Both missing, or only the minimum: the minimum; only the maximum missing: the maximum.
  return ref?.min !== undefined && ref.max === undefined ? names.referenceMax(ind.id) : names.referenceMin(ind.id);
}

/** Codes whose complaint about a cell is explained by a template or raw check of that cell. */
const FOLDABLE = new Set<string>(["missing-value", "not-a-number", "not-finite", "negative", "not-an-option", "needs-reference"]);

/** Engine codes that are not about the workbook: IX is tracked by design; 5.12's children report their own problems. */
const SKIPPED = new Set<string>(["unscored", "reading", "sub-indicator-incomplete"]);

function fromEngine(ctx: Context, result: UnitResult, drafts: Drafts): void {
  for (const ind of ctx.set.indicators) {
    const outcome = result.indicators[ind.id];
    if (!outcome) continue;
    for (const m of outcome.messages) {
      if (SKIPPED.has(m.code)) continue;
      const v = ctx.variable(ind, m.variable);
      let name: string | undefined;
      let owner: Owner = { indicator: ind, ...(v ? { variable: v } : {}) };
      switch (m.code) {
        case "missing-value":
          if (v) ({ name, owner } = ctx.source(ind, v));
          break;
        case "numerator-above-denominator": {
          const spec = specOf(ind, m.text, "numerator");
          const first = spec ? ctx.variable(ind, spec.numerator[0]) : undefined;
          if (first) ({ name, owner } = ctx.source(ind, first));
          break;
        }
        case "zero-denominator": {
          if (v) {
            // 5.5, 5.11: the "không phát sinh" answer is the cell to act on (§12).
            name = names.input(ind.id, v.key);
            break;
          }
          const spec = specOf(ind, m.text, "denominator");
          const keys = spec?.denominator.kind === "variables" ? spec.denominator.variables : [];
          const first = ctx.variable(ind, keys[0]);
          if (first) ({ name, owner } = ctx.source(ind, first, true));
          break;
        }
        case "needs-reference":
        case "invalid-reference":
          name = referenceName(ind, m, ctx);
          break;
        case "unknown-variable":
          name = undefined;
          break;
        default:
          // not-a-number, negative, not-an-option, disagreements, none-answer: the typed cell itself.
          name = v ? names.input(ind.id, v.key) : undefined;
      }
      if (name !== undefined && FOLDABLE.has(m.code)) {
        const primary = drafts.primaryAt(name);
        if (primary) {
          if (!primary.about.includes(ind.id)) primary.about.push(ind.id);
          continue;
        }
      }
      // §12: a zero denominator is a state of the figures, not a typing error.
      const severity: FindingSeverity = m.code === "zero-denominator" && m.severity === "error" ? "warning" : m.severity;
      const draft: Draft = {
        severity,
        code: m.code,
        ...(name !== undefined ? { name } : {}),
        owner,
        about: [ind.id],
        vi: [m.text],
        en: [engineEnglish(m, ind, v, ctx)],
        primary: false,
      };
      const linked = owner.info !== undefined || (owner.indicator !== undefined && owner.indicator.id !== ind.id);
      if (m.code === "missing-value" && linked) draft.header = (d) => missingHeader(d.owner, d.about);
      if (m.code === "zero-denominator" && linked) draft.header = (d) => zeroHeader(d);
      drafts.add(draft);
    }
  }
}

/** One text for a linked cell that several indicators need (§15). */
function missingHeader(owner: Owner, about: readonly string[]): { vi: string; en: string } {
  const label = ownerLabel(owner);
  if (owner.info) {
    return {
      vi: `${label.vi}: chưa nhập số liệu. ${plural(about.length, "Chỉ số", "Các chỉ số")} ${listVi(about)} lấy số liệu từ ô này nên chưa tính được điểm.`,
      en: `${label.en}: no value entered. ${plural(about.length, "Indicator", "Indicators")} ${listEn(about)} take${about.length === 1 ? "s" : ""} ${about.length === 1 ? "its" : "their"} figure from this cell and cannot be scored yet.`,
    };
  }
  const others = about.filter((id) => id !== owner.indicator?.id);
  return {
    vi: `${label.vi}: chưa nhập số liệu. Chỉ số ${owner.indicator?.id ?? "?"} và ${plural(others.length, "chỉ số", "các chỉ số")} ${listVi(others)} (nhập số liệu này một lần, tại ô này) chưa tính được điểm.`,
    en: `${label.en}: no value entered. Indicator ${owner.indicator?.id ?? "?"} and ${plural(others.length, "indicator", "indicators")} ${listEn(others)} (this figure is entered once, in this cell) cannot be scored yet.`,
  };
}

function ownerLabel(owner: Owner): { vi: string; en: string } {
  if (owner.info) return infoLabel(owner.info);
  return {
    vi: `Chỉ số ${owner.indicator?.id ?? "?"}, biến ${owner.variable?.key ?? "?"}${owner.variable ? ` (${shorten(owner.variable.description)})` : ""}`,
    en: `Indicator ${owner.indicator?.id ?? "?"}, variable ${owner.variable?.key ?? "?"}`,
  };
}

/** A zero that several indicators use as their denominator: say where it is, then each indicator's message. */
function zeroHeader(d: Draft): { vi: string; en: string } {
  const label = ownerLabel(d.owner);
  const ids = d.about;
  return {
    vi: `${label.vi} bằng 0 và là mẫu số của ${plural(ids.length, "chỉ số", "các chỉ số")} ${listVi(ids)}. ${d.vi.join(" ")}`,
    en: `${label.en} is 0 and is the denominator of ${plural(ids.length, "indicator", "indicators")} ${listEn(ids)}. ${d.en.join(" ")}`,
  };
}

// ---------------------------------------------------------------- evidence, blank general items

/** Rows that earn points must show their "tài liệu kiểm chứng"; 5.12 is the sum of rows that do. */
function checkEvidence(ctx: Context, result: UnitResult, drafts: Drafts): void {
  for (const ind of ctx.set.indicators) {
    if (ind.rule.kind === "unscored" || ind.rule.kind === "sum-of-children") continue;
    if (!(ind.id in ctx.read.annotations.evidence) || ctx.read.annotations.evidence[ind.id] !== null) continue;
    const name = names.evidence(ind.id);
    if (ctx.cell(name)?.kind === "error") continue;
    const score = result.indicators[ind.id]?.score;
    if (!score || !score.gt(0)) continue;
    drafts.add({
      severity: "warning",
      code: "missing-evidence",
      name,
      owner: { indicator: ind },
      about: [ind.id],
      vi: [`Chỉ số ${ind.id}: được ${score.toString()} điểm nhưng chưa ghi tài liệu kiểm chứng (số văn bản hoặc đường dẫn).`],
      en: [`Indicator ${ind.id}: earns ${score.toString()} points but no evidence ("tài liệu kiểm chứng": document number or link) is given.`],
      primary: false,
    });
  }
}

function checkBlankInfo(ctx: Context, drafts: Drafts): void {
  for (const item of ctx.set.infoItems) {
    if (item.id === 1) continue; // the reader reports no-unit-name
    const name = names.info(item.id);
    const cell = ctx.cell(name);
    if (!cell || cell.kind !== "value" || !isBlank(cellValue(cell)) || drafts.anyAt(name)) continue;
    const label = infoLabel(item);
    const used = (ctx.infoUsers.get(item.id) ?? []).length > 0;
    drafts.add({
      severity: "warning",
      code: "missing-info",
      name,
      owner: { info: item },
      about: [],
      vi: [`${label.vi}: chưa nhập.${used ? " Các chỉ số dùng mục này đang dùng số liệu nhập tay trên dòng của chúng." : " Mục này không dùng để tính điểm nhưng có trong biểu mẫu của Bộ."}`],
      en: [`${label.en}: not entered.${used ? " The indicators that use it rely on figures typed on their own rows." : " It is not used for scoring, but the ministry's form asks for it."}`],
      primary: false,
    });
  }
}

// ---------------------------------------------------------------- assembly

function toFinding(d: Draft, ctx: Context): Finding {
  const ind = d.owner.indicator;
  const text = d.header ? d.header(d) : { vi: d.vi.join(" "), en: d.en.join(" ") };
  const affects = d.about.filter((id) => id !== ind?.id).sort((a, b) => (ctx.order.get(a) ?? 0) - (ctx.order.get(b) ?? 0));
  const agencies = ind ? ctx.agenciesOf(ind) : d.owner.info ? splitAgencies(d.owner.info.responsible) : [];
  return {
    severity: d.severity,
    code: d.code,
    vi: text.vi,
    en: text.en,
    ...(ind ? { indicator: ind.id, pillar: ind.pillar } : {}),
    ...(d.owner.variable ? { variable: d.owner.variable.key } : {}),
    agencies,
    ...(d.name !== undefined ? { name: d.name } : {}),
    ...(affects.length ? { affects } : {}),
  };
}

function report(ctx: Context, findings: Finding[], fatal: boolean): ValidationReport {
  // Template metadata first, then general items by number, then the rest of the general
  // findings (options, last year's results), then indicators in appendix order.
  const infoCount = ctx.set.infoItems.length;
  const rank = (f: Finding): number => {
    if (f.indicator !== undefined) return 2 * infoCount + 10 + (ctx.order.get(f.indicator) ?? 0);
    const info = f.name ? /^DTI_INFO_(\d+)$/.exec(f.name) : null;
    if (info) return 1 + Number(info[1]);
    return f.name === undefined ? 0 : 2 * infoCount + 5;
  };
  const sorted = findings.map((f, n) => ({ f, n })).sort((a, b) => rank(a.f) - rank(b.f) || a.n - b.n).map((x) => x.f);
  const byPillar: { pillar: string; name: string; counts: Counts; findings: Finding[] }[] = ctx.set.pillars.map((p) => {
    const list = sorted.filter((f) => f.pillar === p.id);
    return { pillar: p.id, name: p.name, counts: count(list), findings: list };
  });
  const general = sorted.filter((f) => f.pillar === undefined);
  if (general.length) byPillar.push({ ...GENERAL_GROUP, counts: count(general), findings: general });
  const agencies = agencyAssignments(ctx.set).map((a) => a.agency);
  for (const f of sorted) for (const a of f.agencies) if (!agencies.includes(a)) agencies.push(a);
  const byAgency = agencies.map((agency) => {
    const list = sorted.filter((f) => f.agencies.includes(agency));
    return { agency, counts: count(list), findings: list };
  });
  return { findings: sorted, fatal, totals: count(sorted), byPillar, byAgency };
}

/**
 * Everything wrong with a workbook, as findings that each point at one cell. `result` is the
 * engine's scoring of `read.unit` with `read.options` (null when not computed, e.g. after a
 * fatal problem: then only the template problems are reported).
 */
export function validateWorkbook(set: IndicatorSet, read: ReadResult, result: UnitResult | null): ValidationReport {
  const ctx = new Context(set, read);
  const drafts = new Drafts();
  fromProblems(ctx, drafts);
  const fatal = read.problems.some((p) => p.severity === "fatal");
  if (fatal) return report(ctx, drafts.all().map((d) => toFinding(d, ctx)), true);
  checkInfoCells(ctx, drafts);
  checkReferenceCells(ctx, drafts);
  checkOptionCells(ctx, drafts);
  checkAnnotationCells(ctx, drafts);
  if (result) {
    fromEngine(ctx, result, drafts);
    checkEvidence(ctx, result, drafts);
  }
  checkBlankInfo(ctx, drafts);
  return report(ctx, drafts.all().map((d) => toFinding(d, ctx)), false);
}
