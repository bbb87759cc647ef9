/**
 * The JSON report shared by `dti score`, `dti aggregate` and the task pane:
 * exact decimals turned into JSON numbers at the very end, never rounded (§17).
 */
import type { IndicatorSet } from "../catalog/schema";
import { putOwn } from "../catalog/own";
import { formatIndexVi } from "./rules";
import type { Message, ScoreOptions, Status, UnitResult } from "./types";

export interface IndicatorReport {
  readonly score: number | null;
  readonly maxPoints: number;
  readonly status: Status;
  readonly messages: readonly Omit<Message, "indicator">[];
  readonly ratio?: number | null;
}

export interface UnitReport {
  readonly name: string;
  readonly indicators: Record<string, IndicatorReport>;
  readonly pillars: Record<string, { score: number; maxPoints: number; incomplete: readonly string[] }>;
  readonly total: {
    score: number;
    maxPoints: number;
    index: number;
    /** The index as the ministry publishes it: 4 decimals, decimal comma (e.g. "0,3048"). */
    indexDisplay: string;
    incomplete: readonly string[];
  };
}

export interface ScoreReport {
  readonly indicatorSet: string;
  readonly options: { readonly altThreshold: boolean; readonly minMaxAsRatioToBest: boolean };
  readonly units: readonly UnitReport[];
}

function withoutIndicator(m: Message): Omit<Message, "indicator"> {
  const { indicator: _ignored, ...rest } = m;
  return rest;
}

export function toReport(set: IndicatorSet, results: readonly UnitResult[], options: ScoreOptions = {}): ScoreReport {
  return {
    indicatorSet: set.id,
    options: { altThreshold: options.altThreshold === true, minMaxAsRatioToBest: options.minMaxAsRatioToBest === true },
    units: results.map((r) => {
      const indicators: Record<string, IndicatorReport> = {};
      for (const [id, o] of Object.entries(r.indicators)) {
        const base = {
          score: o.score === null ? null : o.score.toNumber(),
          maxPoints: o.maxPoints,
          status: o.status,
          messages: o.messages.map(withoutIndicator),
        };
        putOwn(indicators, id, o.ratio === undefined ? base : { ...base, ratio: o.ratio === null ? null : o.ratio.toNumber() });
      }
      const pillars: UnitReport["pillars"] = {};
      for (const [id, p] of Object.entries(r.pillars)) {
        putOwn(pillars, id, { score: p.score.toNumber(), maxPoints: p.maxPoints, incomplete: p.incomplete });
      }
      return {
        name: r.name,
        indicators,
        pillars,
        total: {
          score: r.total.score.toNumber(),
          maxPoints: r.total.maxPoints,
          index: r.total.index.toNumber(),
          indexDisplay: formatIndexVi(r.total.index),
          incomplete: r.total.incomplete,
        },
      };
    }),
  };
}
