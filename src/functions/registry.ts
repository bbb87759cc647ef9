/**
 * The registry of the DTI.* custom functions: one place for what each function takes.
 *
 * - descriptions.json holds the words (Vietnamese and English) for every function and parameter;
 *   functions.json's English, functions-vi.json's Vietnamese and the runner's messages come from it.
 * - FUNCTION_SPECS below holds the argument kinds, bounds and defaults the runner enforces.
 *
 * `checkRegistry()` proves at load time that the two agree (same functions, same parameters in
 * the same order, same optional/repeating flags, no empty description), so a mismatch fails the
 * add-in and the tests at once instead of showing wrong help in Excel.
 */
import { hasOwn } from "../catalog/own";
import descriptionsJson from "./descriptions.json";

/** A finite number, with bounds. Blank (when required) is "missing", not 0. */
export interface NumberParam {
  readonly kind: "number";
  /** Inclusive lower bound (`min: 0` = "không âm"). */
  readonly min?: number;
  /** Exclusive lower bound (`greaterThan: 0` = "lớn hơn 0"). */
  readonly greaterThan?: number;
  /** A zero value is a division by zero (#DIV/0!), not a bad value. */
  readonly divisor?: true;
  /** Makes the parameter optional; used when omitted or blank. */
  readonly default?: number;
}

/** TRUE/FALSE (1/0 are accepted, as Excel does). */
export interface BooleanParam {
  readonly kind: "boolean";
  readonly default?: boolean;
}

/** The values of the units compared (a range): numbers are kept, blanks and text ignored (§9, §10). */
export interface SampleParam {
  readonly kind: "sample";
  readonly min?: number;
}

/** An ordered list (a range or an array constant): blanks skipped, anything else must be a number. */
export interface ListParam {
  readonly kind: "list";
  readonly min?: number;
  readonly max?: number;
}

/** An indicator id of the catalog, as text ("3.1", "5.12.2"). */
export interface IndicatorParam {
  readonly kind: "indicator";
}

/** A short text (a variable letter). */
export interface TextParam {
  readonly kind: "text";
  readonly default?: string;
}

/** A raw answer passed to the catalog's options (label, 1-based position, TRUE/FALSE). */
export interface AnswerParam {
  readonly kind: "answer";
}

/** A repeating parameter: cells or ranges, flattened in order, passed raw to the engine. */
export interface ValuesParam {
  readonly kind: "values";
}

export type ParamSpec =
  | NumberParam
  | BooleanParam
  | SampleParam
  | ListParam
  | IndicatorParam
  | TextParam
  | AnswerParam
  | ValuesParam;

export type ParamKind = ParamSpec["kind"];

export interface FunctionSpec {
  readonly params: readonly (ParamSpec & { readonly name: string })[];
}

const nonNegative = { kind: "number", min: 0 } as const;
const maxPoints = { name: "maxPoints", kind: "number", min: 0 } as const;
const numerator = { name: "numerator", ...nonNegative } as const;
const denominator = { name: "denominator", kind: "number", min: 0, divisor: true } as const;
const threshold = { name: "threshold", kind: "number", greaterThan: 0 } as const;
const indicatorId = { name: "indicatorId", kind: "indicator" } as const;

/**
 * Argument kinds and bounds of every DTI.* function, in parameter order.
 * The function ids are the Excel names (namespace DTI), pinned in functions.ts.
 */
export const FUNCTION_SPECS = {
  RATIO: {
    params: [numerator, denominator, maxPoints, { name: "target", kind: "number", greaterThan: 0, default: 1 }],
  },
  MINMAX: {
    params: [{ name: "value", ...nonNegative }, { name: "values", kind: "sample", min: 0 }, maxPoints],
  },
  THRESHOLD: {
    params: [numerator, denominator, threshold, maxPoints, { name: "alternative", kind: "boolean", default: false }],
  },
  SCALED: {
    params: [numerator, denominator, threshold, maxPoints],
  },
  TIERS: {
    params: [
      { name: "value", ...nonNegative },
      { name: "thresholds", kind: "list", min: 0 },
      { name: "fractions", kind: "list", min: 0, max: 1 },
      maxPoints,
    ],
  },
  LEVEL: {
    params: [indicatorId, { name: "answer", kind: "answer" }, { name: "part", kind: "text", default: "a" }],
  },
  COUNTCAP: {
    params: [{ name: "count", ...nonNegative }, maxPoints, { name: "pointsEach", kind: "number", min: 0, default: 1 }],
  },
  BEST: {
    params: [{ name: "value", ...nonNegative }, { name: "values", kind: "sample", min: 0 }, maxPoints],
  },
  INDEX: {
    params: [
      { name: "total", ...nonNegative },
      { name: "maxTotal", kind: "number", greaterThan: 0, default: 1000 },
    ],
  },
  SCORE: {
    params: [indicatorId, { name: "inputs", kind: "values" }],
  },
  MAXPOINTS: {
    params: [indicatorId],
  },
} as const satisfies Readonly<Record<string, FunctionSpec>>;

export type FunctionId = keyof typeof FUNCTION_SPECS;

export const FUNCTION_IDS = Object.keys(FUNCTION_SPECS) as FunctionId[];

/** The spec of one parameter of function F, by position. */
export type ParamOf<F extends FunctionId> = (typeof FUNCTION_SPECS)[F]["params"][number];

/** A parameter may be left out when it has a default, or is the repeating list of values. */
export function isOptional(spec: ParamSpec): boolean {
  return spec.kind === "values" || ("default" in spec && spec.default !== undefined);
}

export function isRepeating(spec: ParamSpec): boolean {
  return spec.kind === "values";
}

// ---- descriptions.json, typed ----

export interface LocalizedText {
  readonly description: string;
}

export interface ParamDescription {
  readonly name: string;
  /** Short Vietnamese name of the parameter, used in error messages ("tử số"). */
  readonly label: string;
  readonly vi: string;
  readonly en: string;
  readonly optional?: boolean;
  readonly repeating?: boolean;
}

export interface FunctionDescription {
  readonly vi: LocalizedText;
  readonly en: LocalizedText;
  readonly params: readonly ParamDescription[];
  readonly result?: { readonly vi: string; readonly en: string };
}

export type Descriptions = Readonly<Record<string, FunctionDescription>>;

export const DESCRIPTIONS: Descriptions = descriptionsJson;

function nonEmpty(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "";
}

/**
 * Every way descriptions and specs disagree, as readable lines (empty when consistent).
 * Checks the raw JSON shape too, since the JSON is edited by hand.
 */
export function registryProblems(
  descriptions: Readonly<Record<string, unknown>> = DESCRIPTIONS,
  specs: Readonly<Record<string, FunctionSpec>> = FUNCTION_SPECS,
): string[] {
  const problems: string[] = [];
  for (const id of Object.keys(descriptions)) {
    if (!hasOwn(specs, id)) problems.push(`${id}: described in descriptions.json but has no spec in registry.ts`);
  }
  for (const [id, spec] of Object.entries(specs)) {
    const raw = (hasOwn(descriptions, id) ? descriptions[id] : undefined) as Partial<Record<string, unknown>> | undefined;
    if (raw === undefined || raw === null || typeof raw !== "object") {
      problems.push(`${id}: no entry in descriptions.json`);
      continue;
    }
    for (const locale of ["vi", "en"] as const) {
      const text = raw[locale] as { description?: unknown } | undefined;
      if (!nonEmpty(text?.description)) problems.push(`${id}: no ${locale} description`);
    }
    const params = Array.isArray(raw.params) ? (raw.params as Partial<Record<string, unknown>>[]) : [];
    if (!Array.isArray(raw.params)) problems.push(`${id}: params is not a list`);
    const names = params.map((p) => p.name);
    const expected = spec.params.map((p) => p.name);
    if (names.join(",") !== expected.join(",")) {
      problems.push(`${id}: parameters [${names.join(", ")}] in descriptions.json, [${expected.join(", ")}] in registry.ts`);
      continue;
    }
    spec.params.forEach((p, n) => {
      const d = params[n] ?? {};
      for (const field of ["label", "vi", "en"]) {
        if (!nonEmpty(d[field])) problems.push(`${id}.${p.name}: no ${field}`);
      }
      if ((d.optional === true) !== isOptional(p)) {
        problems.push(`${id}.${p.name}: optional is ${String(d.optional === true)} in descriptions.json, ${String(isOptional(p))} in registry.ts`);
      }
      if ((d.repeating === true) !== isRepeating(p)) {
        problems.push(`${id}.${p.name}: repeating is ${String(d.repeating === true)} in descriptions.json, ${String(isRepeating(p))} in registry.ts`);
      }
    });
    // Excel requires optional parameters to come after the required ones, and a repeating one last.
    const firstOptional = spec.params.findIndex(isOptional);
    if (firstOptional >= 0 && spec.params.slice(firstOptional).some((p) => !isOptional(p))) {
      problems.push(`${id}: a required parameter follows an optional one`);
    }
    const repeating = spec.params.findIndex(isRepeating);
    if (repeating >= 0 && repeating !== spec.params.length - 1) problems.push(`${id}: the repeating parameter is not last`);
  }
  return problems;
}

/** Throws, listing every problem, when descriptions.json and the specs disagree. Run at load. */
export function checkRegistry(
  descriptions: Readonly<Record<string, unknown>> = DESCRIPTIONS,
  specs: Readonly<Record<string, FunctionSpec>> = FUNCTION_SPECS,
): void {
  const problems = registryProblems(descriptions, specs);
  if (problems.length > 0) {
    throw new Error(`DTI function registry is inconsistent:\n- ${problems.join("\n- ")}`);
  }
}

checkRegistry();

/** The description entry of a function (exists: checked at load). */
export function describeFunction(id: FunctionId): FunctionDescription {
  return DESCRIPTIONS[id] as FunctionDescription;
}

/** The Vietnamese short name of a parameter, for messages ("tử số"). */
export function paramLabel(id: FunctionId, index: number): string {
  return describeFunction(id).params[index]?.label ?? "";
}
