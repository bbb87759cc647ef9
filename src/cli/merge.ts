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
import type ExcelJS from "exceljs";
import type { IndicatorSet } from "../catalog/schema";
import { buildWorkbookLayout } from "../layout/build";
import type { CellContent, DefinedName } from "../layout/model";
import { names } from "../layout/names";
import { isPreservedName } from "../layout/plan";
import { ownedNames, ownersByName, partBuildOptions, splitByAgency, type AgencyPart } from "../layout/split";
import type { CliResult } from "./main";
import { openXlsx } from "./open-xlsx";
import { fail, plainOf, resolvedValue, templateMeta } from "./split";
import { readPreserved, writeNamedValues } from "./xlsx";

export const MERGE_USAGE = `  npm run -s dti -- merge <sổ tổng hợp.xlsx> <tệp phần.xlsx>… -o <tệp ra.xlsx>
      Gộp các tệp phần (do "dti split" tách, các cơ quan đã điền) vào một bản sao của sổ tổng hợp,
      theo tên ô. Không sửa sổ tổng hợp; không ghi đè tệp ra đã có.
      Liệt kê, không tự xử lý: xung đột (cùng ô, hai phần điền khác nhau), cơ quan chưa gửi phần,
      số liệu ngoài phân công, tệp hỏng hoặc không thuộc bộ chỉ số/phiên bản của sổ tổng hợp.
      Mã thoát: 0 gộp sạch; 2 đã gộp nhưng có mục cần xem; 1 không gộp được gì.
`;

/** A value a part holds behind a name. */
interface Held {
  readonly file: string;
  readonly agency: string;
  readonly name: string;
  readonly value: CellContent;
}

interface UsablePart {
  readonly file: string;
  readonly part: AgencyPart;
  readonly values: readonly Held[];
}

/** Values compare as typed, Unicode-normalised and trimmed (so "Có" typed twice is one value). */
function sameKey(value: CellContent | undefined): string {
  if (value === undefined || value === null) return "";
  return `${typeof value}:${typeof value === "string" ? value.normalize("NFC").trim() : String(value)}`;
}

function show(value: CellContent | undefined): string {
  if (value === undefined || value === null || value === "") return "(trống)";
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/** "DTI_3_1_a (chỉ số 3.1)" or "DTI_INFO_4 (thông tin chung mục 4)", where the master knows it. */
function label(name: string, byName: ReadonlyMap<string, DefinedName>): string {
  const n = byName.get(name);
  if (n?.indicator) return `${name} (chỉ số ${n.indicator})`;
  if (n?.kind === "info") return `${name} (thông tin chung mục ${n.variable ?? ""})`;
  return name;
}

/** The sameAs target of a linked input name, if it is one. */
function sameAsTarget(set: IndicatorSet, name: string): string | undefined {
  for (const ind of set.indicators) {
    for (const v of ind.variables) {
      if (v.sameAs && names.input(ind.id, v.key) === name) return names.input(v.sameAs.indicator, v.sameAs.variable);
    }
  }
  return undefined;
}

/** Every defined name of a workbook (exceljs keeps them in a model list). */
function workbookNames(wb: ExcelJS.Workbook): string[] {
  const model = (wb.definedNames as unknown as { model: { name: string }[] }).model;
  return model.map((m) => m.name);
}

export async function mergeCommand(args: readonly string[]): Promise<CliResult> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { output: { type: "string", short: "o" } },
  });
  const [masterFile, ...partFiles] = positionals;
  if (!masterFile || partFiles.length === 0) return fail("cần sổ tổng hợp và ít nhất một tệp phần.", MERGE_USAGE);
  const out = values.output;
  if (!out) return fail("cần tên tệp ra: -o <tệp.xlsx>.", MERGE_USAGE);
  if (!out.toLowerCase().endsWith(".xlsx")) return fail(`${out}: tệp ra phải có đuôi .xlsx.`);
  if (existsSync(out)) return fail(`${out} đã có. Không ghi đè: hãy chọn tên tệp ra khác (sổ tổng hợp không bao giờ bị sửa).`);
  const opened = await openXlsx(masterFile);
  if ("error" in opened) return fail(opened.error);
  const master = opened.workbook;
  const meta = templateMeta(master, masterFile);
  if ("error" in meta) return fail(meta.error);
  if (meta.agency !== undefined) return fail(`${masterFile} là phần của ${meta.agency}, không phải sổ tổng hợp; tệp đầu tiên phải là sổ tổng hợp.`);
  const { set } = meta;
  const masterName = path.basename(masterFile);
  const plan = splitByAgency(set);
  const owners = ownersByName(set, plan);
  const byName = new Map(buildWorkbookLayout(set, { formulas: meta.formulas }).names.map((n) => [n.name, n]));

  const skipped: string[] = [];
  const notes: string[] = [];
  const usable: UsablePart[] = [];
  for (const file of partFiles) {
    const got = await openXlsx(file);
    if ("error" in got) {
      skipped.push(got.error);
      continue;
    }
    const pm = templateMeta(got.workbook, file);
    if ("error" in pm) {
      skipped.push(pm.error);
      continue;
    }
    if (pm.set.id !== set.id) {
      skipped.push(`${file}: dùng bộ chỉ số "${pm.set.id}", sổ tổng hợp dùng "${set.id}".`);
      continue;
    }
    if (pm.version !== meta.version) {
      skipped.push(`${file}: mẫu phiên bản ${pm.version}, sổ tổng hợp phiên bản ${meta.version}.`);
      continue;
    }
    if (pm.agency === undefined) {
      skipped.push(`${file}: không phải tệp phần do "dti split" tách (thiếu DTI_META_PART).`);
      continue;
    }
    const part = plan.parts.find((p) => p.agency.normalize("NFC") === pm.agency);
    if (!part) {
      skipped.push(`${file}: cơ quan "${pm.agency}" không chủ trì chỉ số nào và không cung cấp thông tin chung trong bộ chỉ số ${set.id}.`);
      continue;
    }
    if (pm.master !== undefined && pm.master !== masterName) {
      notes.push(`Lưu ý: ${file} được tách từ ${pm.master}, không phải ${masterName}.`);
    }
    const layout = buildWorkbookLayout(set, partBuildOptions(part, masterName, meta.formulas));
    const held: Held[] = [];
    for (const [name, value] of readPreserved(got.workbook, layout)) {
      if (typeof value === "string" && value.trim() === "") continue;
      held.push({ file, agency: part.agency, name, value });
    }
    // Names someone added to the part by hand, beyond those of its layout.
    const known = new Set(layout.names.map((n) => n.name));
    for (const name of workbookNames(got.workbook)) {
      if (known.has(name)) continue;
      const value = plainOf(got.workbook, name);
      if (value !== undefined) held.push({ file, agency: part.agency, name, value });
    }
    usable.push({ file, part, values: held });
  }
  if (usable.length === 0) {
    return { code: 1, stdout: "", stderr: `${["Lỗi: không có tệp phần nào dùng được; không ghi tệp ra.", ...skipped.map((s) => `Bỏ qua tệp: ${s}`)].join("\n")}\n` };
  }

  // Classify every value before writing anything: owned values are candidates, the rest is context.
  const candidates = new Map<string, Held[]>();
  const context: Held[] = [];
  const linked: Held[] = [];
  const outside: string[] = [];
  for (const u of usable) {
    const mine = ownedNames(set, u.part);
    for (const h of u.values) {
      const target = byName.get(h.name);
      if (!target || (!isPreservedName(target) && target.kind !== "linked")) {
        outside.push(`${h.file} (${h.agency}): ${h.name} = ${show(h.value)} — tên này không có trong sổ tổng hợp.`);
      } else if (mine.has(h.name)) {
        candidates.set(h.name, [...(candidates.get(h.name) ?? []), h]);
      } else if (target.kind === "linked") {
        linked.push(h);
      } else {
        context.push(h);
      }
    }
  }
  // The master's values before the merge, for the context checks (parts are pre-filled with them).
  const original = new Map<string, string>();
  for (const h of [...context, ...linked]) {
    if (!original.has(h.name)) original.set(h.name, sameKey(resolvedValue(master, set, h.name)));
  }

  const conflicts: string[] = [];
  const writes = new Map<string, CellContent>();
  const writtenFrom = new Map<string, string>();
  for (const [name, held] of candidates) {
    const distinct = new Map<string, Held>();
    for (const h of held) if (!distinct.has(sameKey(h.value))) distinct.set(sameKey(h.value), h);
    if (distinct.size > 1) {
      conflicts.push(`${label(name, byName)}: ${held.map((h) => `${h.file} = ${show(h.value)}`).join("; ")}.`);
      continue;
    }
    const first = held[0] as Held;
    writes.set(name, first.value);
    writtenFrom.set(name, first.file);
  }
  const notWritten = writeNamedValues(master, writes);
  const failed = notWritten.map((n) => `${label(n, byName)} = ${show(writes.get(n))} từ ${writtenFrom.get(n) ?? ""}: ô trong sổ tổng hợp đã bị xóa hoặc là công thức.`);

  // Context: silent when it is the master's value before (the pre-fill) or after the merge.
  for (const h of context) {
    const key = sameKey(h.value);
    const now = resolvedValue(master, set, h.name);
    if (key === original.get(h.name) || key === sameKey(now)) continue;
    const owner = owners.get(h.name);
    const whose = owner ? `thuộc phần của ${owner.join(", ")}` : "không thuộc phần của cơ quan nào";
    outside.push(`${h.file} (${h.agency}): ${label(h.name, byName)} = ${show(h.value)}, sổ tổng hợp có ${show(now)} — ô này ${whose}.`);
  }
  // A link of the master filled as a plain input in the part: compared with what it links to.
  const linkLines: string[] = [];
  for (const h of linked) {
    const key = sameKey(h.value);
    const targetName = sameAsTarget(set, h.name);
    const now = targetName ? resolvedValue(master, set, targetName) : resolvedValue(master, set, h.name);
    if (key === original.get(h.name) || key === sameKey(now)) continue;
    linkLines.push(`${h.file} (${h.agency}): ${label(h.name, byName)} = ${show(h.value)}, nhưng ${targetName ?? "ô liên kết"} trong sổ tổng hợp = ${show(now)}; ô này trong sổ tổng hợp là công thức liên kết, không ghi.`);
  }

  const given = new Map<string, string[]>();
  for (const u of usable) given.set(u.part.agency, [...(given.get(u.part.agency) ?? []), u.file]);
  for (const [agency, files] of given) if (files.length > 1) notes.push(`Lưu ý: ${agency} có ${files.length} tệp phần: ${files.join(", ")}.`);
  const missing = plan.parts
    .filter((p) => !given.has(p.agency))
    .map((p) => {
      const what = [p.indicators.length ? `chủ trì ${p.indicators.filter((id) => !set.indicators.find((i) => i.id === id)?.parent).join(", ")}` : "", p.ownInfoItems.length ? `thông tin chung mục ${p.ownInfoItems.join(", ")}` : ""];
      return `${p.agency} (${p.fileName}: ${what.filter(Boolean).join("; ")}).`;
    });

  await master.xlsx.writeFile(out);
  const written = writes.size - notWritten.length;
  const lines = [
    `Đã gộp ${usable.length}/${partFiles.length} tệp phần vào ${out} (không sửa ${masterFile}); đã ghi ${written} giá trị.`,
    ...notes,
    ...skipped.map((s) => `Bỏ qua tệp: ${s}`),
    ...conflicts.map((c) => `Xung đột, không ghi: ${c}`),
    ...missing.map((m) => `Thiếu phần: ${m}`),
    ...outside.map((o) => `Ngoài phân công, không ghi: ${o}`),
    ...linkLines.map((l) => `Khác ô liên kết: ${l}`),
    ...failed.map((f) => `Không ghi được: ${f}`),
  ];
  const issues = skipped.length + conflicts.length + missing.length + outside.length + linkLines.length + failed.length;
  const counts = [
    conflicts.length ? `${conflicts.length} xung đột` : "",
    skipped.length ? `${skipped.length} tệp bỏ qua` : "",
    missing.length ? `${missing.length} cơ quan chưa có phần` : "",
    outside.length ? `${outside.length} giá trị ngoài phân công` : "",
    linkLines.length ? `${linkLines.length} ô liên kết khác` : "",
    failed.length ? `${failed.length} giá trị không ghi được` : "",
  ].filter(Boolean);
  lines.push(issues ? `Cần xem lại: ${counts.join(", ")}.` : "Gộp sạch: không có xung đột, không thiếu phần, không có giá trị ngoài phân công.");
  return { code: issues ? 2 : 0, stdout: `${lines.join("\n")}\n`, stderr: issues ? `Cảnh báo: ${counts.join(", ")} (xem báo cáo).\n` : "" };
}
