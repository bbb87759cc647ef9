/**
 * The one message catalog: every finding code renders in both languages from its data alone.
 * The samples are typed by code, so a code added to the engine, the reader or the workbook
 * check without a sample here (or without both texts in the catalog) fails to compile.
 */
import { FINDINGS, say, type FindingCode, type Renderable } from "../../src/i18n/findings";
import { nameTrouble, NAME_TROUBLE_TEXTS } from "../../src/i18n/name-texts-en";
import { troubleVi, type NameTrouble, type NameTroubleKind } from "../../src/layout/name-scope";

type Samples = { readonly [C in FindingCode]: readonly Extract<Renderable, { readonly code: C }>[] };

const v = { indicator: "3.1", variable: "a", label: "Số thủ tục hành chính" } as const;
const den = { keys: ["b", "c"], value: "0" } as const;
const P = { name: "numerator", label: "tử số" } as const;

/** What the hosts find wrong with a defined name, one of each kind (../../src/layout/name-scope.ts). */
const TROUBLES: { readonly [K in NameTroubleKind]: Extract<NameTrouble, { readonly kind: K }> } = {
  range: { kind: "range", name: "DTI_1_1_a", ref: "'Chỉ số DTI 2022'!$F$14:$F$15" },
  duplicate: { kind: "duplicate", name: "DTI_INFO_4", refs: ["'Thông tin chung'!$C$9", "'Thông tin chung'!$C$4"] },
  "sheet-twin": { kind: "sheet-twin", name: "DTI_3_1_a", ref: "'Chỉ số DTI 2022'!$G$51", locals: [{ sheet: "Bản sao", ref: "'Bản sao'!$G$51" }] },
  "sheet-only": {
    kind: "sheet-only",
    name: "DTI_3_2_a",
    locals: [
      { sheet: "Chỉ số DTI 2022", ref: "'Chỉ số DTI 2022'!$G$52" },
      { sheet: "Bản sao", ref: "'Bản sao'!$G$52" },
    ],
  },
  "bad-ref": { kind: "bad-ref", name: "DTI_3_1_a", ref: "Sheet1!#REF!" },
  "missing-sheet": { kind: "missing-sheet", name: "DTI_3_2_a", sheet: "Chỉ số DTI 2021" },
};

const SAMPLES: Samples = {
  "missing-value": [{ code: "missing-value", severity: "error", ...v }],
  "not-a-number": [{ code: "not-a-number", severity: "error", ...v, value: '"nhiều"' }],
  "not-finite": [{ code: "not-finite", severity: "error", ...v, value: "Infinity" }],
  negative: [{ code: "negative", severity: "error", ...v, value: "-3" }],
  "not-an-option": [{ code: "not-an-option", severity: "error", ...v, value: "7", options: ["Đã ban hành", "Chưa ban hành"] }],
  "numerator-above-denominator": [
    { code: "numerator-above-denominator", severity: "error", indicator: "3.1", numerator: { keys: ["a"], value: "200000.5" }, denominator: { keys: ["b"], value: "158500" } },
    { code: "numerator-above-denominator", severity: "error", indicator: "4.2", numerator: { keys: ["a", "b"], value: "12" }, denominator: { value: "10" } },
  ],
  "zero-denominator": [
    { code: "zero-denominator", severity: "error", case: "no-ratio", indicator: "3.2", denominator: den },
    { code: "zero-denominator", severity: "info", case: "scores-zero", indicator: "3.3", denominator: den },
    { code: "zero-denominator", severity: "warning", case: "none-unanswered", indicator: "5.5", denominator: den, variable: "d", noneLabel: "Không phát sinh" },
  ],
  "none-answer": [
    { code: "none-answer", severity: "info", case: "confirmed", indicator: "5.5", variable: "d" },
    { code: "none-answer", severity: "warning", case: "contradicted", indicator: "5.11", variable: "e", denominator: { keys: ["b"], value: "4" } },
  ],
  "disagrees-with-info": [{ code: "disagrees-with-info", severity: "error", ...v, given: "600000", items: [4, 5], linked: "596000" }],
  "disagrees-with-linked": [{ code: "disagrees-with-linked", severity: "error", ...v, given: "12", other: { indicator: "2.4", variable: "b" }, linked: "13" }],
  "needs-reference": [{ code: "needs-reference", severity: "warning", indicator: "6.2" }],
  "invalid-reference": [
    { code: "invalid-reference", severity: "error", case: "not-numbers", indicator: "6.2", min: "-1", max: "8" },
    { code: "invalid-reference", severity: "error", case: "min-above-max", indicator: "6.2", min: "9", max: "8" },
  ],
  "unknown-variable": [
    { code: "unknown-variable", severity: "warning", indicator: "3.1", key: "z", known: ["a", "b"] },
    { code: "unknown-variable", severity: "warning", indicator: "9.1", key: "q", known: [] },
  ],
  unscored: [{ code: "unscored", severity: "info", indicator: "9.1" }],
  "sub-indicator-incomplete": [{ code: "sub-indicator-incomplete", severity: "warning", indicator: "5.12", children: ["5.12.1", "5.12.4"] }],

  "duplicate-unit": [{ code: "duplicate-unit", unit: "sở y tế", before: "Sở Y tế" }],
  "unknown-indicator-id": [{ code: "unknown-indicator-id", id: "3.99", set: "dti-province-2022" }],
  "unit-unknown-indicator": [
    { code: "unit-unknown-indicator", unit: "Sở Y tế", id: "3.99", set: "dti-province-2022", case: "values" },
    { code: "unit-unknown-indicator", unit: "Sở Y tế", id: "6.99", set: "dti-province-2022", case: "reference" },
  ],
  "unit-unknown-info": [
    { code: "unit-unknown-info", unit: "Huyện A", item: "99", set: "huyen-2023", known: ["1", "2"] },
    { code: "unit-unknown-info", unit: "Huyện A", item: "1", set: "khong-muc", known: [] },
  ],

  "not-a-template": [{ code: "not-a-template", severity: "fatal", lacking: "DTI_META_SET" }],
  "other-set": [{ code: "other-set", severity: "fatal", found: "dti-2020", expected: "dti-province-2022" }],
  "unknown-version": [{ code: "unknown-version", severity: "fatal", versionName: "DTI_META_VERSION", value: "ba" }],
  "newer-template": [{ code: "newer-template", severity: "fatal", version: 9, supported: 4 }],
  "older-template": [{ code: "older-template", severity: "warning", version: 2, supported: 4 }],
  "missing-name": [
    { code: "missing-name", severity: "error", name: "DTI_6_12_b", indicator: "6.12" },
    { code: "missing-name", severity: "error", name: "DTI_INFO_4" },
  ],
  "broken-name": [
    { code: "broken-name", severity: "error", name: "DTI_3_1_a", indicator: "3.1", trouble: TROUBLES["bad-ref"] },
    { code: "broken-name", severity: "error", name: "DTI_3_2_a", trouble: TROUBLES["missing-sheet"] },
  ],
  "ambiguous-name": [
    { code: "ambiguous-name", severity: "error", name: "DTI_1_1_a", indicator: "1.1", trouble: TROUBLES.range },
    { code: "ambiguous-name", severity: "error", name: "DTI_INFO_4", trouble: TROUBLES.duplicate },
    { code: "ambiguous-name", severity: "error", name: "DTI_3_1_a", indicator: "3.1", trouble: TROUBLES["sheet-twin"] },
    { code: "ambiguous-name", severity: "error", name: "DTI_3_2_a", trouble: TROUBLES["sheet-only"] },
  ],
  "cell-error": [{ code: "cell-error", severity: "error", name: "DTI_7_1_a", indicator: "7.1", error: "#REF!" }],
  "external-formula": [
    { code: "external-formula", severity: "warning", name: "DTI_INFO_4", source: "link", formula: "[1]Sheet1!A1", saved: 596000, at: "'Thông tin chung'!C7" },
    { code: "external-formula", severity: "warning", name: "DTI_3_1_a", indicator: "3.1", source: "web", formula: "=WEBSERVICE(\"http://x\")", saved: null },
  ],
  "no-unit-name": [{ code: "no-unit-name", severity: "warning", fallback: "mau.xlsx" }],
  "unreadable-period": [
    { code: "unreadable-period", severity: "warning", name: "DTI_PERIOD", text: "Quý 5/2026", at: "'Thông tin chung'!C3" },
    { code: "unreadable-period", severity: "warning", name: "DTI_PERIOD", text: "2026" },
  ],

  "invalid-published": [
    { code: "invalid-published", severity: "warning", name: "DTI_PUB_PILLAR_III", pillar: "III", text: "52,34%", at: "'Tổng hợp'!H9" },
    { code: "invalid-published", severity: "warning", name: "DTI_PUB_INDEX", text: "1,2" },
  ],

  "info-not-a-number": [{ code: "info-not-a-number", item: { id: 4, name: "Số lượng dân số" }, value: '"nhiều"', users: ["3.1", "4.11"] }],
  "info-negative": [{ code: "info-negative", item: { id: 5, name: "Số hộ gia đình" }, value: "-2", users: ["8.1"] }],
  "info-blank": [
    { code: "info-blank", item: { id: 6, name: "Diện tích" }, used: true },
    { code: "info-blank", item: { id: 7, name: "Số xã" }, used: false },
  ],
  "reference-not-a-number": [
    { code: "reference-not-a-number", indicator: "6.2", bound: "min", value: '"ít"' },
    { code: "reference-not-a-number", indicator: "6.2", bound: "max", value: '"nhiều"' },
    { code: "reference-not-a-number", indicator: "6.3", bound: "best", value: "TRUE" },
  ],
  "invalid-option": [
    { code: "invalid-option", name: "DTI_OPT_ALT", option: "alt-threshold", value: '"có lẽ"' },
    { code: "invalid-option", name: "DTI_OPT_BEST", option: "minmax-as-best", value: "#N/A" },
  ],
  "annotation-error": [
    { code: "annotation-error", name: "DTI_T_3_1", what: { kind: "target", indicator: "3.1" }, error: "#DIV/0!" },
    { code: "annotation-error", name: "DTI_E_3_1", what: { kind: "evidence", indicator: "3.1" }, error: "#REF!" },
    { code: "annotation-error", name: "DTI_N_3_1", what: { kind: "note", indicator: "3.1" }, error: "#NAME?" },
    { code: "annotation-error", name: "DTI_PREV_P1", what: { kind: "previous-pillar", pillar: "I" }, error: "#VALUE!" },
    { code: "annotation-error", name: "DTI_PREV_TOTAL", what: { kind: "previous-total" }, error: "#N/A" },
    { code: "annotation-error", name: "DTI_PREV_INDEX", what: { kind: "previous-index" }, error: "#NUM!" },
  ],
  "invalid-target": [{ code: "invalid-target", indicator: "2.1", value: '"cao"' }],
  "target-above-max": [{ code: "target-above-max", indicator: "2.1", target: "80", max: "5" }],
  "invalid-previous": [{ code: "invalid-previous", name: "DTI_PREV_TOTAL", what: { kind: "previous-total" }, value: "-4" }],
  "previous-above-max": [
    { code: "previous-above-max", name: "DTI_PREV_P1", what: { kind: "previous-pillar", pillar: "II" }, value: "130", max: "120" },
    { code: "previous-above-max", name: "DTI_PREV_INDEX", what: { kind: "previous-index" }, value: "30.48", max: "1" },
  ],
  "missing-evidence": [{ code: "missing-evidence", indicator: "2.1", score: "2.5" }],
  "missing-required-evidence": [{ code: "missing-required-evidence", indicator: "1.1", score: "12", required: "Quyết định thành lập Ban chỉ đạo; danh sách thành viên" }],
  "linked-missing": [
    { code: "linked-missing", owner: { info: { id: 4, name: "Số lượng dân số" } }, about: ["3.1", "4.11", "8.1"] },
    { code: "linked-missing", owner: { info: { id: 9, name: "Số cán bộ" } }, about: ["6.1"] },
    { code: "linked-missing", owner: { indicator: "2.4", variable: { key: "b", label: "Số văn bản" } }, about: ["2.4", "6.12"] },
  ],
  "linked-zero": [
    {
      code: "linked-zero",
      owner: { indicator: "3.1", variable: { key: "b", label: "Tổng số hồ sơ" } },
      about: ["3.1", "3.2"],
      parts: [
        { code: "zero-denominator", severity: "error", case: "no-ratio", indicator: "3.1", denominator: { keys: ["b"], value: "0" } },
        { code: "zero-denominator", severity: "error", case: "no-ratio", indicator: "3.2", denominator: { keys: ["b"], value: "0" } },
      ],
    },
  ],

  "fn-missing": [{ code: "fn-missing", param: P }],
  "fn-zero-divisor": [{ code: "fn-zero-divisor", param: P }],
  "fn-bad": [
    { code: "fn-bad", param: P, why: { kind: "not-finite", value: "Infinity" } },
    { code: "fn-bad", param: P, why: { kind: "text", value: '"abc"' } },
    { code: "fn-bad", param: P, why: { kind: "boolean", value: "TRUE" } },
    { code: "fn-bad", param: P, why: { kind: "range" } },
    { code: "fn-bad", param: P, why: { kind: "unsupported" } },
    { code: "fn-bad", param: P, why: { kind: "negative", value: "-1" } },
    { code: "fn-bad", param: P, why: { kind: "below-min", min: "2", value: "1" } },
    { code: "fn-bad", param: P, why: { kind: "not-above", greaterThan: "0", value: "-0.5" } },
    { code: "fn-bad", param: P, why: { kind: "above-max", max: "1", value: "70" } },
  ],
  "fn-bad-item": [{ code: "fn-bad-item", param: P, position: 2, why: { kind: "text", value: '"một"' } }],
  "fn-bad-sample": [{ code: "fn-bad-sample", param: P, why: { kind: "negative", value: "-5" } }],
  "fn-sample-not-finite": [{ code: "fn-sample-not-finite", param: P, value: "-Infinity" }],
  "fn-empty-list": [{ code: "fn-empty-list", param: P }],
  "fn-not-boolean": [{ code: "fn-not-boolean", param: P, value: '"có"' }],
  "fn-unknown-indicator": [{ code: "fn-unknown-indicator", id: "3.99", set: "dti-province-2022" }],
  "fn-unknown-set": [{ code: "fn-unknown-set", setId: "x", value: '"x:1.1"', known: ["dti-province-2022", "dti-province-2020"] }],
  "fn-missing-indicator-id": [{ code: "fn-missing-indicator-id", param: P, setId: "dti-province-2020", example: "1.1" }],
  "fn-set-not-loaded": [{ code: "fn-set-not-loaded", set: "dti-province-2022" }],
  "fn-ambiguous-id": [{ code: "fn-ambiguous-id", param: P, value: "4.1", ids: ["4.1", "4.10"] }],
  "fn-not-indicator-id": [{ code: "fn-not-indicator-id", param: P, value: "TRUE" }],
  "fn-not-text": [{ code: "fn-not-text", param: P, value: "12" }],
  "fn-no-sample": [{ code: "fn-no-sample" }],
  "fn-tiers-length": [{ code: "fn-tiers-length", param: P, thresholds: 3, fractions: 2 }],
  "fn-tiers-order": [{ code: "fn-tiers-order", param: P }],
  "fn-unknown-part": [
    { code: "fn-unknown-part", indicator: "1.2", part: "z", known: ["a", "b"], param: P },
    { code: "fn-unknown-part", indicator: "9.1", part: "a", known: [], param: P },
  ],
  "fn-not-a-level": [{ code: "fn-not-a-level", indicator: "3.1", variable: "a" }],
  "fn-sum-of-children": [{ code: "fn-sum-of-children", indicator: "5.12", children: ["5.12.1", "5.12.6"] }],
  "fn-too-many-values": [
    { code: "fn-too-many-values", indicator: "3.1", keys: ["a", "b"], reference: false, given: 3 },
    { code: "fn-too-many-values", indicator: "4.6", keys: ["a"], reference: true, given: 5 },
  ],
  "fn-bad-reference": [
    { code: "fn-bad-reference", indicator: "4.6", bound: "min", why: { kind: "text", value: '"thấp"' } },
    { code: "fn-bad-reference", indicator: "4.6", bound: "max", why: { kind: "not-finite", value: "Infinity" } },
  ],
  "fn-incomplete": [{ code: "fn-incomplete", indicator: "3.1" }],
  "fn-invalid": [{ code: "fn-invalid", indicator: "3.1" }],
  "fn-needs-reference": [{ code: "fn-needs-reference", indicator: "4.6" }],
  "fn-no-function": [{ code: "fn-no-function", name: "NOPE" }],
  "fn-too-many-arguments": [{ code: "fn-too-many-arguments", max: 4, given: 5 }],
  "fn-not-finite-result": [{ code: "fn-not-finite-result", value: "Infinity" }],
  "fn-unexpected": [{ code: "fn-unexpected", detail: "boom" }],

  "merge-not-a-template": [{ code: "merge-not-a-template", file: "b.xlsx", lacking: "DTI_META_SET" }],
  "merge-unknown-set": [{ code: "merge-unknown-set", file: "c.xlsx", set: "x" }],
  "merge-template-version": [{ code: "merge-template-version", file: "d.xlsx", version: "99", supported: 4 }],
  "merge-other-set": [{ code: "merge-other-set", file: "e.xlsx", set: "dti-2020", master: "dti-province-2022" }],
  "merge-other-version": [{ code: "merge-other-version", file: "f.xlsx", version: 3, master: 4 }],
  "merge-not-a-part": [{ code: "merge-not-a-part", file: "tong-hop-2.xlsx" }],
  "merge-unknown-agency": [{ code: "merge-unknown-agency", file: "g.xlsx", agency: "Sở Du lịch", set: "dti-province-2022" }],
  "merge-other-master": [{ code: "merge-other-master", file: "so-tttt.xlsx", from: "khac.xlsx", master: "tong-hop.xlsx" }],
  "cycle-unreadable-period": [{ code: "cycle-unreadable-period", text: "Quý 5/2026" }],
  "cycle-unreadable-calendar": [{ code: "cycle-unreadable-calendar", text: "hằng quý", reason: 'Lịch báo cáo "hằng quý": sai dạng.' }],
  "cycle-day-clamped": [{ code: "cycle-day-clamped", calendar: "31, 20/12", wanted: 31, date: "30/06/2026" }],
  "merge-other-period": [{ code: "merge-other-period", file: "so-tttt.xlsx", period: "Quý II/2026", master: "Quý III/2026" }],
  "merge-period-accepted": [{ code: "merge-period-accepted", file: "so-tttt.xlsx", period: "Quý II/2026", master: "Quý III/2026" }],
  "merge-late": [{ code: "merge-late", file: "so-tttt.xlsx", agency: "Sở TTTT", due: "25/09/2026", today: "28/09/2026" }],
  "merge-cell-error": [{ code: "merge-cell-error", at: { file: "so-tttt.xlsx", cell: "'Chỉ số DTI 2022'!G36" }, label: { name: "DTI_3_2_a", indicator: "3.2" }, error: "#DIV/0!" }],
  "merge-formula-uncalculated": [{ code: "merge-formula-uncalculated", at: { file: "so-tttt.xlsx" }, label: { name: "DTI_INFO_4", item: "4" }, formula: "=A1*2" }],
  "merge-formula-not-owned": [
    { code: "merge-formula-not-owned", at: { file: "so-tttt.xlsx" }, label: { name: "DTI_6_1_a", indicator: "6.1" }, formula: "=2+2", value: "4", owners: ["Sở Nội vụ"] },
    { code: "merge-formula-not-owned", at: { file: "so-tttt.xlsx" }, label: { name: "DTI_X" }, formula: "=3", value: null, owners: [] },
  ],
  "merge-unknown-name": [{ code: "merge-unknown-name", file: "so-tttt.xlsx", agency: "Sở TTTT", name: "TEN_THEM", value: '"abc"' }],
  "merge-conflict": [
    {
      code: "merge-conflict",
      label: { name: "DTI_3_1_a", indicator: "3.1" },
      held: [
        { file: "a.xlsx", value: { value: "318000" } },
        { file: "b.xlsx", value: { value: null, cleared: true } },
        { file: "c.xlsx", value: { value: "10", formula: "=5+5" } },
      ],
    },
  ],
  "merge-failed": [{ code: "merge-failed", label: { name: "DTI_3_1_a", indicator: "3.1" }, value: { value: "12" }, file: "so-tttt.xlsx" }],
  "merge-formula": [{ code: "merge-formula", at: { file: "so-tttt.xlsx", cell: "G35" }, label: { name: "DTI_3_1_a", indicator: "3.1" }, formula: "=5+5", value: "10", now: "7" }],
  "merge-cleared": [{ code: "merge-cleared", at: [{ file: "a.xlsx", cell: "G35" }, { file: "b.xlsx" }], label: { name: "DTI_3_1_a", indicator: "3.1" }, now: "7" }],
  "merge-outside": [
    { code: "merge-outside", file: "so-tttt.xlsx", agency: "Sở TTTT", label: { name: "DTI_6_1_a", indicator: "6.1" }, value: "5", now: null, owners: ["Sở Nội vụ", "Sở Tài chính"] },
  ],
  "merge-link": [
    { code: "merge-link", file: "so-tttt.xlsx", agency: "Sở TTTT", label: { name: "DTI_8_3_b", indicator: "8.3" }, value: "1", target: "DTI_8_2_b", now: "50" },
    { code: "merge-link", file: "so-tttt.xlsx", agency: "Sở TTTT", label: { name: "DTI_8_3_c" }, value: "2", now: null },
  ],
  "merge-duplicate": [{ code: "merge-duplicate", agency: "Sở TTTT", files: ["so-tttt.xlsx", "so-tttt (1).xlsx"] }],
  "merge-missing": [
    { code: "merge-missing", agency: "Sở Xây dựng", fileName: "so-xay-dung.xlsx", led: ["9.3"] },
    { code: "merge-missing", agency: "Cục Thống kê", fileName: "cuc-thong-ke.xlsx", items: ["4", "5"] },
    { code: "merge-missing", agency: "Sở TTTT", fileName: "so-tttt.xlsx", led: ["1.1", "3.1"], items: ["9"] },
  ],
  "merge-task-not-in-master": [{ code: "merge-task-not-in-master", file: "so-tttt.xlsx", names: ["DTI_TASK_5_STATUS", "DTI_TASK_5_PROGRESS", "DTI_TASK_5_NOTE"] }],
  "template-tasks-named": [{ code: "template-tasks-named", sheet: "Nhiệm vụ", rows: 95 }],
  "split-part-tasks": [{ code: "split-part-tasks", count: 3 }],
  "split-tasks-unnamed": [{ code: "split-tasks-unnamed", file: "tong-hop.xlsx" }],
  "split-tasks-unassigned": [{ code: "split-tasks-unassigned", tasks: [{ task: "2. Xây dựng chuyên trang cấp tỉnh về chuyển đổi số", lead: "Sở TT&TT" }, { task: "4. Rà soát", lead: "" }] }],
  "merge-replaced": [
    { code: "merge-replaced", label: { name: "DTI_3_1_a", indicator: "3.1" }, masterCell: "'Chỉ số DTI 2022'!G51", old: "7", now: "10", file: "so-tttt.xlsx", formula: "=5+5" },
    { code: "merge-replaced", label: { name: "DTI_INFO_4", item: "4" }, old: null, now: "12", file: "cuc-thong-ke.xlsx" },
    { code: "merge-replaced", label: { name: "DTI_TASK_5_STATUS", task: "2. Xây dựng chuyên trang cấp tỉnh" }, old: '"Đang thực hiện"', now: '"Hoàn thành"', file: "so-tttt.xlsx" },
  ],
};

/** Lower-case letters only Vietnamese writes (with tone or vowel marks, and đ). */
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

/** Names of Vietnamese sheets and terms the English texts quote as they are. */
const PROPER_NAMES = ["Thông tin chung", "tài liệu kiểm chứng"];

/** Fields of Vietnamese source text (a variable's or item's description, the host's own words) only the Vietnamese shows. */
const VI_ONLY = new Set(["label", "detail", "saved", "at", "item.name", "info.name"]);

/** Fields that choose a wording rather than being quoted. */
const WORDING = new Set(["code", "severity", "case", "kind", "bound", "option", "source", "reason", "used", "reference"]);

/** Every value the text must show, with the path of its field ("item.name"). */
function placeholders(value: unknown, path: string[] = []): { path: string; text: string }[] {
  const key = path[path.length - 1] ?? "";
  if (WORDING.has(key)) return [];
  if (path.includes("parts")) return []; // rendered by their own entry
  if (typeof value === "string" || typeof value === "number") return [{ path: path.slice(-2).join("."), text: String(value) }];
  if (value === null || typeof value === "boolean") return [];
  if (Array.isArray(value)) return value.flatMap((x) => placeholders(x, path));
  return Object.entries(value as object).flatMap(([k, x]) => placeholders(x, [...path, k]));
}

const cases: [string, Renderable][] = (Object.keys(FINDINGS) as FindingCode[]).flatMap((code) =>
  SAMPLES[code].map((s, n) => [`${code} #${n + 1}`, s] as [string, Renderable]),
);

describe("the findings catalog", () => {
  it("has a sample for every code it renders", () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(FINDINGS).sort());
    for (const code of Object.keys(SAMPLES) as FindingCode[]) expect(SAMPLES[code].length).toBeGreaterThan(0);
  });

  it.each(cases)("%s renders in Vietnamese and English from its data", (_, sample) => {
    const vi = say(sample, "vi");
    const en = say(sample, "en");
    for (const text of [vi, en]) {
      expect(text.trim()).not.toBe("");
      expect(text).not.toMatch(/undefined|NaN|\[object/);
    }
    expect(vi).toMatch(VIETNAMESE);
    expect(vi).not.toBe(en);
    // English has no Vietnamese words of its own: only the values it quotes and proper names.
    let plain = en;
    for (const p of placeholders(sample)) plain = plain.split(p.text).join("");
    for (const name of PROPER_NAMES) plain = plain.split(name).join("");
    plain = plain.replace(/"[^"]*"/g, "");
    expect(plain).not.toMatch(VIETNAMESE);
    for (const p of placeholders(sample)) {
      expect(vi).toContain(p.text);
      if (!VI_ONLY.has(p.path) && !VI_ONLY.has(p.path.split(".").pop() as string)) expect(en).toContain(p.text);
    }
  });

  it("a text that wraps others says each of them", () => {
    const [zero] = SAMPLES["linked-zero"];
    if (!zero) throw new Error("no sample");
    for (const part of zero.parts) {
      expect(say(zero, "vi")).toContain(say(part, "vi"));
      expect(say(zero, "en")).toContain(say(part, "en"));
    }
  });
});

describe("what is wrong with a defined name", () => {
  it("every kind renders in Vietnamese and English from one table, the Vietnamese the hosts' own", () => {
    expect(Object.keys(NAME_TROUBLE_TEXTS).sort()).toEqual(Object.keys(TROUBLES).sort());
    for (const t of Object.values(TROUBLES) as NameTrouble[]) {
      expect(nameTrouble(t, "vi")).toBe(troubleVi(t));
      expect(nameTrouble(t, "vi")).toContain(t.name);
      expect(nameTrouble(t, "en")).toContain(t.name);
    }
  });

  it("says the name, the cells and what Excel does with them", () => {
    expect(nameTrouble(TROUBLES.range, "en")).toMatch(/^the name DTI_1_1_a points to a range of several cells 'Chỉ số DTI 2022'!\$F\$14:\$F\$15, not one cell/);
    expect(nameTrouble(TROUBLES.range, "vi")).toMatch(/^tên DTI_1_1_a trỏ tới vùng nhiều ô 'Chỉ số DTI 2022'!\$F\$14:\$F\$15, không phải một ô/);
    expect(nameTrouble(TROUBLES.duplicate, "en")).toContain("is defined 2 times for the whole workbook ('Thông tin chung'!$C$9; 'Thông tin chung'!$C$4)");
    expect(nameTrouble(TROUBLES.duplicate, "vi")).toContain("được định nghĩa 2 lần cho cả sổ ('Thông tin chung'!$C$9; 'Thông tin chung'!$C$4)");
    expect(nameTrouble(TROUBLES["sheet-only"], "en")).toContain(`sheet "Chỉ số DTI 2022" ('Chỉ số DTI 2022'!$G$52); sheet "Bản sao" ('Bản sao'!$G$52)`);
    expect(say({ code: "ambiguous-name", severity: "error", name: "DTI_3_1_a", indicator: "3.1", trouble: TROUBLES["sheet-twin"] }, "en")).toContain(
      `The name DTI_3_1_a (indicator 3.1) is ambiguous: besides the workbook-level name DTI_3_1_a ('Chỉ số DTI 2022'!$G$51) there is a name DTI_3_1_a of sheet "Bản sao" ('Bản sao'!$G$51) only;`,
    );
    expect(say({ code: "broken-name", severity: "error", name: "DTI_3_2_a", trouble: TROUBLES["missing-sheet"] }, "en")).toBe(
      `The name DTI_3_2_a does not point to a valid cell (the name DTI_3_2_a points to sheet "Chỉ số DTI 2021", which is no longer in the workbook). It was not read.`,
    );
  });
});
