/**
 * Scoring one .xlsx workbook, as `dti score` does and `dti trend` repeats per file: bounded
 * opening, the set the workbook records (or the one it carries in "Bộ chỉ số", or --set), the
 * inputs read by defined name, and the workbook's reporting period.
 */
import path from "node:path";
import { DEFAULT_SET_ID, getIndicatorSet } from "../catalog";
import { parsePeriod, type Period } from "../catalog/period";
import type { IndicatorSet } from "../catalog/schema";
import { SET_SHEET_NAME } from "../layout/set-sheet";
import { registeredOr, resolveSet } from "./set-file";
import { scoreUnits } from "../engine/score";
import type { ScoreOptions, UnitResult } from "../engine/types";
import { names } from "../layout/names";
import { say } from "../i18n/findings";
import { readInputs, type ReadResult } from "../layout/read-inputs";
import type { XlsxLimits } from "../xlsx/bounded";
import { openXlsx } from "./open-xlsx";
import { readSetFromWorkbook, validSet } from "./set-xlsx";
import { readName } from "./xlsx";

/** The workbook's DTI_PERIOD: a period, absent (an older template, or a blank cell), or text that names none. */
export type PeriodCell = { readonly kind: "period"; readonly period: Period } | { readonly kind: "none" } | { readonly kind: "unreadable"; readonly text: string; readonly where: string };

export interface ScoredWorkbook {
  readonly set: IndicatorSet;
  readonly options: ScoreOptions;
  readonly result: UnitResult;
  readonly period: PeriodCell;
  /** Warnings and errors about the workbook's cells, one line each, naming the file. */
  readonly lines: readonly string[];
  /** What was read (targets, previous results, the published result, the previous period). */
  readonly read: ReadResult;
}

export async function scoreWorkbookFile(
  file: string,
  flags: ScoreOptions,
  setOption: string | undefined,
  limits: XlsxLimits,
  draft = false,
): Promise<ScoredWorkbook | { readonly error: string } | { readonly fatal: readonly string[] }> {
  // The set loader's warnings (an older format migrated, a draft's gaps), printed with the workbook's.
  const setWarnings: string[] = [];
  const wb = await openXlsx(file, { valuesOnly: true, limits });
  if ("error" in wb) return { error: wb.error };
  // The workbook says which set it was made from; --set names a set file for sets not built in.
  const meta = readName(wb.workbook, names.metaSet);
  const recorded = meta.kind === "value" && typeof meta.value === "string" ? meta.value : undefined;
  let set: IndicatorSet;
  if (setOption !== undefined || recorded === undefined || getIndicatorSet(recorded)) {
    set = await resolveSet(setOption ?? recorded ?? DEFAULT_SET_ID, { draft, warnings: setWarnings });
  } else {
    // A set that is not built in: a template made from it carries it in the sheet "Bộ chỉ số".
    const carried = readSetFromWorkbook(wb.workbook, file, { draft });
    if (carried === null) {
      return {
        error: `${file}: sổ được làm theo bộ chỉ số "${recorded}" (ghi ở DTI_META); bộ này không có sẵn và sổ không có trang "${SET_SHEET_NAME}" chứa bộ chỉ số. Hãy chỉ tệp bộ chỉ số: --set <tệp .json|.xlsx>.`,
      };
    }
    set = registeredOr(validSet(carried, file, setWarnings), file);
    if (set.id !== recorded) {
      return { error: `${file}: trang "${SET_SHEET_NAME}" chứa bộ chỉ số "${set.id}" nhưng sổ được làm theo bộ "${recorded}" (ghi ở DTI_META); hãy chỉ đúng tệp bộ chỉ số: --set <tệp .json|.xlsx>.` };
    }
  }
  const fallback = path.basename(file, path.extname(file));
  const read = readInputs(set, (name) => readName(wb.workbook, name), fallback);
  const lines = [...setWarnings.map((w) => `Cảnh báo: ${w}`), ...read.problems.map((p) => `${p.severity === "warning" ? "Cảnh báo" : "Lỗi"}: ${file}: ${say(p, "vi")}`)];
  // A template that cannot be read: every line, errors and warnings, already saying "Lỗi"/"Cảnh báo".
  if (read.problems.some((p) => p.severity === "fatal")) return { fatal: lines };
  const options: ScoreOptions = {
    altThreshold: flags.altThreshold === true || read.options.altThreshold === true,
    minMaxAsRatioToBest: flags.minMaxAsRatioToBest === true || read.options.minMaxAsRatioToBest === true,
  };
  const [result] = scoreUnits(set, [read.unit], options);
  // The period as the reader found it (an unreadable one is already a warning in `lines`).
  const unreadable = read.problems.find((p) => p.code === "unreadable-period");
  const parsed = read.period === undefined ? undefined : parsePeriod(read.period);
  const period: PeriodCell = parsed
    ? { kind: "period", period: parsed }
    : unreadable?.code === "unreadable-period"
      ? { kind: "unreadable", text: unreadable.text, where: unreadable.at ?? unreadable.name }
      : { kind: "none" };
  return { set, options, result: result as UnitResult, period, lines, read };
}
