/**
 * The one message catalog: every finding the engine, the template reader, the workbook check
 * and the merge core report is data (a code, the indicator, the variable or cell, the numbers
 * involved), and its Vietnamese and English text is written here, from that data only. The
 * type makes a code without both languages a compile error; no text is derived from the
 * other language's text.
 *
 * The engine's and the DTI.* functions' texts live in ./engine-texts.ts and ./function-texts.ts
 * (Vietnamese) and their -en twins, paired there and spread in below, so that the custom
 * functions, which Excel shows only in Vietnamese, load the Vietnamese tables alone; the
 * merge's rendered result is in ./merge-text.ts. Only types come from the layout.
 */
import { shorten, shownValue as shown } from "../engine/messages";
import { ENGINE_TEXTS, listEn, SHAPE_TEXTS } from "./engine-texts-en";
import type { ShapeProblem } from "../engine/errors";
import type { FunctionProblem } from "./function-texts";
import { FUNCTION_TEXTS } from "./function-texts-en";
import { nameTrouble } from "./name-texts-en";
import type { HeldShown, MergeMessage, MergeText, NameRef, PartPlace, Said, Shown } from "../layout/merge";
import type { Annotation, CheckMessage, Finding, FindingMessage, FindingOwner, ValidationReport } from "../layout/validate";
import type { CycleWarning } from "../layout/split";
import type { TaskMessage } from "../layout/part-tasks";
import type { Lang } from "./strings";

/** Everything the catalog renders: findings of the engine (its shape errors too), the reader and the workbook check, the merge's messages, the parts' tasks and the DTI.* functions' problems. */
export type Renderable = FindingMessage | MergeMessage | FunctionProblem | CycleWarning | ShapeProblem | TaskMessage;

export type FindingCode = Renderable["code"];

type Render<C extends FindingCode> = (f: Extract<Renderable, { readonly code: C }>) => string;

export type FindingTexts = { readonly [C in FindingCode]: { readonly vi: Render<C>; readonly en: Render<C> } };

// ---------------------------------------------------------------- pieces

const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);

const listVi = (ids: readonly string[]): string => ids.join(", ");


const inVi = (indicator?: string): string => (indicator ? ` (chỉ số ${indicator})` : "");
const inEn = (indicator?: string): string => (indicator ? ` (indicator ${indicator})` : "");

const infoVi = (item: { id: number; name: string }): string => `Thông tin chung mục ${item.id} (${shorten(item.name, 60)})`;
const infoEn = (item: { id: number }): string => `General information item ${item.id}`;

function ownerVi(o: FindingOwner): string {
  if (o.info) return infoVi(o.info);
  return `Chỉ số ${o.indicator ?? "?"}, biến ${o.variable?.key ?? "?"}${o.variable ? ` (${shorten(o.variable.label, 60)})` : ""}`;
}

function ownerEn(o: FindingOwner): string {
  if (o.info) return infoEn(o.info);
  return `Indicator ${o.indicator ?? "?"}, variable ${o.variable?.key ?? "?"}`;
}

function usersVi(users: readonly string[]): string {
  return users.length ? ` ${plural(users.length, "Chỉ số", "Các chỉ số")} ${listVi(users)} lấy số liệu từ ô này nên chưa tính được điểm.` : "";
}

function usersEn(users: readonly string[]): string {
  return users.length ? ` ${plural(users.length, "Indicator", "Indicators")} ${listEn(users)} take${users.length === 1 ? "s its" : " their"} figure from this cell and cannot be scored yet.` : "";
}

const ANNOTATION_VI: { readonly [K in Annotation["kind"]]: (a: Extract<Annotation, { kind: K }>) => string } = {
  target: (a) => `chỉ tiêu năm, chỉ số ${a.indicator}`,
  evidence: (a) => `tài liệu kiểm chứng, chỉ số ${a.indicator}`,
  note: (a) => `ghi chú, chỉ số ${a.indicator}`,
  "previous-pillar": (a) => `điểm năm trước của chỉ số chính ${a.pillar}`,
  "previous-total": () => "tổng điểm năm trước",
  "previous-index": () => "chỉ số DTI năm trước",
};

const ANNOTATION_EN: { readonly [K in Annotation["kind"]]: (a: Extract<Annotation, { kind: K }>) => string } = {
  target: (a) => `annual target, indicator ${a.indicator}`,
  evidence: (a) => `evidence, indicator ${a.indicator}`,
  note: (a) => `note, indicator ${a.indicator}`,
  "previous-pillar": (a) => `last year's score of pillar ${a.pillar}`,
  "previous-total": () => "last year's total",
  "previous-index": () => "last year's DTI index",
};

const annotationVi = (a: Annotation): string => (ANNOTATION_VI[a.kind] as (a: Annotation) => string)(a);
const annotationEn = (a: Annotation): string => (ANNOTATION_EN[a.kind] as (a: Annotation) => string)(a);

const BOUND: Record<Extract<CheckMessage, { code: "reference-not-a-number" }>["bound"], { vi: string; en: string }> = {
  min: { vi: "nhỏ nhất", en: "minimum" },
  max: { vi: "lớn nhất", en: "maximum" },
  best: { vi: "cao nhất", en: "best" },
};

const SWITCH: Record<Extract<CheckMessage, { code: "invalid-option" }>["option"], { vi: string; en: string }> = {
  "alt-threshold": { vi: "cách đọc ngưỡng khác (tỷ lệ/ngưỡng × điểm tối đa)", en: "the alternative threshold reading (ratio/threshold × max points)" },
  "minmax-as-best": { vi: "tính các chỉ số Min-Max theo tỷ lệ so với đơn vị cao nhất", en: "scoring the Min-Max rows as the ratio to the best unit" },
};

function formulaVi(formula: string): string {
  const f = formula.startsWith("=") ? formula : `=${formula}`;
  return f.length <= 80 ? f : `${f.slice(0, 79)}…`;
}

function savedVi(value: string | number | boolean | null): string {
  if (typeof value === "string") return value === "" ? "trống" : `"${value}"`;
  return value === null ? "trống" : String(value);
}

export const nameVi = (n: NameRef): string =>
  n.indicator ? `${n.name} (chỉ số ${n.indicator})` : n.item !== undefined ? `${n.name} (thông tin chung mục ${n.item})` : n.task !== undefined ? `${n.name} (nhiệm vụ "${n.task}")` : n.name;
export const nameEn = (n: NameRef): string =>
  n.indicator ? `${n.name} (indicator ${n.indicator})` : n.item !== undefined ? `${n.name} (general information item ${n.item})` : n.task !== undefined ? `${n.name} (task "${n.task}")` : n.name;

/** The tasks' names in a list, the first few only. */
const someNames = (list: readonly string[]): string => (list.length <= 6 ? list.join(", ") : `${list.slice(0, 6).join(", ")} …`);

export const cellVi = (v: Shown): string => v ?? "(trống)";
export const cellEn = (v: Shown): string => v ?? "(empty)";

const heldVi = (h: HeldShown): string => (h.cleared ? "(đã xóa)" : h.formula === undefined ? cellVi(h.value) : `${cellVi(h.value)} (công thức ${h.formula})`);
const heldEn = (h: HeldShown): string => (h.cleared ? "(cleared)" : h.formula === undefined ? cellEn(h.value) : `${cellEn(h.value)} (formula ${h.formula})`);

/** "so-tttt.xlsx, ô 'Chỉ số DTI 2022'!G35" */
const placeVi = (p: PartPlace): string => (p.cell === undefined ? p.file : `${p.file}, ô ${p.cell}`);
const placeEn = (p: PartPlace): string => (p.cell === undefined ? p.file : `${p.file}, cell ${p.cell}`);

const ownersVi = (o: readonly string[]): string => (o.length ? `thuộc phần của ${o.join(", ")}` : "không thuộc phần của cơ quan nào");
const ownersEn = (o: readonly string[]): string => (o.length ? `belongs to the part of ${o.join(", ")}` : "belongs to no agency's part");

// ---------------------------------------------------------------- the catalog

export const FINDINGS: FindingTexts = {
  // The engine (./engine-texts.ts, ./engine-texts-en.ts)
  ...ENGINE_TEXTS,
  // The engine's shape errors, thrown as DtiError (../engine/errors.ts, ./engine-texts-en.ts)
  ...SHAPE_TEXTS,
  // The DTI.* functions (./function-texts.ts, ./function-texts-en.ts)
  ...FUNCTION_TEXTS,

  // The template reader (src/layout/read-inputs.ts)
  "not-a-template": {
    vi: (f) => `Không nhận ra mẫu DTI: thiếu tên ${f.lacking} (trang ẩn DTI_META). Hãy chèn mẫu bằng bổ trợ hoặc lệnh "dti template".`,
    en: (f) => `Not a DTI template: the name ${f.lacking} (hidden sheet DTI_META) is missing. Insert the template with the add-in or with "dti template".`,
  },
  "other-set": {
    vi: (f) => `Sổ làm việc dùng bộ chỉ số "${String(f.found)}", không phải "${f.expected}".`,
    en: (f) => `This workbook uses the indicator set ${shown(f.found)}, not "${f.expected}". Nothing was read or written.`,
  },
  "unknown-version": {
    vi: (f) =>
      `Không nhận ra phiên bản mẫu (${f.versionName} = ${JSON.stringify(f.value)}). Hãy chèn lại mẫu bằng bổ trợ hoặc lệnh "dti template"; không có gì được đọc hay ghi.`,
    en: (f) =>
      `The template version (${f.versionName} = ${shown(f.value)}) is not recognised. Insert the template again with the add-in or with "dti template"; nothing was read or written.`,
  },
  "newer-template": {
    vi: (f) => `Mẫu trong sổ là phiên bản ${f.version}, mới hơn phiên bản ${f.supported} mà công cụ này hiểu. Hãy cập nhật công cụ; không có gì được đọc hay ghi.`,
    en: (f) =>
      `The template in this workbook is version ${f.version}, newer than version ${f.supported} that this tool understands. Update the tool; nothing was read or written.`,
  },
  "older-template": {
    vi: (f) => `Mẫu trong sổ là phiên bản ${f.version}, cũ hơn phiên bản ${f.supported}; nên cập nhật mẫu (giữ nguyên số liệu).`,
    en: (f) => `The template in this workbook is version ${f.version}, older than version ${f.supported}; update the template (your figures are kept).`,
  },
  "missing-name": {
    vi: (f) => `Thiếu ô có tên ${f.name}${inVi(f.indicator)}: mẫu đã bị sửa tay (ô bị xóa?). Ô này không được đọc.`,
    en: (f) => `The named cell ${f.name}${inEn(f.indicator)} is missing: the template was edited by hand (a deleted cell?). It was not read.`,
  },
  "broken-name": {
    vi: (f) => `Tên ${f.name}${inVi(f.indicator)} không trỏ tới một ô hợp lệ (${nameTrouble(f.trouble, "vi")}). Ô này không được đọc.`,
    en: (f) => `The name ${f.name}${inEn(f.indicator)} does not point to a valid cell (${nameTrouble(f.trouble, "en")}). It was not read.`,
  },
  "ambiguous-name": {
    vi: (f) =>
      `Tên ${f.name}${inVi(f.indicator)} không rõ trỏ tới ô nào: ${nameTrouble(f.trouble, "vi")}. Ô này không được đọc, để không tính điểm từ một ô khác với ô công thức của Excel dùng. Hãy sửa trong Excel (Công thức › Trình quản lý Tên) để tên chỉ trỏ tới một ô.`,
    en: (f) =>
      `The name ${f.name}${inEn(f.indicator)} is ambiguous: ${nameTrouble(f.trouble, "en")}. It was not read, so that no score comes from another cell than the one Excel's formulas use. Fix it in Excel (Formulas › Name Manager) so that the name points to one cell.`,
  },
  "cell-error": {
    vi: (f) => `Ô ${f.name}${inVi(f.indicator)} chứa lỗi ${f.error}.`,
    en: (f) => `Cell ${f.name}${inEn(f.indicator)} contains the Excel error ${f.error}. Correct the cell or its formula.`,
  },
  "external-formula": {
    vi: (f) =>
      `Ô ${f.name}${f.at !== undefined ? ` (${f.at})` : ""}${inVi(f.indicator)} chứa công thức ${f.source === "web" ? "lấy dữ liệu từ Internet (WEBSERVICE/FILTERXML)" : "liên kết tới sổ làm việc khác"}: ${formulaVi(f.formula)}. Điểm được tính từ giá trị lưu lần tính cuối (${savedVi(f.saved)}), có thể đã cũ hoặc khác trên máy khác; nên nhập số liệu trực tiếp.`,
    en: (f) =>
      `Cell ${f.name}${inEn(f.indicator)} holds a formula that takes its value from another workbook or the web (${shorten(f.formula.startsWith("=") ? f.formula : `=${f.formula}`, 80)}). It is scored from the value saved at the last calculation, which may be stale or differ on another computer; type the figure instead.`,
  },
  "unreadable-period": {
    vi: (f) => `Ô ${f.at ?? f.name} (${f.name}, kỳ báo cáo) ghi "${f.text}", không phải "Quý I/2026" … "Quý IV/2026" hoặc "Năm 2026"; chọn kỳ trong danh sách.`,
    en: (f) => `Cell ${f.at ?? f.name} (${f.name}, reporting period) holds "${f.text}", which is not "Quý I/2026" … "Quý IV/2026" or "Năm 2026"; pick the period from the list.`,
  },
  "invalid-published": {
    vi: (f) =>
      `Ô ${f.at ?? f.name} (${f.name}, kết quả Bộ công bố ${f.pillar !== undefined ? `của chỉ số chính ${f.pillar}` : "của chỉ số DTI"}) ghi "${shorten(f.text, 40)}", không phải chỉ số từ 0 đến 1; nhập đúng giá trị trong Báo cáo DTI do Bộ công bố, ví dụ 0,5234. Chưa so sánh được với giá trị này.`,
    en: (f) =>
      `Cell ${f.at ?? f.name} (${f.name}, the ministry's published ${f.pillar !== undefined ? `value of main index ${f.pillar}` : "DTI index"}) holds "${shorten(f.text, 40)}", which is not an index from 0 to 1; type the value from the ministry's DTI report, e.g. 0.5234. No comparison is made with it.`,
  },
  "no-unit-name": {
    vi: (f) => `Chưa nhập tên đơn vị (Thông tin chung, mục 1); dùng tên "${f.fallback}".`,
    en: (f) => `No unit name entered (Thông tin chung, item 1); using "${f.fallback}".`,
  },

  // The workbook check (src/layout/validate.ts)
  "info-not-a-number": {
    vi: (f) => `${infoVi(f.item)}: giá trị ${f.value} không phải là số.${usersVi(f.users)}`,
    en: (f) => `${infoEn(f.item)}: the value ${f.value} is not a number.${usersEn(f.users)}`,
  },
  "info-negative": {
    vi: (f) => `${infoVi(f.item)}: giá trị ${f.value} là số âm; số liệu phải lớn hơn hoặc bằng 0.${usersVi(f.users)}`,
    en: (f) => `${infoEn(f.item)}: the value ${f.value} is negative; figures must be 0 or more.${usersEn(f.users)}`,
  },
  "info-blank": {
    vi: (f) =>
      `${infoVi(f.item)}: chưa nhập.${f.used ? " Các chỉ số dùng mục này đang dùng số liệu nhập tay trên dòng của chúng." : " Mục này không dùng để tính điểm nhưng có trong biểu mẫu của Bộ."}`,
    en: (f) =>
      `${infoEn(f.item)}: not entered.${f.used ? " The indicators that use it rely on figures typed on their own rows." : " It is not used for scoring, but the ministry's form asks for it."}`,
  },
  "reference-not-a-number": {
    vi: (f) => `Chỉ số ${f.indicator}: giá trị tham chiếu ${BOUND[f.bound].vi} ${f.value} không phải là số; chưa tính được điểm.`,
    en: (f) => `Indicator ${f.indicator}: the reference ${BOUND[f.bound].en} ${f.value} is not a number; the indicator cannot be scored yet.`,
  },
  "invalid-option": {
    vi: (f) => `Ô ${f.name} (${SWITCH[f.option].vi}) có giá trị ${f.value}; chỉ chọn "Có" hoặc "Không". Đang hiểu là "Không".`,
    en: (f) => `Cell ${f.name} (${SWITCH[f.option].en}) holds ${f.value}; choose "Có" (yes) or "Không" (no). It is read as "Không".`,
  },
  "annotation-error": {
    vi: (f) => `Ô ${f.name} (${annotationVi(f.what)}) chứa lỗi ${f.error}.`,
    en: (f) => `Cell ${f.name} (${annotationEn(f.what)}) contains the Excel error ${f.error}.`,
  },
  "invalid-target": {
    vi: (f) => `Chỉ số ${f.indicator}: chỉ tiêu năm ${f.value} không phải là số điểm hợp lệ (số ≥ 0); bỏ qua khi so sánh với chỉ tiêu.`,
    en: (f) =>
      `Indicator ${f.indicator}: the annual target ${f.value} is not a valid number of points (0 or more); it is left out of the comparison with targets.`,
  },
  "target-above-max": {
    vi: (f) => `Chỉ số ${f.indicator}: chỉ tiêu năm ${f.target} điểm lớn hơn điểm tối đa ${f.max}; chỉ tiêu tính bằng điểm, không phải tỷ lệ phần trăm.`,
    en: (f) => `Indicator ${f.indicator}: the annual target of ${f.target} points is above the maximum of ${f.max}; targets are in points, not percent.`,
  },
  "invalid-previous": {
    vi: (f) => `Ô ${f.name} (${annotationVi(f.what)}) có giá trị ${f.value}, không phải số hợp lệ (≥ 0); bỏ qua khi so sánh với năm trước.`,
    en: (f) => `Cell ${f.name} (${annotationEn(f.what)}) holds ${f.value}, not a valid number (0 or more); it is left out of the comparison with last year.`,
  },
  "previous-above-max": {
    vi: (f) =>
      f.what.kind === "previous-index"
        ? `Ô ${f.name} (${annotationVi(f.what)}) là ${f.value}, lớn hơn ${f.max}; hãy nhập chỉ số như Bộ công bố, ví dụ 0,3048.`
        : `Ô ${f.name} (${annotationVi(f.what)}) là ${f.value}, lớn hơn điểm tối đa ${f.max}; hãy nhập số điểm.`,
    en: (f) =>
      f.what.kind === "previous-index"
        ? `Cell ${f.name} (${annotationEn(f.what)}) is ${f.value}, above ${f.max}; enter the index as the ministry publishes it, e.g. 0.3048.`
        : `Cell ${f.name} (${annotationEn(f.what)}) is ${f.value}, above the maximum of ${f.max} points; enter points.`,
  },
  "missing-evidence": {
    vi: (f) => `Chỉ số ${f.indicator}: được ${f.score} điểm nhưng chưa ghi tài liệu kiểm chứng (số văn bản hoặc đường dẫn).`,
    en: (f) => `Indicator ${f.indicator}: earns ${f.score} points but no evidence ("tài liệu kiểm chứng": document number or link) is given.`,
  },
  "missing-required-evidence": {
    vi: (f) => `Chỉ số ${f.indicator}: được ${f.score} điểm nhưng chưa ghi tài liệu kiểm chứng mà bộ chỉ số yêu cầu: ${shorten(f.required, 200)}.`,
    en: (f) => `Indicator ${f.indicator}: earns ${f.score} points but the evidence the set requires is not given ("tài liệu kiểm chứng": ${shorten(f.required, 200)}).`,
  },
  "linked-missing": {
    vi: (f) => {
      if (f.owner.info) return `${ownerVi(f.owner)}: chưa nhập số liệu.${usersVi(f.about)}`;
      const others = f.about.filter((id) => id !== f.owner.indicator);
      return `${ownerVi(f.owner)}: chưa nhập số liệu. Chỉ số ${f.owner.indicator ?? "?"} và ${plural(others.length, "chỉ số", "các chỉ số")} ${listVi(others)} (nhập số liệu này một lần, tại ô này) chưa tính được điểm.`;
    },
    en: (f) => {
      if (f.owner.info) return `${ownerEn(f.owner)}: no value entered.${usersEn(f.about)}`;
      const others = f.about.filter((id) => id !== f.owner.indicator);
      return `${ownerEn(f.owner)}: no value entered. Indicator ${f.owner.indicator ?? "?"} and ${plural(others.length, "indicator", "indicators")} ${listEn(others)} (this figure is entered once, in this cell) cannot be scored yet.`;
    },
  },
  "linked-zero": {
    vi: (f) =>
      `${ownerVi(f.owner)} bằng 0 và là mẫu số của ${plural(f.about.length, "chỉ số", "các chỉ số")} ${listVi(f.about)}. ${f.parts.map((p) => say(p, "vi")).join(" ")}`,
    en: (f) =>
      `${ownerEn(f.owner)} is 0 and is the denominator of ${plural(f.about.length, "indicator", "indicators")} ${listEn(f.about)}. ${f.parts.map((p) => say(p, "en")).join(" ")}`,
  },
  // The merge (src/layout/merge.ts)
  "merge-not-a-template": {
    vi: (f) => `${f.file}: không nhận ra mẫu DTI (thiếu ${f.lacking} ở trang ẩn DTI_META).`,
    en: (f) => `${f.file}: not a DTI template (no ${f.lacking} on the hidden DTI_META sheet).`,
  },
  "merge-unknown-set": {
    vi: (f) => `${f.file}: bộ chỉ số "${f.set}" không có trong công cụ này.`,
    en: (f) => `${f.file}: the indicator set "${f.set}" is not known to this tool.`,
  },
  "merge-template-version": {
    vi: (f) => `${f.file}: mẫu phiên bản ${f.version}, công cụ này dùng phiên bản ${f.supported}; hãy cập nhật mẫu bằng "dti template --update".`,
    en: (f) => `${f.file}: template version ${f.version}, this tool uses version ${f.supported}; update the template first.`,
  },
  "merge-other-set": {
    vi: (f) => `${f.file}: dùng bộ chỉ số "${f.set}", sổ tổng hợp dùng "${f.master}".`,
    en: (f) => `${f.file}: uses the indicator set "${f.set}", the master uses "${f.master}".`,
  },
  "merge-other-version": {
    vi: (f) => `${f.file}: mẫu phiên bản ${f.version}, sổ tổng hợp phiên bản ${f.master}.`,
    en: (f) => `${f.file}: template version ${f.version}, the master's is ${f.master}.`,
  },
  "merge-not-a-part": {
    vi: (f) => `${f.file}: không phải tệp phần do "dti split" tách (thiếu DTI_META_PART).`,
    en: (f) => `${f.file}: not a part written by a split (no DTI_META_PART).`,
  },
  "merge-unknown-agency": {
    vi: (f) => `${f.file}: cơ quan "${f.agency}" không chủ trì chỉ số nào và không cung cấp thông tin chung trong bộ chỉ số ${f.set}.`,
    en: (f) => `${f.file}: the agency "${f.agency}" leads no indicator and provides no general information in the set ${f.set}.`,
  },
  "merge-other-master": {
    vi: (f) => `Lưu ý: ${f.file} được tách từ ${f.from}, không phải ${f.master}.`,
    en: (f) => `Note: ${f.file} was split from ${f.from}, not ${f.master}.`,
  },
  "cycle-unreadable-period": {
    vi: (f) => `Ô DTI_PERIOD (kỳ báo cáo) ghi "${f.text}", không phải "Quý I/2026" … "Quý IV/2026" hoặc "Năm 2026": các phần không mang kỳ và hạn gửi.`,
    en: (f) => `The cell DTI_PERIOD (reporting period) holds "${f.text}", which is not "Quý I/2026" … "Quý IV/2026" or "Năm 2026": the parts carry no period or due date.`,
  },
  "cycle-unreadable-calendar": {
    vi: (f) => `Ô DTI_CALENDAR: ${f.reason} Dùng lịch mặc định (Ninh Thuận).`,
    en: (f) => `The cell DTI_CALENDAR holds "${f.text}", which is neither a preset (ninh-thuan, ben-tre, tra-vinh) nor "25, 20/12; 30, 25/12": the default calendar (ninh-thuan) is used.`,
  },
  "cycle-day-clamped": {
    vi: (f) => `Lịch báo cáo "${f.calendar}" đặt hạn ngày ${f.wanted}, nhưng tháng đó không có ngày ${f.wanted}: hạn là ngày cuối tháng, ${f.date}.`,
    en: (f) => `The reporting calendar "${f.calendar}" sets day ${f.wanted}, which that month does not have: the due date is the month's last day, ${f.date}.`,
  },
  "merge-other-period": {
    vi: (f) => `${f.file}: phần của kỳ ${f.period}, sổ tổng hợp là kỳ ${f.master}; không gộp. Nếu đúng là muốn gộp, thêm --accept-period (bảng tác vụ: đánh dấu "Gộp cả phần khác kỳ").`,
    en: (f) => `${f.file}: a part of the period ${f.period}, the master is ${f.master}; not merged. To merge it anyway, add --accept-period (task pane: tick "Merge parts of another period").`,
  },
  "merge-period-accepted": {
    vi: (f) => `Lưu ý: ${f.file} là phần của kỳ ${f.period}, sổ tổng hợp là kỳ ${f.master}; đã gộp vì được chấp nhận.`,
    en: (f) => `Note: ${f.file} is a part of the period ${f.period}, the master is ${f.master}; merged, as accepted.`,
  },
  "merge-late": {
    vi: (f) => `Nộp muộn: ${f.file} (${f.agency}) hạn gửi Sở TTTT ${f.due}, gộp ngày ${f.today}.`,
    en: (f) => `Late: ${f.file} (${f.agency}) was due at Sở TTTT on ${f.due}, merged on ${f.today}.`,
  },
  "merge-cell-error": {
    vi: (f) => `${placeVi(f.at)}, ${nameVi(f.label)}: ô có lỗi ${f.error}; không ghi.`,
    en: (f) => `${placeEn(f.at)}, ${nameEn(f.label)}: the cell holds the error ${f.error}; not written.`,
  },
  "merge-formula-uncalculated": {
    vi: (f) =>
      `${placeVi(f.at)}, ${nameVi(f.label)}: công thức ${f.formula} chưa được tính (tệp không lưu giá trị); không ghi. Hãy mở tệp trong Excel, tính lại và lưu, hoặc nhập số.`,
    en: (f) =>
      `${placeEn(f.at)}, ${nameEn(f.label)}: the formula ${f.formula} was never calculated (the file stores no value); not written. Open the file in Excel, recalculate and save, or type the figure.`,
  },
  "merge-formula-not-owned": {
    vi: (f) => `${placeVi(f.at)}, ${nameVi(f.label)}: công thức ${f.formula}, giá trị đã tính ${cellVi(f.value)} — ô này ${ownersVi(f.owners)}; không ghi.`,
    en: (f) => `${placeEn(f.at)}, ${nameEn(f.label)}: the formula ${f.formula}, computed value ${cellEn(f.value)} — this cell ${ownersEn(f.owners)}; not written.`,
  },
  "merge-unknown-name": {
    vi: (f) => `${f.file} (${f.agency}): ${f.name} = ${cellVi(f.value)} — tên này không có trong sổ tổng hợp.`,
    en: (f) => `${f.file} (${f.agency}): ${f.name} = ${cellEn(f.value)} — the master has no such name.`,
  },
  "merge-conflict": {
    vi: (f) => `${nameVi(f.label)}: ${f.held.map((h) => `${h.file} = ${heldVi(h.value)}`).join("; ")}.`,
    en: (f) => `${nameEn(f.label)}: ${f.held.map((h) => `${h.file} = ${heldEn(h.value)}`).join("; ")}.`,
  },
  "merge-failed": {
    vi: (f) => `${nameVi(f.label)} = ${heldVi(f.value)} từ ${f.file}: ô trong sổ tổng hợp đã bị xóa hoặc là công thức.`,
    en: (f) => `${nameEn(f.label)} = ${heldEn(f.value)} from ${f.file}: the master's cell was deleted or holds a formula.`,
  },
  "merge-formula": {
    vi: (f) => `${placeVi(f.at)}, ${nameVi(f.label)}: công thức ${f.formula}, giá trị đã tính ${cellVi(f.value)}; sổ tổng hợp đang có ${cellVi(f.now)}.`,
    en: (f) => `${placeEn(f.at)}, ${nameEn(f.label)}: the formula ${f.formula}, computed value ${cellEn(f.value)}; the master holds ${cellEn(f.now)}.`,
  },
  "merge-cleared": {
    vi: (f) => `${f.at.map(placeVi).join("; ")}, ${nameVi(f.label)}: cơ quan đã xóa giá trị; sổ tổng hợp đang có ${cellVi(f.now)}.`,
    en: (f) => `${f.at.map(placeEn).join("; ")}, ${nameEn(f.label)}: the agency cleared the value; the master holds ${cellEn(f.now)}.`,
  },
  "merge-outside": {
    vi: (f) => `${f.file} (${f.agency}): ${nameVi(f.label)} = ${cellVi(f.value)}, sổ tổng hợp có ${cellVi(f.now)} — ô này ${ownersVi(f.owners)}.`,
    en: (f) => `${f.file} (${f.agency}): ${nameEn(f.label)} = ${cellEn(f.value)}, the master has ${cellEn(f.now)} — this cell ${ownersEn(f.owners)}.`,
  },
  "merge-link": {
    vi: (f) =>
      `${f.file} (${f.agency}): ${nameVi(f.label)} = ${cellVi(f.value)}, nhưng ${f.target ?? "ô liên kết"} trong sổ tổng hợp = ${cellVi(f.now)}; ô này trong sổ tổng hợp là công thức liên kết, không ghi.`,
    en: (f) =>
      `${f.file} (${f.agency}): ${nameEn(f.label)} = ${cellEn(f.value)}, but ${f.target ?? "the linked cell"} in the master = ${cellEn(f.now)}; this cell is a link formula in the master, not written.`,
  },
  "merge-duplicate": {
    vi: (f) =>
      `${f.agency} có ${f.files.length} tệp phần: ${f.files.join(", ")}. Giá trị giống nhau được gộp một lần; giá trị khác nhau là xung đột, không ghi.`,
    en: (f) =>
      `${f.agency} has ${f.files.length} parts: ${f.files.join(", ")}. Values they agree on are merged once; values that differ are conflicts, not written.`,
  },
  "merge-missing": {
    vi: (f) =>
      `${f.agency} (${f.fileName}: ${[f.led ? `chủ trì ${f.led.join(", ")}` : "", f.items ? `thông tin chung mục ${f.items.join(", ")}` : ""].filter(Boolean).join("; ")}).`,
    en: (f) =>
      `${f.agency} (${f.fileName}: ${[f.led ? `leads ${f.led.join(", ")}` : "", f.items ? `general information items ${f.items.join(", ")}` : ""].filter(Boolean).join("; ")}).`,
  },
  "merge-task-not-in-master": {
    vi: (f) =>
      `${f.file}: sổ tổng hợp không có ô ${someNames(f.names)} (${f.names.length} ô nhiệm vụ): trang Nhiệm vụ của sổ được tạo trước khi các dòng nhiệm vụ có tên ô, hoặc dòng đã bị xóa. Trạng thái, tiến độ, ghi chú này chưa được ghi. Cập nhật sổ tổng hợp bằng "dti template --update -o <sổ tổng hợp.xlsx>" (bảng tác vụ: Chèn mẫu, chọn "Cập nhật tại chỗ") — giữ nguyên số liệu và nhiệm vụ — rồi gộp lại.`,
    en: (f) =>
      `${f.file}: the master has no cell ${someNames(f.names)} (${f.names.length} task cells): its sheet "Nhiệm vụ" was made before task rows had names, or the row was deleted. These statuses, progress figures and notes were not written. Update the master with "dti template --update -o <master.xlsx>" (task pane: Insert, choose "update in place") — figures and tasks are kept — then merge again.`,
  },
  // Tasks travelling with the parts (src/layout/part-tasks.ts)
  "split-part-tasks": {
    vi: (f) => `${f.count} nhiệm vụ chủ trì (trang Nhiệm vụ: cập nhật trạng thái, tiến độ, ghi chú)`,
    en: (f) => `${f.count} ${plural(f.count, "task", "tasks")} it leads (sheet "Nhiệm vụ": update status, progress, notes)`,
  },
  "split-tasks-unnamed": {
    vi: (f) =>
      `${f.file}: trang Nhiệm vụ được tạo trước khi các dòng nhiệm vụ có tên ô (DTI_TASK_…), nên các tệp phần không mang nhiệm vụ. Cập nhật sổ bằng "dti template --update -o ${f.file}" (bảng tác vụ: Chèn mẫu, chọn "Cập nhật tại chỗ") — giữ nguyên số liệu và nhiệm vụ — rồi tách lại.`,
    en: (f) =>
      `${f.file}: its sheet "Nhiệm vụ" was made before task rows had names (DTI_TASK_…), so the parts carry no tasks. Update it with "dti template --update -o ${f.file}" (task pane: Insert, choose "update in place") — figures and tasks are kept — then split again.`,
  },
  "split-tasks-unassigned": {
    vi: (f) =>
      `${f.tasks.length} nhiệm vụ không có trong tệp phần nào (cơ quan chủ trì không chủ trì chỉ số nào, hoặc viết khác tên trong bộ chỉ số): ${f.tasks.map((t) => `"${t.task}" (${t.lead || "chưa ghi cơ quan"})`).join("; ")}.`,
    en: (f) =>
      `${f.tasks.length} ${plural(f.tasks.length, "task is", "tasks are")} in no part (the lead agency leads no indicator, or is spelled otherwise than in the set): ${f.tasks.map((t) => `"${t.task}" (${t.lead || "no agency given"})`).join("; ")}.`,
  },
  "template-tasks-named": {
    vi: (f) => `Trang "${f.sheet}": đặt tên ô cho ${f.rows} dòng nhiệm vụ (DTI_TASK_1_… trở đi), giữ nguyên nội dung, để nhiệm vụ đi cùng các tệp phần khi tách và được gộp lại.`,
    en: (f) => `Sheet "${f.sheet}": named the cells of ${f.rows} task rows (DTI_TASK_1_… onwards), contents unchanged, so that tasks travel with the parts of a split and merge back.`,
  },
  "merge-replaced": {
    vi: (f) =>
      `${nameVi(f.label)}${f.masterCell === undefined ? "" : `, ô ${f.masterCell}`}: ${cellVi(f.old)} → ${cellVi(f.now)} (từ ${f.formula === undefined ? f.file : `${f.file}, giá trị của công thức ${f.formula}`}).`,
    en: (f) =>
      `${nameEn(f.label)}${f.masterCell === undefined ? "" : `, cell ${f.masterCell}`}: ${cellEn(f.old)} → ${cellEn(f.now)} (from ${f.formula === undefined ? f.file : `${f.file}, the value of the formula ${f.formula}`}).`,
  },
};

// ---------------------------------------------------------------- rendering

/** The text of one finding in `lang`. */
export function say(f: Renderable, lang: Lang): string {
  const texts = FINDINGS[f.code] as { readonly vi: (f: Renderable) => string; readonly en: (f: Renderable) => string };
  return texts[lang](f);
}

/** Both texts of a merge message, or of a reason a host gave already in both languages. */
export function sayBoth(t: MergeText): Said {
  return "code" in t ? { vi: say(t, "vi"), en: say(t, "en") } : t;
}

export { messageVi } from "./engine-texts";

/** The text of a workbook finding: its messages in order, one sentence after another. */
export function findingText(f: Finding, lang: Lang): string {
  return f.says.map((s) => say(s, lang)).join(" ");
}

export type TextFinding = Finding & { readonly vi: string; readonly en: string };

/** A validation report with both texts on each finding, for the CLI and tests. */
export function withText(report: ValidationReport): ValidationReport<TextFinding> {
  const done = new Map<Finding, TextFinding>();
  const text = (f: Finding): TextFinding => {
    let t = done.get(f);
    if (!t) {
      t = { ...f, vi: findingText(f, "vi"), en: findingText(f, "en") };
      done.set(f, t);
    }
    return t;
  };
  return {
    ...report,
    findings: report.findings.map(text),
    byPillar: report.byPillar.map((g) => ({ ...g, findings: g.findings.map(text) })),
    byAgency: report.byAgency.map((g) => ({ ...g, findings: g.findings.map(text) })),
  };
}
