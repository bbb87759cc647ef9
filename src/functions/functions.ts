/**
 * The DTI.* custom functions (namespace DTI, from the manifest). Each wrapper is a few lines:
 * the runner checks and computes, `toExcelResult` turns its neutral error into an Excel error.
 *
 * The JSDoc below is what CustomFunctionsMetadataPlugin turns into functions.json, so:
 * - ids are pinned (`@customfunction RATIO RATIO`) and never change;
 * - the English texts equal descriptions.json's `en` (a test checks it; the Vietnamese
 *   functions-vi.json is generated from descriptions.json by scripts/functions-locale-plugin.js);
 * - parameter types are written inline as `number | string | boolean | null`: the generator maps a
 *   union to "any", so Excel passes text and TRUE/FALSE through and the runner can answer with a
 *   Vietnamese #VALUE! message. A named alias is refused by the generator ("does not support type"),
 *   and `(A | B)[][]` too; ranges are therefore `Array<Array<…>>` ("matrix").
 *
 * No import-time side effects: the CustomFunctions global is read when a function is called.
 */
import { type ExcelArgument, type FunctionResult, run } from "./runner";
import type { FunctionId } from "./registry";
import type { SetStorage } from "../catalog/set-storage";
import { isKnownSet, qualifiedSetId, recallSet } from "./set-store";

/** The neutral error of the runner as an Excel error; a message only where Excel shows one. */
export function toExcelResult(result: FunctionResult): number | CustomFunctions.Error {
  if (typeof result === "number") return result;
  const codes = CustomFunctions.ErrorCode;
  switch (result.error) {
    case "#VALUE!":
      return new CustomFunctions.Error(codes.invalidValue, result.message);
    case "#N/A":
      return new CustomFunctions.Error(codes.notAvailable, result.message);
    case "#DIV/0!":
      return new CustomFunctions.Error(codes.divisionByZero);
    case "#NUM!":
      return new CustomFunctions.Error(codes.invalidNumber);
  }
}

/** Runs one function; an exception (which the runner never lets out) still becomes #VALUE!. */
function call(fn: FunctionId, args: readonly ExcelArgument[]): number | CustomFunctions.Error {
  let result: FunctionResult;
  try {
    result = run(fn, args);
  } catch (e) {
    result = { error: "#VALUE!", message: `DTI.${fn}: lỗi không mong đợi (${e instanceof Error ? e.message : String(e)}).` };
  }
  return toExcelResult(result);
}

/** OfficeRuntime.storage, shared with the task pane, where the runtime has it (read when called). */
function sharedStorage(): SetStorage | undefined {
  const g = globalThis as { OfficeRuntime?: { storage?: SetStorage } };
  return g.OfficeRuntime?.storage;
}

/**
 * For functions taking an indicator id: an id qualified by a set the functions do not ship with
 * ("huyen-2023:1.1") first fetches that set from the storage the task pane fills (./set-store.ts).
 * Built-in ids stay synchronous; only the first call for a stored set waits.
 */
function callWithSet(fn: FunctionId, args: readonly ExcelArgument[]): number | CustomFunctions.Error | Promise<number> {
  const setId = qualifiedSetId(args[0]);
  if (setId === undefined || isKnownSet(setId)) return call(fn, args);
  return recallSet(sharedStorage(), setId).then((got) => {
    const result = "error" in got ? toExcelResult({ error: "#N/A", message: `DTI.${fn}: ${got.error}` }) : call(fn, args);
    if (typeof result === "number") return result;
    throw result;
  });
}

/**
 * Points for a ratio: min(numerator / denominator / target, 1) × maxPoints. The target defaults to 1 (100%); with a target the result equals DTI.SCALED.
 * @customfunction RATIO RATIO
 * @param numerator - The numerator a: a number ≥ 0.
 * @param denominator - The denominator b: a number ≥ 0; 0 gives #DIV/0!.
 * @param maxPoints - The indicator's maximum points.
 * @param target - Optional: the target ratio T > 0 that earns full points; default 1 (100%).
 * @returns Points, from 0 to maxPoints.
 */
export function ratio(
  numerator: number | string | boolean | null,
  denominator: number | string | boolean | null,
  maxPoints: number | string | boolean | null,
  target?: number | string | boolean | null,
): number | CustomFunctions.Error {
  return call("RATIO", [numerator, denominator, maxPoints, target]);
}

/**
 * Min-Max points: (value − min) / (max − min) × maxPoints, with min and max taken over the numbers in values (blanks and text ignored). A value outside their span is clamped to [0, maxPoints]. All values equal: full points if the value is > 0 and not below them, else 0.
 * @customfunction MINMAX MINMAX
 * @param value - The unit's value x (a ratio or a count): a number ≥ 0.
 * @param values - The values of the units compared (a range); blanks and text are ignored.
 * @param maxPoints - The indicator's maximum points.
 * @returns Points, from 0 to maxPoints.
 */
export function minMax(
  value: number | string | boolean | null,
  values: Array<Array<number | string | boolean | null>>,
  maxPoints: number | string | boolean | null,
): number | CustomFunctions.Error {
  return call("MINMAX", [value, values, maxPoints]);
}

/**
 * Points for "ratio ≥ T: full points; ratio < T: ratio × maxPoints", read literally. With alternative = TRUE, below T the points are ratio / T × maxPoints.
 * @customfunction THRESHOLD THRESHOLD
 * @param numerator - The numerator a: a number ≥ 0.
 * @param denominator - The denominator b: a number ≥ 0; 0 gives #DIV/0!.
 * @param threshold - The threshold T as a ratio (e.g. 80%), greater than 0.
 * @param maxPoints - The indicator's maximum points.
 * @param alternative - Optional: TRUE for the alternative reading (ratio / T × maxPoints below T); default FALSE.
 * @returns Points, from 0 to maxPoints.
 */
export function threshold(
  numerator: number | string | boolean | null,
  denominator: number | string | boolean | null,
  threshold: number | string | boolean | null,
  maxPoints: number | string | boolean | null,
  alternative?: number | string | boolean | null,
): number | CustomFunctions.Error {
  return call("THRESHOLD", [numerator, denominator, threshold, maxPoints, alternative]);
}

/**
 * Points for "Tỷ lệ/T*Điểm tối đa": min(ratio / T, 1) × maxPoints, never above maxPoints. The same as DTI.RATIO with target T.
 * @customfunction SCALED SCALED
 * @param numerator - The numerator a: a number ≥ 0.
 * @param denominator - The denominator b: a number ≥ 0; 0 gives #DIV/0!.
 * @param threshold - The threshold T as a ratio (e.g. 80%), greater than 0.
 * @param maxPoints - The indicator's maximum points.
 * @returns Points, from 0 to maxPoints.
 */
export function scaled(
  numerator: number | string | boolean | null,
  denominator: number | string | boolean | null,
  threshold: number | string | boolean | null,
  maxPoints: number | string | boolean | null,
): number | CustomFunctions.Error {
  return call("SCALED", [numerator, denominator, threshold, maxPoints]);
}

/**
 * Points by tiers: the first threshold (listed from the highest down) that the value reaches gives its fraction × maxPoints; below all thresholds, 0.
 * @customfunction TIERS TIERS
 * @param value - The value compared with the thresholds (a ratio, or an amount in tỷ đồng): a number ≥ 0.
 * @param thresholds - The thresholds, highest first (a range or an array constant).
 * @param fractions - The fraction of maxPoints each threshold earns, in the same order, from 0 to 1 (e.g. 100%, 70%, 30%).
 * @param maxPoints - The indicator's maximum points.
 * @returns Points, from 0 to maxPoints.
 */
export function tiers(
  value: number | string | boolean | null,
  thresholds: Array<Array<number | string | boolean | null>>,
  fractions: Array<Array<number | string | boolean | null>>,
  maxPoints: number | string | boolean | null,
): number | CustomFunctions.Error {
  return call("TIERS", [value, thresholds, fractions, maxPoints]);
}

/**
 * Points for a level, choice or yes/no answer of an indicator, from the catalog's options: the option's fraction × the points of that part.
 * @customfunction LEVEL LEVEL
 * @param indicatorId - The indicator id as text, e.g. "1.1".
 * @param answer - The answer: the option's exact label, its position in the official list (starting at 1), or TRUE/FALSE for yes/no.
 * @param part - Optional: the variable letter of the part for multi-part indicators; default "a".
 * @returns The points the answer earns.
 */
export function level(
  indicatorId: number | string | boolean | null,
  answer: number | string | boolean | null,
  part?: number | string | boolean | null,
): number | CustomFunctions.Error | Promise<number> {
  return callWithSet("LEVEL", [indicatorId, answer, part]);
}

/**
 * Points for counted items: count × pointsEach, never more than maxPoints.
 * @customfunction COUNTCAP COUNTCAP
 * @param count - The number of qualifying items: a number ≥ 0.
 * @param maxPoints - The indicator's maximum points.
 * @param pointsEach - Optional: the points per item; default 1.
 * @returns Points, from 0 to maxPoints.
 */
export function countCap(
  count: number | string | boolean | null,
  maxPoints: number | string | boolean | null,
  pointsEach?: number | string | boolean | null,
): number | CustomFunctions.Error {
  return call("COUNTCAP", [count, maxPoints, pointsEach]);
}

/**
 * Points relative to the best unit: value / max(values) × maxPoints, never above maxPoints; if the best is 0, the points are 0.
 * @customfunction BEST BEST
 * @param value - The unit's value x (a ratio or an amount): a number ≥ 0.
 * @param values - The values of the units compared (a range); blanks and text are ignored.
 * @param maxPoints - The indicator's maximum points.
 * @returns Points, from 0 to maxPoints.
 */
export function best(
  value: number | string | boolean | null,
  values: Array<Array<number | string | boolean | null>>,
  maxPoints: number | string | boolean | null,
): number | CustomFunctions.Error {
  return call("BEST", [value, values, maxPoints]);
}

/**
 * The DTI index: total points / maxTotal (default 1000), unrounded; the ministry publishes it to 4 decimals.
 * @customfunction INDEX INDEX
 * @param total - The total points: a number ≥ 0.
 * @param maxTotal - Optional: the total maximum points, greater than 0; default 1000.
 * @returns The index (total / maxTotal), unrounded.
 */
export function index(
  total: number | string | boolean | null,
  maxTotal?: number | string | boolean | null,
): number | CustomFunctions.Error {
  return call("INDEX", [total, maxTotal]);
}

/**
 * Points of an indicator of the dti-province-2022 catalog, scored by its official rule. Give its variables in catalog order; for Min-Max and ratio-to-best rows add the reference min and max.
 * @customfunction SCORE SCORE
 * @param indicatorId - The indicator id as text, e.g. "3.1".
 * @param inputs - The indicator's variables in catalog order (a, b, …), then for Min-Max and ratio-to-best rows the reference min and max; each argument is a cell or a range.
 * @returns The indicator's points.
 */
export function score(
  indicatorId: number | string | boolean | null,
  inputs?: Array<Array<Array<number | string | boolean | null>>>,
): number | CustomFunctions.Error | Promise<number> {
  return callWithSet("SCORE", [indicatorId, inputs]);
}

/**
 * The maximum points of an indicator of the dti-province-2022 catalog.
 * @customfunction MAXPOINTS MAXPOINTS
 * @param indicatorId - The indicator id as text, e.g. "3.1".
 * @returns The indicator's maximum points.
 */
export function maxPoints(indicatorId: number | string | boolean | null): number | CustomFunctions.Error | Promise<number> {
  return callWithSet("MAXPOINTS", [indicatorId]);
}
