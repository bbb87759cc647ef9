/**
 * Reading defined names through Office.js: at most two round trips whatever their number,
 * Excel errors reported as errors, broken or absent names as "missing".
 */
import { FakeExcel } from "../fakes/excel";
import { readNamedValues } from "../../src/office/read-names";

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

  it("needs a single sync when no asked name exists", async () => {
    const fake = workbookWithNames(3);
    const values = await readNamedValues(fake.context, ["A_NAME", "ANOTHER"]);
    expect(fake.syncCount).toBe(1);
    expect([...values.values()]).toEqual(["missing", "missing"]);
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
    expect(values.get("DIV_ZERO")).toEqual({ value: { error: "#DIV/0!" }, formula: "=1/0" });
  });

  it("a formula with its last computed value", () => {
    expect(values.get("FORMULA")).toEqual({ value: 225000, formula: "=B2/2" });
  });

  it("a name over several cells reads as its top-left cell", () => {
    expect(values.get("LIST")).toEqual({ value: 450000 });
  });

  it("a broken reference (#REF!, or its sheet deleted) is missing", () => {
    expect(values.get("BROKEN")).toBe("missing");
    expect(values.get("ON_OLD")).toBe("missing");
  });

  it("one entry per asked name, in the order asked", () => {
    expect([...values.keys()]).toEqual(["number", "TEXT", "BOOL", "EMPTY", "NA", "FORMULA", "DIV_ZERO", "EQUALS_TEXT", "LIST", "BROKEN", "ON_OLD", "CONSTANT"]);
  });
});
