/**
 * Exact numbers of the catalog ("0.25", "2", "1/2", "4/5"): fractions, shares, thresholds and
 * tier floors are strings in a set and become decimal.js numbers, never binary floating point.
 * The lowest layer, so that checking a set (./load.ts), describing a rule (./describe.ts) and
 * scoring (../engine/rules.ts) parse them with one function and one configuration.
 */
import DecimalBase from "decimal.js";

/** decimal.js configured for scoring: 40 significant digits, half-up, independent of the global config. */
export const Decimal = DecimalBase.clone({ precision: 40, rounding: DecimalBase.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;

/** Parses an exact number of the catalog: "0.25", "2", "1/2", "4/5". Throws on anything else. */
export function exact(text: string): Decimal {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*(?:\/\s*(\d+(?:\.\d+)?)\s*)?$/.exec(text);
  if (!m) throw new Error(`not an exact number: "${text}"`);
  const num = new Decimal(m[1] as string);
  return m[2] === undefined ? num : num.div(new Decimal(m[2]));
}
