/**
 * dti aggregate FILES|DIR -o SUMMARY.xlsx [--json]: scores many units (one template workbook
 * each: departments, districts, communes) together, so that min-max (§9) and ratio to the best
 * (§10) are computed across them, and writes a summary workbook whose totals, ranks and gaps
 * are plain formulas over the engine's indicator scores (checkable by hand): the ranking book
 * layout of src/layout/ranking-book.ts, rendered by the .xlsx writer.
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
import { defaultIndicatorSet, getIndicatorSet } from "../catalog";
import { unitNameKey } from "../catalog/labels";
import { resolveSet } from "./set-file";
import type { IndicatorSet } from "../catalog/schema";
import { DtiError } from "../engine/errors";
import { toReport } from "../engine/report";
import { scoreUnits } from "../engine/score";
import type { ScoreOptions, UnitInput, UnitResult } from "../engine/types";
import { incompleteUnits, rankUnits } from "../layout/ranking";
import { buildRankingBook, RANKING_INFO_SHEET, type RankingBookInput } from "../layout/ranking-book";
import { names as layoutNames } from "../layout/names";
import { messageVi, say } from "../i18n/findings";
import { readInputs, type ReadResult } from "../layout/read-inputs";
import { writeWorkbookAtomic } from "./atomic-write";
import { fail, type CliResult } from "./result";
import type { XlsxLimits } from "../xlsx/bounded";
import { namedValueFrom } from "../xlsx/fast-names";
import { LIMIT_OPTIONS, LIMIT_USAGE, limitsFromArgs, openXlsx, readNamesFile } from "./open-xlsx";
import { setsKnownTo } from "./set-xlsx";
import { readName, writeSheets, type NamedValue } from "./xlsx";

export const AGGREGATE_USAGE = `  npm run -s dti -- aggregate <tệp.xlsx…|thư mục> -o <tổng hợp.xlsx> [--json] [--alt-threshold] [--minmax-as-best]
      Tổng hợp nhiều đơn vị (mỗi đơn vị một sổ theo mẫu: sở, ngành, huyện, xã): tính điểm chung,
      Min-Max và tỷ lệ so với đơn vị cao nhất tính trên các đơn vị được tổng hợp (giá trị tham
      chiếu nhập trong từng sổ không được dùng). Ghi bảng tổng hợp: xếp hạng, điểm trụ cột,
      điểm từng chỉ số, khoảng cách tới đơn vị cao nhất, danh sách đơn vị chưa đủ số liệu.
      Thư mục: đọc mọi tệp .xlsx trong thư mục (không đọc thư mục con).
      -o <tệp.xlsx>      bảng tổng hợp (không ghi đè tệp đã có); có thể bỏ khi dùng --json
      --json             in báo cáo JSON cùng dạng với "dti score" cho mọi đơn vị
      --alt-threshold    cách đọc khác của ngưỡng (tỷ lệ/ngưỡng × điểm tối đa); mặc định theo sổ nếu mọi sổ cùng bật
      --minmax-as-best   đọc "Min-Max" là tỷ lệ so với đơn vị cao nhất; như trên
      --set <mã|tệp>     bộ chỉ số (mã có sẵn, tệp .json hoặc .xlsx có trang "Bộ chỉ số"); mặc định
                         bộ mà sổ đầu tiên đọc được ghi nhận (bộ không có sẵn: lấy từ trang "Bộ chỉ số" của sổ)
${LIMIT_USAGE.trimEnd()}
                         tệp vượt giới hạn bị bỏ qua (mã thoát 2), các tệp khác vẫn được tổng hợp
      Mã thoát: 0 mọi tệp đều dùng được; 2 có tệp bị bỏ qua (xem thông báo); 1 không có đơn vị nào
      dùng được, thư mục rỗng, tham số sai hoặc tệp ra đã có.
`;

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
      /** The reporting period the workbook records (DTI_PERIOD), canonical. */
      readonly period?: string;
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
      const ours = fatal.some((p) => p.code === "not-a-template") && sheets.includes(RANKING_INFO_SHEET);
      return {
        ok: false,
        file,
        error: ours ? `đây là bảng tổng hợp do "dti aggregate" tạo, không phải sổ số liệu của một đơn vị.` : fatal.map((p) => say(p, "vi")).join(" "),
      };
    }
    const warnings = read.problems.map((p) => `${p.severity === "warning" ? "Cảnh báo" : "Lỗi"}: ${say(p, "vi")}`);
    return { ok: true, file, unit: read.unit, options: read.options, warnings, ...(read.period !== undefined ? { period: read.period } : {}) };
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

const vi = (n: number, decimals: number): string => n.toFixed(decimals).replace(".", ",");

// ---------------------------------------------------------------------------------------------
// The summary workbook: the ranking book layout (src/layout/ranking-book.ts), rendered by the .xlsx writer.

/** Builds the summary workbook: ranking, scores (formulas over the engine's scores), gaps, incomplete data, notes. */
export async function buildSummaryWorkbook(input: Omit<RankingBookInput, "created" | "messageText">): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "DTI Workbench";
  wb.calcProperties.fullCalcOnLoad = true;
  const book = buildRankingBook({ ...input, files: input.files.map((f) => path.basename(f)), created: new Date().toLocaleString("vi-VN"), messageText: messageVi });
  await writeSheets(wb, book.sheets);
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
  return defaultIndicatorSet;
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
    // The same comparison as the engine's duplicate check (scoreUnits).
    const key = unitNameKey(r.unit.name);
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
  // The reporting period: one for all, shown; several, noted with the files of each.
  const byPeriod = new Map<string, string[]>();
  for (const r of used) byPeriod.set(r.period ?? "(chưa ghi kỳ)", [...(byPeriod.get(r.period ?? "(chưa ghi kỳ)") ?? []), path.basename(r.file)]);
  const period = byPeriod.size === 1 && used[0]?.period !== undefined ? used[0].period : undefined;
  if (byPeriod.size > 1) {
    notes.push(`các sổ thuộc những kỳ báo cáo khác nhau (ô DTI_PERIOD): ${[...byPeriod].map(([p, fs]) => `${p}: ${fs.join(", ")}`).join("; ")}.`);
  }
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
    const wb = await buildSummaryWorkbook({ set, results, files, options, ranking, incomplete, skipped, notes, referencesIgnored });
    try {
      await writeWorkbookAtomic(wb, out);
    } catch (e) {
      // WriteError: one Vietnamese line naming the file; nothing was written.
      return fail((e as Error).message);
    }
    report.push(`Đã ghi ${out}: ${results.length} đơn vị, bộ chỉ số ${set.id}.`);
  }
  if (period !== undefined) report.push(`Kỳ báo cáo: ${period}.`);
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
    `Tùy chọn: cách đọc khác của ngưỡng ${options.altThreshold ? "bật" : "tắt"}; đọc Min-Max là tỷ lệ so với đơn vị cao nhất ${options.minMaxAsRatioToBest ? "bật" : "tắt"}.`,
  );

  const stderr: string[] = [...skippedLines, ...warnings, ...notes.map((x) => `Ghi chú: ${x}`)];
  if (skipped.length) stderr.push(`Đã bỏ qua ${skipped.length} tệp; tổng hợp ${results.length} đơn vị còn lại (mã thoát 2).`);
  let stdout: string;
  if (values.json) {
    const json = toReport(set, results, options, messageVi);
    stdout = `${JSON.stringify(period !== undefined ? { period, ...json } : json, null, 2)}\n`;
    stderr.push(...report);
  } else {
    stdout = `${report.join("\n")}\n`;
  }
  return { code: skipped.length ? 2 : 0, stdout, stderr: stderr.length ? `${stderr.join("\n")}\n` : "" };
}

