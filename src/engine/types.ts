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

/** A message for users (Vietnamese) with a stable code for tests and tools. */
export interface Message {
  readonly code: MessageCode;
  readonly severity: Severity;
  /** Vietnamese text naming the indicator and, where there is one, the variable. */
  readonly text: string;
  readonly indicator?: string;
  readonly variable?: string;
}

export type MessageCode =
  | "missing-value"
  | "not-a-number"
  | "negative"
  | "not-finite"
  | "not-an-option"
  | "numerator-above-denominator"
  | "zero-denominator"
  | "none-answer"
  | "disagrees-with-info"
  | "disagrees-with-linked"
  | "needs-reference"
  | "invalid-reference"
  | "unknown-variable"
  | "unscored"
  | "reading"
  | "sub-indicator-incomplete";

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
