/**
 * `dti score` against the ministry's published result and the previous period, and the rollover
 * of `dti template --update --period` (issue 11, points 5 and 6).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { dtiProvince2022 as set } from "../../src/catalog";
import { run } from "../../src/cli/main";
import { readName, writeLayoutToWorkbook, writeNamedValues } from "../../src/cli/xlsx";
import type { ScoreReport } from "../../src/engine/report";
import { Decimal } from "../../src/engine/rules";
import { scoreUnits } from "../../src/engine/score";
import type { UnitInput } from "../../src/engine/types";
import { buildWorkbookLayout } from "../../src/layout/build";
import type { CellContent, WorkbookLayout } from "../../src/layout/model";
import { names } from "../../src/layout/names";
import type { ScoreComparison } from "../../src/layout/summary";
import { namedInputs } from "../support/named-inputs";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const scratch = (): string => {
  const d = mkdtempSync(path.join(tmpdir(), "dti-pub-"));
  dirs.push(d);
  return d;
};

const sample = (JSON.parse(readFileSync(path.join(__dirname, "../fixtures/sample-province.json"), "utf8")) as { units: UnitInput[] }).units[0] as UnitInput;

/** What the coordinator types: the province's figures, and the ministry's published values. */
function typed(): Map<string, CellContent> {
  const m = namedInputs(sample);
  m.set(names.publishedIndex, 0.4321);
  m.set(names.publishedPillar("I"), 0.5234);
  m.set(names.publishedPillar("VI"), "0,3125");
  m.set(names.previousIndex, 0.3048);
  m.set(names.target("3.1"), 40);
  return m;
}

async function fill(file: string, values: ReadonlyMap<string, CellContent>): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(writeNamedValues(wb, values)).toEqual([]);
  await wb.xlsx.writeFile(file);
}

async function named(file: string, wanted: readonly string[]): Promise<Map<string, unknown>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return new Map(
    wanted.map((n) => {
      const cell = readName(wb, n);
      return [n, cell.kind === "value" ? cell.value : cell.kind];
    }),
  );
}

type Scored = ScoreReport & { period?: string; comparison: ScoreComparison };
async function score(file: string): Promise<Scored> {
  const r = await run(["score", file]);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Scored;
}

describe("dti score: self-assessed, published, gap", () => {
  let file = "";
  beforeAll(async () => {
    file = path.join(scratch(), "q3.xlsx");
    expect((await run(["template", "-o", file, "--period", "Quý III/2026"])).code).toBe(0);
    await fill(file, typed());
  }, 60_000);

  it("JSON: existing fields unchanged, 'comparison' added with the engine's exact values", async () => {
    const report = await score(file);
    const unit = report.units[0];
    if (!unit) throw new Error("no unit");
    // Old consumers: the same keys as before.
    expect(Object.keys(report)).toEqual(["period", "indicatorSet", "options", "units", "comparison"]);
    expect(Object.keys(unit.total)).toEqual(["score", "maxPoints", "index", "indexDisplay", "incomplete"]);
    const c = report.comparison;
    for (const p of set.pillars) {
      const points = unit.pillars[p.id]?.score as number;
      expect(c.mainIndexes[p.id]).toMatchObject({ points, maxPoints: p.maxPoints, value: p.maxPoints ? new Decimal(points).div(p.maxPoints).toNumber() : null });
    }
    expect(c.mainIndexes["I"]).toMatchObject({ published: 0.5234, gap: new Decimal(unit.pillars["I"]?.score as number).div(100).minus("0.5234").toNumber(), last: null, change: null });
    expect(c.mainIndexes["VI"]).toMatchObject({ published: 0.3125, gap: new Decimal(unit.pillars["VI"]?.score as number).div(200).minus("0.3125").toNumber() });
    expect(c.mainIndexes["II"]).toMatchObject({ published: null, gap: null });
    // From the exact index (the engine's), not from the JSON number it is printed as.
    const exact = scoreUnits(set, [sample])[0]?.total.index as Decimal;
    expect(exact.toNumber()).toBe(unit.total.index);
    const gap = exact.minus("0.4321");
    expect(c.index).toEqual({
      value: unit.total.index,
      valueDisplay: unit.total.indexDisplay,
      published: 0.4321,
      gap: gap.toNumber(),
      gapDisplay: `${gap.isNegative() ? "-" : "+"}${gap.abs().toFixed(4).replace(".", ",")}`,
      last: null,
      change: null,
    });
    expect(c.lastPeriod).toBeNull();
  }, 30_000);

  it("--text: one line per main index with the published value and the gap", async () => {
    const r = await run(["score", file, "--text"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("Ninh Thuận — Kỳ báo cáo: Quý III/2026");
    expect(lines.find((l) => l.startsWith("Chỉ số chính"))).toMatch(/Bộ công bố\s+Chênh lệch$/);
    const report = await score(file);
    const i = lines.find((l) => l.startsWith("I. "));
    expect(i).toContain("0,5234");
    const gapI = new Decimal(report.units[0]?.pillars["I"]?.score as number).div(100).minus("0.5234");
    expect(i).toMatch(new RegExp(`0,5234\\s+\\${gapI.isNegative() ? "-" : "+"}${gapI.abs().toFixed(4).replace(".", ",")}$`));
    expect(lines.find((l) => l.startsWith("CHỈ SỐ DTI"))).toMatch(new RegExp(`${report.units[0]?.total.indexDisplay}\\s+0,4321\\s+\\${report.comparison.index.gapDisplay}$`));
    expect(r.stdout).not.toContain("Kỳ trước");
  }, 30_000);

  it("a published value that is no index is a warning naming the cell, and is left out", async () => {
    const bad = path.join(scratch(), "bad.xlsx");
    expect((await run(["template", "-o", bad, "--period", "Quý III/2026"])).code).toBe(0);
    await fill(bad, new Map([[names.publishedPillar("III"), 52.34]]));
    const r = await run(["score", bad]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Cảnh báo: ${bad}: Ô 'Tổng hợp'!H9 (DTI_PUB_PILLAR_III, kết quả Bộ công bố của chỉ số chính III) ghi "52.34"`);
    expect((JSON.parse(r.stdout) as Scored).comparison.mainIndexes["III"]).toMatchObject({ published: null, gap: null });
  }, 30_000);
});

describe("dti template --update --period: the rollover into 'Kỳ trước'", () => {
  const last = [names.lastPeriod, ...set.pillars.map((p) => names.lastPillar(p.id)), names.lastTotal, names.lastIndex];

  it("Q3 → Quý IV/2026: DTI_LAST_* equal dti score of the Q3 workbook; typed inputs intact; one line says so", async () => {
    const file = path.join(scratch(), "master.xlsx");
    expect((await run(["template", "-o", file, "--period", "Quý III/2026"])).code).toBe(0);
    const values = typed();
    await fill(file, values);
    const q3 = await score(file);
    const unit = q3.units[0];
    if (!unit) throw new Error("no unit");

    const r = await run(["template", "-o", file, "--update", "--period", "Quý IV/2026"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("  - Đã ghi kết quả Quý III/2026 vào cột Kỳ trước");
    const after = await named(file, [...last, names.period, ...values.keys()]);
    expect(after.get(names.period)).toBe("Quý IV/2026");
    expect(after.get(names.lastPeriod)).toBe("Quý III/2026");
    for (const p of set.pillars) expect([p.id, after.get(names.lastPillar(p.id))]).toEqual([p.id, unit.pillars[p.id]?.score]);
    expect(after.get(names.lastTotal)).toBe(unit.total.score);
    expect(after.get(names.lastIndex)).toBe(unit.total.index);
    // Nothing typed is lost: every raw figure, the published values, last year's index, the target.
    for (const [name, v] of values) expect([name, after.get(name)]).toEqual([name, v]);

    // The Q4 workbook shows the previous period, with the change (no figure changed yet: 0).
    const q4 = await score(file);
    expect(q4.period).toBe("Quý IV/2026");
    expect(q4.comparison.lastPeriod).toBe("Quý III/2026");
    expect(q4.comparison.mainIndexes["I"]).toMatchObject({ last: unit.pillars["I"]?.score, change: 0 });
    expect(q4.comparison.index.last).toBe(unit.total.index);
    // The cell holds the index as a spreadsheet number; the exact index differs from it only beyond 1e-15.
    expect(Math.abs(q4.comparison.index.change as number)).toBeLessThan(1e-15);
    const text = await run(["score", file, "--text"]);
    expect(text.stdout).toMatch(/Kỳ trước \(Quý III\/2026\)\s+Thay đổi/);

    // The same period again, or an earlier one: the column stays, with a line saying so.
    await fill(file, new Map([[names.input("3.1", "a"), 1]]));
    const same = await run(["template", "-o", file, "--update", "--period", "Quý IV/2026"]);
    expect(same.stdout).toContain("Kỳ báo cáo vẫn là Quý IV/2026: cột Kỳ trước giữ nguyên.");
    const back = await run(["template", "-o", file, "--update", "--period", "Quý II/2026"]);
    expect(back.code).toBe(0);
    expect(back.stdout).toContain("Kỳ Quý II/2026 trước kỳ đã ghi Quý IV/2026: không ghi đè cột Kỳ trước (giữ nguyên).");
    const kept = await named(file, last);
    expect(kept.get(names.lastPeriod)).toBe("Quý III/2026");
    expect(kept.get(names.lastTotal)).toBe(unit.total.score);
  }, 120_000);

  it("an old workbook (Tổng hợp without these columns) gains them on --update, every typed value kept", async () => {
    const file = path.join(scratch(), "old.xlsx");
    const layout = buildWorkbookLayout(set, { period: { kind: "quarter", year: 2026, quarter: 2 } });
    // The Tổng hợp of templates before issue 11: seven columns, no DTI_PUB_* / DTI_LAST_* names.
    const old: WorkbookLayout = {
      ...layout,
      sheets: layout.sheets.map((s) => (s.role === "summary" ? { ...s, grid: s.grid.map((row) => row.slice(0, 7)), columnWidths: s.columnWidths.slice(0, 7), formats: [], validations: [] } : s)),
      names: layout.names.filter((n) => !n.name.startsWith("DTI_PUB_") && !n.name.startsWith("DTI_LAST_")),
    };
    const wb = new ExcelJS.Workbook();
    await writeLayoutToWorkbook(wb, old, () => "rename");
    const values = namedInputs(sample);
    values.set(names.previousPillar("III"), 50.25);
    expect(writeNamedValues(wb, values)).toEqual([]);
    await wb.xlsx.writeFile(file);
    const before = await run(["score", file]);
    expect(before.code).toBe(0);
    expect((JSON.parse(before.stdout) as Scored).comparison.index.published).toBeNull();

    const r = await run(["template", "-o", file, "--update", "--period", "Quý III/2026"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Đã ghi kết quả Quý II/2026 vào cột Kỳ trước");
    const after = await named(file, [...values.keys(), names.publishedIndex, names.lastPeriod]);
    for (const [name, v] of values) expect([name, after.get(name)]).toEqual([name, v]);
    expect(after.get(names.publishedIndex)).toBeNull();
    expect(after.get(names.lastPeriod)).toBe("Quý II/2026");
  }, 120_000);
});
