/**
 * Comparing units scored together (issue 5): ranking with shared ranks, gaps to the best unit,
 * the incomplete list, and the column order of the summary.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { dtiProvince2022 as set } from "../../src/catalog";
import { scoreUnits } from "../../src/engine/score";
import type { UnitInput } from "../../src/engine/types";
import { gapsToBest, incompleteUnits, indicatorColumns, rankUnits, STATUS_VI } from "../../src/layout/ranking";

const root = path.resolve(__dirname, "../..");
const sample = (JSON.parse(readFileSync(path.join(root, "test/fixtures/sample-province.json"), "utf8")) as { units: UnitInput[] }).units[0] as UnitInput;

/** The sample province under another name, without reference values, with 5.1 a = count. */
function unit(name: string, count: number, drop: readonly string[] = []): UnitInput {
  const values = { ...sample.values, "5.1": { a: count } } as Record<string, UnitInput["values"][string]>;
  for (const id of drop) delete values[id];
  return { name, info: sample.info ?? {}, values };
}

// 5.1 (min-max, 10 points) counts 10, 4, 7, 10 → (x − 4)/(10 − 4) × 10 = 10, 0, 5, 10.
const units = [unit("Sở Nội vụ", 10), unit("Sở Tài chính", 4, ["3.1"]), unit("UBND huyện Ninh Hải", 7), unit("Sở Y tế", 10)];
const results = scoreUnits(set, units);

describe("rankUnits", () => {
  it("ranks by total, best first; equal totals share a rank and the next is skipped (as RANK)", () => {
    const ranking = rankUnits(results);
    expect(ranking.map((r) => [r.rank, r.name])).toEqual([
      [1, "Sở Nội vụ"],
      [1, "Sở Y tế"],
      [3, "UBND huyện Ninh Hải"],
      [4, "Sở Tài chính"],
    ]);
    expect(ranking.map((r) => r.position)).toEqual([0, 3, 2, 1]);
    expect(ranking[0]?.total.eq(results[0]!.total.score)).toBe(true);
    expect(ranking[0]?.index.eq(results[0]!.total.index)).toBe(true);
  });

  it("the min-max scores by hand: 10, 0, 5, 10 points, so totals differ by exactly those", () => {
    expect(results.map((r) => r.indicators["5.1"]?.score?.toNumber())).toEqual([10, 0, 5, 10]);
    expect(results[0]!.total.score.minus(results[2]!.total.score).toNumber()).toBe(5);
  });

  it("an empty list ranks nothing; a single unit is first", () => {
    expect(rankUnits([])).toEqual([]);
    expect(rankUnits(results.slice(2, 3)).map((r) => r.rank)).toEqual([1]);
  });
});

describe("gapsToBest", () => {
  const gaps = gapsToBest(set, results);
  it("per indicator: best known score − own; null where the unit's score is unknown", () => {
    expect(gaps.best.indicators["5.1"]?.score?.toNumber()).toBe(10);
    expect(gaps.best.indicators["5.1"]?.units).toEqual(["Sở Nội vụ", "Sở Y tế"]);
    expect(gaps.units.map((u) => u.indicators["5.1"]?.toNumber())).toEqual([0, 10, 5, 0]);
    expect(gaps.units[1]?.indicators["3.1"]).toBeNull();
    expect(gaps.units[0]?.indicators["3.1"]?.toNumber()).toBe(0);
  });
  it("on the total and per pillar", () => {
    expect(gaps.units[0]?.total.toNumber()).toBe(0);
    expect(gaps.units[2]?.total.toNumber()).toBe(5);
    expect(gaps.units[2]?.pillars["V"]?.toNumber()).toBe(5);
    expect(gaps.units[2]?.pillars["I"]?.toNumber()).toBe(0);
  });
});

describe("incompleteUnits", () => {
  it("lists only units with incomplete indicators, with ids, Vietnamese status and the engine's messages", () => {
    const list = incompleteUnits(set, results);
    expect(list.map((u) => [u.name, u.position, u.ids])).toEqual([["Sở Tài chính", 1, ["3.1"]]]);
    const ind = list[0]?.indicators[0];
    expect(ind?.status).toBe("missing");
    expect(ind?.statusText).toBe(STATUS_VI.missing);
    expect(ind?.messages.map((m) => m.code)).toContain("missing-value");
  });

  it("a sum resting on an unknown child (5.12) carries the child's messages", () => {
    const u = unit("Xã A", 3);
    const values = { ...u.values } as Record<string, UnitInput["values"][string]>;
    delete values["5.12.3"];
    const r = scoreUnits(set, [{ ...u, values }, unit("Xã B", 5)]);
    const list = incompleteUnits(set, r);
    expect(list[0]?.ids).toEqual(["5.12"]);
    expect(list[0]?.indicators[0]?.messages.some((m) => m.indicator === "5.12.3" && m.code === "missing-value")).toBe(true);
  });
});

describe("indicatorColumns", () => {
  const columns = indicatorColumns(set);
  it("every indicator once, by pillar, 5.12's children right after 5.12 and not counted in the pillar", () => {
    expect(columns).toHaveLength(set.indicators.length);
    expect(new Set(columns.map((c) => c.indicator.id)).size).toBe(set.indicators.length);
    const ids = columns.map((c) => c.indicator.id);
    const at = ids.indexOf("5.12");
    expect(ids.slice(at, at + 7)).toEqual(["5.12", "5.12.1", "5.12.2", "5.12.3", "5.12.4", "5.12.5", "5.12.6"]);
    expect(columns.filter((c) => !c.counted).map((c) => c.indicator.id)).toEqual(["5.12.1", "5.12.2", "5.12.3", "5.12.4", "5.12.5", "5.12.6"]);
    const pillars = columns.map((c) => set.pillars.findIndex((p) => p.id === c.indicator.pillar));
    expect([...pillars].sort((a, b) => a - b)).toEqual(pillars);
  });
});
