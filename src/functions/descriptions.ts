/**
 * descriptions.json, typed, and the check that it agrees with the specs of ./registry.ts: the
 * same functions, the same parameters in the same order, the same optional/repeating flags, no
 * empty text. test/functions/registry.test.ts runs it over the shipped files, so a mismatch
 * fails the tests (and hence the release) instead of showing wrong help in Excel.
 *
 * Not imported by the runtime (functions.ts): Excel reads the help from functions.json and
 * functions-vi.json, generated from descriptions.json at build time.
 */
import { hasOwn } from "../catalog/own";
import descriptionsJson from "./descriptions.json";
import { FUNCTION_SPECS, isOptional, isRepeating, type FunctionId, type FunctionSpec } from "./registry";

export interface LocalizedText {
  readonly description: string;
}

export interface ParamDescription {
  readonly name: string;
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
      if (!nonEmpty(p.label)) problems.push(`${id}.${p.name}: no label`);
      for (const field of ["vi", "en"]) {
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

/** The description entry of a function (exists: checked at load). */
export function describeFunction(id: FunctionId): FunctionDescription {
  return DESCRIPTIONS[id] as FunctionDescription;
}
