/**
 * The rollover of `dti template --update --period P MASTER.xlsx` (issue 11, point 5): when the
 * workbook moves to a later period, the figures it holds for the period it recorded are kept
 * in Tổng hợp's "Kỳ trước" column (DTI_LAST_*) before the period changes, so the next quarter's
 * workbook shows the change. It is automatic (no flag): changing the period forward is exactly
 * when those figures would otherwise be lost. The figures are `dti score`'s, by the same code
 * (./score-file.ts, src/engine/report.ts), so the column equals what `score` printed. Typed
 * inputs are not touched: the new period starts from the same raw figures, which agencies update.
 * Moving to the same period or an earlier one leaves the column as it is, with a line saying so.
 */
import type ExcelJS from "exceljs";
import { comparePeriods, formatPeriod, parsePeriod, type Period } from "../catalog/period";
import { toReport } from "../engine/report";
import type { DefinedName } from "../layout/model";
import { names } from "../layout/names";
import type { XlsxLimits } from "../xlsx/bounded";
import { scoreWorkbookFile } from "./score-file";
import { readName } from "./xlsx";

/** The figures to write: defined name → value, and the period they are of. */
export interface RolloverFigures {
  readonly period: string;
  readonly values: ReadonlyMap<string, string | number>;
}

export type RolloverPlan =
  | { readonly kind: "roll"; readonly figures: RolloverFigures }
  /** Nothing to write; `line` says why (same period, an earlier one, no period recorded). */
  | { readonly kind: "keep"; readonly line: string }
  | { readonly kind: "error"; readonly error: string };

/**
 * What the rollover will do for `file` (already opened as `wb`, before anything is written)
 * moving to `next`.
 */
export async function planRollover(wb: ExcelJS.Workbook, file: string, next: Period, setOption: string | undefined, limits: XlsxLimits): Promise<RolloverPlan> {
  const cell = readName(wb, names.period);
  const text = cell.kind === "value" && typeof cell.value === "string" ? cell.value : undefined;
  const recorded = text === undefined ? undefined : parsePeriod(text);
  const nextText = formatPeriod(next);
  if (!recorded) {
    return {
      kind: "keep",
      line: text === undefined ? "Sổ chưa ghi kỳ báo cáo (ô DTI_PERIOD trống hoặc chưa có): không có kết quả kỳ trước để ghi vào cột Kỳ trước." : `Kỳ báo cáo đã ghi "${text}" (ô DTI_PERIOD) không đọc được: không ghi cột Kỳ trước.`,
    };
  }
  const order = comparePeriods(next, recorded);
  if (order === 0) return { kind: "keep", line: `Kỳ báo cáo vẫn là ${nextText}: cột Kỳ trước giữ nguyên.` };
  if (order < 0) return { kind: "keep", line: `Kỳ ${nextText} trước kỳ đã ghi ${formatPeriod(recorded)}: không ghi đè cột Kỳ trước (giữ nguyên).` };
  const scored = await scoreWorkbookFile(file, {}, setOption, limits);
  if ("error" in scored) return { kind: "error", error: scored.error };
  if ("fatal" in scored) return { kind: "error", error: scored.fatal.join("\n") };
  const [unit] = toReport(scored.set, [scored.result], scored.options, (m) => m.code).units;
  if (!unit) return { kind: "error", error: `${file}: không tính được điểm để ghi vào cột Kỳ trước.` };
  const values = new Map<string, string | number>([[names.lastPeriod, formatPeriod(recorded)]]);
  for (const p of scored.set.pillars) {
    const score = unit.pillars[p.id]?.score;
    if (score !== undefined) values.set(names.lastPillar(p.id), score);
  }
  values.set(names.lastTotal, unit.total.score);
  values.set(names.lastIndex, unit.total.index);
  return { kind: "roll", figures: { period: formatPeriod(recorded), values } };
}

/** Writes the figures into the cells the layout's names point at; returns the names it could not place. */
export function writeRollover(wb: ExcelJS.Workbook, layoutNames: readonly DefinedName[], figures: RolloverFigures): string[] {
  const missing: string[] = [];
  for (const [name, value] of figures.values) {
    const at = layoutNames.find((n) => n.name === name);
    const sheet = at ? wb.getWorksheet(at.sheet) : undefined;
    if (!at || !sheet) {
      missing.push(name);
      continue;
    }
    sheet.getCell(at.ref.replace(/\$/g, "")).value = value;
  }
  return missing;
}

/** The one line the rollover prints. */
export function rolloverLine(figures: RolloverFigures): string {
  return `Đã ghi kết quả ${figures.period} vào cột Kỳ trước (trang Tổng hợp).`;
}
