/**
 * Proof in a real spreadsheet: a portable template written by the CLI, filled with inputs,
 * recalculated by LibreOffice (headless), computes every score cell, pillar total, the
 * total and the index as the engine does, to 1e-9. (scripts/test.sh installs
 * libreoffice-calc when missing, as root on Debian, or stops naming the package.)
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { prng, randomUnit, withRandomReferences } from "../support/generate";
import { readName, writeLayoutToWorkbook, writeNamedValues } from "../../src/cli/xlsx";
import { dtiProvince2022 as set } from "../../src/catalog";
import { scoreUnits } from "../../src/engine/score";
import type { ScoreOptions, UnitInput } from "../../src/engine/types";
import { buildWorkbookLayout } from "../../src/layout/build";
import { names } from "../../src/layout/names";
import { namedInputs } from "../support/named-inputs";
import type { CellContent } from "../../src/layout/model";
import { parseCellRef } from "../../src/layout/model";
import type { NamedCell } from "../../src/layout/read-inputs";
import { readInputs } from "../../src/layout/read-inputs";
import { summarize } from "../../src/layout/summary";

jest.setTimeout(180_000);

const root = path.resolve(__dirname, "../..");
const tmp = mkdtempSync(path.join(os.tmpdir(), "dti-lo-"));
const sample = (JSON.parse(readFileSync(path.join(root, "test/fixtures/sample-province.json"), "utf8")) as { units: UnitInput[] }).units[0] as UnitInput;


const cases: [string, UnitInput, ScoreOptions][] = [
  ["sample-province", sample, {}],
  ["random-1", withRandomReferences(set, randomUnit(set, "Tỉnh A", prng(101)).unit, prng(7)), {}],
  ["random-2-alt", withRandomReferences(set, randomUnit(set, "Tỉnh B", prng(202)).unit, prng(8)), { altThreshold: true, minMaxAsRatioToBest: true }],
  ["empty", { name: "Trống", values: {} }, {}],
];

const comparisonTyped: [string, CellContent][] = [
  [names.publishedIndex, 0.4321],
  [names.publishedPillar("I"), 0.5234],
  [names.publishedPillar("VI"), 0.3125],
  [names.lastPeriod, "Quý III/2026"],
  [names.lastPillar("I"), 40.1],
  [names.lastTotal, 400.3],
  [names.lastIndex, 0.4003],
];

/** Writes one filled portable template per case, converts them all in one LibreOffice run. */
async function recalculated(): Promise<Map<string, ExcelJS.Workbook>> {
  const layout = buildWorkbookLayout(set);
  const files: string[] = [];
  for (const [name, unit, options] of cases) {
    const wb = new ExcelJS.Workbook();
    await writeLayoutToWorkbook(wb, layout, () => "rename");
    const typed = namedInputs(unit, options);
    // The sample also carries what a coordinator types on Tổng hợp: the published result, and the previous period.
    if (name === "sample-province") for (const [n, v] of comparisonTyped) typed.set(n, v);
    expect(writeNamedValues(wb, typed)).toEqual([]);
    const file = path.join(tmp, `${name}.xlsx`);
    await wb.xlsx.writeFile(file);
    files.push(file);
  }
  const out = path.join(tmp, "out");
  execFileSync("soffice", ["--headless", "--norestore", `-env:UserInstallation=file://${tmp}/profile`, "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, ...files], {
    stdio: "pipe",
    timeout: 150_000,
  });
  const result = new Map<string, ExcelJS.Workbook>();
  for (const [name] of cases) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, `${name}.xlsx`));
    result.set(name, wb);
  }
  return result;
}

describe("LibreOffice recalculates the portable template to the engine's numbers", () => {
  let books: Map<string, ExcelJS.Workbook>;
  beforeAll(async () => {
    books = await recalculated();
  });

  it.each(cases.map(([name, unit, options]) => [name, unit, options] as const))("%s", (name, unit, options) => {
    const wb = books.get(name) as ExcelJS.Workbook;
    const [r] = scoreUnits(set, [unit], options);
    const num = (n: string): number | null => {
      const v = readName(wb, n);
      if (v.kind !== "value") throw new Error(`${n}: ${JSON.stringify(v)}`);
      return v.value === null || v.value === "" ? null : Number(v.value);
    };
    for (const ind of set.indicators) {
      const engine = r?.indicators[ind.id]?.score?.toNumber() ?? null;
      const sheet = num(names.score(ind.id));
      if (engine === null) expect([ind.id, sheet]).toEqual([ind.id, null]);
      else expect([ind.id, Math.abs((sheet ?? NaN) - engine) < 1e-9]).toEqual([ind.id, true]);
    }
    for (const p of set.pillars) {
      expect([p.id, Math.abs((num(names.pillar(p.id)) ?? NaN) - (r?.pillars[p.id]?.score.toNumber() ?? NaN)) < 1e-9]).toEqual([p.id, true]);
    }
    expect(Math.abs((num(names.total) ?? NaN) - (r?.total.score.toNumber() ?? NaN))).toBeLessThan(1e-9);
    expect(Math.abs((num(names.index) ?? NaN) - (r?.total.index.toNumber() ?? NaN))).toBeLessThan(1e-12);
  });

  it("computes Tổng hợp's gaps to the published result and the change since the previous period as the summary does", () => {
    const wb = books.get("sample-province") as ExcelJS.Workbook;
    const sheet = wb.getWorksheet("Tổng hợp");
    if (!sheet) throw new Error("no Tổng hợp");
    // The gap and the change sit one column right of the published and previous-period cells.
    const beside = (name: string): number | string | null => {
      const n = buildWorkbookLayout(set).names.find((x) => x.name === name);
      const { row, column } = parseCellRef(n?.ref ?? "");
      const v = sheet.getCell(row + 1, column + 2).value;
      const result = v !== null && typeof v === "object" && "result" in v ? (v as { result?: unknown }).result : v;
      return typeof result === "number" || typeof result === "string" ? result : null;
    };
    const read = readInputs(set, (n): NamedCell => readName(wb, n), "Sổ");
    const [r] = scoreUnits(set, [read.unit], read.options);
    const summary = summarize(set, r as NonNullable<typeof r>, read.options, read);
    expect(summary.published?.index).toBe(0.4321);
    for (const p of summary.pillars) {
      const gap = beside(names.publishedPillar(p.id));
      if (p.publishedGap === null || p.publishedGap === undefined) expect([p.id, gap ?? ""]).toEqual([p.id, ""]);
      else expect([p.id, Math.abs(Number(gap) - p.publishedGap) < 1e-12]).toEqual([p.id, true]);
      const change = beside(names.lastPillar(p.id));
      if (p.lastDelta === null || p.lastDelta === undefined) expect([p.id, change ?? ""]).toEqual([p.id, ""]);
      else expect([p.id, Math.abs(Number(change) - p.lastDelta) < 1e-9]).toEqual([p.id, true]);
    }
    expect(Math.abs(Number(beside(names.publishedIndex)) - (summary.published?.gap ?? NaN))).toBeLessThan(1e-12);
    expect(Math.abs(Number(beside(names.lastTotal)) - (summary.lastPeriod?.totalDelta ?? NaN))).toBeLessThan(1e-9);
    expect(Math.abs(Number(beside(names.lastIndex)) - (summary.lastPeriod?.indexDelta ?? NaN))).toBeLessThan(1e-12);
  });
});
