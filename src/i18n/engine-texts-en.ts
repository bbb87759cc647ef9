/**
 * The engine's part of the one message catalog, in English (the Vietnamese is ./engine-texts.ts),
 * and the two paired for ./findings.ts, which spreads ENGINE_TEXTS into FINDINGS.
 */
import { SHAPE_VI, type ShapeCode, type ShapeProblem, type ShapeTable } from "../engine/errors";
import type { Message, MessageCode } from "../engine/types";
import { bilingual } from "./bilingual";
import { ENGINE_VI, term, type EngineRender, type EngineTable } from "./engine-texts";
import type { Lang } from "./strings";

export type EngineTexts = { readonly [C in MessageCode]: { readonly vi: EngineRender<C>; readonly en: EngineRender<C> } };

/** "5.12.1, 5.12.2 and 5.12.4" */
export function listEn(ids: readonly string[]): string {
  if (ids.length <= 1) return ids.join("");
  return `${ids.slice(0, -1).join(", ")} and ${ids[ids.length - 1] as string}`;
}

const whereEn = (f: { indicator: string; variable: string }): string => `Indicator ${f.indicator}, variable ${f.variable}`;

export const ENGINE_EN: EngineTable = {
  "missing-value": (f) => `${whereEn(f)}: no value entered.`,
  "not-a-number": (f) => `${whereEn(f)}: the value ${f.value} is not a number.`,
  "not-finite": (f) => `${whereEn(f)}: the value ${f.value} is not a finite number.`,
  negative: (f) => `${whereEn(f)}: the value ${f.value} is negative; figures must be 0 or more.`,
  "not-an-option": (f) => `${whereEn(f)}: ${f.value} is not one of the options (${f.options.map((o, n) => `${n + 1} = "${o}"`).join("; ")}).`,
  "numerator-above-denominator": (f) =>
    `Indicator ${f.indicator}: the numerator (${term(f.numerator)}) is greater than the denominator (${term(f.denominator)}); a ratio above 100 % is a data error. The score is provisionally capped at the maximum.`,
  "zero-denominator": (f) => {
    const den = term(f.denominator);
    switch (f.case) {
      case "no-ratio":
        return `Indicator ${f.indicator}: the denominator is 0 (${den}); no ratio can be computed, the score is 0.`;
      case "scores-zero":
        return `Indicator ${f.indicator}: the denominator is 0 (${den}); this part scores 0.`;
      case "none-unanswered":
        return `Indicator ${f.indicator}: the denominator is 0 (${den}), i.e. nothing occurred that needed handling. If so, answer "${f.noneLabel}" (nothing occurred) in variable ${f.variable} to earn full points; unanswered, the score is 0.`;
    }
  },
  "none-answer": (f) =>
    f.case === "confirmed"
      ? `Indicator ${f.indicator}: "nothing occurred" confirmed (variable ${f.variable}); full points.`
      : `Indicator ${f.indicator}: answered "nothing occurred" (variable ${f.variable}) but the denominator is ${term(f.denominator)}; the answer is ignored.`,
  "disagrees-with-info": (f) =>
    `${whereEn(f)}: the value typed, ${f.given}, differs from general information item ${f.items.join(" + ")} (${f.linked}). Enter this figure once, on "Thông tin chung".`,
  "disagrees-with-linked": (f) =>
    `${whereEn(f)}: the value typed, ${f.given}, differs from the same figure in indicator ${f.other.indicator}, variable ${f.other.variable} (${f.linked}). Enter this figure once.`,
  "needs-reference": (f) =>
    `Indicator ${f.indicator}: reference values (the minimum/maximum of the units compared) are needed to score it against other units; not scored yet.`,
  "invalid-reference": (f) =>
    `Indicator ${f.indicator}: invalid reference values (min = ${f.min}, max = ${f.max}); they must be numbers of 0 or more, the minimum not above the maximum.`,
  "unknown-variable": (f) =>
    `Indicator ${f.indicator}: a value was given for variable "${f.key}", which the scoring rule does not use (variables: ${f.known.join(", ") || "none"}); it is ignored.`,
  unscored: (f) => `Indicator ${f.indicator}: tracked, not scored.`,
  "sub-indicator-incomplete": (f) => `Indicator ${f.indicator}: ${listEn(f.children)} cannot be scored yet; the score adds only the sub-indicators that can.`,
};

/** Every engine message code with its Vietnamese and English text. */
export const ENGINE_TEXTS: EngineTexts = bilingual(ENGINE_VI, ENGINE_EN);

/** The text of an engine message in `lang`. */
export function messageText(m: Message, lang: Lang): string {
  return (ENGINE_TEXTS[m.code][lang] as (m: Message) => string)(m);
}

/** The engine's shape errors (../engine/errors.ts, where the Vietnamese is) in English. */
export const SHAPE_EN: ShapeTable = {
  "duplicate-unit": (f) => `The unit name "${f.unit}" appears twice (same as "${f.before}"); each unit may have one set of figures only.`,
  "unknown-indicator-id": (f) => `There is no indicator "${f.id}" in the indicator set ${f.set}.`,
  "unit-unknown-indicator": (f) =>
    f.case === "values"
      ? `Unit "${f.unit}": there is no indicator "${f.id}" in the indicator set ${f.set}.`
      : `Unit "${f.unit}": reference values for indicator "${f.id}", which the indicator set ${f.set} does not have.`,
  "unit-unknown-info": (f) => `Unit "${f.unit}": there is no general-information item "${f.item}" in the indicator set ${f.set} (it has: ${f.known.join(", ") || "none"}).`,
};

type ShapeRender<C extends ShapeCode> = (f: Extract<ShapeProblem, { readonly code: C }>) => string;

/** Every shape-error code with its Vietnamese and English text. */
export const SHAPE_TEXTS: { readonly [C in ShapeCode]: { readonly vi: ShapeRender<C>; readonly en: ShapeRender<C> } } = bilingual(SHAPE_VI, SHAPE_EN);
