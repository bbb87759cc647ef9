/**
 * The shape every indicator set satisfies, declared once.
 *
 * An indicator set is data: the official text verbatim, plus a structured rule per
 * indicator that the engine evaluates. Templates, validation messages
 * and the CLI are all derived from it. A new year's set, or a province's own set for
 * its departments and districts, is a new value of this type, not new code.
 *
 * The declaration below (`indicatorSetDecl`) gives:
 * - the TypeScript types exported here (`IndicatorSet`, `Rule`, …), through ./decl.ts;
 * - the fields the loader accepts and requires (./load.ts), whose checks and messages are its own;
 * - the JSON Schema published for authors of sets, docs/set-schema.json (`npm run schema`),
 *   whose descriptions of each field are in ./schema-docs.ts, typed by this declaration (a field
 *   without one does not compile), apart so that the browser's bundles do not carry them.
 * A new rule kind or field is one entry here; a rule kind in the union that the loader, the
 * engine or the describer does not handle fails to compile there (they switch over `Rule["kind"]`).
 *
 * Numbers that take part in scoring (fractions, thresholds, tiers) are written as
 * strings ("1/2", "0.8") so that they are read exactly by decimal.js, never through
 * binary floating point.
 *
 * In memory, the unions that first-version files tell apart by which key is present carry a
 * `kind`: a `Measure` ({"ratio": …} or {"amount": …}) and a denominator (["b"] or
 * {"constant": "7"}). The loader adds it (the migration), and a file may write it.
 */
import {
  bool,
  fromFile,
  toFile,
  exactNumber,
  field,
  fileOnly,
  kinds,
  list,
  num,
  obj,
  oneOf,
  optional,
  str,
  tagged,
  writtenNumber,
  type FileForm,
  type Value,
} from "./decl";

/*
 * Keys are data (issue 9): the patterns below decide which ids a set may declare. None admits
 * "__proto__" (no "_"), so that key is always an unknown field or id, reported by name. A
 * variable key or a pillar id may be "constructor" or "prototype" (and a pillar id "toString"…):
 * those are declared like any other and every reader looks them up as own keys or in a Map
 * (src/engine/own.ts), so they are scored, and reported missing, exactly like "a" or "I".
 */
/** Set ids: lower-case words joined by "-" (no ":", which qualifies an indicator id: "dti-province-2020:1.1"). */
export const SET_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Indicator ids: numbers joined by dots ("3.1", "5.12.1"); they become defined names (DTI_3_1_a). */
export const INDICATOR_ID = /^\d+(?:\.\d+)*$/;
/** Pillar ids: letters and digits ("I", "IX"); they become defined names (DTI_PILLAR_I). */
export const PILLAR_ID = /^[A-Za-z0-9]+$/;
/** Variable keys: lower-case letters and digits, starting with a letter ("a", "b", "c1"). */
export const VARIABLE_KEY = /^[a-z][a-z0-9]*$/;
/** Exact numbers: a decimal or a fraction of two decimals, without sign ("0.8", "1/2"). */
export const EXACT = /^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*(\d+(?:\.\d+)?)\s*)?$/;

/** A variable a rule reads, by its key. */
const variableRef = () => field(str({ nonEmpty: true, pattern: VARIABLE_KEY }));
const optionalVariableRef = () => optional(str({ nonEmpty: true, pattern: VARIABLE_KEY }));

/** One answer of a choice (a level, or yes/no) and the fraction of the points it earns. */
const choiceOptionDecl = obj({
  /** The label as the official text writes it (Vietnamese). */
  label: field(str({ nonEmpty: true })),
  /** Fraction of the points (of the indicator, or of its part) this answer earns. */
  fraction: field(writtenNumber("[0, 1]", "points", "percent")),
  /** For yes/no choices: the boolean that selects this option (`true` = yes). */
  value: optional(bool()),
  /** Why this option is read as it is, where the text leaves it open (Vietnamese). */
  note: optional(str({ nonEmpty: true })),
});

/** A variable is a raw figure or an answer that staff type in; the rule computes from it. */
const variableDecl = obj({
  /** The letter the official text uses (`a`, `b`, …), or `a` where the text names none (§16). */
  key: field(str({ nonEmpty: true, pattern: VARIABLE_KEY })),
  /** Vietnamese description, verbatim from the text where it has one. */
  description: field(str({ nonEmpty: true })),
  /** Unit of a number ("người", "hộ", "tỷ đồng", "hệ thống", …); "" for choices. */
  unit: field(str()),
  type: field(oneOf("number", "choice")),
  /** The answers of a choice, in the order the text writes them (position 1 = first). */
  options: optional(list(choiceOptionDecl, 2)),
  /**
   * General-information items this variable equals the sum of (reference README §15).
   * Typed once on "Thông tin chung"; the indicator links to it.
   */
  info: optional(list(num({ integer: true, minimum: 1 }), 1)),
  /** The same quantity asked elsewhere in the appendix; it is entered once there (§15). */
  sameAs: optional(
    obj({
      indicator: field(str({ nonEmpty: true })),
      variable: field(str({ nonEmpty: true })),
    }),
  ),
  /** Not needed for a score (e.g. the "không phát sinh" answer of 5.5 and 5.11). */
  optional: optional(bool()),
});

/** What divides a ratio: the sum of variables, or a constant the text fixes. */
const denominatorDecl = tagged(
  {
    /** Variable keys added up to make the denominator. */
    variables: obj({
      variables: field(list(str({ nonEmpty: true, pattern: VARIABLE_KEY }), 1)),
    }),
    /** A constant fixed by the text (3.6: b = 7). */
    constant: obj({
      constant: field(exactNumber("> 0")),
    }),
  },
  "variables",
);

/** A ratio Σnumerator / Σdenominator built from variables. */
const ratioSpecDecl = obj({
  /** Variable keys added up to make the numerator. */
  numerator: field(list(str({ nonEmpty: true, pattern: VARIABLE_KEY }), 1)),
  /** Variable keys added up to make the denominator, or a constant fixed by the text. */
  denominator: field(denominatorDecl),
  /**
   * The numerator counts a subset of the denominator, so numerator > denominator is a
   * data error (§1). Where it is not a subset (7.9, 7.10, 3.6 a/7) a ratio above 1 is
   * legitimate and only the cap applies.
   */
  subset: field(bool()),
  /**
   * What a zero denominator means.
   * - "status" (default): status `zero-denominator`, score 0 (§12).
   * - "scores-zero": the part scores 0 and the status stays ok (3.6 with d = 0, §6).
   */
  zeroDenominator: optional(oneOf("status", "scores-zero")),
  /**
   * Key of an optional yes/no variable meaning "không phát sinh" (nothing to handle):
   * with a zero denominator and this answered yes, the indicator earns full points (5.5, 5.11; §12).
   */
  noneAnswer: optionalVariableRef(),
});

/** One step of a tier table: values at or above `atLeast` earn `fraction` of the points. */
const tierDecl = obj({
  atLeast: field(writtenNumber(undefined, "percent")),
  fraction: field(writtenNumber("(0, 1]", "points", "percent")),
});

/** What a cross-unit rule compares: a ratio of variables, or one amount. */
const measureDecl = tagged(
  {
    ratio: obj({ ratio: field(ratioSpecDecl) }),
    amount: obj({ amount: variableRef() }),
  },
);

const ratioField = field(ratioSpecDecl);
const thresholdField = field(writtenNumber("> 0", "percent"));
const tiersField = field(list(tierDecl, 1));

/** "Tỷ lệ=a/b; Điểm=Tỷ lệ*Điểm tối đa": min(ratio, 1) × max (§1). */
const ratioRuleDecl = obj({ ratio: ratioField });
/** One answer mapped to a fraction of max (§7). */
const choiceRuleDecl = obj({ variable: variableRef() });
/**
 * A number of qualifying items, `pointsEach` each, never more than max (§8). As a part of a
 * multi-part rule ("1 điểm mỗi ứng dụng, không quá 5 điểm"), never more than the part's share.
 */
const cappedCountRuleDecl = obj({
  count: variableRef(),
  pointsEach: field(writtenNumber("> 0", "points")),
});

/** What a part may be scored by: a ratio, a choice, or a capped count ("1 điểm mỗi ứng dụng, không quá 5"). */
const simplePartRules = { ratio: ratioRuleDecl, choice: choiceRuleDecl, "capped-count": cappedCountRuleDecl };

/** A part inside a group: scored like a part, capped at its own share; the group caps their sum. */
const groupPartDecl = obj({
  share: field(writtenNumber("(0, 1]", "points", "percent")),
  label: field(str({ nonEmpty: true })),
  rule: field(kinds(simplePartRules)),
});

/** Parts whose points are added, the sum never more than the group's share ("tổng không quá 5 điểm"). */
const groupRuleDecl = obj({
  parts: field(list(groupPartDecl, 2)),
});

/** A part of a multi-part rule (§6): its share of the points and how the part is scored. */
const partDecl = obj({
  /** Share of the indicator's max points this part is worth ("1/2", "4/5", "15 điểm"); a group's share is its cap. */
  share: field(writtenNumber("(0, 1]", "points", "percent")),
  /** Short Vietnamese name of the part, as the text heads it. */
  label: field(str({ nonEmpty: true })),
  rule: field(kinds({ ...simplePartRules, group: groupRuleDecl })),
});

/** "Tỷ lệ ≥ T: điểm tối đa; Tỷ lệ < T: Điểm = Tỷ lệ*Điểm tối đa", read literally by default (§2). */
const thresholdLiteralRuleDecl = obj({ ratio: ratioField, threshold: thresholdField });
/** "Tỷ lệ/T*Điểm tối đa": min(ratio / T, 1) × max (§3). */
const thresholdScaledRuleDecl = obj({ ratio: ratioField, threshold: thresholdField });
/** 100 % earns max, anything less earns 0 (6.8, §4). */
const allOrNothingRuleDecl = obj({ ratio: ratioField });
/** Tiers on a ratio (5.12.1, §5). Tiers are listed from the highest down; below all → 0. */
const tiersRatioRuleDecl = obj({ ratio: ratioField, tiers: tiersField });
/**
 * Tiers on an amount or count (5.12.2–5.12.6 in tỷ đồng, §5; 1.5 on the number of articles).
 * With a `gate` (a yes/no variable), answering no earns 0 and the amount is not needed.
 */
const tiersAmountRuleDecl = obj({
  amount: variableRef(),
  tiers: tiersField,
  gate: optionalVariableRef(),
});
/** Parts added together, each capped at its own share (§6). */
const multiPartRuleDecl = obj({
  parts: field(list(partDecl, 2)),
});

/**
 * The rules a case of a best-of rule may use: any rule on the unit's own figures, except
 * threshold-literal (its alternative reading is a workbook switch DTI.SCORE does not take),
 * nor cross-unit, summed, unscored or nested best-of rules.
 */
const caseRules = {
  ratio: ratioRuleDecl,
  "threshold-scaled": thresholdScaledRuleDecl,
  "all-or-nothing": allOrNothingRuleDecl,
  "tiers-ratio": tiersRatioRuleDecl,
  "tiers-amount": tiersAmountRuleDecl,
  "multi-part": multiPartRuleDecl,
  choice: choiceRuleDecl,
  "capped-count": cappedCountRuleDecl,
};
const caseDecl = obj({
  label: field(str({ nonEmpty: true })),
  rule: field(kinds(caseRules)),
});

/** The scoring rule of an indicator, told apart by `kind`. */
export const ruleDecl = kinds(
  {
    ratio: ratioRuleDecl,
    "threshold-literal": thresholdLiteralRuleDecl,
    "threshold-scaled": thresholdScaledRuleDecl,
    "all-or-nothing": allOrNothingRuleDecl,
    "tiers-ratio": tiersRatioRuleDecl,
    "tiers-amount": tiersAmountRuleDecl,
    "multi-part": multiPartRuleDecl,
    /** One answer mapped to a fraction of max (§7). */
    choice: choiceRuleDecl,
    /** A number of qualifying items, `pointsEach` each, never more than max (§8). */
    "capped-count": cappedCountRuleDecl,
    /** (x − min)/(max − min) × max points across the units compared (§9). */
    "min-max": obj({ measure: field(measureDecl) }),
    /** x / best x × max points across the units compared (§10). */
    "ratio-to-best": obj({ measure: field(measureDecl) }),
    /** The sum of the child indicators' scores (5.12 = Σ 5.12.1–5.12.6, §5). */
    "sum-of-children": obj({
      children: field(list(str({ nonEmpty: true }), 1)),
    }),
    /** Tracked, not scored (IX, §13). */
    unscored: obj({}),
    /** "tính điểm cho trường hợp nào có điểm cao nhất": the highest of several cases (at least 2). */
    "best-of": obj({
      cases: field(list(caseDecl, 2)),
    }),
  },
);

const indicatorDecl = obj({
  /** The appendix id: "3.1", "5.12.1". */
  id: field(str({ nonEmpty: true, pattern: INDICATOR_ID })),
  /** The pillar (main index) it belongs to: "I" … "IX". */
  pillar: field(str({ nonEmpty: true })),
  /** For sub-indicators (5.12.1–5.12.6): the indicator whose rule sums them. Never counted twice. */
  parent: optional(str({ nonEmpty: true })),
  /** Name, verbatim. */
  name: field(str({ nonEmpty: true })),
  /** Scoring method ("Phương pháp tính điểm"), verbatim. */
  scoringText: field(str()),
  maxPoints: field(num({ minimum: 0 })),
  /** Responsible agency ("Cơ quan chủ trì"), verbatim; inherited from the parent where the text gives none. */
  responsible: field(str()),
  /** Coordinating agencies ("Cơ quan phối hợp"), verbatim; "" where the text has "-". */
  coordinating: field(str()),
  variables: field(list(variableDecl)),
  rule: field(ruleDecl),
  /**
   * The reading the product takes where the text is terse or inconsistent, in Vietnamese,
   * citing the reading (docs/readings.md, e.g. "§2: …"). Shown, with each §n named in words
   * (./describe.ts `readingInWords`), by `dti catalog` and in the templates' "Cách hiểu áp dụng" column.
   */
  reading: optional(str({ nonEmpty: true })),
  /** "Tài liệu kiểm chứng" (issue 13, point 4): the evidence the set requires, verbatim; the template's evidence cell asks for it. */
  evidenceRequired: optional(str({ nonEmpty: true })),
  /** "Nguồn thu thập dữ liệu": who supplies the data, verbatim. */
  dataSource: optional(str({ nonEmpty: true })),
  /** "Đơn vị phối hợp xác minh": who verifies it, verbatim. */
  verifiedBy: optional(str({ nonEmpty: true })),
});

const pillarDecl = obj({
  /** Roman numeral, as the appendix numbers the main indices. */
  id: field(str({ nonEmpty: true, pattern: PILLAR_ID })),
  name: field(str({ nonEmpty: true })),
  maxPoints: field(num({ minimum: 0 })),
});

/** A general-information item ("Thông tin chung"), typed once and linked to by indicators. */
const infoItemDecl = obj({
  id: field(num({ integer: true, minimum: 1 })),
  name: field(str({ nonEmpty: true })),
  responsible: field(str()),
  type: field(oneOf("text", "number")),
  /** Unit of a number item ("người", "tỷ đồng", …); "" for text. */
  unit: field(str()),
});

/** The whole set, as a .json set file holds it. */
export const indicatorSetDecl = obj({
  $schema: fileOnly(str()),
  /** The file format's version (issue 13, point 9): none is version 1, migrated on load (./load.ts SET_FORMAT_VERSION). */
  version: fileOnly(num({ integer: true, minimum: 1, maximum: 2 })),
  /** Stable id, e.g. "dti-province-2022". */
  id: field(str({ nonEmpty: true, pattern: SET_ID })),
  /** Vietnamese title. */
  name: field(str({ nonEmpty: true })),
  /** Where the set comes from (decision, plan, appendix). */
  source: field(str({ nonEmpty: true })),
  year: field(num({ integer: true, minimum: 1900, maximum: 2200 })),
  /** The sum of the pillar maxima (1000 for the provincial DTI). The index is total / maxTotal. */
  maxTotal: field(num({ exclusiveMinimum: 0 })),
  infoItems: field(list(infoItemDecl)),
  pillars: field(list(pillarDecl, 1)),
  /** In appendix order. */
  indicators: field(list(indicatorDecl, 1)),
  /** A transcription under way (issue 13, point 5): maxima that do not add up yet are warnings. */
  draft: optional(bool()),
});

/** The declarations of the objects the loader checks field by field (and ./schema-docs.ts describes). */
export const decls = {
  set: indicatorSetDecl,
  infoItem: infoItemDecl,
  pillar: pillarDecl,
  indicator: indicatorDecl,
  variable: variableDecl,
  choiceOption: choiceOptionDecl,
  sameAs: variableDecl.fields.sameAs.node,
  ratio: ratioSpecDecl,
  denominator: denominatorDecl,
  tier: tierDecl,
  measure: measureDecl,
  part: partDecl,
  groupPart: groupPartDecl,
  case: caseDecl,
  rule: ruleDecl,
  partRule: partDecl.fields.rule.node,
  groupPartRule: groupPartDecl.fields.rule.node,
  caseRule: caseDecl.fields.rule.node,
} as const;

// ---- the types, derived from the declaration (interfaces where they can be, so that messages name them)
/* eslint-disable @typescript-eslint/no-empty-object-type */

/** An exact number: a decimal ("0.25", "2") or a fraction of two integers ("1/2", "4/5"). */
export type ExactNumber = string;

export interface ChoiceOption extends Value<typeof choiceOptionDecl> {}
export interface Variable extends Value<typeof variableDecl> {}
export type Denominator = Value<typeof denominatorDecl>;
export interface RatioSpec extends Value<typeof ratioSpecDecl> {}
export interface Tier extends Value<typeof tierDecl> {}
export type Measure = Value<typeof measureDecl>;
export interface Part extends Value<typeof partDecl> {}
export type PartRule = Value<typeof partDecl.fields.rule.node>;
export interface GroupPart extends Value<typeof groupPartDecl> {}
/** How a part inside a group is scored: a ratio, a choice or a capped count. */
export type GroupPartRule = Value<typeof groupPartDecl.fields.rule.node>;
export type GroupRule = Extract<PartRule, { readonly kind: "group" }>;
export interface Case extends Value<typeof caseDecl> {}
/** The rule of a best-of case: a subset of the rule kinds. */
export type CaseRule = Value<typeof caseDecl.fields.rule.node>;
export type Rule = Value<typeof ruleDecl>;
export type RuleKind = Rule["kind"];
type RuleOf<K extends RuleKind> = Extract<Rule, { readonly kind: K }>;
export type RatioRule = RuleOf<"ratio">;
export type ThresholdLiteralRule = RuleOf<"threshold-literal">;
export type ThresholdScaledRule = RuleOf<"threshold-scaled">;
export type AllOrNothingRule = RuleOf<"all-or-nothing">;
export type TiersRatioRule = RuleOf<"tiers-ratio">;
export type TiersAmountRule = RuleOf<"tiers-amount">;
export type MultiPartRule = RuleOf<"multi-part">;
export type ChoiceRule = RuleOf<"choice">;
export type CappedCountRule = RuleOf<"capped-count">;
export type MinMaxRule = RuleOf<"min-max">;
export type RatioToBestRule = RuleOf<"ratio-to-best">;
export type SumOfChildrenRule = RuleOf<"sum-of-children">;
export type UnscoredRule = RuleOf<"unscored">;
export type BestOfRule = RuleOf<"best-of">;
export interface Indicator extends Value<typeof indicatorDecl> {}
export interface Pillar extends Value<typeof pillarDecl> {}
export interface InfoItem extends Value<typeof infoItemDecl> {}
/** An indicator set in memory: every `Measure` and denominator tagged with its `kind`. */
export interface IndicatorSet extends Value<typeof indicatorSetDecl> {}
/** What a set file may hold: tags optional (files of the first version have none), `$schema` allowed. */
export type IndicatorSetFile = FileForm<typeof indicatorSetDecl>;
/* eslint-enable @typescript-eslint/no-empty-object-type */

/** A rule as a file may write it. */
export type RuleFile = FileForm<typeof ruleDecl>;

/** The in-memory form of a checked set file: the migration of first-version files (tags added, `$schema` dropped). */
export function setFromFile(data: IndicatorSetFile): IndicatorSet {
  return fromFile(indicatorSetDecl, data) as IndicatorSet;
}

/** The in-memory form of a checked rule. */
export function ruleFromFile(rule: RuleFile): Rule {
  return fromFile(ruleDecl, rule) as Rule;
}

/**
 * A set as a first-version file writes it (no tags): what `dti catalog --json` prints and the
 * set sheet holds, so that their output is what it was and older versions of the tool read it.
 */
export function setToFile(set: IndicatorSet): IndicatorSetFile {
  return toFile(indicatorSetDecl, set) as IndicatorSetFile;
}

/** A rule as a first-version file writes it (no tags). */
export function ruleToFile(rule: Rule): RuleFile {
  return toFile(ruleDecl, rule) as RuleFile;
}
