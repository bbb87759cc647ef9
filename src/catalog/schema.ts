/**
 * The shape every indicator set satisfies, declared once.
 *
 * An indicator set is data: the official text verbatim, plus a structured rule per
 * indicator that the engine evaluates. Templates, function help, validation messages
 * and the CLI are all derived from it. A new year's set, or a province's own set for
 * its departments and districts, is a new value of this type, not new code.
 *
 * The declaration below (`indicatorSetDecl`) gives:
 * - the TypeScript types exported here (`IndicatorSet`, `Rule`, …), through ./decl.ts;
 * - the fields the loader accepts and requires (./load.ts), whose checks and messages are its own;
 * - the JSON Schema published for authors of sets, docs/set-schema.json (`npm run schema`).
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
const variableRef = (vi: string, en: string) => field(str({ nonEmpty: true, pattern: VARIABLE_KEY }), { vi, en });
const optionalVariableRef = (vi: string, en: string) => optional(str({ nonEmpty: true, pattern: VARIABLE_KEY }), { vi, en });

/** One answer of a choice (a level, or yes/no) and the fraction of the points it earns. */
const choiceOptionDecl = obj({
  /** The label as the official text writes it (Vietnamese). */
  label: field(str({ nonEmpty: true }), { vi: "Phương án, ghi như văn bản gốc.", en: "The answer, as the official text writes it." }),
  /** Fraction of the points (of the indicator, or of its part) this answer earns. */
  fraction: field(writtenNumber("[0, 1]", "points", "percent"), {
    vi: 'Phần điểm tối đa (của chỉ số, hoặc của phần) mà phương án này đạt, từ "0" đến "1" ("1/2" là một nửa).',
    en: 'Fraction of the maximum points (of the indicator, or of its part) this answer earns, "0" to "1" ("1/2" is half).',
  }),
  /** For yes/no choices: the boolean that selects this option (`true` = yes). */
  value: optional(bool(), { vi: "Với câu hỏi có/không: true là “có”, false là “không”.", en: "For yes/no questions: true selects this option for “yes”, false for “no”." }),
  /** Why this option is read as it is, where the text leaves it open (Vietnamese). */
  note: optional(str({ nonEmpty: true }), { vi: "Vì sao phương án được hiểu như vậy, khi văn bản chưa rõ.", en: "Why the option is read so, where the text leaves it open." }),
});

/** A variable is a raw figure or an answer that staff type in; the rule computes from it. */
const variableDecl = obj({
  /** The letter the official text uses (`a`, `b`, …), or `a` where the text names none (§16). */
  key: field(str({ nonEmpty: true, pattern: VARIABLE_KEY }), {
    vi: 'Tên biến như văn bản đặt ("a", "b"…; chữ thường, chữ số), duy nhất trong chỉ số.',
    en: 'The variable\'s letter as the text names it ("a", "b"…; lower-case letters and digits), unique in the indicator.',
  }),
  /** Vietnamese description, verbatim from the text where it has one. */
  description: field(str({ nonEmpty: true }), { vi: "Mô tả biến, nguyên văn khi văn bản có.", en: "What the variable is, verbatim where the text says." }),
  /** Unit of a number ("người", "hộ", "tỷ đồng", "hệ thống", …); "" for choices. */
  unit: field(str(), { vi: 'Đơn vị tính của biến dạng số ("người", "hồ sơ", "tỷ đồng"); "" với biến lựa chọn.', en: 'Unit of a number ("người", "hồ sơ", "tỷ đồng"); "" for a choice.' }),
  type: field(oneOf("number", "choice"), { vi: '"number": một số liệu; "choice": chọn một phương án trong "options".', en: '"number": a figure; "choice": one of the "options".' }),
  /** The answers of a choice, in the order the text writes them (position 1 = first). */
  options: optional(list(choiceOptionDecl, 2), {
    vi: "Các phương án của biến lựa chọn, theo thứ tự văn bản (ít nhất 2; một phương án đạt điểm tối đa).",
    en: "The answers of a choice, in the text's order (at least 2; one earns full points).",
  }),
  /**
   * General-information items this variable equals the sum of (reference README §15).
   * Typed once on "Thông tin chung"; the indicator links to it.
   */
  info: optional(list(num({ integer: true, minimum: 1 }), 1), {
    vi: 'Số mục "Thông tin chung" mà biến bằng tổng của chúng (nhập một lần ở Thông tin chung).',
    en: "General-information items this variable equals the sum of (typed once there).",
  }),
  /** The same quantity asked elsewhere in the appendix; it is entered once there (§15). */
  sameAs: optional(
    obj({
      indicator: field(str({ nonEmpty: true }), { vi: "Mã chỉ số có biến gốc.", en: "The indicator holding the original variable." }),
      variable: field(str({ nonEmpty: true }), { vi: "Tên biến gốc trong chỉ số đó.", en: "The original variable's key there." }),
    }),
    { vi: "Cùng số liệu đã hỏi ở chỉ số khác; chỉ nhập một lần ở đó.", en: "The same figure asked at another indicator; typed once there." },
  ),
  /** Not needed for a score (e.g. the "không phát sinh" answer of 5.5 and 5.11). */
  optional: optional(bool(), { vi: "true: không bắt buộc để tính điểm (ví dụ câu “không phát sinh”).", en: "true: not needed for a score (e.g. a “nothing occurred” answer)." }),
});

/** What divides a ratio: the sum of variables, or a constant the text fixes. */
const denominatorDecl = tagged(
  {
    /** Variable keys added up to make the denominator. */
    variables: obj({
      variables: field(list(str({ nonEmpty: true, pattern: VARIABLE_KEY }), 1), { vi: "Các biến cộng lại thành mẫu số.", en: "Variables added up to make the denominator." }),
    }),
    /** A constant fixed by the text (3.6: b = 7). */
    constant: obj({
      constant: field(exactNumber("> 0"), { vi: 'Hằng số văn bản cố định, lớn hơn 0 ("7").', en: 'A constant the text fixes, above 0 ("7").' }),
    }),
  },
  {
    variables: { vi: 'Mẫu số là tổng các biến: ["b"] hoặc ["b", "c"].', en: 'The denominator is the sum of variables: ["b"] or ["b", "c"].' },
    constant: { vi: 'Mẫu số là hằng số: {"constant": "7"}.', en: 'The denominator is a constant: {"constant": "7"}.' },
  },
  "variables",
);

/** A ratio Σnumerator / Σdenominator built from variables. */
const ratioSpecDecl = obj({
  /** Variable keys added up to make the numerator. */
  numerator: field(list(str({ nonEmpty: true, pattern: VARIABLE_KEY }), 1), { vi: "Các biến cộng lại thành tử số.", en: "Variables added up to make the numerator." }),
  /** Variable keys added up to make the denominator, or a constant fixed by the text. */
  denominator: field(denominatorDecl, {
    vi: 'Mẫu số: danh sách biến cộng lại (["b"]) hoặc hằng số ({"constant": "7"}).',
    en: 'The denominator: variables added up (["b"]) or a constant ({"constant": "7"}).',
  }),
  /**
   * The numerator counts a subset of the denominator, so numerator > denominator is a
   * data error (§1). Where it is not a subset (7.9, 7.10, 3.6 a/7) a ratio above 1 is
   * legitimate and only the cap applies.
   */
  subset: field(bool(), {
    vi: "true nếu tử số là một phần của mẫu số (tỷ lệ không thể vượt 100 %: tử lớn hơn mẫu là lỗi số liệu); false nếu không.",
    en: "true if the numerator counts part of the denominator (a ratio above 100 % is a data error); false if not.",
  }),
  /**
   * What a zero denominator means.
   * - "status" (default): status `zero-denominator`, score 0 (§12).
   * - "scores-zero": the part scores 0 and the status stays ok (3.6 with d = 0, §6).
   */
  zeroDenominator: optional(oneOf("status", "scores-zero"), {
    vi: 'Mẫu số bằng 0: "status" (mặc định) báo lỗi, điểm 0; "scores-zero": phần này được 0 điểm, không báo lỗi.',
    en: 'A zero denominator: "status" (default) is reported, score 0; "scores-zero": the part scores 0, nothing reported.',
  }),
  /**
   * Key of an optional yes/no variable meaning "không phát sinh" (nothing to handle):
   * with a zero denominator and this answered yes, the indicator earns full points (5.5, 5.11; §12).
   */
  noneAnswer: optionalVariableRef(
    "Biến có/không “không phát sinh”: mẫu số bằng 0 và trả lời “có” thì đạt điểm tối đa.",
    "A yes/no “nothing occurred” variable: with a zero denominator and “yes”, full points.",
  ),
});

/** One step of a tier table: values at or above `atLeast` earn `fraction` of the points. */
const tierDecl = obj({
  atLeast: field(writtenNumber(undefined, "percent"), { vi: 'Từ giá trị này trở lên ("0.8" là 80 % với tỷ lệ).', en: 'From this value up ("0.8" is 80 % for a ratio).' }),
  fraction: field(writtenNumber("(0, 1]", "points", "percent"), { vi: 'Phần điểm tối đa của bậc, lớn hơn 0, tối đa "1".', en: 'Fraction of the maximum points the step earns, above 0, at most "1".' }),
});

/** What a cross-unit rule compares: a ratio of variables, or one amount. */
const measureDecl = tagged(
  {
    ratio: obj({ ratio: field(ratioSpecDecl, { vi: "So sánh tỷ lệ này giữa các đơn vị.", en: "Compare this ratio across the units." }) }),
    amount: obj({ amount: variableRef("So sánh biến dạng số này giữa các đơn vị.", "Compare this number across the units.") }),
  },
  {
    ratio: { vi: 'So sánh một tỷ lệ: {"ratio": {…}}.', en: 'Compare a ratio: {"ratio": {…}}.' },
    amount: { vi: 'So sánh một số lượng: {"amount": "a"}.', en: 'Compare an amount: {"amount": "a"}.' },
  },
);

const ratioField = field(ratioSpecDecl, { vi: "Tỷ lệ = tổng tử số / tổng mẫu số.", en: "The ratio: sum of numerator / sum of denominator." });
const thresholdField = field(writtenNumber("> 0", "percent"), { vi: 'Ngưỡng của tỷ lệ, lớn hơn 0 ("0.9" là 90 %).', en: 'The ratio\'s threshold, above 0 ("0.9" is 90 %).' });
const tiersField = field(list(tierDecl, 1), {
  vi: "Các bậc, từ cao xuống thấp (bậc thấp hơn được ít điểm hơn); dưới mọi bậc: 0 điểm.",
  en: "The steps, highest first (a lower step earns less); below every step: 0.",
});

/** "Tỷ lệ=a/b; Điểm=Tỷ lệ*Điểm tối đa": min(ratio, 1) × max (§1). */
const ratioRuleDecl = obj({ ratio: ratioField });
/** One answer mapped to a fraction of max (§7). */
const choiceRuleDecl = obj({ variable: variableRef('Biến lựa chọn ("type": "choice") quyết định điểm.', 'The choice variable ("type": "choice") that decides the points.') });

const ratioRuleDoc = { vi: "Điểm = min(tỷ lệ, 1) × điểm tối đa.", en: "Points = min(ratio, 1) × maximum." };
const choiceRuleDoc = { vi: 'Điểm = "fraction" của phương án được chọn × điểm tối đa.', en: 'Points = the chosen option\'s "fraction" × maximum.' };

/** A part of a multi-part rule (§6): its share of the points and how the part is scored. */
const partDecl = obj({
  /** Share of the indicator's max points this part is worth ("1/2", "4/5"). */
  share: field(writtenNumber("(0, 1]", "points", "percent"), { vi: 'Phần điểm tối đa của chỉ số mà phần này chiếm ("1/2"); các phần cộng lại bằng 1.', en: 'Share of the maximum points this part is worth ("1/2"); the shares add up to 1.' }),
  /** Short Vietnamese name of the part, as the text heads it. */
  label: field(str({ nonEmpty: true }), { vi: "Tên ngắn của phần, như văn bản ghi.", en: "Short name of the part, as the text heads it." }),
  rule: field(kinds({ ratio: ratioRuleDecl, choice: choiceRuleDecl }, { ratio: ratioRuleDoc, choice: choiceRuleDoc }), {
    vi: 'Cách tính điểm phần này: "ratio" hoặc "choice".',
    en: 'How the part is scored: "ratio" or "choice".',
  }),
});

/** The scoring rule of an indicator, told apart by `kind`. */
export const ruleDecl = kinds(
  {
    /** "Tỷ lệ=a/b; Điểm=Tỷ lệ*Điểm tối đa": min(ratio, 1) × max (§1). */
    ratio: ratioRuleDecl,
    /** "Tỷ lệ ≥ T: điểm tối đa; Tỷ lệ < T: Điểm = Tỷ lệ*Điểm tối đa", read literally by default (§2). */
    "threshold-literal": obj({ ratio: ratioField, threshold: thresholdField }),
    /** "Tỷ lệ/T*Điểm tối đa": min(ratio / T, 1) × max (§3). */
    "threshold-scaled": obj({ ratio: ratioField, threshold: thresholdField }),
    /** 100 % earns max, anything less earns 0 (6.8, §4). */
    "all-or-nothing": obj({ ratio: ratioField }),
    /** Tiers on a ratio (5.12.1, §5). Tiers are listed from the highest down; below all → 0. */
    "tiers-ratio": obj({ ratio: ratioField, tiers: tiersField }),
    /**
     * Tiers on an amount or count (5.12.2–5.12.6 in tỷ đồng, §5; 1.5 on the number of articles).
     * With a `gate` (a yes/no variable), answering no earns 0 and the amount is not needed.
     */
    "tiers-amount": obj({
      amount: variableRef("Biến dạng số được xếp bậc.", "The number the steps apply to."),
      tiers: tiersField,
      gate: optionalVariableRef("Biến có/không: trả lời “không” thì 0 điểm, không cần số liệu.", "A yes/no variable: “no” scores 0 and the number is not needed."),
    }),
    /** Parts added together, each capped at its own share (§6). */
    "multi-part": obj({
      parts: field(list(partDecl, 2), { vi: "Các phần (ít nhất 2), điểm cộng lại.", en: "The parts (at least 2), their points added." }),
    }),
    /** One answer mapped to a fraction of max (§7). */
    choice: choiceRuleDecl,
    /** A number of qualifying items, `pointsEach` each, never more than max (§8). */
    "capped-count": obj({
      count: variableRef("Biến đếm số mục đạt.", "The variable counting qualifying items."),
      pointsEach: field(writtenNumber("> 0", "points"), { vi: 'Số điểm mỗi mục ("1").', en: 'Points per item ("1").' }),
    }),
    /** (x − min)/(max − min) × max points across the units compared (§9). */
    "min-max": obj({ measure: field(measureDecl, { vi: "Đại lượng so sánh giữa các đơn vị.", en: "What is compared across the units." }) }),
    /** x / best x × max points across the units compared (§10). */
    "ratio-to-best": obj({ measure: field(measureDecl, { vi: "Đại lượng so sánh giữa các đơn vị.", en: "What is compared across the units." }) }),
    /** The sum of the child indicators' scores (5.12 = Σ 5.12.1–5.12.6, §5). */
    "sum-of-children": obj({
      children: field(list(str({ nonEmpty: true }), 1), {
        vi: 'Mã các chỉ số con (mỗi chỉ số con có "parent" là chỉ số này).',
        en: 'Ids of the child indicators (each has this indicator as "parent").',
      }),
    }),
    /** Tracked, not scored (IX, §13). */
    unscored: obj({}),
  },
  {
    ratio: ratioRuleDoc,
    "threshold-literal": {
      vi: "Tỷ lệ ≥ ngưỡng: điểm tối đa; thấp hơn: tỷ lệ × điểm tối đa.",
      en: "Ratio ≥ threshold: maximum; below: ratio × maximum.",
    },
    "threshold-scaled": { vi: "Điểm = min(tỷ lệ / ngưỡng, 1) × điểm tối đa.", en: "Points = min(ratio / threshold, 1) × maximum." },
    "all-or-nothing": { vi: "Tỷ lệ 100 %: điểm tối đa; thấp hơn: 0.", en: "A ratio of 100 %: maximum; less: 0." },
    "tiers-ratio": { vi: "Điểm theo bậc của tỷ lệ.", en: "Points by steps of a ratio." },
    "tiers-amount": { vi: "Điểm theo bậc của một số lượng.", en: "Points by steps of an amount." },
    "multi-part": { vi: "Nhiều phần, mỗi phần tối đa phần điểm của nó, cộng lại.", en: "Several parts, each capped at its share, added." },
    choice: choiceRuleDoc,
    "capped-count": { vi: "Mỗi mục đạt được pointsEach điểm, không quá điểm tối đa.", en: "pointsEach per qualifying item, at most the maximum." },
    "min-max": {
      vi: "(x − nhỏ nhất)/(lớn nhất − nhỏ nhất) × điểm tối đa, so sánh giữa các đơn vị.",
      en: "(x − min)/(max − min) × maximum, across the units compared.",
    },
    "ratio-to-best": { vi: "x / cao nhất × điểm tối đa, so sánh giữa các đơn vị.", en: "x / best × maximum, across the units compared." },
    "sum-of-children": { vi: "Tổng điểm các chỉ số con.", en: "The sum of the child indicators' points." },
    unscored: { vi: 'Chỉ theo dõi, không tính điểm ("maxPoints": 0).', en: 'Tracked, not scored ("maxPoints": 0).' },
  },
);

const indicatorDecl = obj({
  /** The appendix id: "3.1", "5.12.1". */
  id: field(str({ nonEmpty: true, pattern: INDICATOR_ID }), { vi: 'Mã chỉ số như phụ lục ("1.2", "5.12.1").', en: 'The indicator\'s id as the appendix numbers it ("1.2", "5.12.1").' }),
  /** The pillar (main index) it belongs to: "I" … "IX". */
  pillar: field(str({ nonEmpty: true }), { vi: 'Mã chỉ số chính (trụ cột) của chỉ số, có trong "pillars".', en: 'The pillar it belongs to, one of "pillars".' }),
  /** For sub-indicators (5.12.1–5.12.6): the indicator whose rule sums them. Never counted twice. */
  parent: optional(str({ nonEmpty: true }), {
    vi: 'Với chỉ số con: mã chỉ số cha (có quy tắc "sum-of-children" hoặc "unscored"); không cộng hai lần.',
    en: 'For a sub-indicator: its parent (ruled "sum-of-children" or "unscored"); never counted twice.',
  }),
  /** Name, verbatim. */
  name: field(str({ nonEmpty: true }), { vi: "Tên chỉ số, nguyên văn.", en: "The indicator's name, verbatim." }),
  /** Scoring method ("Phương pháp tính điểm"), verbatim. */
  scoringText: field(str(), { vi: "Phương pháp tính điểm, nguyên văn.", en: "The scoring method, verbatim." }),
  maxPoints: field(num({ minimum: 0 }), { vi: "Điểm tối đa.", en: "Maximum points." }),
  /** Responsible agency ("Cơ quan chủ trì"), verbatim; inherited from the parent where the text gives none. */
  responsible: field(str(), { vi: "Cơ quan chủ trì, nguyên văn.", en: "The responsible agency, verbatim." }),
  /** Coordinating agencies ("Cơ quan phối hợp"), verbatim; "" where the text has "-". */
  coordinating: field(str(), { vi: 'Cơ quan phối hợp, nguyên văn; "" khi không có.', en: 'Coordinating agencies, verbatim; "" if none.' }),
  variables: field(list(variableDecl), { vi: "Các biến (số liệu, câu trả lời) mà quy tắc dùng.", en: "The variables (figures, answers) the rule uses." }),
  rule: field(ruleDecl, { vi: 'Quy tắc tính điểm, phân biệt bởi "kind".', en: 'The scoring rule, told apart by "kind".' }),
  /**
   * The reading the product takes where the text is terse or inconsistent, in Vietnamese,
   * citing the reading (docs/readings.md, e.g. "§2: …"). Shown in the catalog and function help.
   */
  reading: optional(str({ nonEmpty: true }), { vi: "Cách hiểu áp dụng khi văn bản chưa rõ.", en: "The reading taken where the text is terse or unclear." }),
  /** "Tài liệu kiểm chứng" (issue 13, point 4): the evidence the set requires, verbatim; the template's evidence cell asks for it. */
  evidenceRequired: optional(str({ nonEmpty: true }), {
    vi: "Tài liệu kiểm chứng bộ chỉ số yêu cầu, nguyên văn (mẫu biểu nhắc ở ô tài liệu kiểm chứng; thiếu tài liệu thì cảnh báo).",
    en: "The evidence the set requires, verbatim (the template's evidence cell asks for it; a score without it is warned).",
  }),
  /** "Nguồn thu thập dữ liệu": who supplies the data, verbatim. */
  dataSource: optional(str({ nonEmpty: true }), { vi: "Nguồn thu thập dữ liệu, nguyên văn.", en: "Where the data comes from, verbatim." }),
  /** "Đơn vị phối hợp xác minh": who verifies it, verbatim. */
  verifiedBy: optional(str({ nonEmpty: true }), { vi: "Đơn vị phối hợp xác minh, nguyên văn.", en: "The agency that verifies the data, verbatim." }),
});

const pillarDecl = obj({
  /** Roman numeral, as the appendix numbers the main indices. */
  id: field(str({ nonEmpty: true, pattern: PILLAR_ID }), { vi: 'Mã chỉ số chính ("I", "II"; chữ và số).', en: 'The pillar\'s id ("I", "II"; letters and digits).' }),
  name: field(str({ nonEmpty: true }), { vi: "Tên chỉ số chính.", en: "The pillar's name." }),
  maxPoints: field(num({ minimum: 0 }), {
    vi: "Điểm tối đa; bằng tổng điểm tối đa các chỉ số của nó (không kể chỉ số con).",
    en: "Maximum points; the sum of its indicators' maxima (sub-indicators not counted).",
  }),
});

/** A general-information item ("Thông tin chung"), typed once and linked to by indicators. */
const infoItemDecl = obj({
  id: field(num({ integer: true, minimum: 1 }), { vi: "Số thứ tự (nguyên dương, duy nhất).", en: "Its number (a positive integer, unique)." }),
  name: field(str({ nonEmpty: true }), { vi: "Tên mục.", en: "The item's name." }),
  responsible: field(str(), { vi: "Cơ quan cung cấp.", en: "The agency that supplies it." }),
  type: field(oneOf("text", "number"), { vi: '"text" (văn bản) hoặc "number" (số).', en: '"text" or "number".' }),
  /** Unit of a number item ("người", "tỷ đồng", …); "" for text. */
  unit: field(str(), { vi: 'Đơn vị tính của mục dạng số; "" với văn bản.', en: 'Unit of a number item; "" for text.' }),
});

/** The whole set, as a .json set file holds it. */
export const indicatorSetDecl = obj({
  $schema: fileOnly(str(), {
    vi: "Địa chỉ lược đồ JSON này, để trình soạn thảo kiểm tra và gợi ý (không bắt buộc, bỏ qua khi nạp).",
    en: "This JSON Schema's address, for editors to check and complete (optional, ignored on load).",
  }),
  /** The file format's version (issue 13, point 9): none is version 1, migrated on load (./load.ts SET_FORMAT_VERSION). */
  version: fileOnly(num({ integer: true, minimum: 1, maximum: 2 }), {
    vi: "Phiên bản định dạng tệp (hiện nay 2). Tệp không có trường này là phiên bản 1, được chuyển đổi khi nạp (kèm cảnh báo).",
    en: "The file format's version (currently 2). A file without it is version 1, migrated on load (with a warning).",
  }),
  /** Stable id, e.g. "dti-province-2022". */
  id: field(str({ nonEmpty: true, pattern: SET_ID }), { vi: 'Mã bộ chỉ số: chữ thường, số và dấu "-" ("huyen-2023").', en: 'The set\'s id: lower-case letters, digits and "-" ("huyen-2023").' }),
  /** Vietnamese title. */
  name: field(str({ nonEmpty: true }), { vi: "Tên bộ chỉ số.", en: "The set's title." }),
  /** Where the set comes from (decision, plan, appendix). */
  source: field(str({ nonEmpty: true }), { vi: "Văn bản ban hành (quyết định, kế hoạch, phụ lục).", en: "Where the set comes from (decision, plan, appendix)." }),
  year: field(num({ integer: true, minimum: 1900, maximum: 2200 }), { vi: "Năm đánh giá.", en: "The year assessed." }),
  /** The sum of the pillar maxima (1000 for the provincial DTI). The index is total / maxTotal. */
  maxTotal: field(num({ exclusiveMinimum: 0 }), {
    vi: "Tổng điểm tối đa, lớn hơn 0; bằng tổng điểm tối đa các chỉ số chính.",
    en: "The maximum total, above 0; the sum of the pillars' maxima.",
  }),
  infoItems: field(list(infoItemDecl), { vi: "Các mục Thông tin chung (nhập một lần, các chỉ số liên kết tới).", en: "General-information items (typed once, linked to by indicators)." }),
  pillars: field(list(pillarDecl, 1), { vi: "Các chỉ số chính (trụ cột).", en: "The pillars (main indices)." }),
  /** In appendix order. */
  indicators: field(list(indicatorDecl, 1), { vi: "Các chỉ số, theo thứ tự phụ lục.", en: "The indicators, in appendix order." }),
  /** A transcription under way (issue 13, point 5): maxima that do not add up yet are warnings. */
  draft: optional(bool(), {
    vi: "true: bản nháp — tổng điểm tối đa chưa khớp, các phần chưa đủ… chỉ cảnh báo; mẫu biểu ghi “BẢN NHÁP”.",
    en: "true: a draft — maxima that do not add up yet, parts not complete… are warnings; templates say “BẢN NHÁP”.",
  }),
});

/** The declarations of the objects the loader checks field by field. */
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
  rule: ruleDecl,
  partRule: partDecl.fields.rule.node,
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
