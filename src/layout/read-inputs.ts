/**
 * Reads a unit's inputs from a workbook made from the templates, by defined name only,
 * whatever the host (exceljs in the CLI, Office.js in the add-in). Reports exactly which
 * named cells are missing or broken, so hand-edited workbooks are never misread.
 */
import type { IndicatorSet } from "../catalog/schema";
import type { InputValue, ReferenceRange, ScoreOptions, UnitInput } from "../engine/types";
import { MINMAX_AS_BEST_NAME } from "./formulas";
import { isFormula, type CellContent } from "./model";
import { TEMPLATE_VERSION, names } from "./names";

/** What a host found behind a defined name. */
export type NamedCell =
  | { readonly kind: "value"; readonly value: CellContent; readonly formula?: string }
  | { readonly kind: "error"; readonly error: string }
  | { readonly kind: "missing" }
  | { readonly kind: "broken"; readonly detail: string };

export interface TemplateProblem {
  /** fatal: the workbook cannot be read as this template at all. */
  readonly severity: "fatal" | "error" | "warning";
  readonly code: "not-a-template" | "other-set" | "newer-template" | "older-template" | "missing-name" | "broken-name" | "cell-error" | "no-unit-name";
  /** Vietnamese, naming the defined name and, where known, the indicator. */
  readonly text: string;
  readonly name?: string;
  readonly indicator?: string;
}

export interface ReadResult {
  readonly unit: UnitInput;
  readonly options: ScoreOptions;
  readonly problems: readonly TemplateProblem[];
  readonly templateVersion: number | null;
}

/** Every defined name the reader looks up for a set: metadata, options, info, inputs, references. */
export function namesToRead(set: IndicatorSet): string[] {
  const out: string[] = [names.metaSet, names.metaVersion, names.optionAltThreshold, MINMAX_AS_BEST_NAME];
  for (const item of set.infoItems) out.push(names.info(item.id));
  for (const ind of set.indicators) {
    for (const v of ind.variables) out.push(names.input(ind.id, v.key));
    if (ind.rule.kind === "min-max") out.push(names.referenceMin(ind.id), names.referenceMax(ind.id));
    if (ind.rule.kind === "ratio-to-best") out.push(names.referenceMax(ind.id));
  }
  return out;
}

function scalar(value: CellContent): InputValue {
  if (value === null || isFormula(value)) return null;
  if (typeof value === "string" && value.trim() === "") return null;
  return value;
}

/**
 * Builds the unit from named cells. `get` returns what the host found behind a name;
 * `fallbackName` names the unit when general item 1 is empty.
 */
export function readInputs(set: IndicatorSet, get: (name: string) => NamedCell, fallbackName: string): ReadResult {
  const problems: TemplateProblem[] = [];
  const setCell = get(names.metaSet);
  const versionCell = get(names.metaVersion);
  const setId = setCell.kind === "value" ? scalar(setCell.value) : null;
  const version = versionCell.kind === "value" && typeof versionCell.value === "number" ? versionCell.value : null;
  if (setId === null || version === null) {
    problems.push({
      severity: "fatal",
      code: "not-a-template",
      text: `Không nhận ra mẫu DTI: thiếu tên ${setId === null ? names.metaSet : names.metaVersion} (trang ẩn DTI_META). Hãy chèn mẫu bằng bổ trợ hoặc lệnh "dti template".`,
    });
    return { unit: { name: fallbackName, values: {} }, options: {}, problems, templateVersion: version };
  }
  if (setId !== set.id) {
    problems.push({ severity: "fatal", code: "other-set", text: `Sổ làm việc dùng bộ chỉ số "${String(setId)}", không phải "${set.id}".` });
    return { unit: { name: fallbackName, values: {} }, options: {}, problems, templateVersion: version };
  }
  if (version > TEMPLATE_VERSION) {
    problems.push({
      severity: "fatal",
      code: "newer-template",
      text: `Mẫu trong sổ là phiên bản ${version}, mới hơn phiên bản ${TEMPLATE_VERSION} mà công cụ này hiểu. Hãy cập nhật công cụ; không có gì được đọc hay ghi.`,
    });
    return { unit: { name: fallbackName, values: {} }, options: {}, problems, templateVersion: version };
  }
  if (version < TEMPLATE_VERSION) {
    problems.push({ severity: "warning", code: "older-template", text: `Mẫu trong sổ là phiên bản ${version}, cũ hơn phiên bản ${TEMPLATE_VERSION}; nên cập nhật mẫu (giữ nguyên số liệu).` });
  }

  const read = (name: string, indicator?: string): { value: InputValue; formula?: string } | null => {
    const cell = get(name);
    const where = indicator ? ` (chỉ số ${indicator})` : "";
    switch (cell.kind) {
      case "missing":
        problems.push({ severity: "error", code: "missing-name", text: `Thiếu ô có tên ${name}${where}: mẫu đã bị sửa tay (ô bị xóa?). Ô này không được đọc.`, name, ...(indicator ? { indicator } : {}) });
        return null;
      case "broken":
        problems.push({ severity: "error", code: "broken-name", text: `Tên ${name}${where} không trỏ tới một ô hợp lệ (${cell.detail}). Ô này không được đọc.`, name, ...(indicator ? { indicator } : {}) });
        return null;
      case "error":
        problems.push({ severity: "error", code: "cell-error", text: `Ô ${name}${where} chứa lỗi ${cell.error}.`, name, ...(indicator ? { indicator } : {}) });
        return { value: cell.error };
      case "value":
        return cell.formula === undefined ? { value: scalar(cell.value) } : { value: scalar(cell.value), formula: cell.formula };
    }
  };

  const info: Record<string, InputValue> = {};
  for (const item of set.infoItems) {
    const got = read(names.info(item.id));
    if (got && got.value !== null) info[String(item.id)] = got.value;
  }
  const values: Record<string, Record<string, InputValue>> = {};
  const reference: Record<string, ReferenceRange> = {};
  for (const ind of set.indicators) {
    const row: Record<string, InputValue> = {};
    for (const v of ind.variables) {
      const got = read(names.input(ind.id, v.key), ind.id);
      if (!got) continue;
      // A linked cell that still holds its link formula is left to the engine's link (§15);
      // one overwritten by hand is read, and the engine reports any disagreement.
      if ((v.info || v.sameAs) && got.formula !== undefined) continue;
      if (got.value !== null) row[v.key] = got.value;
    }
    if (Object.keys(row).length) values[ind.id] = row;
    if (ind.rule.kind === "min-max" || ind.rule.kind === "ratio-to-best") {
      const hi = read(names.referenceMax(ind.id), ind.id)?.value;
      const lo = ind.rule.kind === "min-max" ? read(names.referenceMin(ind.id), ind.id)?.value : undefined;
      const range: { min?: number; max?: number } = {};
      if (typeof lo === "number") range.min = lo;
      if (typeof hi === "number") range.max = hi;
      if (range.min !== undefined || range.max !== undefined) reference[ind.id] = range;
    }
  }
  const yes = (name: string): boolean => {
    const cell = get(name);
    return cell.kind === "value" && typeof cell.value === "string" && cell.value.trim().toLocaleLowerCase("vi") === "có";
  };
  const options: ScoreOptions = { altThreshold: yes(names.optionAltThreshold), minMaxAsRatioToBest: yes(MINMAX_AS_BEST_NAME) };
  const typedName = typeof info["1"] === "string" ? info["1"].trim() : "";
  if (!typedName) {
    problems.push({ severity: "warning", code: "no-unit-name", text: `Chưa nhập tên đơn vị (Thông tin chung, mục 1); dùng tên "${fallbackName}".` });
  }
  const unit: UnitInput = {
    name: typedName || fallbackName,
    values,
    info,
    ...(Object.keys(reference).length ? { reference } : {}),
  };
  return { unit, options, problems, templateVersion: version };
}
