/**
 * The workbook's switches: "Có"/"Không" in the cell of a defined name, read as the
 * template's formulas read it, written without unprotecting the (unlocked) option cell.
 */
import { FakeExcel } from "../fakes/excel";
import { OPTION_OFF, OPTION_ON, OptionError, optionIsOn, readOption, setOption } from "../../src/office/options";
import { writeLayout } from "../../src/office/write-layout";
import { buildWorkbookLayout } from "../../src/layout/build";
import { names, sheetNames } from "../../src/layout/names";
import { dtiProvince2022 } from "../../src/catalog";

const SUMMARY = sheetNames(2022).summary;
const OPT = names.optionAltThreshold;
const PROTECTION = { allowFormatColumns: true, allowFormatRows: true };

async function template(): Promise<FakeExcel> {
  const fake = new FakeExcel();
  await writeLayout(fake.context, buildWorkbookLayout(dtiProvince2022), () => "rename", fake.supports);
  fake.syncCount = 0;
  return fake;
}

describe("on the 2022 template", () => {
  it("the §2 option starts off; setting it writes Có into its unlocked cell in 2 round trips, the sheet staying protected", async () => {
    const fake = await template();
    await expect(readOption(fake.context, OPT)).resolves.toBe(false);
    fake.syncCount = 0;
    await expect(setOption(fake.context, OPT, true)).resolves.toBe(true);
    expect(fake.syncCount).toBe(2);
    expect(fake.sheet(SUMMARY).value("C3")).toBe(OPTION_ON);
    expect(fake.sheet(SUMMARY).protection).toEqual({ protected: true, options: PROTECTION });
    // The plain write went through (no batch failed), so the sheet was never unprotected.
    expect(fake.syncLog.flatMap((s) => (s.failed ? [s.failed] : []))).toEqual([]);
    await expect(readOption(fake.context, OPT)).resolves.toBe(true);
    await setOption(fake.context, OPT, false);
    expect(fake.sheet(SUMMARY).value("C3")).toBe(OPTION_OFF);
    await expect(readOption(fake.context, OPT)).resolves.toBe(false);
  });

  it("reading takes at most 2 round trips", async () => {
    const fake = await template();
    await readOption(fake.context, OPT);
    expect(fake.syncCount).toBeLessThanOrEqual(2);
  });
});

describe("names that lead nowhere", () => {
  it("missing, broken or constant: setOption answers false and changes nothing; readOption undefined", async () => {
    const fake = new FakeExcel().seed({ names: [{ name: "DTI_GONE", ref: "=#REF!$C$3" }, { name: "DTI_CONST", ref: '="Có"' }] });
    const before = JSON.stringify(fake.snapshot());
    for (const name of ["DTI_NOWHERE", "DTI_GONE", "DTI_CONST"]) await expect(setOption(fake.context, name, true)).resolves.toBe(false);
    expect(JSON.stringify(fake.snapshot())).toBe(before);
    await expect(readOption(fake.context, "DTI_NOWHERE")).resolves.toBeUndefined();
    await expect(readOption(fake.context, "DTI_GONE")).resolves.toBeUndefined();
  });
});

describe("protection", () => {
  const seeded = (locked: boolean, password?: string): FakeExcel =>
    new FakeExcel().seed({
      sheets: [{ name: SUMMARY, cells: { C3: { value: "Không", locked } }, protection: { password, options: PROTECTION } }],
      names: [{ name: OPT, ref: `='${SUMMARY}'!$C$3` }],
    });

  it("an unlocked cell on a password-protected sheet is written as it is", async () => {
    const fake = seeded(false, "pw");
    await expect(setOption(fake.context, OPT, true)).resolves.toBe(true);
    expect(fake.sheet(SUMMARY).value("C3")).toBe("Có");
    expect(fake.syncCount).toBe(2);
  });

  it("a locked cell: unprotected, written, protected again with the same options (3 round trips)", async () => {
    const fake = seeded(true);
    await expect(setOption(fake.context, OPT, true)).resolves.toBe(true);
    expect(fake.sheet(SUMMARY).value("C3")).toBe("Có");
    expect(fake.sheet(SUMMARY).protection).toEqual({ protected: true, options: PROTECTION });
    expect(fake.syncCount).toBe(3);
  });

  it("a locked cell on a password-protected sheet: a Vietnamese error, nothing changed", async () => {
    const fake = seeded(true, "pw");
    const before = JSON.stringify(fake.snapshot());
    const error = await setOption(fake.context, OPT, true).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OptionError);
    expect(error).toMatchObject({ code: "sheet-password" });
    expect((error as Error).message).toMatch(/mật khẩu/);
    expect(JSON.stringify(fake.snapshot())).toBe(before);
  });
});

describe("optionIsOn reads as the formula =X=\"Có\" does", () => {
  it.each([
    ["Có", true],
    ["CÓ", true],
    ["có", true],
    ["Không", false],
    ["", false],
    [null, false],
    [true, false],
    ["Co", false],
  ])("%p → %p", (value, on) => {
    expect(optionIsOn(value)).toBe(on);
  });
});
