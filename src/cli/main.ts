/**
 * dti: the command line of DTI Workbench. Same catalog and engine as the add-in.
 *   dti catalog [--json] [--set ID|FILE] [--xlsx -o FILE.xlsx]
 *   dti template -o FILE.xlsx [--functions] [--with-sample-tasks] [--update]
 *   dti score FILE.json|FILE.xlsx [--alt-threshold] [--minmax-as-best]
 * Exit 0 when the input was read (value problems are statuses in the report),
 * 1 when it cannot be read or has the wrong shape, with a message on stderr, no stack trace.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import ExcelJS from "exceljs";
import { getIndicatorSet, indicatorSets, isBuiltInSet } from "../catalog";
import type { IndicatorSet } from "../catalog/schema";
import { SET_SHEET_NAME } from "../catalog/sheet";
import { readJsonFile, registeredOr, resolveSet } from "../catalog/load-file";
import { TEMPLATE_VERSION } from "../layout/names";
import { DEFAULT_SET_ID } from "../layout/formulas";
import { names } from "../layout/names";
import { aggregateCommand, AGGREGATE_USAGE } from "./aggregate";
import { writeWorkbookAtomic, WriteError } from "./atomic-write";
import { MERGE_USAGE, mergeCommand } from "./merge";
import { LIMIT_OPTIONS, LIMIT_USAGE, limitsFromArgs, openXlsx } from "./open-xlsx";
import type { XlsxLimits } from "../xlsx/bounded";
import { SPLIT_USAGE, splitCommand } from "./split";
import { describeIndicator } from "../catalog/describe";
import { DtiError } from "../engine/errors";
import { toReport } from "../engine/report";
import { scoreUnits } from "../engine/score";
import type { ScoreOptions } from "../engine/types";
import { parseScoreInput } from "./json-input";
import { ninhThuan2022TaskList } from "../catalog/tasks/ninh-thuan-2022";
import { buildSetSheet, buildWorkbookLayout } from "../layout/build";
import { readInputs } from "../layout/read-inputs";
import { readSetFromWorkbook, validSet } from "./set-xlsx";
import { readName, writeLayoutToWorkbook } from "./xlsx";
import { fail, type CliResult } from "./result";

const USAGE = `Cách dùng / Usage:
  npm run -s dti -- catalog [--json] [--set <mã bộ chỉ số | tệp bộ chỉ số .json hoặc .xlsx>] [--xlsx -o <tệp.xlsx>]
      Liệt kê bộ chỉ số: trụ cột, chỉ số thành phần, điểm tối đa, cách tính, biến.
      --xlsx -o <tệp.xlsx>  ghi bộ chỉ số ra trang "${SET_SHEET_NAME}" của một tệp .xlsx để sửa trong Excel,
                            rồi dùng lại bằng --set <tệp.xlsx> (không ghi đè tệp đã có)
  npm run -s dti -- template -o <tệp.xlsx> [--set <mã|tệp .json|tệp .xlsx>] [--functions] [--with-sample-tasks] [--update] [--no-protect]
      Ghi mẫu biểu (Thông tin chung, Chỉ số DTI, Tổng hợp, Phân công, Nhiệm vụ) ra tệp .xlsx.
      --functions          ô điểm dùng hàm DTI.* (cần bổ trợ) thay cho công thức Excel thường
      --with-sample-tasks  điền sẵn danh mục nhiệm vụ Phụ lục 1 của tỉnh Ninh Thuận làm ví dụ
      --update             tệp đã có: cập nhật mẫu tại chỗ, giữ nguyên mọi số liệu đã nhập
      --no-protect         không khóa trang tính (mặc định khóa mọi ô trừ ô nhập, không mật khẩu)
      --max-mb, --max-cells  giới hạn khi đọc tệp đã có với --update (như ở "score")
  npm run -s dti -- score <tệp.json|tệp.xlsx> [--set <tệp bộ chỉ số .json hoặc .xlsx>] [--alt-threshold] [--minmax-as-best]
      Tính điểm, tổng trụ cột và chỉ số DTI; in báo cáo JSON.
      --alt-threshold   cách đọc khác của ngưỡng (tỷ lệ/ngưỡng × điểm tối đa), §2; mặc định tắt
      --minmax-as-best  tính mọi chỉ số "Min-Max" theo tỷ lệ so với đơn vị cao nhất, §10; mặc định tắt
${LIMIT_USAGE}      Tệp .xlsx vượt giới hạn (ví dụ "bom nén", trang có hàng chục nghìn ô thừa) không được đọc: mã thoát 1.
${SPLIT_USAGE}
${MERGE_USAGE}
${AGGREGATE_USAGE}
  Bộ chỉ số: có sẵn ${indicatorSets.map((x) => x.id).join(", ")}; bộ khác (của tỉnh cho sở, huyện, xã) là một tệp .json
  theo lược đồ danh mục, hoặc trang "${SET_SHEET_NAME}" của một tệp .xlsx, dùng với --set <tệp>. Mẫu làm từ bộ không có sẵn
  mang theo trang "${SET_SHEET_NAME}", nên "score" đọc được bộ chỉ số từ chính sổ đó.
`;

/** `catalog --xlsx -o FILE`: the set as an editable sheet, never over an existing file. */
async function catalogXlsx(set: IndicatorSet, file: string | undefined): Promise<CliResult> {
  if (!file) return fail(`--xlsx cần tên tệp ra: -o <tệp.xlsx>.\n${USAGE}`);
  if (!file.toLowerCase().endsWith(".xlsx")) return fail(`${file}: tệp ra phải có đuôi .xlsx.`);
  if (existsSync(file)) return fail(`${file} đã có. Không ghi đè: hãy chọn tên tệp khác.`);
  const wb = new ExcelJS.Workbook();
  wb.creator = "DTI Workbench";
  const sheet = buildSetSheet(set, { embedded: false, protect: false });
  await writeLayoutToWorkbook(wb, { indicatorSet: set.id, templateVersion: TEMPLATE_VERSION, formulas: "portable", sheets: [sheet], names: [] }, () => "rename");
  await writeWorkbookAtomic(wb, file);
  const variables = set.indicators.reduce((n, i) => n + i.variables.length, 0);
  const out = [
    `Đã ghi ${file}: bộ chỉ số "${set.id}" ở trang "${SET_SHEET_NAME}" (${set.infoItems.length} mục thông tin chung, ${set.pillars.length} chỉ số chính, ${set.indicators.length} chỉ số, ${variables} biến).`,
    `  - Sửa trang này trong Excel, rồi dùng: npm run -s dti -- template --set ${file} -o <mẫu.xlsx> (hoặc catalog, score với --set ${file}).`,
  ];
  if (isBuiltInSet(set.id)) out.push(`  - Đây là bộ có sẵn: khi sửa nội dung, hãy đổi "Mã bộ" (ví dụ "${set.id}-tinh"), vì mã có sẵn không dùng được cho nội dung khác.`);
  return { code: 0, stdout: `${out.join("\n")}\n`, stderr: "" };
}

async function catalog(args: readonly string[]): Promise<CliResult> {
  const { values } = parseArgs({
    args: [...args],
    options: { json: { type: "boolean" }, set: { type: "string" }, xlsx: { type: "boolean" }, output: { type: "string", short: "o" } },
  });
  if (values.json && values.xlsx) return fail(`chọn một trong --json hoặc --xlsx.\n${USAGE}`);
  if (values.output !== undefined && !values.xlsx) return fail(`-o chỉ dùng cùng --xlsx (ghi bộ chỉ số ra tệp .xlsx).\n${USAGE}`);
  const set = await resolveSet(values.set ?? DEFAULT_SET_ID);
  if (values.xlsx) return catalogXlsx(set, values.output);
  if (values.json) return { code: 0, stdout: `${JSON.stringify(set, null, 2)}\n`, stderr: "" };
  const lines = [`${set.name} (${set.id})`, `Nguồn: ${set.source}`, "", "THÔNG TIN CHUNG"];
  for (const item of set.infoItems) {
    lines.push(`  ${item.id}. ${item.name}${item.unit ? ` [${item.unit}]` : ""} — ${item.responsible}`);
  }
  for (const pillar of set.pillars) {
    lines.push("", `${pillar.id}. ${pillar.name} — ${pillar.maxPoints} điểm`);
    for (const ind of set.indicators.filter((i) => i.pillar === pillar.id)) {
      lines.push(...describeIndicator(ind).map((l) => `  ${l}`));
    }
  }
  lines.push("", `Tổng điểm tối đa: ${set.maxTotal}. Chỉ số DTI = tổng điểm / ${set.maxTotal}.`);
  return { code: 0, stdout: `${lines.join("\n")}\n`, stderr: "" };
}

async function scoreXlsx(file: string, flags: ScoreOptions, setOption: string | undefined, limits: XlsxLimits): Promise<CliResult> {
  const wb = await openXlsx(file, { valuesOnly: true, limits });
  if ("error" in wb) return fail(wb.error);
  // The workbook says which set it was made from; --set names a set file for sets not built in.
  const meta = readName(wb.workbook, names.metaSet);
  const recorded = meta.kind === "value" && typeof meta.value === "string" ? meta.value : undefined;
  let set: IndicatorSet;
  if (setOption !== undefined || recorded === undefined || getIndicatorSet(recorded)) {
    set = await resolveSet(setOption ?? recorded ?? DEFAULT_SET_ID);
  } else {
    // A set that is not built in: a template made from it carries it in the sheet "Bộ chỉ số".
    const carried = readSetFromWorkbook(wb.workbook, file);
    if (carried === null) {
      return fail(
        `${file}: sổ được làm theo bộ chỉ số "${recorded}" (ghi ở DTI_META); bộ này không có sẵn và sổ không có trang "${SET_SHEET_NAME}" chứa bộ chỉ số. Hãy chỉ tệp bộ chỉ số: --set <tệp .json|.xlsx>.`,
      );
    }
    set = registeredOr(validSet(carried, file), file);
    if (set.id !== recorded) {
      return fail(`${file}: trang "${SET_SHEET_NAME}" chứa bộ chỉ số "${set.id}" nhưng sổ được làm theo bộ "${recorded}" (ghi ở DTI_META); hãy chỉ đúng tệp bộ chỉ số: --set <tệp .json|.xlsx>.`);
    }
  }
  const fallback = path.basename(file, path.extname(file));
  const read = readInputs(set, (name) => readName(wb.workbook, name), fallback);
  const lines = read.problems.map((p) => `${p.severity === "warning" ? "Cảnh báo" : "Lỗi"}: ${file}: ${p.text}`);
  if (read.problems.some((p) => p.severity === "fatal")) return { code: 1, stdout: "", stderr: `${lines.join("\n")}\n` };
  const options: ScoreOptions = {
    altThreshold: flags.altThreshold === true || read.options.altThreshold === true,
    minMaxAsRatioToBest: flags.minMaxAsRatioToBest === true || read.options.minMaxAsRatioToBest === true,
  };
  const results = scoreUnits(set, [read.unit], options);
  const stderr = lines.length ? `${lines.join("\n")}\n` : "";
  return { code: 0, stdout: `${JSON.stringify(toReport(set, results, options), null, 2)}\n`, stderr };
}

async function score(args: readonly string[], readFile: ((path: string) => string | Uint8Array) | undefined): Promise<CliResult> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { "alt-threshold": { type: "boolean" }, "minmax-as-best": { type: "boolean" }, set: { type: "string" }, ...LIMIT_OPTIONS },
  });
  const limits = limitsFromArgs(values);
  if ("error" in limits) return fail(limits.error);
  const file = positionals[0];
  if (!file || positionals.length > 1) return fail(`cần đúng một tệp đầu vào.\n${USAGE}`);
  const options: ScoreOptions = {
    altThreshold: values["alt-threshold"] === true,
    minMaxAsRatioToBest: values["minmax-as-best"] === true,
  };
  if (file.toLowerCase().endsWith(".xlsx")) return scoreXlsx(file, options, values.set, limits);
  if (!file.toLowerCase().endsWith(".json")) return fail(`${file}: chỉ đọc được tệp .json hoặc .xlsx.`);
  // Read as --set files are: bounded, UTF-8 with or without BOM, UTF-16 with one (load-file.ts).
  const data = readJsonFile(file, undefined, readFile);
  const input = parseScoreInput(data, file, values.set === undefined ? undefined : await resolveSet(values.set));
  const results = scoreUnits(input.set, input.units, options);
  const stderr = input.warnings.map((w) => `Cảnh báo: ${w}\n`).join("");
  return { code: 0, stdout: `${JSON.stringify(toReport(input.set, results, options), null, 2)}\n`, stderr };
}

async function template(args: readonly string[]): Promise<CliResult> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      output: { type: "string", short: "o" },
      functions: { type: "boolean" },
      "with-sample-tasks": { type: "boolean" },
      update: { type: "boolean" },
      "no-protect": { type: "boolean" },
      set: { type: "string" },
      ...LIMIT_OPTIONS,
    },
  });
  const limits = limitsFromArgs(values);
  if ("error" in limits) return fail(limits.error);
  const file = values.output;
  if (!file) return fail(`cần tên tệp ra: -o <tệp.xlsx>.\n${USAGE}`);
  if (!file.toLowerCase().endsWith(".xlsx")) return fail(`${file}: tệp ra phải có đuôi .xlsx.`);
  const set = await resolveSet(values.set ?? DEFAULT_SET_ID);
  // A set that is not built in reaches the functions when the task pane opens the workbook
  // (it stores the set from the sheet "Bộ chỉ số" for them: src/functions/set-store.ts).
  const builtIn = isBuiltInSet(set.id);
  const useFunctions = values.functions === true;
  const layout = buildWorkbookLayout(set, {
    formulas: useFunctions ? "functions" : "portable",
    protect: values["no-protect"] !== true,
    ...(values["with-sample-tasks"] ? { sampleTasks: ninhThuan2022TaskList } : {}),
  });
  let wb = new ExcelJS.Workbook();
  const exists = existsSync(file);
  // Its size and time before it is read: replaced only if nobody saved it meanwhile (src/cli/atomic-write.ts).
  const original = exists ? statSync(file) : undefined;
  if (exists) {
    if (!values.update) {
      return fail(`${file} đã có. Không ghi đè: dùng --update để cập nhật mẫu tại chỗ (giữ nguyên số liệu đã nhập), hoặc chọn tên tệp khác.`);
    }
    const opened = await openXlsx(file, { limits });
    if ("error" in opened) return fail(opened.error);
    wb = opened.workbook;
  }
  wb.creator = "DTI Workbench";
  const result = await writeLayoutToWorkbook(wb, layout, () => (exists ? "update" : "rename"));
  if (result.refused.length) {
    return fail(
      `${file}: không cập nhật được mẫu, chưa có gì được ghi: các tên sau không rõ trỏ tới ô nào nên không biết giữ số liệu nào:\n${result.refused.map((l) => `  - ${l}`).join("\n")}\nHãy sửa trong Excel (Công thức › Trình quản lý Tên) để mỗi tên chỉ trỏ tới một ô, rồi chạy lại.`,
    );
  }
  await writeWorkbookAtomic(wb, file, original ? { kind: "replace", original } : { kind: "create" });
  const out: string[] = [`Đã ghi ${file}:`, ...result.plan.summary.map((l) => `  - ${l}`)];
  if (exists) out.push(`  - Giữ lại ${result.preserved.length} số liệu đã nhập.`);
  if (result.notPlaced.length) out.push(`  - Không đặt lại được (mẫu mới không còn ô này): ${result.notPlaced.join(", ")}.`);
  out.push(
    `  - Công thức ô điểm: ${layout.formulas === "portable" ? "công thức Excel thường (tính được cả khi không có bổ trợ, trong Excel cũ và LibreOffice)" : "hàm DTI.* (cần bổ trợ DTI Workbench)"}.`,
  );
  if (useFunctions && !builtIn) {
    out.push(
      `  - Lưu ý: bộ "${set.id}" không có sẵn trong bổ trợ; hàm DTI.SCORE("${set.id}:…") tính được sau khi mở bảng tác vụ DTI một lần trong sổ này (bảng tác vụ nạp bộ từ trang "Bộ chỉ số" cho các hàm), trước đó ô điểm để trống.`,
    );
  }
  if (result.chartsSkipped) {
    out.push("  - Lưu ý: thư viện exceljs không vẽ được biểu đồ; biểu đồ các chỉ số chính ở trang Tổng hợp chỉ có khi chèn mẫu bằng bổ trợ trong Excel.");
  }
  return { code: 0, stdout: `${out.join("\n")}\n`, stderr: "" };
}

export async function run(argv: readonly string[], readFile?: (path: string) => string | Uint8Array): Promise<CliResult> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "catalog":
        return await catalog(rest);
      case "score":
        return await score(rest, readFile);
      case "template":
        return await template(rest);
      case "split":
        return await splitCommand(rest);
      case "merge":
        return await mergeCommand(rest);
      case "aggregate":
        return await aggregateCommand(rest);
      case undefined:
      case "help":
      case "--help":
      case "-h":
        return { code: command === undefined ? 1 : 0, stdout: USAGE, stderr: "" };
      default:
        return fail(`lệnh không rõ "${command}".\n${USAGE}`);
    }
  } catch (e) {
    if (e instanceof DtiError || e instanceof WriteError) return fail(e.message);
    // parseArgs reports unknown options with a TypeError carrying a code.
    const code = e !== null && typeof e === "object" ? (e as { code?: unknown }).code : undefined;
    if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS")) return fail(`${oneLine(e)}\n${USAGE}`);
    return fail(`lỗi không mong đợi: ${oneLine(e)}`);
  }
}

/**
 * One line for an error nobody expected: its message, never its stack (users get no stack
 * traces). Anything can be thrown, including null or an object whose toString throws.
 */
export function oneLine(e: unknown): string {
  let text: string;
  try {
    text = e instanceof Error ? `${e.message}` : String(e);
  } catch {
    text = Object.prototype.toString.call(e);
  }
  const first = text.split("\n", 1)[0]?.trim() ?? "";
  return first.length > 300 ? `${first.slice(0, 300)}…` : first;
}

/**
 * The process around run(): its output, and the two ways a process can still die loudly.
 * - A reader that stops early (`dti catalog | head -5`) closes the pipe; the next write fails
 *   with EPIPE, which Node raises as an unhandled 'error' event with a stack trace. The command
 *   has already done its work and the reader wanted no more: stop quietly with the command's
 *   own exit code (0 for a listing), as `yes | head` and other Unix tools do.
 * - Anything thrown or rejected outside run() (a library's callback, a stray promise) is one
 *   Vietnamese line and exit 1, never a stack trace.
 */
function main(): void {
  let exitCode = 1;
  const lastResort = (e: unknown): void => {
    process.exitCode = 1;
    try {
      process.stderr.write(`Lỗi: lỗi không mong đợi: ${oneLine(e)}\n`, () => process.exit(1));
    } catch {
      process.exit(1);
    }
  };
  const onOutputError = (e: NodeJS.ErrnoException): void => {
    if (e.code === "EPIPE" || e.code === "ERR_STREAM_DESTROYED") process.exit(exitCode);
    lastResort(e);
  };
  process.stdout.on("error", onOutputError);
  process.stderr.on("error", (e: NodeJS.ErrnoException) => process.exit(e.code === "EPIPE" ? exitCode : 1));
  process.on("uncaughtException", lastResort);
  process.on("unhandledRejection", lastResort);
  run(process.argv.slice(2)).then((result) => {
    exitCode = result.code;
    process.exitCode = result.code;
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
  }, lastResort);
}

if (require.main === module) main();
