/**
 * dti merge MASTER.xlsx PARTS… -o OUT.xlsx
 * Fills a copy of the master with the values the agencies typed into their parts (written
 * by dti split), matched by defined name. Nothing is resolved silently:
 *   - the same name filled differently in two parts is a conflict: not written, listed;
 *   - a value a part holds outside its agency's assignment is listed, not written;
 *   - agencies whose part was not given are listed; two parts of one agency are a review item;
 *   - files that are not parts of this master's set and version, corrupt or not .xlsx are
 *     named and skipped;
 *   - every master value replaced is listed, old → new;
 *   - a formula typed into a part's input cell is listed (file, cell, name, formula, computed
 *     value) and its value written only with --accept-formulas; never the formula itself;
 *   - a value an agency cleared is listed and cleared in OUT only with --accept-cleared.
 * The master is only read; OUT must not exist.
 * Exit 0: clean; 2: written, but something is listed (conflict, skipped file, missing part,
 * value outside the assignment, a formula or clearing not accepted, an agency given twice);
 * 1: nothing could be merged (no usable part, unreadable master, bad arguments), OUT not written.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { acceptedWrites, mergeIssueCount, mergeParts, type MergeAccept, type MergePartInput } from "../layout/merge";
import { mergeWithText, nameText, replacedText, showValue } from "../i18n/merge-text";
import { logTime, MERGE_LOG_SHEET, mergeLogRows } from "../layout/merge-log";
import { names } from "../layout/names";
import { appendMergeLog } from "../xlsx/merge-log";
import { partInput, readCellOf } from "../xlsx/parts";
import { fail, type CliResult } from "./result";
import { writeWorkbookAtomic } from "./atomic-write";
import { LIMIT_OPTIONS, LIMIT_USAGE, limitsFromArgs, openXlsx } from "./open-xlsx";
import { setsKnownTo } from "./set-xlsx";
import { templateMeta } from "./split";
import { writeNamedValues } from "./xlsx";

export const MERGE_USAGE = `  npm run -s dti -- merge <sổ tổng hợp.xlsx> <tệp phần.xlsx>… -o <tệp ra.xlsx> [--accept-formulas] [--accept-cleared] [--accept-period]
      Gộp các tệp phần (do "dti split" tách, các cơ quan đã điền) vào một bản sao của sổ tổng hợp,
      theo tên ô. Không sửa sổ tổng hợp; không ghi đè tệp ra đã có.
      Liệt kê, không tự xử lý: xung đột (cùng ô, hai phần điền khác nhau), cơ quan chưa gửi phần,
      cơ quan gửi nhiều tệp phần, số liệu ngoài phân công, tệp hỏng hoặc không thuộc bộ chỉ
      số/phiên bản của sổ tổng hợp. Mỗi giá trị cũ của sổ tổng hợp bị thay được liệt kê (cũ → mới).
      Trạng thái, tiến độ, ghi chú của các nhiệm vụ cơ quan chủ trì (trang Nhiệm vụ của tệp phần)
      được gộp theo cùng quy tắc như số liệu.
      --accept-formulas  ghi giá trị đã tính của công thức cơ quan gõ vào ô nhập liệu (không ghi
                         công thức). Không có tùy chọn này: công thức được liệt kê, không ghi.
                         Công thức chưa được tính (tệp không lưu giá trị) không bao giờ được ghi.
      --accept-cleared   xóa trong tệp ra các ô cơ quan đã xóa (ô của cơ quan để trống trong tệp
                         phần trong khi sổ tổng hợp có giá trị). Không có tùy chọn này: giữ giá
                         trị cũ, liệt kê ô đó.
      --accept-period    gộp cả tệp phần của kỳ báo cáo khác kỳ của sổ tổng hợp (ô DTI_PERIOD). Không có
                         tùy chọn này: tệp đó được liệt kê, không gộp. Phần gộp sau hạn gửi (DTI_DUE_DATE)
                         được ghi "Nộp muộn", vẫn gộp.
${LIMIT_USAGE}                         tệp phần vượt giới hạn bị bỏ qua (mã thoát 2), sổ tổng hợp vượt giới hạn: mã thoát 1
      Mã thoát: 0 gộp sạch; 2 đã gộp nhưng có mục cần xem (kể cả công thức hoặc ô đã xóa chưa
      được chấp nhận); 1 không gộp được gì (không ghi tệp ra).
`;

export async function mergeCommand(args: readonly string[]): Promise<CliResult> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      output: { type: "string", short: "o" },
      "accept-formulas": { type: "boolean" },
      "accept-cleared": { type: "boolean" },
      "accept-period": { type: "boolean" },
      ...LIMIT_OPTIONS,
    },
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
  const now = new Date();
  const r = mergeWithText(
    mergeParts(
      {
        set: meta.set,
        version: meta.version,
        formulas: meta.formulas,
        name: path.basename(masterFile),
        read: readCellOf(master),
        acceptPeriod: values["accept-period"] === true,
        today: { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() },
      },
      parts,
    ),
  );
  const skipped = r.skipped.map((s) => s.vi);
  if (r.used === 0) {
    return { code: 1, stdout: "", stderr: `${["Lỗi: không có tệp phần nào dùng được; không ghi tệp ra.", ...skipped.map((s) => `Bỏ qua tệp: ${s}`)].join("\n")}\n` };
  }
  // OUT is a new file (the master is never modified), so the agencies' values replace the
  // master's, each one listed; formulas and clearings only with the user's consent.
  const accept: MergeAccept = { overwrite: true, formulas: values["accept-formulas"] === true, cleared: values["accept-cleared"] === true };
  const chosen = acceptedWrites(r, accept);
  const writes = new Map(chosen.map((w) => [w.name, w.value]));
  // The core already left out what the master cannot take; anything refused here is listed too.
  const notWritten = writeNamedValues(master, writes);
  const refused = new Set(notWritten);
  const failed = [
    ...r.failed.map((f) => f.vi),
    ...notWritten.map((n) => {
      const w = r.writes.find((x) => x.name === n);
      return `${w ? nameText(w.label).vi : n} = ${showValue(w?.value).vi} từ ${w?.file ?? ""}: ô trong sổ tổng hợp đã bị xóa hoặc là công thức.`;
    }),
  ];
  const replaced = chosen.filter((w) => w.overwrites && !refused.has(w.name));
  const formulaLine = (f: (typeof r.formulas)[number]): string => {
    if (!f.acceptable || refused.has(f.name)) return `Công thức, không ghi: ${f.text.vi}`;
    if (!accept.formulas) return `Công thức, không ghi: ${f.text.vi} Muốn ghi giá trị đã tính (không ghi công thức): thêm --accept-formulas.`;
    return `Công thức, đã ghi giá trị đã tính (không ghi công thức): ${f.text.vi}`;
  };
  const clearedLine = (c: (typeof r.cleared)[number]): string => {
    if (!c.acceptable || refused.has(c.name)) return `Đã xóa trong tệp phần, không xóa trong tệp ra: ${c.text.vi}`;
    if (!accept.cleared) return `Đã xóa trong tệp phần, giữ giá trị cũ: ${c.text.vi} Muốn xóa cả trong tệp ra: thêm --accept-cleared.`;
    return `Đã xóa trong tệp phần, đã xóa trong tệp ra: ${c.text.vi}`;
  };

  // Nhật ký gộp: one row per value written, old and new, so nothing overwritten is forgotten.
  const periodCell = readCellOf(master)(names.period);
  const period = periodCell.kind === "value" && typeof periodCell.value === "string" ? periodCell.value : "";
  const logged = await appendMergeLog(master, mergeLogRows(chosen.filter((w) => !refused.has(w.name)), logTime(now), period));
  await writeWorkbookAtomic(master, out);
  const written = writes.size - notWritten.length;
  const lines = [
    `Đã gộp ${r.used}/${partFiles.length} tệp phần vào ${out} (không sửa ${masterFile}); đã ghi ${written} giá trị.`,
    ...(logged ? [`Nhật ký gộp: thêm ${logged} dòng (trang "${MERGE_LOG_SHEET}" của ${out}: thời gian, kỳ, cơ quan, tệp, tên ô, giá trị cũ → mới).`] : []),
    ...r.notes.map((n) => n.vi),
    ...r.duplicates.map((d) => `Một cơ quan, nhiều tệp: ${d.vi}`),
    ...skipped.map((s) => `Bỏ qua tệp: ${s}`),
    ...replaced.map((w) => `Thay giá trị cũ: ${replacedText(w).vi}`),
    ...r.formulas.map(formulaLine),
    ...r.cleared.map(clearedLine),
    ...r.conflicts.map((c) => `Xung đột, không ghi: ${c.text.vi}`),
    ...r.missing.map((m) => `Thiếu phần: ${m.vi}`),
    ...r.outside.map((o) => `Ngoài phân công, không ghi: ${o.vi}`),
    ...r.links.map((l) => `Khác ô liên kết: ${l.vi}`),
    ...failed.map((f) => `Không ghi được: ${f}`),
  ];
  const issues = mergeIssueCount(r, accept) + notWritten.length;
  const openFormulas = r.formulas.filter((f) => !(f.acceptable && accept.formulas)).length;
  const openCleared = r.cleared.filter((c) => !(c.acceptable && accept.cleared)).length;
  const counts = [
    r.conflicts.length ? `${r.conflicts.length} xung đột` : "",
    openFormulas ? `${openFormulas} công thức trong ô nhập liệu` : "",
    openCleared ? `${openCleared} ô cơ quan đã xóa` : "",
    r.duplicates.length ? `${r.duplicates.length} cơ quan gửi nhiều tệp` : "",
    skipped.length ? `${skipped.length} tệp bỏ qua` : "",
    r.missing.length ? `${r.missing.length} cơ quan chưa có phần` : "",
    r.outside.length ? `${r.outside.length} giá trị ngoài phân công` : "",
    r.links.length ? `${r.links.length} ô liên kết khác` : "",
    failed.length ? `${failed.length} giá trị không ghi được` : "",
  ].filter(Boolean);
  lines.push(issues ? `Cần xem lại: ${counts.join(", ")}.` : "Gộp sạch: không có xung đột, không thiếu phần, không có giá trị ngoài phân công.");
  if (replaced.length) lines.push(`Đã thay ${replaced.length} giá trị cũ của sổ tổng hợp (liệt kê ở trên, cũ → mới).`);
  return { code: issues ? 2 : 0, stdout: `${lines.join("\n")}\n`, stderr: issues ? `Cảnh báo: ${counts.join(", ")} (xem báo cáo).\n` : "" };
}
