/**
 * Reads the unit typed into the open workbook, by defined name only, in two round trips
 * whatever the number of rows (the task pane's validate and compute start here). The same
 * pass brings the annotations (targets, evidence, notes) and last year's results; names an
 * older workbook lacks are simply absent from them.
 */
import type { IndicatorSet } from "../catalog/schema";
import { namesToRead, readInputs, type NamedCell, type ReadResult } from "../layout/read-inputs";
import { isAmbiguous, isCellError, readNamedValues, type NamedValueResult } from "./read-names";

export function toNamedCell(found: NamedValueResult | undefined): NamedCell {
  if (found === undefined || found === "missing") return { kind: "missing" };
  if (isAmbiguous(found)) return { kind: "broken", trouble: found.ambiguous };
  if (isCellError(found.value)) return { kind: "error", error: found.value.error };
  if (found.formula === undefined) return { kind: "value", value: found.value };
  return { kind: "value", value: found.value, formula: found.formula, ...(found.sheet !== undefined && found.address !== undefined ? { sheet: found.sheet, address: found.address } : {}) };
}

export async function readUnit(context: Excel.RequestContext, set: IndicatorSet, fallbackName: string): Promise<ReadResult> {
  const found = await readNamedValues(context, namesToRead(set));
  return readInputs(set, (name) => toNamedCell(found.get(name)), fallbackName);
}
