/**
 * The workbook of `dti trend -o` (src/layout/trend-book.ts): a golden snapshot, and HyperFormula
 * recalculating its change formulas to the engine's differences.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { HyperFormula, type RawCellContent } from "hyperformula";
import { dtiProvince2022 } from "../../src/catalog";
import { scoreUnits } from "../../src/engine/score";
import { buildTrend, type Trend } from "../../src/engine/trend";
import type { UnitInput } from "../../src/engine/types";
import { isFormula } from "../../src/layout/model";
import { sheetSnapshot } from "../../src/layout/snapshot";
import { buildTrendBook } from "../../src/layout/trend-book";

const golden = path.resolve(__dirname, "../golden/trend-book/trend.txt");
const sample = JSON.parse(readFileSync(path.resolve(__dirname, "../fixtures/sample-province.json"), "utf8")) as { units: UnitInput[] };
const full = sample.units[0] as UnitInput;
const earlier: UnitInput = { ...full, values: Object.fromEntries(Object.entries(full.values).filter(([id]) => id !== "3.1" && id !== "6.2")) };

function trendOf(): Trend {
  const [q2] = scoreUnits(dtiProvince2022, [full]);
  const [q1] = scoreUnits(dtiProvince2022, [earlier]);
  const t = buildTrend([
    { file: "quy-2.xlsx", period: { kind: "quarter", year: 2026, quarter: 2 }, setId: dtiProvince2022.id, result: q2! },
    { file: "quy-1.xlsx", period: { kind: "quarter", year: 2026, quarter: 1 }, setId: dtiProvince2022.id, result: q1! },
  ]);
  if ("errors" in t) throw new Error(t.errors.join("\n"));
  return t;
}

describe("the trend book", () => {
  const trend = trendOf();
  const book = buildTrendBook(trend);

  it("matches its golden snapshot", () => {
    const text = sheetSnapshot(book);
    if (process.env.UPDATE_GOLDEN === "1") {
      mkdirSync(path.dirname(golden), { recursive: true });
      writeFileSync(golden, text);
    }
    if (!existsSync(golden)) throw new Error(`golden file ${golden} is missing: review the layout, then run UPDATE_GOLDEN=1 npx jest test/layout/trend-book`);
    expect(text).toBe(readFileSync(golden, "utf8"));
  });

  it("recalculated by HyperFormula, every change formula gives the engine's difference", () => {
    const data: RawCellContent[][] = book.grid.map((row) => row.map((c) => (c === null ? null : isFormula(c) ? `=${c.f}` : c)));
    const hf = HyperFormula.buildFromSheets({ t: data }, { licenseKey: "gpl-v3" });
    let checked = 0;
    book.grid.forEach((row, r) =>
      row.forEach((c, k) => {
        if (c === null || !isFormula(c)) return;
        expect(hf.getCellValue({ sheet: 0, row: r, col: k }) as number).toBeCloseTo(c.result as number, 9);
        checked++;
      }),
    );
    // Total, index and the nine main indexes each change once between the two quarters.
    expect(checked).toBe(11);
    expect(book.grid[3]?.[0]).toBe("Quý I/2026");
    hf.destroy();
  });
});
