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
 * Every finding is data: what it says is a list of messages (`says`), each a code with the
 * indicator, variable or cell and the values involved. Their Vietnamese and English text is
 * rendered by src/i18n/findings.ts; nothing here writes a sentence.
 */
import type { Indicator, IndicatorSet, InfoItem, Variable } from "../catalog/schema";
import { shownValue } from "../engine/messages";
import type { InputValue, Message, UnitResult } from "../engine/types";
import { ownValue } from "../catalog/own";
import { isBlank } from "../engine/predicates";
import { agencyAssignments, splitAgencies } from "../catalog/agencies";
import { isFormula } from "./model";
import { names } from "./names";
import { typedNumber, type NamedCell, type ReadResult, type TemplateProblem } from "./read-inputs";

export type FindingSeverity = "error" | "warning" | "info";

/** The cell a finding's text names: a general item, or an indicator's variable. */
export interface FindingOwner {
  readonly info?: { readonly id: number; readonly name: string };
  readonly indicator?: string;
  readonly variable?: { readonly key: string; readonly label: string };
}

/** A cell nothing is scored from: an indicator's target, evidence or note, or last year's results. */
export type Annotation =
  | { readonly kind: "target"; readonly indicator: string }
  | { readonly kind: "evidence"; readonly indicator: string }
  | { readonly kind: "note"; readonly indicator: string }
  | { readonly kind: "previous-pillar"; readonly pillar: string }
  | { readonly kind: "previous-total" }
  | { readonly kind: "previous-index" };

/**
 * What only the workbook can tell, as data. Values typed by users are kept as shown (text
 * quoted and shortened, numbers as written).
 */
export type CheckMessage =
  | { readonly code: "info-not-a-number"; readonly item: { readonly id: number; readonly name: string }; readonly value: string; readonly users: readonly string[] }
  | { readonly code: "info-negative"; readonly item: { readonly id: number; readonly name: string }; readonly value: string; readonly users: readonly string[] }
  | { readonly code: "info-blank"; readonly item: { readonly id: number; readonly name: string }; readonly used: boolean }
  | { readonly code: "reference-not-a-number"; readonly indicator: string; readonly bound: "min" | "max" | "best"; readonly value: string }
  | { readonly code: "invalid-option"; readonly name: string; readonly option: "alt-threshold" | "minmax-as-best"; readonly value: string }
  | { readonly code: "annotation-error"; readonly name: string; readonly what: Annotation; readonly error: string }
  | { readonly code: "invalid-target"; readonly indicator: string; readonly value: string }
  | { readonly code: "target-above-max"; readonly indicator: string; readonly target: string; readonly max: string }
  | { readonly code: "invalid-previous"; readonly name: string; readonly what: Annotation; readonly value: string }
  | { readonly code: "previous-above-max"; readonly name: string; readonly what: Annotation; readonly value: string; readonly max: string }
  | { readonly code: "missing-evidence"; readonly indicator: string; readonly score: string }
  /** Issue 13, point 4: the set names the evidence this row requires ("Tài liệu kiểm chứng"). */
  | { readonly code: "missing-required-evidence"; readonly indicator: string; readonly score: string; readonly required: string }
  /** One text for a linked cell several indicators need (§15). */
  | { readonly code: "linked-missing"; readonly owner: FindingOwner; readonly about: readonly string[] }
  /** A zero several indicators use as their denominator: where it is, then each indicator's message. */
  | { readonly code: "linked-zero"; readonly owner: FindingOwner; readonly about: readonly string[]; readonly parts: readonly FindingMessage[] };

/** Anything a finding says: an engine message, a template problem, or a check of this module. */
export type FindingMessage = Message | TemplateProblem | CheckMessage;

export interface Finding {
  readonly severity: FindingSeverity;
  /** Stable code: an engine MessageCode, a TemplateProblem code, or one of this module's. */
  readonly code: string;
  /** What to tell staff, in order (rendered and joined by src/i18n/findings.ts). */
  readonly says: readonly FindingMessage[];
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

export interface ValidationReport<F extends Finding = Finding> {
  readonly findings: readonly F[];
  /** Nothing could be read (not a template, other set, newer or unknown version): nothing was computed. */
  readonly fatal: boolean;
  readonly totals: Counts;
  /**
   * Every pillar in set order; then, only when it has findings, a group with pillar "" for
   * findings that belong to no pillar (template metadata, general information, last year's results).
   */
  readonly byPillar: readonly { pillar: string; name: string; counts: Counts; findings: F[] }[];
  /** Every agency of the set (agencyAssignments order), with the findings it owns. */
  readonly byAgency: readonly { agency: string; counts: Counts; findings: F[] }[];
}

/** Group name of findings outside any pillar. */
export const GENERAL_GROUP = { pillar: "", name: "Chung: mẫu, Thông tin chung, năm trước" } as const;

// ---------------------------------------------------------------- small helpers

/** The plain value behind a named cell (null for formulas-only, errors, missing names). */
function cellValue(cell: NamedCell | undefined): InputValue {
  if (!cell || cell.kind !== "value" || cell.value === null || isFormula(cell.value)) return null;
  return cell.value;
}

const SEVERITY_RANK: Record<FindingSeverity, number> = { error: 0, warning: 1, info: 2 };

function worst(a: FindingSeverity, b: FindingSeverity): FindingSeverity {
  return SEVERITY_RANK[a] <= SEVERITY_RANK[b] ? a : b;
}

/** Findings by severity. */
export function countFindings(findings: readonly Finding[]): Counts {
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
  /** Merged messages, said together unless `header` wraps them. */
  says: FindingMessage[];
  /** The text of a cell several indicators link to (§15), from the merged draft. */
  header?: "linked-missing" | "linked-zero";
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
      same.says.push(...d.says);
      same.header ??= d.header;
      return;
    }
    this.list.push(d);
    if (key !== undefined) this.byKey.set(key, d);
  }
}

// ---------------------------------------------------------------- template problems

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
    const name = p.code === "no-unit-name" ? names.info(1) : "name" in p ? p.name : undefined;
    drafts.add({
      severity: p.severity === "fatal" ? "error" : p.severity,
      code: p.code,
      ...(name !== undefined ? { name } : {}),
      owner: ownerOfName(name, "indicator" in p ? p.indicator : undefined, ctx),
      about: "indicator" in p && p.indicator ? [p.indicator] : [],
      says: [p],
      primary: true,
    });
  }
}

// ---------------------------------------------------------------- raw cell checks

function checkInfoCells(ctx: Context, drafts: Drafts): void {
  for (const item of ctx.set.infoItems) {
    if (item.type !== "number") continue;
    const name = names.info(item.id);
    const cell = ctx.cell(name);
    const value = cellValue(cell);
    if (isBlank(value)) continue;
    const users = [...new Set(ctx.infoUsers.get(item.id) ?? [])];
    const base = { name, owner: { info: item }, about: [...users], primary: true };
    const said = { item: { id: item.id, name: item.name }, value: shownValue(value), users } as const;
    if (typeof value !== "number" || !Number.isFinite(value)) {
      drafts.add({ ...base, severity: "error", code: "not-a-number", says: [{ code: "info-not-a-number", ...said }] });
    } else if (value < 0) {
      drafts.add({ ...base, severity: "error", code: "negative", says: [{ code: "info-negative", ...said }] });
    }
  }
}

function checkReferenceCells(ctx: Context, drafts: Drafts): void {
  for (const ind of ctx.set.indicators) {
    const kind = ind.rule.kind;
    if (kind !== "min-max" && kind !== "ratio-to-best") continue;
    const refs: [string, "min" | "max" | "best"][] = [[names.referenceMax(ind.id), kind === "min-max" ? "max" : "best"]];
    if (kind === "min-max") refs.unshift([names.referenceMin(ind.id), "min"]);
    for (const [name, bound] of refs) {
      const value = cellValue(ctx.cell(name));
      // Numbers go to the engine, which checks them; the reader drops anything else silently.
      if (isBlank(value) || typeof value === "number") continue;
      drafts.add({
        severity: "error",
        code: "not-a-number",
        name,
        owner: { indicator: ind },
        about: [ind.id],
        says: [{ code: "reference-not-a-number", indicator: ind.id, bound, value: shownValue(value) }],
        primary: true,
      });
    }
  }
}

function checkOptionCells(ctx: Context, drafts: Drafts): void {
  const switches: [string, "alt-threshold" | "minmax-as-best"][] = [
    [names.optionAltThreshold, "alt-threshold"],
    [names.optionMinMaxAsBest, "minmax-as-best"],
  ];
  for (const [name, option] of switches) {
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
      says: [{ code: "invalid-option", name, option, value: shownValue(value) }],
      primary: true,
    });
  }
}

/** An Excel error in a cell nothing is scored from (target, evidence, note, last year's result). */
function annotationError(drafts: Drafts, name: string, cell: NamedCell | undefined, owner: Owner, what: Annotation): boolean {
  if (cell?.kind !== "error") return false;
  drafts.add({
    severity: "warning",
    code: "cell-error",
    name,
    owner,
    about: owner.indicator ? [owner.indicator.id] : [],
    says: [{ code: "annotation-error", name, what, error: cell.error }],
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
    if (!annotationError(drafts, tName, tCell, owner, { kind: "target", indicator: ind.id }) && tCell) {
      const n = typedNumber(tCell);
      if (n === "invalid" || (typeof n === "number" && n < 0)) {
        const value = cellValue(tCell);
        drafts.add({
          severity: "warning",
          code: "invalid-target",
          name: tName,
          owner,
          about: [ind.id],
          says: [{ code: "invalid-target", indicator: ind.id, value: shownValue(value) }],
          primary: true,
        });
      } else if (typeof n === "number" && n > ind.maxPoints) {
        drafts.add({
          severity: "warning",
          code: "target-above-max",
          name: tName,
          owner,
          about: [ind.id],
          says: [{ code: "target-above-max", indicator: ind.id, target: String(n), max: String(ind.maxPoints) }],
          primary: true,
        });
      }
    }
    annotationError(drafts, names.evidence(ind.id), ctx.cell(names.evidence(ind.id)), owner, { kind: "evidence", indicator: ind.id });
    annotationError(drafts, names.note(ind.id), ctx.cell(names.note(ind.id)), owner, { kind: "note", indicator: ind.id });
  }

  const previous: [string, number, Annotation][] = ctx.set.pillars.map((p) => [
    names.previousPillar(p.id),
    p.maxPoints,
    { kind: "previous-pillar", pillar: p.id },
  ]);
  previous.push([names.previousTotal, ctx.set.maxTotal, { kind: "previous-total" }]);
  previous.push([names.previousIndex, 1, { kind: "previous-index" }]);
  for (const [name, max, what] of previous) {
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
        says: [{ code: "invalid-previous", name, what, value: shownValue(value) }],
        primary: true,
      });
    } else if (typeof n === "number" && n > max) {
      drafts.add({
        severity: "warning",
        code: "previous-above-max",
        name,
        owner: {},
        about: [],
        says: [{ code: "previous-above-max", name, what, value: String(n), max: String(max) }],
        primary: true,
      });
    }
  }
}

// ---------------------------------------------------------------- engine messages

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
const SKIPPED = new Set<string>(["unscored", "sub-indicator-incomplete"]);

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
          // The first variable of the numerator the message quotes.
          const first = ctx.variable(ind, m.numerator.keys?.[0]);
          if (first) ({ name, owner } = ctx.source(ind, first));
          break;
        }
        case "zero-denominator": {
          if (v) {
            // 5.5, 5.11: the "không phát sinh" answer is the cell to act on (§12).
            name = names.input(ind.id, v.key);
            break;
          }
          const first = ctx.variable(ind, m.denominator.keys?.[0]);
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
        says: [m],
        primary: false,
      };
      const linked = owner.info !== undefined || (owner.indicator !== undefined && owner.indicator.id !== ind.id);
      if (m.code === "missing-value" && linked) draft.header = "linked-missing";
      if (m.code === "zero-denominator" && linked) draft.header = "linked-zero";
      drafts.add(draft);
    }
  }
}

/** The cell a finding names, as data for its text. */
function ownerRef(owner: Owner): FindingOwner {
  if (owner.info) return { info: { id: owner.info.id, name: owner.info.name } };
  return {
    ...(owner.indicator ? { indicator: owner.indicator.id } : {}),
    ...(owner.variable ? { variable: { key: owner.variable.key, label: owner.variable.description } } : {}),
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
    // Where the set names the evidence it requires, the finding says what it is.
    const says: CheckMessage = ind.evidenceRequired
      ? { code: "missing-required-evidence", indicator: ind.id, score: score.toString(), required: ind.evidenceRequired }
      : { code: "missing-evidence", indicator: ind.id, score: score.toString() };
    drafts.add({
      severity: "warning",
      code: says.code,
      name,
      owner: { indicator: ind },
      about: [ind.id],
      says: [says],
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
    const used = (ctx.infoUsers.get(item.id) ?? []).length > 0;
    drafts.add({
      severity: "warning",
      code: "missing-info",
      name,
      owner: { info: item },
      about: [],
      says: [{ code: "info-blank", item: { id: item.id, name: item.name }, used }],
      primary: false,
    });
  }
}

// ---------------------------------------------------------------- assembly

function toFinding(d: Draft, ctx: Context): Finding {
  const ind = d.owner.indicator;
  const says: FindingMessage[] =
    d.header === "linked-missing"
      ? [{ code: "linked-missing", owner: ownerRef(d.owner), about: [...d.about] }]
      : d.header === "linked-zero"
        ? [{ code: "linked-zero", owner: ownerRef(d.owner), about: [...d.about], parts: d.says }]
        : d.says;
  const affects = d.about.filter((id) => id !== ind?.id).sort((a, b) => (ctx.order.get(a) ?? 0) - (ctx.order.get(b) ?? 0));
  const agencies = ind ? ctx.agenciesOf(ind) : d.owner.info ? splitAgencies(d.owner.info.responsible) : [];
  return {
    severity: d.severity,
    code: d.code,
    says,
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
    return { pillar: p.id, name: p.name, counts: countFindings(list), findings: list };
  });
  const general = sorted.filter((f) => f.pillar === undefined);
  if (general.length) byPillar.push({ ...GENERAL_GROUP, counts: countFindings(general), findings: general });
  const agencies = agencyAssignments(ctx.set).map((a) => a.agency);
  for (const f of sorted) for (const a of f.agencies) if (!agencies.includes(a)) agencies.push(a);
  const byAgency = agencies.map((agency) => {
    const list = sorted.filter((f) => f.agencies.includes(agency));
    return { agency, counts: countFindings(list), findings: list };
  });
  return { findings: sorted, fatal, totals: countFindings(sorted), byPillar, byAgency };
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
