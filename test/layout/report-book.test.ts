/**
 * The workbook of `dti report` (src/layout/report-book.ts): golden snapshots of its four sheets,
 * HyperFormula recalculating its difference formulas to the exact differences, and what a
 * reader of the printed report depends on (header rows repeated, figures in place).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { HyperFormula, type RawCellContent } from "hyperformula";
import { findingText } from "../../src/i18n/findings";
import { isFormula } from "../../src/layout/model";
import { names } from "../../src/layout/names";
import { buildReportBook, NONE, REPORT_SHEETS } from "../../src/layout/report-book";
import { sheetSnapshot } from "../../src/layout/snapshot";
import { compile, quarterCells, value } from "../support/report-fixture";

const goldenDir = path.resolve(__dirname, "../golden/report-book");

function typedQuarter() {
  const wb = quarterCells();
  wb.set(names.target("1.1"), value(10));
  wb.set(names.target("1.2"), value(7.5));
  wb.set("DTI_PUB_PILLAR_I", value(0.8123));
  wb.set("DTI_PUB_INDEX", value(0.5234));
  wb.set("DTI_LAST_PERIOD", value("Quý II/2026"));
  wb.set("DTI_LAST_PILLAR_I", value(61.5));
  wb.set("DTI_LAST_TOTAL", value(480));
  wb.set("DTI_LAST_INDEX", value(0.48));
  return compile(wb);
}

describe("the report book", () => {
  const { report } = typedQuarter();
  const book = buildReportBook(report, (f) => findingText(f, "vi"));

  it("has five sheets in Vietnamese, each printed landscape with its header row on every page", () => {
    expect(book.map((s) => s.name)).toEqual([REPORT_SHEETS.report, REPORT_SHEETS.agencies, REPORT_SHEETS.indicators, REPORT_SHEETS.tasks, REPORT_SHEETS.problems]);
    for (const s of book) {
      expect(s.print.landscape).toBe(true);
      const header = Number(s.print.repeatRows?.split(":")[0]);
      expect(s.grid[header - 1]?.filter((c) => typeof c === "string" && c !== "").length).toBeGreaterThanOrEqual(5);
      // The report's first page scrolls freely; the long lists keep their header in view.
      expect(s.freeze.rows).toBe(s.role === "report" ? 0 : header);
    }
  });

  it.each(book.map((s, n) => [s.name, n] as const))("sheet %s matches its golden snapshot", (name, n) => {
    const file = path.join(goldenDir, `${n + 1}-${(book[n] as (typeof book)[number]).role}.txt`);
    const text = sheetSnapshot(book[n] as (typeof book)[number]);
    if (process.env.UPDATE_GOLDEN === "1") {
      mkdirSync(goldenDir, { recursive: true });
      writeFileSync(file, text);
    }
    if (!existsSync(file)) throw new Error(`golden file ${file} is missing: review the layout, then run UPDATE_GOLDEN=1 npx jest test/layout/report-book`);
    expect(text).toBe(readFileSync(file, "utf8"));
    expect(name).toBe(book[n]?.name);
  });

  it("recalculated by HyperFormula, every difference gives the exact difference it carries", () => {
    const sheet = book[0]!;
    const data: RawCellContent[][] = sheet.grid.map((row) => row.map((c) => (c === null ? null : isFormula(c) ? `=${c.f}` : c)));
    const hf = HyperFormula.buildFromSheets({ r: data }, { licenseKey: "gpl-v3" });
    let checked = 0;
    sheet.grid.forEach((row, r) =>
      row.forEach((c, k) => {
        if (c === null || !isFormula(c)) return;
        // HyperFormula shows 10 significant digits: equal to that, relative to the figure.
        const got = hf.getCellValue({ sheet: 0, row: r, col: k }) as number;
        expect(Math.abs(got - (c.result as number))).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(c.result as number)));
        checked++;
      }),
    );
    hf.destroy();
    // I: change from the last period, gap to target, gap to the published value; the total: the same three.
    expect(checked).toBe(6);
  });

  it("shows the figures of the total row and a dash where nothing was typed", () => {
    const sheet = book[0]!;
    const totalRow = sheet.grid.find((row) => row[0] === "Tổng điểm — Chỉ số DTI");
    expect(totalRow?.[2]).toBe(report.summary.total);
    expect(totalRow?.[3]).toBe(report.summary.index);
    expect(totalRow?.[8]).toBe(0.5234);
    const second = sheet.grid.find((row) => typeof row[0] === "string" && row[0].startsWith("II. "));
    expect([second?.[4], second?.[5], second?.[8], second?.[9]]).toEqual([NONE, NONE, NONE, NONE]);
  });

  it("lists each agency's tasks with their state at the due date", () => {
    const sheet = book[3]!;
    const rows = sheet.grid.slice(4).map((r) => [r[0], r[1], r[7]]);
    expect(rows).toContainEqual(["Sở TTTT", "1", "Quá hạn"]);
    expect(rows).toContainEqual(["Sở TTTT", "2", "Hoàn thành"]);
    expect(rows).toContainEqual(["Sở KH&ĐT", "4", "Quá hạn"]);
    expect(rows).toContainEqual(["Sở Nội vụ", "4", "Quá hạn"]);
    expect(rows).toHaveLength(report.agencies.reduce((n, a) => n + a.tasks.length, 0));
  });

  it("names agency and indicator or task on every problem line, the finding's text in Vietnamese", () => {
    const sheet = book[4]!;
    const rows = sheet.grid.slice(4).filter((r) => typeof r[0] === "number");
    expect(rows).toHaveLength(report.problems.length);
    const invalid = rows.find((r) => r[1] === "Số liệu không hợp lệ");
    expect(invalid?.[2]).toBe("Sở Nội vụ");
    expect(invalid?.[3]).toBe("Chỉ số 6.20");
    expect(String(invalid?.[4])).toContain("khoảng 40");
    const late = rows.find((r) => r[1] === "Gửi số liệu muộn");
    expect(late?.slice(2)).toEqual(["Sở KH&ĐT", NONE, "Số liệu gộp lần đầu ngày 26/09/2026, sau hạn 25/09/2026."]);
  });
});
