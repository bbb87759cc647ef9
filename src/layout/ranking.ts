/**
 * Comparing units scored together (`dti aggregate`, issue 5): the ranking by total, each
 * unit's gap to the best unit per indicator, and the units whose data is incomplete.
 * Pure: takes the engine's UnitResult[], no I/O, exact decimals throughout.
 */
import type { Indicator, IndicatorSet } from "../catalog/schema";
import { Decimal } from "../engine/rules";
import type { Message, Status, UnitResult } from "../engine/types";

/** Vietnamese labels of the engine's statuses (§17: codes in JSON, words for people). */
export const STATUS_VI: Readonly<Record<Status, string>> = {
  ok: "đủ số liệu",
  missing: "thiếu số liệu",
  invalid: "số liệu không hợp lệ",
  "zero-denominator": "mẫu số bằng 0",
  "needs-reference": "cần giá trị tham chiếu",
  unscored: "không tính điểm",
};

export interface RankedUnit {
  /** Position of the unit in the results given. */
  readonly position: number;
  readonly name: string;
  /** 1 for the best total; units with equal totals share a rank and the next rank is skipped (1, 2, 2, 4), as Excel's RANK. */
  readonly rank: number;
  readonly total: Decimal;
  readonly index: Decimal;
}

/** Units by total, best first; equal totals share a rank and are listed by name. */
export function rankUnits(results: readonly UnitResult[]): RankedUnit[] {
  const order = results
    .map((r, position) => ({ r, position }))
    .sort((a, b) => b.r.total.score.comparedTo(a.r.total.score) || a.r.name.localeCompare(b.r.name, "vi") || a.position - b.position);
  const out: RankedUnit[] = [];
  order.forEach(({ r, position }, n) => {
    const previous = out[n - 1];
    const rank = previous && previous.total.eq(r.total.score) ? previous.rank : n + 1;
    out.push({ position, name: r.name, rank, total: r.total.score, index: r.total.index });
  });
  return out;
}

/**
 * The indicators in the order the summary shows them: by pillar, each pillar's counted
 * indicators in appendix order, a sum's children (5.12.1–5.12.6) right after the sum.
 * `counted` is false for the children: the pillar total counts their sum once (§5, §14).
 */
export function indicatorColumns(set: IndicatorSet): { readonly indicator: Indicator; readonly counted: boolean }[] {
  const out: { indicator: Indicator; counted: boolean }[] = [];
  for (const pillar of set.pillars) {
    for (const ind of set.indicators) {
      if (ind.pillar !== pillar.id || ind.parent !== undefined) continue;
      out.push({ indicator: ind, counted: true });
      for (const child of set.indicators) if (child.parent === ind.id) out.push({ indicator: child, counted: false });
    }
  }
  return out;
}

export interface BestScore {
  /** The best known score among the units; null when no unit has one. */
  readonly score: Decimal | null;
  /** Names of the units that reach it. */
  readonly units: readonly string[];
}

export interface UnitGaps {
  readonly name: string;
  /** Best total − this unit's total. */
  readonly total: Decimal;
  /** pillar id → best pillar score − this unit's. */
  readonly pillars: Readonly<Record<string, Decimal>>;
  /** indicator id → best score − this unit's; null when this unit's score is unknown. */
  readonly indicators: Readonly<Record<string, Decimal | null>>;
}

export interface Gaps {
  readonly best: {
    readonly total: BestScore;
    readonly pillars: Readonly<Record<string, BestScore>>;
    readonly indicators: Readonly<Record<string, BestScore>>;
  };
  /** In the order of the results given. */
  readonly units: readonly UnitGaps[];
}

function bestOf(results: readonly UnitResult[], score: (r: UnitResult) => Decimal | null): BestScore {
  let best: Decimal | null = null;
  let units: string[] = [];
  for (const r of results) {
    const s = score(r);
    if (s === null) continue;
    if (best === null || s.gt(best)) {
      best = s;
      units = [r.name];
    } else if (s.eq(best)) units.push(r.name);
  }
  return { score: best, units };
}

/** Each unit's distance to the best unit: on the total, per pillar and per indicator. */
export function gapsToBest(set: IndicatorSet, results: readonly UnitResult[]): Gaps {
  const total = bestOf(results, (r) => r.total.score);
  const pillars: Record<string, BestScore> = {};
  for (const p of set.pillars) pillars[p.id] = bestOf(results, (r) => r.pillars[p.id]?.score ?? null);
  const indicators: Record<string, BestScore> = {};
  for (const ind of set.indicators) indicators[ind.id] = bestOf(results, (r) => r.indicators[ind.id]?.score ?? null);
  const units = results.map((r): UnitGaps => {
    const pillarGaps: Record<string, Decimal> = {};
    for (const p of set.pillars) {
      const best = pillars[p.id]?.score ?? null;
      const own = r.pillars[p.id]?.score ?? null;
      pillarGaps[p.id] = best !== null && own !== null ? best.minus(own) : new Decimal(0);
    }
    const indicatorGaps: Record<string, Decimal | null> = {};
    for (const ind of set.indicators) {
      const best = indicators[ind.id]?.score ?? null;
      const own = r.indicators[ind.id]?.score ?? null;
      indicatorGaps[ind.id] = best !== null && own !== null ? best.minus(own) : null;
    }
    return { name: r.name, total: (total.score ?? r.total.score).minus(r.total.score), pillars: pillarGaps, indicators: indicatorGaps };
  });
  return { best: { total, pillars, indicators }, units };
}

export interface IncompleteIndicator {
  readonly id: string;
  readonly status: Status;
  /** Vietnamese label of the status. */
  readonly statusText: string;
  /** The engine's error and warning messages on this indicator (its children's, for a sum). */
  readonly messages: readonly Message[];
}

export interface IncompleteUnit {
  /** Position of the unit in the results given. */
  readonly position: number;
  readonly name: string;
  /** Ids of the counted indicators whose score is unknown or rests on unknown children (the engine's total.incomplete). */
  readonly ids: readonly string[];
  readonly indicators: readonly IncompleteIndicator[];
}

/** The units whose total is a lower bound, with the incomplete indicators and why. */
export function incompleteUnits(set: IndicatorSet, results: readonly UnitResult[]): IncompleteUnit[] {
  const children = new Map<string, string[]>();
  for (const ind of set.indicators) {
    if (ind.parent) children.set(ind.parent, [...(children.get(ind.parent) ?? []), ind.id]);
  }
  const out: IncompleteUnit[] = [];
  results.forEach((r, position) => {
    if (r.total.incomplete.length === 0) return;
    const indicators = r.total.incomplete.map((id): IncompleteIndicator => {
      const o = r.indicators[id];
      const status: Status = o ? o.status : "missing";
      const own = (o?.messages ?? []).filter((m) => m.severity !== "info");
      const fromChildren = (children.get(id) ?? []).flatMap((c) => {
        const child = r.indicators[c];
        return child && child.score === null ? child.messages.filter((m) => m.severity !== "info") : [];
      });
      return { id, status, statusText: STATUS_VI[status], messages: [...own, ...fromChildren] };
    });
    out.push({ position, name: r.name, ids: r.total.incomplete, indicators });
  });
  return out;
}
