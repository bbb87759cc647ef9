/**
 * Vietnamese messages of the engine, in one place. Each names the indicator and, where
 * there is one, the variable, so a civil servant can find the cell to fix.
 */
import type { Indicator, Variable } from "../catalog/schema";
import type { Message, MessageCode, Severity } from "./types";

function shorten(text: string, max = 80): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

/** "chỉ số 3.1, biến a (Số lượng người dân …)" */
export function where(indicator: Indicator, variable?: Variable): string {
  if (!variable) return `Chỉ số ${indicator.id}`;
  return `Chỉ số ${indicator.id}, biến ${variable.key} (${shorten(variable.description)})`;
}

export function shownValue(value: unknown): string {
  if (typeof value === "string") return `"${shorten(value, 40)}"`;
  return String(value);
}

export function message(
  code: MessageCode,
  severity: Severity,
  text: string,
  indicator: Indicator,
  variable?: Variable,
): Message {
  return variable
    ? { code, severity, text, indicator: indicator.id, variable: variable.key }
    : { code, severity, text, indicator: indicator.id };
}

export const msg = {
  missing: (i: Indicator, v: Variable): Message =>
    message("missing-value", "error", `${where(i, v)}: chưa nhập số liệu.`, i, v),
  notANumber: (i: Indicator, v: Variable, value: unknown): Message =>
    message("not-a-number", "error", `${where(i, v)}: giá trị ${shownValue(value)} không phải là số.`, i, v),
  notFinite: (i: Indicator, v: Variable, value: unknown): Message =>
    message("not-finite", "error", `${where(i, v)}: giá trị ${shownValue(value)} không phải là số hữu hạn.`, i, v),
  negative: (i: Indicator, v: Variable, value: unknown): Message =>
    message("negative", "error", `${where(i, v)}: giá trị ${shownValue(value)} là số âm; số liệu phải lớn hơn hoặc bằng 0.`, i, v),
  notAnOption: (i: Indicator, v: Variable, value: unknown): Message => {
    const list = (v.options ?? []).map((o, n) => `${n + 1} = "${o.label}"`).join("; ");
    return message(
      "not-an-option",
      "error",
      `${where(i, v)}: ${shownValue(value)} không thuộc danh sách lựa chọn (${list}).`,
      i,
      v,
    );
  },
  numeratorAboveDenominator: (i: Indicator, num: string, den: string): Message =>
    message(
      "numerator-above-denominator",
      "error",
      `Chỉ số ${i.id}: tử số (${num}) lớn hơn mẫu số (${den}); tỷ lệ vượt 100 % là sai số liệu. Điểm tạm tính ở mức tối đa.`,
      i,
    ),
  zeroDenominator: (i: Indicator, den: string): Message =>
    message("zero-denominator", "error", `Chỉ số ${i.id}: mẫu số bằng 0 (${den}); không tính được tỷ lệ, điểm bằng 0.`, i),
  zeroDenominatorNone: (i: Indicator, den: string, none: Variable): Message =>
    message(
      "zero-denominator",
      "warning",
      `Chỉ số ${i.id}: mẫu số bằng 0 (${den}), tức là không phát sinh trường hợp cần xử lý. ` +
        `Nếu đúng là không phát sinh, hãy trả lời "${none.options?.[0]?.label ?? "Không phát sinh"}" ở biến ${none.key} để được điểm tối đa; nếu chưa trả lời, điểm bằng 0.`,
      i,
      none,
    ),
  noneAnswered: (i: Indicator, none: Variable): Message =>
    message("none-answer", "info", `Chỉ số ${i.id}: đã xác nhận không phát sinh (biến ${none.key}); được điểm tối đa.`, i, none),
  noneContradicted: (i: Indicator, none: Variable, den: string): Message =>
    message(
      "none-answer",
      "warning",
      `Chỉ số ${i.id}: trả lời "không phát sinh" (biến ${none.key}) nhưng mẫu số là ${den}; câu trả lời này bị bỏ qua.`,
      i,
      none,
    ),
  zeroDenominatorScoresZero: (i: Indicator, den: string): Message =>
    message("zero-denominator", "info", `Chỉ số ${i.id}: mẫu số bằng 0 (${den}); phần này được 0 điểm.`, i),
  disagreesWithInfo: (i: Indicator, v: Variable, given: string, items: readonly number[], linked: string): Message =>
    message(
      "disagrees-with-info",
      "error",
      `${where(i, v)}: giá trị nhập ${given} khác với Thông tin chung mục ${items.join(" + ")} (${linked}). Số liệu này chỉ nên nhập một lần.`,
      i,
      v,
    ),
  disagreesWithLinked: (i: Indicator, v: Variable, given: string, other: string, linked: string): Message =>
    message(
      "disagrees-with-linked",
      "error",
      `${where(i, v)}: giá trị nhập ${given} khác với cùng số liệu ở ${other} (${linked}). Số liệu này chỉ nên nhập một lần.`,
      i,
      v,
    ),
  needsReference: (i: Indicator): Message =>
    message(
      "needs-reference",
      "warning",
      `Chỉ số ${i.id}: cần giá trị tham chiếu (nhỏ nhất/lớn nhất của các đơn vị được so sánh) để tính điểm theo phương pháp so sánh giữa các đơn vị; chưa tính điểm.`,
      i,
    ),
  invalidReference: (i: Indicator, detail: string): Message =>
    message("invalid-reference", "error", `Chỉ số ${i.id}: giá trị tham chiếu không hợp lệ (${detail}).`, i),
  unknownVariable: (i: Indicator, key: string): Message =>
    message(
      "unknown-variable",
      "warning",
      `Chỉ số ${i.id}: biến "${key}" không có trong cách tính điểm (các biến: ${i.variables.map((v) => v.key).join(", ") || "không có"}); giá trị này bị bỏ qua.`,
      i,
    ),
  unscored: (i: Indicator): Message => message("unscored", "info", `Chỉ số ${i.id}: theo dõi, không tính điểm.`, i),
  childrenIncomplete: (i: Indicator, ids: readonly string[]): Message =>
    message(
      "sub-indicator-incomplete",
      "warning",
      `Chỉ số ${i.id}: chưa tính được ${ids.join(", ")}; điểm hiện tại chỉ cộng các chỉ số con đã có.`,
      i,
    ),
};
