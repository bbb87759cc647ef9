/**
 * Reading defined names through Office.js: two round trips whatever their number, Excel
 * errors reported as errors, broken or absent names as "missing", and names Excel's formulas
 * may resolve to another cell (over several cells, sheet-level twins) as ambiguous, unread.
 */
import { FakeExcel } from "../fakes/excel";
import { troubleVi } from "../../src/layout/name-scope";
import { readNamedValues, type AmbiguousName } from "../../src/office/read-names";
import { toNamedCell } from "../../src/office/read-unit";

const SHEET = "Chỉ số DTI 2022";

function workbookWithNames(count: number): FakeExcel {
  const rows = Array.from({ length: count }, (_, i) => [`1.${i + 1}`, i * 10]);
  const names = Array.from({ length: count }, (_, i) => ({ name: `DTI_1_${i + 1}_a`, ref: `='${SHEET}'!$B$${i + 1}` }));
  return new FakeExcel().seed({ sheets: [{ name: SHEET, rows }], names });
}

describe("round trips", () => {
  it.each([10, 500])("reads %i names in 2 syncs", async (count) => {
    const fake = workbookWithNames(count);
    const wanted = [...Array.from({ length: count }, (_, i) => `DTI_1_${i + 1}_a`), "DTI_NOT_THERE"];
    const values = await readNamedValues(fake.context, wanted);
    expect(fake.syncCount).toBe(2);
    expect(values.size).toBe(count + 1);
    expect(values.get(`DTI_1_${count}_a`)).toEqual({ value: (count - 1) * 10 });
    expect(values.get("DTI_NOT_THERE")).toBe("missing");
  });

  it("two syncs too when no asked name exists (sheet-level names are looked at in the second)", async () => {
    const fake = workbookWithNames(3);
    const values = await readNamedValues(fake.context, ["A_NAME", "ANOTHER"]);
    expect(fake.syncCount).toBe(2);
    expect([...values.values()]).toEqual(["missing", "missing"]);
  });

  it("sheet-level names of many sheets cost no extra round trip", async () => {
    const sheets = Array.from({ length: 30 }, (_, i) => ({ name: `Trang ${i + 1}`, cells: { A1: i } }));
    const names = sheets.map((s) => ({ name: "DTI_1_1_a", ref: `='${s.name}'!$A$1`, sheet: s.name }));
    const fake = new FakeExcel().seed({ sheets, names });
    const values = await readNamedValues(fake.context, ["DTI_1_1_a"]);
    expect(fake.syncCount).toBe(2);
    expect(values.get("DTI_1_1_a")).toMatchObject({ ambiguous: { kind: "sheet-only" } });
  });
});

describe("what a name holds", () => {
  const fake = new FakeExcel().seed({
    sheets: [
      {
        name: SHEET,
        cells: {
          B2: 450000,
          B3: "Hà Nội",
          B4: true,
          B5: null,
          B6: { error: "#N/A" },
          B7: { formula: "=B2/2", value: 225000 },
          B8: { formula: "=1/0", value: { error: "#DIV/0!" } },
          B9: "=not a formula",
        },
      },
      { name: "Old" },
    ],
    names: [
      { name: "NUMBER", ref: `='${SHEET}'!$B$2` },
      { name: "TEXT", ref: `='${SHEET}'!$B$3` },
      { name: "BOOL", ref: `='${SHEET}'!$B$4` },
      { name: "EMPTY", ref: `='${SHEET}'!$B$5` },
      { name: "NA", ref: `='${SHEET}'!$B$6` },
      { name: "FORMULA", ref: `='${SHEET}'!$B$7` },
      { name: "DIV_ZERO", ref: `='${SHEET}'!$B$8` },
      { name: "EQUALS_TEXT", ref: `='${SHEET}'!$B$9` },
      { name: "LIST", ref: `='${SHEET}'!$B$2:$B$4` },
      { name: "BROKEN", ref: "=#REF!" },
      { name: "ON_OLD", ref: "=Old!$A$1" },
      { name: "CONSTANT", ref: "=0.5" },
    ],
  });
  let values: Awaited<ReturnType<typeof readNamedValues>>;
  beforeAll(async () => {
    fake.context.workbook.worksheets.getItem("Old").delete();
    await fake.context.sync();
    values = await readNamedValues(fake.context, [
      "number",
      "TEXT",
      "BOOL",
      "EMPTY",
      "NA",
      "FORMULA",
      "DIV_ZERO",
      "EQUALS_TEXT",
      "LIST",
      "BROKEN",
      "ON_OLD",
      "CONSTANT",
      "TEXT",
    ]);
  });

  it("constants as values, names matched regardless of case", () => {
    expect(values.get("number")).toEqual({ value: 450000 });
    expect(values.get("TEXT")).toEqual({ value: "Hà Nội" });
    expect(values.get("BOOL")).toEqual({ value: true });
    expect(values.get("EMPTY")).toEqual({ value: null });
    expect(values.get("EQUALS_TEXT")).toEqual({ value: "=not a formula" });
    expect(values.get("CONSTANT")).toEqual({ value: 0.5 });
  });

  it("Excel error values as errors", () => {
    expect(values.get("NA")).toEqual({ value: { error: "#N/A" } });
    expect(values.get("DIV_ZERO")).toEqual({ value: { error: "#DIV/0!" }, formula: "=1/0", sheet: SHEET, address: "$B$8" });
  });

  it("a formula with its last computed value, and where the cell is", () => {
    expect(values.get("FORMULA")).toEqual({ value: 225000, formula: "=B2/2", sheet: SHEET, address: "$B$7" });
  });

  it("a name over several cells is ambiguous, not read as its top-left cell (issue 9)", () => {
    expect(values.get("LIST")).toEqual({ ambiguous: { kind: "range", name: "LIST", ref: `'${SHEET}'!$B$2:$B$4` } });
    expect(troubleVi((values.get("LIST") as AmbiguousName).ambiguous)).toContain(`tên LIST trỏ tới vùng nhiều ô '${SHEET}'!$B$2:$B$4`);
    expect(toNamedCell(values.get("LIST"))).toMatchObject({ kind: "broken", trouble: { kind: "range" } });
  });

  it("a broken reference (#REF!, or its sheet deleted) is missing", () => {
    expect(values.get("BROKEN")).toBe("missing");
    expect(values.get("ON_OLD")).toBe("missing");
  });

  it("one entry per asked name, in the order asked", () => {
    expect([...values.keys()]).toEqual(["number", "TEXT", "BOOL", "EMPTY", "NA", "FORMULA", "DIV_ZERO", "EQUALS_TEXT", "LIST", "BROKEN", "ON_OLD", "CONSTANT"]);
  });
});

describe("sheet-level names (Worksheet.names, ExcelApi 1.4)", () => {
  const INFO = "Thông tin chung";
  const COPY = "Chỉ số DTI 2022 (2)";
  const fake = new FakeExcel().seed({
    sheets: [
      { name: INFO, cells: { C7: 596000, C8: 400000 } },
      { name: SHEET, cells: { G51: 318000, G52: 12 } },
      // Copying a sheet in Excel gives the copy a sheet-level twin of every name pointing at it.
      { name: COPY, cells: { G51: 999, G52: 13 } },
    ],
    names: [
      { name: "DTI_INFO_4", ref: `='${INFO}'!$C$7` },
      { name: "DTI_3_1_a", ref: `='${SHEET}'!$G$51` },
      { name: "DTI_3_1_a", ref: `='${COPY}'!$G$51`, sheet: COPY },
      { name: "DTI_3_2_a", ref: `='${COPY}'!$G$52`, sheet: COPY },
    ],
  });
  let values: Awaited<ReturnType<typeof readNamedValues>>;
  beforeAll(async () => {
    values = await readNamedValues(fake.context, ["DTI_INFO_4", "dti_3_1_a", "DTI_3_2_a"]);
  });

  it("a workbook-level name with a sheet-level twin is ambiguous, naming both cells", () => {
    const found = values.get("dti_3_1_a");
    expect(found).toMatchObject({ ambiguous: { kind: "sheet-twin", ref: `'${SHEET}'!$G$51`, locals: [{ sheet: COPY, ref: `'${COPY}'!$G$51` }] } });
    const detail = troubleVi((found as AmbiguousName).ambiguous);
    expect(detail).toContain(`'${SHEET}'!$G$51`);
    expect(detail).toContain(`trang "${COPY}" ('${COPY}'!$G$51)`);
    expect(toNamedCell(found)).toMatchObject({ kind: "broken", trouble: { kind: "sheet-twin" } });
  });

  it("a name that exists only on one sheet is not the template's workbook-level name", () => {
    const found = values.get("DTI_3_2_a");
    expect(found).toMatchObject({ ambiguous: { kind: "sheet-only" } });
    expect(troubleVi((found as AmbiguousName).ambiguous)).toContain(`chỉ có phạm vi trang "${COPY}"`);
  });

  it("a workbook-level name without twin reads as before", () => {
    expect(values.get("DTI_INFO_4")).toEqual({ value: 596000 });
  });

  it("in two round trips", () => {
    expect(fake.syncCount).toBe(2);
  });
});
