/**
 * The quoted texts of issue 13 in a real spreadsheet: the portable template of the fixture set
 * (test/fixtures/sets/authoring-examples.json), filled with each unit's inputs and recalculated
 * by LibreOffice (headless), gives the engine's scores, the hand-computed ones, to 1e-9.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { readName, writeLayoutToWorkbook, writeNamedValues } from "../../src/cli/xlsx";
import { scoreUnits } from "../../src/engine/score";
import { buildWorkbookLayout } from "../../src/layout/build";
import { names } from "../../src/layout/names";
import { namedInputs } from "../support/named-inputs";
import { authoringSet, authoringUnits } from "../support/authoring-units";

jest.setTimeout(180_000);

const set = authoringSet();
const tmp = mkdtempSync(path.join(os.tmpdir(), "dti-lo-kinds-"));

/** What a hand computes for the units of test/support/authoring-units.ts (1.1, 1.2, 1.3, 1.4). */
const byHand: Record<string, (number | null)[]> = {
  "Huyện A": [20, 0.8 * 45 + 3, Math.max(7, 4), 10 + Math.min(4 + 3, 10)],
  "Huyện B": [15, 0.8 * 45 + Math.min(9, 5), Math.max(7, 8), 10 + Math.min(8 + 6, 10)],
  "Huyện C": [10, (1 / 3) * 45 + 0, Math.max(0, 0), 0 + Math.min(10 + 0, 10)],
  // b = 0: a zero denominator scores that part 0 (§12).
  "Huyện D": [5, 0 + Math.min(12, 5), Math.max(10, Math.min(15, 10)), 0],
  "Huyện E": [0, null, null, null],
  "Trống": [null, null, null, null],
};

async function recalculated(): Promise<Map<string, ExcelJS.Workbook>> {
  const layout = buildWorkbookLayout(set);
  const files: string[] = [];
  for (const unit of authoringUnits) {
    const wb = new ExcelJS.Workbook();
    await writeLayoutToWorkbook(wb, layout, () => "rename");
    expect(writeNamedValues(wb, namedInputs(unit, {}, set))).toEqual([]);
    const file = path.join(tmp, `${unit.name}.xlsx`);
    await wb.xlsx.writeFile(file);
    files.push(file);
  }
  const out = path.join(tmp, "out");
  execFileSync("soffice", ["--headless", "--norestore", `-env:UserInstallation=file://${tmp}/profile`, "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, ...files], {
    stdio: "pipe",
    timeout: 150_000,
  });
  const result = new Map<string, ExcelJS.Workbook>();
  for (const unit of authoringUnits) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, `${unit.name}.xlsx`));
    result.set(unit.name, wb);
  }
  return result;
}

describe("LibreOffice recalculates the quoted texts' template to the hand-computed scores", () => {
  let books: Map<string, ExcelJS.Workbook>;
  beforeAll(async () => {
    books = await recalculated();
  });

  it.each(authoringUnits.map((u) => [u.name, u] as const))("%s", (name, unit) => {
    const wb = books.get(name) as ExcelJS.Workbook;
    const num = (n: string): number | null => {
      const v = readName(wb, n);
      if (v.kind !== "value") throw new Error(`${n}: ${JSON.stringify(v)}`);
      return v.value === null || v.value === "" ? null : Number(v.value);
    };
    const [r] = scoreUnits(set, [unit]);
    const hand = byHand[name] as (number | null)[];
    set.indicators.forEach((ind, n) => {
      const expected = hand[n] ?? null;
      const engine = r?.indicators[ind.id]?.score?.toNumber() ?? null;
      const sheet = num(names.score(ind.id));
      if (expected === null) expect([ind.id, engine, sheet]).toEqual([ind.id, null, null]);
      else {
        expect([ind.id, Math.abs((engine ?? NaN) - expected) < 1e-9]).toEqual([ind.id, true]);
        expect([ind.id, Math.abs((sheet ?? NaN) - expected) < 1e-9]).toEqual([ind.id, true]);
      }
    });
    expect(Math.abs((num(names.total) ?? NaN) - (r?.total.score.toNumber() ?? NaN))).toBeLessThan(1e-9);
  });
});
