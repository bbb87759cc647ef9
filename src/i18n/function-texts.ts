/**
 * The DTI.* functions' part of the one message catalog (./findings.ts spreads it into
 * FINDINGS): why an argument or a result cannot be used, as data, in both languages. Excel
 * shows the Vietnamese; the English is there for the catalog's rule (every code, both languages).
 */
import type { Lang } from "./strings";

/** A parameter as messages name it: its name and its Vietnamese short label ("numerator", "tử số"). */
export interface ParamRef {
  readonly name: string;
  readonly label: string;
}

/** Why a value is not a usable number, or breaks its bounds. Values as shown ("abc" quoted, numbers as written). */
export type Why =
  | { readonly kind: "not-finite"; readonly value: string }
  | { readonly kind: "text"; readonly value: string }
  | { readonly kind: "boolean"; readonly value: string }
  | { readonly kind: "range" }
  | { readonly kind: "unsupported" }
  | { readonly kind: "negative"; readonly value: string }
  | { readonly kind: "below-min"; readonly min: string; readonly value: string }
  | { readonly kind: "not-above"; readonly greaterThan: string; readonly value: string }
  | { readonly kind: "above-max"; readonly max: string; readonly value: string };

export type FunctionProblem =
  | { readonly code: "fn-missing"; readonly param: ParamRef }
  | { readonly code: "fn-zero-divisor"; readonly param: ParamRef }
  | { readonly code: "fn-bad"; readonly param: ParamRef; readonly why: Why }
  | { readonly code: "fn-bad-item"; readonly param: ParamRef; readonly position: number; readonly why: Why }
  | { readonly code: "fn-bad-sample"; readonly param: ParamRef; readonly why: Why }
  | { readonly code: "fn-sample-not-finite"; readonly param: ParamRef; readonly value: string }
  | { readonly code: "fn-empty-list"; readonly param: ParamRef }
  | { readonly code: "fn-not-boolean"; readonly param: ParamRef; readonly value: string }
  | { readonly code: "fn-unknown-indicator"; readonly id: string; readonly set: string }
  | { readonly code: "fn-unknown-set"; readonly setId: string; readonly value: string; readonly known: readonly string[] }
  | { readonly code: "fn-missing-indicator-id"; readonly param: ParamRef; readonly setId: string; readonly example: string }
  | { readonly code: "fn-set-not-loaded"; readonly set: string }
  | { readonly code: "fn-ambiguous-id"; readonly param: ParamRef; readonly value: string; readonly ids: readonly string[] }
  | { readonly code: "fn-not-indicator-id"; readonly param: ParamRef; readonly value: string }
  | { readonly code: "fn-not-text"; readonly param: ParamRef; readonly value: string }
  | { readonly code: "fn-no-sample" }
  | { readonly code: "fn-tiers-length"; readonly param: ParamRef; readonly thresholds: number; readonly fractions: number }
  | { readonly code: "fn-tiers-order"; readonly param: ParamRef }
  | { readonly code: "fn-unknown-part"; readonly indicator: string; readonly part: string; readonly known: readonly string[]; readonly param: ParamRef }
  | { readonly code: "fn-not-a-level"; readonly indicator: string; readonly variable: string }
  | { readonly code: "fn-sum-of-children"; readonly indicator: string; readonly children: readonly string[] }
  | { readonly code: "fn-too-many-values"; readonly indicator: string; readonly keys: readonly string[]; readonly reference: boolean; readonly given: number }
  | { readonly code: "fn-bad-reference"; readonly indicator: string; readonly bound: "min" | "max"; readonly why: Why }
  | { readonly code: "fn-incomplete"; readonly indicator: string }
  | { readonly code: "fn-invalid"; readonly indicator: string }
  | { readonly code: "fn-needs-reference"; readonly indicator: string }
  | { readonly code: "fn-no-function"; readonly name: string }
  | { readonly code: "fn-too-many-arguments"; readonly max: number; readonly given: number }
  | { readonly code: "fn-not-finite-result"; readonly value: string }
  | { readonly code: "fn-unexpected"; readonly detail: string };

type Render<C extends FunctionProblem["code"]> = (f: Extract<FunctionProblem, { readonly code: C }>) => string;

export type FunctionTexts = { readonly [C in FunctionProblem["code"]]: { readonly vi: Render<C>; readonly en: Render<C> } };

/** "đối số numerator (tử số)" */
const pVi = (p: ParamRef): string => `đối số ${p.name} (${p.label})`;
const pEn = (p: ParamRef): string => `argument ${p.name} ("${p.label}")`;

function whyVi(w: Why): string {
  switch (w.kind) {
    case "not-finite":
      return `phải là số hữu hạn (nhận được ${w.value}).`;
    case "text":
      return `phải là số, không phải văn bản ${w.value}.`;
    case "boolean":
      return `phải là số, không phải giá trị ${w.value}.`;
    case "range":
      return "phải là một ô, không phải một vùng nhiều ô.";
    case "unsupported":
      return "phải là số (kiểu dữ liệu không được hỗ trợ).";
    case "negative":
      return `không được âm (nhận được ${w.value}).`;
    case "below-min":
      return `phải lớn hơn hoặc bằng ${w.min} (nhận được ${w.value}).`;
    case "not-above":
      return `phải lớn hơn ${w.greaterThan} (nhận được ${w.value}).`;
    case "above-max":
      return `không được lớn hơn ${w.max} (nhận được ${w.value}).`;
  }
}

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

const REFERENCE = { min: { vi: "nhỏ nhất", en: "minimum" }, max: { vi: "lớn nhất", en: "maximum" } } as const;

export const FUNCTION_TEXTS: FunctionTexts = {
  "fn-missing": { vi: (f) => `${pVi(f.param)} chưa được nhập.`, en: (f) => `${pEn(f.param)} is missing.` },
  "fn-zero-divisor": { vi: (f) => `${pVi(f.param)} bằng 0; không chia được.`, en: (f) => `${pEn(f.param)} is 0; cannot divide.` },
  "fn-bad": { vi: (f) => `${pVi(f.param)} ${whyVi(f.why)}`, en: (f) => `${pEn(f.param)} ${whyEn(f.why)}` },
  "fn-bad-item": {
    vi: (f) => `${pVi(f.param)} phần tử thứ ${f.position} ${whyVi(f.why)}`,
    en: (f) => `${pEn(f.param)}, item ${f.position}, ${whyEn(f.why)}`,
  },
  "fn-bad-sample": { vi: (f) => `${pVi(f.param)} có phần tử ${whyVi(f.why)}`, en: (f) => `${pEn(f.param)} has an item that ${whyEn(f.why)}` },
  "fn-sample-not-finite": {
    vi: (f) => `${pVi(f.param)} chứa giá trị không phải số hữu hạn (${f.value}).`,
    en: (f) => `${pEn(f.param)} contains a value that is not a finite number (${f.value}).`,
  },
  "fn-empty-list": { vi: (f) => `${pVi(f.param)} không có số nào.`, en: (f) => `${pEn(f.param)} holds no number.` },
  "fn-not-boolean": {
    vi: (f) => `${pVi(f.param)} phải là TRUE hoặc FALSE (nhận được ${f.value}).`,
    en: (f) => `${pEn(f.param)} must be TRUE or FALSE (got ${f.value}).`,
  },
  "fn-unknown-indicator": {
    vi: (f) => `không có chỉ số "${f.id}" trong bộ chỉ số ${f.set}.`,
    en: (f) => `there is no indicator "${f.id}" in the indicator set ${f.set}.`,
  },
  "fn-unknown-set": {
    vi: (f) => `không có bộ chỉ số "${f.setId}" (trong ${f.value}); các bộ chỉ số: ${f.known.join(", ")}.`,
    en: (f) => `there is no indicator set "${f.setId}" (in ${f.value}); the sets are: ${f.known.join(", ")}.`,
  },
  "fn-missing-indicator-id": {
    vi: (f) => `${pVi(f.param)} thiếu mã chỉ số sau "${f.setId}:", ví dụ "${f.setId}:${f.example}".`,
    en: (f) => `${pEn(f.param)} lacks the indicator id after "${f.setId}:", e.g. "${f.setId}:${f.example}".`,
  },
  "fn-set-not-loaded": { vi: (f) => `chưa nạp được bộ chỉ số ${f.set}.`, en: (f) => `the indicator set ${f.set} could not be loaded.` },
  "fn-ambiguous-id": {
    vi: (f) => `${pVi(f.param)} ${f.value} nhập dạng số có thể là ${f.ids.map((id) => `"${id}"`).join(" hoặc ")}; hãy nhập mã chỉ số dạng văn bản.`,
    en: (f) => `${pEn(f.param)} ${f.value} typed as a number may be ${f.ids.map((id) => `"${id}"`).join(" or ")}; type the indicator id as text.`,
  },
  "fn-not-indicator-id": {
    vi: (f) => `${pVi(f.param)} phải là mã chỉ số dạng văn bản, ví dụ "3.1" (nhận được ${f.value}).`,
    en: (f) => `${pEn(f.param)} must be an indicator id as text, e.g. "3.1" (got ${f.value}).`,
  },
  "fn-not-text": { vi: (f) => `${pVi(f.param)} phải là văn bản (nhận được ${f.value}).`, en: (f) => `${pEn(f.param)} must be text (got ${f.value}).` },
  "fn-no-sample": {
    vi: () => "cần giá trị tham chiếu: vùng so sánh (values) không có số nào.",
    en: () => "reference values are needed: the range compared (values) holds no number.",
  },
  "fn-tiers-length": {
    vi: (f) => `${pVi(f.param)} phải có cùng số phần tử với đối số thresholds (${f.thresholds} ngưỡng, ${f.fractions} tỷ lệ điểm).`,
    en: (f) => `${pEn(f.param)} must have as many items as the argument thresholds (${f.thresholds} thresholds, ${f.fractions} fractions).`,
  },
  "fn-tiers-order": { vi: (f) => `${pVi(f.param)} phải xếp từ cao xuống thấp.`, en: (f) => `${pEn(f.param)} must be sorted from high to low.` },
  "fn-unknown-part": {
    vi: (f) => `chỉ số ${f.indicator} không có biến "${f.part}" (các biến: ${f.known.join(", ") || "không có"}); xem ${pVi(f.param)}.`,
    en: (f) => `indicator ${f.indicator} has no variable "${f.part}" (variables: ${f.known.join(", ") || "none"}); see ${pEn(f.param)}.`,
  },
  "fn-not-a-level": {
    vi: (f) => `chỉ số ${f.indicator}, biến ${f.variable} không được chấm điểm theo mức hoặc lựa chọn; hãy dùng DTI.SCORE.`,
    en: (f) => `indicator ${f.indicator}, variable ${f.variable} is not scored by level or choice; use DTI.SCORE.`,
  },
  "fn-sum-of-children": {
    vi: (f) => `chỉ số ${f.indicator} là tổng các chỉ số con ${f.children.join(", ")}; hãy cộng DTI.SCORE của từng chỉ số con.`,
    en: (f) => `indicator ${f.indicator} is the sum of its sub-indicators ${f.children.join(", ")}; add up DTI.SCORE of each of them.`,
  },
  "fn-too-many-values": {
    vi: (f) => {
      const expected = [...f.keys, ...(f.reference ? ["tham chiếu nhỏ nhất", "tham chiếu lớn nhất"] : [])];
      return `chỉ số ${f.indicator} nhận tối đa ${expected.length} giá trị (${expected.join(", ") || "không có"}), đã nhập ${f.given}.`;
    },
    en: (f) => {
      const expected = [...f.keys, ...(f.reference ? ["reference minimum", "reference maximum"] : [])];
      return `indicator ${f.indicator} takes at most ${expected.length} values (${expected.join(", ") || "none"}), ${f.given} given.`;
    },
  },
  "fn-bad-reference": {
    vi: (f) => `Chỉ số ${f.indicator}: giá trị tham chiếu ${REFERENCE[f.bound].vi} ${whyVi(f.why)}`,
    en: (f) => `Indicator ${f.indicator}: the reference ${REFERENCE[f.bound].en} ${whyEn(f.why)}`,
  },
  "fn-incomplete": { vi: (f) => `Chỉ số ${f.indicator}: chưa nhập đủ số liệu.`, en: (f) => `Indicator ${f.indicator}: not every figure is entered.` },
  "fn-invalid": { vi: (f) => `Chỉ số ${f.indicator}: số liệu không hợp lệ.`, en: (f) => `Indicator ${f.indicator}: the figures are not valid.` },
  "fn-needs-reference": {
    vi: (f) => `Chỉ số ${f.indicator}: cần giá trị tham chiếu (nhỏ nhất và lớn nhất).`,
    en: (f) => `Indicator ${f.indicator}: reference values (minimum and maximum) are needed.`,
  },
  "fn-no-function": { vi: (f) => `DTI.${f.name}: không có hàm này.`, en: (f) => `DTI.${f.name}: there is no such function.` },
  "fn-too-many-arguments": {
    vi: (f) => `nhận tối đa ${f.max} đối số, đã nhập ${f.given}.`,
    en: (f) => `takes at most ${f.max} arguments, ${f.given} given.`,
  },
  "fn-not-finite-result": { vi: (f) => `kết quả không phải là số hữu hạn (${f.value}).`, en: (f) => `the result is not a finite number (${f.value}).` },
  "fn-unexpected": { vi: (f) => `lỗi không mong đợi khi tính (${f.detail}).`, en: (f) => `unexpected error while computing (${f.detail}).` },
};

/** The text of a DTI.* function's problem in `lang`. */
export function problemText(p: FunctionProblem, lang: Lang): string {
  const texts = FUNCTION_TEXTS[p.code] as { readonly vi: (p: FunctionProblem) => string; readonly en: (p: FunctionProblem) => string };
  return texts[lang](p);
}
