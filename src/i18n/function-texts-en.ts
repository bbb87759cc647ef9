/**
 * The DTI.* functions' problems in English (the Vietnamese, which Excel shows, is
 * ./function-texts.ts), and the two paired for ./findings.ts, which spreads FUNCTION_TEXTS into
 * FINDINGS.
 */
import { bilingual } from "./bilingual";
import { FUNCTION_VI, type FunctionProblem, type FunctionRender, type FunctionTable, type ParamRef, type Why } from "./function-texts";
import type { Lang } from "./strings";

export type FunctionTexts = { readonly [C in FunctionProblem["code"]]: { readonly vi: FunctionRender<C>; readonly en: FunctionRender<C> } };

const pEn = (p: ParamRef): string => `argument ${p.name} ("${p.label}")`;

function whyEn(w: Why): string {
  switch (w.kind) {
    case "not-finite":
      return `must be a finite number (got ${w.value}).`;
    case "text":
      return `must be a number, not the text ${w.value}.`;
    case "boolean":
      return `must be a number, not the value ${w.value}.`;
    case "range":
      return "must be one cell, not a range of several cells.";
    case "unsupported":
      return "must be a number (unsupported data type).";
    case "negative":
      return `must not be negative (got ${w.value}).`;
    case "below-min":
      return `must be ${w.min} or more (got ${w.value}).`;
    case "not-above":
      return `must be greater than ${w.greaterThan} (got ${w.value}).`;
    case "above-max":
      return `must not be greater than ${w.max} (got ${w.value}).`;
  }
}

const REFERENCE_EN = { min: "minimum", max: "maximum" } as const;

export const FUNCTION_EN: FunctionTable = {
  "fn-missing": (f) => `${pEn(f.param)} is missing.`,
  "fn-zero-divisor": (f) => `${pEn(f.param)} is 0; cannot divide.`,
  "fn-bad": (f) => `${pEn(f.param)} ${whyEn(f.why)}`,
  "fn-bad-item": (f) => `${pEn(f.param)}, item ${f.position}, ${whyEn(f.why)}`,
  "fn-bad-sample": (f) => `${pEn(f.param)} has an item that ${whyEn(f.why)}`,
  "fn-sample-not-finite": (f) => `${pEn(f.param)} contains a value that is not a finite number (${f.value}).`,
  "fn-empty-list": (f) => `${pEn(f.param)} holds no number.`,
  "fn-not-boolean": (f) => `${pEn(f.param)} must be TRUE or FALSE (got ${f.value}).`,
  "fn-unknown-indicator": (f) => `there is no indicator "${f.id}" in the indicator set ${f.set}.`,
  "fn-unknown-set": (f) => `there is no indicator set "${f.setId}" (in ${f.value}); the sets are: ${f.known.join(", ")}.`,
  "fn-missing-indicator-id": (f) => `${pEn(f.param)} lacks the indicator id after "${f.setId}:", e.g. "${f.setId}:${f.example}".`,
  "fn-set-not-loaded": (f) => `the indicator set ${f.set} could not be loaded.`,
  "fn-ambiguous-id": (f) => `${pEn(f.param)} ${f.value} typed as a number may be ${f.ids.map((id) => `"${id}"`).join(" or ")}; type the indicator id as text.`,
  "fn-not-indicator-id": (f) => `${pEn(f.param)} must be an indicator id as text, e.g. "3.1" (got ${f.value}).`,
  "fn-not-text": (f) => `${pEn(f.param)} must be text (got ${f.value}).`,
  "fn-no-sample": () => "reference values are needed: the range compared (values) holds no number.",
  "fn-tiers-length": (f) => `${pEn(f.param)} must have as many items as the argument thresholds (${f.thresholds} thresholds, ${f.fractions} fractions).`,
  "fn-tiers-order": (f) => `${pEn(f.param)} must be sorted from high to low.`,
  "fn-unknown-part": (f) => `indicator ${f.indicator} has no variable "${f.part}" (variables: ${f.known.join(", ") || "none"}); see ${pEn(f.param)}.`,
  "fn-not-a-level": (f) => `indicator ${f.indicator}, variable ${f.variable} is not scored by level or choice; use DTI.SCORE.`,
  "fn-sum-of-children": (f) => `indicator ${f.indicator} is the sum of its sub-indicators ${f.children.join(", ")}; add up DTI.SCORE of each of them.`,
  "fn-too-many-values": (f) => {
    const expected = [...f.keys, ...(f.reference ? ["reference minimum", "reference maximum"] : [])];
    return `indicator ${f.indicator} takes at most ${expected.length} values (${expected.join(", ") || "none"}), ${f.given} given.`;
  },
  "fn-bad-reference": (f) => `Indicator ${f.indicator}: the reference ${REFERENCE_EN[f.bound]} ${whyEn(f.why)}`,
  "fn-incomplete": (f) => `Indicator ${f.indicator}: not every figure is entered.`,
  "fn-invalid": (f) => `Indicator ${f.indicator}: the figures are not valid.`,
  "fn-needs-reference": (f) => `Indicator ${f.indicator}: reference values (minimum and maximum) are needed.`,
  "fn-no-function": (f) => `DTI.${f.name}: there is no such function.`,
  "fn-too-many-arguments": (f) => `takes at most ${f.max} arguments, ${f.given} given.`,
  "fn-not-finite-result": (f) => `the result is not a finite number (${f.value}).`,
  "fn-unexpected": (f) => `unexpected error while computing (${f.detail}).`,
};

/** Every problem code with its Vietnamese and English text. */
export const FUNCTION_TEXTS: FunctionTexts = bilingual(FUNCTION_VI, FUNCTION_EN);

/** The text of a DTI.* function's problem in `lang`. */
export function problemText(p: FunctionProblem, lang: Lang): string {
  return (FUNCTION_TEXTS[p.code][lang] as (p: FunctionProblem) => string)(p);
}
