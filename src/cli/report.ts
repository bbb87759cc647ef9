/**
 * dti report MASTER.xlsx -o bao-cao.xlsx [--today YYYY-MM-DD] [--json]
 * The quarterly report Sở TTTT sends the Ban Điều hành (issue 11 point 7), compiled from the
 * master workbook: the period, the figures against the previous period, the targets and the
 * published result, each responsible agency's indicators, tasks and part, and the open problems
 * (src/layout/quarterly-report.ts, src/layout/report-book.ts). The master is only read.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_CALENDAR, formatDate, parseCalendar, type CalendarDate } from "../catalog/calendar";
import { formatPeriod } from "../catalog/period";
import { scoreUnits } from "../engine/score";
import type { UnitResult } from "../engine/types";
import { findingText } from "../i18n/findings";
import { names, sheetNames } from "../layout/names";
import { buildQuarterlyReport, mergeLogFromGrid, tasksFromGrid, type QuarterlyReport } from "../layout/quarterly-report";
import { MERGE_LOG_SHEET } from "../layout/merge-log";
import { readInputs } from "../layout/read-inputs";
import { buildReportBook, INDICATOR_STATE_LABEL, PART_STATE_LABEL, PROBLEM_LABEL, problemText, REPORT_SHEETS } from "../layout/report-book";
import { validateWorkbook, type Finding } from "../layout/validate";
import { reportWorkbook, sheetGrid } from "../xlsx/report-book";
import { writeWorkbookAtomic } from "./atomic-write";
import { LIMIT_OPTIONS, LIMIT_USAGE, limitsFromArgs, openXlsx } from "./open-xlsx";
import { fail, type CliResult } from "./result";
import { scoreWorkbookFile } from "./score-file";
import { templateMeta } from "./split";
import { readName } from "./xlsx";

export const REPORT_USAGE = `  npm run -s dti -- report <sổ tổng hợp.xlsx> -o <bao-cao-quy-III-2026.xlsx> [--today 2026-09-30] [--json]
      Lập báo cáo quý Sở TTTT gửi Ban Điều hành: kỳ báo cáo; tổng điểm, chỉ số DTI và từng chỉ số chính so với
      kỳ trước, chỉ tiêu và kết quả Bộ công bố; theo từng cơ quan chủ trì: chỉ số (đủ / thiếu số liệu / không hợp
      lệ / thiếu tài liệu kiểm chứng), nhiệm vụ (hoàn thành / đúng tiến độ / quá hạn tại hạn báo cáo của Sở TTTT),
      số liệu gửi đúng hạn hay muộn (theo Nhật ký gộp); danh sách vấn đề cần xử lý. Số liệu bằng "dti score".
      -o <tệp.xlsx>        ghi báo cáo ra sổ Excel (không ghi đè tệp đã có)
      --today YYYY-MM-DD   ngày lập báo cáo (mặc định hôm nay): để biết phần nào chưa nhận đã quá hạn
      --json               in báo cáo dạng JSON
${LIMIT_USAGE}`;

function parseDay(text: string): CalendarDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(text.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  return { year, month, day };
}

/** The JSON `--json` prints: figures unrounded, as `dti score` prints them. */
export function reportJson(r: QuarterlyReport, text: (f: Finding) => string): unknown {
  const total = r.figures.find((f) => f.id === "total");
  return {
    unit: r.unit,
    indicatorSet: r.setId,
    period: formatPeriod(r.period),
    calendar: r.calendar.name,
    agenciesDue: formatDate(r.agenciesDue),
    coordinatorDue: formatDate(r.coordinatorDue),
    tasksAsOf: formatDate(r.tasksAsOf),
    today: formatDate(r.today),
    total: r.summary.total,
    maxTotal: r.summary.maxTotal,
    index: r.summary.index,
    indexDisplay: r.summary.indexDisplay,
    mainIndexes: Object.fromEntries(r.summary.pillars.map((p) => [p.id, p.score])),
    lastPeriod: r.lastPeriod,
    figures: r.figures.map((f) => ({ id: f.id, score: f.score, maxPoints: f.maxPoints, index: f.index, last: f.last, target: f.target, published: f.published, incomplete: f.incomplete.length })),
    ...(total?.lastIndex !== undefined ? { lastIndex: total.lastIndex } : {}),
    agencies: r.agencies.map((a) => ({
      agency: a.agency,
      part: a.hasPart ? a.part.state : null,
      ...(a.part.first ? { firstMerged: formatDate(a.part.first) } : {}),
      indicators: a.indicators.map((i) => ({ id: i.id, score: i.score, state: i.state })),
      tasks: { done: a.tasks.filter((t) => t.state === "done").length, onTrack: a.tasks.filter((t) => t.state === "on-track").length, overdue: a.tasks.filter((t) => t.state === "overdue").length },
    })),
    problems: r.problems.map((p) => ({
      kind: p.kind,
      label: PROBLEM_LABEL[p.kind],
      agencies: "agency" in p ? [p.agency] : p.agencies,
      ...("indicator" in p && p.indicator !== undefined ? { indicator: p.indicator } : {}),
      ...("task" in p ? { task: p.task.task, row: p.task.row } : {}),
      text: problemText(p, text).says,
    })),
  };
}

/** A few lines for the terminal. */
function reportText(r: QuarterlyReport): string {
  const lines = [
    `Báo cáo ${formatPeriod(r.period)} — ${r.unit}: tổng ${String(r.summary.total).replace(".", ",")}/${r.summary.maxTotal} điểm, chỉ số DTI ${r.summary.indexDisplay}.`,
    `Hạn các cơ quan gửi Sở TTTT: ${formatDate(r.agenciesDue)}; hạn Sở TTTT báo cáo: ${formatDate(r.coordinatorDue)} (lịch ${r.calendar.name}); nhiệm vụ xét tại ngày ${formatDate(r.tasksAsOf)}.`,
  ];
  for (const a of r.agencies) {
    const scored = a.indicators.filter((i) => i.state !== "unscored");
    const bad = scored.filter((i) => i.state !== "complete");
    const overdue = a.tasks.filter((t) => t.state === "overdue").length;
    const what = [
      a.hasPart ? `số liệu: ${PART_STATE_LABEL[a.part.state].toLocaleLowerCase("vi")}` : "",
      scored.length ? `${scored.length - bad.length}/${scored.length} chỉ số đủ` : "",
      ...[...new Set(bad.map((i) => i.state))].map((s) => `${bad.filter((i) => i.state === s).length} ${INDICATOR_STATE_LABEL[s].toLocaleLowerCase("vi")}`),
      a.tasks.length ? `${a.tasks.length} nhiệm vụ${overdue ? `, ${overdue} quá hạn` : ""}` : "",
    ].filter(Boolean);
    lines.push(`  - ${a.agency}: ${what.join("; ")}.`);
  }
  lines.push(`Vấn đề cần xử lý: ${r.problems.length}.`);
  return `${lines.join("\n")}\n`;
}

export async function reportCommand(args: readonly string[], now: () => Date = () => new Date()): Promise<CliResult> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { output: { type: "string", short: "o" }, json: { type: "boolean" }, today: { type: "string" }, set: { type: "string" }, ...LIMIT_OPTIONS },
  });
  const limits = limitsFromArgs(values);
  if ("error" in limits) return fail(limits.error, REPORT_USAGE);
  const file = positionals[0];
  if (!file || positionals.length > 1) return fail("cần đúng một sổ tổng hợp (.xlsx).", REPORT_USAGE);
  const out = values.output;
  if (out === undefined && !values.json) return fail("cần tên tệp ra: -o <bao-cao.xlsx> (hoặc --json để in báo cáo).", REPORT_USAGE);
  if (out !== undefined) {
    if (!out.toLowerCase().endsWith(".xlsx")) return fail(`${out}: tệp ra phải có đuôi .xlsx.`);
    if (existsSync(out)) return fail(`${out} đã có. Không ghi đè: hãy chọn tên tệp khác.`);
  }
  let today: CalendarDate;
  if (values.today !== undefined) {
    const parsed = parseDay(values.today);
    if (!parsed) return fail(`--today "${values.today}": ngày phải có dạng YYYY-MM-DD, ví dụ 2026-09-30.`);
    today = parsed;
  } else {
    const d = now();
    today = { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() };
  }
  if (!file.toLowerCase().endsWith(".xlsx")) return fail(`${file}: chỉ đọc được sổ tổng hợp .xlsx theo mẫu DTI.`);

  const opened = await openXlsx(file, { valuesOnly: true, limits });
  if ("error" in opened) return fail(opened.error);
  const wb = opened.workbook;
  const meta = templateMeta(wb, file);
  if ("error" in meta) return fail(meta.error);
  if (meta.agency !== undefined) {
    return fail(`${file} là phần số liệu của ${meta.agency} (tách từ ${meta.master ?? "sổ tổng hợp"}), không phải sổ tổng hợp. Báo cáo quý lập từ sổ tổng hợp, sau khi gộp các phần: dti merge <sổ tổng hợp.xlsx> <các phần.xlsx> -o <sổ tổng hợp.xlsx>.`);
  }
  // The figures exactly as `dti score` computes them on this file.
  const scored = await scoreWorkbookFile(file, {}, values.set, limits);
  if ("error" in scored) return fail(scored.error);
  if ("fatal" in scored) return { code: 1, stdout: "", stderr: `${scored.fatal.join("\n")}\n` };
  if (scored.period.kind !== "period") {
    return fail(
      scored.period.kind === "none"
        ? `${file}: sổ không ghi kỳ báo cáo (ô DTI_PERIOD, trang Thông tin chung). Chọn kỳ trong ô đó, hoặc cập nhật mẫu: npm run -s dti -- template --update --period "Quý III/2026" -o ${file}`
        : `${file}: ô ${scored.period.where} (DTI_PERIOD) ghi "${scored.period.text}", không phải một kỳ báo cáo ("Quý I/2026" … "Quý IV/2026" hoặc "Năm 2026").`,
    );
  }
  const { set } = scored;
  const get = (name: string) => readName(wb, name);
  const read = readInputs(set, get, path.basename(file, path.extname(file)));
  const [again] = scoreUnits(set, [read.unit], scored.options);
  const result = again as UnitResult;
  const warnings = [...scored.lines];
  const calendarCell = get(names.calendar);
  const calendarText = calendarCell.kind === "value" && typeof calendarCell.value === "string" ? calendarCell.value : "";
  const calendar = parseCalendar(calendarText);
  if ("error" in calendar) warnings.push(`Cảnh báo: ${file}: ô DTI_CALENDAR: ${calendar.error} Dùng lịch ${DEFAULT_CALENDAR.name}.`);
  // The tasks sheet is the one DTI_TASKS_REPORT_DATE sits on (users may rename it), else "Nhiệm vụ".
  const dateCell = get(names.tasksReportDate);
  const tasksSheet = wb.getWorksheet(dateCell.kind === "value" && dateCell.sheet !== undefined ? dateCell.sheet : sheetNames(0).tasks);
  const logSheet = wb.getWorksheet(MERGE_LOG_SHEET);
  const text = (f: Finding): string => findingText(f, "vi");
  const report = buildQuarterlyReport({
    set,
    read,
    result,
    options: scored.options,
    validation: validateWorkbook(set, read, result),
    period: scored.period.period,
    calendar: "error" in calendar ? DEFAULT_CALENDAR : calendar.calendar,
    tasks: tasksSheet ? tasksFromGrid(sheetGrid(tasksSheet)) : null,
    log: logSheet ? mergeLogFromGrid(sheetGrid(logSheet)) : null,
    today,
  });
  if (out !== undefined) await writeWorkbookAtomic(await reportWorkbook(buildReportBook(report, text)), out);
  const stderr = warnings.length ? `${warnings.join("\n")}\n` : "";
  const written = out !== undefined ? `\nĐã ghi ${out}: các trang ${Object.values(REPORT_SHEETS).map((s) => `"${s}"`).join(", ")}.\n` : "";
  const stdout = values.json ? `${JSON.stringify(reportJson(report, text), null, 2)}\n` : `${reportText(report)}${written}`;
  return { code: 0, stdout, stderr };
}
