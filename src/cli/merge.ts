/**
 * dti merge MASTER.xlsx PARTS… -o OUT.xlsx
 * Fills a copy of the master with the values the agencies typed into their parts (written
 * by dti split), matched by defined name. Nothing is resolved silently:
 *   - the same name filled differently in two parts is a conflict: not written, listed;
 *   - a value a part holds outside its agency's assignment is listed, not written;
 *   - agencies whose part was not given are listed;
 *   - files that are not parts of this master's set and version, corrupt or not .xlsx are
 *     named and skipped.
 * The master is only read; OUT must not exist.
 * Exit 0: clean; 2: written, but something is listed (conflict, skipped file, missing part,
 * value outside the assignment); 1: nothing could be merged (no usable part, unreadable
 * master, bad arguments), OUT not written.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { mergeIssueCount, mergeParts, showValue, type MergePartInput } from "../layout/merge";
import { partInput, readCellOf } from "../xlsx/parts";
import type { CliResult } from "./main";
import { LIMIT_OPTIONS, LIMIT_USAGE, limitsFromArgs, openXlsx } from "./open-xlsx";
import { setsKnownTo } from "./set-xlsx";
import { fail, templateMeta } from "./split";
import { writeNamedValues } from "./xlsx";

export const MERGE_USAGE = `  npm run -s dti -- merge <sổ tổng hợp.xlsx> <tệp phần.xlsx>… -o <tệp ra.xlsx>
      Gộp các tệp phần (do "dti split" tách, các cơ quan đã điền) vào một bản sao của sổ tổng hợp,
      theo tên ô. Không sửa sổ tổng hợp; không ghi đè tệp ra đã có.
      Liệt kê, không tự xử lý: xung đột (cùng ô, hai phần điền khác nhau), cơ quan chưa gửi phần,
      số liệu ngoài phân công, tệp hỏng hoặc không thuộc bộ chỉ số/phiên bản của sổ tổng hợp.
${LIMIT_USAGE}                         tệp phần vượt giới hạn bị bỏ qua (mã thoát 2), sổ tổng hợp vượt giới hạn: mã thoát 1
      Mã thoát: 0 gộp sạch; 2 đã gộp nhưng có mục cần xem; 1 không gộp được gì.
`;

export async function mergeCommand(args: readonly string[]): Promise<CliResult> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { output: { type: "string", short: "o" }, ...LIMIT_OPTIONS },
  });
  const limits = limitsFromArgs(values);
  if ("error" in limits) return fail(limits.error, MERGE_USAGE);
  const [masterFile, ...partFiles] = positionals;
  if (!masterFile || partFiles.length === 0) return fail("cần sổ tổng hợp và ít nhất một tệp phần.", MERGE_USAGE);
  const out = values.output;
  if (!out) return fail("cần tên tệp ra: -o <tệp.xlsx>.", MERGE_USAGE);
  if (!out.toLowerCase().endsWith(".xlsx")) return fail(`${out}: tệp ra phải có đuôi .xlsx.`);
  if (existsSync(out)) return fail(`${out} đã có. Không ghi đè: hãy chọn tên tệp ra khác (sổ tổng hợp không bao giờ bị sửa).`);
  const opened = await openXlsx(masterFile, { limits });
  if ("error" in opened) return fail(opened.error);
  const master = opened.workbook;
  const meta = templateMeta(master, masterFile);
  if ("error" in meta) return fail(meta.error);
  if (meta.agency !== undefined) return fail(`${masterFile} là phần của ${meta.agency}, không phải sổ tổng hợp; tệp đầu tiên phải là sổ tổng hợp.`);

  const parts: MergePartInput[] = [];
  for (const file of partFiles) {
    const got = await openXlsx(file, { limits });
    if ("error" in got) {
      parts.push({ file, opened: { error: { vi: got.error, en: got.error } } });
      continue;
    }
    // A set that is not built in: the part carries it, or (a part with no indicator sheet) it is the master's.
    const known = setsKnownTo(got.workbook, file);
    parts.push(partInput(got.workbook, file, (id) => known(id) ?? (id === meta.set.id ? meta.set : undefined)));
  }
  // Every value is classified before anything is written (src/layout/merge.ts).
  const r = mergeParts({ set: meta.set, version: meta.version, formulas: meta.formulas, name: path.basename(masterFile), read: readCellOf(master) }, parts);
  const skipped = r.skipped.map((s) => s.vi);
  if (r.used === 0) {
    return { code: 1, stdout: "", stderr: `${["Lỗi: không có tệp phần nào dùng được; không ghi tệp ra.", ...skipped.map((s) => `Bỏ qua tệp: ${s}`)].join("\n")}\n` };
  }
  const writes = new Map(r.writes.map((w) => [w.name, w.value]));
  // The core already left out what the master cannot take; anything refused here is listed too.
  const notWritten = writeNamedValues(master, writes);
  const failed = [
    ...r.failed.map((f) => f.vi),
    ...notWritten.map((n) => {
      const w = r.writes.find((x) => x.name === n);
      return `${w?.label.vi ?? n} = ${showValue(w?.value).vi} từ ${w?.file ?? ""}: ô trong sổ tổng hợp đã bị xóa hoặc là công thức.`;
    }),
  ];

  await master.xlsx.writeFile(out);
  const written = writes.size - notWritten.length;
  const lines = [
    `Đã gộp ${r.used}/${partFiles.length} tệp phần vào ${out} (không sửa ${masterFile}); đã ghi ${written} giá trị.`,
    ...r.notes.map((n) => n.vi),
    ...skipped.map((s) => `Bỏ qua tệp: ${s}`),
    ...r.conflicts.map((c) => `Xung đột, không ghi: ${c.text.vi}`),
    ...r.missing.map((m) => `Thiếu phần: ${m.vi}`),
    ...r.outside.map((o) => `Ngoài phân công, không ghi: ${o.vi}`),
    ...r.links.map((l) => `Khác ô liên kết: ${l.vi}`),
    ...failed.map((f) => `Không ghi được: ${f}`),
  ];
  const issues = mergeIssueCount(r) + notWritten.length;
  const counts = [
    r.conflicts.length ? `${r.conflicts.length} xung đột` : "",
    skipped.length ? `${skipped.length} tệp bỏ qua` : "",
    r.missing.length ? `${r.missing.length} cơ quan chưa có phần` : "",
    r.outside.length ? `${r.outside.length} giá trị ngoài phân công` : "",
    r.links.length ? `${r.links.length} ô liên kết khác` : "",
    failed.length ? `${failed.length} giá trị không ghi được` : "",
  ].filter(Boolean);
  lines.push(issues ? `Cần xem lại: ${counts.join(", ")}.` : "Gộp sạch: không có xung đột, không thiếu phần, không có giá trị ngoài phân công.");
  return { code: issues ? 2 : 0, stdout: `${lines.join("\n")}\n`, stderr: issues ? `Cảnh báo: ${counts.join(", ")} (xem báo cáo).\n` : "" };
}
