/**
 * The same scoring arithmetic in plain binary floats, written independently of the
 * engine from the catalog schema and the README readings. Two uses:
 * - the benchmark's floor: how fast the work could go without exact decimals;
 * - an oracle in tests: the exact engine must agree with it to 1e-9 on random inputs.
 * It handles only well-formed input (numbers ≥ 0, options as 1-based positions).
 */
import type { CaseRule, GroupPart, Indicator, IndicatorSet, Measure, Part, RatioSpec, Rule } from "../../src/catalog/schema";

export type FloatValues = Record<string, Record<string, number>>;

export interface FloatUnit {
  readonly values: FloatValues;
  readonly info?: Record<string, number>;
}

export interface FloatResult {
  readonly scores: Record<string, number | null>;
  readonly pillars: Record<string, number>;
  readonly total: number;
}

function num(text: string): number {
  const [a, b] = text.split("/");
  return b === undefined ? Number(a) : Number(a) / Number(b);
}

function value(ind: Indicator, key: string, unit: FloatUnit, depth = 0): number | undefined {
  const given = unit.values[ind.id]?.[key];
  if (given !== undefined) return given;
  const v = ind.variables.find((x) => x.key === key);
  if (v?.info) {
    let s = 0;
    for (const item of v.info) {
      const x = unit.info?.[String(item)];
      if (x === undefined) return undefined;
      s += x;
    }
    return s;
  }
  if (v?.sameAs && depth < 4) {
    return unit.values[v.sameAs.indicator]?.[v.sameAs.variable];
  }
  return undefined;
}

function sum(ind: Indicator, keys: readonly string[], unit: FloatUnit): number | undefined {
  let s = 0;
  for (const k of keys) {
    const x = value(ind, k, unit);
    if (x === undefined) return undefined;
    s += x;
  }
  return s;
}

/** The ratio, or a fixed fraction decided by a zero denominator, or undefined when missing. */
function ratio(ind: Indicator, spec: RatioSpec, unit: FloatUnit): { r: number } | { f: number } | undefined {
  const n = sum(ind, spec.numerator, unit);
  const d = spec.denominator.kind === "variables" ? sum(ind, spec.denominator.variables, unit) : num(spec.denominator.constant);
  if (n === undefined || d === undefined) return undefined;
  if (d === 0) {
    if (spec.noneAnswer !== undefined && n === 0) {
      const pos = unit.values[ind.id]?.[spec.noneAnswer];
      const opt = pos === undefined ? undefined : ind.variables.find((v) => v.key === spec.noneAnswer)?.options?.[pos - 1];
      if (opt && num(opt.fraction) > 0) return { f: 1 };
    }
    return { f: 0 };
  }
  return { r: n / d };
}

const cap = (x: number): number => Math.min(Math.max(x, 0), 1);

function choice(ind: Indicator, key: string, unit: FloatUnit): number | undefined {
  const pos = unit.values[ind.id]?.[key];
  const opt = pos === undefined ? undefined : ind.variables.find((v) => v.key === key)?.options?.[pos - 1];
  return opt ? num(opt.fraction) : undefined;
}

function withRatio(ind: Indicator, spec: RatioSpec, unit: FloatUnit, then: (r: number) => number): number | undefined {
  const r = ratio(ind, spec, unit);
  if (r === undefined) return undefined;
  return "f" in r ? r.f : then(r.r);
}

/** What a part adds, as a fraction of max (a capped count and a group are capped at their share). */
function part(ind: Indicator, p: Part | GroupPart, unit: FloatUnit): number | undefined {
  const share = num(p.share);
  const rule = p.rule;
  switch (rule.kind) {
    case "ratio": {
      const f = withRatio(ind, rule.ratio, unit, cap);
      return f === undefined ? undefined : f * share;
    }
    case "choice": {
      const f = choice(ind, rule.variable, unit);
      return f === undefined ? undefined : f * share;
    }
    case "capped-count": {
      const c = value(ind, rule.count, unit);
      return c === undefined || ind.maxPoints === 0 ? undefined : Math.min(c * num(rule.pointsEach), share * ind.maxPoints) / ind.maxPoints;
    }
    case "group": {
      let s = 0;
      for (const q of rule.parts) {
        const f = part(ind, q, unit);
        if (f === undefined) return undefined;
        s += f;
      }
      return Math.min(s, share);
    }
  }
}

function tiers(x: number, list: readonly { atLeast: string; fraction: string }[]): number {
  for (const t of list) if (x >= num(t.atLeast)) return num(t.fraction);
  return 0;
}

function fraction(ind: Indicator, rule: Rule | CaseRule, unit: FloatUnit, alt: boolean): number | undefined {
  switch (rule.kind) {
    case "ratio":
      return withRatio(ind, rule.ratio, unit, cap);
    case "threshold-literal": {
      const t = num(rule.threshold);
      return withRatio(ind, rule.ratio, unit, (r) => (r >= t ? 1 : cap(alt ? r / t : r)));
    }
    case "threshold-scaled": {
      const t = num(rule.threshold);
      return withRatio(ind, rule.ratio, unit, (r) => cap(r / t));
    }
    case "all-or-nothing":
      return withRatio(ind, rule.ratio, unit, (r) => (r >= 1 ? 1 : 0));
    case "tiers-ratio":
      return withRatio(ind, rule.ratio, unit, (r) => tiers(r, rule.tiers));
    case "tiers-amount": {
      if (rule.gate !== undefined) {
        const g = choice(ind, rule.gate, unit);
        if (g === undefined) return undefined;
        if (g === 0) return 0;
      }
      const a = value(ind, rule.amount, unit);
      return a === undefined ? undefined : tiers(a, rule.tiers);
    }
    case "multi-part": {
      let s = 0;
      for (const p of rule.parts) {
        const f = part(ind, p, unit);
        if (f === undefined) return undefined;
        s += f;
      }
      return s;
    }
    case "best-of": {
      let best = 0;
      for (const c of rule.cases) {
        const f = fraction(ind, c.rule, unit, alt);
        if (f === undefined) return undefined;
        best = Math.max(best, f);
      }
      return best;
    }
    case "choice":
      return choice(ind, rule.variable, unit);
    case "capped-count": {
      const c = value(ind, rule.count, unit);
      return c === undefined || ind.maxPoints === 0 ? undefined : Math.min(c * num(rule.pointsEach), ind.maxPoints) / ind.maxPoints;
    }
    default:
      return undefined;
  }
}

function measure(ind: Indicator, m: Measure, unit: FloatUnit): number | undefined {
  if (m.kind === "amount") return value(ind, m.amount, unit);
  const r = ratio(ind, m.ratio, unit);
  return r && "r" in r ? r.r : undefined;
}

/** Scores units together in floats: min-max and ratio-to-best across them (≥ 2 units with values). */
export function floatScore(set: IndicatorSet, units: readonly FloatUnit[], alt = false): FloatResult[] {
  const scores: Record<string, number | null>[] = units.map(() => ({}));
  for (const ind of set.indicators) {
    const rule = ind.rule;
    if (rule.kind === "unscored") {
      scores.forEach((s) => (s[ind.id] = 0));
    } else if (rule.kind === "min-max" || rule.kind === "ratio-to-best") {
      const xs = units.map((u) => measure(ind, rule.measure, u));
      const known = xs.filter((x): x is number => x !== undefined);
      const lo = Math.min(...known);
      const hi = Math.max(...known);
      xs.forEach((x, n) => {
        const s = scores[n] as Record<string, number | null>;
        if (x === undefined || known.length < 2) s[ind.id] = null;
        else if (rule.kind === "ratio-to-best") s[ind.id] = hi <= 0 ? 0 : cap(x / hi) * ind.maxPoints;
        else if (hi === lo) s[ind.id] = x > 0 ? ind.maxPoints : 0;
        else s[ind.id] = cap((x - lo) / (hi - lo)) * ind.maxPoints;
      });
    } else if (rule.kind !== "sum-of-children") {
      units.forEach((u, n) => {
        const f = fraction(ind, rule, u, alt);
        (scores[n] as Record<string, number | null>)[ind.id] = f === undefined ? null : f * ind.maxPoints;
      });
    }
  }
  for (const ind of set.indicators) {
    const rule = ind.rule;
    if (rule.kind !== "sum-of-children") continue;
    for (const s of scores) s[ind.id] = rule.children.reduce((acc, id) => acc + (s[id] ?? 0), 0);
  }
  return scores.map((s) => {
    const pillars: Record<string, number> = {};
    let total = 0;
    for (const p of set.pillars) {
      let ps = 0;
      for (const ind of set.indicators) if (ind.pillar === p.id && !ind.parent) ps += s[ind.id] ?? 0;
      pillars[p.id] = ps;
      total += ps;
    }
    return { scores: s, pillars, total };
  });
}
