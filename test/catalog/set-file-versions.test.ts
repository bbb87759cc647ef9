/**
 * Set files keep loading (issue 12, point 3; issue 13, point 9). A first-version file tells a
 * measure and a denominator apart by which key it holds; in memory both carry a `kind`, which
 * the loader adds (the migration). test/fixtures/sets/frozen/v1-district-example.json is a
 * frozen copy of the district example as it was before the tags existed: never edit it.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { dtiProvince2020, dtiProvince2022 } from "../../src/catalog";
import { parseIndicatorSet } from "../../src/catalog/load";
import { setFromFile, setToFile, type IndicatorSet } from "../../src/catalog/schema";
import { indicatorSetToSheet, parseIndicatorSetSheet } from "../../src/layout/set-sheet";
import { scoreUnits } from "../../src/engine/score";
import type { UnitInput } from "../../src/engine/types";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const FIXTURES = join(__dirname, "..", "fixtures");
const FROZEN_V1 = join(FIXTURES, "sets", "frozen", "v1-district-example.json");
const SRC = "huyen.json";
const frozenText = readFileSync(FROZEN_V1, "utf8");
const frozen = (): Json => JSON.parse(frozenText) as Json;
const units = (JSON.parse(readFileSync(join(FIXTURES, "district-units.json"), "utf8")) as { units: UnitInput[] }).units;

function load(data: unknown): IndicatorSet {
  const result = parseIndicatorSet(data, SRC);
  if ("errors" in result) throw new Error(result.errors.join("\n"));
  return result.set;
}

function errorsOf(data: unknown): string[] {
  const result = parseIndicatorSet(data, SRC);
  return "errors" in result ? result.errors : [];
}

const ind = (set: Json | IndicatorSet, id: string): Json => (set.indicators as readonly Json[]).find((i) => i.id === id) as Json;

/** Scores as plain numbers and statuses, to compare two loads of a set. */
function scored(set: IndicatorSet): unknown {
  return scoreUnits(set, units).map((r) => ({
    name: r.name,
    total: r.total.score.toString(),
    indicators: Object.values(r.indicators).map((o) => [o.id, o.status, o.score?.toString() ?? null, o.ratio?.toString() ?? null]),
  }));
}

describe("a first-version set file (frozen) loads, tagged, and scores as it always did", () => {
  const set = load(frozen());

  it("the frozen file has no tags: it is the first version", () => {
    expect(frozenText).not.toMatch(/"kind":\s*"(variables|constant|amount)"/);
    expect(Object.keys(ind(frozen(), "2.2").rule.measure)).toEqual(["amount"]);
    expect(ind(frozen(), "1.1").rule.ratio.denominator).toEqual(["b"]);
  });

  it("the loader adds the tags: a measure's kind, a denominator's kind", () => {
    const minMaxRatio = ind(set, "1.4").rule;
    expect(minMaxRatio.measure.kind).toBe("ratio");
    expect(minMaxRatio.measure.ratio.denominator).toEqual({ kind: "variables", variables: ["b"] });
    expect(ind(set, "2.2").rule.measure).toEqual({ kind: "amount", amount: ind(frozen(), "2.2").rule.measure.amount });
    expect(ind(set, "1.1").rule.ratio.denominator).toEqual({ kind: "variables", variables: ["b"] });
  });

  it("scores the 4 districts by hand as the district tests do (Ba Tri 81.125, Giồng Trôm 47; 1.4 and 2.2 min-max)", () => {
    const results = scoreUnits(set, units);
    const score = (unit: number, id: string): number | undefined => results[unit]?.indicators[id]?.score?.toNumber();
    expect([0, 1, 2, 3].map((n) => score(n, "1.4"))).toEqual([15, 3.75, 13.125, 0]);
    expect([0, 1, 2, 3].map((n) => score(n, "2.2"))).toEqual([7.5, 0, 3.75, 15]);
    expect(["1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "2.2", "2.3"].map((id) => score(0, id))).toEqual([12, 10, 10, 15, 6, 7.5, 7.5, 13.125]);
    expect(results[0]?.total.score.toNumber()).toBe(81.125);
    expect(results[1]?.total.score.toNumber()).toBe(47);
  });

  it("written back (setToFile) it is the frozen file again, byte for byte as JSON", () => {
    expect(JSON.stringify(setToFile(set))).toBe(JSON.stringify(frozen()));
  });

  it("the tagged form (the set in memory as JSON) loads to the same set and scores the same", () => {
    const again = load(JSON.parse(JSON.stringify(set)));
    expect(again).toEqual(set);
    expect(scored(again)).toEqual(scored(set));
  });

  it("a file may mix both spellings: tagged and untagged unions in one file", () => {
    const d = frozen();
    ind(d, "1.1").rule.ratio.denominator = { kind: "variables", variables: ["b"] };
    ind(d, "2.2").rule.measure = { kind: "amount", amount: ind(d, "2.2").rule.measure.amount };
    const mixed = load(d);
    expect(mixed).toEqual(set);
  });

  it("through the set sheet, it reads back the same", () => {
    const sheet = indicatorSetToSheet(set);
    const back = parseIndicatorSetSheet(sheet.grid, { sheet: "Bộ chỉ số" });
    expect(back).toEqual({ set });
  });
});

describe("the shipped sets in the first-version form", () => {
  it.each([
    ["dti-province-2022", dtiProvince2022],
    ["dti-province-2020", dtiProvince2020],
  ])("%s: written untagged, loads back to the same set; JSON of the set in memory does too", (_id, set) => {
    expect(load(JSON.parse(JSON.stringify(setToFile(set))))).toEqual(set);
    expect(load(JSON.parse(JSON.stringify(set)))).toEqual(set);
    expect(setFromFile(setToFile(set))).toEqual(set);
  });

  it("the 2020 set file is loaded as it is shipped (no tags)", () => {
    const data = JSON.parse(readFileSync(join(__dirname, "..", "..", "src", "catalog", "sets", "dti-province-2020.json"), "utf8")) as Json;
    expect(load(data)).toEqual(dtiProvince2020);
  });
});

describe("$schema: an editor's pointer to docs/set-schema.json", () => {
  it("a set file carrying $schema loads; the set in memory does not keep it", () => {
    const d = { $schema: "../../docs/set-schema.json", ...frozen() };
    const set = load(d);
    expect(set).not.toHaveProperty("$schema");
    expect(set).toEqual(load(frozen()));
  });

  it("$schema that is not text is refused by name", () => {
    expect(errorsOf({ $schema: 7, ...frozen() })).toEqual([`${SRC}: $schema: phải là chuỗi văn bản, nhận được số 7.`]);
  });

  it("$schema is not listed among the fields when a field is misspelt (the message is unchanged)", () => {
    const errors = errorsOf({ ...frozen(), nam: "x" });
    expect(errors[0]).toBe(`${SRC}: nam: trường "nam" không có trong lược đồ bộ chỉ số (các trường: id, name, source, year, maxTotal, infoItems, pillars, indicators, draft).`);
  });
});

describe("a tag that disagrees is one clear error", () => {
  it("a measure whose kind is not the key it holds", () => {
    const d = frozen();
    ind(d, "1.4").rule.measure.kind = "amount";
    expect(errorsOf(d)).toEqual([
      `${SRC}: chỉ số 1.4, rule.measure.kind: là "amount" nhưng đối tượng có trường "ratio"; hãy sửa "kind" thành "ratio" hoặc bỏ "kind".`,
    ]);
  });

  it("an unknown measure kind", () => {
    const d = frozen();
    ind(d, "2.2").rule.measure.kind = "percent";
    expect(errorsOf(d)).toEqual([`${SRC}: chỉ số 2.2, rule.measure.kind: phải là "ratio" hoặc "amount" (hoặc bỏ trống), nhận được chuỗi "percent".`]);
  });

  it("a denominator whose kind is not the key it holds", () => {
    const d = frozen();
    ind(d, "1.1").rule.ratio.denominator = { kind: "constant", variables: ["b"] };
    expect(errorsOf(d)).toEqual([
      `${SRC}: chỉ số 1.1, rule.ratio.denominator.kind: là "constant" nhưng đối tượng có trường "variables"; hãy sửa "kind" thành "variables" hoặc bỏ "kind".`,
    ]);
  });

  it("a tagged denominator's variables are checked like the array form, at their own path", () => {
    const d = frozen();
    ind(d, "1.1").rule.ratio.denominator = { kind: "variables", variables: ["zz"] };
    expect(errorsOf(d)[0]).toMatch(new RegExp(`^${SRC}: chỉ số 1\\.1, rule\\.ratio\\.denominator\\.variables\\[0\\]: biến "zz" không có trong chỉ số 1\\.1`));
  });
});
