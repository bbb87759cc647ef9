/**
 * The pane's reading for the quarterly report (src/office/read-report-sources.ts) on the fake
 * Excel host: both sheets whole and the named cells in two round trips however many rows, a
 * missing sheet as null; and what it reads makes the same tasks and log as the CLI's reading.
 */
import { MERGE_LOG_SHEET } from "../../src/layout/merge-log";
import { mergeLogFromGrid, tasksFromGrid, type RawCell } from "../../src/layout/quarterly-report";
import { readReportSources } from "../../src/office/read-report-sources";
import { FakeExcel, type SeedCell } from "../fakes/excel";
import { logGrid, tasksGrid } from "../support/report-fixture";

const seedRows = (grid: readonly (readonly RawCell[])[]): SeedCell[][] => grid.map((row) => Array.from(row, (c) => (c === undefined || c === null ? "" : (c as SeedCell))));

function book(extraLogRows: number) {
  const log = [...logGrid(), ...Array.from({ length: extraLogRows }, (_, n) => [`27/09/2026 0${n % 10}:00`, "Quý III/2026", "Sở Tài chính", "so-tai-chinh.xlsx", `DTI_X_${n}`, "x", 1, 2])];
  return new FakeExcel().seed({
    sheets: [
      { name: "Tổng hợp", cells: { B3: "ninh-thuan", B4: 0.5234 } },
      { name: "Nhiệm vụ", rows: seedRows(tasksGrid()) },
      { name: MERGE_LOG_SHEET, rows: seedRows(log) },
    ],
    names: [
      { name: "DTI_CALENDAR", ref: "='Tổng hợp'!$B$3" },
      { name: "DTI_PUB_INDEX", ref: "='Tổng hợp'!$B$4" },
    ],
  });
}

describe("readReportSources (pane)", () => {
  it("reads both sheets and the names in 2 round trips, however long the log", async () => {
    for (const extra of [0, 500]) {
      const fake = book(extra);
      fake.syncCount = 0;
      const src = await readReportSources(fake.context, ["Nhiệm vụ", MERGE_LOG_SHEET], ["DTI_CALENDAR", "DTI_PUB_INDEX", "DTI_LAST_TOTAL"]);
      expect(fake.syncCount).toBe(2);
      expect(mergeLogFromGrid(src.grids.get(MERGE_LOG_SHEET) ?? [])?.length).toBe(5 + extra);
      expect(src.values.get("DTI_CALENDAR")).toEqual({ value: "ninh-thuan" });
      expect(src.values.get("DTI_PUB_INDEX")).toEqual({ value: 0.5234 });
      expect(src.values.get("DTI_LAST_TOTAL")).toBe("missing");
    }
  });

  it("gives the tasks and the log the CLI reads from the same sheets", async () => {
    const src = await readReportSources(book(0).context, ["Nhiệm vụ", MERGE_LOG_SHEET], []);
    const strip = <T extends object>(list: readonly T[] | null) => list?.map((x) => JSON.stringify(x));
    expect(strip(tasksFromGrid(src.grids.get("Nhiệm vụ") ?? []))).toEqual(strip(tasksFromGrid(tasksGrid())));
    expect(strip(mergeLogFromGrid(src.grids.get(MERGE_LOG_SHEET) ?? []))).toEqual(strip(mergeLogFromGrid(logGrid())));
  });

  it("gives null for a sheet the workbook does not have", async () => {
    const fake = new FakeExcel().seed({ sheets: [{ name: "Tổng hợp", cells: {} }] });
    const src = await readReportSources(fake.context, ["Nhiệm vụ", MERGE_LOG_SHEET], []);
    expect(src.grids.get("Nhiệm vụ")).toBeNull();
    expect(src.grids.get(MERGE_LOG_SHEET)).toBeNull();
  });
});
