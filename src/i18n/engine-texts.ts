/**
 * The engine's part of the one message catalog (./findings.ts spreads it into FINDINGS):
 * Vietnamese and English of every engine message, from its data. Apart so that the custom
 * functions, which show only engine messages, load only these texts.
 */
import { shorten } from "../engine/messages";
import type { Message, MessageCode, RatioTerm } from "../engine/types";
import type { Lang } from "./strings";

type Render<C extends MessageCode> = (f: Extract<Message, { readonly code: C }>) => string;

export type EngineTexts = { readonly [C in MessageCode]: { readonly vi: Render<C>; readonly en: Render<C> } };

/** "a + b = 5", or a constant denominator as it is. */
const term = (t: RatioTerm): string => (t.keys ? `${t.keys.join(" + ")} = ${t.value}` : t.value);

/** "5.12.1, 5.12.2 and 5.12.4" */
export function listEn(ids: readonly string[]): string {
  if (ids.length <= 1) return ids.join("");
  return `${ids.slice(0, -1).join(", ")} and ${ids[ids.length - 1] as string}`;
}

/** "Chỉ số 3.1, biến a (Số lượng người dân …)" */
const whereVi = (f: { indicator: string; variable: string; label: string }): string =>
  `Chỉ số ${f.indicator}, biến ${f.variable} (${shorten(f.label, 80)})`;
const whereEn = (f: { indicator: string; variable: string }): string => `Indicator ${f.indicator}, variable ${f.variable}`;

export const ENGINE_TEXTS: EngineTexts = {
  "missing-value": {
    vi: (f) => `${whereVi(f)}: chưa nhập số liệu.`,
    en: (f) => `${whereEn(f)}: no value entered.`,
  },
  "not-a-number": {
    vi: (f) => `${whereVi(f)}: giá trị ${f.value} không phải là số.`,
    en: (f) => `${whereEn(f)}: the value ${f.value} is not a number.`,
  },
  "not-finite": {
    vi: (f) => `${whereVi(f)}: giá trị ${f.value} không phải là số hữu hạn.`,
    en: (f) => `${whereEn(f)}: the value ${f.value} is not a finite number.`,
  },
  negative: {
    vi: (f) => `${whereVi(f)}: giá trị ${f.value} là số âm; số liệu phải lớn hơn hoặc bằng 0.`,
    en: (f) => `${whereEn(f)}: the value ${f.value} is negative; figures must be 0 or more.`,
  },
  "not-an-option": {
    vi: (f) => `${whereVi(f)}: ${f.value} không thuộc danh sách lựa chọn (${f.options.map((o, n) => `${n + 1} = "${o}"`).join("; ")}).`,
    en: (f) => `${whereEn(f)}: ${f.value} is not one of the options (${f.options.map((o, n) => `${n + 1} = "${o}"`).join("; ")}).`,
  },
  "numerator-above-denominator": {
    vi: (f) =>
      `Chỉ số ${f.indicator}: tử số (${term(f.numerator)}) lớn hơn mẫu số (${term(f.denominator)}); tỷ lệ vượt 100 % là sai số liệu. Điểm tạm tính ở mức tối đa.`,
    en: (f) =>
      `Indicator ${f.indicator}: the numerator (${term(f.numerator)}) is greater than the denominator (${term(f.denominator)}); a ratio above 100 % is a data error. The score is provisionally capped at the maximum.`,
  },
  "zero-denominator": {
    vi: (f) => {
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
    en: (f) => {
      const den = term(f.denominator);
      switch (f.case) {
        case "no-ratio":
          return `Indicator ${f.indicator}: the denominator is 0 (${den}); no ratio can be computed, the score is 0.`;
        case "scores-zero":
          return `Indicator ${f.indicator}: the denominator is 0 (${den}); this part scores 0.`;
        case "none-unanswered":
          return `Indicator ${f.indicator}: the denominator is 0 (${den}), i.e. nothing occurred that needed handling. If so, answer "${f.noneLabel}" (nothing occurred) in variable ${f.variable} to earn full points; unanswered, the score is 0.`;
      }
    },
  },
  "none-answer": {
    vi: (f) =>
      f.case === "confirmed"
        ? `Chỉ số ${f.indicator}: đã xác nhận không phát sinh (biến ${f.variable}); được điểm tối đa.`
        : `Chỉ số ${f.indicator}: trả lời "không phát sinh" (biến ${f.variable}) nhưng mẫu số là ${term(f.denominator)}; câu trả lời này bị bỏ qua.`,
    en: (f) =>
      f.case === "confirmed"
        ? `Indicator ${f.indicator}: "nothing occurred" confirmed (variable ${f.variable}); full points.`
        : `Indicator ${f.indicator}: answered "nothing occurred" (variable ${f.variable}) but the denominator is ${term(f.denominator)}; the answer is ignored.`,
  },
  "disagrees-with-info": {
    vi: (f) =>
      `${whereVi(f)}: giá trị nhập ${f.given} khác với Thông tin chung mục ${f.items.join(" + ")} (${f.linked}). Số liệu này chỉ nên nhập một lần.`,
    en: (f) =>
      `${whereEn(f)}: the value typed, ${f.given}, differs from general information item ${f.items.join(" + ")} (${f.linked}). Enter this figure once, on "Thông tin chung".`,
  },
  "disagrees-with-linked": {
    vi: (f) =>
      `${whereVi(f)}: giá trị nhập ${f.given} khác với cùng số liệu ở chỉ số ${f.other.indicator} biến ${f.other.variable} (${f.linked}). Số liệu này chỉ nên nhập một lần.`,
    en: (f) =>
      `${whereEn(f)}: the value typed, ${f.given}, differs from the same figure in indicator ${f.other.indicator}, variable ${f.other.variable} (${f.linked}). Enter this figure once.`,
  },
  "needs-reference": {
    vi: (f) =>
      `Chỉ số ${f.indicator}: cần giá trị tham chiếu (nhỏ nhất/lớn nhất của các đơn vị được so sánh) để tính điểm theo phương pháp so sánh giữa các đơn vị; chưa tính điểm.`,
    en: (f) =>
      `Indicator ${f.indicator}: reference values (the minimum/maximum of the units compared) are needed to score it against other units; not scored yet.`,
  },
  "invalid-reference": {
    vi: (f) =>
      f.case === "not-numbers"
        ? `Chỉ số ${f.indicator}: giá trị tham chiếu không hợp lệ (min = ${f.min}, max = ${f.max}: phải là số không âm).`
        : `Chỉ số ${f.indicator}: giá trị tham chiếu không hợp lệ (min = ${f.min} lớn hơn max = ${f.max}).`,
    en: (f) =>
      `Indicator ${f.indicator}: invalid reference values (min = ${f.min}, max = ${f.max}); they must be numbers of 0 or more, the minimum not above the maximum.`,
  },
  "unknown-variable": {
    vi: (f) =>
      `Chỉ số ${f.indicator}: biến "${f.key}" không có trong cách tính điểm (các biến: ${f.known.join(", ") || "không có"}); giá trị này bị bỏ qua.`,
    en: (f) =>
      `Indicator ${f.indicator}: a value was given for variable "${f.key}", which the scoring rule does not use (variables: ${f.known.join(", ") || "none"}); it is ignored.`,
  },
  unscored: {
    vi: (f) => `Chỉ số ${f.indicator}: theo dõi, không tính điểm.`,
    en: (f) => `Indicator ${f.indicator}: tracked, not scored.`,
  },
  "sub-indicator-incomplete": {
    vi: (f) => `Chỉ số ${f.indicator}: chưa tính được ${f.children.join(", ")}; điểm hiện tại chỉ cộng các chỉ số con đã có.`,
    en: (f) => `Indicator ${f.indicator}: ${listEn(f.children)} cannot be scored yet; the score adds only the sub-indicators that can.`,
  },

};

/** The text of an engine message in `lang`. */
export function messageText(m: Message, lang: Lang): string {
  const texts = ENGINE_TEXTS[m.code] as { readonly vi: (m: Message) => string; readonly en: (m: Message) => string };
  return texts[lang](m);
}

/** Vietnamese text of an engine message, as users read it (the CLI's JSON report, DTI.* errors). */
export function messageVi(m: Message): string {
  return messageText(m, "vi");
}
