/**
 * Numbers of a set as an officer copies them from the text (issue 13, point 1): besides the
 * exact fractions of the schema ("3/4", "0.9"), points with their unit ("15 điểm", "15đ",
 * "7,5 điểm") and percentages ("90%", "90 %", "87,5%"). The loader turns them into the exact
 * fraction the engine reads ("15 điểm" of 20 → "3/4", "90%" → "9/10"), with integer
 * arithmetic, so nothing is rounded and the engine and the formulas never see the spelling.
 *
 * A bare number is always a fraction, as it always was: "1" is the whole maximum, never one
 * point. Points need the unit ("1 điểm", "1đ"), percentages the sign.
 *
 * Pure: no Node, no DOM. Integers are decimal.js numbers (exact to 40 digits; BigInt is newer
 * than the browser bundle's ES2017 target).
 */
import { Decimal } from "./exact";

/** Points with their unit: "15 điểm", "15đ", "15 đ", "7,5 điểm", "7.5 Điểm". */
export const POINTS = /^\s*(\d+(?:[.,]\d+)?)\s*(?:điểm|Điểm|ĐIỂM|đ|Đ)\s*$/;
/** A percentage: "90%", "90 %", "87,5 %". */
export const PERCENT = /^\s*(\d+(?:[.,]\d+)?)\s*%\s*$/;

/** What a number of a set is written as. */
export type Written = { readonly unit: "points" | "percent"; readonly value: Rational };

/** An exact non-negative rational: numerator / denominator, reduced, denominator > 0. */
export interface Rational {
  readonly n: Decimal;
  readonly d: Decimal;
}

const gcd = (a: Decimal, b: Decimal): Decimal => {
  let x = a.abs();
  let y = b.abs();
  while (!y.isZero()) [x, y] = [y, x.mod(y)];
  return x.isZero() ? new Decimal(1) : x;
};

export function rational(n: string | number | Decimal, d: string | number | Decimal): Rational {
  const a = new Decimal(n);
  const b = new Decimal(d);
  const g = gcd(a, b);
  return b.isNeg() ? { n: a.neg().div(g), d: b.neg().div(g) } : { n: a.div(g), d: b.div(g) };
}

/** "7,5" or "7.5" → 15/2; undefined for anything else (signs, exponents). */
export function decimalRational(text: string): Rational | undefined {
  const m = /^(\d+)(?:[.,](\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  const frac = m[2] ?? "";
  return rational(`${m[1]}${frac}`, new Decimal(10).pow(frac.length));
}

/** A number of a JSON file (an indicator's maxPoints) as a rational, if it is a plain decimal. */
export function numberRational(value: number): Rational | undefined {
  return Number.isFinite(value) && value >= 0 ? decimalRational(String(value)) : undefined;
}

/** An exact number of the schema ("3/4", "0.9", "2") as a rational; undefined if it is not one or divides by 0. */
export function exactRational(text: string): Rational | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*(\d+(?:\.\d+)?)\s*)?$/.exec(text);
  if (!m) return undefined;
  const a = decimalRational(m[1] as string);
  const b = m[2] === undefined ? rational(1, 1) : decimalRational(m[2]);
  if (!a || !b || b.n.isZero()) return undefined;
  return div(a, b);
}

export const mul = (a: Rational, b: Rational): Rational => rational(a.n.mul(b.n), a.d.mul(b.d));
export const div = (a: Rational, b: Rational): Rational => rational(a.n.mul(b.d), a.d.mul(b.n));
export const cmpRational = (a: Rational, b: Rational): number => a.n.mul(b.d).comparedTo(b.n.mul(a.d));
/** As decimal.js reads the fraction text (what the engine computes with). */
export const toDecimal = (r: Rational): Decimal => r.n.div(r.d);

/** The schema's spelling of a rational: "3/4", "2", "0" (never a float). */
export function fractionText(r: Rational): string {
  return r.d.eq(1) ? r.n.toFixed(0) : `${r.n.toFixed(0)}/${r.d.toFixed(0)}`;
}

/** A rational as Vietnamese writes a number: "7,5", "15", or "10/3" when it has no finite decimal. */
export function numberText(r: Rational): string {
  let d = r.d;
  while (d.mod(2).isZero()) d = d.div(2);
  while (d.mod(5).isZero()) d = d.div(5);
  if (!d.eq(1)) return fractionText(r);
  return r.n.div(r.d).toFixed().replace(".", ",");
}

/** "15 điểm" → points 15, "90 %" → percent 90; undefined for a plain number or anything else. NFC first: "điểm" typed decomposed is the same word. */
export function parseWritten(text: string): Written | undefined {
  const t = text.normalize("NFC");
  const points = POINTS.exec(t);
  if (points) {
    const value = decimalRational(points[1] as string);
    return value && { unit: "points", value };
  }
  const percent = PERCENT.exec(t);
  if (percent) {
    const value = decimalRational(percent[1] as string);
    return value && { unit: "percent", value };
  }
  return undefined;
}

/** A percentage as the fraction it is: 90 → 9/10. */
export const fromPercent = (value: Rational): Rational => div(value, rational(100, 1));
