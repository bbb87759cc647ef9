/**
 * The tasks a part carries (src/layout/part-tasks.ts), from the Ninh Thuận 2022 task list (Phụ
 * lục 1 of Kế hoạch 4233/KH-UBND) in a master's Nhiệm vụ: exactly the tasks an agency leads,
 * under their headings, with the master's task numbers; its sheet by golden file; its overdue
 * flag recomputed in a spreadsheet engine (HyperFormula, GPL, tests only); and the names an
 * older master's sheet gets from `template --update`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { HyperFormula } from "hyperformula";
import { dtiProvince2022 as set } from "../../src/catalog";
import { ninhThuan2022TaskList, ninhThuan2022Tasks } from "../../src/catalog/tasks/ninh-thuan-2022";
import { buildWorkbookLayout } from "../../src/layout/build";
import { toExcelSerial } from "../../src/layout/deadline";
import { isFormula, parseCellRef, type CellContent, type WorkbookLayout } from "../../src/layout/model";
import { names, parseTaskName } from "../../src/layout/names";
import type { NamedCell } from "../../src/layout/read-inputs";
import { isHeading, partTaskRows, readMasterTasks, taskNumbers, tasksUnnamed, unassignedTasks } from "../../src/layout/part-tasks";
import { sheetSnapshot } from "../../src/layout/snapshot";
import { partBuildOptions, splitByAgency } from "../../src/layout/split";
import { acceptedWrites, mergeParts, type MergePartInput } from "../../src/layout/merge";
import { say } from "../../src/i18n/findings";
import { OVERDUE_LABEL, TASKS_FIRST_ROW, namesForUnnamedTaskRows } from "../../src/layout/tasks-sheet";

const master = buildWorkbookLayout(set, { sampleTasks: ninhThuan2022TaskList });
const plan = splitByAgency(set);

/** What a layout's names hold, as a host reads a written workbook. */
function reader(layout: WorkbookLayout): (name: string) => NamedCell {
  const byName = new Map(layout.names.map((n) => [n.name, n]));
  return (name) => {
    const n = byName.get(name);
    const sheet = n && layout.sheets.find((s) => s.name === n.sheet);
    if (!n || !sheet) return { kind: "missing" };
    if (n.ref.includes(":")) return { kind: "broken", trouble: { kind: "range", name, ref: n.ref } };
    const { row, column } = parseCellRef(n.ref);
    const c = sheet.grid[row]?.[column] ?? null;
    return isFormula(c) ? { kind: "value", value: null, formula: c.f } : { kind: "value", value: c };
  };
}

const masterNames = master.names.map((n) => n.name);
const tasks = readMasterTasks(reader(master), masterNames);
const partOf = (agency: string): WorkbookLayout => {
  const part = plan.parts.find((p) => p.agency === agency)!;
  return buildWorkbookLayout(set, partBuildOptions(part, "tong-hop.xlsx", "portable", {}, partTaskRows(tasks, agency)));
};

describe("the master's task rows, by name", () => {
  it("every row of the list is read by its number, headings told from tasks", () => {
    expect(taskNumbers(masterNames)).toHaveLength(ninhThuan2022Tasks.length + 60);
    expect(tasks.map((t) => t.no)).toEqual(ninhThuan2022Tasks.map((_, i) => i + 1));
    expect(tasks.filter(isHeading).map((t) => t.values.STT)).toEqual(ninhThuan2022Tasks.filter((t) => t.section !== undefined).map((t) => t.stt));
    expect(tasksUnnamed(masterNames)).toBe(false);
    expect(tasksUnnamed(masterNames.filter((n) => parseTaskName(n) === undefined))).toBe(true);
  });

  it("Sở KH&ĐT's rows: the headings B and VII, then its 4 tasks of group VII", () => {
    const rows = partTaskRows(tasks, "Sở KH&ĐT");
    expect(rows.map((r) => [r.heading, r.values.stt])).toEqual([
      [true, "B"],
      [true, "VII"],
      [false, 1],
      [false, 2],
      [false, 3],
      [false, 4],
    ]);
    expect(rows.filter((r) => !r.heading).every((r) => r.values.lead === "Sở KH&ĐT")).toBe(true);
  });

  it("Sở TTTT's rows come under each group it has tasks in, each heading once", () => {
    const rows = partTaskRows(tasks, "Sở TTTT");
    const headings = rows.filter((r) => r.heading).map((r) => r.values.stt);
    expect(headings).toEqual(["B", "III", "IV", "V", "VI", "VIII"]);
    expect(rows.filter((r) => !r.heading)).toHaveLength(18);
  });

  it("a task whose lead has no part is listed, never given to another agency", () => {
    const left = unassignedTasks(tasks, plan.parts).map((t) => t.values.LEAD);
    expect(left).toContain("Sở TT&TT"); // not "Sở TTTT" as the indicators write it
    expect(left).toContain("Sở Công thương"); // not "Sở Công Thương"
    expect(partTaskRows(tasks, "Sở Công Thương")).toEqual([]);
  });
});

describe("a part's Nhiệm vụ sheet", () => {
  const part = partOf("Sở KH&ĐT");
  const sheet = part.sheets.find((s) => s.role === "tasks")!;

  it("matches its golden file", () => {
    const file = path.resolve(__dirname, "../golden/dti-province-2022/part-tasks.so-kh-dt.txt");
    const text = sheetSnapshot(sheet);
    if (process.env.UPDATE_GOLDEN === "1") {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
    if (!existsSync(file)) throw new Error(`golden file ${file} is missing: review the layout, then run UPDATE_GOLDEN=1 npx jest test/layout/part-tasks`);
    expect(text).toBe(readFileSync(file, "utf8"));
  });

  it("names only its task rows, with the master's numbers; an agency leading none gets no sheet", () => {
    const nos = taskNumbers(part.names.map((n) => n.name));
    expect(nos).toEqual(partTaskRows(tasks, "Sở KH&ĐT").flatMap((r) => (r.no === undefined ? [] : [r.no])));
    expect(part.names.find((n) => n.name === names.taskStatus(nos[0]!))).toMatchObject({ sheet: "Nhiệm vụ", ref: `$F$${TASKS_FIRST_ROW + 2}` });
    expect(partOf("Cục Thống kê").sheets.map((s) => s.role)).not.toContain("tasks");
  });

  it("recomputes its overdue flags in a spreadsheet engine: past the deadline and not done", () => {
    const rows = sheet.grid.map((row) => row.map((c) => (isFormula(c) ? `=${c.f}` : typeof c === "string" ? `'${c}` : c)));
    const set = (ref: string, v: string | number): void => {
      const { row, column } = parseCellRef(ref);
      (rows[row] as unknown[])[column] = typeof v === "string" ? `'${v}` : v;
    };
    // 15/01/2023: its tasks were due in Quý IV/2022 and Tháng 12/2022; the first is done.
    set("C3", toExcelSerial(new Date(Date.UTC(2023, 0, 15))));
    set(`F${TASKS_FIRST_ROW + 2}`, "Hoàn thành");
    const hf = HyperFormula.buildFromSheets({ [sheet.name]: rows as (string | number | null)[][] }, { licenseKey: "gpl-v3" });
    try {
      const flag = (row: number): unknown => hf.getCellValue({ sheet: 0, row: row - 1, col: parseCellRef("I1").column });
      expect([TASKS_FIRST_ROW, TASKS_FIRST_ROW + 1].map(flag)).toEqual(["", ""]); // headings
      expect(flag(TASKS_FIRST_ROW + 2)).toBe("");
      expect([3, 4, 5].map((i) => flag(TASKS_FIRST_ROW + i))).toEqual([OVERDUE_LABEL, OVERDUE_LABEL, OVERDUE_LABEL]);
    } finally {
      hf.destroy();
    }
  });
});

describe("an older master's Nhiệm vụ, named by template --update", () => {
  it("names the rows under its header as a new template does, down to the last typed or formula row", () => {
    const sheet = master.sheets.find((s) => s.role === "tasks")!;
    const seen = (row: number, column: number) => {
      const c: CellContent = sheet.grid[row - 1]?.[column] ?? null;
      return { text: c === null || isFormula(c) ? "" : String(c), formula: isFormula(c) };
    };
    const found = namesForUnnamedTaskRows(sheet.name, seen, sheet.grid.length);
    expect(found).toEqual(master.names.filter((n) => n.kind === "task"));
    // No header row: nothing is guessed.
    expect(namesForUnnamedTaskRows(sheet.name, () => ({ text: "", formula: false }), 100)).toEqual([]);
  });
});

describe("merge of a part's tasks (the core)", () => {
  const agency = "Sở KH&ĐT";
  const [first, second] = partTaskRows(tasks, agency).flatMap((r) => (r.no === undefined ? [] : [r.no])) as [number, number];
  const typed = (read: (name: string) => NamedCell, values: ReadonlyMap<string, CellContent>) => (name: string): NamedCell =>
    values.has(name) ? { kind: "value", value: values.get(name) as CellContent } : read(name);
  const partInput = (values: ReadonlyMap<string, CellContent>): MergePartInput => {
    const layout = partOf(agency);
    return {
      file: "so-kh-dt.xlsx",
      opened: { meta: { set, version: 1, formulas: "portable", agency, master: "tong-hop.xlsx" }, read: typed(reader(layout), values), names: layout.names.map((n) => n.name) },
    };
  };
  const update = new Map<string, CellContent>([
    [names.taskStatus(first), "Hoàn thành"],
    [names.taskStatus(second), "Đang thực hiện"],
  ]);

  it("writes the updates of the tasks its agency leads", () => {
    const r = mergeParts({ set, version: 1, formulas: "portable", name: "tong-hop.xlsx", read: reader(master) }, [partInput(update)]);
    expect(acceptedWrites(r).map((w) => [w.name, w.value, w.agency])).toEqual([
      [names.taskStatus(first), "Hoàn thành", agency],
      [names.taskStatus(second), "Đang thực hiện", agency],
    ]);
    expect(r.outside).toEqual([]);
  });

  it("the part's own report date (TODAY() as the agency's Excel saved it) is not a value to merge", () => {
    const saved = new Map<string, CellContent>([...update, [names.tasksReportDate, 46280]]);
    const r = mergeParts({ set, version: 1, formulas: "portable", name: "tong-hop.xlsx", read: reader(master) }, [partInput(saved)]);
    expect(r.outside).toEqual([]);
    expect(acceptedWrites(r)).toHaveLength(2);
  });

  it("a task the master now gives another lead: not written, listed with its new lead", () => {
    const moved = typed(reader(master), new Map<string, CellContent>([[names.taskLead(second), "Sở TTTT"]]));
    const r = mergeParts({ set, version: 1, formulas: "portable", name: "tong-hop.xlsx", read: moved }, [partInput(update)]);
    expect(acceptedWrites(r).map((w) => w.name)).toEqual([names.taskStatus(first)]);
    expect(r.outside.map((m) => say(m, "vi"))).toEqual([
      expect.stringMatching(new RegExp(`^so-kh-dt\\.xlsx \\(Sở KH&ĐT\\): ${names.taskStatus(second)} \\(nhiệm vụ "2\\. .*"\\) = "Đang thực hiện", sổ tổng hợp có \\(trống\\) — ô này thuộc phần của Sở TTTT\\.$`)),
    ]);
  });
});

