/**
 * "Go to cell": the sheet of a workbook-level name is activated and its cells selected, in
 * two round trips; a missing, broken or hidden target changes nothing and answers false.
 */
import { FakeExcel } from "../fakes/excel";
import { selectName, sheetOfAddress } from "../../src/office/select";
import { writeLayout } from "../../src/office/write-layout";
import { buildWorkbookLayout } from "../../src/layout/build";
import { names, sheetNames } from "../../src/layout/names";
import { dtiProvince2022 } from "../../src/catalog";

const SHEETS = sheetNames(2022);

async function template(): Promise<FakeExcel> {
  const fake = new FakeExcel();
  await writeLayout(fake.context, buildWorkbookLayout(dtiProvince2022), () => "rename", fake.supports);
  fake.syncCount = 0;
  return fake;
}

describe("selectName on the 2022 template", () => {
  it("goes to an input cell on another sheet in 2 round trips", async () => {
    const fake = await template();
    expect(fake.activeSheet).not.toBe(SHEETS.indicators);
    const target = fake.resolveName(names.input("1.1", "a")) as { sheet: string; address: string };
    await expect(selectName(fake.context, names.input("1.1", "a"))).resolves.toBe(true);
    expect(fake.activeSelection).toEqual({ sheet: SHEETS.indicators, address: target.address.replace(/\$/g, "") });
    expect(fake.syncCount).toBe(2);
  });

  it("finds a name regardless of case, and selects every cell of a name over several cells", async () => {
    const fake = await template();
    await expect(selectName(fake.context, names.optionAltThreshold.toLowerCase())).resolves.toBe(true);
    expect(fake.activeSelection).toEqual({ sheet: SHEETS.summary, address: "C3" });
    fake.seed({ names: [{ name: "DTI_BLOCK", ref: `='${SHEETS.info}'!$C$4:$C$6` }] });
    await expect(selectName(fake.context, "DTI_BLOCK")).resolves.toBe(true);
    expect(fake.activeSelection).toEqual({ sheet: SHEETS.info, address: "C4:C6" });
  });

  it("a name on a hidden sheet: false, the sheet stays hidden and nothing else moves", async () => {
    const fake = await template();
    const before = JSON.stringify(fake.snapshot());
    const selection = fake.activeSelection;
    expect(fake.resolveName("DTI_LIST_YESNO")).toMatchObject({ sheet: SHEETS.lists });
    await expect(selectName(fake.context, "DTI_LIST_YESNO")).resolves.toBe(false);
    await expect(selectName(fake.context, names.metaSet)).resolves.toBe(false); // very hidden
    expect(fake.sheet(SHEETS.lists).visibility).toBe("Hidden");
    expect(fake.activeSelection).toEqual(selection);
    expect(JSON.stringify(fake.snapshot())).toBe(before);
    expect(fake.syncCount).toBe(2); // one each: nothing to do after the read
  });
});

describe("selectName: names that lead nowhere", () => {
  const fake = (): FakeExcel =>
    new FakeExcel().seed({
      sheets: [{ name: "O'Brien số liệu" }],
      names: [
        { name: "DTI_GONE", ref: "=#REF!$A$1" },
        { name: "DTI_CONST", ref: "=5" },
        { name: "DTI_QUOTED", ref: "='O''Brien số liệu'!$B$2" },
      ],
    });

  it("missing, broken (#REF!) or not a range: false after one round trip", async () => {
    const f = fake();
    for (const name of ["DTI_NOWHERE", "DTI_GONE", "DTI_CONST"]) await expect(selectName(f.context, name)).resolves.toBe(false);
    expect(f.syncCount).toBe(3);
    expect(f.activeSelection).toEqual({ sheet: "Sheet1", address: "A1" });
  });

  it("a sheet name with an apostrophe and spaces", async () => {
    const f = fake();
    await expect(selectName(f.context, "DTI_QUOTED")).resolves.toBe(true);
    expect(f.activeSelection).toEqual({ sheet: "O'Brien số liệu", address: "B2" });
  });

  it("sheetOfAddress reads the sheet part as Excel writes it", () => {
    expect(sheetOfAddress("'Chỉ số DTI 2022'!$F$14")).toBe("Chỉ số DTI 2022");
    expect(sheetOfAddress("=DTI_META!$B$1")).toBe("DTI_META");
    expect(sheetOfAddress("'O''Brien'!A1")).toBe("O'Brien");
    expect(sheetOfAddress("#REF!")).toBeUndefined();
    expect(sheetOfAddress(5)).toBeUndefined();
  });
});
