/**
 * The pane's split and merge of tasks on the fake Excel host, through the adapters the "Tách &
 * gộp" tab composes (src/taskpane/split-merge.ts): the open workbook's task rows are read with
 * the template's names in 2 round trips however many rows it has; a part is built from them
 * (src/xlsx/parts.ts), an agency updates its tasks, and the merge writes the updates into the
 * protected Nhiệm vụ sheet and the merge log in fixed round trips. A status the workbook holds
 * is replaced only when ticked, as values are.
 */
import ExcelJS from "exceljs";
import { dtiProvince2022 as set } from "../../src/catalog";
import { splitAgencies } from "../../src/catalog/agencies";
import { ninhThuan2022TaskList, ninhThuan2022Tasks } from "../../src/catalog/tasks/ninh-thuan-2022";
import { isSectionRow } from "../../src/catalog/tasks/schema";
import { buildWorkbookLayout } from "../../src/layout/build";
import { acceptedWrites, locationOf, mergeParts, type ReadCell } from "../../src/layout/merge";
import { logTime, MERGE_LOG_SHEET, mergeLogRows } from "../../src/layout/merge-log";
import type { CellContent } from "../../src/layout/model";
import { names } from "../../src/layout/names";
import { isTaskSheetName, readMasterTasks, taskNumbers } from "../../src/layout/part-tasks";
import { splitByAgency } from "../../src/layout/split";
import { appendMergeLog } from "../../src/office/merge-log";
import { readTemplate } from "../../src/office/read-template";
import { toNamedCell } from "../../src/office/read-unit";
import { writeLayout } from "../../src/office/write-layout";
import { writeNamedValues } from "../../src/office/write-values";
import { writeNamedValues as typeInto } from "../../src/xlsx/workbook";
import { buildPartWorkbook, openPartBytes, partBytes } from "../../src/xlsx/parts";
import { FakeExcel } from "../fakes/excel";

jest.setTimeout(60_000);

const layout = buildWorkbookLayout(set, { sampleTasks: ninhThuan2022TaskList, period: { kind: "quarter", year: 2026, quarter: 3 } });
const rows = ninhThuan2022Tasks.length + 60;
const part = splitByAgency(set).parts.find((p) => p.agency === "Sở KH&ĐT")!;
const kh = ninhThuan2022Tasks.flatMap((t, i) => (!isSectionRow(t) && splitAgencies(t.lead).includes("Sở KH&ĐT") ? [i + 1] : []));
const [done, replaced] = kh as [number, number];

/** The open workbook as the tab reads it (readMaster): the template's names, and its task rows by name. */
async function readOpen(fake: FakeExcel): Promise<{ read: ReadCell; taskNames: readonly string[] }> {
  const wanted = layout.names.filter((n) => n.kind !== "task").map((n) => n.name);
  const got = await readTemplate(fake.context, wanted, isTaskSheetName);
  const read: ReadCell = (name) => {
    const ref = got.refs.get(name);
    const at = ref === undefined ? undefined : locationOf(ref);
    return { ...toNamedCell(got.values.get(name)), ...(at ?? {}) };
  };
  return { read, taskNames: got.matched };
}

describe("tasks in the pane's split and merge (fake host)", () => {
  it("reads every task row in 2 round trips, builds the agency's part, and merges its updates back in fixed round trips", async () => {
    const fake = new FakeExcel({ fileName: "so-tong-hop.xlsx" });
    await writeLayout(fake.context, layout, () => "rename");
    // The coordinator recorded one task's status before the split (an unlocked cell of a protected sheet).
    expect((await writeNamedValues(fake.context, [{ name: names.taskStatus(replaced), value: "Đang thực hiện" }])).written).toEqual([names.taskStatus(replaced)]);

    fake.syncCount = 0;
    const master = await readOpen(fake);
    expect(fake.syncCount).toBe(2);
    expect(taskNumbers(master.taskNames)).toEqual(Array.from({ length: rows }, (_, i) => i + 1));

    const built = await buildPartWorkbook(set, part, "so-tong-hop.xlsx", "portable", master.read, readMasterTasks(master.read, master.taskNames));
    expect(built.tasks).toBe(kh.length);
    // The agency updates its tasks in Excel.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await partBytes(built)) as unknown as Parameters<ExcelJS.Xlsx["load"]>[0]);
    const updates = new Map<string, CellContent>([
      [names.taskStatus(done), "Hoàn thành"],
      [names.taskProgress(done), 1],
      [names.taskNote(done), "Đã tổ chức 2 hội nghị"],
      [names.taskStatus(replaced), "Tạm dừng"],
    ]);
    expect(typeInto(wb, updates)).toEqual([]);
    const returned = await openPartBytes(new Uint8Array(await wb.xlsx.writeBuffer()), "so-kh-dt.xlsx");

    fake.syncCount = 0;
    const again = await readOpen(fake);
    expect(fake.syncCount).toBe(2);
    const result = mergeParts({ set, version: 1, formulas: "portable", name: "so-tong-hop.xlsx", read: again.read }, [returned]);
    expect(result.conflicts).toEqual([]);
    // The status the workbook held: to be replaced, shown old → new, written only when ticked.
    const over = result.writes.filter((w) => w.overwrites);
    expect(over.map((w) => [w.name, w.current, w.value, w.masterCell])).toEqual([[names.taskStatus(replaced), "Đang thực hiện", "Tạm dừng", expect.stringMatching(/^'Nhiệm vụ'!F\d+$/)]]);
    const writes = acceptedWrites(result, {});
    expect(writes.map((w) => w.name).sort()).toEqual([names.taskNote(done), names.taskProgress(done), names.taskStatus(done)].sort());

    fake.syncCount = 0;
    const r = await writeNamedValues(
      fake.context,
      writes.map((w) => ({ name: w.name, value: w.value as string | number | boolean | null, expected: (w.current ?? null) as string | number | boolean | null })),
    );
    expect(fake.syncCount).toBe(3);
    expect(r).toMatchObject({ missing: [], formulas: [], changed: [] });
    const logged = await appendMergeLog(fake.context, mergeLogRows(writes, logTime(new Date(2026, 8, 20, 9, 5)), "Quý III/2026"));
    expect(fake.syncCount).toBe(5);
    expect(logged).toBe(3);

    const after = await readOpen(fake);
    expect(after.read(names.taskStatus(done))).toMatchObject({ kind: "value", value: "Hoàn thành" });
    expect(after.read(names.taskProgress(done))).toMatchObject({ kind: "value", value: 1 });
    expect(after.read(names.taskNote(done))).toMatchObject({ kind: "value", value: "Đã tổ chức 2 hội nghị" });
    expect(after.read(names.taskStatus(replaced))).toMatchObject({ kind: "value", value: "Đang thực hiện" });
    const log = fake.sheet(MERGE_LOG_SHEET);
    const logRows = [2, 3, 4].map((row) => log.values(`A${row}:H${row}`)[0]);
    expect(logRows.map((row) => row?.[4]).sort()).toEqual(writes.map((w) => w.name).sort());
    expect(logRows.find((row) => row?.[4] === names.taskStatus(done))).toEqual(["20/09/2026 09:05", "Quý III/2026", "Sở KH&ĐT", "so-kh-dt.xlsx", names.taskStatus(done), expect.stringMatching(/^Nhiệm vụ!F\d+$/), "(ô trống)", "Hoàn thành"]);

    // Ticked: the status it held is replaced too, in the same round trips.
    fake.syncCount = 0;
    const ticked = acceptedWrites(mergeParts({ set, version: 1, formulas: "portable", name: "so-tong-hop.xlsx", read: (await readOpen(fake)).read }, [returned]), { overwrite: true });
    expect(ticked.map((w) => w.name)).toEqual([names.taskStatus(replaced)]);
    await writeNamedValues(fake.context, ticked.map((w) => ({ name: w.name, value: w.value as string, expected: (w.current ?? null) as string })));
    expect(fake.syncCount).toBe(2 + 3);
    expect((await readOpen(fake)).read(names.taskStatus(replaced))).toMatchObject({ kind: "value", value: "Tạm dừng" });
  });

  it("a workbook made before task names: the part's task cells are listed as not in the workbook, nothing else is lost", async () => {
    const fake = new FakeExcel({ fileName: "so-tong-hop.xlsx" });
    const old = { ...layout, names: layout.names.filter((n) => n.kind !== "task") };
    await writeLayout(fake.context, old, () => "rename");
    const master = await readOpen(fake);
    expect(master.taskNames).toEqual([names.tasksReportDate]);
    // A part made from a newer copy of the workbook.
    const fresh = new FakeExcel({ fileName: "so-tong-hop.xlsx" });
    await writeLayout(fresh.context, layout, () => "rename");
    const src = await readOpen(fresh);
    const built = await buildPartWorkbook(set, part, "so-tong-hop.xlsx", "portable", src.read, readMasterTasks(src.read, src.taskNames));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await partBytes(built)) as unknown as Parameters<ExcelJS.Xlsx["load"]>[0]);
    typeInto(wb, new Map<string, CellContent>([[names.taskStatus(done), "Hoàn thành"]]));
    const returned = await openPartBytes(new Uint8Array(await wb.xlsx.writeBuffer()), "so-kh-dt.xlsx");
    const result = mergeParts({ set, version: 1, formulas: "portable", name: "so-tong-hop.xlsx", read: master.read }, [returned]);
    expect(result.failed).toEqual([{ code: "merge-task-not-in-master", file: "so-kh-dt.xlsx", names: kh.flatMap((no) => [names.taskStatus(no), names.taskProgress(no), names.taskNote(no)]) }]);
    expect(result.writes.filter((w) => w.name.startsWith("DTI_TASK_"))).toEqual([]);
    expect(result.outside).toEqual([]);
  });

  it("Insert › update names the task rows of a workbook made before task names, as template --update does, in no more round trips", async () => {
    const old = { ...layout, names: layout.names.filter((n) => n.kind !== "task") };
    const fake = new FakeExcel({ fileName: "so-tong-hop.xlsx" });
    await writeLayout(fake.context, old, () => "rename");
    const fresh = new FakeExcel();
    await writeLayout(fresh.context, old, () => "rename");
    const plain = await writeLayout(fresh.context, old, () => "update");
    const r = await writeLayout(fake.context, layout, () => "update");
    expect(r.tasksNamed).toBe(rows);
    expect(r.syncs).toBe(plain.syncs);
    for (const n of layout.names.filter((x) => x.kind === "task")) expect(fake.resolveName(n.name)).toEqual({ sheet: n.sheet, address: n.ref });
    // Named once: a second update finds the names and adds none.
    expect((await writeLayout(fake.context, layout, () => "update")).tasksNamed).toBeUndefined();
  });
});
