/**
 * The registry of indicator sets. A new set (a later year, or a province's own set for its
 * departments and districts) is a new data file under ./sets, added to `indicatorSets`.
 */
import type { Indicator, IndicatorSet } from "./schema";
import { dtiProvince2022 } from "./sets/dti-province-2022";

export type * from "./schema";
export { dtiProvince2022 };

/** Every indicator set the product knows, the default first. */
export const indicatorSets: readonly IndicatorSet[] = [dtiProvince2022];

/** The set with this id, or undefined. */
export function getIndicatorSet(id: string): IndicatorSet | undefined {
  return indicatorSets.find((set) => set.id === id);
}

/** The indicator with this appendix id ("3.1", "5.12.1") in the set, or undefined. */
export function findIndicator(set: IndicatorSet, id: string): Indicator | undefined {
  return set.indicators.find((indicator) => indicator.id === id);
}

/**
 * The indicators counted in a pillar's total, in appendix order: those of the pillar
 * without a `parent` (5.12 is counted once, never 5.12.1–5.12.6 again; §5, §14).
 */
export function pillarIndicators(set: IndicatorSet, pillarId: string): readonly Indicator[] {
  return set.indicators.filter((indicator) => indicator.pillar === pillarId && indicator.parent === undefined);
}
