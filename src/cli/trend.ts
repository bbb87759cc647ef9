/**
 * dti trend FILES… [-o trend.xlsx] [--json]
 * One unit's workbooks from several reporting periods, in period order: each period's total,
 * index and main-index points, the change from the period before, and how many indicators
 * could not be scored (skipped, never counted as 0). Every figure is what `dti score` reports
 * on that workbook.
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import type Decimal from "decimal.js";
import ExcelJS from "exceljs";
import { formatPeriod } from "../catalog/period";
import { formatIndexVi } from "../engine/rules";
import { buildTrend, trendJson, type Trend, type TrendEntry } from "../engine/trend";
import { buildTrendBook } from "../layout/trend-book";
import { writeWorkbookAtomic } from "./atomic-write";
import { LIMIT_OPTIONS, LIMIT_USAGE, limitsFromArgs } from "./open-xlsx";
import { fail, type CliResult } from "./result";
import { scoreWorkbookFile } from "./score-file";
import { writeSheets } from "./xlsx";

export const TREND_USAGE = `  npm run -s dti -- trend <sổ kỳ 1.xlsx> <sổ kỳ 2.xlsx> … [-o <xu-huong.xlsx>] [--json]
      So sánh các kỳ báo cáo của một đơn vị: tổng điểm, chỉ số DTI, điểm từng chỉ số chính và mức thay đổi
      so với kỳ trước, theo thứ tự kỳ (ô DTI_PERIOD của mỗi sổ). Chỉ số chưa tính được điểm được đếm, không tính là 0.
      -o <tệp.xlsx>  ghi bảng ra một sổ Excel (không ghi đè tệp đã có);  --json  in JSON
${LIMIT_USAGE}`;

const signed = (d: Decimal, digits: number): string => `${d.isNegative() ? "−" : d.isZero() ? "±" : "+"}${d.abs().toFixed(digits).replace(".", ",")}`;
const points = (d: Decimal): string => d.toDecimalPlaces(2).toString().replace(".", ",");

/** The table, as text: one line per period. */
function trendText(trend: Trend): string {
  const ids = [...(trend.rows[0]?.mainIndexes.keys() ?? [])];
  const lines = [`Đơn vị: ${trend.unit} — bộ chỉ số ${trend.setId}`, ""];
  for (const r of trend.rows) {
    const change = r.change ? ` (${signed(r.change.total, 2)} điểm, ${signed(r.change.index, 4)})` : "";
    lines.push(`${formatPeriod(r.period)}: tổng ${points(r.total)} điểm, chỉ số DTI ${formatIndexVi(r.index)}${change} — ${r.file}`);
    const mains = ids.map((id) => {
      const d = r.change?.mainIndexes.get(id);
      return `${id} ${points(r.mainIndexes.get(id) as Decimal)}${d ? ` (${signed(d, 2)})` : ""}`;
    });
    lines.push(`    ${mains.join("; ")}`);
    if (r.incomplete.length) lines.push(`    ${r.incomplete.length} chỉ số chưa tính được điểm, không cộng vào tổng: ${r.incomplete.join(", ")}`);
  }
  return `${lines.join("\n")}\n`;
}

/** The same table as a workbook (layout/trend-book.ts), never over an existing file. */
async function writeTrendBook(trend: Trend, file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "DTI Workbench";
  await writeSheets(wb, [buildTrendBook(trend)]);
  await writeWorkbookAtomic(wb, file);
}

export async function trendCommand(args: readonly string[]): Promise<CliResult> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { output: { type: "string", short: "o" }, json: { type: "boolean" }, set: { type: "string" }, ...LIMIT_OPTIONS },
  });
  const limits = limitsFromArgs(values);
  if ("error" in limits) return fail(limits.error, TREND_USAGE);
  if (positionals.length === 0) return fail("cần ít nhất một sổ (.xlsx), mỗi sổ một kỳ báo cáo.", TREND_USAGE);
  const out = values.output;
  if (out !== undefined) {
    if (!out.toLowerCase().endsWith(".xlsx")) return fail(`${out}: tệp ra phải có đuôi .xlsx.`);
    if (existsSync(out)) return fail(`${out} đã có. Không ghi đè: hãy chọn tên tệp khác.`);
  }
  const entries: TrendEntry[] = [];
  const warnings: string[] = [];
  const errors: string[] = [];
  for (const file of positionals) {
    if (!file.toLowerCase().endsWith(".xlsx")) {
      errors.push(`${file}: chỉ đọc được sổ .xlsx theo mẫu DTI.`);
      continue;
    }
    const scored = await scoreWorkbookFile(file, {}, values.set, limits);
    if ("error" in scored) errors.push(scored.error);
    else if ("fatal" in scored) errors.push(...scored.fatal.map((l) => l.replace(/^Lỗi: /u, "")));
    else if (scored.period.kind !== "period") {
      errors.push(
        scored.period.kind === "none"
          ? `${file}: sổ không ghi kỳ báo cáo (ô DTI_PERIOD, trang Thông tin chung). Chọn kỳ trong ô đó, hoặc cập nhật mẫu: npm run -s dti -- template --update --period "Quý III/2026" -o ${file}`
          : `${file}: ô ${scored.period.where} (DTI_PERIOD) ghi "${scored.period.text}", không phải một kỳ báo cáo ("Quý I/2026" … "Quý IV/2026" hoặc "Năm 2026").`,
      );
    } else {
      warnings.push(...scored.lines);
      entries.push({ file, period: scored.period.period, setId: scored.set.id, result: scored.result });
    }
  }
  if (errors.length) return { code: 1, stdout: "", stderr: errors.map((e) => `Lỗi: ${e}\n`).join("") };
  const trend = buildTrend(entries);
  if ("errors" in trend) return { code: 1, stdout: "", stderr: trend.errors.map((e) => `Lỗi: ${e}\n`).join("") };
  const stderr = warnings.length ? `${warnings.join("\n")}\n` : "";
  if (out !== undefined) await writeTrendBook(trend, out);
  const stdout = values.json ? `${JSON.stringify(trendJson(trend), null, 2)}\n` : `${trendText(trend)}${out !== undefined ? `\nĐã ghi ${out}.\n` : ""}`;
  return { code: 0, stdout, stderr };
}
