/**
 * The one runner of the DTI.* functions. Pure: no Office globals, so it runs in tests as is.
 *
 * It coerces what Excel passes (numbers, text, booleans, blanks, 2-D ranges), checks it against
 * the registry's kinds and bounds, calls the exact engine, and returns either a number or a
 * neutral error value with a Vietnamese message. It never throws: even an unexpected exception
 * becomes #VALUE! (a custom function that throws shows a bare #VALUE! with no message).
 */
import { DEFAULT_SET_ID, findIndicator, getIndicatorSet, indicatorSets } from "../catalog/index";
import { isCrossUnit } from "../catalog/rule-parts";
import type { CaseRule, GroupPart, Indicator, IndicatorSet, Part, Rule } from "../catalog/schema";
import { DtiError } from "../engine/errors";
import { msg } from "../engine/messages";
import { messageVi } from "../i18n/engine-texts";
import { problemVi, type FunctionProblem, type ParamRef, type Why } from "../i18n/function-texts";
import { hasOwn, putOwn } from "../catalog/own";
import { isBlank } from "../engine/predicates";
import {
  Decimal,
  ONE,
  cappedCountPoints,
  exact,
  indexOf,
  minMaxFraction,
  ratioToBestFraction,
  thresholdLiteralFraction,
  thresholdScaledFraction,
  tiersFraction,
} from "../engine/rules";
import { findOption, scoreIndicator } from "../engine/score";
import type { IndicatorOutcome, InputValue, ReferenceRange } from "../engine/types";
import {
  FUNCTION_SPECS,
  type FunctionId,
  type ListParam,
  type NumberParam,
  type ParamOf,
  type ParamSpec,
  type SampleParam,
  paramLabel,
} from "./registry";

/** A single cell as Excel passes it to an `any` parameter (blank: null, or "" inside ranges). */
export type CellValue = number | string | boolean | null;

/** One argument: a cell, an omitted optional (undefined), a range, or the ranges of a repeating parameter. */
export type ExcelArgument =
  | CellValue
  | undefined
  | readonly (readonly CellValue[])[]
  | readonly (readonly (readonly CellValue[])[] | CellValue)[];

/** The Excel errors the functions return. Only #VALUE! and #N/A show the message in Excel. */
export type ErrorType = "#VALUE!" | "#DIV/0!" | "#N/A" | "#NUM!";

export interface FunctionError {
  readonly error: ErrorType;
  /** Vietnamese, naming the function, the parameter and the indicator where there is one. */
  readonly message: string;
}

export type FunctionResult = number | FunctionError;

export function isFunctionError(value: unknown): value is FunctionError {
  return typeof value === "object" && value !== null && "error" in value && "message" in value;
}

// ---- coercion ----

/** The value each kind of parameter becomes once checked. */
type Coerced<P> = P extends { readonly kind: "number" }
  ? Decimal
  : P extends { readonly kind: "boolean" }
    ? boolean
    : P extends { readonly kind: "sample" | "list" }
      ? Decimal[]
      : P extends { readonly kind: "indicator" }
        ? Indicator
        : P extends { readonly kind: "text" }
          ? string
          : P extends { readonly kind: "answer" }
            ? InputValue
            : P extends { readonly kind: "values" }
              ? InputValue[]
              : never;

/** The checked arguments of function F, by parameter name. */
export type ArgsOf<F extends FunctionId> = { readonly [P in ParamOf<F> as P["name"]]: Coerced<P> };

class Context {
  private cachedSet: IndicatorSet | undefined;
  /** The set of the indicator argument, once resolved (the default set or the one its id names). */
  indicatorSet: IndicatorSet | undefined;

  constructor(readonly fn: FunctionId) {}

  /**
   * The set a bare id ("3.1") is scored against: the default set. An id qualified by a set id
   * ("dti-province-2020:1.1", "huyen-2023:2.1") names another registered set.
   */
  get set(): IndicatorSet | undefined {
    this.cachedSet ??= getIndicatorSet(DEFAULT_SET_ID);
    return this.cachedSet;
  }

  /** An error whose message the catalog renders (src/i18n/function-texts.ts), or an engine message already rendered. */
  error(error: ErrorType, said: FunctionProblem | string): FunctionError {
    return { error, message: `DTI.${this.fn}: ${typeof said === "string" ? said : problemVi(said)}` };
  }

  /** The parameter at `index`, as messages name it. */
  param(index: number): ParamRef {
    const spec = FUNCTION_SPECS[this.fn].params[index] as { readonly name: string } | undefined;
    return { name: spec?.name ?? String(index + 1), label: paramLabel(this.fn, index) };
  }

  bad(index: number, why: Why): FunctionError {
    return this.error("#VALUE!", { code: "fn-bad", param: this.param(index), why });
  }
}

/** Excel data types (allowCustomDataForDataTypeAny) arrive as objects: read their basic value. */
function unwrap(value: unknown): unknown {
  if (typeof value === "object" && value !== null && !Array.isArray(value) && "basicValue" in value) {
    return (value as { basicValue: unknown }).basicValue;
  }
  return value;
}

/** A scalar parameter given a 1×1 range is that cell; a larger range is an error (reported by the caller). */
function scalar(value: unknown): unknown {
  let v = value;
  while (Array.isArray(v) && v.length === 1) v = v[0];
  return unwrap(v);
}

function flatten(value: unknown, into: unknown[] = []): unknown[] {
  if (Array.isArray(value)) for (const item of value) flatten(item, into);
  else into.push(unwrap(value));
  return into;
}

function shown(value: unknown): string {
  if (typeof value === "string") return `"${value.length > 40 ? `${value.slice(0, 39)}…` : value}"`;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(value);
}

/** Why a value is not a usable number, or null when it is one. */
function notANumber(value: unknown): Why | null {
  if (typeof value === "number") return Number.isFinite(value) ? null : { kind: "not-finite", value: String(value) };
  if (typeof value === "string") return { kind: "text", value: shown(value) };
  if (typeof value === "boolean") return { kind: "boolean", value: shown(value) };
  if (Array.isArray(value)) return { kind: "range" };
  return { kind: "unsupported" };
}

/** Why a number breaks the bounds, or null. */
function outOfBounds(value: number, spec: { readonly min?: number; readonly greaterThan?: number; readonly max?: number }): Why | null {
  if (spec.min !== undefined && value < spec.min) {
    return spec.min === 0 ? { kind: "negative", value: String(value) } : { kind: "below-min", min: String(spec.min), value: String(value) };
  }
  if (spec.greaterThan !== undefined && value <= spec.greaterThan) {
    return { kind: "not-above", greaterThan: String(spec.greaterThan), value: String(value) };
  }
  if (spec.max !== undefined && value > spec.max) return { kind: "above-max", max: String(spec.max), value: String(value) };
  return null;
}

type Coercion<T> = { readonly value: T } | FunctionError;

function coerceNumber(ctx: Context, index: number, spec: NumberParam, raw: unknown): Coercion<Decimal> {
  const value = scalar(raw);
  if (isBlank(value)) {
    if (spec.default !== undefined) return { value: new Decimal(spec.default) };
    return ctx.error("#N/A", { code: "fn-missing", param: ctx.param(index) });
  }
  const why = notANumber(value);
  if (why !== null) return ctx.bad(index, why);
  const n = value as number;
  const bound = outOfBounds(n, spec);
  if (bound !== null) return ctx.bad(index, bound);
  if (spec.divisor && n === 0) return ctx.error("#DIV/0!", { code: "fn-zero-divisor", param: ctx.param(index) });
  return { value: new Decimal(n) };
}

function coerceBoolean(ctx: Context, index: number, fallback: boolean | undefined, raw: unknown): Coercion<boolean> {
  const value = scalar(raw);
  if (isBlank(value)) {
    if (fallback !== undefined) return { value: fallback };
    return ctx.error("#N/A", { code: "fn-missing", param: ctx.param(index) });
  }
  if (typeof value === "boolean") return { value };
  if (value === 0 || value === 1) return { value: value === 1 };
  return ctx.error("#VALUE!", { code: "fn-not-boolean", param: ctx.param(index), value: shown(value) });
}

/** The values of the units compared: numbers kept, blanks, text and TRUE/FALSE ignored (like MIN and MAX). */
function coerceSample(ctx: Context, index: number, spec: SampleParam, raw: unknown): Coercion<Decimal[]> {
  const out: Decimal[] = [];
  for (const item of flatten(raw)) {
    if (typeof item !== "number") continue;
    if (!Number.isFinite(item)) return ctx.error("#VALUE!", { code: "fn-sample-not-finite", param: ctx.param(index), value: String(item) });
    const bound = outOfBounds(item, spec);
    if (bound !== null) return ctx.error("#VALUE!", { code: "fn-bad-sample", param: ctx.param(index), why: bound });
    out.push(new Decimal(item));
  }
  return { value: out };
}

/** An ordered list: blanks skipped, every other item must be a number within bounds. */
function coerceList(ctx: Context, index: number, spec: ListParam, raw: unknown): Coercion<Decimal[]> {
  const out: Decimal[] = [];
  let position = 0;
  for (const item of flatten(raw)) {
    position += 1;
    if (isBlank(item)) continue;
    const why = notANumber(item);
    if (why !== null) return ctx.error("#VALUE!", { code: "fn-bad-item", param: ctx.param(index), position, why });
    const bound = outOfBounds(item as number, spec);
    if (bound !== null) return ctx.error("#VALUE!", { code: "fn-bad-item", param: ctx.param(index), position, why: bound });
    out.push(new Decimal(item as number));
  }
  if (out.length === 0) return ctx.error("#VALUE!", { code: "fn-empty-list", param: ctx.param(index) });
  return { value: out };
}

function unknownIndicator(ctx: Context, id: string, set: IndicatorSet): FunctionError {
  return ctx.error("#N/A", { code: "fn-unknown-indicator", id, set: set.id });
}

/**
 * An indicator id. Text is looked up as is ("3,1" is read as "3.1"). A number is accepted when
 * it names one id only: 4.1 typed as a number cannot tell "4.1" from "4.10", so it must be text.
 */
function coerceIndicator(ctx: Context, index: number, raw: unknown): Coercion<Indicator> {
  const value = scalar(raw);
  if (isBlank(value)) return ctx.error("#N/A", { code: "fn-missing", param: ctx.param(index) });
  if (typeof value === "string" && value.includes(":")) {
    // "dti-province-2020:1.1": the set id, then the indicator id of that set.
    const colon = value.indexOf(":");
    const setId = value.slice(0, colon).trim();
    const id = value.slice(colon + 1).trim();
    const named = getIndicatorSet(setId);
    if (!named) {
      return ctx.error("#N/A", { code: "fn-unknown-set", setId, value: shown(value), known: indicatorSets.map((s) => s.id) });
    }
    if (id === "") {
      return ctx.error("#VALUE!", { code: "fn-missing-indicator-id", param: ctx.param(index), setId, example: named.indicators[0]?.id ?? "1.1" });
    }
    const found = findIndicator(named, id) ?? findIndicator(named, id.replace(/,/g, "."));
    if (!found) return unknownIndicator(ctx, id, named);
    ctx.indicatorSet = named;
    return { value: found };
  }
  const set = ctx.set;
  if (!set) return ctx.error("#N/A", { code: "fn-set-not-loaded", set: DEFAULT_SET_ID });
  ctx.indicatorSet = set;
  if (typeof value === "string") {
    const id = value.trim();
    const found = findIndicator(set, id) ?? findIndicator(set, id.replace(/,/g, "."));
    return found ? { value: found } : unknownIndicator(ctx, id, set);
  }
  if (typeof value === "number" && Number.isFinite(value)) {
    const same = set.indicators.filter((ind) => /^\d+(\.\d+)?$/.test(ind.id) && Number(ind.id) === value);
    if (same.length === 1) return { value: same[0] as Indicator };
    if (same.length > 1) {
      return ctx.error("#VALUE!", { code: "fn-ambiguous-id", param: ctx.param(index), value: String(value), ids: same.map((ind) => ind.id) });
    }
    return unknownIndicator(ctx, String(value), set);
  }
  return ctx.error("#VALUE!", { code: "fn-not-indicator-id", param: ctx.param(index), value: shown(value) });
}

function coerceText(ctx: Context, index: number, fallback: string | undefined, raw: unknown): Coercion<string> {
  const value = scalar(raw);
  if (isBlank(value)) {
    if (fallback !== undefined) return { value: fallback };
    return ctx.error("#N/A", { code: "fn-missing", param: ctx.param(index) });
  }
  if (typeof value === "string") return { value: value.trim() };
  return ctx.error("#VALUE!", { code: "fn-not-text", param: ctx.param(index), value: shown(value) });
}

function coerce(ctx: Context, index: number, spec: ParamSpec, raw: unknown): Coercion<unknown> {
  switch (spec.kind) {
    case "number":
      return coerceNumber(ctx, index, spec, raw);
    case "boolean":
      return coerceBoolean(ctx, index, spec.default, raw);
    case "sample":
      return coerceSample(ctx, index, spec, raw);
    case "list":
      return coerceList(ctx, index, spec, raw);
    case "indicator":
      return coerceIndicator(ctx, index, raw);
    case "text":
      return coerceText(ctx, index, spec.default, raw);
    case "answer": {
      const value = scalar(raw);
      if (Array.isArray(value)) return ctx.bad(index, { kind: "range" });
      return { value: value as InputValue };
    }
    case "values":
      // Cells and ranges of a repeating parameter, in order; the engine checks each value.
      return { value: raw === undefined || raw === null ? [] : (flatten(raw) as InputValue[]) };
  }
}

// ---- implementations: a few lines each over the exact engine ----

type Impl<F extends FunctionId> = (args: ArgsOf<F>, ctx: Context) => Decimal | FunctionError;

function ratioOf(numerator: Decimal, denominator: Decimal): Decimal {
  // The denominator is never 0 here: the registry marks it a divisor (#DIV/0!).
  return numerator.div(denominator);
}

/**
 * The share of the indicator's points a choice variable is scored on: 1 for a whole-row choice
 * (or a best-of case's), a part's share in a multi-part rule (in a capped group, the part's own
 * share, before the group's cap).
 */
function choiceShare(rule: Rule | CaseRule, key: string): Decimal | null {
  const inParts = (parts: readonly (Part | GroupPart)[]): Decimal | null => {
    for (const part of parts) {
      if (part.rule.kind === "choice" && part.rule.variable === key) return exact(part.share);
      if (part.rule.kind === "group") {
        const found = inParts(part.rule.parts);
        if (found) return found;
      }
    }
    return null;
  };
  switch (rule.kind) {
    case "choice":
      return rule.variable === key ? ONE : null;
    case "multi-part":
      return inParts(rule.parts);
    case "best-of":
      for (const c of rule.cases) {
        const found = choiceShare(c.rule, key);
        if (found) return found;
      }
      return null;
    default:
      return null;
  }
}

/** The first message of the outcome, errors first. */
function firstMessage(outcome: IndicatorOutcome, code?: string): string | undefined {
  const byCode = code ? outcome.messages.find((m) => m.code === code) : undefined;
  const first = byCode ?? outcome.messages.find((m) => m.severity === "error") ?? outcome.messages[0];
  return first && messageVi(first);
}

/** Engine statuses → a number or an Excel error (§12: a zero denominator is 0 points, never #DIV/0!). */
function fromOutcome(ctx: Context, outcome: IndicatorOutcome): Decimal | FunctionError {
  switch (outcome.status) {
    case "ok":
    case "unscored":
    case "zero-denominator":
      return outcome.score ?? new Decimal(0);
    case "missing":
      return ctx.error("#N/A", firstMessage(outcome, "missing-value") ?? { code: "fn-incomplete", indicator: outcome.id });
    case "invalid":
      return ctx.error("#VALUE!", firstMessage(outcome) ?? { code: "fn-invalid", indicator: outcome.id });
    case "needs-reference":
      return ctx.error("#N/A", firstMessage(outcome, "needs-reference") ?? { code: "fn-needs-reference", indicator: outcome.id });
  }
}

/** Reference min or max of DTI.SCORE: blank → not given; otherwise a finite number. */
function referenceValue(
  ctx: Context,
  ind: Indicator,
  which: "min" | "max",
  raw: InputValue,
): { value: number | undefined } | FunctionError {
  if (isBlank(raw)) return { value: undefined };
  const why = notANumber(raw);
  if (why !== null) return ctx.error("#VALUE!", { code: "fn-bad-reference", indicator: ind.id, bound: which, why });
  return { value: raw as number };
}

const IMPLEMENTATIONS: { readonly [F in FunctionId]: Impl<F> } = {
  // §1; with a target, §3 (min(ratio / T, 1) × max).
  RATIO: (a) => thresholdScaledFraction(ratioOf(a.numerator, a.denominator), a.target).mul(a.maxPoints),

  // §9: min and max over the units compared; all equal → max if the value is > 0.
  MINMAX: (a, ctx) => {
    if (a.values.length === 0) {
      return ctx.error("#N/A", { code: "fn-no-sample" });
    }
    return minMaxFraction(a.value, Decimal.min(...a.values), Decimal.max(...a.values)).mul(a.maxPoints);
  },

  // §2: literal by default; the alternative reading rescales below T.
  THRESHOLD: (a) =>
    thresholdLiteralFraction(ratioOf(a.numerator, a.denominator), a.threshold, a.alternative).mul(a.maxPoints),

  // §3
  SCALED: (a) => thresholdScaledFraction(ratioOf(a.numerator, a.denominator), a.threshold).mul(a.maxPoints),

  // §5
  TIERS: (a, ctx) => {
    if (a.thresholds.length !== a.fractions.length) {
      return ctx.error("#VALUE!", { code: "fn-tiers-length", param: ctx.param(2), thresholds: a.thresholds.length, fractions: a.fractions.length });
    }
    for (let n = 1; n < a.thresholds.length; n++) {
      if ((a.thresholds[n] as Decimal).gt(a.thresholds[n - 1] as Decimal)) {
        return ctx.error("#VALUE!", { code: "fn-tiers-order", param: ctx.param(1) });
      }
    }
    const tiers = a.thresholds.map((atLeast, n) => ({ atLeast, fraction: a.fractions[n] as Decimal }));
    return tiersFraction(a.value, tiers).mul(a.maxPoints);
  },

  // §7, §16: the catalog's options; a part of a multi-part row earns its share (§6).
  LEVEL: (a, ctx) => {
    const ind = a.indicatorId;
    const v = ind.variables.find((x) => x.key.toLowerCase() === a.part.toLowerCase());
    if (!v) {
      return ctx.error("#VALUE!", { code: "fn-unknown-part", indicator: ind.id, part: a.part, known: ind.variables.map((x) => x.key), param: ctx.param(2) });
    }
    const share = v.type === "choice" ? choiceShare(ind.rule, v.key) : null;
    if (share === null) {
      return ctx.error("#VALUE!", { code: "fn-not-a-level", indicator: ind.id, variable: v.key });
    }
    const option = findOption(v, a.answer);
    if (option === "blank") return ctx.error("#N/A", messageVi(msg.missing(ind, v)));
    if (option === null) return ctx.error("#VALUE!", messageVi(msg.notAnOption(ind, v, a.answer)));
    return exact(option.fraction).mul(share).mul(ind.maxPoints);
  },

  // §8
  COUNTCAP: (a) => cappedCountPoints(a.count, a.pointsEach, a.maxPoints),

  // §10: best 0 → 0 for everyone.
  BEST: (a, ctx) => {
    if (a.values.length === 0) {
      return ctx.error("#N/A", { code: "fn-no-sample" });
    }
    return ratioToBestFraction(a.value, Decimal.max(...a.values)).mul(a.maxPoints);
  },

  // §14: unrounded; shown to 4 decimals where displayed.
  INDEX: (a) => indexOf(a.total, a.maxTotal),

  SCORE: (a, ctx) => {
    const ind = a.indicatorId;
    const set = (ctx.indicatorSet ?? ctx.set) as IndicatorSet; // resolved with the indicator
    if (ind.rule.kind === "sum-of-children") {
      // 5.12 = Σ 5.12.1–5.12.6 (§5): its figures belong to the children, each scored on its own.
      return ctx.error("#N/A", { code: "fn-sum-of-children", indicator: ind.id, children: ind.rule.children });
    }
    const keys = ind.variables.map((x) => x.key);
    const cross = isCrossUnit(ind.rule);
    const expected = keys.length + (cross ? 2 : 0);
    const inputs = a.inputs;
    if (inputs.slice(expected).some((x) => !isBlank(x))) {
      return ctx.error("#VALUE!", { code: "fn-too-many-values", indicator: ind.id, keys, reference: cross, given: inputs.length });
    }
    const values: Record<string, InputValue> = {};
    keys.forEach((key, n) => {
      const value = inputs[n];
      if (!isBlank(value)) putOwn(values, key, value);
    });
    let reference: ReferenceRange | undefined;
    if (cross) {
      const min = referenceValue(ctx, ind, "min", inputs[keys.length]);
      if (isFunctionError(min)) return min;
      const max = referenceValue(ctx, ind, "max", inputs[keys.length + 1]);
      if (isFunctionError(max)) return max;
      if (min.value !== undefined || max.value !== undefined) {
        reference = {
          ...(min.value !== undefined ? { min: min.value } : {}),
          ...(max.value !== undefined ? { max: max.value } : {}),
        };
      }
    }
    try {
      return fromOutcome(ctx, scoreIndicator(set, ind.id, values, reference ? { reference } : {}));
    } catch (e) {
      if (e instanceof DtiError) return ctx.error(e.code === "unknown-indicator" ? "#N/A" : "#VALUE!", e.message);
      throw e;
    }
  },

  MAXPOINTS: (a) => new Decimal(a.indicatorId.maxPoints),
};

/**
 * Runs DTI.<fn> on the arguments as Excel passes them, in parameter order (undefined for an
 * omitted optional). Returns the points (a plain number) or a neutral error. Never throws.
 */
export function run(fn: FunctionId, args: readonly ExcelArgument[]): FunctionResult {
  const ctx = new Context(fn);
  try {
    // An own entry only: "constructor" or "toString" is no function of DTI.
    const spec = hasOwn(FUNCTION_SPECS, fn) ? (FUNCTION_SPECS[fn] as { readonly params: readonly (ParamSpec & { readonly name: string })[] }) : undefined;
    if (!spec) return { error: "#VALUE!", message: problemVi({ code: "fn-no-function", name: String(fn) }) };
    if (args.slice(spec.params.length).some((x) => x !== undefined)) {
      return ctx.error("#VALUE!", { code: "fn-too-many-arguments", max: spec.params.length, given: args.length });
    }
    const checked: Record<string, unknown> = {};
    for (let index = 0; index < spec.params.length; index++) {
      const param = spec.params[index] as ParamSpec & { readonly name: string };
      const result = coerce(ctx, index, param, args[index]);
      if (isFunctionError(result)) return result;
      checked[param.name] = result.value;
    }
    const impl = IMPLEMENTATIONS[fn] as unknown as Impl<FunctionId>;
    const out = impl(checked as ArgsOf<FunctionId>, ctx);
    if (isFunctionError(out)) return out;
    const n = out.toNumber();
    if (!Number.isFinite(n)) return ctx.error("#NUM!", { code: "fn-not-finite-result", value: out.toString() });
    return n;
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return ctx.error("#VALUE!", { code: "fn-unexpected", detail });
  }
}
