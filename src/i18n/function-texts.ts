/**
 * The DTI.* functions' part of the one message catalog: why an argument or a result cannot be
 * used, as data, and its Vietnamese text. Excel shows only the Vietnamese, so the custom
 * functions load this module alone; the English is ./function-texts-en.ts, there for the
 * catalog's rule (every code, both languages), and the two are paired there (FUNCTION_TEXTS)
 * for ./findings.ts.
 */

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

export type FunctionRender<C extends FunctionProblem["code"]> = (f: Extract<FunctionProblem, { readonly code: C }>) => string;

/** One renderer per problem code, in one language. */
export type FunctionTable = { readonly [C in FunctionProblem["code"]]: FunctionRender<C> };

/** "đối số numerator (tử số)" */
const pVi = (p: ParamRef): string => `đối số ${p.name} (${p.label})`;

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

const REFERENCE_VI = { min: "nhỏ nhất", max: "lớn nhất" } as const;

export const FUNCTION_VI: FunctionTable = {
  "fn-missing": (f) => `${pVi(f.param)} chưa được nhập.`,
  "fn-zero-divisor": (f) => `${pVi(f.param)} bằng 0; không chia được.`,
  "fn-bad": (f) => `${pVi(f.param)} ${whyVi(f.why)}`,
  "fn-bad-item": (f) => `${pVi(f.param)} phần tử thứ ${f.position} ${whyVi(f.why)}`,
  "fn-bad-sample": (f) => `${pVi(f.param)} có phần tử ${whyVi(f.why)}`,
  "fn-sample-not-finite": (f) => `${pVi(f.param)} chứa giá trị không phải số hữu hạn (${f.value}).`,
  "fn-empty-list": (f) => `${pVi(f.param)} không có số nào.`,
  "fn-not-boolean": (f) => `${pVi(f.param)} phải là TRUE hoặc FALSE (nhận được ${f.value}).`,
  "fn-unknown-indicator": (f) => `không có chỉ số "${f.id}" trong bộ chỉ số ${f.set}.`,
  "fn-unknown-set": (f) => `không có bộ chỉ số "${f.setId}" (trong ${f.value}); các bộ chỉ số: ${f.known.join(", ")}.`,
  "fn-missing-indicator-id": (f) => `${pVi(f.param)} thiếu mã chỉ số sau "${f.setId}:", ví dụ "${f.setId}:${f.example}".`,
  "fn-set-not-loaded": (f) => `chưa nạp được bộ chỉ số ${f.set}.`,
  "fn-ambiguous-id": (f) => `${pVi(f.param)} ${f.value} nhập dạng số có thể là ${f.ids.map((id) => `"${id}"`).join(" hoặc ")}; hãy nhập mã chỉ số dạng văn bản.`,
  "fn-not-indicator-id": (f) => `${pVi(f.param)} phải là mã chỉ số dạng văn bản, ví dụ "3.1" (nhận được ${f.value}).`,
  "fn-not-text": (f) => `${pVi(f.param)} phải là văn bản (nhận được ${f.value}).`,
  "fn-no-sample": () => "cần giá trị tham chiếu: vùng so sánh (values) không có số nào.",
  "fn-tiers-length": (f) => `${pVi(f.param)} phải có cùng số phần tử với đối số thresholds (${f.thresholds} ngưỡng, ${f.fractions} tỷ lệ điểm).`,
  "fn-tiers-order": (f) => `${pVi(f.param)} phải xếp từ cao xuống thấp.`,
  "fn-unknown-part": (f) => `chỉ số ${f.indicator} không có biến "${f.part}" (các biến: ${f.known.join(", ") || "không có"}); xem ${pVi(f.param)}.`,
  "fn-not-a-level": (f) => `chỉ số ${f.indicator}, biến ${f.variable} không được chấm điểm theo mức hoặc lựa chọn; hãy dùng DTI.SCORE.`,
  "fn-sum-of-children": (f) => `chỉ số ${f.indicator} là tổng các chỉ số con ${f.children.join(", ")}; hãy cộng DTI.SCORE của từng chỉ số con.`,
  "fn-too-many-values": (f) => {
    const expected = [...f.keys, ...(f.reference ? ["tham chiếu nhỏ nhất", "tham chiếu lớn nhất"] : [])];
    return `chỉ số ${f.indicator} nhận tối đa ${expected.length} giá trị (${expected.join(", ") || "không có"}), đã nhập ${f.given}.`;
  },
  "fn-bad-reference": (f) => `Chỉ số ${f.indicator}: giá trị tham chiếu ${REFERENCE_VI[f.bound]} ${whyVi(f.why)}`,
  "fn-incomplete": (f) => `Chỉ số ${f.indicator}: chưa nhập đủ số liệu.`,
  "fn-invalid": (f) => `Chỉ số ${f.indicator}: số liệu không hợp lệ.`,
  "fn-needs-reference": (f) => `Chỉ số ${f.indicator}: cần giá trị tham chiếu (nhỏ nhất và lớn nhất).`,
  "fn-no-function": (f) => `DTI.${f.name}: không có hàm này.`,
  "fn-too-many-arguments": (f) => `nhận tối đa ${f.max} đối số, đã nhập ${f.given}.`,
  "fn-not-finite-result": (f) => `kết quả không phải là số hữu hạn (${f.value}).`,
  "fn-unexpected": (f) => `lỗi không mong đợi khi tính (${f.detail}).`,
};

/** The Vietnamese text of a DTI.* function's problem, as Excel shows it. */
export function problemVi(p: FunctionProblem): string {
  return (FUNCTION_VI[p.code] as (p: FunctionProblem) => string)(p);
}
