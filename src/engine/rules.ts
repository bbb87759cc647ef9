/**
 * One pure, exact function per rule kind of the official text.
 *
 * Each returns the *fraction* of the points earned, in [0, 1], so that the same core
 * serves a whole indicator, a part of a multi-part indicator (§6) and the DTI.* functions.
 * Section marks (§n) refer to docs/readings.md, the readings the team decided.
 */
import { Decimal, exact } from "../catalog/exact";

// Exact numbers are parsed where the catalog is checked; the engine uses the same ones.
export { Decimal, exact };

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);

function clamp01(x: Decimal): Decimal {
  if (x.lt(ZERO)) return ZERO;
  if (x.gt(ONE)) return ONE;
  return x;
}

/** §1 "Tỷ lệ=a/b; Điểm=Tỷ lệ*Điểm tối đa": min(ratio, 1). */
export function ratioFraction(ratio: Decimal): Decimal {
  return clamp01(ratio);
}

/**
 * §2 "Tỷ lệ ≥ T: điểm tối đa; Tỷ lệ < T: điểm = Điểm tối đa * tỷ lệ".
 * Literal reading (default): below T the fraction is the ratio itself, not rescaled.
 * Alternative reading (`alt`): ratio / T.
 */
export function thresholdLiteralFraction(ratio: Decimal, threshold: Decimal, alt = false): Decimal {
  if (ratio.gte(threshold)) return ONE;
  return clamp01(alt ? ratio.div(threshold) : ratio);
}

/** §3 "Tỷ lệ/T*Điểm tối đa": min(ratio / T, 1). Also DTI.RATIO with a target. */
export function thresholdScaledFraction(ratio: Decimal, threshold: Decimal): Decimal {
  return clamp01(ratio.div(threshold));
}

/** §4 (6.8): 100 % earns max, anything less 0. */
export function allOrNothingFraction(ratio: Decimal): Decimal {
  return ratio.gte(ONE) ? ONE : ZERO;
}

/** §5 tiers (and 1.5's article counts): the first tier whose floor the value reaches; below all, 0. */
export function tiersFraction(value: Decimal, tiers: readonly { atLeast: Decimal; fraction: Decimal }[]): Decimal {
  for (const tier of tiers) {
    if (value.gte(tier.atLeast)) return clamp01(tier.fraction);
  }
  return ZERO;
}

/** §8: `each` points per counted item, never more than max. Returns points, not a fraction. */
export function cappedCountPoints(count: Decimal, each: Decimal, maxPoints: Decimal): Decimal {
  const points = count.mul(each);
  return points.gt(maxPoints) ? maxPoints : points.lt(ZERO) ? ZERO : points;
}

/**
 * A capped group of parts ("tổng không quá 5 điểm"): the parts' contributions (fractions of the
 * indicator's max) added, never more than the group's share.
 */
export function cappedGroupFraction(contributions: readonly Decimal[], share: Decimal): Decimal {
  const sum = contributions.reduce((a, b) => a.plus(b), ZERO);
  return sum.gt(share) ? share : sum;
}

/** "tính điểm cho trường hợp nào có điểm cao nhất": the highest of the cases' fractions (≥ 1 case). */
export function bestOfFraction(fractions: readonly Decimal[]): Decimal {
  return fractions.reduce((a, b) => (b.gt(a) ? b : a), ZERO);
}

/**
 * §9 Min-Max: (x − min) / (max − min), clamped to [0, 1].
 * All values equal (max = min): the full fraction when the value is > 0, else 0.
 */
export function minMaxFraction(x: Decimal, min: Decimal, max: Decimal): Decimal {
  if (max.eq(min)) return x.gt(ZERO) && x.gte(max) ? ONE : ZERO;
  return clamp01(x.minus(min).div(max.minus(min)));
}

/** §10 ratio to the best unit: x / best, clamped to [0, 1]; a best of 0 gives everyone 0. */
export function ratioToBestFraction(x: Decimal, best: Decimal): Decimal {
  if (best.lte(ZERO)) return ZERO;
  return clamp01(x.div(best));
}

/**
 * Points earned for a fraction of max. Ratios such as 1/3 do not terminate in decimal;
 * computed with 40 significant digits and kept to 24 decimal places, 1/3 × 30 is exactly 10.
 */
export function toPoints(fraction: Decimal, maxPoints: Decimal | number): Decimal {
  return fraction.mul(maxPoints).toDecimalPlaces(POINT_DECIMALS);
}

/** Decimal places kept in points, pillar totals and the total. */
export const POINT_DECIMALS = 24;

/** The DTI index: total / maxTotal (1000 for the provincial set), §14. */
export function indexOf(total: Decimal, maxTotal: Decimal): Decimal {
  return total.div(maxTotal);
}

/** The index as the ministry publishes it: 4 decimals, Vietnamese decimal comma ("0,3048"). */
export function formatIndexVi(index: Decimal): string {
  return index.toFixed(4).replace(".", ",");
}
