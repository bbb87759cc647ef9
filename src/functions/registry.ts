/**
 * The registry of the DTI.* custom functions: one place for what each function takes.
 *
 * - FUNCTION_SPECS below holds the argument kinds, bounds and defaults the runner enforces, and
 *   each parameter's short Vietnamese label, which the runner's messages name ("tử số").
 * - descriptions.json holds the help (Vietnamese and English) for every function and parameter:
 *   functions.json's English and functions-vi.json's Vietnamese come from it, at build time.
 *   The runtime never reads it, so functions.js does not carry it (issue 12 point 4);
 *   ./descriptions.ts checks that it and the specs agree (the tests and the build run that check).
 */

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
  /** Each parameter with its name (as functions.ts and descriptions.json name it) and its short Vietnamese label for messages. */
  readonly params: readonly (ParamSpec & { readonly name: string; readonly label: string })[];
}

const nonNegative = { kind: "number", min: 0 } as const;
const maxPoints = { name: "maxPoints", label: "điểm tối đa", kind: "number", min: 0 } as const;
const numerator = { name: "numerator", label: "tử số", ...nonNegative } as const;
const denominator = { name: "denominator", label: "mẫu số", kind: "number", min: 0, divisor: true } as const;
const threshold = { name: "threshold", label: "ngưỡng", kind: "number", greaterThan: 0 } as const;
const indicatorId = { name: "indicatorId", label: "mã chỉ số", kind: "indicator" } as const;

/**
 * Argument kinds and bounds of every DTI.* function, in parameter order.
 * The function ids are the Excel names (namespace DTI), pinned in functions.ts.
 */
export const FUNCTION_SPECS = {
  RATIO: {
    params: [numerator, denominator, maxPoints, { name: "target", label: "mục tiêu", kind: "number", greaterThan: 0, default: 1 }],
  },
  MINMAX: {
    params: [{ name: "value", label: "giá trị", ...nonNegative }, { name: "values", label: "vùng so sánh", kind: "sample", min: 0 }, maxPoints],
  },
  THRESHOLD: {
    params: [numerator, denominator, threshold, maxPoints, { name: "alternative", label: "cách hiểu thay thế", kind: "boolean", default: false }],
  },
  SCALED: {
    params: [numerator, denominator, threshold, maxPoints],
  },
  TIERS: {
    params: [
      { name: "value", label: "giá trị", ...nonNegative },
      { name: "thresholds", label: "các ngưỡng", kind: "list", min: 0 },
      { name: "fractions", label: "các tỷ lệ điểm", kind: "list", min: 0, max: 1 },
      maxPoints,
    ],
  },
  LEVEL: {
    params: [indicatorId, { name: "answer", label: "câu trả lời", kind: "answer" }, { name: "part", label: "phần", kind: "text", default: "a" }],
  },
  COUNTCAP: {
    params: [{ name: "count", label: "số lượng", ...nonNegative }, maxPoints, { name: "pointsEach", label: "điểm mỗi mục", kind: "number", min: 0, default: 1 }],
  },
  BEST: {
    params: [{ name: "value", label: "giá trị", ...nonNegative }, { name: "values", label: "vùng so sánh", kind: "sample", min: 0 }, maxPoints],
  },
  INDEX: {
    params: [
      { name: "total", label: "tổng điểm", ...nonNegative },
      { name: "maxTotal", label: "tổng điểm tối đa", kind: "number", greaterThan: 0, default: 1000 },
    ],
  },
  SCORE: {
    params: [indicatorId, { name: "inputs", label: "các giá trị", kind: "values" }],
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

/** The Vietnamese short name of a parameter, for messages ("tử số"). */
export function paramLabel(id: FunctionId, index: number): string {
  return (FUNCTION_SPECS[id].params as FunctionSpec["params"])[index]?.label ?? "";
}
