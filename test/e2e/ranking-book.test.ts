/**
 * Proof in a real spreadsheet: the ranking book of `dti aggregate` (src/layout/ranking-book.ts),
 * written without its cached results and recalculated by LibreOffice (headless), gives in every
 * formula cell the engine's number: totals, index, pillar totals, ranks (ties shared) and gaps,
 * to 1e-9. (scripts/test.sh installs libreoffice-calc when missing.)
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { cellRef, isFormula, type SheetLayout } from "../../src/layout/model";
import { writeSheets } from "../../src/xlsx/workbook";
import { rankingFixture } from "../support/ranking-fixture";

jest.setTimeout(180_000);

const tmp = mkdtempSync(path.join(os.tmpdir(), "dti-lo-ranking-"));
const { book } = rankingFixture();

/** The sheets with every formula's known result dropped, so that LibreOffice must compute them. */
const bare = <R extends string>(sheet: SheetLayout<R>): SheetLayout<R> => ({
  ...sheet,
  grid: sheet.grid.map((row) => row.map((c) => (c !== null && isFormula(c) ? { f: c.f } : c))),
});

describe("LibreOffice recalculates the ranking book to the engine's numbers", () => {
  let lo: ExcelJS.Workbook;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    wb.calcProperties.fullCalcOnLoad = true;
    await writeSheets(wb, book.sheets.map(bare));
    const file = path.join(tmp, "xep-hang.xlsx");
    await wb.xlsx.writeFile(file);
    const out = path.join(tmp, "out");
    execFileSync("soffice", ["--headless", "--norestore", `-env:UserInstallation=file://${tmp}/profile`, "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, file], {
      stdio: "pipe",
      timeout: 150_000,
    });
    lo = new ExcelJS.Workbook();
    await lo.xlsx.readFile(path.join(out, "xep-hang.xlsx"));
  });

  it.each(book.sheets.filter((s) => s.grid.some((row) => row.some((c) => c !== null && isFormula(c)))).map((s) => [s.name, s] as const))("sheet %s", (name, sheet) => {
    const ws = lo.getWorksheet(name)!;
    let compared = 0;
    sheet.grid.forEach((row, r) =>
      row.forEach((content, c) => {
        if (content === null || !isFormula(content) || content.result === undefined) return;
        const cell = ws.getCell(r + 1, c + 1);
        const v = cell.value as { result?: unknown } | null;
        // exceljs drops a falsy cached result (0, "") from `value`; the cell still has it.
        const got = (v !== null && typeof v === "object" ? v.result : undefined) ?? (cell as unknown as { result?: unknown }).result ?? "";
        const at = `${name}!${cellRef(r, c)} =${content.f}`;
        if (typeof content.result === "number") expect([at, typeof got === "number" && Math.abs(got - content.result) < 1e-9 ? "ok" : got]).toEqual([at, "ok"]);
        else expect([at, got]).toEqual([at, content.result]);
        compared++;
      }),
    );
    expect(compared).toBeGreaterThan(0);
  });
});
