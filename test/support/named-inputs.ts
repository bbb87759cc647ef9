/** A unit's inputs as the defined names and values a person would type into a template. */
import { dtiProvince2022 } from "../../src/catalog";
import type { Indicator, IndicatorSet } from "../../src/catalog/schema";
import type { InputValue, ScoreOptions, UnitInput } from "../../src/engine/types";

import type { CellContent } from "../../src/layout/model";
import { names } from "../../src/layout/names";

/** The cell value a person would type for an engine input (choices as their labels). */
function typed(ind: Indicator, key: string, value: InputValue): CellContent {
  const v = ind.variables.find((x) => x.key === key);
  if (v?.type === "choice" && typeof value === "number") return v.options?.[value - 1]?.label ?? null;
  if (v?.type === "choice" && typeof value === "boolean") return v.options?.find((o) => o.value === value)?.label ?? null;
  return value === undefined ? null : value;
}

export function namedInputs(unit: UnitInput, options: ScoreOptions = {}, set: IndicatorSet = dtiProvince2022): Map<string, CellContent> {
  const out = new Map<string, CellContent>();
  out.set(names.info(1), unit.name);
  for (const [item, value] of Object.entries(unit.info ?? {})) out.set(names.info(Number(item)), value ?? null);
  for (const ind of set.indicators) {
    for (const [key, value] of Object.entries(unit.values[ind.id] ?? {})) out.set(names.input(ind.id, key), typed(ind, key, value));
    const ref = unit.reference?.[ind.id];
    if (ref?.min !== undefined && ind.rule.kind === "min-max") out.set(names.referenceMin(ind.id), ref.min);
    if (ref?.max !== undefined) out.set(names.referenceMax(ind.id), ref.max);
  }
  out.set(names.optionAltThreshold, options.altThreshold ? "Có" : "Không");
  out.set(names.optionMinMaxAsBest, options.minMaxAsRatioToBest ? "Có" : "Không");
  return out;
}
