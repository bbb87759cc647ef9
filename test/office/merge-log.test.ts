/**
 * The pane's merge log (src/office/merge-log.ts) on the fake Excel host: the sheet "Nhật ký gộp"
 * is created with its header and protected; a later merge appends below the last row, through
 * the protection, in a fixed number of round trips whatever the number of rows.
 */
import { appendMergeLog } from "../../src/office/merge-log";
import { MERGE_LOG_HEADERS, MERGE_LOG_SHEET } from "../../src/layout/merge-log";
import { FakeExcel } from "../fakes/excel";

const row = (n: number): (string | number)[] => ["04/12/2026 15:05", "Quý III/2026", "Sở TTTT", "so-tttt.xlsx", "DTI_3_1_a", "Chỉ số DTI 2022!G40", n, n + 1];

describe("appendMergeLog (pane)", () => {
  it("creates the sheet with its header, the rows below, protected; then appends, in 2 and 3 round trips", async () => {
    const fake = new FakeExcel().seed({ sheets: [{ name: "Thông tin chung", cells: {} }] });
    fake.syncCount = 0;
    expect(await appendMergeLog(fake.context, [row(1), row(2)])).toBe(2);
    expect(fake.syncCount).toBe(2);
    const sheet = fake.sheet(MERGE_LOG_SHEET);
    expect(sheet.values("A1:H1")).toEqual([[...MERGE_LOG_HEADERS]]);
    expect(sheet.values("A2:H3")).toEqual([row(1), row(2)]);
    expect(sheet.protection.protected).toBe(true);

    const many = Array.from({ length: 200 }, (_, n) => row(10 + n));
    fake.syncCount = 0;
    expect(await appendMergeLog(fake.context, many)).toBe(200);
    expect(fake.syncCount).toBe(3);
    expect(sheet.values("A4:H4")).toEqual([row(10)]);
    expect(sheet.values("A203:H203")).toEqual([row(209)]);
    expect(sheet.value("A204")).toBe("");
    // Put back with the options it had.
    expect(sheet.protection).toMatchObject({ protected: true, options: expect.objectContaining({ allowSort: true, allowAutoFilter: true }) });
  });

  it("writes nothing and makes no round trip when nothing was written", async () => {
    const fake = new FakeExcel().seed({ sheets: [{ name: "Thông tin chung", cells: {} }] });
    fake.syncCount = 0;
    expect(await appendMergeLog(fake.context, [])).toBe(0);
    expect(fake.syncCount).toBe(0);
    const sheets = fake.context.workbook.worksheets.load("items/name");
    await fake.context.sync();
    expect(sheets.items.map((ws) => ws.name)).not.toContain(MERGE_LOG_SHEET);
  });
});
