/**
 * dti split FILE.xlsx --by agency -o DIR/
 * Writes one workbook per responsible agency: only its indicators and the general
 * information it needs, with the master's defined names and formulas, pre-filled with the
 * master's current values. A link to another agency's indicator becomes a plain input,
 * pre-filled with the value it links to, so the part computes on its own.
 * The master is only read. Existing files in DIR are never overwritten.
 */
import { existsSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type ExcelJS from "exceljs";
import type { TemplateMeta } from "../layout/merge";
import { formatDate } from "../catalog/calendar";
import { formatPeriod } from "../catalog/period";
import { masterCycle, splitByAgency } from "../layout/split";
import { buildPartWorkbook, readCellOf, workbookMeta, workbookNames } from "../xlsx/parts";
import { readMasterTasks, tasksUnnamed, unassignedMessage } from "../layout/part-tasks";
import { say } from "../i18n/findings";
import { fail, type CliResult } from "./result";
import { writeWorkbookAtomic, WriteError } from "./atomic-write";
import { LIMIT_OPTIONS, LIMIT_USAGE, limitsFromArgs, openXlsx } from "./open-xlsx";
import { setsKnownTo } from "./set-xlsx";

export const SPLIT_USAGE = `  npm run -s dti -- split <sổ tổng hợp.xlsx> --by agency -o <thư mục>
      Tách sổ tổng hợp thành một tệp cho mỗi cơ quan chủ trì (và cơ quan cung cấp thông tin chung):
      chỉ các chỉ số của cơ quan đó và các mục thông tin chung cần dùng, cùng tên ô và công thức
      như sổ tổng hợp, điền sẵn số liệu hiện có; kèm trang Nhiệm vụ với các nhiệm vụ cơ quan chủ trì
      (cập nhật trạng thái, tiến độ, ghi chú; "dti merge" đưa về sổ tổng hợp). Tên tệp theo cơ quan (so-tttt.xlsx, cuc-thong-ke.xlsx).
      Không ghi đè tệp đã có trong thư mục.
${LIMIT_USAGE}`;

/**
 * The indicator set, template version and part of a workbook, or why it is not a usable
 * template. A set that is not built in is found in the workbook's own set sheet.
 */
export function templateMeta(wb: ExcelJS.Workbook, file: string): TemplateMeta | { error: string } {
  const meta = workbookMeta(wb, file, setsKnownTo(wb, file));
  return "error" in meta ? { error: say(meta.error, "vi") } : meta;
}

export async function splitCommand(args: readonly string[]): Promise<CliResult> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { by: { type: "string" }, output: { type: "string", short: "o" }, ...LIMIT_OPTIONS },
  });
  const limits = limitsFromArgs(values);
  if ("error" in limits) return fail(limits.error, SPLIT_USAGE);
  const file = positionals[0];
  if (!file || positionals.length > 1) return fail("cần đúng một sổ tổng hợp (.xlsx) để tách.", SPLIT_USAGE);
  if ((values.by ?? "agency") !== "agency") return fail(`--by ${values.by}: chỉ tách được theo cơ quan (--by agency).`, SPLIT_USAGE);
  const dir = values.output;
  if (!dir) return fail("cần thư mục ra: -o <thư mục>.", SPLIT_USAGE);
  if (existsSync(dir) && !statSync(dir).isDirectory()) return fail(`${dir}: đã có một tệp cùng tên; -o phải là một thư mục.`);
  const opened = await openXlsx(file, { limits });
  if ("error" in opened) return fail(opened.error);
  const master = opened.workbook;
  const meta = templateMeta(master, file);
  if ("error" in meta) return fail(meta.error);
  if (meta.agency !== undefined) return fail(`${file} là phần của ${meta.agency} (tách từ ${meta.master ?? "sổ tổng hợp"}), không phải sổ tổng hợp; hãy tách từ sổ tổng hợp.`);
  const { set } = meta;
  const plan = splitByAgency(set);
  const masterName = path.basename(file);
  const targets = plan.parts.map((p) => path.join(dir, p.fileName));
  const taken = targets.filter((t) => existsSync(t));
  if (taken.length) return fail(`đã có ${taken.join(", ")}. Không ghi đè: hãy chọn thư mục khác hoặc chuyển các tệp này đi.`);
  mkdirSync(dir, { recursive: true });
  const lines = [`Đã tách ${file} thành ${plan.parts.length} tệp trong ${dir}:`];
  const cycle = masterCycle(readCellOf(master));
  lines.push(
    cycle.period && cycle.dueDate
      ? `  - Kỳ báo cáo ${formatPeriod(cycle.period)}; hạn các cơ quan gửi Sở TTTT: ${formatDate(cycle.dueDate)} (ghi ở đầu mỗi tệp, ô DTI_DUE_DATE).`
      : "  - Sổ tổng hợp chưa ghi kỳ báo cáo (ô DTI_PERIOD, trang Thông tin chung): các tệp không mang kỳ và hạn gửi.",
  );
  // The master's task rows travel by name (src/layout/part-tasks.ts); a master made before they had names says what to do.
  const masterNames = workbookNames(master);
  const warnings: string[] = [...(cycle.warnings ?? []).map((w) => `${file}: ${say(w, "vi")}`)];
  if (tasksUnnamed(masterNames)) warnings.push(say({ code: "split-tasks-unnamed", file }, "vi"));
  const masterTasks = readMasterTasks(readCellOf(master), masterNames);
  const stderr = warnings.map((w) => `Cảnh báo: ${w}\n`).join("");
  for (const [n, part] of plan.parts.entries()) {
    const filled = await buildPartWorkbook(set, part, masterName, meta.formulas, readCellOf(master), masterTasks);
    try {
      await writeWorkbookAtomic(filled.workbook, targets[n] as string);
    } catch (e) {
      // Each part is whole or absent; say which ones are already there, so a rerun can be planned.
      if (!(e instanceof WriteError)) throw e;
      const written = plan.parts.slice(0, n).map((p) => p.fileName);
      return fail(`${e.message}${written.length ? ` Đã ghi trước đó (vẫn còn trong ${dir}): ${written.join(", ")}.` : ""}`);
    }
    const what = [
      part.indicators.length ? `${part.indicators.length} chỉ số chủ trì` : "không chủ trì chỉ số nào",
      part.ownInfoItems.length ? `cung cấp thông tin chung mục ${part.ownInfoItems.join(", ")}` : "",
      filled.placed.length ? `điền sẵn ${filled.placed.length} số liệu` : "",
      filled.tasks ? say({ code: "split-part-tasks", count: filled.tasks }, "vi") : "",
    ].filter(Boolean);
    lines.push(`  - ${part.fileName}: ${part.agency} — ${what.join("; ")}.`);
  }
  if (plan.unassigned.length) lines.push(`  - Lưu ý: chỉ số không ghi cơ quan chủ trì, không có trong tệp nào: ${plan.unassigned.join(", ")}.`);
  const leftTasks = unassignedMessage(masterTasks, plan.parts);
  if (leftTasks) lines.push(`  - Lưu ý: ${say(leftTasks, "vi")}`);
  lines.push(`Gửi mỗi cơ quan tệp của mình; khi nhận lại, gộp bằng: dti merge ${file} ${path.join(dir, "*.xlsx")} -o <tệp ra.xlsx>`);
  return { code: 0, stdout: `${lines.join("\n")}\n`, stderr };
}
