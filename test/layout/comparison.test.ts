/**
 * Tổng hợp against the ministry's published result and the previous period (issue 11, points
 * 5 and 6): what a coordinator types in "Kết quả Bộ công bố" is read exactly, a value that is
 * no index names its cell, the gaps are exact (summary) and the sheet's plain formulas give the
 * same (HyperFormula); workbooks made before these cells keep working.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { dtiProvince2022 as set } from "../../src/catalog";
import { Decimal } from "../../src/engine/rules";
import { scoreUnits } from "../../src/engine/score";
import type { UnitInput } from "../../src/engine/types";
import { buildWorkbookLayout } from "../../src/layout/build";
import { parseCellRef, type CellContent } from "../../src/layout/model";
import { TEMPLATE_VERSION, names } from "../../src/layout/names";
import { namesToRead, readInputs, type NamedCell } from "../../src/layout/read-inputs";
import { scoreComparison, summarize } from "../../src/layout/summary";
import { say } from "../../src/i18n/findings";
import { evaluateLayout } from "../support/hf";
import { namedInputs } from "../support/named-inputs";

const sample = (JSON.parse(readFileSync(path.resolve(__dirname, "../fixtures/sample-province.json"), "utf8")) as { units: UnitInput[] }).units[0] as UnitInput;

type Workbook = Map<string, NamedCell>;
const value = (v: string | number | boolean | null, where?: string): NamedCell =>
  where === undefined ? { kind: "value", value: v } : { kind: "value", value: v, sheet: "Tổng hợp", address: where };

function workbook(): Workbook {
  const wb: Workbook = new Map();
  for (const name of namesToRead(set)) wb.set(name, value(null));
  for (const ind of set.indicators) for (const v of ind.variables) if (v.info || v.sameAs) wb.set(names.input(ind.id, v.key), { kind: "value", value: null, formula: "=IF(…)" });
  for (const [name, v] of namedInputs(sample)) wb.set(name, value(v as string | number | boolean | null));
  wb.set(names.metaSet, value(set.id));
  wb.set(names.metaVersion, value(TEMPLATE_VERSION));
  return wb;
}

function compute(wb: Workbook) {
  const read = readInputs(set, (name) => wb.get(name) ?? { kind: "missing" }, "Sổ");
  const [result] = scoreUnits(set, [read.unit], read.options);
  if (!result) throw new Error("no result");
  return { read, result, summary: summarize(set, result, read.options, read) };
}

describe("read-inputs: the published result", () => {
  it("reads numbers and Vietnamese text as typed, exactly", () => {
    const wb = workbook();
    wb.set(names.publishedIndex, value("0,4321"));
    wb.set(names.publishedPillar("I"), value(0.5234));
    wb.set(names.publishedPillar("VI"), value(" 0,3125 "));
    const { read } = compute(wb);
    expect(read.published?.index).toBe(0.4321);
    expect(read.published?.pillars["I"]).toBe(0.5234);
    expect(read.published?.pillars["VI"]).toBe(0.3125);
    expect(read.published?.pillars["II"]).toBeNull();
    expect(new Decimal(read.published?.index as number).toString()).toBe("0.4321");
    expect(read.problems.filter((p) => p.code === "invalid-published")).toEqual([]);
  });

  it("a value that is not an index from 0 to 1 is a warning naming the cell, and is not compared", () => {
    const wb = workbook();
    wb.set(names.publishedPillar("III"), value(52.34, "$H$9"));
    wb.set(names.publishedPillar("IV"), value("không rõ", "$H$10"));
    wb.set(names.publishedIndex, { kind: "error", error: "#N/A" });
    const { read, summary } = compute(wb);
    const found = read.problems.filter((p) => p.code === "invalid-published");
    expect(found).toEqual([
      { severity: "warning", code: "invalid-published", name: "DTI_PUB_PILLAR_III", pillar: "III", text: "52.34", at: "'Tổng hợp'!H9" },
      { severity: "warning", code: "invalid-published", name: "DTI_PUB_PILLAR_IV", pillar: "IV", text: "không rõ", at: "'Tổng hợp'!H10" },
      { severity: "warning", code: "invalid-published", name: "DTI_PUB_INDEX", text: "#N/A" },
    ]);
    expect(say(found[0] as (typeof found)[number], "vi")).toContain("Ô 'Tổng hợp'!H9 (DTI_PUB_PILLAR_III");
    expect(say(found[0] as (typeof found)[number], "en")).toContain("Cell 'Tổng hợp'!H9");
    expect(read.published?.pillars["III"]).toBeNull();
    // Nothing usable was typed: the summary has no comparison to show.
    expect(summary.published).toBeUndefined();
  });

  it("a workbook made before these cells has neither, and no problem about them", () => {
    const wb = workbook();
    for (const name of [...wb.keys()]) if (name.startsWith("DTI_PUB_") || name.startsWith("DTI_LAST_")) wb.delete(name);
    const { read, summary } = compute(wb);
    expect(read.published).toBeUndefined();
    expect(read.lastPeriod).toBeUndefined();
    expect(read.problems.filter((p) => p.severity !== "warning" || p.code === "invalid-published")).toEqual([]);
    expect(summary.published).toBeUndefined();
    expect(summary.lastPeriod).toBeUndefined();
    expect(summary.pillars[0]).not.toHaveProperty("published");
    expect(summary.pillars[0]).not.toHaveProperty("last");
  });
});

describe("summarize: the gaps to the published result and the change since the previous period", () => {
  it("gap = points / maximum − published, per main index, and DTI − published, exactly", () => {
    const wb = workbook();
    wb.set(names.publishedIndex, value("0,4321"));
    wb.set(names.publishedPillar("I"), value("0,5234"));
    wb.set(names.publishedPillar("VI"), value(0.3125));
    wb.set(names.publishedPillar("IX"), value(0.2));
    const { summary, result } = compute(wb);
    const pillar = (id: string) => summary.pillars.find((p) => p.id === id);
    const exactGap = (id: string, published: string): Decimal => (result.pillars[id]?.score as Decimal).div(set.pillars.find((p) => p.id === id)?.maxPoints as number).minus(published);
    expect(pillar("I")).toMatchObject({ published: 0.5234, publishedGap: exactGap("I", "0.5234").toNumber(), publishedGapDisplay: expect.stringMatching(/^[+-]0,\d{4}$/) });
    expect(pillar("I")?.publishedGapDisplay).toBe(`${exactGap("I", "0.5234").isNegative() ? "-" : "+"}${exactGap("I", "0.5234").abs().toFixed(4).replace(".", ",")}`);
    expect(pillar("VI")?.publishedGap).toBe(exactGap("VI", "0.3125").toNumber());
    expect(pillar("II")).toMatchObject({ published: null, publishedGap: null, publishedGapDisplay: null });
    // IX has no maximum, hence no index value to compare.
    expect(pillar("IX")).toMatchObject({ published: 0.2, publishedGap: null });
    const indexGap = result.total.index.minus("0.4321");
    expect(summary.published).toEqual({
      index: 0.4321,
      indexDisplay: "0,4321",
      gap: indexGap.toNumber(),
      gapDisplay: `${indexGap.isNegative() ? "-" : "+"}${indexGap.abs().toFixed(4).replace(".", ",")}`,
    });
    const json = scoreComparison(summary);
    expect(json.index).toMatchObject({ value: result.total.index.toNumber(), published: 0.4321, gap: indexGap.toNumber() });
    expect(json.mainIndexes["I"]).toMatchObject({ points: result.pillars["I"]?.score.toNumber(), maxPoints: 100, published: 0.5234, gap: exactGap("I", "0.5234").toNumber(), last: null, change: null });
    expect(json.lastPeriod).toBeNull();
  });

  it("the previous period's points, total and index, with the change", () => {
    const wb = workbook();
    wb.set(names.lastPeriod, value("Quý III/2026"));
    wb.set(names.lastPillar("I"), value(40.1));
    wb.set(names.lastTotal, value(400.3));
    wb.set(names.lastIndex, value(0.4003));
    const { summary, result } = compute(wb);
    expect(summary.pillars.find((p) => p.id === "I")).toMatchObject({ last: 40.1, lastDelta: (result.pillars["I"]?.score as Decimal).minus("40.1").toNumber() });
    expect(summary.pillars.find((p) => p.id === "II")).toMatchObject({ last: null, lastDelta: null });
    expect(summary.lastPeriod).toMatchObject({
      period: "Quý III/2026",
      total: 400.3,
      totalDelta: result.total.score.minus("400.3").toNumber(),
      index: 0.4003,
      indexDisplay: "0,4003",
      indexDelta: result.total.index.minus("0.4003").toNumber(),
    });
    expect(scoreComparison(summary)).toMatchObject({ lastPeriod: "Quý III/2026", total: { last: 400.3 }, index: { last: 0.4003 } });
  });
});

describe("Tổng hợp's gap and change formulas (HyperFormula) equal the summary", () => {
  const layout = buildWorkbookLayout(set);
  const nameRef = (name: string) => {
    const n = layout.names.find((x) => x.name === name);
    if (!n) throw new Error(`no ${name}`);
    return parseCellRef(n.ref);
  };
  /** The cell `offset` columns right of a named cell, as a formula reference. */
  const beside = (name: string, offset: number): string => {
    const { row, column } = nameRef(name);
    return `'Tổng hợp'!${String.fromCharCode(65 + column + offset)}${row + 1}`;
  };

  it("blank until something is typed; then the exact gap and change", () => {
    const typed: [string, CellContent][] = [
      [names.publishedIndex, 0.4321],
      [names.publishedPillar("I"), 0.5234],
      [names.publishedPillar("VI"), 0.3125],
      [names.publishedPillar("IX"), 0.2],
      [names.lastPeriod, "Quý III/2026"],
      [names.lastPillar("I"), 40.1],
      [names.lastTotal, 400.3],
      [names.lastIndex, 0.4003],
    ];
    const empty = evaluateLayout(layout, namedInputs(sample));
    try {
      for (const p of set.pillars) expect([p.id, empty.formula(beside(names.publishedPillar(p.id), 1))]).toEqual([p.id, ""]);
      expect(empty.formula(beside(names.publishedIndex, 1))).toBe("");
      expect(empty.formula(beside(names.lastTotal, 1))).toBe("");
      expect(empty.formula(beside(names.lastPeriod, 0).replace(/\d+$/, (r) => String(Number(r) + 1)))).toBe("Kỳ trước");
    } finally {
      empty.destroy();
    }
    const wb = workbook();
    for (const [name, v] of typed) wb.set(name, value(v as string | number));
    const { summary } = compute(wb);
    const hf = evaluateLayout(layout, new Map([...namedInputs(sample), ...typed]));
    try {
      for (const p of summary.pillars) {
        const gap = hf.formula(beside(names.publishedPillar(p.id), 1));
        if (p.publishedGap === null || p.publishedGap === undefined) expect([p.id, gap]).toEqual([p.id, ""]);
        else expect([p.id, Math.abs((gap as number) - p.publishedGap) < 1e-12]).toEqual([p.id, true]);
        const change = hf.formula(beside(names.lastPillar(p.id), 1));
        if (p.lastDelta === null || p.lastDelta === undefined) expect([p.id, change]).toEqual([p.id, ""]);
        else expect([p.id, Math.abs((change as number) - p.lastDelta) < 1e-9]).toEqual([p.id, true]);
      }
      expect(Math.abs((hf.formula(beside(names.publishedIndex, 1)) as number) - (summary.published?.gap as number))).toBeLessThan(1e-12);
      expect(Math.abs((hf.formula(beside(names.lastTotal, 1)) as number) - (summary.lastPeriod?.totalDelta as number))).toBeLessThan(1e-9);
      expect(Math.abs((hf.formula(beside(names.lastIndex, 1)) as number) - (summary.lastPeriod?.indexDelta as number))).toBeLessThan(1e-12);
      // The header names the previous period.
      expect(hf.formula(beside(names.lastPeriod, 0).replace(/\d+$/, (r) => String(Number(r) + 1)))).toBe("Kỳ trước (Quý III/2026)");
    } finally {
      hf.destroy();
    }
  });

  it("accepts only an index from 0 to 1 in the published cells, with a Vietnamese prompt", () => {
    const summary = layout.sheets.find((s) => s.role === "summary");
    const refs = [names.publishedPillar("I"), names.publishedIndex].map((n) => {
      const { row, column } = nameRef(n);
      return `${String.fromCharCode(65 + column)}${row + 1}`;
    });
    for (const ref of refs) {
      const v = summary?.validations.find((x) => x.ref === ref || (x.ref.includes(":") && x.ref.startsWith(ref.replace(/\d+$/, "")) && inRange(x.ref, ref)));
      expect(v?.rule).toEqual({ kind: "decimal", min: 0, max: 1 });
      expect(v?.prompt).toContain("Bộ công bố");
      expect(v?.prompt).toContain("0,5234");
    }
  });
});

function inRange(range: string, cell: string): boolean {
  const [from, to] = range.split(":").map((r) => parseCellRef(r));
  const c = parseCellRef(cell);
  return !!from && !!to && c.column >= from.column && c.column <= to.column && c.row >= from.row && c.row <= to.row;
}
