/**
 * dti: the command line of DTI Workbench. Same catalog and engine as the add-in.
 *   dti catalog [--json] [--verbatim] [--set ID|FILE] [--xlsx -o FILE.xlsx]
 *   dti template -o FILE.xlsx [--functions] [--tasks] [--with-sample-tasks] [--update]
 *   dti score FILE.json|FILE.xlsx [--alt-threshold] [--minmax-as-best]
 * Exit 0 when the input was read (value problems are statuses in the report),
 * 1 when it cannot be read or has the wrong shape, with a message on stderr, no stack trace.
 */
import { existsSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import ExcelJS from "exceljs";
import { DEFAULT_SET_ID, indicatorSets, isBuiltInSet } from "../catalog";
import { setToFile, type IndicatorSet } from "../catalog/schema";
import { SET_FORMAT_VERSION } from "../catalog/load";
import { SET_SHEET_NAME } from "../layout/set-sheet";
import { readJsonFile, resolveSet } from "./set-file";
import { TEMPLATE_VERSION } from "../layout/names";
import { names } from "../layout/names";
import { aggregateCommand, AGGREGATE_USAGE } from "./aggregate";
import { writeWorkbookAtomic, WriteError } from "./atomic-write";
import { MERGE_USAGE, mergeCommand } from "./merge";
import { LIMIT_OPTIONS, LIMIT_USAGE, limitsFromArgs, openXlsx } from "./open-xlsx";
import type { XlsxLimits } from "../xlsx/bounded";
import { SPLIT_USAGE, splitCommand } from "./split";
import { TREND_USAGE, trendCommand } from "./trend";
import { REPORT_USAGE, reportCommand } from "./report";
import { describeIndicator } from "../catalog/describe";
import { ruleWarnings } from "../catalog/rule-parts";
import { calendarText, parseCalendar } from "../catalog/calendar";
import { formatPeriod, parsePeriod, quarterOf, type Period } from "../catalog/period";
import { DtiError } from "../engine/errors";
import { toReport } from "../engine/report";
import { messageVi, say } from "../i18n/findings";
import { scoreUnits } from "../engine/score";
import type { ScoreOptions } from "../engine/types";
import { parseScoreInput } from "./json-input";
import { ninhThuan2022TaskList } from "../catalog/tasks/ninh-thuan-2022";
import { buildSetSheet, buildWorkbookLayout } from "../layout/build";
import { scoreWorkbookFile } from "./score-file";
import { planRollover, rolloverLine, writeRollover, type RolloverPlan } from "./rollover";
import { scoreText } from "./score-text";
import { scoreComparison, summarize } from "../layout/summary";
import { readName, writeLayoutToWorkbook } from "./xlsx";
import { fail, type CliResult } from "./result";

const USAGE = `Cách dùng / Usage:
  npm run -s dti -- catalog [--json] [--verbatim] [--set <mã bộ chỉ số | tệp bộ chỉ số .json hoặc .xlsx>] [--xlsx -o <tệp.xlsx>] [--blank] [--draft]
      Liệt kê bộ chỉ số: trụ cột, chỉ số thành phần, điểm tối đa, cách tính (phần và điểm: "15 điểm = 3/4 điểm tối đa"), biến.
      --verbatim  để soát bản nhập: in nguyên văn phương pháp tính điểm của mỗi dòng bên cạnh quy tắc như đã đọc
      --draft  nạp bộ chỉ số đang soạn (bản nháp): tổng điểm tối đa chưa khớp… chỉ cảnh báo (cũng dùng với template, score)
      --xlsx -o <tệp.xlsx>  ghi bộ chỉ số ra trang "${SET_SHEET_NAME}" của một tệp .xlsx để sửa trong Excel,
                            rồi dùng lại bằng --set <tệp.xlsx> (không ghi đè tệp đã có)
      --blank --xlsx -o <tệp.xlsx>  ghi một trang "${SET_SHEET_NAME}" trống (bản nháp) để chép một bộ chỉ số mới;
                            hướng dẫn: docs/sets.md
  npm run -s dti -- template -o <tệp.xlsx> [--set <mã|tệp .json|tệp .xlsx>] [--period "Quý III/2026"] [--calendar <lịch>] [--functions] [--tasks] [--with-sample-tasks] [--update] [--no-protect] [--draft]
      Ghi mẫu biểu (Thông tin chung, Chỉ số DTI, Tổng hợp, Phân công, Nhiệm vụ) ra tệp .xlsx. Mẫu của bộ không có sẵn
      (bộ của tỉnh cho sở, huyện, xã) mang tên và năm của bộ đó, trang chỉ số là "Chỉ số <năm>", và không có trang Nhiệm vụ
      trừ khi dùng --tasks.
      --period "Quý III/2026"  kỳ báo cáo (ô DTI_PERIOD): "Quý I/2026" … "Quý IV/2026" hoặc "Năm 2026";
                           mặc định quý hiện tại (với --update: giữ kỳ đã ghi trong tệp). Với --update sang một kỳ
                           sau kỳ đã ghi, kết quả kỳ đã ghi (như "score") được lưu vào cột "Kỳ trước" ở trang Tổng hợp
                           trước khi đổi kỳ; số liệu đã nhập giữ nguyên
      --calendar <lịch>    hạn gửi báo cáo (ô DTI_CALENDAR): ninh-thuan (mặc định: các cơ quan trước ngày 25 tháng
                           cuối quý và 20/12, Sở TTTT trước ngày 30 và 25/12), ben-tre (28), tra-vinh (20 và 30/11),
                           hoặc "25, 20/12; 30, 25/12" (các cơ quan; Sở TTTT)
      --functions          ô điểm dùng hàm DTI.* (cần bổ trợ) thay cho công thức Excel thường
      --tasks              thêm trang Nhiệm vụ (theo dõi nhiệm vụ) cho bộ không có sẵn; bộ DTI có sẵn luôn có trang này
      --with-sample-tasks  điền sẵn danh mục nhiệm vụ Phụ lục 1 của tỉnh Ninh Thuận làm ví dụ
      --update             tệp đã có: cập nhật mẫu tại chỗ, giữ nguyên mọi số liệu đã nhập
      --no-protect         không khóa trang tính (mặc định khóa mọi ô trừ ô nhập, không mật khẩu)
      --max-mb, --max-cells  giới hạn khi đọc tệp đã có với --update (như ở "score")
  npm run -s dti -- score <tệp.json|tệp.xlsx> [--set <tệp bộ chỉ số .json hoặc .xlsx>] [--alt-threshold] [--minmax-as-best] [--text] [--draft]
      Tính điểm, tổng trụ cột và chỉ số DTI; in báo cáo JSON. Với tệp .xlsx, mục "comparison" so sánh từng chỉ số chính
      với kết quả Bộ công bố (chênh lệch) và với kỳ trước (thay đổi), khi sổ có các số này.
      --text            (tệp .xlsx) in bảng so sánh dễ đọc thay cho JSON
      --alt-threshold   cách đọc khác của ngưỡng (tỷ lệ/ngưỡng × điểm tối đa); mặc định tắt
      --minmax-as-best  tính mọi chỉ số "Min-Max" theo tỷ lệ so với đơn vị cao nhất; mặc định tắt
${LIMIT_USAGE}      Tệp .xlsx vượt giới hạn (ví dụ "bom nén", trang có hàng chục nghìn ô thừa) không được đọc: mã thoát 1.
${SPLIT_USAGE}
${MERGE_USAGE}
${AGGREGATE_USAGE}
${TREND_USAGE}
${REPORT_USAGE}
  Bộ chỉ số: có sẵn ${indicatorSets.map((x) => x.id).join(", ")}; bộ khác (của tỉnh cho sở, huyện, xã) là một tệp .json
  theo lược đồ danh mục, hoặc trang "${SET_SHEET_NAME}" của một tệp .xlsx, dùng với --set <tệp>. Mẫu làm từ bộ không có sẵn
  mang theo trang "${SET_SHEET_NAME}", nên "score" đọc được bộ chỉ số từ chính sổ đó.
`;

/** What a valid set's author should still look at (a capped group whose cap never applies), one "Cảnh báo:" line each. */
function warningsText(set: IndicatorSet): string {
  return ruleWarnings(set)
    .map((w) => `Cảnh báo: ${w}\n`)
    .join("");
}

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

/** `catalog --blank --xlsx -o FILE`: an empty "Bộ chỉ số" sheet to transcribe a new set into (docs/sets.md). */
async function catalogBlank(file: string | undefined): Promise<CliResult> {
  if (!file) return fail(`--xlsx cần tên tệp ra: -o <tệp.xlsx>.\n${USAGE}`);
  if (!file.toLowerCase().endsWith(".xlsx")) return fail(`${file}: tệp ra phải có đuôi .xlsx.`);
  if (existsSync(file)) return fail(`${file} đã có. Không ghi đè: hãy chọn tên tệp khác.`);
  const wb = new ExcelJS.Workbook();
  wb.creator = "DTI Workbench";
  const sheet = buildSetSheet({ blank: true, year: new Date().getFullYear() }, { embedded: false, protect: false });
  await writeLayoutToWorkbook(wb, { indicatorSet: "", templateVersion: TEMPLATE_VERSION, formulas: "portable", sheets: [sheet], names: [] }, () => "rename");
  await writeWorkbookAtomic(wb, file);
  const out = [
    `Đã ghi ${file}: trang "${SET_SHEET_NAME}" trống, là bản nháp ("Bản nháp: Có").`,
    "  - Điền Mã bộ, Tên, Nguồn, Năm, Tổng điểm tối đa ở cột B, rồi mỗi mục một dòng dưới dòng tiêu đề (hướng dẫn và ví dụ: docs/sets.md).",
    `  - Kiểm tra và soát: npm run -s dti -- catalog --set ${file} --verbatim; làm mẫu: npm run -s dti -- template --set ${file} -o <mẫu.xlsx>.`,
  ];
  return { code: 0, stdout: `${out.join("\n")}\n`, stderr: "" };
}

/** The set loader's warnings (an older format migrated, a draft's gaps) as stderr lines. */
function warningLines(warnings: readonly string[]): string {
  return warnings.map((w) => `Cảnh báo: ${w}\n`).join("");
}

async function catalog(args: readonly string[]): Promise<CliResult> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      json: { type: "boolean" },
      set: { type: "string" },
      xlsx: { type: "boolean" },
      output: { type: "string", short: "o" },
      verbatim: { type: "boolean" },
      draft: { type: "boolean" },
      blank: { type: "boolean" },
    },
  });
  if (values.verbatim && (values.json || values.xlsx)) return fail(`--verbatim chỉ dùng khi liệt kê (không cùng --json hoặc --xlsx; trang "${SET_SHEET_NAME}" luôn có cả hai cột).\n${USAGE}`);
  if (values.json && values.xlsx) return fail(`chọn một trong --json hoặc --xlsx.\n${USAGE}`);
  if (values.blank) {
    if (!values.xlsx || values.set !== undefined || values.json || values.verbatim) return fail(`--blank chỉ dùng cùng --xlsx -o <tệp.xlsx> (không cùng --set, --json, --verbatim).\n${USAGE}`);
    return catalogBlank(values.output);
  }
  if (values.output !== undefined && !values.xlsx) return fail(`-o chỉ dùng cùng --xlsx (ghi bộ chỉ số ra tệp .xlsx).\n${USAGE}`);
  const warnings: string[] = [];
  const set = await resolveSet(values.set ?? DEFAULT_SET_ID, { draft: values.draft === true, warnings });
  const stderr = warningLines(warnings);
  if (values.xlsx) {
    const written = await catalogXlsx(set, values.output);
    return { ...written, stderr: `${stderr}${written.stderr}` };
  }
  // The current format's version first (issue 13, point 9), so that the output loads without the migration note.
  if (values.json) return { code: 0, stdout: `${JSON.stringify({ version: SET_FORMAT_VERSION, ...setToFile(set) }, null, 2)}\n`, stderr };
  const lines = [`${set.name} (${set.id})${set.draft ? " — BẢN NHÁP" : ""}`, `Nguồn: ${set.source}`, "", "THÔNG TIN CHUNG"];
  for (const item of set.infoItems) {
    lines.push(`  ${item.id}. ${item.name}${item.unit ? ` [${item.unit}]` : ""} — ${item.responsible}`);
  }
  for (const pillar of set.pillars) {
    lines.push("", `${pillar.id}. ${pillar.name} — ${pillar.maxPoints} điểm`);
    for (const ind of set.indicators.filter((i) => i.pillar === pillar.id)) {
      lines.push(...describeIndicator(ind, { verbatim: values.verbatim === true }).map((l) => `  ${l}`));
    }
  }
  lines.push("", `Tổng điểm tối đa: ${set.maxTotal}. Chỉ số DTI = tổng điểm / ${set.maxTotal}.`);
  return { code: 0, stdout: `${lines.join("\n")}\n`, stderr: `${stderr}${warningsText(set)}` };
}

async function scoreXlsx(file: string, flags: ScoreOptions, setOption: string | undefined, limits: XlsxLimits, text: boolean, draft: boolean): Promise<CliResult> {
  const scored = await scoreWorkbookFile(file, flags, setOption, limits, draft);
  if ("error" in scored) return fail(scored.error);
  if ("fatal" in scored) return { code: 1, stdout: "", stderr: `${scored.fatal.join("\n")}\n` };
  const report = toReport(scored.set, [scored.result], scored.options, messageVi);
  // The period the workbook reports on, when it records one (templates since the reporting cycle).
  const periodText = scored.period.kind === "period" ? formatPeriod(scored.period.period) : undefined;
  const shown = periodText !== undefined ? { period: periodText, ...report } : report;
  const stderr = scored.lines.length ? `${scored.lines.join("\n")}\n` : "";
  // Against the ministry's published result and the previous period (issue 11): added, never renamed.
  const summary = summarize(scored.set, scored.result, scored.options, scored.read);
  if (text) return { code: 0, stdout: scoreText(summary, periodText), stderr };
  return { code: 0, stdout: `${JSON.stringify({ ...shown, comparison: scoreComparison(summary) }, null, 2)}\n`, stderr };
}

async function score(args: readonly string[], readFile: ((path: string) => string | Uint8Array) | undefined): Promise<CliResult> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { "alt-threshold": { type: "boolean" }, "minmax-as-best": { type: "boolean" }, set: { type: "string" }, text: { type: "boolean" }, draft: { type: "boolean" }, ...LIMIT_OPTIONS },
  });
  const limits = limitsFromArgs(values);
  if ("error" in limits) return fail(limits.error);
  const file = positionals[0];
  if (!file || positionals.length > 1) return fail(`cần đúng một tệp đầu vào.\n${USAGE}`);
  const options: ScoreOptions = {
    altThreshold: values["alt-threshold"] === true,
    minMaxAsRatioToBest: values["minmax-as-best"] === true,
  };
  const draft = values.draft === true;
  if (file.toLowerCase().endsWith(".xlsx")) return scoreXlsx(file, options, values.set, limits, values.text === true, draft);
  if (!file.toLowerCase().endsWith(".json")) return fail(`${file}: chỉ đọc được tệp .json hoặc .xlsx.`);
  if (values.text) return fail(`--text chỉ dùng với tệp .xlsx (so sánh với kết quả Bộ công bố và kỳ trước ghi ở trang Tổng hợp).`);
  // Read as --set files are: bounded, UTF-8 with or without BOM, UTF-16 with one (set-file.ts).
  const data = readJsonFile(file, undefined, readFile);
  const setWarnings: string[] = [];
  const input = parseScoreInput(data, file, values.set === undefined ? undefined : await resolveSet(values.set, { draft, warnings: setWarnings }));
  const results = scoreUnits(input.set, input.units, options);
  const stderr = warningLines([...setWarnings, ...input.warnings]);
  return { code: 0, stdout: `${JSON.stringify(toReport(input.set, results, options, messageVi), null, 2)}\n`, stderr };
}

async function template(args: readonly string[]): Promise<CliResult> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      output: { type: "string", short: "o" },
      functions: { type: "boolean" },
      "with-sample-tasks": { type: "boolean" },
      tasks: { type: "boolean" },
      update: { type: "boolean" },
      "no-protect": { type: "boolean" },
      set: { type: "string" },
      period: { type: "string" },
      calendar: { type: "string" },
      draft: { type: "boolean" },
      ...LIMIT_OPTIONS,
    },
  });
  const limits = limitsFromArgs(values);
  if ("error" in limits) return fail(limits.error);
  const file = values.output;
  if (!file) return fail(`cần tên tệp ra: -o <tệp.xlsx>.\n${USAGE}`);
  let period: Period | undefined;
  if (values.period !== undefined) {
    period = parsePeriod(values.period);
    if (!period) return fail(`--period "${values.period}": kỳ báo cáo phải có dạng "Quý I/2026" … "Quý IV/2026" hoặc "Năm 2026".`);
  }
  const calendar = values.calendar === undefined ? undefined : parseCalendar(values.calendar);
  if (calendar && "error" in calendar) return fail(`--calendar: ${calendar.error}`);
  if (!file.toLowerCase().endsWith(".xlsx")) return fail(`${file}: tệp ra phải có đuôi .xlsx.`);
  const setWarnings: string[] = [];
  const set = await resolveSet(values.set ?? DEFAULT_SET_ID, { draft: values.draft === true, warnings: setWarnings });
  // A set that is not built in reaches the functions when the task pane opens the workbook
  // (it stores the set from the sheet "Bộ chỉ số" for them: src/functions/set-store.ts).
  const builtIn = isBuiltInSet(set.id);
  const useFunctions = values.functions === true;
  const layout = buildWorkbookLayout(set, {
    formulas: useFunctions ? "functions" : "portable",
    protect: values["no-protect"] !== true,
    ...(values["with-sample-tasks"] ? { sampleTasks: ninhThuan2022TaskList } : {}),
    ...(values.tasks ? { tasks: true } : {}),
    period: period ?? quarterOf(new Date()),
    ...(calendar ? { calendar: calendar.calendar } : {}),
  });
  let wb = new ExcelJS.Workbook();
  const exists = existsSync(file);
  // Its size and time before it is read: replaced only if nobody saved it meanwhile (src/cli/atomic-write.ts).
  const original = exists ? statSync(file) : undefined;
  let rollover: RolloverPlan | undefined;
  if (exists) {
    if (!values.update) {
      return fail(`${file} đã có. Không ghi đè: dùng --update để cập nhật mẫu tại chỗ (giữ nguyên số liệu đã nhập), hoặc chọn tên tệp khác.`);
    }
    const opened = await openXlsx(file, { limits });
    if ("error" in opened) return fail(opened.error);
    wb = opened.workbook;
    // A new period: the figures of the recorded one go to the "Kỳ trước" column first (./rollover.ts).
    if (period) {
      rollover = await planRollover(wb, file, period, values.set, limits);
      if (rollover.kind === "error") return fail(`${file}: không chuyển sang kỳ ${formatPeriod(period)} được, chưa có gì được ghi: không tính được kết quả kỳ đang ghi để lưu vào cột Kỳ trước.\n${rollover.error}`);
    }
  }
  wb.creator = "DTI Workbench";
  const result = await writeLayoutToWorkbook(wb, layout, () => (exists ? "update" : "rename"));
  // What --period and --calendar say wins over what the updated file held; without them it is kept.
  if (period) setNamedValue(wb, layout, names.period, formatPeriod(period));
  if (calendar) setNamedValue(wb, layout, names.calendar, calendarText(calendar.calendar));
  const notRolled = rollover?.kind === "roll" ? writeRollover(wb, layout.names, rollover.figures) : [];
  if (notRolled.length) return fail(`${file}: không ghi được cột Kỳ trước (mẫu không có ô ${notRolled.join(", ")}), chưa có gì được ghi.`);
  if (result.refused.length) {
    return fail(
      `${file}: không cập nhật được mẫu, chưa có gì được ghi: các tên sau không rõ trỏ tới ô nào nên không biết giữ số liệu nào:\n${result.refused.map((l) => `  - ${l}`).join("\n")}\nHãy sửa trong Excel (Công thức › Trình quản lý Tên) để mỗi tên chỉ trỏ tới một ô, rồi chạy lại.`,
    );
  }
  await writeWorkbookAtomic(wb, file, original ? { kind: "replace", original } : { kind: "create" });
  const out: string[] = [`Đã ghi ${file}:`, ...result.plan.summary.map((l) => `  - ${l}`)];
  if (exists) out.push(`  - Giữ lại ${result.preserved.length} số liệu đã nhập.`);
  const recorded = readName(wb, names.period);
  if (recorded.kind === "value" && typeof recorded.value === "string") out.push(`  - Kỳ báo cáo: ${recorded.value} (ô DTI_PERIOD, trang Thông tin chung).`);
  if (rollover?.kind === "roll") out.push(`  - ${rolloverLine(rollover.figures)}`);
  else if (rollover?.kind === "keep") out.push(`  - ${rollover.line}`);
  if (result.notPlaced.length) out.push(`  - Không đặt lại được (mẫu mới không còn ô này): ${result.notPlaced.join(", ")}.`);
  const taskSheet = result.plan.sheets.find((s) => s.sheet.role === "tasks");
  if (result.tasksNamed && taskSheet) out.push(`  - ${say({ code: "template-tasks-named", sheet: taskSheet.targetName, rows: result.tasksNamed }, "vi")}`);
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
  return { code: 0, stdout: `${out.join("\n")}\n`, stderr: `${warningLines(setWarnings)}${warningsText(set)}` };
}

/** Writes a value into the cell a layout's defined name points at (a single cell). */
function setNamedValue(wb: ExcelJS.Workbook, layout: { readonly names: readonly { name: string; sheet: string; ref: string }[] }, name: string, value: string): void {
  const at = layout.names.find((n) => n.name === name);
  if (!at) return;
  const sheet = wb.getWorksheet(at.sheet);
  if (sheet) sheet.getCell(at.ref.replace(/\$/g, "")).value = value;
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
      case "trend":
        return await trendCommand(rest);
      case "report":
        return await reportCommand(rest);
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
