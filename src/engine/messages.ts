/**
 * The engine's findings, built in one place as data (code, indicator, variable, numbers).
 * Their Vietnamese and English text is rendered by src/i18n/engine-texts.ts, the engine's part
 * of the one message catalog (src/i18n/findings.ts).
 */
import type { Indicator, Variable } from "../catalog/schema";
import type { Message, RatioTerm } from "./types";

/** Text on one line, cut to `max` characters with an ellipsis. */
export function shorten(text: string, max: number): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

/** A typed value as messages quote it: text in quotes and shortened, anything else as written. */
export function shownValue(value: unknown): string {
  if (typeof value === "string") return `"${shorten(value, 40)}"`;
  return String(value);
}

const at = (i: Indicator, v: Variable): { indicator: string; variable: string; label: string } => ({
  indicator: i.id,
  variable: v.key,
  label: v.description,
});

export const msg = {
  missing: (i: Indicator, v: Variable): Message => ({ code: "missing-value", severity: "error", ...at(i, v) }),
  notANumber: (i: Indicator, v: Variable, value: unknown): Message => ({ code: "not-a-number", severity: "error", ...at(i, v), value: shownValue(value) }),
  notFinite: (i: Indicator, v: Variable, value: unknown): Message => ({ code: "not-finite", severity: "error", ...at(i, v), value: shownValue(value) }),
  negative: (i: Indicator, v: Variable, value: unknown): Message => ({ code: "negative", severity: "error", ...at(i, v), value: shownValue(value) }),
  notAnOption: (i: Indicator, v: Variable, value: unknown): Message => ({
    code: "not-an-option",
    severity: "error",
    ...at(i, v),
    value: shownValue(value),
    options: (v.options ?? []).map((o) => o.label),
  }),
  numeratorAboveDenominator: (i: Indicator, numerator: RatioTerm, denominator: RatioTerm): Message => ({
    code: "numerator-above-denominator",
    severity: "error",
    indicator: i.id,
    numerator,
    denominator,
  }),
  zeroDenominator: (i: Indicator, denominator: RatioTerm): Message => ({
    code: "zero-denominator",
    severity: "error",
    case: "no-ratio",
    indicator: i.id,
    denominator,
  }),
  zeroDenominatorNone: (i: Indicator, denominator: RatioTerm, none: Variable): Message => ({
    code: "zero-denominator",
    severity: "warning",
    case: "none-unanswered",
    indicator: i.id,
    denominator,
    variable: none.key,
    noneLabel: none.options?.[0]?.label ?? "Không phát sinh",
  }),
  noneAnswered: (i: Indicator, none: Variable): Message => ({ code: "none-answer", severity: "info", case: "confirmed", indicator: i.id, variable: none.key }),
  noneContradicted: (i: Indicator, none: Variable, denominator: RatioTerm): Message => ({
    code: "none-answer",
    severity: "warning",
    case: "contradicted",
    indicator: i.id,
    variable: none.key,
    denominator,
  }),
  zeroDenominatorScoresZero: (i: Indicator, denominator: RatioTerm): Message => ({
    code: "zero-denominator",
    severity: "info",
    case: "scores-zero",
    indicator: i.id,
    denominator,
  }),
  disagreesWithInfo: (i: Indicator, v: Variable, given: string, items: readonly number[], linked: string): Message => ({
    code: "disagrees-with-info",
    severity: "error",
    ...at(i, v),
    given,
    items,
    linked,
  }),
  disagreesWithLinked: (i: Indicator, v: Variable, given: string, other: { indicator: string; variable: string }, linked: string): Message => ({
    code: "disagrees-with-linked",
    severity: "error",
    ...at(i, v),
    given,
    other: { indicator: other.indicator, variable: other.variable },
    linked,
  }),
  needsReference: (i: Indicator): Message => ({ code: "needs-reference", severity: "warning", indicator: i.id }),
  invalidReference: (i: Indicator, why: "not-numbers" | "min-above-max", min: unknown, max: unknown): Message => ({
    code: "invalid-reference",
    severity: "error",
    case: why,
    indicator: i.id,
    min: String(min),
    max: String(max),
  }),
  unknownVariable: (i: Indicator, key: string): Message => ({
    code: "unknown-variable",
    severity: "warning",
    indicator: i.id,
    key,
    known: i.variables.map((v) => v.key),
  }),
  unscored: (i: Indicator): Message => ({ code: "unscored", severity: "info", indicator: i.id }),
  childrenIncomplete: (i: Indicator, children: readonly string[]): Message => ({
    code: "sub-indicator-incomplete",
    severity: "warning",
    indicator: i.id,
    children,
  }),
};
