/**
 * The compute view and "my agency": the numbers are the engine's (the same report the CLI
 * prints), the index reads as the ministry publishes it, and last year's results and the
 * annual targets typed in the workbook are compared exactly.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { dtiProvince2022 as set } from "../../src/catalog";
import { toReport } from "../../src/engine/report";
import { Decimal, formatIndexVi } from "../../src/engine/rules";
import { scoreUnits } from "../../src/engine/score";
import type { UnitInput } from "../../src/engine/types";
import { agencyAssignments } from "../../src/catalog/agencies";
import { TEMPLATE_VERSION, names } from "../../src/layout/names";
import { namesToRead, readInputs, type NamedCell } from "../../src/layout/read-inputs";
import { agencyNames, agencySummary, summarize } from "../../src/layout/summary";
import { validateWorkbook } from "../../src/layout/validate";
import { namedInputs } from "../support/named-inputs";
import { messageVi } from "../../src/i18n/findings";

const sample = (JSON.parse(readFileSync(path.resolve(__dirname, "../fixtures/sample-province.json"), "utf8")) as { units: UnitInput[] }).units[0] as UnitInput;

type Workbook = Map<string, NamedCell>;
const value = (v: string | number | boolean | null): NamedCell => ({ kind: "value", value: v });

/** The sample typed into the template's named cells; linked cells keep their link formulas. */
function workbook(): Workbook {
  const wb: Workbook = new Map();
  for (const name of namesToRead(set)) wb.set(name, value(null));
  for (const ind of set.indicators) {
    for (const v of ind.variables) if (v.info || v.sameAs) wb.set(names.input(ind.id, v.key), { kind: "value", value: null, formula: "=IF(…)" });
    if (ind.rule.kind !== "unscored") wb.set(names.evidence(ind.id), value(`Quyết định số ${ind.id}/QĐ-UBND`));
  }
  for (const [name, v] of namedInputs(sample)) wb.set(name, value(v as string | number | boolean | null));
  wb.set(names.metaSet, value(set.id));
  wb.set(names.metaVersion, value(TEMPLATE_VERSION));
  return wb;
}

function compute(wb: Workbook) {
  const read = readInputs(set, (name) => wb.get(name) ?? { kind: "missing" }, "Sổ");
  const [result] = scoreUnits(set, [read.unit], read.options);
  if (!result) throw new Error("no result");
  return { read, result, summary: summarize(set, result, read.options, read), report: validateWorkbook(set, read, result) };
}

describe("summarize: the engine's numbers", () => {
  it("pillars, total, index and indicators equal scoreUnits + toReport (the CLI)", () => {
    const { summary, result, read } = compute(workbook());
    const [cli] = toReport(set, scoreUnits(set, [sample]), {}, messageVi).units;
    expect(read.options).toEqual({ altThreshold: false, minMaxAsRatioToBest: false });
    expect(summary.unit).toBe("Ninh Thuận");
    expect(summary.total).toBe(cli?.total.score);
    expect(summary.maxTotal).toBe(1000);
    expect(summary.index).toBe(cli?.total.index);
    expect(summary.indexDisplay).toBe(cli?.total.indexDisplay);
    expect(summary.incomplete).toEqual(cli?.total.incomplete);
    expect(summary.pillars.map((p) => [p.id, p.score, p.maxPoints, p.incomplete])).toEqual(
      set.pillars.map((p) => [p.id, cli?.pillars[p.id]?.score, cli?.pillars[p.id]?.maxPoints, cli?.pillars[p.id]?.incomplete]),
    );
    for (const p of summary.pillars) {
      const exact = result.pillars[p.id];
      expect([p.id, p.percent]).toEqual([p.id, p.maxPoints ? exact?.score.div(p.maxPoints).toNumber() : null]);
    }
    expect(summary.pillars.find((p) => p.id === "IX")?.percent).toBeNull();
    expect(summary.indicators.map((i) => [i.id, i.score, i.status])).toEqual(
      set.indicators.map((i) => [i.id, cli?.indicators[i.id]?.score, cli?.indicators[i.id]?.status]),
    );
    expect(summary.indicators.find((i) => i.id === "5.12.1")).toMatchObject({ parent: "5.12", pillar: "V" });
  });

  it("shows the index to 4 decimals with a decimal comma, as the ministry publishes it", () => {
    const { summary, result } = compute(workbook());
    expect(summary.indexDisplay).toMatch(/^\d,\d{4}$/);
    expect(summary.indexDisplay).toBe(formatIndexVi(result.total.index));
    expect(summary.indexDisplay).toBe(result.total.index.toFixed(4).replace(".", ","));
  });

  it("reports the alternative readings' state and scores with them as the CLI does", () => {
    const wb = workbook();
    wb.set(names.optionAltThreshold, value("Có"));
    wb.set(names.optionMinMaxAsBest, value("Có"));
    const { summary } = compute(wb);
    const options = { altThreshold: true, minMaxAsRatioToBest: true };
    const [cli] = toReport(set, scoreUnits(set, [sample], options), options, messageVi).units;
    expect(summary.altThreshold).toBe(true);
    expect(summary.minMaxAsBest).toBe(true);
    expect(summary.total).toBe(cli?.total.score);
    expect(summary.indexDisplay).toBe(cli?.total.indexDisplay);
    expect(summary.total).not.toBe(compute(workbook()).summary.total);
    expect(compute(workbook()).summary).toMatchObject({ altThreshold: false, minMaxAsBest: false });
  });
});

describe("summarize: last year and the annual targets", () => {
  it("compares with last year's results exactly", () => {
    const wb = workbook();
    wb.set(names.previousPillar("III"), value(50.25));
    wb.set(names.previousPillar("VI"), value("80,5"));
    wb.set(names.previousTotal, value(304.8));
    wb.set(names.previousIndex, value("0,3048"));
    const { summary, result } = compute(wb);
    const iii = summary.pillars.find((p) => p.id === "III");
    expect(iii?.previous).toBe(50.25);
    expect(iii?.delta).toBe(result.pillars["III"]?.score.minus("50.25").toNumber());
    expect(summary.pillars.find((p) => p.id === "VI")?.delta).toBe(result.pillars["VI"]?.score.minus("80.5").toNumber());
    expect(summary.pillars.find((p) => p.id === "I")).toMatchObject({ previous: null, delta: null });
    expect(summary.previous).toEqual({
      total: 304.8,
      index: 0.3048,
      indexDisplay: "0,3048",
      totalDelta: result.total.score.minus("304.8").toNumber(),
      indexDelta: result.total.index.minus("0.3048").toNumber(),
      indexDeltaDisplay: `+${formatIndexVi(result.total.index.minus("0.3048").toDecimalPlaces(4))}`,
    });
    expect(summary.previous?.indexDeltaDisplay).toMatch(/^\+0,\d{4}$/);
  });

  it("derives last year's index from its total when only the total was typed; a drop shows a minus", () => {
    const wb = workbook();
    wb.set(names.previousTotal, value(600));
    const { summary, result } = compute(wb);
    expect(summary.previous).toMatchObject({ total: 600, index: 0.6, indexDisplay: "0,6000" });
    expect(summary.previous?.indexDelta).toBe(result.total.index.minus("0.6").toNumber());
    expect(summary.previous?.indexDeltaDisplay).toMatch(/^-0,\d{4}$/);
  });

  it("without a ReadResult there is no comparison", () => {
    const { result, read } = compute(workbook());
    const bare = summarize(set, result, read.options);
    expect(bare.previous).toBeUndefined();
    expect(bare.pillars[0]).not.toHaveProperty("previous");
    expect(bare.indicators.every((i) => i.target === null && i.gapToTarget === null)).toBe(true);
  });

  it("gives the gap to each annual target in points", () => {
    const wb = workbook();
    wb.set(names.target("3.1"), value(10));
    wb.set(names.target("3.2"), value("2,5"));
    wb.set(names.target("6.12"), value(5));
    wb.set(names.input("6.12", "a"), value(null)); // 6.12 cannot be scored
    const { summary, result } = compute(wb);
    const row = (id: string) => summary.indicators.find((i) => i.id === id);
    expect(row("3.1")).toMatchObject({ target: 10, gapToTarget: new Decimal(10).minus(result.indicators["3.1"]?.score ?? 0).toNumber() });
    expect(row("3.1")?.gapToTarget).toBeGreaterThan(0);
    expect(row("3.2")?.target).toBe(2.5);
    expect(row("3.2")?.gapToTarget).toBeLessThanOrEqual(0); // reached
    expect(row("6.12")).toMatchObject({ target: 5, score: null, gapToTarget: null, status: "missing" });
    expect(row("3.3")).toMatchObject({ target: null, gapToTarget: null });
  });
});

describe("agencySummary: my agency", () => {
  it("lists every agency the set names, responsible, coordinating and providing general information", () => {
    const all = agencyNames(set);
    expect(all[0]).toBe("Sở TTTT");
    expect(all).toEqual(expect.arrayContaining(["Sở Nội vụ", "Cục Thống kê", "Bưu điện tỉnh", "Sở Tài chính"]));
    expect(new Set(all).size).toBe(all.length);
  });

  it("gives what the agency leads and coordinates, its completion and its open errors", () => {
    const wb = workbook();
    wb.set(names.input("4.9", "a"), value("không rõ")); // led by Sở GD&ĐT, coordinated by Sở TTTT
    const { result, report } = compute(wb);
    const entry = agencyAssignments(set).find((a) => a.agency === "Sở GD&ĐT");
    const mine = agencySummary(set, result, report, "Sở GD&ĐT");
    expect(mine.leads.map((i) => i.id)).toEqual(entry?.leads.map((i) => i.id));
    expect(mine.coordinates.map((i) => i.id)).toEqual(entry?.coordinates.map((i) => i.id));
    const unscored = (entry?.leads ?? []).filter((i) => result.indicators[i.id]?.score === null).map((i) => i.id);
    expect(unscored).toContain("4.9");
    expect(mine.completion).toEqual({
      scored: (entry?.leads.length ?? 0) - unscored.length,
      total: entry?.leads.length,
      percent: ((entry?.leads.length ?? 0) - unscored.length) / (entry?.leads.length ?? 1),
    });
    expect(mine.openErrors.map((f) => [f.code, f.name])).toEqual(
      report.findings.filter((f) => f.severity === "error" && f.agencies.includes("Sở GD&ĐT")).map((f) => [f.code, f.name]),
    );
    expect(mine.openErrors.map((f) => f.name)).toContain("DTI_4_9_a");
    expect(mine.leads.find((i) => i.id === "4.9")).toMatchObject({ score: null, status: "invalid", complete: false, counts: { error: 1 } });
    const sttt = agencySummary(set, result, report, "Sở TTTT");
    expect(sttt.openErrors.map((f) => f.name)).toContain("DTI_4_9_a"); // it coordinates 4.9
    expect(sttt.infoItems.map((i) => i.id)).toEqual([1, 2, 3, 13, 14, 15]);
  });

  it("counts the scored indicators it leads, leaving out IX (tracked, not scored), and 5.12 only when its children are all scored", () => {
    const wb = workbook();
    const full = compute(wb);
    const sttt = agencySummary(set, full.result, full.report, "Sở TTTT");
    expect(sttt.leads.map((i) => i.id)).toEqual(expect.arrayContaining(["5.12", "9.1", "9.2"]));
    expect(sttt.completion.total).toBe(sttt.leads.length - 2); // 9.1, 9.2 are tracked, not scored
    expect(sttt.completion.scored).toBe(sttt.completion.total);
    expect(sttt.completion.percent).toBe(1);
    wb.set(names.input("5.12.3", "a"), value(null));
    const partial = compute(wb);
    const after = agencySummary(set, partial.result, partial.report, "Sở TTTT");
    expect(partial.result.indicators["5.12"]?.score).not.toBeNull();
    expect(after.leads.find((i) => i.id === "5.12")?.complete).toBe(false);
    expect(after.completion.scored).toBe(sttt.completion.scored - 1);
    const ix = set.indicators.filter((i) => i.pillar === "IX").map((i) => i.id);
    for (const a of agencyNames(set)) {
      const s = agencySummary(set, full.result, full.report, a);
      expect(s.completion.total).toBe(s.leads.filter((i) => !ix.includes(i.id)).length);
    }
  });

  it("an agency that leads nothing has no completion percentage", () => {
    const { result, report } = compute(workbook());
    expect(agencySummary(set, result, report, "Cục Thống kê").completion).toEqual({ scored: 0, total: 0, percent: null });
  });
});
