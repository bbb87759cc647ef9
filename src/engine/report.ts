/**
 * The JSON report shared by `dti score`, `dti aggregate` and the task pane:
 * exact decimals turned into JSON numbers at the very end, never rounded (§17).
 */
import type { IndicatorSet } from "../catalog/schema";
import { putOwn } from "../catalog/own";
import { formatIndexVi } from "./rules";
import type { Message, MessageCode, ScoreOptions, Severity, Status, UnitResult } from "./types";

/** A message as the JSON report prints it: its code, severity, text and variable. */
export interface ReportMessage {
  readonly code: MessageCode;
  readonly severity: Severity;
  readonly text: string;
  readonly variable?: string;
}

/** Renders a message's text (src/i18n/findings.ts: `messageVi`); the engine writes no sentences. */
export type MessageText = (m: Message) => string;

export interface IndicatorReport {
  readonly score: number | null;
  readonly maxPoints: number;
  readonly status: Status;
  readonly messages: readonly ReportMessage[];
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

/**
 * The report of `results`. `text` renders each message; callers that print the report pass
 * the catalog's Vietnamese (`messageVi`), those that read only the figures may pass any.
 */
export function toReport(set: IndicatorSet, results: readonly UnitResult[], options: ScoreOptions, text: MessageText): ScoreReport {
  const said = (m: Message): ReportMessage =>
    m.variable === undefined ? { code: m.code, severity: m.severity, text: text(m) } : { code: m.code, severity: m.severity, text: text(m), variable: m.variable };
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
          messages: o.messages.map(said),
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
