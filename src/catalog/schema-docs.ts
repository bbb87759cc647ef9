/**
 * The authors' descriptions of every field and variant of a set file (Vietnamese first, then
 * English), for the published JSON Schema only: ./json-schema.ts puts them into
 * docs/set-schema.json (`npm run schema`). The shape itself is declared once, in ./schema.ts;
 * this table is typed by that declaration, so a field or a variant without a description, or a
 * description of a field that does not exist, does not compile.
 *
 * Kept apart from ./schema.ts so that the bundles the browser loads (the pane and the custom
 * functions, which check sets but never describe them) carry none of this text: only
 * ./json-schema.ts imports it, and only scripts/set-schema.ts and the tests import that.
 */
import type { Doc, DocsOf } from "./decl";
import type { decls } from "./schema";

/** The descriptions of each declaration the loader checks (../schema.ts `decls`), by the same names. */
export type SchemaDocs = { readonly [K in keyof typeof decls]: DocsOf<(typeof decls)[K]> };

const RATIO_RULE: Doc = { vi: "Điểm = min(tỷ lệ, 1) × điểm tối đa.", en: "Points = min(ratio, 1) × maximum." };
const CHOICE_RULE: Doc = { vi: 'Điểm = "fraction" của phương án được chọn × điểm tối đa.', en: "Points = the chosen option's \"fraction\" × maximum." };
const RATIO: Doc = { vi: "Tỷ lệ = tổng tử số / tổng mẫu số.", en: "The ratio: sum of numerator / sum of denominator." };
const THRESHOLD: Doc = { vi: 'Ngưỡng của tỷ lệ, lớn hơn 0 ("0.9" là 90 %).', en: "The ratio's threshold, above 0 (\"0.9\" is 90 %)." };
const TIERS: Doc = { vi: "Các bậc, từ cao xuống thấp (bậc thấp hơn được ít điểm hơn); dưới mọi bậc: 0 điểm.", en: "The steps, highest first (a lower step earns less); below every step: 0." };
const CHOICE_VARIABLE: Doc = { vi: 'Biến lựa chọn ("type": "choice") quyết định điểm.', en: 'The choice variable ("type": "choice") that decides the points.' };
const CAPPED_COUNT_FIELDS = {
  count: { vi: "Biến đếm số mục đạt.", en: "The variable counting qualifying items." },
  pointsEach: { vi: 'Số điểm mỗi mục ("1"), tính bằng điểm.', en: 'Points per item ("1"), in points.' },
} as const;
const CAPPED_COUNT_PART: Doc = {
  vi: 'Mỗi mục đạt được "pointsEach" điểm, không quá phần điểm của phần này ("share" × điểm tối đa).',
  en: '"pointsEach" points per qualifying item, at most the part\'s points ("share" × maximum).',
};
const LABEL: Doc = { vi: "Tên ngắn của phần, như văn bản ghi.", en: "Short name of the part, as the text heads it." };
const GROUP: Doc = { vi: 'Nhóm các phần: điểm các phần cộng lại, không quá "share" của nhóm × điểm tối đa.', en: 'A group of parts: their points added, at most the group\'s "share" × maximum.' };
const GROUP_PARTS: Doc = { vi: 'Các phần của nhóm (ít nhất 2); tổng điểm của chúng không quá "share" của nhóm.', en: 'The group\'s parts (at least 2); their sum is capped at the group\'s "share".' };
const MEASURE: Doc = { vi: "Đại lượng so sánh giữa các đơn vị.", en: "What is compared across the units." };

const TIERS_AMOUNT_FIELDS = {
  amount: { vi: "Biến dạng số được xếp bậc.", en: "The number the steps apply to." },
  tiers: TIERS,
  gate: { vi: "Biến có/không: trả lời “không” thì 0 điểm, không cần số liệu.", en: "A yes/no variable: “no” scores 0 and the number is not needed." },
} as const;
const MULTI_PART_FIELDS = {
  parts: { vi: "Các phần (ít nhất 2), điểm cộng lại.", en: "The parts (at least 2), their points added." },
} as const;
const RULE_VARIANTS = {
  ratio: RATIO_RULE,
  "threshold-literal": { vi: "Tỷ lệ ≥ ngưỡng: điểm tối đa; thấp hơn: tỷ lệ × điểm tối đa.", en: "Ratio ≥ threshold: maximum; below: ratio × maximum." },
  "threshold-scaled": { vi: "Điểm = min(tỷ lệ / ngưỡng, 1) × điểm tối đa.", en: "Points = min(ratio / threshold, 1) × maximum." },
  "all-or-nothing": { vi: "Tỷ lệ 100 %: điểm tối đa; thấp hơn: 0.", en: "A ratio of 100 %: maximum; less: 0." },
  "tiers-ratio": { vi: "Điểm theo bậc của tỷ lệ.", en: "Points by steps of a ratio." },
  "tiers-amount": { vi: "Điểm theo bậc của một số lượng.", en: "Points by steps of an amount." },
  "multi-part": { vi: "Nhiều phần, mỗi phần tối đa phần điểm của nó, cộng lại.", en: "Several parts, each capped at its share, added." },
  choice: CHOICE_RULE,
  "capped-count": { vi: "Mỗi mục đạt được pointsEach điểm, không quá điểm tối đa.", en: "pointsEach per qualifying item, at most the maximum." },
  "min-max": { vi: "(x − nhỏ nhất)/(lớn nhất − nhỏ nhất) × điểm tối đa, so sánh giữa các đơn vị.", en: "(x − min)/(max − min) × maximum, across the units compared." },
  "ratio-to-best": { vi: "x / cao nhất × điểm tối đa, so sánh giữa các đơn vị.", en: "x / best × maximum, across the units compared." },
  "sum-of-children": { vi: "Tổng điểm các chỉ số con.", en: "The sum of the child indicators' points." },
  unscored: { vi: 'Chỉ theo dõi, không tính điểm ("maxPoints": 0).', en: 'Tracked, not scored ("maxPoints": 0).' },
  "best-of": { vi: "Điểm của trường hợp có điểm cao nhất.", en: "The points of the case that scores highest." },
} as const;

export const SCHEMA_DOCS: SchemaDocs = {
  set: {
    $schema: { vi: "Địa chỉ lược đồ JSON này, để trình soạn thảo kiểm tra và gợi ý (không bắt buộc, bỏ qua khi nạp).", en: "This JSON Schema's address, for editors to check and complete (optional, ignored on load)." },
    version: {
      vi: "Phiên bản định dạng tệp (hiện nay 2). Tệp không có trường này là phiên bản 1, được chuyển đổi khi nạp (kèm cảnh báo).",
      en: "The file format's version (currently 2). A file without it is version 1, migrated on load (with a warning).",
    },
    id: { vi: 'Mã bộ chỉ số: chữ thường, số và dấu "-" ("huyen-2023").', en: "The set's id: lower-case letters, digits and \"-\" (\"huyen-2023\")." },
    name: { vi: "Tên bộ chỉ số.", en: "The set's title." },
    source: { vi: "Văn bản ban hành (quyết định, kế hoạch, phụ lục).", en: "Where the set comes from (decision, plan, appendix)." },
    year: { vi: "Năm đánh giá.", en: "The year assessed." },
    maxTotal: { vi: "Tổng điểm tối đa, lớn hơn 0; bằng tổng điểm tối đa các chỉ số chính.", en: "The maximum total, above 0; the sum of the pillars' maxima." },
    infoItems: { vi: "Các mục Thông tin chung (nhập một lần, các chỉ số liên kết tới).", en: "General-information items (typed once, linked to by indicators)." },
    pillars: { vi: "Các chỉ số chính (trụ cột).", en: "The pillars (main indices)." },
    indicators: { vi: "Các chỉ số, theo thứ tự phụ lục.", en: "The indicators, in appendix order." },
    draft: {
      vi: "true: bản nháp — tổng điểm tối đa chưa khớp, các phần chưa đủ… chỉ cảnh báo; mẫu biểu ghi “BẢN NHÁP”.",
      en: "true: a draft — maxima that do not add up yet, parts not complete… are warnings; templates say “BẢN NHÁP”.",
    },
  },
  infoItem: {
    id: { vi: "Số thứ tự (nguyên dương, duy nhất).", en: "Its number (a positive integer, unique)." },
    name: { vi: "Tên mục.", en: "The item's name." },
    responsible: { vi: "Cơ quan cung cấp.", en: "The agency that supplies it." },
    type: { vi: '"text" (văn bản) hoặc "number" (số).', en: '"text" or "number".' },
    unit: { vi: 'Đơn vị tính của mục dạng số; "" với văn bản.', en: 'Unit of a number item; "" for text.' },
  },
  pillar: {
    id: { vi: 'Mã chỉ số chính ("I", "II"; chữ và số).', en: "The pillar's id (\"I\", \"II\"; letters and digits)." },
    name: { vi: "Tên chỉ số chính.", en: "The pillar's name." },
    maxPoints: { vi: "Điểm tối đa; bằng tổng điểm tối đa các chỉ số của nó (không kể chỉ số con).", en: "Maximum points; the sum of its indicators' maxima (sub-indicators not counted)." },
  },
  indicator: {
    id: { vi: 'Mã chỉ số như phụ lục ("1.2", "5.12.1").', en: "The indicator's id as the appendix numbers it (\"1.2\", \"5.12.1\")." },
    pillar: { vi: 'Mã chỉ số chính (trụ cột) của chỉ số, có trong "pillars".', en: 'The pillar it belongs to, one of "pillars".' },
    parent: { vi: 'Với chỉ số con: mã chỉ số cha (có quy tắc "sum-of-children" hoặc "unscored"); không cộng hai lần.', en: 'For a sub-indicator: its parent (ruled "sum-of-children" or "unscored"); never counted twice.' },
    name: { vi: "Tên chỉ số, nguyên văn.", en: "The indicator's name, verbatim." },
    scoringText: { vi: "Phương pháp tính điểm, nguyên văn.", en: "The scoring method, verbatim." },
    maxPoints: { vi: "Điểm tối đa.", en: "Maximum points." },
    responsible: { vi: "Cơ quan chủ trì, nguyên văn.", en: "The responsible agency, verbatim." },
    coordinating: { vi: 'Cơ quan phối hợp, nguyên văn; "" khi không có.', en: 'Coordinating agencies, verbatim; "" if none.' },
    variables: { vi: "Các biến (số liệu, câu trả lời) mà quy tắc dùng.", en: "The variables (figures, answers) the rule uses." },
    rule: { vi: 'Quy tắc tính điểm, phân biệt bởi "kind".', en: 'The scoring rule, told apart by "kind".' },
    reading: { vi: "Cách hiểu áp dụng khi văn bản chưa rõ.", en: "The reading taken where the text is terse or unclear." },
    evidenceRequired: {
      vi: "Tài liệu kiểm chứng bộ chỉ số yêu cầu, nguyên văn (mẫu biểu nhắc ở ô tài liệu kiểm chứng; thiếu tài liệu thì cảnh báo).",
      en: "The evidence the set requires, verbatim (the template's evidence cell asks for it; a score without it is warned).",
    },
    dataSource: { vi: "Nguồn thu thập dữ liệu, nguyên văn.", en: "Where the data comes from, verbatim." },
    verifiedBy: { vi: "Đơn vị phối hợp xác minh, nguyên văn.", en: "The agency that verifies the data, verbatim." },
  },
  variable: {
    key: { vi: 'Tên biến như văn bản đặt ("a", "b"…; chữ thường, chữ số), duy nhất trong chỉ số.', en: "The variable's letter as the text names it (\"a\", \"b\"…; lower-case letters and digits), unique in the indicator." },
    description: { vi: "Mô tả biến, nguyên văn khi văn bản có.", en: "What the variable is, verbatim where the text says." },
    unit: { vi: 'Đơn vị tính của biến dạng số ("người", "hồ sơ", "tỷ đồng"); "" với biến lựa chọn.', en: 'Unit of a number ("người", "hồ sơ", "tỷ đồng"); "" for a choice.' },
    type: { vi: '"number": một số liệu; "choice": chọn một phương án trong "options".', en: '"number": a figure; "choice": one of the "options".' },
    options: { vi: "Các phương án của biến lựa chọn, theo thứ tự văn bản (ít nhất 2; một phương án đạt điểm tối đa).", en: "The answers of a choice, in the text's order (at least 2; one earns full points)." },
    info: { vi: 'Số mục "Thông tin chung" mà biến bằng tổng của chúng (nhập một lần ở Thông tin chung).', en: "General-information items this variable equals the sum of (typed once there)." },
    sameAs: { vi: "Cùng số liệu đã hỏi ở chỉ số khác; chỉ nhập một lần ở đó.", en: "The same figure asked at another indicator; typed once there." },
    optional: { vi: "true: không bắt buộc để tính điểm (ví dụ câu “không phát sinh”).", en: "true: not needed for a score (e.g. a “nothing occurred” answer)." },
  },
  choiceOption: {
    label: { vi: "Phương án, ghi như văn bản gốc.", en: "The answer, as the official text writes it." },
    fraction: { vi: 'Phần điểm tối đa (của chỉ số, hoặc của phần) mà phương án này đạt, từ "0" đến "1" ("1/2" là một nửa).', en: 'Fraction of the maximum points (of the indicator, or of its part) this answer earns, "0" to "1" ("1/2" is half).' },
    value: { vi: "Với câu hỏi có/không: true là “có”, false là “không”.", en: "For yes/no questions: true selects this option for “yes”, false for “no”." },
    note: { vi: "Vì sao phương án được hiểu như vậy, khi văn bản chưa rõ.", en: "Why the option is read so, where the text leaves it open." },
  },
  sameAs: {
    indicator: { vi: "Mã chỉ số có biến gốc.", en: "The indicator holding the original variable." },
    variable: { vi: "Tên biến gốc trong chỉ số đó.", en: "The original variable's key there." },
  },
  ratio: {
    numerator: { vi: "Các biến cộng lại thành tử số.", en: "Variables added up to make the numerator." },
    denominator: { vi: 'Mẫu số: danh sách biến cộng lại (["b"]) hoặc hằng số ({"constant": "7"}).', en: 'The denominator: variables added up (["b"]) or a constant ({"constant": "7"}).' },
    subset: { vi: "true nếu tử số là một phần của mẫu số (tỷ lệ không thể vượt 100 %: tử lớn hơn mẫu là lỗi số liệu); false nếu không.", en: "true if the numerator counts part of the denominator (a ratio above 100 % is a data error); false if not." },
    zeroDenominator: { vi: 'Mẫu số bằng 0: "status" (mặc định) báo lỗi, điểm 0; "scores-zero": phần này được 0 điểm, không báo lỗi.', en: 'A zero denominator: "status" (default) is reported, score 0; "scores-zero": the part scores 0, nothing reported.' },
    noneAnswer: { vi: "Biến có/không “không phát sinh”: mẫu số bằng 0 và trả lời “có” thì đạt điểm tối đa.", en: "A yes/no “nothing occurred” variable: with a zero denominator and “yes”, full points." },
  },
  denominator: {
    variants: {
      variables: { vi: 'Mẫu số là tổng các biến: ["b"] hoặc ["b", "c"].', en: 'The denominator is the sum of variables: ["b"] or ["b", "c"].' },
      constant: { vi: 'Mẫu số là hằng số: {"constant": "7"}.', en: 'The denominator is a constant: {"constant": "7"}.' },
    },
    fields: {
      variables: {
        variables: { vi: "Các biến cộng lại thành mẫu số.", en: "Variables added up to make the denominator." },
      },
      constant: {
        constant: { vi: 'Hằng số văn bản cố định, lớn hơn 0 ("7").', en: 'A constant the text fixes, above 0 ("7").' },
      },
    },
  },
  tier: {
    atLeast: { vi: 'Từ giá trị này trở lên ("0.8" là 80 % với tỷ lệ).', en: 'From this value up ("0.8" is 80 % for a ratio).' },
    fraction: { vi: 'Phần điểm tối đa của bậc, lớn hơn 0, tối đa "1".', en: 'Fraction of the maximum points the step earns, above 0, at most "1".' },
  },
  measure: {
    variants: {
      ratio: { vi: 'So sánh một tỷ lệ: {"ratio": {…}}.', en: 'Compare a ratio: {"ratio": {…}}.' },
      amount: { vi: 'So sánh một số lượng: {"amount": "a"}.', en: 'Compare an amount: {"amount": "a"}.' },
    },
    fields: {
      ratio: {
        ratio: { vi: "So sánh tỷ lệ này giữa các đơn vị.", en: "Compare this ratio across the units." },
      },
      amount: {
        amount: { vi: "So sánh biến dạng số này giữa các đơn vị.", en: "Compare this number across the units." },
      },
    },
  },
  part: {
    share: { vi: 'Phần điểm tối đa của chỉ số mà phần này chiếm ("1/2"); các phần cộng lại bằng 1.', en: 'Share of the maximum points this part is worth ("1/2"); the shares add up to 1.' },
    label: LABEL,
    rule: { vi: 'Cách tính điểm phần này: "ratio", "choice", "capped-count" hoặc "group".', en: 'How the part is scored: "ratio", "choice", "capped-count" or "group".' },
  },
  groupPart: {
    share: { vi: 'Phần điểm tối đa của chỉ số mà riêng phần này có thể đạt ("1/10"); nhóm giới hạn tổng các phần.', en: 'Share of the maximum this part alone can earn ("1/10"); the group caps the parts\' sum.' },
    label: LABEL,
    rule: { vi: 'Cách tính điểm phần này: "ratio", "choice" hoặc "capped-count".', en: 'How the part is scored: "ratio", "choice" or "capped-count".' },
  },
  case: {
    label: { vi: "Tên ngắn của trường hợp, như văn bản ghi.", en: "Short name of the case, as the text heads it." },
    rule: {
      vi: "Cách tính điểm trường hợp này, theo điểm tối đa của chỉ số (mọi loại quy tắc tính trên số liệu của đơn vị, trừ threshold-literal).",
      en: "How the case is scored, out of the indicator's maximum (any rule on the unit's own figures, except threshold-literal).",
    },
  },
  rule: {
    variants: RULE_VARIANTS,
    fields: {
      ratio: {
        ratio: RATIO,
      },
      "threshold-literal": {
        ratio: RATIO,
        threshold: THRESHOLD,
      },
      "threshold-scaled": {
        ratio: RATIO,
        threshold: THRESHOLD,
      },
      "all-or-nothing": {
        ratio: RATIO,
      },
      "tiers-ratio": {
        ratio: RATIO,
        tiers: TIERS,
      },
      "tiers-amount": TIERS_AMOUNT_FIELDS,
      "multi-part": MULTI_PART_FIELDS,
      choice: {
        variable: CHOICE_VARIABLE,
      },
      "capped-count": CAPPED_COUNT_FIELDS,
      "min-max": {
        measure: MEASURE,
      },
      "ratio-to-best": {
        measure: MEASURE,
      },
      "sum-of-children": {
        children: { vi: 'Mã các chỉ số con (mỗi chỉ số con có "parent" là chỉ số này).', en: 'Ids of the child indicators (each has this indicator as "parent").' },
      },
      unscored: {},
      "best-of": {
        cases: { vi: "Các trường hợp (ít nhất 2), mỗi trường hợp một quy tắc; điểm là điểm cao nhất trong các trường hợp.", en: "The cases (at least 2), each a rule; the points are the highest the cases give." },
      },
    },
  },
  partRule: {
    variants: { ratio: RATIO_RULE, choice: CHOICE_RULE, "capped-count": CAPPED_COUNT_PART, group: GROUP },
    fields: {
      ratio: { ratio: RATIO },
      choice: { variable: CHOICE_VARIABLE },
      "capped-count": CAPPED_COUNT_FIELDS,
      group: { parts: GROUP_PARTS },
    },
  },
  groupPartRule: {
    variants: { ratio: RATIO_RULE, choice: CHOICE_RULE, "capped-count": CAPPED_COUNT_PART },
    fields: {
      ratio: { ratio: RATIO },
      choice: { variable: CHOICE_VARIABLE },
      "capped-count": CAPPED_COUNT_FIELDS,
    },
  },
  caseRule: {
    variants: {
      ratio: RATIO_RULE,
      "threshold-scaled": RULE_VARIANTS["threshold-scaled"],
      "all-or-nothing": RULE_VARIANTS["all-or-nothing"],
      "tiers-ratio": RULE_VARIANTS["tiers-ratio"],
      "tiers-amount": RULE_VARIANTS["tiers-amount"],
      "multi-part": RULE_VARIANTS["multi-part"],
      choice: CHOICE_RULE,
      "capped-count": RULE_VARIANTS["capped-count"],
    },
    fields: {
      ratio: { ratio: RATIO },
      "threshold-scaled": { ratio: RATIO, threshold: THRESHOLD },
      "all-or-nothing": { ratio: RATIO },
      "tiers-ratio": { ratio: RATIO, tiers: TIERS },
      "tiers-amount": TIERS_AMOUNT_FIELDS,
      "multi-part": MULTI_PART_FIELDS,
      choice: { variable: CHOICE_VARIABLE },
      "capped-count": CAPPED_COUNT_FIELDS,
    },
  },
};
