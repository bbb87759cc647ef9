/**
 * The shape every indicator set satisfies.
 *
 * An indicator set is data: the official text verbatim, plus a structured rule per
 * indicator that the engine evaluates. Templates, function help, validation messages
 * and the CLI are all derived from it. A new year's set, or a province's own set for
 * its departments and districts, is a new value of this type, not new code.
 *
 * Numbers that take part in scoring (fractions, thresholds, tiers) are written as
 * strings ("1/2", "0.8") so that they are read exactly by decimal.js, never through
 * binary floating point.
 */

/** An exact number: a decimal ("0.25", "2") or a fraction of two integers ("1/2", "4/5"). */
export type ExactNumber = string;

/** One answer of a choice (a level, or yes/no) and the fraction of the points it earns. */
export interface ChoiceOption {
  /** The label as the official text writes it (Vietnamese). */
  readonly label: string;
  /** Fraction of the points (of the indicator, or of its part) this answer earns. */
  readonly fraction: ExactNumber;
  /** For yes/no choices: the boolean that selects this option (`true` = yes). */
  readonly value?: boolean;
  /** Why this option is read as it is, where the text leaves it open (Vietnamese). */
  readonly note?: string;
}

/** A variable is a raw figure or an answer that staff type in; the rule computes from it. */
export interface Variable {
  /** The letter the official text uses (`a`, `b`, …), or `a` where the text names none (§16). */
  readonly key: string;
  /** Vietnamese description, verbatim from the text where it has one. */
  readonly description: string;
  /** Unit of a number ("người", "hộ", "tỷ đồng", "hệ thống", …); "" for choices. */
  readonly unit: string;
  readonly type: "number" | "choice";
  /** The answers of a choice, in the order the text writes them (position 1 = first). */
  readonly options?: readonly ChoiceOption[];
  /**
   * General-information items this variable equals the sum of (reference README §15).
   * Typed once on "Thông tin chung"; the indicator links to it.
   */
  readonly info?: readonly number[];
  /** The same quantity asked elsewhere in the appendix; it is entered once there (§15). */
  readonly sameAs?: { readonly indicator: string; readonly variable: string };
  /** Not needed for a score (e.g. the "không phát sinh" answer of 5.5 and 5.11). */
  readonly optional?: boolean;
}

/** A ratio Σnumerator / Σdenominator built from variables. */
export interface RatioSpec {
  /** Variable keys added up to make the numerator. */
  readonly numerator: readonly string[];
  /** Variable keys added up to make the denominator, or a constant fixed by the text. */
  readonly denominator: readonly string[] | { readonly constant: ExactNumber };
  /**
   * The numerator counts a subset of the denominator, so numerator > denominator is a
   * data error (§1). Where it is not a subset (7.9, 7.10, 3.6 a/7) a ratio above 1 is
   * legitimate and only the cap applies.
   */
  readonly subset: boolean;
  /**
   * What a zero denominator means.
   * - "status" (default): status `zero-denominator`, score 0 (§12).
   * - "scores-zero": the part scores 0 and the status stays ok (3.6 with d = 0, §6).
   */
  readonly zeroDenominator?: "status" | "scores-zero";
  /**
   * Key of an optional yes/no variable meaning "không phát sinh" (nothing to handle):
   * with a zero denominator and this answered yes, the indicator earns full points (5.5, 5.11; §12).
   */
  readonly noneAnswer?: string;
}

/** One step of a tier table: values at or above `atLeast` earn `fraction` of the points. */
export interface Tier {
  readonly atLeast: ExactNumber;
  readonly fraction: ExactNumber;
}

/** What a cross-unit rule compares: a ratio of variables, or one amount. */
export type Measure = { readonly ratio: RatioSpec } | { readonly amount: string };

/** A part of a multi-part rule (§6): its share of the points and how the part is scored. */
export interface Part {
  /** Share of the indicator's max points this part is worth ("1/2", "4/5"). */
  readonly share: ExactNumber;
  /** Short Vietnamese name of the part, as the text heads it. */
  readonly label: string;
  readonly rule: PartRule;
}

export type PartRule = RatioRule | ChoiceRule;

/** "Tỷ lệ=a/b; Điểm=Tỷ lệ*Điểm tối đa": min(ratio, 1) × max (§1). */
export interface RatioRule {
  readonly kind: "ratio";
  readonly ratio: RatioSpec;
}

/** "Tỷ lệ ≥ T: điểm tối đa; Tỷ lệ < T: Điểm = Tỷ lệ*Điểm tối đa", read literally by default (§2). */
export interface ThresholdLiteralRule {
  readonly kind: "threshold-literal";
  readonly ratio: RatioSpec;
  readonly threshold: ExactNumber;
}

/** "Tỷ lệ/T*Điểm tối đa": min(ratio / T, 1) × max (§3). */
export interface ThresholdScaledRule {
  readonly kind: "threshold-scaled";
  readonly ratio: RatioSpec;
  readonly threshold: ExactNumber;
}

/** 100 % earns max, anything less earns 0 (6.8, §4). */
export interface AllOrNothingRule {
  readonly kind: "all-or-nothing";
  readonly ratio: RatioSpec;
}

/** Tiers on a ratio (5.12.1, §5). Tiers are listed from the highest down; below all → 0. */
export interface TiersRatioRule {
  readonly kind: "tiers-ratio";
  readonly ratio: RatioSpec;
  readonly tiers: readonly Tier[];
}

/**
 * Tiers on an amount or count (5.12.2–5.12.6 in tỷ đồng, §5; 1.5 on the number of articles).
 * With a `gate` (a yes/no variable), answering no earns 0 and the amount is not needed.
 */
export interface TiersAmountRule {
  readonly kind: "tiers-amount";
  readonly amount: string;
  readonly tiers: readonly Tier[];
  readonly gate?: string;
}

/** Parts added together, each capped at its own share (§6). */
export interface MultiPartRule {
  readonly kind: "multi-part";
  readonly parts: readonly Part[];
}

/** One answer mapped to a fraction of max (§7). */
export interface ChoiceRule {
  readonly kind: "choice";
  readonly variable: string;
}

/** A number of qualifying items, `pointsEach` each, never more than max (§8). */
export interface CappedCountRule {
  readonly kind: "capped-count";
  readonly count: string;
  readonly pointsEach: ExactNumber;
}

/** (x − min)/(max − min) × max points across the units compared (§9). */
export interface MinMaxRule {
  readonly kind: "min-max";
  readonly measure: Measure;
}

/** x / best x × max points across the units compared (§10). */
export interface RatioToBestRule {
  readonly kind: "ratio-to-best";
  readonly measure: Measure;
}

/** The sum of the child indicators' scores (5.12 = Σ 5.12.1–5.12.6, §5). */
export interface SumOfChildrenRule {
  readonly kind: "sum-of-children";
  readonly children: readonly string[];
}

/** Tracked, not scored (IX, §13). */
export interface UnscoredRule {
  readonly kind: "unscored";
}

export type Rule =
  | RatioRule
  | ThresholdLiteralRule
  | ThresholdScaledRule
  | AllOrNothingRule
  | TiersRatioRule
  | TiersAmountRule
  | MultiPartRule
  | ChoiceRule
  | CappedCountRule
  | MinMaxRule
  | RatioToBestRule
  | SumOfChildrenRule
  | UnscoredRule;

export type RuleKind = Rule["kind"];

export interface Indicator {
  /** The appendix id: "3.1", "5.12.1". */
  readonly id: string;
  /** The pillar (main index) it belongs to: "I" … "IX". */
  readonly pillar: string;
  /** For sub-indicators (5.12.1–5.12.6): the indicator whose rule sums them. Never counted twice. */
  readonly parent?: string;
  /** Name, verbatim. */
  readonly name: string;
  /** Scoring method ("Phương pháp tính điểm"), verbatim. */
  readonly scoringText: string;
  readonly maxPoints: number;
  /** Responsible agency ("Cơ quan chủ trì"), verbatim; inherited from the parent where the text gives none. */
  readonly responsible: string;
  /** Coordinating agencies ("Cơ quan phối hợp"), verbatim; "" where the text has "-". */
  readonly coordinating: string;
  readonly variables: readonly Variable[];
  readonly rule: Rule;
  /**
   * The reading the product takes where the text is terse or inconsistent, in Vietnamese,
   * citing the reference README section (e.g. "§2: …"). Shown in the catalog and function help.
   */
  readonly reading?: string;
}

export interface Pillar {
  /** Roman numeral, as the appendix numbers the main indices. */
  readonly id: string;
  readonly name: string;
  readonly maxPoints: number;
}

/** A general-information item ("Thông tin chung"), typed once and linked to by indicators. */
export interface InfoItem {
  readonly id: number;
  readonly name: string;
  readonly responsible: string;
  readonly type: "text" | "number";
  /** Unit of a number item ("người", "tỷ đồng", …); "" for text. */
  readonly unit: string;
}

export interface IndicatorSet {
  /** Stable id, e.g. "dti-province-2022". */
  readonly id: string;
  /** Vietnamese title. */
  readonly name: string;
  /** Where the set comes from (decision, plan, appendix). */
  readonly source: string;
  readonly year: number;
  /** The sum of the pillar maxima (1000 for the provincial DTI). The index is total / maxTotal. */
  readonly maxTotal: number;
  readonly infoItems: readonly InfoItem[];
  readonly pillars: readonly Pillar[];
  /** In appendix order. */
  readonly indicators: readonly Indicator[];
}
