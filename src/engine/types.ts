/** Inputs and outcomes of the scoring engine. Host-neutral: no Office.js, no DOM. */
import type { Decimal } from "./rules";

/**
 * A raw value as it arrives from JSON, a cell or a custom-function argument.
 * Numbers for figures; `true`/`false`, an option label or its 1-based position for choices.
 * Anything else (text where a number belongs, NaN, …) is reported, never thrown.
 */
export type InputValue = number | string | boolean | null | undefined;

/** Variables of one indicator, keyed by the letters the official text uses. */
export type IndicatorValues = Readonly<Record<string, InputValue>>;

/**
 * Reference values for min-max and ratio-to-best rows when a unit is scored alone (§9, §10).
 * When two or more units with a value are scored together, min and max come from them and
 * these are not used.
 */
export interface ReferenceRange {
  readonly min?: number;
  readonly max?: number;
}

/** One unit (a province, or a department/district in a province's own ranking). */
export interface UnitInput {
  readonly name: string;
  /** indicator id → variable letter → value */
  readonly values: Readonly<Record<string, IndicatorValues>>;
  /** General-information items, keyed by item number ("4": population, …) (§15, §17). */
  readonly info?: Readonly<Record<string, InputValue>>;
  /** indicator id → reference min/max of the compared population (§9). */
  readonly reference?: Readonly<Record<string, ReferenceRange>>;
}

export interface ScoreOptions {
  /** §2 alternative reading of the literal thresholds: ratio/T × max below T. Off by default. */
  readonly altThreshold?: boolean;
  /** §10 alternative reading: every "Min-Max" row scored as ratio to the best unit. Off by default. */
  readonly minMaxAsRatioToBest?: boolean;
}

export type Status = "ok" | "missing" | "invalid" | "zero-denominator" | "needs-reference" | "unscored";

export type Severity = "error" | "warning" | "info";

/**
 * A ratio's numerator or denominator as a message quotes it: the variables summed and their
 * exact total ("a + b = 5"), or the constant of a fixed denominator (just the value).
 */
export interface RatioTerm {
  readonly keys?: readonly string[];
  /** Exact decimal, as decimal.js writes it. */
  readonly value: string;
}

interface About {
  readonly severity: Severity;
  readonly indicator: string;
  /** The variable the message is about, where there is one. */
  readonly variable?: string;
}

interface AboutVariable extends About {
  readonly variable: string;
  /** The variable's description in the set, so staff can find the row. */
  readonly label: string;
}

/**
 * What the engine found, as data: a stable code, the indicator, the variable and the
 * numbers involved. Text in Vietnamese and English is rendered from these by the one
 * message catalog (src/i18n/findings.ts, the engine's part in src/i18n/engine-texts.ts); the
 * engine writes no sentences, except the shape errors it throws (DtiError, ./errors.ts).
 * Values typed by users are kept as shown: text quoted and shortened, numbers as written.
 */
export type Message =
  | (AboutVariable & { readonly code: "missing-value" })
  | (AboutVariable & { readonly code: "not-a-number"; readonly value: string })
  | (AboutVariable & { readonly code: "not-finite"; readonly value: string })
  | (AboutVariable & { readonly code: "negative"; readonly value: string })
  | (AboutVariable & { readonly code: "not-an-option"; readonly value: string; readonly options: readonly string[] })
  | (About & { readonly code: "numerator-above-denominator"; readonly numerator: RatioTerm; readonly denominator: RatioTerm })
  | (About & { readonly code: "zero-denominator"; readonly case: "no-ratio" | "scores-zero"; readonly denominator: RatioTerm })
  | (About & {
      readonly code: "zero-denominator";
      readonly case: "none-unanswered";
      readonly denominator: RatioTerm;
      /** The "không phát sinh" variable and the label of its answer that earns the points. */
      readonly variable: string;
      readonly noneLabel: string;
    })
  | (About & { readonly code: "none-answer"; readonly case: "confirmed"; readonly variable: string })
  | (About & { readonly code: "none-answer"; readonly case: "contradicted"; readonly variable: string; readonly denominator: RatioTerm })
  | (AboutVariable & { readonly code: "disagrees-with-info"; readonly given: string; readonly items: readonly number[]; readonly linked: string })
  | (AboutVariable & {
      readonly code: "disagrees-with-linked";
      readonly given: string;
      readonly other: { readonly indicator: string; readonly variable: string };
      readonly linked: string;
    })
  | (About & { readonly code: "needs-reference" })
  | (About & { readonly code: "invalid-reference"; readonly case: "not-numbers" | "min-above-max"; readonly min: string; readonly max: string })
  | (About & { readonly code: "unknown-variable"; readonly key: string; readonly known: readonly string[] })
  | (About & { readonly code: "unscored" })
  | (About & { readonly code: "sub-indicator-incomplete"; readonly children: readonly string[] });

export type MessageCode = Message["code"];

export interface IndicatorOutcome {
  readonly id: string;
  /** Points earned; null when they cannot be known (missing or invalid input, no reference). */
  readonly score: Decimal | null;
  readonly maxPoints: number;
  readonly status: Status;
  readonly messages: readonly Message[];
  /** The ratio the rule computed, where it has one (for display in templates and the pane). */
  readonly ratio?: Decimal | null;
}

export interface PillarResult {
  readonly id: string;
  /** Sum of the known scores of its indicators (5.12 once, not its children, §14). */
  readonly score: Decimal;
  readonly maxPoints: number;
  /** Ids of indicators whose score is unknown (null), so the sum is a lower bound. */
  readonly incomplete: readonly string[];
}

export interface UnitResult {
  readonly name: string;
  readonly indicators: Readonly<Record<string, IndicatorOutcome>>;
  readonly pillars: Readonly<Record<string, PillarResult>>;
  readonly total: {
    readonly score: Decimal;
    readonly maxPoints: number;
    /** total / maxTotal, unrounded (§17); display with formatIndexVi. */
    readonly index: Decimal;
    readonly incomplete: readonly string[];
  };
}
