/**
 * The ranking book of `dti aggregate` as a layout (src/layout/ranking-book.ts): a golden
 * file of each sheet, the .xlsx file holding exactly that layout, and its formulas
 * recalculated by HyperFormula giving the engine's totals, index, pillar totals, ranks and
 * gaps. (test/e2e/ranking-book.test.ts does the same in LibreOffice.)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { HyperFormula, type RawCellContent } from "hyperformula";
import { writeSheets } from "../../src/xlsx/workbook";
import { cellRef, isFormula, type CellContent } from "../../src/layout/model";
import { RANKING_SHEETS } from "../../src/layout/ranking-book";
import { cellLevelSnapshot, sheetSnapshot } from "../../src/layout/snapshot";
import { registerRank } from "../support/hf-rank";
import { rankingFixture } from "../support/ranking-fixture";
import { xlsxCellSnapshot } from "../support/xlsx-snapshot";

const golden = path.resolve(__dirname, "../golden/ranking-book");
const { input, book, results } = rankingFixture();

function expectGolden(file: string, text: string): void {
  const p = path.join(golden, file);
  if (process.env.UPDATE_GOLDEN === "1") {
    mkdirSync(golden, { recursive: true });
    writeFileSync(p, text);
  }
  if (!existsSync(p)) throw new Error(`golden file ${p} is missing: review the layout, then run UPDATE_GOLDEN=1 npx jest test/layout/ranking-book`);
  expect(text).toBe(readFileSync(p, "utf8"));
}

describe("golden files: a readable snapshot of each sheet of the ranking book", () => {
  it("has the sheets dti aggregate has always written, in that order", () => {
    expect(book.sheets.map((s) => s.name)).toEqual(["Xếp hạng", "Điểm", "Khoảng cách", "Chưa đủ số liệu", "Thông tin tổng hợp"]);
  });
  it.each(book.sheets.map((s) => [s.name, s] as const))("sheet %s", (_name, sheet) => {
    expectGolden(`${sheet.role}.txt`, sheetSnapshot(sheet));
  });
});

describe("the .xlsx writer", () => {
  it("writes the layout exactly: every cell, format and frozen pane, with the engine's numbers as cached results", async () => {
    const wb = new ExcelJS.Workbook();
    await writeSheets(wb, book.sheets);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(await wb.xlsx.writeBuffer());
    const layout = { names: [], sheets: book.sheets };
    expect(xlsxCellSnapshot(back, layout)).toBe(cellLevelSnapshot(layout));
    const scores = back.getWorksheet(RANKING_SHEETS.scores)!;
    const top = results[input.ranking[0]!.position]!;
    expect(scores.getCell("C2").value).toEqual({ formula: expect.any(String), result: top.total.score.toNumber() });
  });
});

const raw = (content: CellContent): RawCellContent => (content === null ? null : isFormula(content) ? `=${content.f}` : content);

describe("recalculated by HyperFormula, the formulas give the engine's numbers", () => {
  registerRank();
  const hf = HyperFormula.buildEmpty({ licenseKey: "gpl-v3", useArrayArithmetic: false, smartRounding: false });
  for (const sheet of book.sheets) hf.addSheet(sheet.name);
  hf.batch(() => {
    for (const sheet of book.sheets) hf.setSheetContent(hf.getSheetId(sheet.name) as number, sheet.grid.map((row) => row.map(raw)));
  });
  afterAll(() => hf.destroy());
  const value = (sheet: string, ref: string): unknown => {
    const [row, col] = [Number(/\d+/.exec(ref)![0]) - 1, ref.charCodeAt(0) - 65];
    return hf.getCellValue({ sheet: hf.getSheetId(sheet) as number, row, col });
  };

  it("every formula cell equals the result the book carries (the engine's), to 1e-9", () => {
    let compared = 0;
    for (const sheet of book.sheets) {
      const id = hf.getSheetId(sheet.name) as number;
      sheet.grid.forEach((row, r) =>
        row.forEach((content, c) => {
          if (content === null || !isFormula(content) || content.result === undefined) return;
          const got = hf.getCellValue({ sheet: id, row: r, col: c });
          const at = `${sheet.name}!${cellRef(r, c)} =${content.f}`;
          if (typeof content.result === "number") expect([at, typeof got === "number" && Math.abs(got - content.result) < 1e-9 ? "ok" : got]).toEqual([at, "ok"]);
          else expect([at, got]).toEqual([at, content.result]);
          compared++;
        }),
      );
    }
    expect(compared).toBeGreaterThan(500);
  });

  it("totals, index and ranks in rank order, ties sharing a rank; gaps to the best", () => {
    const best = Math.max(...results.map((r) => r.total.score.toNumber()));
    input.ranking.forEach((rank, k) => {
      const r = k + 2;
      const u = results[rank.position]!;
      expect(value(RANKING_SHEETS.scores, `B${r}`)).toBe(u.name);
      expect(value(RANKING_SHEETS.scores, `A${r}`)).toBe(rank.rank);
      expect(value(RANKING_SHEETS.ranking, `A${r}`)).toBe(rank.rank);
      expect(value(RANKING_SHEETS.scores, `C${r}`) as number).toBeCloseTo(u.total.score.toNumber(), 9);
      expect(value(RANKING_SHEETS.scores, `D${r}`) as number).toBeCloseTo(u.total.index.toNumber(), 12);
      expect(value(RANKING_SHEETS.ranking, `C${r}`) as number).toBeCloseTo(u.total.score.toNumber(), 9);
      expect(value(RANKING_SHEETS.gaps, `B${r}`) as number).toBeCloseTo(best - u.total.score.toNumber(), 9);
    });
    // The fixture's tie: Sở Nội vụ and Sở Y tế have the same data, so the same rank.
    const ranks = new Map(input.ranking.map((x) => [x.name, x.rank]));
    expect(ranks.get("Sở Nội vụ")).toBe(ranks.get("Sở Y tế"));
  });
});
