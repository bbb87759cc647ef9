/**
 * A master workbook for the quarterly report, as named cells and sheet grids: the sample
 * province typed in with evidence on every scored row, then a few things a real quarter has —
 * an indicator not yet typed (3.1), one typed wrong (6.20), one earning points without its
 * evidence document (1.1), tasks in "Nhiệm vụ" and merges in "Nhật ký gộp".
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { dtiProvince2022 as set } from "../../src/catalog";
import { DEFAULT_CALENDAR, type CalendarDate } from "../../src/catalog/calendar";
import { scoreUnits } from "../../src/engine/score";
import type { UnitInput, UnitResult } from "../../src/engine/types";
import { MERGE_LOG_HEADERS } from "../../src/layout/merge-log";
import { TEMPLATE_VERSION, names } from "../../src/layout/names";
import { buildQuarterlyReport, mergeLogFromGrid, tasksFromGrid, type QuarterlyReport, type RawCell } from "../../src/layout/quarterly-report";
import { namesToRead, readInputs, type NamedCell, type ReadResult } from "../../src/layout/read-inputs";
import { validateWorkbook } from "../../src/layout/validate";
import { namedInputs } from "./named-inputs";

export const sample = (JSON.parse(readFileSync(path.resolve(__dirname, "../fixtures/sample-province.json"), "utf8")) as { units: UnitInput[] }).units[0] as UnitInput;

export type Cells = Map<string, NamedCell>;
export const value = (v: string | number | boolean | null): NamedCell => ({ kind: "value", value: v });

/** The sample typed into the template's named cells, evidence on every scored row. */
export function masterCells(): Cells {
  const wb: Cells = new Map();
  for (const name of namesToRead(set)) wb.set(name, value(null));
  for (const ind of set.indicators) {
    for (const v of ind.variables) if (v.info || v.sameAs) wb.set(names.input(ind.id, v.key), { kind: "value", value: null, formula: "=IF(…)" });
    if (ind.rule.kind !== "unscored") wb.set(names.evidence(ind.id), value(`Quyết định số ${ind.id}/QĐ-UBND`));
  }
  for (const [name, v] of namedInputs(sample)) wb.set(name, value(v as string | number | boolean | null));
  wb.set(names.metaSet, value(set.id));
  wb.set(names.metaVersion, value(TEMPLATE_VERSION));
  wb.set(names.period, value("Quý III/2026"));
  return wb;
}

/** This quarter's master: 3.1 not typed, 6.20 typed wrong, 1.1 without its evidence. */
export function quarterCells(): Cells {
  const wb = masterCells();
  for (const v of set.indicators.find((i) => i.id === "3.1")?.variables ?? []) if (!v.info && !v.sameAs) wb.set(names.input("3.1", v.key), value(null));
  wb.set(names.input("6.20", "a"), value("khoảng 40"));
  wb.set(names.evidence("1.1"), value(null));
  return wb;
}

/** "Nhiệm vụ" as its grid: title, source, report date, header, then a heading and tasks. */
export function tasksGrid(): RawCell[][] {
  const header = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Trạng thái", "Tiến độ (%)", "Ghi chú", "Quá hạn", "Hạn (ngày)"];
  return [
    ["DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ"],
    [],
    [null, "Ngày báo cáo:", 46295],
    header,
    ["I", "Nhóm Hạ tầng số"],
    [1, "Nâng cấp Trung tâm tích hợp dữ liệu tỉnh", "Sở TT&TT", "Các sở", "25/09/2026", "Đang thực hiện", 0.6, null],
    [2, "Xây dựng chuyên trang cấp tỉnh về chuyển đổi số", "Sở TTTT", "-", "Quý III/2026", "Hoàn thành", 1, null],
    [3, "Mở chuyên mục về chuyển đổi số", "Sở TTTT", "-", "30/09/2026", "Đang thực hiện", 0.9, null],
    [4, "Tập huấn kỹ năng số cho cán bộ", "Sở KH&ĐT; Sở Nội vụ", "Sở TTTT", "Tháng 8/2026", "Chưa thực hiện", null, null],
    [5, "Rà soát nền tảng số", "Sở TTTT", "-", "Quý IV/2026", "Chưa thực hiện", 0, null],
    [6, "Báo cáo định kỳ", "Sở TTTT", "-", "Quý 11/2026", "Đang thực hiện", null, null],
  ];
}

/** Agencies' due date for Quý III/2026 under Ninh Thuận's calendar: 25/09/2026. */
export function logGrid(): RawCell[][] {
  return [
    [...MERGE_LOG_HEADERS],
    ["25/09/2026 16:40", "Quý III/2026", "Sở TTTT", "so-tttt.xlsx", "DTI_1_1_a", "'Chỉ số DTI 2022'!G8", 1, 2],
    ["29/09/2026 08:15", "Quý III/2026", "Sở TTTT", "so-tttt.xlsx", "DTI_1_2_a", "'Chỉ số DTI 2022'!G9", "(ô trống)", 3],
    ["26/09/2026 09:00", "Quý III/2026", "Sở KH&ĐT", "so-kh-dt.xlsx", "DTI_2_1_a", "'Chỉ số DTI 2022'!G20", "(ô trống)", 5],
    // Excel turned this time into a date (serial 46289 = 24/09/2026): still read as that day.
    [46289.5, "Quý III/2026", "Sở Nội vụ", "so-noi-vu.xlsx", "DTI_2_2_a", "'Chỉ số DTI 2022'!G21", "(ô trống)", 1],
    // Another period's merge does not count for this one.
    ["20/06/2026 10:00", "Quý II/2026", "Sở Tài chính", "so-tai-chinh.xlsx", "DTI_2_5_a", "'Chỉ số DTI 2022'!G24", "(ô trống)", 1],
  ];
}

export interface Compiled {
  readonly read: ReadResult;
  readonly result: UnitResult;
  readonly report: QuarterlyReport;
}

export function compile(
  wb: Cells = quarterCells(),
  today: CalendarDate = { year: 2026, month: 9, day: 28 },
  grids: { tasks?: RawCell[][] | null; log?: RawCell[][] | null } = {},
): Compiled {
  const get = (name: string): NamedCell => wb.get(name) ?? { kind: "missing" };
  const read = readInputs(set, get, "Sổ");
  const [result] = scoreUnits(set, [read.unit], read.options);
  if (!result) throw new Error("no result");
  const tasks = grids.tasks === null ? null : tasksFromGrid(grids.tasks ?? tasksGrid());
  const log = grids.log === null ? null : mergeLogFromGrid(grids.log ?? logGrid());
  const report = buildQuarterlyReport({
    set,
    read,
    result,
    options: read.options,
    validation: validateWorkbook(set, read, result),
    period: { kind: "quarter", year: 2026, quarter: 3 },
    calendar: DEFAULT_CALENDAR,
    tasks,
    log,
    today,
  });
  return { read, result, report };
}
