/**
 * The Office.js layout writer against the one fake Excel host: a fixed number of round
 * trips whatever the row count, calculation suspended while writing, and never losing data
 * (rename leaves the old sheet alone, cancel writes nothing, update keeps typed inputs
 * matched by defined name even after rows were inserted, never over a formula).
 */
import { FakeExcel, type SeedSheet } from "../fakes/excel";
import {
  CHART_NAME_PREFIX,
  WriteLayoutError,
  cellEntry,
  columnWidthPoints,
  retargetSheets,
  writeLayout,
  type WriteResult,
} from "../../src/office/write-layout";
import { cellRef, type CellContent, type DefinedName, type SheetLayout, type WorkbookLayout } from "../../src/layout/model";
import type { ConflictChoice } from "../../src/layout/plan";
import { cellLevelSnapshot } from "../../src/layout/snapshot";
import { fakeCellSnapshot } from "../support/fake-snapshot";
import { buildWorkbookLayout } from "../../src/layout/build";
import { dtiProvince2022 } from "../../src/catalog";

// ------------------------------------------------------------------ a tiny layout by hand

const INPUT = "Nhập liệu";
const SUMMARY = "Tổng hợp";
const LISTS = "Danh mục";
const META = "DTI_META";
const FIRST = 2; // 0-based row of the first indicator (row 3 in Excel): a title and a header above

const sheet = (name: string, grid: CellContent[][], extra: Partial<SheetLayout> = {}): SheetLayout => ({
  name,
  role: "indicators",
  visibility: "visible",
  columnWidths: [8, 40, 14, 12],
  grid,
  merges: [],
  formats: [],
  validations: [],
  conditionalFormats: [],
  freeze: { rows: 0, columns: 0 },
  print: { landscape: false },
  protect: true,
  charts: [],
  ...extra,
});

/**
 * `rows` indicators "1.<i>": an input a (C), a score =C*2 (D), on the input sheet; a summary
 * that refers to the input sheet by name; a hidden lists sheet; a very hidden meta sheet.
 * DTI_INFO_9 is an input-like name put on a formula cell, to prove nothing is written over it.
 */
function tinyLayout(rows: number): WorkbookLayout {
  const grid: CellContent[][] = [
    ["CHỈ SỐ THỬ", null, null, null],
    ["Mã", "Chỉ số", "Số liệu a", "Điểm"],
  ];
  const names: DefinedName[] = [];
  for (let i = 1; i <= rows; i++) {
    const r = grid.length;
    grid.push([`1.${i}`, `Chỉ số 1.${i}`, null, { f: `IF(C${r + 1}="","",C${r + 1}*2)` }]);
    names.push({ name: `DTI_1_${i}_a`, sheet: INPUT, ref: cellRef(r, 2, true), kind: "input", indicator: `1.${i}`, variable: "a" });
    names.push({ name: `DTI_1_${i}_SCORE`, sheet: INPUT, ref: cellRef(r, 3, true), kind: "score", indicator: `1.${i}` });
  }
  const last = grid.length;
  const optionRow = grid.length;
  grid.push(["Tùy chọn", "Cách đọc khác", "Không", { f: `SUM(D${FIRST + 1}:D${last})` }]);
  names.push({ name: "DTI_OPT", sheet: INPUT, ref: cellRef(optionRow, 2, true), kind: "input" });
  names.push({ name: "DTI_INFO_9", sheet: INPUT, ref: cellRef(optionRow, 3, true), kind: "info" });
  const input = sheet(INPUT, grid, {
    rowHeights: { 2: 30 },
    merges: ["A1:D1"],
    formats: [
      { ref: "A1", format: { bold: true } },
      { ref: "A2:D2", format: { bold: true, fill: "#1F4E79", fontColor: "#FFFFFF", border: true, wrap: true } },
      { ref: `C${FIRST + 1}:C${last}`, format: { fill: "#FFF2CC", locked: false, numberFormat: "#,##0" } },
      { ref: cellRef(optionRow, 2), format: { fill: "#FFF2CC", locked: false } },
      { ref: `D${FIRST + 1}:D${last}`, format: { numberFormat: "0.00", horizontal: "right", vertical: "middle" } },
    ],
    validations: [
      { ref: `C${FIRST + 1}:C${last}`, rule: { kind: "whole", min: 0 }, promptTitle: "Số liệu a", prompt: "Nhập số nguyên ≥ 0.", errorTitle: "Không hợp lệ", error: "Phải là số nguyên ≥ 0." },
      { ref: cellRef(optionRow, 2), rule: { kind: "list", source: "DTI_LIST_YESNO" }, promptTitle: "Tùy chọn", prompt: "Có hoặc Không.", errorTitle: "Sai", error: "Chỉ Có hoặc Không." },
    ],
    conditionalFormats: [{ ref: `D${FIRST + 1}:D${last}`, formula: `AND(D${FIRST + 1}<>"",D${FIRST + 1}<1)`, fill: "#FCE4D6", fontColor: "#9C0006" }],
    freeze: { rows: 2, columns: 1 },
    print: { landscape: true, repeatRows: "2:2" },
  });
  const summary = sheet(
    SUMMARY,
    [
      ["Tổng điểm", { f: `SUM('${INPUT}'!D${FIRST + 1}:D${last})` }],
      ["Chỉ số 1.1", { f: "DTI_1_1_SCORE" }],
      ["Ghi chú", { f: `"Xem trang '${INPUT}'!A1"` }],
    ],
    { role: "summary", columnWidths: [20, 12], charts: [{ title: "Điểm", categories: "A1:A2", values: "B1:B2", from: "D2", to: "J20" }] },
  );
  names.push({ name: "DTI_TOTAL", sheet: SUMMARY, ref: "$B$1", kind: "total" });
  const lists = sheet(LISTS, [["Có"], ["Không"]], { role: "lists", visibility: "hidden", columnWidths: [20, 0] });
  names.push({ name: "DTI_LIST_YESNO", sheet: LISTS, ref: "$A$1:$A$2", kind: "option" });
  const meta = sheet(META, [["indicatorSet", "test"], ["templateVersion", 1]], { role: "meta", visibility: "veryHidden", columnWidths: [18, 24] });
  names.push({ name: "DTI_META_SET", sheet: META, ref: "$B$1", kind: "meta" });
  return { indicatorSet: "test", templateVersion: 1, formulas: "portable", sheets: [input, summary, lists, meta], names };
}

const always =
  (choice: ConflictChoice) =>
  (): ConflictChoice =>
    choice;

/** The sheet a user typed into, with two rows inserted above the indicators (everything moved down by 2). */
function typedEarlierCopy(rows: number, values: Readonly<Record<number, CellContent>>): { sheets: SeedSheet[]; names: { name: string; ref: string }[] } {
  const cells: Record<string, Exclude<CellContent, { f: string }> | { formula: string; value?: number }> = { A1: "CHỈ SỐ THỬ", A3: "dòng người dùng chèn", B4: "ghi chú" };
  const names: { name: string; ref: string }[] = [];
  for (let i = 1; i <= rows; i++) {
    const row = FIRST + 1 + i - 1 + 2; // moved down by the 2 inserted rows
    cells[`A${row}`] = `1.${i}`;
    const v = values[i];
    if (v !== undefined && v !== null && typeof v !== "object") cells[`C${row}`] = v;
    cells[`D${row}`] = { formula: `=IF(C${row}="","",C${row}*2)`, value: typeof v === "number" ? v * 2 : undefined };
    names.push({ name: `DTI_1_${i}_a`, ref: `='${INPUT}'!$C$${row}` });
    names.push({ name: `DTI_1_${i}_SCORE`, ref: `='${INPUT}'!$D$${row}` });
  }
  return { sheets: [{ name: INPUT, cells, protection: {} }], names };
}

// ------------------------------------------------------------------ round trips

describe("round trips do not depend on the number of rows", () => {
  const write = async (rows: number, choice: ConflictChoice, seeded: boolean): Promise<{ fake: FakeExcel; result: WriteResult }> => {
    const fake = new FakeExcel();
    if (seeded) fake.seed(typedEarlierCopy(rows, { 1: 5 }));
    const result = await writeLayout(fake.context, tinyLayout(rows), always(choice));
    return { fake, result };
  };

  it("creating the sheets: 3 syncs for 10 rows and for 1,000 rows", async () => {
    const small = await write(10, "rename", false);
    const large = await write(1000, "rename", false);
    expect(small.fake.syncCount).toBe(3);
    expect(large.fake.syncCount).toBe(3);
    expect(large.result.syncs).toBe(3);
  });

  it("updating in place: 4 syncs for 10 rows and for 1,000 rows", async () => {
    const small = await write(10, "update", true);
    const large = await write(1000, "update", true);
    expect(small.fake.syncCount).toBe(4);
    expect(large.fake.syncCount).toBe(4);
    expect(large.result.preserved).toContain("DTI_1_1_a");
  });

  it("calculation is suspended for the whole write and recalculated afterwards", async () => {
    const { fake } = await write(1000, "rename", false);
    const writeBatch = fake.syncLog.find((s) => s.contentWrites > 0);
    expect(writeBatch?.contentWrites).toBeGreaterThan(0);
    expect(fake.contentWritesWhileCalculating).toBe(0);
    expect(fake.recalculations).toEqual([{ type: "Full", whileSuspended: false }]);
  });

  it("each sheet's grid is one 2-D write", async () => {
    const { fake } = await write(1000, "rename", false);
    expect(fake.syncLog.reduce((s, r) => s + r.contentWrites, 0)).toBe(4); // four sheets
  });
});

// ------------------------------------------------------------------ the template as written

describe("a fresh workbook gets the whole layout", () => {
  let fake: FakeExcel;
  let result: WriteResult;
  beforeAll(async () => {
    fake = new FakeExcel();
    result = await writeLayout(fake.context, tinyLayout(3), always("cancel"));
  });

  it("creates every sheet without asking", () => {
    expect(result.plan.cancelled).toBe(false);
    expect(fake.sheetNames()).toEqual(["Sheet1", INPUT, SUMMARY, LISTS, META]);
    expect(fake.activeSheet).toBe(INPUT);
  });

  it("writes constants as values, formulas with '=', text that looks like a number as text", () => {
    const s = fake.sheet(INPUT);
    expect(s.value("A3")).toBe("1.1");
    expect(s.cell("A3").valueType).toBe("String");
    expect(s.formula("D3")).toBe('=IF(C3="","",C3*2)');
    expect(s.value("C3")).toBe("");
    expect(s.value("C6")).toBe("Không");
  });

  it("every defined name exists and points at its sheet and cell", () => {
    for (const n of tinyLayout(3).names) expect(fake.resolveName(n.name)).toEqual({ sheet: n.sheet, address: n.ref });
  });

  it("input cells are unlocked and the sheets protected", () => {
    const s = fake.sheet(INPUT);
    expect([s.cell("C3").locked, s.cell("C5").locked, s.cell("C6").locked]).toEqual([false, false, false]);
    expect([s.cell("D3").locked, s.cell("A1").locked]).toEqual([true, true]);
    for (const name of [INPUT, SUMMARY, LISTS, META]) expect(fake.sheet(name).protection.protected).toBe(true);
    expect(s.protection.options).toEqual({ allowFormatColumns: true, allowFormatRows: true });
  });

  it("formats, widths, heights, merges, freeze panes and print set-up", () => {
    const s = fake.sheet(INPUT);
    expect(s.cell("B2")).toMatchObject({ bold: true, fill: "#1F4E79", fontColor: "#FFFFFF", wrap: true, borders: { top: "Continuous", bottom: "Continuous" } });
    expect(s.cell("C4")).toMatchObject({ fill: "#FFF2CC", numberFormat: "#,##0" });
    expect(s.cell("D5")).toMatchObject({ numberFormat: "0.00", horizontal: "Right", vertical: "Center" });
    expect(s.columnWidth("B")).toBe(columnWidthPoints(40));
    expect(s.rowHeight(2)).toBe(30);
    expect(s.merges).toEqual(["A1:D1"]);
    expect(s.freeze).toEqual({ rows: 2, columns: 1 });
    expect(s.pageLayout).toEqual({ orientation: "Landscape", paperSize: "A4", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, printTitleRows: "$2:$2" });
    expect(fake.sheet(LISTS).columnHidden("B")).toBe(true);
  });

  it("validations and conditional formats", () => {
    const s = fake.sheet(INPUT);
    expect(s.validation("C4")).toMatchObject({
      rule: { wholeNumber: { formula1: 0, operator: "GreaterThanOrEqualTo" } },
      prompt: { showPrompt: true, title: "Số liệu a" },
      errorAlert: { showAlert: true, style: "Stop", title: "Không hợp lệ" },
    });
    expect(s.validation("C6")?.rule).toEqual({ list: { inCellDropDown: true, source: "=DTI_LIST_YESNO" } });
    expect(s.conditionalFormats).toEqual([{ ref: "D3:D5", type: "Custom", formula: '=AND(D3<>"",D3<1)', fill: "#FCE4D6", fontColor: "#9C0006" }]);
  });

  it("visibility and the chart", () => {
    expect([fake.sheet(LISTS).visibility, fake.sheet(META).visibility]).toEqual(["Hidden", "VeryHidden"]);
    expect(fake.sheet(SUMMARY).charts).toEqual([
      expect.objectContaining({ name: `${CHART_NAME_PREFIX}1`, type: "BarClustered", source: `'${SUMMARY}'!B1:B2`, categories: `'${SUMMARY}'!A1:A2`, title: "Điểm", legendVisible: false }),
    ]);
  });
});

it("a formula in a column formatted as text is still a formula (the grid is written before the formats)", async () => {
  const layout = tinyLayout(2);
  const input = layout.sheets[0] as SheetLayout;
  const textColumn: WorkbookLayout = { ...layout, sheets: [{ ...input, formats: [...input.formats, { ref: "D1:D5", format: { numberFormat: "@" } }] }, ...layout.sheets.slice(1)] };
  const fake = new FakeExcel();
  await writeLayout(fake.context, textColumn, always("rename"));
  expect(fake.sheet(INPUT).cell("D3")).toMatchObject({ formula: '=IF(C3="","",C3*2)', numberFormat: "@" });
});

it("an ExcelApi 1.8 host gets everything but the print set-up", async () => {
  const fake = new FakeExcel({ excelApi: "1.8" });
  const result = await writeLayout(fake.context, tinyLayout(3), always("rename"), fake.supports);
  expect(result.syncs).toBe(3);
  expect(fake.sheet(INPUT).pageLayout.orientation).toBe("Portrait");
  expect(fake.resolveName("DTI_TOTAL")).toEqual({ sheet: SUMMARY, address: "$B$1" });
});

// ------------------------------------------------------------------ never lose data

describe("never lose data", () => {
  it("rename: a sheet of the same name gets a new 'Name (2)' and the old one is untouched", async () => {
    const fake = new FakeExcel().seed({
      sheets: [{ name: INPUT, rows: [["Dữ liệu của tôi", 123, { formula: "=B1*2", value: 246 }]], merges: ["D1:E1"] }],
      names: [{ name: "MY_OWN", ref: `='${INPUT}'!$B$1` }],
    });
    const old = JSON.stringify((fake.snapshot() as { sheets: unknown[] }).sheets[1]);
    const asked: string[] = [];
    const result = await writeLayout(fake.context, tinyLayout(3), (name) => {
      asked.push(name);
      return "rename";
    });
    expect(asked).toEqual([INPUT]);
    expect(fake.sheetNames()).toEqual(["Sheet1", INPUT, `${INPUT} (2)`, SUMMARY, LISTS, META]);
    expect(JSON.stringify((fake.snapshot() as { sheets: unknown[] }).sheets[1])).toBe(old);
    expect(fake.resolveName("MY_OWN")).toEqual({ sheet: INPUT, address: "$B$1" });
    // Names and formulas follow the sheet to its new name.
    expect(fake.resolveName("DTI_1_1_a")).toEqual({ sheet: `${INPUT} (2)`, address: "$C$3" });
    expect(fake.sheet(SUMMARY).formula("B1")).toBe(`=SUM('${INPUT} (2)'!D3:D5)`);
    expect(fake.sheet(SUMMARY).formula("B3")).toBe(`="Xem trang '${INPUT}'!A1"`); // text, not a reference
    expect(result.plan.sheets.find((p) => p.sheet.name === INPUT)?.targetName).toBe(`${INPUT} (2)`);
  });

  it("cancel: nothing at all is written, and no round trip follows the decision", async () => {
    const fake = new FakeExcel().seed({ sheets: [{ name: SUMMARY, rows: [["của tôi"]] }] });
    const before = JSON.stringify(fake.snapshot());
    const result = await writeLayout(fake.context, tinyLayout(3), async (): Promise<ConflictChoice> => {
      await new Promise((resolve) => setTimeout(resolve, 5)); // a dialog
      return "cancel";
    });
    expect(result.plan.cancelled).toBe(true);
    expect(result.syncs).toBe(1);
    expect(fake.syncCount).toBe(1);
    expect(JSON.stringify(fake.snapshot())).toBe(before);
  });

  it("cancel on the second clash still writes nothing", async () => {
    const fake = new FakeExcel().seed({ sheets: [{ name: INPUT }, { name: SUMMARY }] });
    const before = JSON.stringify(fake.snapshot());
    const answers: ConflictChoice[] = ["rename", "cancel"];
    const result = await writeLayout(fake.context, tinyLayout(3), () => answers.shift() as ConflictChoice);
    expect(result.plan.cancelled).toBe(true);
    expect(JSON.stringify(fake.snapshot())).toBe(before);
  });

  describe("update: typed inputs are kept by defined name, even after rows were inserted", () => {
    let fake: FakeExcel;
    let result: WriteResult;
    beforeAll(async () => {
      fake = new FakeExcel();
      const copy = typedEarlierCopy(3, { 1: 120, 3: 7 });
      fake.seed({
        sheets: [
          {
            ...(copy.sheets[0] as SeedSheet),
            cells: {
              ...(copy.sheets[0] as SeedSheet).cells,
              D4: { value: "", numberFormat: "@" }, // text format where the new template puts a formula
              C8: "Có", // the option, moved from C6
              D8: 99, // typed where the new template has a formula
              E9: { error: "#N/A" },
              E10: { formula: "=1+1", value: 2 },
              F11: 55,
            },
          },
          { name: SUMMARY, charts: [{ name: `${CHART_NAME_PREFIX}1`, source: "B1:B2" }, { name: "Biểu đồ của tôi", source: "B1:B2" }] },
          { name: LISTS, visibility: "Hidden", rows: [["Có"], ["Không"], ["cũ"]] },
        ],
        names: [
          ...copy.names,
          { name: "DTI_OPT", ref: `='${INPUT}'!$C$8` },
          { name: "DTI_INFO_9", ref: `='${INPUT}'!$D$8` },
          { name: "DTI_1_2_a", ref: `='${INPUT}'!$E$9` }, // holds an error
          { name: "DTI_1_3_a", ref: `='${INPUT}'!$E$10` }, // a formula typed by the user
          { name: "DTI_9_9_a", ref: `='${INPUT}'!$F$11` }, // an input the new template no longer has
        ],
      });
      result = await writeLayout(fake.context, tinyLayout(3), always("update"));
    });

    it("rewrites the sheet in place, at the template's positions", () => {
      expect(fake.sheetNames()).toEqual(["Sheet1", INPUT, SUMMARY, LISTS, META]);
      const s = fake.sheet(INPUT);
      expect(s.values("A1:A3")).toEqual([["CHỈ SỐ THỬ"], ["Mã"], ["1.1"]]);
      expect(s.value("B4")).toBe("Chỉ số 1.2"); // the user's note there is gone with the old layout
      expect(s.value("F11")).toBe("");
      expect(s.formula("D4")).toBe('=IF(C4="","",C4*2)'); // old formats are cleared before the grid is written
    });

    it("keeps every value typed into an input, matched by name, not by position", () => {
      expect(fake.sheet(INPUT).value("C3")).toBe(120);
      expect(fake.sheet(INPUT).value("C6")).toBe("Có");
      expect(result.preserved).toEqual(expect.arrayContaining(["DTI_1_1_a", "DTI_OPT"]));
      expect(fake.resolveName("DTI_1_1_a")).toEqual({ sheet: INPUT, address: "$C$3" });
      expect(fake.resolveName("DTI_OPT")).toEqual({ sheet: INPUT, address: "$C$6" });
    });

    it("never writes a kept value over a formula, and reports what it could not carry", () => {
      expect(fake.sheet(INPUT).formula("D6")).toBe("=SUM(D3:D5)");
      expect(fake.sheet(INPUT).value("C5")).toBe(""); // the user's formula was not carried…
      expect([...result.notPlaced].sort()).toEqual(["DTI_1_2_a", "DTI_1_3_a", "DTI_9_9_a", "DTI_INFO_9"]); // …but reported
    });

    it("re-protects the sheet, keeps the user's chart and replaces its own", () => {
      expect(fake.sheet(INPUT).protection.protected).toBe(true);
      expect(fake.sheet(INPUT).cell("C3").locked).toBe(false);
      expect(fake.sheet(SUMMARY).charts.map((c) => c.name)).toEqual(["Biểu đồ của tôi", `${CHART_NAME_PREFIX}1`]);
      expect(fake.sheet(LISTS).values("A1:A3")).toEqual([["Có"], ["Không"], [""]]);
    });
  });

  it("update of a sheet protected with a password stops before any write", async () => {
    const fake = new FakeExcel().seed({ sheets: [{ name: INPUT, rows: [["x", 1]], protection: { password: "bí mật" } }] });
    const before = JSON.stringify(fake.snapshot());
    const failure = writeLayout(fake.context, tinyLayout(3), always("update"));
    await expect(failure).rejects.toBeInstanceOf(WriteLayoutError);
    await expect(failure).rejects.toMatchObject({ code: "sheet-protected" });
    expect(JSON.stringify(fake.snapshot())).toBe(before);
    expect(fake.syncCount).toBe(2);
  });

  it("update when a typed input's name covers several cells: refuse before any write, naming it (issue 9)", async () => {
    const copy = typedEarlierCopy(3, { 1: 120, 2: 5 });
    const names = copy.names.map((n) => (n.name === "DTI_1_2_a" ? { ...n, ref: n.ref.replace(/\$(\d+)$/, (_m, row: string) => `$${row}:$C$${Number(row) + 1}`) } : n));
    const fake = new FakeExcel().seed({ sheets: copy.sheets, names });
    const before = JSON.stringify(fake.snapshot());
    const failure = writeLayout(fake.context, tinyLayout(3), always("update"));
    await expect(failure).rejects.toMatchObject({ code: "ambiguous-names", message: expect.stringMatching(/DTI_1_2_a → .*\$C\$\d+:\$C\$\d+.*chưa có gì được ghi/) });
    // Protection is still on, nothing changed, and the refusal came right after the first read.
    expect(JSON.stringify(fake.snapshot())).toBe(before);
    expect(fake.syncCount).toBe(1);
  });

  it("a visible sheet named like a hidden helper sheet is the user's: refuse before asking or writing", async () => {
    const fake = new FakeExcel().seed({ sheets: [{ name: LISTS, rows: [["danh mục khách hàng của tôi"]] }] });
    const before = JSON.stringify(fake.snapshot());
    const choose = jest.fn(always("update"));
    await expect(writeLayout(fake.context, tinyLayout(3), choose)).rejects.toMatchObject({ code: "helper-sheet-clash" });
    expect(choose).not.toHaveBeenCalled();
    expect(JSON.stringify(fake.snapshot())).toBe(before);
  });
});

// ------------------------------------------------------------------ helpers

describe("cell entries and references", () => {
  it("keeps text that Excel would read as a number, a date or a formula as text", () => {
    expect(cellEntry("3.1")).toBe("'3.1");
    expect(cellEntry("1/2")).toBe("'1/2");
    expect(cellEntry("=not a formula")).toBe("'=not a formula");
    expect(cellEntry("TRUE")).toBe("'TRUE");
    expect(cellEntry("Có")).toBe("Có");
    expect(cellEntry(null)).toBe("");
    expect(cellEntry(0.25)).toBe(0.25);
    expect(cellEntry({ f: "SUM(A1:A2)" })).toBe("=SUM(A1:A2)");
  });

  it("rewrites sheet references for renamed sheets, outside string literals", () => {
    const rename = new Map([["chỉ số dti 2022", "Chỉ số DTI 2022 (2)"], ["dti_meta", "DTI_META (2)"]]);
    expect(retargetSheets(`'Chỉ số DTI 2022'!F12+DTI_META!B1`, rename)).toBe(`'Chỉ số DTI 2022 (2)'!F12+'DTI_META (2)'!B1`);
    expect(retargetSheets(`"'Chỉ số DTI 2022'!F12"&DTI_TOTAL`, rename)).toBe(`"'Chỉ số DTI 2022'!F12"&DTI_TOTAL`);
    expect(retargetSheets(`'Other'!A1`, rename)).toBe(`'Other'!A1`);
  });

  it("converts column widths as Excel stores them (8.43 → 64 px → 48 pt)", () => {
    expect(columnWidthPoints(9.140625)).toBe(48);
    expect(columnWidthPoints(20)).toBe(105);
  });
});

// ------------------------------------------------------------------ the real template

describe("the full 2022 template (buildWorkbookLayout, portable formulas)", () => {
  const layout = buildWorkbookLayout(dtiProvince2022, { formulas: "portable" });

  it("leaves in Excel exactly the layout the golden files describe, as the .xlsx adapter does", async () => {
    const fake = new FakeExcel();
    await writeLayout(fake.context, layout, always("rename"), fake.supports);
    expect(fakeCellSnapshot(fake, layout)).toBe(cellLevelSnapshot(layout));
  });

  it("writes in 3 round trips and every layout name resolves to its sheet and cell", async () => {
    const fake = new FakeExcel();
    const result = await writeLayout(fake.context, layout, always("rename"), fake.supports);
    expect(result.syncs).toBe(3);
    expect(fake.syncCount).toBeLessThanOrEqual(5);
    expect(fake.contentWritesWhileCalculating).toBe(0);
    for (const n of layout.names) expect(fake.resolveName(n.name)).toEqual({ sheet: n.sheet, address: n.ref });
  });

  it("an update keeps typed annotations (target, evidence, note) and leaves the task tracker as it is", async () => {
    const fake = new FakeExcel();
    await writeLayout(fake.context, layout, always("rename"));
    const evidence = layout.names.find((n) => n.name === "DTI_3_1_EVIDENCE");
    const tasks = layout.sheets.find((s) => s.role === "tasks")?.name as string;
    expect(evidence?.kind).toBe("note");
    const ws = fake.context.workbook.worksheets;
    ws.getItem(evidence!.sheet).getRange(evidence!.ref).values = [["Báo cáo 12/BC-STTTT"]];
    ws.getItem(tasks).getRange("B5").values = [["Nhiệm vụ do phòng tự thêm"]];
    await fake.context.sync();
    const update = await writeLayout(fake.context, layout, always("update"));
    expect(update.plan.summary.join(" ")).toMatch(/Giữ nguyên trang tính "Nhiệm vụ"/);
    expect(fake.sheet(evidence!.sheet).value(evidence!.ref.replace(/\$/g, ""))).toBe("Báo cáo 12/BC-STTTT");
    expect(fake.sheet(tasks).value("B5")).toBe("Nhiệm vụ do phòng tự thêm");
  });

  it("an update keeps what was typed (4 round trips), and a second copy beside it is renamed", async () => {
    const fake = new FakeExcel();
    await writeLayout(fake.context, layout, always("rename"));
    const inputs = layout.names.filter((n) => n.kind === "input" || n.kind === "info" || n.kind === "note");
    const typed = inputs.filter((n) => fake.sheet(n.sheet).formula(n.ref.replace(/\$/g, "")) === "").slice(0, 20);
    expect(typed.length).toBeGreaterThan(5);
    // Type figures through the API, as a user would (the sheets are protected; inputs are not locked).
    typed.forEach((n, i) => {
      fake.context.workbook.worksheets.getItem(n.sheet).getRange(n.ref).values = [[100 + i]];
    });
    await fake.context.sync();
    const before = fake.syncCount;
    const update = await writeLayout(fake.context, layout, always("update"));
    expect(fake.syncCount - before).toBe(4);
    expect(update.syncs).toBe(4);
    typed.forEach((n, i) => expect(fake.sheet(n.sheet).value(n.ref.replace(/\$/g, ""))).toBe(100 + i));
    expect(update.notPlaced).toEqual([]);
    expect(update.plan.sheets.find((p) => p.sheet.role === "tasks")?.action).toBe("keep");
    // The visible sheets are renamed; the hidden helper sheets are shared, so updated in place.
    const renamed = await writeLayout(fake.context, layout, always("rename"));
    expect(renamed.syncs).toBe(4);
    expect(renamed.plan.sheets.filter((p) => p.action === "update").map((p) => p.sheet.role)).toEqual(["lists", "meta"]);
    const indicators = renamed.plan.sheets.find((p) => p.sheet.role === "indicators")?.targetName as string;
    expect(indicators).toMatch(/ \(2\)$/);
    for (const n of layout.names) {
      const target = renamed.plan.sheets.find((p) => p.sheet.name === n.sheet)?.targetName;
      expect(fake.resolveName(n.name)).toEqual({ sheet: target, address: n.ref });
    }
  });
});
