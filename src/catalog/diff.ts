/**
 * How two indicator sets of the same id differ, for a person deciding whether one may replace
 * the other (the copy the DTI.* functions use on this computer: src/functions/set-store.ts).
 * Pure and DOM-free; ids are data (Maps), never object properties.
 *
 * What changes scores is kept apart from what changes only words: an indicator's rule, variables
 * (options and their fractions included), maximum, pillar or parent are its scoring; its name,
 * scoring text, agencies and reading are wording.
 */
import type { Indicator, IndicatorSet } from "./schema";

export type SetField = "name" | "source" | "year" | "maxTotal";

export interface SetDiff {
  /** Same data, whatever the order of keys in the JSON. */
  readonly identical: boolean;
  /** Set-level fields that differ. */
  readonly fields: readonly SetField[];
  readonly indicators: {
    /** In the incoming set only (its order). */
    readonly added: readonly string[];
    /** In the stored set only (its order). */
    readonly removed: readonly string[];
    /** In both, scored differently: rule, variables, maximum, pillar or parent. */
    readonly rules: readonly string[];
    /** In both, scored alike but worded differently: name, scoring text, agencies, reading. */
    readonly wording: readonly string[];
  };
  readonly pillars: { readonly added: readonly string[]; readonly removed: readonly string[]; readonly changed: readonly string[] };
  readonly infoItems: { readonly added: readonly number[]; readonly removed: readonly number[]; readonly changed: readonly number[] };
}

/** JSON with object keys sorted, so that equal data compares equal whatever order it was written in. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

const scoring = (i: Indicator): string => canonicalJson({ pillar: i.pillar, parent: i.parent, maxPoints: i.maxPoints, variables: i.variables, rule: i.rule });
const wording = (i: Indicator): string =>
  canonicalJson({ name: i.name, scoringText: i.scoringText, responsible: i.responsible, coordinating: i.coordinating, reading: i.reading });

/** Added, removed and changed keys of two keyed lists, in the order each list gives them. */
function compare<K, T>(before: readonly T[], after: readonly T[], key: (x: T) => K, same: (a: T, b: T) => boolean): { added: K[]; removed: K[]; changed: K[] } {
  const old = new Map(before.map((x) => [key(x), x]));
  const now = new Map(after.map((x) => [key(x), x]));
  const added = after.map(key).filter((k) => !old.has(k));
  const removed = before.map(key).filter((k) => !now.has(k));
  const changed = after.filter((x) => old.has(key(x)) && !same(old.get(key(x)) as T, x)).map(key);
  return { added, removed, changed };
}

export function diffSets(stored: IndicatorSet, incoming: IndicatorSet): SetDiff {
  const fields = (["name", "source", "year", "maxTotal"] as const).filter((f) => stored[f] !== incoming[f]);
  const ind = compare(stored.indicators, incoming.indicators, (i) => i.id, (a, b) => scoring(a) === scoring(b));
  const both = new Map(stored.indicators.map((i) => [i.id, i]));
  const worded = incoming.indicators
    .filter((i) => both.has(i.id) && !ind.changed.includes(i.id) && wording(both.get(i.id) as Indicator) !== wording(i))
    .map((i) => i.id);
  const pillars = compare(stored.pillars, incoming.pillars, (p) => p.id, (a, b) => canonicalJson(a) === canonicalJson(b));
  const infoItems = compare(stored.infoItems, incoming.infoItems, (x) => x.id, (a, b) => canonicalJson(a) === canonicalJson(b));
  return {
    identical: canonicalJson(stored) === canonicalJson(incoming),
    fields,
    indicators: { added: ind.added, removed: ind.removed, rules: ind.changed, wording: worded },
    pillars,
    infoItems,
  };
}
