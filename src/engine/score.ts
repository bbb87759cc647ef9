/**
 * The scoring engine: inputs of one or many units → scores, statuses, pillar totals and
 * the index, exactly (decimal.js). Pure: no Office.js, no DOM, no I/O.
 *
 * Cross-unit rules (min-max §9, ratio to best §10) are computed across the units scored
 * together; a unit alone needs reference values and is never silently given 0 or max.
 */
import type {
  ChoiceOption,
  Indicator,
  IndicatorSet,
  GroupPart,
  Measure,
  Part,
  RatioSpec,
  Rule,
  Tier,
  Variable,
} from "../catalog/schema";
import { DtiError } from "./errors";
import { isCrossUnit } from "../catalog/rule-parts";
import { msg } from "./messages";
import { labelKey, unitNameKey } from "../catalog/labels";
import { ownValue, putOwn } from "../catalog/own";
import { isBlank, isComplete } from "./predicates";
import {
  Decimal,
  ONE,
  ZERO,
  allOrNothingFraction,
  bestOfFraction,
  cappedCountPoints,
  cappedGroupFraction,
  exact,
  indexOf,
  minMaxFraction,
  ratioFraction,
  ratioToBestFraction,
  thresholdLiteralFraction,
  thresholdScaledFraction,
  tiersFraction,
  toPoints,
} from "./rules";
import type {
  IndicatorOutcome,
  IndicatorValues,
  InputValue,
  Message,
  PillarResult,
  RatioTerm,
  ReferenceRange,
  ScoreOptions,
  Status,
  UnitInput,
  UnitResult,
} from "./types";

/** What evaluating one indicator for one unit has found so far. */
const NO_MESSAGES: readonly Message[] = Object.freeze([]);

class Findings {
  private list: Message[] | null = null;
  /** A value could not be used (text, negative, not an option): no score. */
  invalidValue = false;
  /** A required value is absent: no score. */
  missing = false;
  /** A data error that still leaves a score (numerator above denominator, disagreement with a link). */
  dataError = false;
  zeroDenominator = false;
  ratio: Decimal | null | undefined = undefined;

  get messages(): readonly Message[] {
    return this.list ?? NO_MESSAGES;
  }

  add(m: Message): void {
    (this.list ??= []).push(m);
  }
}

/** Reads the inputs of one unit, following the §15 links (general information, quantities asked twice). */
class UnitReader {
  constructor(
    private readonly set: CompiledSet,
    private readonly unit: UnitInput,
  ) {}

  raw(indicatorId: string, key: string): InputValue {
    // Own properties only: a variable named "constructor" that was left blank is blank.
    return ownValue(ownValue(this.unit.values, indicatorId), key);
  }

  /** A number typed directly, checked; null when blank; undefined when unusable (reported). */
  private parseNumber(ind: Indicator, v: Variable, value: InputValue, f: Findings): Decimal | null | undefined {
    if (isBlank(value)) return null;
    if (typeof value !== "number") {
      f.add(msg.notANumber(ind, v, value));
      f.invalidValue = true;
      return undefined;
    }
    if (!Number.isFinite(value)) {
      f.add(msg.notFinite(ind, v, value));
      f.invalidValue = true;
      return undefined;
    }
    if (value < 0) {
      f.add(msg.negative(ind, v, value));
      f.invalidValue = true;
      return undefined;
    }
    return new Decimal(value);
  }

  /** The sum of general-information items, or null when any is blank or unusable. */
  private infoSum(items: readonly number[]): Decimal | null {
    let sum = ZERO;
    for (const item of items) {
      const value = ownValue(this.unit.info, String(item));
      if (typeof value !== "number" || !Number.isFinite(value) || value < 0) return null;
      sum = sum.plus(value);
    }
    return sum;
  }

  /** The value of a number variable, following links; null when missing or unusable (reported in `f`). */
  number(ind: Indicator, v: Variable, f: Findings, depth = 0): Decimal | null {
    const given = this.parseNumber(ind, v, this.raw(ind.id, v.key), f);
    if (given === undefined) return null;
    if (v.info) {
      const linked = this.infoSum(v.info);
      if (given === null) {
        if (linked !== null) return linked;
      } else {
        if (linked !== null && !linked.eq(given)) {
          f.add(msg.disagreesWithInfo(ind, v, given.toString(), v.info, linked.toString()));
          f.dataError = true;
        }
        return given;
      }
    }
    if (v.sameAs && depth < 4) {
      const target = this.set.variable(v.sameAs.indicator, v.sameAs.variable);
      if (target && this.set.indicators.has(v.sameAs.indicator)) {
        const targetInd = this.set.indicators.get(v.sameAs.indicator) as Indicator;
        // The linked value is read quietly: its own problems are reported on its own row.
        const linked = this.number(targetInd, target, new Findings(), depth + 1);
        if (given === null) {
          if (linked !== null) return linked;
        } else {
          if (linked !== null && !linked.eq(given)) {
            f.add(msg.disagreesWithLinked(ind, v, given.toString(), v.sameAs, linked.toString()));
            f.dataError = true;
          }
          return given;
        }
      }
    }
    if (given === null) {
      if (!v.optional) {
        f.add(msg.missing(ind, v));
        f.missing = true;
      }
      return null;
    }
    return given;
  }

  /** The option chosen for a choice variable; null when missing or not an option (reported). */
  choice(ind: Indicator, v: Variable, f: Findings): ChoiceOption | null {
    const value = this.raw(ind.id, v.key);
    const found = findOption(v, value);
    if (found === "blank") {
      if (!v.optional) {
        f.add(msg.missing(ind, v));
        f.missing = true;
      }
      return null;
    }
    if (found === null) {
      f.add(msg.notAnOption(ind, v, value));
      f.invalidValue = true;
      return null;
    }
    return found;
  }
}

/**
 * The option an answer selects: `true`/`false` for yes/no, the 1-based position in the
 * text's list, or the label (compared without case and extra spaces) (§16).
 */
export function findOption(v: Variable, value: InputValue): ChoiceOption | null | "blank" {
  const options = v.options ?? [];
  if (isBlank(value)) return "blank";
  if (typeof value === "boolean") return options.find((o) => o.value === value) ?? null;
  if (typeof value === "number") {
    return Number.isInteger(value) && value >= 1 && value <= options.length ? (options[value - 1] ?? null) : null;
  }
  const wanted = labelKey(value);
  if (/^\d+$/.test(wanted)) return findOption(v, Number(wanted));
  if (wanted === "true" || wanted === "false") return findOption(v, wanted === "true");
  return options.find((o) => labelKey(o.label) === wanted) ?? null;
}

/** A catalog prepared for fast repeated scoring: parsed exact numbers, lookup tables. */
class CompiledSet {
  readonly indicators = new Map<string, Indicator>();
  /** The general-information items, by their number as input keys write it ("4"). */
  readonly infoItems: ReadonlySet<string>;
  private readonly variables = new Map<string, Map<string, Variable>>();
  private readonly tierTables = new WeakMap<readonly Tier[], { atLeast: Decimal; fraction: Decimal }[]>();
  private readonly exacts = new Map<string, Decimal>();
  readonly maxPoints = new Map<string, Decimal>();
  /** Indicators counted in their pillar's total (children of a sum are counted through it). */
  readonly pillarMembers = new Map<string, Indicator[]>();

  constructor(readonly set: IndicatorSet) {
    this.infoItems = new Set(set.infoItems.map((item) => String(item.id)));
    for (const pillar of set.pillars) this.pillarMembers.set(pillar.id, []);
    for (const ind of set.indicators) {
      this.indicators.set(ind.id, ind);
      this.maxPoints.set(ind.id, new Decimal(ind.maxPoints));
      this.variables.set(ind.id, new Map(ind.variables.map((v) => [v.key, v])));
      if (!ind.parent) this.pillarMembers.get(ind.pillar)?.push(ind);
    }
  }

  variable(indicatorId: string, key: string): Variable | undefined {
    return this.variables.get(indicatorId)?.get(key);
  }

  tiers(tiers: readonly Tier[]): { atLeast: Decimal; fraction: Decimal }[] {
    let table = this.tierTables.get(tiers);
    if (!table) {
      table = tiers.map((t) => ({ atLeast: this.exact(t.atLeast), fraction: this.exact(t.fraction) }));
      this.tierTables.set(tiers, table);
    }
    return table;
  }

  exact(text: string): Decimal {
    let d = this.exacts.get(text);
    if (!d) {
      d = exact(text);
      this.exacts.set(text, d);
    }
    return d;
  }
}

const compiledSets = new WeakMap<IndicatorSet, CompiledSet>();

function compile(set: IndicatorSet): CompiledSet {
  let compiled = compiledSets.get(set);
  if (!compiled) {
    compiled = new CompiledSet(set);
    compiledSets.set(set, compiled);
  }
  return compiled;
}

/** Evaluates the rules of one unit. */
class Evaluator {
  constructor(
    private readonly cs: CompiledSet,
    private readonly reader: UnitReader,
    private readonly options: ScoreOptions,
  ) {}

  private variableOf(ind: Indicator, key: string): Variable {
    const v = this.cs.variable(ind.id, key);
    if (!v) throw new Error(`catalog error: ${ind.id} has no variable ${key}`);
    return v;
  }

  private sum(ind: Indicator, keys: readonly string[], f: Findings): Decimal | null {
    let total = ZERO;
    let ok = true;
    for (const key of keys) {
      const value = this.reader.number(ind, this.variableOf(ind, key), f);
      if (value === null) ok = false;
      else total = total.plus(value);
    }
    return ok ? total : null;
  }

  /**
   * Σnumerator / Σdenominator. Returns the ratio, or a fixed fraction when a zero
   * denominator decides the points, or null when inputs are missing or unusable.
   */
  ratio(ind: Indicator, spec: RatioSpec, f: Findings): { ratio: Decimal } | { fraction: Decimal } | null {
    const num = this.sum(ind, spec.numerator, f);
    const den = spec.denominator.kind === "variables" ? this.sum(ind, spec.denominator.variables, f) : this.cs.exact(spec.denominator.constant);
    const none = spec.noneAnswer ? this.variableOf(ind, spec.noneAnswer) : undefined;
    const noneOption = none ? this.reader.choice(ind, none, f) : null;
    if (num === null || den === null) return null;
    const denTerm: RatioTerm =
      spec.denominator.kind === "variables" ? { keys: spec.denominator.variables, value: den.toString() } : { value: den.toString() };
    if (den.isZero()) {
      f.ratio = null;
      if (none && noneOption && this.cs.exact(noneOption.fraction).gt(ZERO) && num.isZero()) {
        f.add(msg.noneAnswered(ind, none));
        return { fraction: ONE };
      }
      if (spec.zeroDenominator === "scores-zero") {
        f.add(msg.zeroDenominatorScoresZero(ind, denTerm));
        return { fraction: ZERO };
      }
      f.zeroDenominator = true;
      f.add(none ? msg.zeroDenominatorNone(ind, denTerm, none) : msg.zeroDenominator(ind, denTerm));
      return { fraction: ZERO };
    }
    if (none && noneOption && this.cs.exact(noneOption.fraction).gt(ZERO)) f.add(msg.noneContradicted(ind, none, denTerm));
    const ratio = num.div(den);
    if (spec.subset && num.gt(den)) {
      f.add(msg.numeratorAboveDenominator(ind, { keys: spec.numerator, value: num.toString() }, denTerm));
      f.dataError = true;
    }
    return { ratio };
  }

  private ratioThen(
    ind: Indicator,
    spec: RatioSpec,
    f: Findings,
    then: (ratio: Decimal) => Decimal,
  ): Decimal | null {
    const r = this.ratio(ind, spec, f);
    if (r === null) return null;
    if ("fraction" in r) return r.fraction;
    if (f.ratio === undefined) f.ratio = r.ratio;
    return then(r.ratio);
  }

  private choiceFraction(ind: Indicator, key: string, f: Findings): Decimal | null {
    const option = this.reader.choice(ind, this.variableOf(ind, key), f);
    return option ? this.cs.exact(option.fraction) : null;
  }

  /**
   * What a part of a multi-part rule adds, as a fraction of the indicator's max: a ratio or a
   * choice times its share; a capped count ("1 điểm mỗi ứng dụng, không quá 5") its points,
   * never more than its share of max; a group its parts' sum, never more than its share.
   */
  private partContribution(ind: Indicator, part: Part | GroupPart, f: Findings): Decimal | null {
    const share = this.cs.exact(part.share);
    const rule = part.rule;
    switch (rule.kind) {
      case "ratio": {
        const fr = this.ratioThen(ind, rule.ratio, f, ratioFraction);
        return fr === null ? null : fr.mul(share);
      }
      case "choice": {
        const fr = this.choiceFraction(ind, rule.variable, f);
        return fr === null ? null : fr.mul(share);
      }
      case "capped-count": {
        const count = this.reader.number(ind, this.variableOf(ind, rule.count), f);
        if (count === null) return null;
        const max = this.cs.maxPoints.get(ind.id) as Decimal;
        if (max.isZero()) return ZERO;
        return cappedCountPoints(count, this.cs.exact(rule.pointsEach), share.mul(max)).div(max);
      }
      case "group": {
        const contributions = this.parts(ind, rule.parts, f);
        return contributions === null ? null : cappedGroupFraction(contributions, share);
      }
    }
  }

  /** Every part's contribution, or null when one cannot be computed (each part still reports its findings). */
  private parts(ind: Indicator, parts: readonly (Part | GroupPart)[], f: Findings): Decimal[] | null {
    const out: Decimal[] = [];
    let ok = true;
    for (const part of parts) {
      const c = this.partContribution(ind, part, f);
      if (c === null) ok = false;
      else out.push(c);
    }
    return ok ? out : null;
  }

  /** The fraction of max points for a rule that needs only this unit's inputs. */
  fraction(ind: Indicator, rule: Rule, f: Findings): Decimal | null {
    switch (rule.kind) {
      case "ratio":
        return this.ratioThen(ind, rule.ratio, f, ratioFraction);
      case "threshold-literal": {
        const t = this.cs.exact(rule.threshold);
        return this.ratioThen(ind, rule.ratio, f, (r) => thresholdLiteralFraction(r, t, this.options.altThreshold));
      }
      case "threshold-scaled": {
        const t = this.cs.exact(rule.threshold);
        return this.ratioThen(ind, rule.ratio, f, (r) => thresholdScaledFraction(r, t));
      }
      case "all-or-nothing":
        return this.ratioThen(ind, rule.ratio, f, allOrNothingFraction);
      case "tiers-ratio": {
        const tiers = this.cs.tiers(rule.tiers);
        return this.ratioThen(ind, rule.ratio, f, (r) => tiersFraction(r, tiers));
      }
      case "tiers-amount": {
        if (rule.gate !== undefined) {
          const gate = this.choiceFraction(ind, rule.gate, f);
          if (gate === null) return null;
          if (gate.isZero()) return ZERO;
        }
        const amount = this.reader.number(ind, this.variableOf(ind, rule.amount), f);
        if (amount === null) return null;
        return tiersFraction(amount, this.cs.tiers(rule.tiers));
      }
      case "multi-part": {
        const contributions = this.parts(ind, rule.parts, f);
        return contributions === null ? null : contributions.reduce((a, b) => a.plus(b), ZERO);
      }
      case "best-of": {
        // Every case is computed (and reports what it lacks); the score needs all of them.
        const fractions: Decimal[] = [];
        let ok = true;
        for (const c of rule.cases) {
          const fr = this.fraction(ind, c.rule, f);
          if (fr === null) ok = false;
          else fractions.push(fr);
        }
        return ok ? bestOfFraction(fractions) : null;
      }
      case "choice":
        return this.choiceFraction(ind, rule.variable, f);
      case "capped-count": {
        const count = this.reader.number(ind, this.variableOf(ind, rule.count), f);
        if (count === null) return null;
        const max = this.cs.maxPoints.get(ind.id) as Decimal;
        if (max.isZero()) return ZERO;
        return cappedCountPoints(count, this.cs.exact(rule.pointsEach), max).div(max);
      }
      case "min-max":
      case "ratio-to-best":
      case "sum-of-children":
      case "unscored":
        throw new Error(`rule ${rule.kind} of ${ind.id} is not evaluated per unit`);
    }
  }

  /** The quantity a cross-unit rule compares (§9: the ratio where the row defines one, else the count). */
  measure(ind: Indicator, measure: Measure, f: Findings): Decimal | null {
    if (measure.kind === "amount") return this.reader.number(ind, this.variableOf(ind, measure.amount), f);
    const r = this.ratio(ind, measure.ratio, f);
    if (r === null || "fraction" in r) return null;
    f.ratio = r.ratio;
    return r.ratio;
  }
}

function statusOf(f: Findings): Status {
  if (f.invalidValue) return "invalid";
  if (f.missing) return "missing";
  if (f.dataError) return "invalid";
  if (f.zeroDenominator) return "zero-denominator";
  return "ok";
}

function outcome(ind: Indicator, score: Decimal | null, status: Status, f: Findings): IndicatorOutcome {
  return { id: ind.id, score, maxPoints: ind.maxPoints, status, messages: f.messages, ratio: f.ratio };
}

/** Values typed for letters the rule does not use are reported, not silently dropped. */
function reportUnknownVariables(cs: CompiledSet, unit: UnitInput, ind: Indicator, f: Findings): void {
  const row = ownValue(unit.values, ind.id);
  if (!row) return;
  for (const key of Object.keys(row)) {
    if (!cs.variable(ind.id, key)) f.add(msg.unknownVariable(ind, key));
  }
}

/**
 * Checks the unit names and the keys of the input (indicator ids of values and reference,
 * general-information items); throws DtiError on shape errors, naming the key. A key the set
 * does not have is never silently ignored, whatever it is ("__proto__" included).
 */
function checkUnits(cs: CompiledSet, units: readonly UnitInput[]): void {
  const seen = new Map<string, string>();
  for (const unit of units) {
    const key = unitNameKey(unit.name);
    const before = seen.get(key);
    if (before !== undefined) {
      throw new DtiError({ code: "duplicate-unit", unit: unit.name.trim(), before });
    }
    seen.set(key, unit.name.trim());
    for (const id of Object.keys(unit.values)) {
      if (!cs.indicators.has(id)) {
        throw new DtiError({ code: "unit-unknown-indicator", unit: unit.name.trim(), id, set: cs.set.id, case: "values" });
      }
    }
    for (const id of Object.keys(unit.reference ?? {})) {
      if (!cs.indicators.has(id)) {
        throw new DtiError({ code: "unit-unknown-indicator", unit: unit.name.trim(), id, set: cs.set.id, case: "reference" });
      }
    }
    for (const item of Object.keys(unit.info ?? {})) {
      if (!cs.infoItems.has(item)) {
        throw new DtiError({ code: "unit-unknown-info", unit: unit.name.trim(), item, set: cs.set.id, known: [...cs.infoItems] });
      }
    }
  }
}

interface CrossValue {
  readonly x: Decimal | null;
  readonly f: Findings;
}

/** Validated reference range of a unit for one indicator, or null; reports problems in `f`. */
function referenceOf(ind: Indicator, ref: ReferenceRange | undefined, f: Findings): { min: Decimal | null; max: Decimal } | null | "invalid" {
  if (!ref) return null;
  const bad = (v: unknown): boolean => v !== undefined && (typeof v !== "number" || !Number.isFinite(v) || v < 0);
  if (bad(ref.min) || bad(ref.max)) {
    f.add(msg.invalidReference(ind, "not-numbers", ref.min, ref.max));
    return "invalid";
  }
  if (ref.max === undefined) return null;
  const max = new Decimal(ref.max);
  const min = ref.min === undefined ? null : new Decimal(ref.min);
  if (min !== null && min.gt(max)) {
    f.add(msg.invalidReference(ind, "min-above-max", ref.min, ref.max));
    return "invalid";
  }
  return { min, max };
}

/** Scores the cross-unit indicator `ind` for every unit (§9, §10). */
function scoreAcross(
  ind: Indicator,
  values: readonly CrossValue[],
  units: readonly UnitInput[],
  options: ScoreOptions,
): IndicatorOutcome[] {
  const rule = ind.rule as Extract<Rule, { kind: "min-max" | "ratio-to-best" }>;
  const asBest = rule.kind === "ratio-to-best" || options.minMaxAsRatioToBest === true;
  const known = values.filter((v) => v.x !== null && !v.f.invalidValue).map((v) => v.x as Decimal);
  const popMin = known.length ? Decimal.min(...known) : null;
  const popMax = known.length ? Decimal.max(...known) : null;
  const max = new Decimal(ind.maxPoints);
  return values.map(({ x, f }, n) => {
    if (x === null || f.invalidValue || f.missing) {
      const zero = f.zeroDenominator && !f.invalidValue && !f.missing;
      return outcome(ind, zero ? ZERO : null, statusOf(f), f);
    }
    // §9: min and max are taken over the units compared; reference values stand in only
    // where fewer than two units have a value (a province scored alone).
    const compared = known.length >= 2 && popMin !== null && popMax !== null;
    const ref = compared ? null : referenceOf(ind, ownValue(units[n]?.reference, ind.id), f);
    if (ref === "invalid") return outcome(ind, null, "invalid", f);
    let lo: Decimal | null;
    let hi: Decimal;
    if (compared) {
      hi = popMax as Decimal;
      lo = popMin as Decimal;
    } else if (ref !== null) {
      hi = ref.max;
      lo = ref.min;
    } else {
      f.add(msg.needsReference(ind));
      return outcome(ind, null, "needs-reference", f);
    }
    let fraction: Decimal;
    if (asBest) {
      fraction = ratioToBestFraction(x, hi);
    } else if (lo === null) {
      f.add(msg.needsReference(ind));
      return outcome(ind, null, "needs-reference", f);
    } else {
      fraction = minMaxFraction(x, lo, hi);
    }
    return outcome(ind, toPoints(fraction, max), statusOf(f), f);
  });
}

function emptyIndicatorOutcome(ind: Indicator): IndicatorOutcome {
  const f = new Findings();
  f.add(msg.unscored(ind));
  return outcome(ind, ZERO, "unscored", f);
}

/**
 * Scores every unit on every indicator of the set, computing min-max and ratio-to-best
 * rows across the units given. Throws DtiError for shape errors (duplicate unit names,
 * unknown indicator ids); problems with values are statuses (§17).
 */
export function scoreUnits(set: IndicatorSet, units: readonly UnitInput[], options: ScoreOptions = {}): UnitResult[] {
  const cs = compile(set);
  checkUnits(cs, units);
  const perUnit: Map<string, IndicatorOutcome>[] = units.map(() => new Map());
  const evaluators = units.map((unit) => new Evaluator(cs, new UnitReader(cs, unit), options));

  for (const ind of set.indicators) {
    const rule = ind.rule;
    if (rule.kind === "sum-of-children") continue;
    if (rule.kind === "unscored") {
      perUnit.forEach((m) => m.set(ind.id, emptyIndicatorOutcome(ind)));
      continue;
    }
    if (isCrossUnit(rule)) {
      const values = evaluators.map((ev, n) => {
        const f = new Findings();
        reportUnknownVariables(cs, units[n] as UnitInput, ind, f);
        return { x: ev.measure(ind, rule.measure, f), f };
      });
      scoreAcross(ind, values, units, options).forEach((o, n) => perUnit[n]?.set(ind.id, o));
      continue;
    }
    const max = cs.maxPoints.get(ind.id) as Decimal;
    evaluators.forEach((ev, n) => {
      const f = new Findings();
      reportUnknownVariables(cs, units[n] as UnitInput, ind, f);
      const fraction = ev.fraction(ind, rule, f);
      const status = statusOf(f);
      const score = fraction === null || f.invalidValue || f.missing ? null : toPoints(fraction, max);
      perUnit[n]?.set(ind.id, outcome(ind, score, status, f));
    });
  }

  // Sums of children (5.12 = Σ 5.12.1–5.12.6) after their children.
  for (const ind of set.indicators) {
    if (ind.rule.kind !== "sum-of-children") continue;
    const children = ind.rule.children;
    perUnit.forEach((m) => m.set(ind.id, sumOfChildren(ind, children, m)));
  }

  return units.map((unit, n) => totals(cs, unit.name.trim(), perUnit[n] as Map<string, IndicatorOutcome>));
}

function sumOfChildren(ind: Indicator, children: readonly string[], scored: Map<string, IndicatorOutcome>): IndicatorOutcome {
  const f = new Findings();
  let score = ZERO;
  const incomplete: string[] = [];
  let worst: Status = "ok";
  for (const id of children) {
    const child = scored.get(id);
    if (!child || child.score === null) incomplete.push(id);
    else score = score.plus(child.score);
    const status: Status = child ? child.status : "missing";
    if (status !== "ok" && worst === "ok") worst = status;
  }
  if (incomplete.length) f.add(msg.childrenIncomplete(ind, incomplete));
  return outcome(ind, score, worst, f);
}

function totals(cs: CompiledSet, name: string, scored: Map<string, IndicatorOutcome>): UnitResult {
  const pillars: Record<string, PillarResult> = {};
  let total = ZERO;
  const allIncomplete: string[] = [];
  for (const pillar of cs.set.pillars) {
    let score = ZERO;
    const incomplete: string[] = [];
    for (const ind of cs.pillarMembers.get(pillar.id) ?? []) {
      const o = scored.get(ind.id);
      if (o?.score) score = score.plus(o.score);
      if (!isComplete(o)) incomplete.push(ind.id);
    }
    putOwn(pillars, pillar.id, { id: pillar.id, score, maxPoints: pillar.maxPoints, incomplete });
    total = total.plus(score);
    allIncomplete.push(...incomplete);
  }
  const indicators: Record<string, IndicatorOutcome> = {};
  for (const ind of cs.set.indicators) {
    const o = scored.get(ind.id);
    if (o) putOwn(indicators, ind.id, o);
  }
  return {
    name,
    indicators,
    pillars,
    total: {
      score: total,
      maxPoints: cs.set.maxTotal,
      index: indexOf(total, new Decimal(cs.set.maxTotal)),
      incomplete: allIncomplete,
    },
  };
}

/**
 * Scores one indicator for one unit alone (DTI.SCORE). Variables linked to other
 * indicators must be given directly; min-max and ratio-to-best rows need `reference`.
 */
export function scoreIndicator(
  set: IndicatorSet,
  indicatorId: string,
  values: IndicatorValues,
  options: ScoreOptions & { reference?: ReferenceRange; info?: Readonly<Record<string, InputValue>> } = {},
): IndicatorOutcome {
  const cs = compile(set);
  const ind = cs.indicators.get(indicatorId.trim());
  if (!ind) {
    throw new DtiError({ code: "unknown-indicator-id", id: indicatorId, set: set.id });
  }
  const unit: UnitInput = {
    name: "",
    values: { [ind.id]: values },
    ...(options.info ? { info: options.info } : {}),
    ...(options.reference ? { reference: { [ind.id]: options.reference } } : {}),
  };
  const reader = new UnitReader(cs, unit);
  const ev = new Evaluator(cs, reader, options);
  const f = new Findings();
  reportUnknownVariables(cs, unit, ind, f);
  const rule = ind.rule;
  let result: IndicatorOutcome;
  if (rule.kind === "unscored") result = emptyIndicatorOutcome(ind);
  else if (rule.kind === "sum-of-children") {
    const children = new Map<string, IndicatorOutcome>();
    result = sumOfChildren(ind, rule.children, children);
  } else if (isCrossUnit(rule)) {
    result = scoreAcross(ind, [{ x: ev.measure(ind, rule.measure, f), f }], [unit], options)[0] as IndicatorOutcome;
  } else {
    const fraction = ev.fraction(ind, rule, f);
    const score = fraction === null || f.invalidValue || f.missing ? null : toPoints(fraction, ind.maxPoints);
    result = outcome(ind, score, statusOf(f), f);
  }
  return result;
}
