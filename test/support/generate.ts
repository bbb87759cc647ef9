/**
 * Seeded random, well-formed inputs for a whole indicator set: the benchmark's workload
 * and the random cases on which tests compare the exact engine with the float floor.
 * Numerators of subset ratios never exceed their denominators; choices are 1-based positions;
 * linked variables (§15) are left out so that they come from their link.
 */
import type { Indicator, IndicatorSet, Variable } from "../../src/catalog/schema";
import type { UnitInput } from "../../src/engine/types";
import type { FloatUnit } from "./float-floor";
import { ratioSpecs } from "../../src/catalog/rule-parts";

/** mulberry32: a small, fast, seeded PRNG, so every run scores the same units. */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}


function isLinked(v: Variable): boolean {
  return v.info !== undefined || v.sameAs !== undefined;
}

function freeNumber(v: Variable, rnd: () => number): number {
  if (v.unit === "tỷ đồng") return Math.round(rnd() * 300) / 100;
  return Math.floor(rnd() * 2000);
}

/** One unit: info items, then free variables, then subset numerators scaled under their denominators. */
export function randomUnit(set: IndicatorSet, name: string, rnd: () => number): { unit: UnitInput; float: FloatUnit } {
  const info: Record<string, number> = {};
  for (const item of set.infoItems) {
    if (item.type === "number") info[String(item.id)] = item.unit === "tỷ đồng" ? 50 + Math.round(rnd() * 5000) / 100 : 1 + Math.floor(rnd() * 100000);
  }
  const values: Record<string, Record<string, number>> = {};
  const get = (ind: Indicator, key: string): number => {
    const v = ind.variables.find((x) => x.key === key) as Variable;
    if (v.info) return v.info.reduce((s, i) => s + (info[String(i)] ?? 0), 0);
    if (v.sameAs) return values[v.sameAs.indicator]?.[v.sameAs.variable] ?? 0;
    return values[ind.id]?.[key] ?? 0;
  };
  for (const ind of set.indicators) {
    const row: Record<string, number> = {};
    for (const v of ind.variables) {
      if (isLinked(v)) continue;
      if (v.type === "choice") row[v.key] = 1 + Math.floor(rnd() * (v.options?.length ?? 1));
      else row[v.key] = freeNumber(v, rnd);
    }
    values[ind.id] = row;
  }
  for (const ind of set.indicators) {
    for (const spec of ratioSpecs(ind.rule)) {
      if (!spec.subset || spec.denominator.kind !== "variables") continue;
      const den = spec.denominator.variables.reduce((s, k) => s + get(ind, k), 0);
      const free = spec.numerator.filter((k) => !isLinked(ind.variables.find((v) => v.key === k) as Variable));
      let budget = Math.floor(den * rnd());
      for (const [n, key] of free.entries()) {
        const share = n === free.length - 1 ? budget : Math.floor(budget * rnd());
        (values[ind.id] as Record<string, number>)[key] = share;
        budget -= share;
      }
    }
  }
  return { unit: { name, values, info }, float: { values, info } };
}

export function randomUnits(set: IndicatorSet, count: number, seed: number): { units: UnitInput[]; floats: FloatUnit[] } {
  const rnd = prng(seed);
  const units: UnitInput[] = [];
  const floats: FloatUnit[] = [];
  for (let n = 0; n < count; n++) {
    const { unit, float } = randomUnit(set, `Đơn vị ${n + 1}`, rnd);
    units.push(unit);
    floats.push(float);
  }
  return { units, floats };
}

/** Random reference min/max for every cross-unit row (§9, §10), for a unit scored alone. */
export function withRandomReferences(set: IndicatorSet, unit: UnitInput, rnd: () => number): UnitInput {
  const reference: Record<string, { min: number; max: number }> = {};
  for (const ind of set.indicators) {
    if (ind.rule.kind !== "min-max" && ind.rule.kind !== "ratio-to-best") continue;
    const scale = ind.rule.measure.kind === "ratio" ? 1 : 2500;
    const a = rnd() * scale;
    const b = rnd() * scale;
    reference[ind.id] = { min: Math.min(a, b), max: Math.max(a, b) };
  }
  return { ...unit, reference };
}
