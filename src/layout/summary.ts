/**
 * What the task pane shows after computing: pillar scores against their maxima, the total
 * and the DTI index as the ministry publishes it (4 decimals, "0,3048"), the state of the
 * alternative readings (§2, §10), last year's results, the ministry's published result with
 * the gaps, the previous period's figures with the change, and the annual targets; and one
 * agency's share. Pure: every score comes from the engine's result through the same report
 * the CLI prints (src/engine/report.ts), so the pane and `dti score` never disagree;
 * differences (deltas, gaps) are computed exactly before they become JSON numbers.
 */
import type { IndicatorSet } from "../catalog/schema";
import { toReport } from "../engine/report";
import { Decimal, formatIndexVi } from "../engine/rules";
import type { IndicatorOutcome, ScoreOptions, Status, UnitResult } from "../engine/types";
import { ownValue, putOwn } from "../catalog/own";
import { isComplete } from "../engine/predicates";
import { agencyAssignments, sameAgency, splitAgencies } from "../catalog/agencies";
import type { ReadResult } from "./read-inputs";
import { countFindings, type Counts, type Finding, type ValidationReport } from "./validate";

export interface PillarSummary {
  readonly id: string;
  readonly name: string;
  readonly score: number;
  readonly maxPoints: number;
  /** score / maxPoints as a fraction (0.4413 = 44,13 %), as Excel's % format stores it; null when the maximum is 0 (IX). */
  readonly percent: number | null;
  /** Ids of its indicators without a (complete) score: the score is a lower bound. */
  readonly incomplete: readonly string[];
  /** Last year's score in points (DTI_PREV_PILLAR_<id>); present when a ReadResult was given, null when not typed. */
  readonly previous?: number | null;
  /** score − previous; null when there is no previous score. */
  readonly delta?: number | null;
  /**
   * The ministry's published value of this main index (DTI_PUB_PILLAR_<id>, 0..1); present
   * when the summary has `published`, null when not typed for this main index.
   */
  readonly published?: number | null;
  /** Self-assessed value (score / maxPoints, i.e. `percent`) − published, exact; null when either is unknown. */
  readonly publishedGap?: number | null;
  /** The gap to 4 decimals, signed, as the index is published: "+0,0123", "-0,0045", "±0,0000". */
  readonly publishedGapDisplay?: string | null;
  /** The previous period's points (DTI_LAST_PILLAR_<id>); present when the summary has `lastPeriod`. */
  readonly last?: number | null;
  /** score − last, exact; null when there is no previous-period score. */
  readonly lastDelta?: number | null;
}

export interface IndicatorSummary {
  readonly id: string;
  readonly name: string;
  readonly pillar: string;
  /** For 5.12.1–5.12.6: 5.12, which counts them (they are not counted again in the pillar). */
  readonly parent?: string;
  readonly score: number | null;
  readonly maxPoints: number;
  readonly status: Status;
  readonly ratio?: number | null;
  /** The annual target in points (DTI_<id>_TARGET); null when not typed or no ReadResult given. */
  readonly target: number | null;
  /** target − score: points still to gain (≤ 0: target reached); null when either is unknown. */
  readonly gapToTarget: number | null;
}

export interface PreviousSummary {
  readonly total: number | null;
  /** As typed, or derived from the typed total (total / maxTotal) when only that was typed. */
  readonly index: number | null;
  readonly indexDisplay: string | null;
  readonly totalDelta: number | null;
  readonly indexDelta: number | null;
  /** "+0,0123" / "-0,0045", 4 decimals as the index itself. */
  readonly indexDeltaDisplay: string | null;
}

/** The DTI against the ministry's published value (DTI_PUB_INDEX). */
export interface PublishedSummary {
  /** The published DTI index (0..1), null when not typed (main indexes may be). */
  readonly index: number | null;
  readonly indexDisplay: string | null;
  /** Our index − published, exact; null when not typed. */
  readonly gap: number | null;
  /** "+0,0123" / "-0,0045" / "±0,0000". */
  readonly gapDisplay: string | null;
}

/** The previous reporting period's figures (DTI_LAST_*, written by the rollover) and the change since. */
export interface LastPeriodSummary {
  /** "Quý II/2026"; null when the period cell is empty. */
  readonly period: string | null;
  readonly total: number | null;
  readonly totalDelta: number | null;
  readonly index: number | null;
  readonly indexDisplay: string | null;
  readonly indexDelta: number | null;
  readonly indexDeltaDisplay: string | null;
}

export interface ComputeSummary {
  readonly unit: string;
  readonly pillars: readonly PillarSummary[];
  readonly total: number;
  readonly maxTotal: number;
  /** total / maxTotal, unrounded (the CLI's `index`). */
  readonly index: number;
  /** The index as the ministry publishes it: "0,3048". */
  readonly indexDisplay: string;
  /** §2 alternative threshold reading on (DTI_OPT_ALT_THRESHOLD = "Có"). */
  readonly altThreshold: boolean;
  /** §10 every "Min-Max" row scored as ratio to the best unit (DTI_OPT_MINMAX_AS_BEST = "Có"). */
  readonly minMaxAsBest: boolean;
  /** Indicators counted in the total whose score is unknown or incomplete. */
  readonly incomplete: readonly string[];
  /** Every indicator in appendix order, 5.12's children included (marked with `parent`). */
  readonly indicators: readonly IndicatorSummary[];
  /** Last year's results; present when a ReadResult was given. */
  readonly previous?: PreviousSummary;
  /**
   * The ministry's published result; present when at least one published value (a main index
   * or the DTI) is typed. Each pillar then carries `published`, `publishedGap`, `publishedGapDisplay`.
   */
  readonly published?: PublishedSummary;
  /**
   * The previous period's figures; present when the workbook holds them (after a rollover).
   * Each pillar then carries `last` and `lastDelta`.
   */
  readonly lastPeriod?: LastPeriodSummary;
}

function exactNumber(value: number): Decimal {
  return new Decimal(value);
}

function signedIndex(delta: Decimal): string {
  const rounded = delta.toDecimalPlaces(4);
  if (rounded.isZero()) return "±0,0000";
  return `${rounded.isNegative() ? "-" : "+"}${formatIndexVi(rounded.abs())}`;
}

/**
 * The figures of the compute view. `options` are those the result was scored with;
 * `read` (optional) brings last year's results and the annual targets.
 */
export function summarize(set: IndicatorSet, result: UnitResult, options: ScoreOptions, read?: ReadResult): ComputeSummary {
  // Only the figures are used here: messages are not rendered.
  const unit = toReport(set, [result], options, (m) => m.code).units[0];
  if (!unit) throw new Error("summarize: no unit in the report");
  const prev = read?.previous;
  const pub = read?.published;
  const typedPublished = pub !== undefined && (pub.index !== null || Object.values(pub.pillars).some((n) => n !== null)) ? pub : undefined;
  const last = read?.lastPeriod;

  const pillars: PillarSummary[] = set.pillars.map((p) => {
    const exact = result.pillars[p.id];
    const shown = unit.pillars[p.id];
    const score = exact?.score ?? new Decimal(0);
    const base = {
      id: p.id,
      name: p.name,
      score: shown?.score ?? 0,
      maxPoints: p.maxPoints,
      percent: p.maxPoints > 0 ? score.div(p.maxPoints).toNumber() : null,
      incomplete: shown?.incomplete ?? [],
    };
    const withPrevious = (() => {
      if (!prev) return base;
      const before = ownValue(prev.pillars, p.id) ?? null;
      return { ...base, previous: before, delta: before === null ? null : score.minus(exactNumber(before)).toNumber() };
    })();
    const withPublished = (() => {
      if (!typedPublished) return withPrevious;
      const published = ownValue(typedPublished.pillars, p.id) ?? null;
      // The main index's value, as the ministry publishes it: its points over its maximum.
      const gap = published === null || p.maxPoints <= 0 ? null : score.div(p.maxPoints).minus(exactNumber(published));
      return { ...withPrevious, published, publishedGap: gap === null ? null : gap.toNumber(), publishedGapDisplay: gap === null ? null : signedIndex(gap) };
    })();
    if (!last) return withPublished;
    const lastScore = ownValue(last.pillars, p.id) ?? null;
    return { ...withPublished, last: lastScore, lastDelta: lastScore === null ? null : score.minus(exactNumber(lastScore)).toNumber() };
  });

  const indicators: IndicatorSummary[] = set.indicators.map((ind) => {
    const o: IndicatorOutcome | undefined = result.indicators[ind.id];
    const shown = unit.indicators[ind.id];
    const target = read?.annotations.target[ind.id] ?? null;
    const gap = target === null || !o || o.score === null ? null : exactNumber(target).minus(o.score).toNumber();
    return {
      id: ind.id,
      name: ind.name,
      pillar: ind.pillar,
      ...(ind.parent ? { parent: ind.parent } : {}),
      score: shown?.score ?? null,
      maxPoints: ind.maxPoints,
      status: shown?.status ?? "missing",
      ...(shown && "ratio" in shown ? { ratio: shown.ratio ?? null } : {}),
      target,
      gapToTarget: gap,
    };
  });

  let previous: PreviousSummary | undefined;
  if (prev) {
    const index =
      prev.index !== null ? exactNumber(prev.index) : prev.total !== null ? exactNumber(prev.total).div(set.maxTotal) : null;
    const indexDelta = index === null ? null : result.total.index.minus(index);
    previous = {
      total: prev.total,
      index: index === null ? null : index.toNumber(),
      indexDisplay: index === null ? null : formatIndexVi(index),
      totalDelta: prev.total === null ? null : result.total.score.minus(exactNumber(prev.total)).toNumber(),
      indexDelta: indexDelta === null ? null : indexDelta.toNumber(),
      indexDeltaDisplay: indexDelta === null ? null : signedIndex(indexDelta),
    };
  }

  let published: PublishedSummary | undefined;
  if (typedPublished) {
    const index = typedPublished.index === null ? null : exactNumber(typedPublished.index);
    const gap = index === null ? null : result.total.index.minus(index);
    published = {
      index: index === null ? null : index.toNumber(),
      indexDisplay: index === null ? null : formatIndexVi(index),
      gap: gap === null ? null : gap.toNumber(),
      gapDisplay: gap === null ? null : signedIndex(gap),
    };
  }

  let lastPeriod: LastPeriodSummary | undefined;
  if (last) {
    const index = last.index === null ? null : exactNumber(last.index);
    const indexDelta = index === null ? null : result.total.index.minus(index);
    lastPeriod = {
      period: last.period,
      total: last.total,
      totalDelta: last.total === null ? null : result.total.score.minus(exactNumber(last.total)).toNumber(),
      index: index === null ? null : index.toNumber(),
      indexDisplay: index === null ? null : formatIndexVi(index),
      indexDelta: indexDelta === null ? null : indexDelta.toNumber(),
      indexDeltaDisplay: indexDelta === null ? null : signedIndex(indexDelta),
    };
  }

  return {
    unit: unit.name,
    pillars,
    total: unit.total.score,
    maxTotal: unit.total.maxPoints,
    index: unit.total.index,
    indexDisplay: unit.total.indexDisplay,
    altThreshold: options.altThreshold === true,
    minMaxAsBest: options.minMaxAsRatioToBest === true,
    incomplete: unit.total.incomplete,
    indicators,
    ...(previous ? { previous } : {}),
    ...(published ? { published } : {}),
    ...(lastPeriod ? { lastPeriod } : {}),
  };
}

// ---------------------------------------------------------------- comparison (dti score)

/** One main index in `dti score`'s "comparison": self-assessed, published, previous period. */
export interface MainIndexComparison {
  readonly points: number;
  readonly maxPoints: number;
  /** points / maxPoints, exact; null when the maximum is 0 (IX). */
  readonly value: number | null;
  readonly published: number | null;
  /** value − published; null when either is unknown. */
  readonly gap: number | null;
  /** The previous period's points, and points − last. */
  readonly last: number | null;
  readonly change: number | null;
}

/**
 * What `dti score` adds to its JSON (key "comparison") for a workbook, additively: per main
 * index and for the DTI, our self-assessed value beside the ministry's published one and the
 * gap, and the previous period's figures with the change. Values are the summary's (exact
 * decimals turned into JSON numbers last); null where the workbook has nothing.
 */
export interface ScoreComparison {
  readonly mainIndexes: Readonly<Record<string, MainIndexComparison>>;
  readonly total: { readonly points: number; readonly maxPoints: number; readonly last: number | null; readonly change: number | null };
  readonly index: {
    readonly value: number;
    readonly valueDisplay: string;
    readonly published: number | null;
    readonly gap: number | null;
    readonly gapDisplay: string | null;
    readonly last: number | null;
    readonly change: number | null;
  };
  /** The previous period ("Quý III/2026"), null when the workbook holds none. */
  readonly lastPeriod: string | null;
}

export function scoreComparison(s: ComputeSummary): ScoreComparison {
  const mainIndexes: Record<string, MainIndexComparison> = {};
  for (const p of s.pillars) {
    putOwn(mainIndexes, p.id, {
      points: p.score,
      maxPoints: p.maxPoints,
      value: p.percent,
      published: p.published ?? null,
      gap: p.publishedGap ?? null,
      last: p.last ?? null,
      change: p.lastDelta ?? null,
    });
  }
  return {
    mainIndexes,
    total: { points: s.total, maxPoints: s.maxTotal, last: s.lastPeriod?.total ?? null, change: s.lastPeriod?.totalDelta ?? null },
    index: {
      value: s.index,
      valueDisplay: s.indexDisplay,
      published: s.published?.index ?? null,
      gap: s.published?.gap ?? null,
      gapDisplay: s.published?.gapDisplay ?? null,
      last: s.lastPeriod?.index ?? null,
      change: s.lastPeriod?.indexDelta ?? null,
    },
    lastPeriod: s.lastPeriod?.period ?? null,
  };
}

// ---------------------------------------------------------------- one agency

export interface AgencyIndicator {
  readonly id: string;
  readonly name: string;
  readonly pillar: string;
  readonly score: number | null;
  readonly maxPoints: number;
  readonly status: Status;
  /** Scored, and not resting on sub-indicators that are not (5.12). */
  readonly complete: boolean;
  /** Findings on this indicator's row (or naming it among those affected). */
  readonly counts: Counts;
}

export interface AgencySummary {
  readonly agency: string;
  readonly leads: readonly AgencyIndicator[];
  readonly coordinates: readonly AgencyIndicator[];
  /**
   * Issue 13, point 4: the indicators whose data it verifies ("Đơn vị phối hợp xác minh"), each
   * with the evidence the set requires for it ("" when the set names none).
   */
  readonly verifies: readonly (AgencyIndicator & { readonly evidenceRequired: string })[];
  /** General-information items the agency provides. */
  readonly infoItems: readonly { readonly id: number; readonly name: string }[];
  /**
   * Of the scored indicators it leads (IX is tracked, not scored, and left out), how many
   * have a complete score; `percent` is scored / total as a fraction, null when it leads none.
   */
  readonly completion: { readonly scored: number; readonly total: number; readonly percent: number | null };
  /** Errors it owns (see Finding.agencies), in report order. */
  readonly openErrors: readonly Finding[];
  readonly counts: Counts;
}

/** Every agency the set names (responsible, coordinating, providing general information), in first-seen order. */
export function agencyNames(set: IndicatorSet): string[] {
  const out = agencyAssignments(set).map((a) => a.agency);
  // An agency that only verifies (named in "verifiedBy" alone) has its view too, after the others.
  for (const a of verifiers(set)) if (!out.some((b) => sameAgency(a, b))) out.push(a);
  return out;
}

/** The agencies named as verifying an indicator's data, in first-seen order. */
function verifiers(set: IndicatorSet): string[] {
  const out: string[] = [];
  for (const ind of set.indicators) for (const a of splitAgencies(ind.verifiedBy ?? "")) if (!out.some((b) => sameAgency(a, b))) out.push(a);
  return out;
}

/** "My agency": what it leads and coordinates, how much of what it leads is scored, its open errors. */
export function agencySummary(set: IndicatorSet, result: UnitResult, report: ValidationReport, agency: string): AgencySummary {
  const entry = agencyAssignments(set).find((a) => sameAgency(a.agency, agency));
  const row = (id: string): AgencyIndicator | null => {
    const ind = set.indicators.find((i) => i.id === id);
    if (!ind) return null;
    const o = result.indicators[id];
    const about = report.findings.filter((f) => f.indicator === id || f.affects?.includes(id));
    return {
      id,
      name: ind.name,
      pillar: ind.pillar,
      score: o && o.score !== null ? o.score.toNumber() : null,
      maxPoints: ind.maxPoints,
      status: o?.status ?? "missing",
      complete: isComplete(o),
      counts: countFindings(about),
    };
  };
  const rows = (list: readonly { id: string }[] | undefined): AgencyIndicator[] =>
    (list ?? []).map((i) => row(i.id)).filter((r): r is AgencyIndicator => r !== null);
  const leads = rows(entry?.leads);
  const coordinates = rows(entry?.coordinates);
  const verifies = set.indicators
    .filter((i) => !i.parent && splitAgencies(i.verifiedBy ?? "").some((a) => sameAgency(a, agency)))
    .map((i) => {
      const r = row(i.id);
      return r && { ...r, evidenceRequired: i.evidenceRequired ?? "" };
    })
    .filter((r): r is AgencyIndicator & { evidenceRequired: string } => r !== null);
  const scoredLeads = (entry?.leads ?? []).filter((i) => i.rule.kind !== "unscored");
  const scored = scoredLeads.filter((i) => isComplete(result.indicators[i.id])).length;
  const mine = report.findings.filter((f) => f.agencies.some((a) => sameAgency(a, agency)));
  return {
    agency: entry?.agency ?? agency,
    leads,
    coordinates,
    verifies,
    infoItems: (entry?.infoItems ?? []).map((id) => ({ id, name: set.infoItems.find((i) => i.id === id)?.name ?? "" })),
    completion: { scored, total: scoredLeads.length, percent: scoredLeads.length ? scored / scoredLeads.length : null },
    openErrors: mine.filter((f) => f.severity === "error"),
    counts: countFindings(mine),
  };
}
