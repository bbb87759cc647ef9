/**
 * Writing values by defined name through Office.js (the task pane's merge): three round trips
 * whatever the number of values; never over a formula; names gone and cells changed since
 * they were read are reported, not written.
 */
import { FakeExcel } from "../fakes/excel";
import { readTemplate } from "../../src/office/read-template";
import { asTyped, writeNamedValues } from "../../src/office/write-values";

const SHEET = "Chỉ số DTI 2022";

function workbookWithNames(count: number): FakeExcel {
  const names = Array.from({ length: count }, (_, i) => ({ name: `DTI_1_${i + 1}_a`, ref: `='${SHEET}'!$B$${i + 1}` }));
  return new FakeExcel().seed({ sheets: [{ name: SHEET }], names });
}

describe("round trips", () => {
  it.each([10, 500])("writes %i values in 3 syncs", async (count) => {
    const fake = workbookWithNames(count);
    const writes = Array.from({ length: count }, (_, i) => ({ name: `DTI_1_${i + 1}_a`, value: i * 10 }));
    const r = await writeNamedValues(fake.context, writes);
    expect(fake.syncCount).toBe(3);
    expect(r.written).toHaveLength(count);
    expect(fake.sheet(SHEET).value(`B${count}`)).toBe((count - 1) * 10);
  });

  it("needs no write round trip when nothing can be written", async () => {
    const fake = workbookWithNames(2);
    const r = await writeNamedValues(fake.context, [{ name: "DTI_GONE", value: 1 }]);
    expect(r).toEqual({ written: [], missing: ["DTI_GONE"], formulas: [], changed: [] });
    expect(fake.syncCount).toBe(1);
  });
});

describe("what is written, and what is not", () => {
  const seeded = (): FakeExcel =>
    new FakeExcel().seed({
      sheets: [{ name: SHEET, cells: { B1: 5, B2: { formula: "=B1*2", value: 10 }, B3: "Có", B4: { error: "#N/A" } } }],
      names: [
        { name: "VALUE", ref: `='${SHEET}'!$B$1` },
        { name: "FORMULA", ref: `='${SHEET}'!$B$2` },
        { name: "TEXT", ref: `='${SHEET}'!$B$3` },
        { name: "ERROR", ref: `='${SHEET}'!$B$4` },
        { name: "EMPTY", ref: `='${SHEET}'!$B$5` },
        { name: "LIST", ref: `='${SHEET}'!$C$1:$C$3` },
        { name: "BROKEN", ref: "=#REF!" },
      ],
    });

  it("never over a formula or an error; a missing, broken or several-cell name is reported, not written", async () => {
    const fake = seeded();
    const r = await writeNamedValues(fake.context, [
      { name: "FORMULA", value: 1 },
      { name: "ERROR", value: 2 },
      { name: "GONE", value: 3 },
      { name: "BROKEN", value: 4 },
      { name: "LIST", value: "Không" },
      { name: "value", value: 6 },
    ]);
    // A name over several cells: which cell Excel's formulas use is unclear (issue 9).
    expect(r).toEqual({ written: ["value"], missing: ["GONE", "BROKEN", "LIST"], formulas: ["FORMULA", "ERROR"], changed: [] });
    const sheet = fake.sheet(SHEET);
    expect(sheet.formula("B2")).toBe("=B1*2");
    expect(sheet.value("C1")).toBe("");
    expect(sheet.value("B1")).toBe(6);
  });

  it("only while the cell still holds what the caller saw", async () => {
    const fake = seeded();
    const r = await writeNamedValues(fake.context, [
      { name: "VALUE", value: 7, expected: 4 },
      { name: "TEXT", value: "Không", expected: " Có " },
      { name: "EMPTY", value: 9, expected: null },
    ]);
    expect(r.changed).toEqual(["VALUE"]);
    expect(r.written).toEqual(["TEXT", "EMPTY"]);
    expect(fake.sheet(SHEET).value("B1")).toBe(5);
    expect(fake.sheet(SHEET).value("B5")).toBe(9);
  });

  it("null empties the cell (a clearing the user accepted), only while it holds what was seen, in the same 3 syncs", async () => {
    const fake = seeded();
    const r = await writeNamedValues(fake.context, [
      { name: "VALUE", value: null, expected: 5 },
      { name: "TEXT", value: null, expected: "Không" },
      { name: "FORMULA", value: null, expected: 10 },
    ]);
    expect(r).toEqual({ written: ["VALUE"], missing: [], formulas: ["FORMULA"], changed: ["TEXT"] });
    expect(fake.syncCount).toBe(3);
    expect(fake.sheet(SHEET).value("B1")).toBe("");
    expect(fake.sheet(SHEET).value("B3")).toBe("Có");
    expect(fake.sheet(SHEET).formula("B2")).toBe("=B1*2");
  });

  it("text stays text: no formula, number or boolean is made of it", async () => {
    const fake = seeded();
    const texts = ["=1+1", "0123", "TRUE", "Văn bản số 12/BC-STTTT", "Có", "#N/A"];
    for (const t of texts) {
      await writeNamedValues(fake.context, [{ name: "EMPTY", value: t }]);
      expect(fake.sheet(SHEET).value("B5")).toBe(t);
      expect(fake.sheet(SHEET).formula("B5")).toBe(t);
    }
    expect(asTyped(12)).toBe(12);
    expect(asTyped("Có")).toBe("Có");
  });
});

describe("readTemplate", () => {
  it("the file name, DTI_META!B3 and the named cells, in 2 syncs", async () => {
    const fake = new FakeExcel({ fileName: "so-tong-hop.xlsx" }).seed({
      sheets: [{ name: SHEET, cells: { B1: 5 } }, { name: "DTI_META", cells: { B3: "functions" } }],
      names: [{ name: "VALUE", ref: `='${SHEET}'!$B$1` }],
    });
    const r = await readTemplate(fake.context, ["VALUE", "GONE"]);
    expect(fake.syncCount).toBe(2);
    expect(r.fileName).toBe("so-tong-hop.xlsx");
    expect(r.formulasCell).toBe("functions");
    expect([...r.values]).toEqual([["VALUE", { value: 5 }], ["GONE", "missing"]]);
    // Where each name points, from the same round trips: the merge preview names the cells it replaces.
    expect([...r.refs]).toEqual([["VALUE", `'${SHEET}'!$B$1`]]);
  });

  it("a workbook without DTI_META: no formulas cell, nothing fails", async () => {
    const fake = new FakeExcel();
    const r = await readTemplate(fake.context, ["VALUE"]);
    expect(r).toEqual({ fileName: "Book1", formulasCell: undefined, values: new Map([["VALUE", "missing"]]), refs: new Map(), matched: [] });
    expect(fake.syncCount).toBe(1);
  });

  it("reads the names a predicate picks from the workbook's own (its task rows) in the same 2 syncs, however many", async () => {
    const rows = Array.from({ length: 150 }, (_, i) => i + 1);
    const fake = new FakeExcel().seed({
      sheets: [{ name: SHEET, cells: Object.fromEntries(rows.map((r) => [`F${r}`, r % 2 ? "Hoàn thành" : null])) }],
      names: [{ name: "VALUE", ref: `='${SHEET}'!$B$1` }, ...rows.map((r) => ({ name: `DTI_TASK_${r}_STATUS`, ref: `='${SHEET}'!$F$${r}` }))],
    });
    const r = await readTemplate(fake.context, ["VALUE"], (name) => name.startsWith("DTI_TASK_"));
    expect(fake.syncCount).toBe(2);
    expect(r.matched).toEqual(rows.map((row) => `DTI_TASK_${row}_STATUS`));
    expect(r.values.get("DTI_TASK_149_STATUS")).toEqual({ value: "Hoàn thành" });
    expect(r.values.get("DTI_TASK_150_STATUS")).toEqual({ value: null });
    expect(r.refs.get("DTI_TASK_150_STATUS")).toBe(`'${SHEET}'!$F$150`);
  });
});
