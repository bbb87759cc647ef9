/**
 * Reads the JSON input of `dti score`:
 * {"indicatorSet":"dti-province-2022","units":[{"name":"…","values":{"3.1":{"a":450000,"b":600000}},
 *   "info":{"4":1250000},"reference":{"4.5":{"min":0.01,"max":0.05}}}]}
 * Shape errors throw DtiError with a Vietnamese message naming the place (§17);
 * problems with values are left to the engine, which reports them as statuses.
 *
 * Keys are data: JSON.parse keeps `"__proto__"` as an own key, and every record built here
 * stores keys with `putOwn`, so such a key reaches the engine and is reported like any other
 * unknown key instead of replacing a prototype and vanishing. Fields this format does not
 * have are named in warnings rather than ignored silently (refusing them would break files that scored before).
 */
import { getIndicatorSet } from "../catalog";
import type { IndicatorSet } from "../catalog/schema";
import { DtiError } from "../engine/errors";
import { hasOwn, putOwn } from "../catalog/own";
import type { InputValue, ReferenceRange, UnitInput } from "../engine/types";

export interface ScoreInput {
  readonly set: IndicatorSet;
  readonly units: readonly UnitInput[];
  /**
   * Fields this format does not have (often a misspelt name, or a note a person added), named.
   * Warnings, not errors: a file that scored before must keep scoring.
   */
  readonly warnings: readonly string[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is Record<string, Json> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function invalid(where: string, what: string): DtiError {
  return new DtiError("invalid-input", `${where}: ${what}`);
}

/** Names the fields of `obj` that are not in `allowed` (often a misspelt name) in `warnings`. */
function noExtra(obj: Record<string, Json>, where: string, allowed: readonly string[], warnings: string[]): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) warnings.push(`${where}: trường "${key}" không có trong định dạng đầu vào, bỏ qua (các trường: ${allowed.join(", ")}).`);
  }
}

/** The value of a field the object itself holds; inherited properties are not fields. */
function field(obj: Record<string, Json>, key: string): Json | undefined {
  return hasOwn(obj, key) ? obj[key] : undefined;
}

function inputValue(value: Json, where: string): InputValue {
  if (value === null || typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  throw invalid(where, "giá trị phải là số, chuỗi, true/false hoặc null.");
}

function readValues(raw: Json | undefined, where: string): Record<string, Record<string, InputValue>> {
  if (raw === undefined) return {};
  if (!isObject(raw)) throw invalid(where, 'phải là một đối tượng {"<mã chỉ số>": {"<biến>": giá trị}}.');
  const values: Record<string, Record<string, InputValue>> = {};
  for (const [id, vars] of Object.entries(raw)) {
    if (!isObject(vars)) throw invalid(`${where}["${id}"]`, 'phải là một đối tượng {"a": …, "b": …}.');
    const row: Record<string, InputValue> = {};
    for (const [key, value] of Object.entries(vars)) putOwn(row, key, inputValue(value, `${where}["${id}"].${key}`));
    putOwn(values, id, row);
  }
  return values;
}

function readInfo(raw: Json | undefined, where: string): Record<string, InputValue> | undefined {
  if (raw === undefined) return undefined;
  if (!isObject(raw)) throw invalid(where, 'phải là một đối tượng {"<số thứ tự mục>": giá trị}.');
  const info: Record<string, InputValue> = {};
  for (const [key, value] of Object.entries(raw)) putOwn(info, key, inputValue(value, `${where}["${key}"]`));
  return info;
}

function readReference(raw: Json | undefined, where: string, warnings: string[]): Record<string, ReferenceRange> | undefined {
  if (raw === undefined) return undefined;
  if (!isObject(raw)) throw invalid(where, 'phải là một đối tượng {"<mã chỉ số>": {"min": …, "max": …}}.');
  const reference: Record<string, ReferenceRange> = {};
  for (const [id, range] of Object.entries(raw)) {
    if (!isObject(range)) throw invalid(`${where}["${id}"]`, 'phải có dạng {"min": số, "max": số}.');
    noExtra(range, `${where}["${id}"]`, ["min", "max"], warnings);
    const min = field(range, "min");
    const max = field(range, "max");
    for (const [name, v] of [["min", min], ["max", max]] as const) {
      if (v !== undefined && typeof v !== "number") throw invalid(`${where}["${id}"].${name}`, "phải là số.");
    }
    putOwn(reference, id, {
      ...(typeof min === "number" ? { min } : {}),
      ...(typeof max === "number" ? { max } : {}),
    });
  }
  return reference;
}

/** Validates the parsed JSON and resolves its indicator set. */
export function parseScoreInput(data: unknown, file: string, given?: IndicatorSet): ScoreInput {
  if (!isObject(data)) throw invalid(file, 'tệp phải chứa một đối tượng JSON {"indicatorSet": …, "units": […]}.');
  const warnings: string[] = [];
  noExtra(data, file, ["indicatorSet", "units"], warnings);
  const setId = field(data, "indicatorSet");
  if (typeof setId !== "string") throw invalid(file, 'thiếu "indicatorSet" (mã bộ chỉ số, ví dụ "dti-province-2022").');
  // A set read from a file (--set) must be the one the input names.
  if (given && given.id !== setId) {
    throw new DtiError("unknown-indicator-set", `${file}: tệp dùng bộ chỉ số "${setId}" nhưng --set là bộ "${given.id}".`);
  }
  const set = given ?? getIndicatorSet(setId);
  if (!set) {
    throw new DtiError("unknown-indicator-set", `${file}: không có bộ chỉ số "${setId}". Xem danh sách: npm run -s dti -- catalog; bộ khác: --set <tệp.json>`);
  }
  const list = field(data, "units");
  if (!Array.isArray(list)) throw invalid(file, '"units" phải là một mảng các đơn vị.');
  if (list.length === 0) throw invalid(file, '"units" không có đơn vị nào.');
  const units = list.map((raw, n): UnitInput => {
    const where = `${file}: units[${n}]`;
    if (!isObject(raw)) throw invalid(where, "mỗi đơn vị phải là một đối tượng.");
    noExtra(raw, where, ["name", "values", "info", "reference"], warnings);
    const name = field(raw, "name");
    if (typeof name !== "string" || name.trim() === "") throw invalid(where, 'thiếu "name" (tên đơn vị).');
    const info = readInfo(field(raw, "info"), `${where}.info`);
    const reference = readReference(field(raw, "reference"), `${where}.reference`, warnings);
    return {
      name,
      values: readValues(field(raw, "values"), `${where}.values`),
      ...(info ? { info } : {}),
      ...(reference ? { reference } : {}),
    };
  });
  return { set, units, warnings };
}
