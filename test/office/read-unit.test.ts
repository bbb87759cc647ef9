/**
 * Reading the unit typed into a workbook through the Office.js adapter: by name, in two
 * round trips, scoring exactly as the same values given as JSON, and reporting every
 * named cell a hand edit broke.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { dtiProvince2022 as set } from "../../src/catalog";
import { scoreUnits } from "../../src/engine/score";
import type { UnitInput } from "../../src/engine/types";
import { buildWorkbookLayout } from "../../src/layout/build";
import { names } from "../../src/layout/names";
import { readUnit } from "../../src/office/read-unit";
import { writeLayout } from "../../src/office/write-layout";
import { FakeExcel } from "../fakes/excel";
import { namedInputs } from "../support/named-inputs";
import { say } from "../../src/i18n/findings";

const sample = (JSON.parse(readFileSync(path.resolve(__dirname, "../fixtures/sample-province.json"), "utf8")) as { units: UnitInput[] }).units[0] as UnitInput;
const layout = buildWorkbookLayout(set);

async function filledWorkbook(): Promise<FakeExcel> {
  const fake = new FakeExcel();
  await writeLayout(fake.context, layout, () => "rename", fake.supports);
  const sheets = fake.context.workbook.worksheets;
  for (const [name, value] of namedInputs(sample)) {
    const n = layout.names.find((x) => x.name === name);
    if (n && value !== null && typeof value !== "object") sheets.getItem(n.sheet).getRange(n.ref).values = [[value]];
  }
  await fake.context.sync();
  return fake;
}

describe("readUnit", () => {
  it("reads every input by name in 2 round trips and scores like the JSON", async () => {
    const fake = await filledWorkbook();
    const before = fake.syncCount;
    const read = await readUnit(fake.context, set, "Sổ");
    expect(fake.syncCount - before).toBe(2);
    expect(read.problems).toEqual([]);
    expect(read.unit.name).toBe("Ninh Thuận");
    const [fromSheet] = scoreUnits(set, [read.unit], read.options);
    const [fromJson] = scoreUnits(set, [sample]);
    expect(fromSheet?.total.score.toString()).toBe(fromJson?.total.score.toString());
    for (const ind of set.indicators) {
      expect([ind.id, fromSheet?.indicators[ind.id]?.score?.toString()]).toEqual([ind.id, fromJson?.indicators[ind.id]?.score?.toString()]);
    }
  });

  it("reports a deleted named cell by name and indicator; that indicator is missing, the rest is read", async () => {
    const fake = await filledWorkbook();
    fake.context.workbook.names.getItem(names.input("6.12", "b")).delete();
    await fake.context.sync();
    const read = await readUnit(fake.context, set, "Sổ");
    const texts = read.problems.map((p) => say(p, "vi")).join("\n");
    expect(texts).toMatch(/Thiếu ô có tên DTI_6_12_b \(chỉ số 6\.12\)/);
    const [r] = scoreUnits(set, [read.unit], read.options);
    expect(r?.indicators["6.12"]?.status).toBe("missing");
    expect(r?.indicators["3.3"]?.status).toBe("ok");
  });

  it("a workbook without the templates is not read", async () => {
    const fake = new FakeExcel();
    const read = await readUnit(fake.context, set, "Sổ");
    expect(read.problems[0]).toMatchObject({ severity: "fatal", code: "not-a-template" });
  });
});
