/**
 * Tasks travel with the parts (issue 11 point 3): `dti split` gives each agency the rows of the
 * master's Nhiệm vụ it leads (the Ninh Thuận 2022 task list, Phụ lục 1 of Kế hoạch 4233/KH-UBND),
 * the agency updates Trạng thái, Tiến độ and Ghi chú there, and `dti merge` brings them back
 * under the rules of values: replaced values listed old → new and logged, conflicts and
 * clearings listed, nothing silently replaced. A master made before task rows had names says
 * what to do, and `template --update` names them.
 */
import { copyFileSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { splitAgencies } from "../../src/catalog/agencies";
import { ninhThuan2022Tasks } from "../../src/catalog/tasks/ninh-thuan-2022";
import { isSectionRow } from "../../src/catalog/tasks/schema";
import { run } from "../../src/cli/main";
import { mergeCommand } from "../../src/cli/merge";
import { splitCommand } from "../../src/cli/split";
import { readName, writeNamedValues } from "../../src/cli/xlsx";
import { MERGE_LOG_SHEET } from "../../src/layout/merge-log";
import type { CellContent } from "../../src/layout/model";
import { names } from "../../src/layout/names";

jest.setTimeout(60_000);

const tmp = mkdtempSync(path.join(os.tmpdir(), "dti-split-tasks-"));
let n = 0;
const fresh = (stem: string): string => path.join(tmp, `${stem}-${++n}`);

async function open(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

async function edit(file: string, values: ReadonlyMap<string, CellContent>, to = file): Promise<void> {
  const wb = await open(file);
  expect(writeNamedValues(wb, values)).toEqual([]);
  await wb.xlsx.writeFile(to);
}

/** The numbers of the sample tasks an agency leads: their rows in the master's Nhiệm vụ, from 1. */
const ledBy = (agency: string): number[] =>
  ninhThuan2022Tasks.flatMap((t, i) => (!isSectionRow(t) && splitAgencies(t.lead).includes(agency) ? [i + 1] : []));

/** The task numbers a workbook names. */
function taskNos(wb: ExcelJS.Workbook): number[] {
  const model = (wb.definedNames as unknown as { model: { name: string }[] }).model;
  return [...new Set(model.flatMap((m) => /^DTI_TASK_(\d+)_STATUS$/.exec(m.name)?.[1] ?? []).map(Number))].sort((a, b) => a - b);
}

const kh = ledBy("Sở KH&ĐT");
const [done, replaced, twice, cleared] = kh as [number, number, number, number];
const master = path.join(tmp, "tong-hop.xlsx");
const parts = path.join(tmp, "phan");

beforeAll(async () => {
  expect((await run(["template", "--with-sample-tasks", "--period", "Quý III/2026", "-o", master])).code).toBe(0);
  // The coordinator recorded where two of Sở KH&ĐT's tasks stood before the split.
  await edit(
    master,
    new Map<string, CellContent>([
      [names.taskStatus(replaced), "Đang thực hiện"],
      [names.taskProgress(replaced), 0.3],
      [names.taskNote(cleared), "Chờ kinh phí"],
    ]),
  );
  const r = await splitCommand([master, "--by", "agency", "-o", parts]);
  expect(r).toMatchObject({ code: 0, stderr: "" });
}, 120_000);

describe("dti split: a part carries the tasks its agency leads", () => {
  it("Sở KH&ĐT's part holds exactly its 4 tasks of Phụ lục 1, by the master's task numbers, pre-filled", async () => {
    expect(kh).toHaveLength(4);
    const wb = await open(path.join(parts, "so-kh-dt.xlsx"));
    expect(taskNos(wb)).toEqual(kh);
    const first = ninhThuan2022Tasks[done - 1]!;
    expect(readName(wb, names.task(done, "TEXT"))).toMatchObject({ kind: "value", value: first.task, sheet: "Nhiệm vụ" });
    expect(readName(wb, names.taskLead(done))).toMatchObject({ kind: "value", value: "Sở KH&ĐT" });
    expect(readName(wb, names.taskStatus(replaced))).toMatchObject({ kind: "value", value: "Đang thực hiện" });
    expect(readName(wb, names.taskProgress(replaced))).toMatchObject({ kind: "value", value: 0.3 });
    expect(readName(wb, names.taskNote(cleared))).toMatchObject({ kind: "value", value: "Chờ kinh phí" });
    // Its heading rows come as context (numbers restart in each group), without names.
    const ws = wb.getWorksheet("Nhiệm vụ")!;
    expect(ws.getCell("A5").value).toBe("B");
    expect(ws.getCell("A6").value).toBe("VII");
    // Only Trạng thái, Tiến độ and Ghi chú of a task row are editable.
    const at = readName(wb, names.taskStatus(done));
    if (at.kind !== "value") throw new Error("no status cell");
    const row = Number(at.address.replace(/\D/g, ""));
    for (const c of ["F", "G", "H"]) expect(ws.getCell(`${c}${row}`).protection).toMatchObject({ locked: false });
    for (const c of ["A", "B", "C", "D", "E"]) expect(ws.getCell(`${c}${row}`).protection?.locked).not.toBe(false);
    // The status drop-down's list comes with it.
    expect(readName(wb, names.taskStatusList).kind).not.toBe("missing");
  });

  it("tasks of other agencies are not in a part; an agency leading none gets no Nhiệm vụ sheet", async () => {
    const tc = await open(path.join(parts, "so-tai-chinh.xlsx"));
    expect(taskNos(tc)).toEqual(ledBy("Sở Tài chính"));
    expect(ledBy("Sở Tài chính")).toHaveLength(1);
    const tk = await open(path.join(parts, "cuc-thong-ke.xlsx"));
    expect(tk.getWorksheet("Nhiệm vụ")).toBeUndefined();
    expect(taskNos(tk)).toEqual([]);
  });

  it("says which tasks went to no part, with their lead as written", async () => {
    const r = await splitCommand([master, "--by", "agency", "-o", fresh("phan")]);
    expect(r.stdout).toMatch(/so-kh-dt\.xlsx: Sở KH&ĐT — .*; 4 nhiệm vụ chủ trì \(trang Nhiệm vụ/);
    expect(r.stdout).toMatch(/nhiệm vụ không có trong tệp phần nào .*"2\. Xây dựng chuyên trang cấp tỉnh về chuyển đổi số" \(Sở TT&TT\)/);
  });
});

describe("dti merge: task updates come back under the rules of values", () => {
  const filled = path.join(tmp, "so-kh-dt-da-dien.xlsx");
  beforeAll(async () => {
    await edit(
      path.join(parts, "so-kh-dt.xlsx"),
      new Map<string, CellContent>([
        [names.taskStatus(done), "Hoàn thành"],
        [names.taskProgress(done), 1],
        [names.taskNote(done), "Đã tổ chức 2 hội nghị"],
        [names.taskStatus(replaced), "Tạm dừng"],
        [names.taskNote(cleared), null],
      ]),
      filled,
    );
  });

  it("writes the updates into a copy of the master, lists what it replaced and cleared, and logs every write", async () => {
    const out = fresh("gop") + ".xlsx";
    const r = await mergeCommand([master, filled, "-o", out]);
    expect(r.code).toBe(2); // other agencies' parts are missing
    // A status the master held is replaced as values are: listed old → new.
    expect(r.stdout).toContain(`Thay giá trị cũ: ${names.taskStatus(replaced)} (nhiệm vụ "2. `);
    expect(r.stdout).toContain(`: "Đang thực hiện" → "Tạm dừng" (từ ${filled}).`);
    // A note the agency cleared is listed and kept without --accept-cleared.
    expect(r.stdout).toMatch(new RegExp(`Đã xóa trong tệp phần, giữ giá trị cũ: .*${names.taskNote(cleared)}`));
    const wb = await open(out);
    expect(readName(wb, names.taskStatus(done))).toMatchObject({ kind: "value", value: "Hoàn thành" });
    expect(readName(wb, names.taskProgress(done))).toMatchObject({ kind: "value", value: 1 });
    expect(readName(wb, names.taskNote(done))).toMatchObject({ kind: "value", value: "Đã tổ chức 2 hội nghị" });
    expect(readName(wb, names.taskStatus(replaced))).toMatchObject({ kind: "value", value: "Tạm dừng" });
    expect(readName(wb, names.taskNote(cleared))).toMatchObject({ kind: "value", value: "Chờ kinh phí" });
    // Unchanged cells are not rewritten: the progress it kept at 30 % is not logged.
    const log = wb.getWorksheet(MERGE_LOG_SHEET)!;
    const rows = log.getSheetValues().slice(2).map((row) => (row as CellContent[]).slice(1));
    const byName = new Map(rows.map((row) => [row[4], row]));
    expect(byName.get(names.taskStatus(done))).toEqual([expect.any(String), "Quý III/2026", "Sở KH&ĐT", filled, names.taskStatus(done), expect.stringMatching(/^Nhiệm vụ!F\d+$/), "(ô trống)", "Hoàn thành"]);
    expect(byName.get(names.taskStatus(replaced))?.slice(6)).toEqual(["Đang thực hiện", "Tạm dừng"]);
    expect(byName.get(names.taskProgress(done))?.slice(6)).toEqual(["(ô trống)", 1]);
    expect(byName.has(names.taskProgress(replaced))).toBe(false);
    expect(byName.has(names.taskNote(cleared))).toBe(false);
    expect(rows.filter((row) => String(row[4]).startsWith("DTI_TASK_"))).toHaveLength(4);
  });

  it("clears a note the agency cleared only with --accept-cleared, logged", async () => {
    const out = fresh("gop") + ".xlsx";
    const r = await mergeCommand([master, filled, "-o", out, "--accept-cleared"]);
    expect(r.stdout).toMatch(new RegExp(`Đã xóa trong tệp phần, đã xóa trong tệp ra: .*${names.taskNote(cleared)}`));
    const wb = await open(out);
    expect(readName(wb, names.taskNote(cleared))).toMatchObject({ kind: "value", value: null });
    const rows = wb.getWorksheet(MERGE_LOG_SHEET)!.getSheetValues().slice(2).map((row) => (row as CellContent[]).slice(1));
    expect(rows.find((row) => row[4] === names.taskNote(cleared))?.slice(6)).toEqual(["Chờ kinh phí", "(ô trống)"]);
  });

  it("two parts of one agency that disagree on a task: a conflict, listed, not written", async () => {
    const second = path.join(tmp, "so-kh-dt-lan-2.xlsx");
    await edit(filled, new Map<string, CellContent>([[names.taskStatus(twice), "Hoàn thành"]]), second);
    const first = path.join(tmp, "so-kh-dt-lan-1.xlsx");
    await edit(filled, new Map<string, CellContent>([[names.taskStatus(twice), "Đang thực hiện"]]), first);
    const out = fresh("gop") + ".xlsx";
    const r = await mergeCommand([master, first, second, "-o", out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("Sở KH&ĐT có 2 tệp phần");
    expect(r.stdout).toContain(`Xung đột, không ghi: ${names.taskStatus(twice)} (nhiệm vụ "3. `);
    expect(r.stdout).toContain(`${first} = "Đang thực hiện"; ${second} = "Hoàn thành".`);
    const wb = await open(out);
    expect(readName(wb, names.taskStatus(twice))).toMatchObject({ kind: "value", value: null });
    // What both agree on is written.
    expect(readName(wb, names.taskStatus(done))).toMatchObject({ kind: "value", value: "Hoàn thành" });
  });
});

describe("a master made before task rows had names", () => {
  /** The master as an older template wrote it: the same sheet, no DTI_TASK_… names. */
  async function withoutTaskNames(from: string, to: string): Promise<void> {
    const wb = await open(from);
    const matrices = (wb.definedNames as unknown as { matrixMap: Record<string, unknown> }).matrixMap;
    for (const key of Object.keys(matrices)) if (key.startsWith("DTI_TASK_")) delete matrices[key];
    await wb.xlsx.writeFile(to);
  }

  it("split says to run template --update; merge lists the task cells it cannot write; template --update names the rows as a new template does", async () => {
    const old = fresh("cu") + ".xlsx";
    await withoutTaskNames(master, old);
    const split = await splitCommand([old, "--by", "agency", "-o", fresh("phan")]);
    expect(split.code).toBe(0);
    expect(split.stderr).toContain(`trang Nhiệm vụ được tạo trước khi các dòng nhiệm vụ có tên ô (DTI_TASK_…), nên các tệp phần không mang nhiệm vụ. Cập nhật sổ bằng "dti template --update -o ${old}"`);

    const filled = path.join(tmp, "so-kh-dt-da-dien.xlsx");
    const merged = await mergeCommand([old, filled, "-o", fresh("gop") + ".xlsx"]);
    expect(merged.code).toBe(2);
    expect(merged.stdout).toContain(`Không ghi được: ${filled}: sổ tổng hợp không có ô ${names.task(kh[0]!, "STATUS")}`);
    expect(merged.stdout).toContain(`(12 ô nhiệm vụ)`);
    expect(merged.stdout).toContain(`"dti template --update -o <sổ tổng hợp.xlsx>" (bảng tác vụ: Chèn mẫu, chọn "Cập nhật tại chỗ")`);

    const updated = fresh("cap-nhat") + ".xlsx";
    copyFileSync(old, updated);
    const up = await run(["template", "--update", "-o", updated]);
    expect(up.code).toBe(0);
    expect(up.stdout).toContain(`Trang "Nhiệm vụ": đặt tên ô cho ${ninhThuan2022Tasks.length + 60} dòng nhiệm vụ`);
    const [a, b] = [await open(master), await open(updated)];
    for (const no of [1, done, ninhThuan2022Tasks.length + 60]) {
      for (const field of ["STT", "LEAD", "STATUS", "NOTE"] as const) {
        const [x, y] = [readName(a, names.task(no, field)), readName(b, names.task(no, field))];
        expect(y).toEqual(x);
      }
    }
    expect(taskNos(b)).toEqual(taskNos(a));
    const again = await mergeCommand([updated, filled, "-o", fresh("gop") + ".xlsx"]);
    expect(again.stdout).not.toContain("sổ tổng hợp không có ô");
    expect(again.stdout).toContain(`Thay giá trị cũ: ${names.taskStatus(replaced)}`);
  }, 60_000);
});
