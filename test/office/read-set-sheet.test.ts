/**
 * Reading an indicator set from a sheet of the open workbook through Office.js (the fake host):
 * one round trip, the same set back, and every problem named by its cell.
 */
import { join } from "path";
import { dtiProvince2020, dtiProvince2022 } from "../../src/catalog";
import { loadIndicatorSetFile } from "../../src/cli/set-file";
import { indicatorSetToSheet, SET_SHEET_COLUMNS, SET_SHEET_NAME } from "../../src/layout/set-sheet";
import { buildSetSheet, buildWorkbookLayout } from "../../src/layout/build";
import { TEMPLATE_VERSION } from "../../src/layout/names";
import type { IndicatorSet } from "../../src/catalog/schema";
import { readIndicatorSetSheet } from "../../src/office/read-set-sheet";
import { writeLayout } from "../../src/office/write-layout";
import { FakeExcel } from "../fakes/excel";

const DISTRICT = loadIndicatorSetFile(join(__dirname, "..", "fixtures", "sets", "district-example.json"));

/** A workbook holding only the set sheet, written by the Office.js layout writer. */
async function workbookWith(set: IndicatorSet): Promise<FakeExcel> {
  const fake = new FakeExcel();
  const sheet = buildSetSheet(set, { embedded: false, protect: false });
  await writeLayout(fake.context, { indicatorSet: set.id, templateVersion: TEMPLATE_VERSION, formulas: "portable", sheets: [sheet], names: [] }, () => "rename", fake.supports);
  return fake;
}

describe("readIndicatorSetSheet", () => {
  it.each([
    ["dti-province-2022", dtiProvince2022],
    ["dti-province-2020", dtiProvince2020],
    ["huyen-2023", DISTRICT],
  ])("reads %s back equal, in exactly 2 syncs", async (_id, set) => {
    const fake = await workbookWith(set);
    const before = fake.syncCount;
    const read = await readIndicatorSetSheet(fake.context);
    expect(fake.syncCount - before).toBe(2);
    expect(read).toEqual({ set });
  });

  it("reads the set a template of a set that is not built in carries", async () => {
    const fake = new FakeExcel();
    await writeLayout(fake.context, buildWorkbookLayout(DISTRICT), () => "rename", fake.supports);
    const before = fake.syncCount;
    expect(await readIndicatorSetSheet(fake.context)).toEqual({ set: DISTRICT });
    expect(fake.syncCount - before).toBe(2);
  });

  it("names the cell of a problem, also when the used range does not start at A1", async () => {
    const fake = new FakeExcel();
    const ws = fake.context.workbook.worksheets.add("Bộ của huyện");
    const grid = indicatorSetToSheet(DISTRICT).grid.map((row) => row.map((v) => v ?? ""));
    const r = grid.findIndex((row) => row[0] === "Chỉ số" && row[1] === "1.2");
    const rule = SET_SHEET_COLUMNS.findIndex((c) => c.key === "rule");
    (grid[r] as (string | number)[])[rule] = '{"kind": "ratio"';
    // Without the title row the used range starts at A2.
    grid[0] = grid[0]?.map(() => "") ?? [];
    ws.getRange(`A1:U${grid.length}`).values = grid; // 21 columns (U): "Quy tắc như đã đọc", and the 3 of issue 13 after "Cách hiểu áp dụng"
    await fake.context.sync();
    const before = fake.syncCount;
    const read = await readIndicatorSetSheet(fake.context, "Bộ của huyện");
    expect(fake.syncCount - before).toBe(2);
    expect("errors" in read ? read.errors : []).toEqual([
      expect.stringMatching(new RegExp(`^'Bộ của huyện'!M${r + 1}: quy tắc tính điểm không phải JSON hợp lệ`)),
    ]);
  });

  it("a workbook without the sheet says so in 1 sync, an empty sheet in 2", async () => {
    const fake = new FakeExcel();
    const sheets = fake.context.workbook.worksheets;
    sheets.load("items/name");
    await fake.context.sync();
    expect(sheets.items.map((s) => s.name)).toEqual(["Sheet1"]);
    let before = fake.syncCount;
    expect(await readIndicatorSetSheet(fake.context)).toEqual({ errors: [`Sổ làm việc không có trang "${SET_SHEET_NAME}" chứa bộ chỉ số.`] });
    expect(fake.syncCount - before).toBe(1);
    before = fake.syncCount;
    expect(await readIndicatorSetSheet(fake.context, "Sheet1")).toEqual({ errors: ['Trang "Sheet1" trống: không có bộ chỉ số.'] });
    expect(fake.syncCount - before).toBe(2);
  });
});
