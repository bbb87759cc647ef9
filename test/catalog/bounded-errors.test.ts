/**
 * Bounded error lists (issue 9, point 9): a set sheet — or a set JSON — with thousands of bad
 * cells lists the first 50 problems and "… và N lỗi khác", and reading it costs no more than
 * reading a clean sheet: 20 000 junk cells far to the right used to take a minute, 2.8 GB and
 * print 20 000 lines.
 */
import ExcelJS from "exceljs";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadIndicatorSetFile } from "../../src/cli/set-file";
import { MAX_LISTED_ERRORS, parseIndicatorSet, problemCount, setProblemsText } from "../../src/catalog/load";
import { indicatorSetToSheet, parseIndicatorSetSheet, SET_SHEET_NAME } from "../../src/layout/set-sheet";
import { readSetFromWorkbook, validSet } from "../../src/cli/set-xlsx";

const DISTRICT_FILE = path.join(__dirname, "..", "fixtures", "sets", "district-example.json");
const DISTRICT = loadIndicatorSetFile(DISTRICT_FILE);
const JUNK = 20_000;
const XFD = 16_383; // the last column of a sheet, 0-based

function expectCapped(errors: readonly string[], total: number | undefined, found: number): void {
  expect(errors).toHaveLength(MAX_LISTED_ERRORS + 1);
  expect(total).toBe(found);
  expect(errors[MAX_LISTED_ERRORS]).toBe(`… và ${String(found - MAX_LISTED_ERRORS).replace(/\B(?=(\d{3})+(?!\d))/g, ".")} lỗi khác (chỉ liệt kê 50 lỗi đầu).`);
}

describe("a set sheet with 20 000 junk cells", () => {
  it("far to the right, as a host hands the rows over (sparse): 50 problems and the count, fast", () => {
    const grid: unknown[][] = indicatorSetToSheet(DISTRICT).grid.map((row) => [...row]);
    for (let n = 0; n < JUNK; n++) {
      const row: unknown[] = [];
      row[XFD] = "rác";
      grid.push(row);
    }
    const start = Date.now();
    const parsed = parseIndicatorSetSheet(grid, { file: "huyen.xlsx", sheet: SET_SHEET_NAME });
    expect(Date.now() - start).toBeLessThan(2000);
    if ("set" in parsed) throw new Error("accepted");
    expectCapped(parsed.errors, parsed.total, JUNK);
    expect(parsed.errors[0]).toMatch(/^huyen\.xlsx: 'Bộ chỉ số'!A\d+: dòng \d+ có nội dung nhưng cột "Loại" để trống/);
  });

  it("in a header row full of junk columns: the same cap", () => {
    const grid: unknown[][] = indicatorSetToSheet(DISTRICT).grid.map((row) => [...row]);
    const header = grid.findIndex((row) => row[0] === "Loại") as number;
    for (let c = 0; c < 16_000; c++) (grid[header] as unknown[])[200 + c] = `cột ${c}`;
    const parsed = parseIndicatorSetSheet(grid, { file: "huyen.xlsx", sheet: SET_SHEET_NAME });
    if ("set" in parsed) throw new Error("accepted");
    expectCapped(parsed.errors, parsed.total, 16_000);
  });

  it("in an .xlsx workbook read by the CLI: under 5 s, 50 lines and the count", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(SET_SHEET_NAME);
    indicatorSetToSheet(DISTRICT).grid.forEach((row, r) => row.forEach((v, c) => v !== null && (ws.getCell(r + 1, c + 1).value = v)));
    const first = ws.rowCount + 2;
    for (let n = 0; n < JUNK; n++) ws.getCell(first + n, XFD + 1 - (n % 50)).value = "rác";
    const start = Date.now();
    const parsed = readSetFromWorkbook(wb, "huyen.xlsx");
    const took = Date.now() - start;
    expect(took).toBeLessThan(5000);
    if (parsed === null || "set" in parsed) throw new Error("accepted");
    expectCapped(parsed.errors, parsed.total, JUNK);
    let message = "";
    try {
      validSet(parsed, "huyen.xlsx");
    } catch (e) {
      message = (e as Error).message;
    }
    const lines = message.split("\n");
    expect(lines[0]).toBe("Bộ chỉ số trong huyen.xlsx không hợp lệ (20.000 lỗi):");
    expect(lines).toHaveLength(1 + MAX_LISTED_ERRORS + 1);
    expect(lines[lines.length - 1]).toBe("… và 19.950 lỗi khác (chỉ liệt kê 50 lỗi đầu).");
  }, 30_000);

  it("problems found by the schema check are capped too, and keep their cells", () => {
    const grid: unknown[][] = indicatorSetToSheet(DISTRICT).grid.map((row) => [...row]);
    const maxCol = grid[grid.findIndex((row) => row[0] === "Loại")]?.indexOf("Điểm tối đa") as number;
    // Every indicator and pillar row gets a negative maximum; copies of the indicator rows make hundreds.
    const rows = grid.filter((row) => row[0] === "Chỉ số");
    for (let n = 0; n < 30; n++) for (const row of rows) grid.push([...row]);
    for (const row of grid) if (row[0] === "Chỉ số" || row[0] === "Chỉ số chính") row[maxCol] = -1;
    const parsed = parseIndicatorSetSheet(grid, { file: "huyen.xlsx", sheet: SET_SHEET_NAME });
    if ("set" in parsed) throw new Error("accepted");
    expect(parsed.errors).toHaveLength(MAX_LISTED_ERRORS + 1);
    expect(problemCount(parsed)).toBeGreaterThan(MAX_LISTED_ERRORS);
    expect(parsed.errors[0]).toMatch(/^huyen\.xlsx: 'Bộ chỉ số'![A-Z]+\d+ /);
    expect(parsed.errors[MAX_LISTED_ERRORS]).toMatch(/^… và [\d.]+ lỗi khác/);
  });
});

describe("a set JSON with thousands of problems", () => {
  it("lists 50 and counts the rest, in parseIndicatorSet and in the CLI's message", () => {
    const data = JSON.parse(readFileSync(DISTRICT_FILE, "utf8")) as { indicators: Record<string, unknown>[] };
    const extra = Array.from({ length: 3000 }, (_, n) => ({ ...data.indicators[0], id: `9.${n + 1}`, pillar: "nope" }));
    data.indicators.push(...extra);
    const parsed = parseIndicatorSet(data, "huyen.json");
    if ("set" in parsed) throw new Error("accepted");
    expect(parsed.errors).toHaveLength(MAX_LISTED_ERRORS + 1);
    expect(problemCount(parsed)).toBeGreaterThanOrEqual(3000);
    const text = setProblemsText("huyen.json", parsed);
    expect(text.split("\n")).toHaveLength(1 + MAX_LISTED_ERRORS + 1);

    const dir = mkdtempSync(path.join(tmpdir(), "dti-cap-"));
    try {
      const file = path.join(dir, "huyen.json");
      writeFileSync(file, JSON.stringify(data));
      expect(() => loadIndicatorSetFile(file)).toThrow(/\n… và [\d.]+ lỗi khác \(chỉ liệt kê 50 lỗi đầu\)\.$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a set with few problems lists them all, without a count line", () => {
    const data = JSON.parse(readFileSync(DISTRICT_FILE, "utf8")) as { year: unknown };
    data.year = "x";
    const parsed = parseIndicatorSet(data, "huyen.json");
    if ("set" in parsed) throw new Error("accepted");
    expect(parsed.total).toBeUndefined();
    expect(parsed.errors).toHaveLength(1);
    expect(setProblemsText("huyen.json", parsed)).toBe(`Bộ chỉ số trong huyen.json không hợp lệ (1 lỗi):\n- ${parsed.errors[0]}`);
  });
});
