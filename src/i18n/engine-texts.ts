/**
 * The engine's part of the one message catalog, in Vietnamese: the text of every engine
 * message, from its data. The English is ./engine-texts-en.ts, and the two are paired there
 * (ENGINE_TEXTS) for ./findings.ts. Apart so that the custom functions, which show only engine
 * messages and only in Vietnamese (Excel's language for them), load only these texts.
 */
import { shorten } from "../engine/messages";
import type { Message, MessageCode, RatioTerm } from "../engine/types";

export type EngineRender<C extends MessageCode> = (f: Extract<Message, { readonly code: C }>) => string;

/** One renderer per engine message code, in one language. */
export type EngineTable = { readonly [C in MessageCode]: EngineRender<C> };

/** "a + b = 5", or a constant denominator as it is. */
export const term = (t: RatioTerm): string => (t.keys ? `${t.keys.join(" + ")} = ${t.value}` : t.value);

/** "Chỉ số 3.1, biến a (Số lượng người dân …)" */
const whereVi = (f: { indicator: string; variable: string; label: string }): string =>
  `Chỉ số ${f.indicator}, biến ${f.variable} (${shorten(f.label, 80)})`;

export const ENGINE_VI: EngineTable = {
  "missing-value": (f) => `${whereVi(f)}: chưa nhập số liệu.`,
  "not-a-number": (f) => `${whereVi(f)}: giá trị ${f.value} không phải là số.`,
  "not-finite": (f) => `${whereVi(f)}: giá trị ${f.value} không phải là số hữu hạn.`,
  negative: (f) => `${whereVi(f)}: giá trị ${f.value} là số âm; số liệu phải lớn hơn hoặc bằng 0.`,
  "not-an-option": (f) => `${whereVi(f)}: ${f.value} không thuộc danh sách lựa chọn (${f.options.map((o, n) => `${n + 1} = "${o}"`).join("; ")}).`,
  "numerator-above-denominator": (f) =>
    `Chỉ số ${f.indicator}: tử số (${term(f.numerator)}) lớn hơn mẫu số (${term(f.denominator)}); tỷ lệ vượt 100 % là sai số liệu. Điểm tạm tính ở mức tối đa.`,
  "zero-denominator": (f) => {
    const den = term(f.denominator);
    switch (f.case) {
      case "no-ratio":
        return `Chỉ số ${f.indicator}: mẫu số bằng 0 (${den}); không tính được tỷ lệ, điểm bằng 0.`;
      case "scores-zero":
        return `Chỉ số ${f.indicator}: mẫu số bằng 0 (${den}); phần này được 0 điểm.`;
      case "none-unanswered":
        return (
          `Chỉ số ${f.indicator}: mẫu số bằng 0 (${den}), tức là không phát sinh trường hợp cần xử lý. ` +
          `Nếu đúng là không phát sinh, hãy trả lời "${f.noneLabel}" ở biến ${f.variable} để được điểm tối đa; nếu chưa trả lời, điểm bằng 0.`
        );
    }
  },
  "none-answer": (f) =>
    f.case === "confirmed"
      ? `Chỉ số ${f.indicator}: đã xác nhận không phát sinh (biến ${f.variable}); được điểm tối đa.`
      : `Chỉ số ${f.indicator}: trả lời "không phát sinh" (biến ${f.variable}) nhưng mẫu số là ${term(f.denominator)}; câu trả lời này bị bỏ qua.`,
  "disagrees-with-info": (f) =>
    `${whereVi(f)}: giá trị nhập ${f.given} khác với Thông tin chung mục ${f.items.join(" + ")} (${f.linked}). Số liệu này chỉ nên nhập một lần.`,
  "disagrees-with-linked": (f) =>
    `${whereVi(f)}: giá trị nhập ${f.given} khác với cùng số liệu ở chỉ số ${f.other.indicator} biến ${f.other.variable} (${f.linked}). Số liệu này chỉ nên nhập một lần.`,
  "needs-reference": (f) =>
    `Chỉ số ${f.indicator}: cần giá trị tham chiếu (nhỏ nhất/lớn nhất của các đơn vị được so sánh) để tính điểm theo phương pháp so sánh giữa các đơn vị; chưa tính điểm.`,
  "invalid-reference": (f) =>
    f.case === "not-numbers"
      ? `Chỉ số ${f.indicator}: giá trị tham chiếu không hợp lệ (min = ${f.min}, max = ${f.max}: phải là số không âm).`
      : `Chỉ số ${f.indicator}: giá trị tham chiếu không hợp lệ (min = ${f.min} lớn hơn max = ${f.max}).`,
  "unknown-variable": (f) =>
    `Chỉ số ${f.indicator}: biến "${f.key}" không có trong cách tính điểm (các biến: ${f.known.join(", ") || "không có"}); giá trị này bị bỏ qua.`,
  unscored: (f) => `Chỉ số ${f.indicator}: theo dõi, không tính điểm.`,
  "sub-indicator-incomplete": (f) => `Chỉ số ${f.indicator}: chưa tính được ${f.children.join(", ")}; điểm hiện tại chỉ cộng các chỉ số con đã có.`,
};

/** Vietnamese text of an engine message, as users read it (the CLI's JSON report, DTI.* errors). */
export function messageVi(m: Message): string {
  return (ENGINE_VI[m.code] as (m: Message) => string)(m);
}
