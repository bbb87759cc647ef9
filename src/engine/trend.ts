/**
 * Progress across periods (issue 11 point 5): the scores of one unit's workbooks from several
 * reporting periods, in period order, with the change from the period before.
 *
 * The figures are the engine's own (the same UnitResult `dti score` reports), never recomputed.
 * An indicator whose score is unknown counts for nothing in its pillar's sum, as in `dti score`,
 * and every period says how many there were, so a low total is never silently a 0.
 */
import Decimal from "decimal.js";
import { unitNameKey } from "../catalog/labels";
import { comparePeriods, formatPeriod, type Period } from "../catalog/period";
import type { UnitResult } from "./types";

/** One workbook's scores: the file it came from, its period, its set, its result. */
export interface TrendEntry {
  readonly file: string;
  readonly period: Period;
  readonly setId: string;
  readonly result: UnitResult;
}

export interface TrendFigures {
  readonly total: Decimal;
  readonly index: Decimal;
  /** Points of each main index (pillar), in the set's order. */
  readonly mainIndexes: ReadonlyMap<string, Decimal>;
}

export interface TrendRow extends TrendFigures {
  readonly period: Period;
  readonly file: string;
  /** Indicators whose score is unknown in this period (skipped, never counted as 0). */
  readonly incomplete: readonly string[];
  /** This period minus the previous one; absent for the first. */
  readonly change?: TrendFigures;
}

export interface Trend {
  readonly unit: string;
  readonly setId: string;
  readonly rows: readonly TrendRow[];
}

function figures(result: UnitResult): TrendFigures {
  const mainIndexes = new Map<string, Decimal>();
  for (const [id, pillar] of Object.entries(result.pillars)) mainIndexes.set(id, pillar.score);
  return { total: result.total.score, index: result.total.index, mainIndexes };
}

function minus(a: TrendFigures, b: TrendFigures): TrendFigures {
  const mainIndexes = new Map<string, Decimal>();
  for (const [id, value] of a.mainIndexes) mainIndexes.set(id, value.minus(b.mainIndexes.get(id) ?? new Decimal(0)));
  return { total: a.total.minus(b.total), index: a.index.minus(b.index), mainIndexes };
}

/** Groups files by a key, for messages: `"Ninh Thuận" (a.xlsx, b.xlsx)`. */
function groups(entries: readonly TrendEntry[], key: (e: TrendEntry) => string, label: (e: TrendEntry) => string): string[] {
  const by = new Map<string, { label: string; files: string[] }>();
  for (const e of entries) {
    const k = key(e);
    const g = by.get(k) ?? { label: label(e), files: [] };
    g.files.push(e.file);
    by.set(k, g);
  }
  return [...by.values()].map((g) => `${g.label} (${g.files.join(", ")})`);
}

/**
 * The trend of one unit, or the reasons the files do not make one (Vietnamese sentences naming
 * the files): units or indicator sets that differ, a period given twice, no file at all.
 */
export function buildTrend(entries: readonly TrendEntry[]): Trend | { readonly errors: readonly string[] } {
  if (entries.length === 0) return { errors: ["cần ít nhất một sổ."] };
  const errors: string[] = [];
  const units = groups(entries, (e) => unitNameKey(e.result.name), (e) => `"${e.result.name.trim()}"`);
  if (units.length > 1) errors.push(`các sổ thuộc những đơn vị khác nhau (mục 1 Thông tin chung): ${units.join("; ")}. Mỗi lần chỉ so sánh các kỳ của một đơn vị.`);
  const sets = groups(entries, (e) => e.setId, (e) => `"${e.setId}"`);
  if (sets.length > 1) errors.push(`các sổ theo những bộ chỉ số khác nhau: ${sets.join("; ")}. Điểm của hai bộ khác nhau không so sánh được.`);
  const byPeriod = new Map<string, string[]>();
  for (const e of entries) {
    const p = formatPeriod(e.period);
    byPeriod.set(p, [...(byPeriod.get(p) ?? []), e.file]);
  }
  for (const [p, files] of byPeriod) {
    if (files.length > 1) errors.push(`kỳ ${p} có ${files.length} sổ: ${files.join(", ")}. Mỗi kỳ chỉ dùng một sổ.`);
  }
  if (errors.length) return { errors };
  const sorted = [...entries].sort((a, b) => comparePeriods(a.period, b.period));
  const rows: TrendRow[] = [];
  for (const e of sorted) {
    const own = figures(e.result);
    const previous = rows[rows.length - 1];
    rows.push({
      ...own,
      period: e.period,
      file: e.file,
      incomplete: e.result.total.incomplete,
      ...(previous ? { change: minus(own, previous) } : {}),
    });
  }
  const first = sorted[0] as TrendEntry;
  return { unit: first.result.name.trim(), setId: first.setId, rows };
}

/** The JSON `dti trend --json` prints: numbers as `dti score` prints them (unrounded). */
export function trendJson(trend: Trend): unknown {
  const plain = (f: TrendFigures) => ({
    total: f.total.toNumber(),
    index: f.index.toNumber(),
    mainIndexes: Object.fromEntries([...f.mainIndexes].map(([id, v]) => [id, v.toNumber()])),
  });
  return {
    unit: trend.unit,
    indicatorSet: trend.setId,
    periods: trend.rows.map((r) => ({
      period: formatPeriod(r.period),
      file: r.file,
      ...plain(r),
      incomplete: r.incomplete.length,
      ...(r.change ? { change: plain(r.change) } : {}),
    })),
  };
}
