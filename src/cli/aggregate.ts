/**
 * dti aggregate FILES|DIR -o SUMMARY.xlsx [--json]: scores many units (one template workbook
 * each: departments, districts, communes) together, so that min-max (§9) and ratio to the best
 * (§10) are computed across them, and writes a summary workbook whose totals, ranks and gaps
 * are plain formulas over the engine's indicator scores (checkable by hand).
 *
 * Reference values typed in a unit's workbook (DTI_REF_*) are not used here: the comparison is
 * across the units aggregated. Files that cannot be used are skipped with a Vietnamese message
 * naming them; exit 0 when nothing was skipped, 2 when something was, 1 when nothing was usable
 * or the arguments are wrong.
 *
 * Speed and memory: files are read one at a time and only the unit is kept. The cells behind the
 * defined names are read by a lean reader (src/xlsx/fast-names.ts: bounded unzip + streaming
 * parse of the named sheets, a few ms a file); a workbook it declines is read by exceljs (values
 * only) and readName. Every read is bounded (--max-mb, --max-cells): a file past a limit (a zip
 * bomb, a sheet of junk cells) is skipped with one line naming it and the limit.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import ExcelJS from "exceljs";
import { getIndicatorSet } from "../catalog";
import { resolveSet } from "../catalog/load-file";
import type { IndicatorSet } from "../catalog/schema";
import { DtiError } from "../engine/errors";
import { toReport } from "../engine/report";
import { scoreUnits } from "../engine/score";
import type { ScoreOptions, UnitInput, UnitResult } from "../engine/types";
import { columnLetter, quoteSheet } from "../layout/model";
import { gapsToBest, incompleteUnits, indicatorColumns, rankUnits, type IncompleteUnit, type RankedUnit } from "../layout/ranking";
import { names as layoutNames } from "../layout/names";
import { readInputs, type ReadResult } from "../layout/read-inputs";
import { writeWorkbookAtomic } from "./atomic-write";
import { fail, type CliResult } from "./result";
import type { XlsxLimits } from "../xlsx/bounded";
import { namedValueFrom } from "../xlsx/fast-names";
import { LIMIT_OPTIONS, LIMIT_USAGE, limitsFromArgs, openXlsx, readNamesFile } from "./open-xlsx";
import { setsKnownTo } from "./set-xlsx";
import { readName, type NamedValue } from "./xlsx";

export const AGGREGATE_USAGE = `  npm run -s dti -- aggregate <tệp.xlsx…|thư mục> -o <tổng hợp.xlsx> [--json] [--alt-threshold] [--minmax-as-best]
      Tổng hợp nhiều đơn vị (mỗi đơn vị một sổ theo mẫu: sở, ngành, huyện, xã): tính điểm chung,
      Min-Max và tỷ lệ so với đơn vị cao nhất tính trên các đơn vị được tổng hợp (§9, §10; giá trị
      tham chiếu nhập trong từng sổ không được dùng). Ghi bảng tổng hợp: xếp hạng, điểm trụ cột,
      điểm từng chỉ số, khoảng cách tới đơn vị cao nhất, danh sách đơn vị chưa đủ số liệu.
      Thư mục: đọc mọi tệp .xlsx trong thư mục (không đọc thư mục con).
      -o <tệp.xlsx>      bảng tổng hợp (không ghi đè tệp đã có); có thể bỏ khi dùng --json
      --json             in báo cáo JSON cùng dạng với "dti score" cho mọi đơn vị
      --alt-threshold    cách đọc khác của ngưỡng (§2); mặc định theo sổ nếu mọi sổ cùng bật
      --minmax-as-best   đọc "Min-Max" là tỷ lệ so với đơn vị cao nhất (§10); như trên
      --set <mã|tệp>     bộ chỉ số (mã có sẵn, tệp .json hoặc .xlsx có trang "Bộ chỉ số"); mặc định
                         bộ mà sổ đầu tiên đọc được ghi nhận (bộ không có sẵn: lấy từ trang "Bộ chỉ số" của sổ)
${LIMIT_USAGE.trimEnd()}
                         tệp vượt giới hạn bị bỏ qua (mã thoát 2), các tệp khác vẫn được tổng hợp
      Mã thoát: 0 mọi tệp đều dùng được; 2 có tệp bị bỏ qua (xem thông báo); 1 không có đơn vị nào
      dùng được, thư mục rỗng, tham số sai hoặc tệp ra đã có.
`;

const DEFAULT_SET = "dti-province-2022";
/** The sheet that marks a workbook written by this command (so it is not read back as a unit). */
const INFO_SHEET = "Thông tin tổng hợp";
const SHEETS = { ranking: "Xếp hạng", scores: "Điểm", gaps: "Khoảng cách", incomplete: "Chưa đủ số liệu", info: INFO_SHEET } as const;
/** Spreadsheet files that are not .xlsx: inside a directory they are reported as skipped, not ignored. */
const OTHER_SPREADSHEETS = /\.(xls|xlsm|xlsb|xltx|xltm|ods|csv)$/i;

interface AggregateOptions {
  readonly altThreshold: boolean;
  readonly minMaxAsRatioToBest: boolean;
}

/** What reading one file gave: a unit, or why it cannot be used. */
export type FileRead =
  | {
      readonly ok: true;
      readonly file: string;
      readonly unit: UnitInput;
      readonly options: ScoreOptions;
      /** Non-fatal problems (warnings, hand-edited cells), as Vietnamese lines. */
      readonly warnings: readonly string[];
    }
  | { readonly ok: false; readonly file: string; readonly error: string };

/** Why a file cannot be read, or the cells behind its defined names via exceljs (values only) and readName. */
async function fullReader(file: string, limits?: XlsxLimits): Promise<{ get: (name: string) => NamedValue; sheets: readonly string[] } | { error: string }> {
  const opened = await openXlsx(file, { valuesOnly: true, ...(limits ? { limits } : {}) });
  if ("error" in opened) return opened;
  const wb = opened.workbook;
  return { get: (name) => readName(wb, name), sheets: wb.worksheets.map((ws) => ws.name) };
}

/** The unit of one workbook: lean reader first; exceljs when it declines the file or one of the names read. */
async function readUnit(file: string, set: IndicatorSet, limits?: XlsxLimits): Promise<{ read: ReadResult; sheets: readonly string[] } | { error: string }> {
  const fallback = path.basename(file, path.extname(file));
  // Bounded (src/xlsx/bounded.ts): a file past a reading limit, truncated, or no .xlsx is refused here, with its reason.
  const fast = readNamesFile(file, limits ? { limits } : {});
  if (fast !== null && "error" in fast) return fast;
  if (fast) {
    let declined = false;
    const read = readInputs(set, (name) => namedValueFrom(fast, name) ?? ((declined = true), { kind: "missing" }), fallback);
    if (!declined) return { read, sheets: fast.sheets };
  }
  const full = await fullReader(file, limits);
  if ("error" in full) return full;
  return { read: readInputs(set, full.get, fallback), sheets: full.sheets };
}

/** Reads one unit from a template workbook; never throws. The workbook is dropped on return. */
export async function readUnitFile(file: string, set: IndicatorSet, limits?: XlsxLimits): Promise<FileRead> {
  try {
    const got = await readUnit(file, set, limits);
    // The reasons name the file themselves; the caller names it again, so keep only the reason.
    if ("error" in got) return { ok: false, file, error: got.error.startsWith(`${file}: `) ? got.error.slice(file.length + 2) : got.error };
    const { read, sheets } = got;
    const fatal = read.problems.filter((p) => p.severity === "fatal");
    if (fatal.length) {
      const ours = fatal.some((p) => p.code === "not-a-template") && sheets.includes(INFO_SHEET);
      return {
        ok: false,
        file,
        error: ours ? `đây là bảng tổng hợp do "dti aggregate" tạo, không phải sổ số liệu của một đơn vị.` : fatal.map((p) => p.text).join(" "),
      };
    }
    const warnings = read.problems.map((p) => `${p.severity === "warning" ? "Cảnh báo" : "Lỗi"}: ${p.text}`);
    return { ok: true, file, unit: read.unit, options: read.options, warnings };
  } catch (e) {
    return { ok: false, file, error: `lỗi không mong đợi khi đọc tệp (${(e as Error).message}).` };
  }
}

// ---------------------------------------------------------------------------------------------
// Arguments and input files.

interface Skip {
  readonly file: string;
  readonly reason: string;
}

/** The .xlsx files named by the arguments (files and directories), in order, each once. */
function collectFiles(args: readonly string[]): { files: string[]; skipped: Skip[]; notes: string[] } | { error: string } {
  const files: string[] = [];
  const skipped: Skip[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  const add = (file: string): void => {
    const key = path.resolve(file);
    if (seen.has(key)) {
      notes.push(`${file}: đã có trong danh sách, chỉ đọc một lần.`);
      return;
    }
    seen.add(key);
    files.push(file);
  };
  for (const arg of args) {
    let isDir = false;
    try {
      isDir = statSync(arg).isDirectory();
    } catch {
      // Not there: reported as a skipped file below.
    }
    if (!isDir) {
      if (!existsSync(arg)) skipped.push({ file: arg, reason: "không tìm thấy tệp." });
      else if (!arg.toLowerCase().endsWith(".xlsx")) skipped.push({ file: arg, reason: "không phải tệp .xlsx (chỉ đọc được sổ Excel .xlsx theo mẫu DTI)." });
      else add(arg);
      continue;
    }
    const entries = readdirSync(arg, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => e.name)
      .sort((a, b) => a.localeCompare(b, "vi"));
    const xlsx = entries.filter((n) => n.toLowerCase().endsWith(".xlsx") && !n.startsWith("~$"));
    if (xlsx.length === 0) return { error: `thư mục ${arg} không có tệp .xlsx nào.` };
    for (const name of entries) {
      const file = path.join(arg, name);
      if (name.startsWith("~$")) notes.push(`${file}: tệp khóa tạm của Excel (sổ đang mở), bỏ qua.`);
      else if (name.toLowerCase().endsWith(".xlsx")) add(file);
      else if (OTHER_SPREADSHEETS.test(name)) skipped.push({ file, reason: "không phải tệp .xlsx; hãy mở bằng Excel và lưu lại dưới dạng .xlsx." });
    }
  }
  return { files, skipped, notes };
}

function unitKey(name: string): string {
  // The same comparison as the engine's duplicate check (scoreUnits).
  return name.normalize("NFC").trim().toLocaleLowerCase("vi");
}

const vi = (n: number, decimals: number): string => n.toFixed(decimals).replace(".", ",");

// ---------------------------------------------------------------------------------------------
// The summary workbook.

interface SummaryInput {
  readonly set: IndicatorSet;
  readonly results: readonly UnitResult[];
  /** Source file of each result. */
  readonly files: readonly string[];
  readonly options: AggregateOptions;
  readonly ranking: readonly RankedUnit[];
  readonly incomplete: readonly IncompleteUnit[];
  readonly skipped: readonly Skip[];
  readonly notes: readonly string[];
  readonly referencesIgnored: number;
}

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
const MISSING_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFCE4D6" } };
const POINTS = "0.00";
const INDEX = "0.0000";

function header(ws: ExcelJS.Worksheet, labels: readonly string[], widths: readonly number[], frozenColumns: number): void {
  const row = ws.getRow(1);
  labels.forEach((label, n) => {
    const cell = row.getCell(n + 1);
    cell.value = label;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { wrapText: true, vertical: "middle", horizontal: "center" };
  });
  row.height = 48;
  widths.forEach((w, n) => (ws.getColumn(n + 1).width = w));
  ws.views = [{ state: "frozen", xSplit: frozenColumns, ySplit: 1 }];
}

/** Consecutive column numbers (1-based) as A1 ranges on row `r`: [5,6,7,9] → "E3:G3,I3". */
function rowRanges(columns: readonly number[], r: number): string {
  const parts: string[] = [];
  let start = columns[0];
  for (let n = 0; n < columns.length; n++) {
    const c = columns[n] as number;
    const next = columns[n + 1];
    if (next === c + 1) continue;
    const from = `${columnLetter((start as number) - 1)}${r}`;
    parts.push(start === c ? from : `${from}:${columnLetter(c - 1)}${r}`);
    start = next;
  }
  return parts.join(",");
}

/** Builds the summary workbook: ranking, scores (formulas over the engine's scores), gaps, incomplete data, notes. */
export function buildSummaryWorkbook(input: SummaryInput): ExcelJS.Workbook {
  const { set, results, ranking } = input;
  const wb = new ExcelJS.Workbook();
  wb.creator = "DTI Workbench";
  wb.calcProperties.fullCalcOnLoad = true;
  const columns = indicatorColumns(set);
  const n = results.length;
  const first = 2;
  const last = n + 1;
  const col = (c: number): string => columnLetter(c - 1);
  // Điểm: A rank, B unit, C total, D index, pillars from E, then one column per indicator.
  const P0 = 5;
  const I0 = P0 + set.pillars.length;
  const indicatorCol = new Map(columns.map((c, k) => [c.indicator.id, I0 + k]));
  const pillarCol = new Map(set.pillars.map((p, k) => [p.id, P0 + k]));
  const scoresRef = quoteSheet(SHEETS.scores);
  const rowOf = (rank: RankedUnit, k: number): { r: number; result: UnitResult; file: string } => ({
    r: first + k,
    result: results[rank.position] as UnitResult,
    file: path.basename(input.files[rank.position] as string),
  });
  const incompleteOf = new Map(input.incomplete.map((u) => [u.position, u]));
  // Điểm and Xếp hạng start with the same columns (P0 = the first pillar column), widths included.
  const unitHeaders = ["Hạng", "Đơn vị", `Tổng điểm (tối đa ${set.maxTotal})`, "Chỉ số DTI", ...set.pillars.map((p) => `${p.id}. ${p.name} (${p.maxPoints})`)];
  const unitWidths = [7, 30, 12, 10, ...set.pillars.map(() => 14)];

  const ranks = wb.addWorksheet(SHEETS.ranking);
  const scores = wb.addWorksheet(SHEETS.scores);
  const gapsWs = wb.addWorksheet(SHEETS.gaps);
  const incompleteWs = wb.addWorksheet(SHEETS.incomplete);
  const info = wb.addWorksheet(SHEETS.info);

  // --- Điểm
  header(
    scores,
    [...unitHeaders, ...columns.map((c) => `${c.indicator.id}${c.counted ? "" : "*"} (${c.indicator.maxPoints})`)],
    [...unitWidths, ...columns.map(() => 9)],
    2,
  );
  const gaps = gapsToBest(set, results);
  ranking.forEach((rank, k) => {
    const { r, result } = rowOf(rank, k);
    const row = scores.getRow(r);
    row.getCell(1).value = { formula: `RANK(C${r},$C$${first}:$C$${last})`, result: rank.rank };
    row.getCell(2).value = result.name;
    row.getCell(3).value = { formula: `SUM(${col(P0)}${r}:${col(I0 - 1)}${r})`, result: result.total.score.toNumber() };
    row.getCell(4).value = { formula: `C${r}/${set.maxTotal}`, result: result.total.index.toNumber() };
    for (const p of set.pillars) {
      const members = columns.filter((c) => c.counted && c.indicator.pillar === p.id).map((c) => indicatorCol.get(c.indicator.id) as number);
      const score = result.pillars[p.id]?.score.toNumber() ?? 0;
      row.getCell(pillarCol.get(p.id) as number).value = members.length ? { formula: `SUM(${rowRanges(members, r)})`, result: score } : 0;
    }
    for (const c of columns) {
      const cell = row.getCell(indicatorCol.get(c.indicator.id) as number);
      const o = result.indicators[c.indicator.id];
      const rule = c.indicator.rule;
      if (rule.kind === "sum-of-children") {
        const kids = rule.children.map((id) => indicatorCol.get(id)).filter((x): x is number => x !== undefined);
        cell.value = { formula: `SUM(${rowRanges(kids, r)})`, result: o?.score?.toNumber() ?? 0 };
      } else if (o?.score === null || o === undefined) {
        cell.fill = MISSING_FILL;
      } else {
        cell.value = o.score.toNumber();
      }
    }
    for (let c = 3; c < I0 + columns.length; c++) row.getCell(c).numFmt = c === 4 ? INDEX : POINTS;
  });

  // --- Xếp hạng: the pillar table, in rank order, referring to Điểm.
  header(ranks, [...unitHeaders, "Số chỉ số chưa đủ số liệu", "Chỉ số chưa đủ số liệu", "Tệp nguồn"], [...unitWidths, 12, 30, 30], 2);
  ranking.forEach((rank, k) => {
    const { r, result, file } = rowOf(rank, k);
    const row = ranks.getRow(r);
    const ref = (c: number, value: number | string): ExcelJS.CellValue => ({ formula: `${scoresRef}!${col(c)}${r}`, result: value });
    row.getCell(1).value = ref(1, rank.rank);
    row.getCell(2).value = ref(2, result.name);
    row.getCell(3).value = ref(3, result.total.score.toNumber());
    row.getCell(4).value = ref(4, result.total.index.toNumber());
    for (const p of set.pillars) {
      const c = pillarCol.get(p.id) as number;
      row.getCell(c).value = ref(c, result.pillars[p.id]?.score.toNumber() ?? 0);
    }
    const missing = incompleteOf.get(rank.position)?.ids ?? [];
    row.getCell(I0).value = missing.length;
    row.getCell(I0 + 1).value = missing.join(", ");
    row.getCell(I0 + 2).value = file;
    for (let c = 3; c < I0; c++) row.getCell(c).numFmt = c === 4 ? INDEX : POINTS;
  });

  // --- Khoảng cách: best − own per column of Điểm (total, pillars, indicators).
  const gapColumns = [3, ...set.pillars.map((p) => pillarCol.get(p.id) as number), ...columns.map((c) => indicatorCol.get(c.indicator.id) as number)];
  header(
    gapsWs,
    [
      "Đơn vị",
      "Tổng điểm",
      ...set.pillars.map((p) => `${p.id}. ${p.name}`),
      ...columns.map((c) => `${c.indicator.id}${c.counted ? "" : "*"} (${c.indicator.maxPoints})`),
    ],
    [30, 12, ...set.pillars.map(() => 14), ...columns.map(() => 9)],
    1,
  );
  ranking.forEach((rank, k) => {
    const { r, result } = rowOf(rank, k);
    const g = gaps.units[rank.position];
    const row = gapsWs.getRow(r);
    row.getCell(1).value = result.name;
    gapColumns.forEach((source, j) => {
      const cell = row.getCell(j + 2);
      const s = `${scoresRef}!${col(source)}${r}`;
      const best = `MAX(${scoresRef}!$${col(source)}$${first}:$${col(source)}$${last})`;
      cell.numFmt = POINTS;
      if (j === 0) {
        cell.value = { formula: `${best}-${s}`, result: g?.total.toNumber() ?? 0 };
      } else if (j <= set.pillars.length) {
        const p = set.pillars[j - 1]?.id as string;
        cell.value = { formula: `${best}-${s}`, result: g?.pillars[p]?.toNumber() ?? 0 };
      } else {
        const id = columns[j - 1 - set.pillars.length]?.indicator.id as string;
        const gap = g?.indicators[id] ?? null;
        cell.value = { formula: `IF(${s}="","",${best}-${s})`, result: gap === null ? "" : gap.toNumber() };
        if (gap === null) cell.fill = MISSING_FILL;
      }
    });
  });

  // --- Chưa đủ số liệu
  header(incompleteWs, ["STT", "Đơn vị", "Tệp nguồn", "Chỉ số", "Tên chỉ số", "Trạng thái", "Lý do"], [6, 30, 28, 9, 50, 20, 80], 0);
  let line = 0;
  ranking.forEach((rank, k) => {
    const u = incompleteOf.get(rank.position);
    if (!u) return;
    const { file } = rowOf(rank, k);
    for (const ind of u.indicators) {
      line++;
      const row = incompleteWs.getRow(line + 1);
      const name = set.indicators.find((i) => i.id === ind.id)?.name ?? "";
      row.values = [line, u.name, file, ind.id, name, ind.statusText, ind.messages.map((m) => m.text).join("\n")];
      row.alignment = { wrapText: true, vertical: "top" };
    }
  });
  if (line === 0) incompleteWs.getCell("A2").value = "Mọi đơn vị đều đủ số liệu.";

  // --- Thông tin tổng hợp
  info.getColumn(1).width = 34;
  info.getColumn(2).width = 100;
  const on = (b: boolean): string => (b ? "Bật" : "Tắt");
  const lines: [string, string][] = [
    ["Bảng tổng hợp DTI", `Tạo bởi "dti aggregate" (DTI Workbench) lúc ${new Date().toLocaleString("vi-VN")}.`],
    ["Bộ chỉ số", `${set.name} (${set.id})`],
    ["Số đơn vị", String(n)],
    [
      "So sánh giữa các đơn vị",
      `Min-Max (§9) và tỷ lệ so với đơn vị cao nhất (§10) tính trên ${n} đơn vị của bảng này. Giá trị tham chiếu (DTI_REF_*) nhập trong sổ của từng đơn vị không được dùng` +
        (input.referencesIgnored ? ` (${input.referencesIgnored} sổ có nhập).` : "."),
    ],
    ["Cách đọc khác của ngưỡng (§2)", on(input.options.altThreshold)],
    ['Đọc "Min-Max" là tỷ lệ so với đơn vị cao nhất (§10)', on(input.options.minMaxAsRatioToBest)],
    [
      "Công thức",
      `Trang "${SHEETS.scores}": điểm từng chỉ số là điểm do công cụ tính (ô trống: chưa tính được, xem trang "${SHEETS.incomplete}"); ` +
        `điểm trụ cột = SUM các chỉ số của trụ cột (5.12 tính một lần; các cột có dấu * là chỉ số con, 5.12 = SUM các chỉ số con); ` +
        `tổng điểm = SUM các trụ cột; chỉ số DTI = tổng điểm / ${set.maxTotal}; hạng = RANK (bằng điểm thì cùng hạng). ` +
        `Trang "${SHEETS.gaps}": khoảng cách = MAX của cột − điểm của đơn vị.`,
    ],
  ];
  for (const s of input.skipped) lines.push(["Tệp bị bỏ qua", `${s.file}: ${s.reason}`]);
  for (const note of input.notes) lines.push(["Ghi chú", note]);
  lines.push(["", ""], ["Trụ cột", "Tên (điểm tối đa)"]);
  for (const p of set.pillars) lines.push([p.id, `${p.name} (${p.maxPoints})`]);
  lines.push(["", ""], ["Chỉ số", "Tên (điểm tối đa)"]);
  for (const c of columns) lines.push([c.indicator.id, `${c.indicator.name} (${c.indicator.maxPoints})`]);
  lines.forEach(([a, b], k) => {
    const row = info.getRow(k + 1);
    row.getCell(1).value = a;
    row.getCell(2).value = b;
    row.getCell(1).font = { bold: true };
    row.getCell(2).alignment = { wrapText: true, vertical: "top" };
    row.getCell(1).alignment = { vertical: "top" };
  });
  return wb;
}

// ---------------------------------------------------------------------------------------------
// The command.

/**
 * The set the units use when --set is not given: the one the first readable workbook records in
 * DTI_META (a set that is not built in comes from that workbook's sheet "Bộ chỉ số"); the 2022 set
 * when none records one it can resolve. Workbooks of another set are then skipped by name.
 */
async function recordedSet(files: readonly string[], limits?: XlsxLimits): Promise<IndicatorSet> {
  const within = limits ? { limits } : {};
  for (const file of files) {
    // The lean reader answers for a built-in set (a few ms); exceljs is opened only for a set the workbook carries.
    const fast = readNamesFile(file, within);
    if (fast !== null && "error" in fast) continue;
    const recorded = fast ? namedValueFrom(fast, layoutNames.metaSet) : undefined;
    if (recorded?.kind === "value" && typeof recorded.value === "string") {
      const builtIn = getIndicatorSet(recorded.value.trim());
      if (builtIn) return builtIn;
    } else if (recorded !== undefined) {
      continue;
    }
    const opened = await openXlsx(file, { valuesOnly: true, ...within });
    if ("error" in opened) continue;
    const id = readName(opened.workbook, layoutNames.metaSet);
    if (id.kind !== "value" || typeof id.value !== "string" || id.value.trim() === "") continue;
    // A set neither built in nor carried: this file is skipped later, naming its set.
    const found = setsKnownTo(opened.workbook, file)(id.value.trim());
    if (found) return found;
  }
  return getIndicatorSet(DEFAULT_SET) as IndicatorSet;
}

export async function aggregateCommand(args: readonly string[]): Promise<CliResult> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        output: { type: "string", short: "o" },
        json: { type: "boolean" },
        "alt-threshold": { type: "boolean" },
        "minmax-as-best": { type: "boolean" },
        set: { type: "string" },
        ...LIMIT_OPTIONS,
      },
    });
  } catch (e) {
    return fail(`${(e as Error).message}\nCách dùng:\n${AGGREGATE_USAGE}`);
  }
  const { values, positionals } = parsed;
  const limits = limitsFromArgs(values);
  if ("error" in limits) return fail(limits.error);
  if (positionals.length === 0) return fail(`cần ít nhất một tệp .xlsx hoặc một thư mục.\nCách dùng:\n${AGGREGATE_USAGE}`);
  const out = values.output;
  if (!out && !values.json) return fail(`cần tên tệp ra (-o <tổng hợp.xlsx>) hoặc --json.\nCách dùng:\n${AGGREGATE_USAGE}`);
  if (out) {
    if (!out.toLowerCase().endsWith(".xlsx")) return fail(`${out}: tệp ra phải có đuôi .xlsx.`);
    if (existsSync(out)) return fail(`${out} đã có. Không ghi đè: hãy chọn tên tệp khác hoặc tự xóa tệp cũ.`);
    const dir = path.dirname(path.resolve(out));
    if (!existsSync(dir) || !statSync(dir).isDirectory()) return fail(`${out}: không có thư mục ${path.dirname(out)}.`);
  }
  const collected = collectFiles(positionals);
  if ("error" in collected) return fail(collected.error);
  let set: IndicatorSet;
  try {
    set = values.set !== undefined ? await resolveSet(values.set) : await recordedSet(collected.files, limits);
  } catch (e) {
    if (e instanceof DtiError) return fail(e.message);
    throw e;
  }
  const skipped: Skip[] = [...collected.skipped];
  const notes: string[] = [...collected.notes];
  const warnings: string[] = [];

  const used: Extract<FileRead, { ok: true }>[] = [];
  const byKey = new Map<string, string>();
  // One file at a time: only the extracted unit is kept, never more than one workbook in memory.
  for (const file of collected.files) {
    const r = await readUnitFile(file, set, limits);
    if (!r.ok) {
      skipped.push({ file: r.file, reason: r.error });
      continue;
    }
    for (const w of r.warnings) warnings.push(`${r.file}: ${w}`);
    const key = unitKey(r.unit.name);
    const before = byKey.get(key);
    if (before !== undefined) {
      skipped.push({ file: r.file, reason: `cùng đơn vị "${r.unit.name.trim()}" với tệp ${before} (mục 1 Thông tin chung trùng tên); giữ tệp ${before}, bỏ tệp này.` });
      continue;
    }
    byKey.set(key, r.file);
    used.push(r);
  }

  const skippedLines = skipped.map((s) => `Bỏ qua ${s.file}: ${s.reason}`);
  if (used.length === 0) {
    const lines = [...skippedLines, ...notes.map((x) => `Ghi chú: ${x}`), "Lỗi: không có đơn vị nào dùng được; không ghi gì."];
    return { code: 1, stdout: "", stderr: `${lines.join("\n")}\n` };
  }

  // Options: the flags, or a workbook option that every unit's workbook has on (§2, §10).
  const pick = (flag: boolean | undefined, key: keyof ScoreOptions, label: string, option: string): boolean => {
    if (flag === true) return true;
    const onIn = used.filter((r) => r.options[key] === true);
    if (onIn.length === used.length) return true;
    if (onIn.length > 0) {
      notes.push(
        `tùy chọn "${label}" chỉ bật trong ${onIn.length}/${used.length} sổ (${onIn.map((r) => path.basename(r.file)).join(", ")}); ` +
          `khi tổng hợp, mọi đơn vị phải tính cùng một cách nên tùy chọn này không được áp dụng. Dùng ${option} để áp dụng cho mọi đơn vị.`,
      );
    }
    return false;
  };
  const options: AggregateOptions = {
    altThreshold: pick(values["alt-threshold"], "altThreshold", "cách đọc khác của ngưỡng", "--alt-threshold"),
    minMaxAsRatioToBest: pick(values["minmax-as-best"], "minMaxAsRatioToBest", "đọc Min-Max là tỷ lệ so với đơn vị cao nhất", "--minmax-as-best"),
  };
  let referencesIgnored = 0;
  const units: UnitInput[] = used.map((r) => {
    const { reference, ...rest } = r.unit;
    if (reference && Object.keys(reference).length) referencesIgnored++;
    return rest;
  });
  if (used.length === 1) {
    notes.push(`chỉ có 1 đơn vị: các chỉ số Min-Max và tỷ lệ so với đơn vị cao nhất không so sánh được (trạng thái "cần giá trị tham chiếu").`);
  }

  let results: UnitResult[];
  try {
    results = scoreUnits(set, units, options);
  } catch (e) {
    if (e instanceof DtiError) return fail(e.message);
    throw e;
  }
  const ranking = rankUnits(results);
  const incomplete = incompleteUnits(set, results);
  const files = used.map((r) => r.file);
  const comparison =
    `Min-Max và tỷ lệ so với đơn vị cao nhất tính trên ${results.length} đơn vị được tổng hợp; giá trị tham chiếu nhập trong sổ của đơn vị không được dùng` +
    (referencesIgnored ? ` (${referencesIgnored} sổ có nhập).` : ".");

  const report: string[] = [];
  if (out) {
    const wb = buildSummaryWorkbook({ set, results, files, options, ranking, incomplete, skipped, notes, referencesIgnored });
    try {
      await writeWorkbookAtomic(wb, out);
    } catch (e) {
      // WriteError: one Vietnamese line naming the file; nothing was written.
      return fail((e as Error).message);
    }
    report.push(`Đã ghi ${out}: ${results.length} đơn vị, bộ chỉ số ${set.id}.`);
  }
  report.push("Xếp hạng (hạng. đơn vị: tổng điểm, chỉ số DTI):");
  for (const r of ranking) report.push(`  ${r.rank}. ${r.name}: ${vi(r.total.toNumber(), 2)} điểm, ${r.index.toFixed(4).replace(".", ",")}`);
  if (incomplete.length) {
    report.push(`Chưa đủ số liệu (${incomplete.length} đơn vị; tổng điểm chỉ cộng các chỉ số đã tính được):`);
    for (const u of incomplete) report.push(`  - ${u.name}: ${u.ids.join(", ")}`);
  } else {
    report.push("Mọi đơn vị đều đủ số liệu.");
  }
  report.push(`Lưu ý: ${comparison}`);
  report.push(
    `Tùy chọn: cách đọc khác của ngưỡng (§2) ${options.altThreshold ? "bật" : "tắt"}; đọc Min-Max là tỷ lệ so với đơn vị cao nhất (§10) ${options.minMaxAsRatioToBest ? "bật" : "tắt"}.`,
  );

  const stderr: string[] = [...skippedLines, ...warnings, ...notes.map((x) => `Ghi chú: ${x}`)];
  if (skipped.length) stderr.push(`Đã bỏ qua ${skipped.length} tệp; tổng hợp ${results.length} đơn vị còn lại (mã thoát 2).`);
  let stdout: string;
  if (values.json) {
    stdout = `${JSON.stringify(toReport(set, results, options), null, 2)}\n`;
    stderr.push(...report);
  } else {
    stdout = `${report.join("\n")}\n`;
  }
  return { code: skipped.length ? 2 : 0, stdout, stderr: stderr.length ? `${stderr.join("\n")}\n` : "" };
}

