/**
 * The rule kinds real texts use (issue 13, point 2): the best of several cases ("tính điểm cho
 * trường hợp nào có điểm cao nhất"), a capped count as a part of a multi-part rule ("1 điểm mỗi
 * ứng dụng, tổng không quá 5 điểm") and a group of parts with its own cap. Examples from the
 * texts the issue quotes, kept in test/fixtures/sets/authoring-examples.json; the arithmetic of
 * each expected score is written beside it.
 */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import path from "node:path";
import { registerIndicatorSet } from "../../src/catalog";
import { parseIndicatorSet } from "../../src/catalog/load";
import { ruleWarnings } from "../../src/catalog/rule-parts";
import type { BestOfRule, IndicatorSet, IndicatorSetFile } from "../../src/catalog/schema";
import { scoreIndicator, scoreUnits } from "../../src/engine/score";
import { bestOfFraction, cappedGroupFraction, Decimal } from "../../src/engine/rules";
import type { IndicatorValues } from "../../src/engine/types";
import { run } from "../../src/functions/runner";

const file = path.resolve(__dirname, "../fixtures/sets/authoring-examples.json");
const raw = JSON.parse(readFileSync(file, "utf8")) as IndicatorSetFile;
const parsed = parseIndicatorSet(raw, file);
if ("errors" in parsed) throw new Error(parsed.errors.join("\n"));
const set: IndicatorSet = parsed.set;

const points = (id: string, values: IndicatorValues): number | null => scoreIndicator(set, id, values).score?.toNumber() ?? null;

describe("the three quoted texts, scored as a hand computes them", () => {
  it('district: "BCĐ họp 4 lần/năm: 20 điểm; 3 lần: 15 điểm; 2 lần: 10 điểm; 1 lần: 5 điểm; Còn lại: 0 điểm"', () => {
    expect(points("1.1", { n: 4 })).toBe(20); // 1 × 20
    expect(points("1.1", { n: 6 })).toBe(20); // more than 4 meetings: still the top step
    expect(points("1.1", { n: 3 })).toBe(15); // 3/4 × 20
    expect(points("1.1", { n: 2 })).toBe(10); // 1/2 × 20
    expect(points("1.1", { n: 1 })).toBe(5); // 1/4 × 20
    expect(points("1.1", { n: 0 })).toBe(0); // "Còn lại: 0 điểm"
  });

  it('ministry: "Điểm = Tỷ lệ * 45 điểm + 1 điểm mỗi ứng dụng, tổng không quá 5 điểm" (max 50)', () => {
    expect(points("1.2", { a: 80, b: 100, n: 3 })).toBe(39); // 0,8 × 45 + 3 × 1 = 36 + 3
    expect(points("1.2", { a: 80, b: 100, n: 9 })).toBe(41); // 36 + min(9 × 1, 5) = 36 + 5
    expect(points("1.2", { a: 100, b: 100, n: 5 })).toBe(50); // 45 + 5: the maximum
    expect(points("1.2", { a: 1, b: 3, n: 0 })).toBe(15); // 1/3 × 45 = 15 exactly
    expect(points("1.2", { a: 0, b: 40, n: 12 })).toBe(5); // 0 + min(12, 5)
    expect(points("1.2", { a: 80, b: 100 })).toBeNull(); // the number of applications is missing
  });

  it("city (illustrative): the case with the highest points counts", () => {
    expect(points("1.3", { a: 35, b: 100, d: 4 })).toBe(7); // max(7/10 × 10, 4 × 1) = max(7, 4)
    expect(points("1.3", { a: 35, b: 100, d: 8 })).toBe(8); // max(7, 8)
    expect(points("1.3", { a: 5, b: 100, d: 0 })).toBe(0); // below 10 % and no service: max(0, 0)
    expect(points("1.3", { a: 60, b: 100, d: 15 })).toBe(10); // max(10, min(15, 10))
    const outcome = scoreIndicator(set, "1.3", { a: 60, b: 100 });
    expect([outcome.score, outcome.status]).toEqual([null, "missing"]); // every case's figures are needed
  });

  it("a capped group (illustrative): each item capped at its own share, the group at its own", () => {
    expect(points("1.4", { k: "Có", p: 2, s: 3 })).toBe(17); // 10 + min(min(2 × 2, 10) + min(3 × 1, 10), 10) = 10 + 7
    expect(points("1.4", { k: "Có", p: 4, s: 6 })).toBe(20); // 10 + min(8 + 6, 10)
    expect(points("1.4", { k: "Không", p: 7, s: 0 })).toBe(10); // 0 + min(min(14, 10) + 0, 10)
  });

  it("a whole unit: the pillar and the total add the rows", () => {
    const [r] = scoreUnits(set, [{ name: "Huyện A", values: { "1.1": { n: 3 }, "1.2": { a: 80, b: 100, n: 9 }, "1.3": { a: 35, b: 100, d: 8 }, "1.4": { k: "Có", p: 2, s: 3 } } }]);
    expect(r?.total.score.toNumber()).toBe(15 + 41 + 8 + 17);
  });

  it("DTI.SCORE scores the new kinds as the engine does", () => {
    registerIndicatorSet(set);
    // Excel passes the repeating inputs as one list of ranges.
    const score = (id: string, ...inputs: (number | string)[]) => run("SCORE", [`vi-du-soan-bo:${id}`, inputs.map((x) => [[x]])]);
    expect(score("1.2", 80, 100, 9)).toBe(41);
    expect(score("1.3", 35, 100, 8)).toBe(8);
    expect(score("1.4", "Có", 2, 3)).toBe(17);
    expect(score("1.3", 35, 100, "")).toMatchObject({ error: "#N/A" });
    // DTI.LEVEL: a choice in a multi-part rule is worth its part's share (1.4's k: 1/2 of 20).
    expect(run("LEVEL", ["vi-du-soan-bo:1.4", "Có", "k"])).toBe(10);
  });
});

describe("bounds and monotonicity (property)", () => {
  const count = fc.integer({ min: 0, max: 1000 });
  const ratio = fc.tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 1, max: 500 })).map(([a, b]) => ({ a: Math.min(a, b), b }));
  const within = (score: number | null, max: number): boolean => score !== null && score >= 0 && score <= max;

  it("0 ≤ score ≤ max for every input", () => {
    fc.assert(
      fc.property(ratio, count, count, count, (r, n, p, s) => {
        return (
          within(points("1.2", { ...r, n }), 50) &&
          within(points("1.3", { ...r, d: n }), 10) &&
          within(points("1.4", { k: n % 2 ? "Có" : "Không", p, s }), 20)
        );
      }),
    );
  });

  it("more items, or a higher ratio, never lowers the score", () => {
    fc.assert(
      fc.property(ratio, count, count, (r, n, more) => {
        const m = n + more;
        const up = { a: Math.min(r.a + more, r.b), b: r.b };
        const le = (x: number | null, y: number | null): boolean => (x as number) <= (y as number);
        return (
          le(points("1.2", { ...r, n }), points("1.2", { ...r, n: m })) &&
          le(points("1.2", { ...r, n }), points("1.2", { ...up, n })) &&
          le(points("1.3", { ...r, d: n }), points("1.3", { ...r, d: m })) &&
          le(points("1.3", { ...r, d: n }), points("1.3", { ...up, d: n })) &&
          le(points("1.4", { k: "Có", p: n, s: n }), points("1.4", { k: "Có", p: m, s: n })) &&
          le(points("1.4", { k: "Có", p: n, s: n }), points("1.4", { k: "Có", p: n, s: m }))
        );
      }),
    );
  });

  it("the pure cores: a group never passes its share, best-of is the largest case", () => {
    const d = (x: number): Decimal => new Decimal(x);
    expect(cappedGroupFraction([d(0.3), d(0.4)], d(0.5)).toNumber()).toBe(0.5);
    expect(cappedGroupFraction([d(0.1), d(0.2)], d(0.5)).toNumber()).toBeCloseTo(0.3, 12);
    expect(bestOfFraction([d(0.7), d(0.8), d(0.2)]).toNumber()).toBe(0.8);
  });
});

describe("the loader: what is refused, what is warned", () => {
  const withRule = (id: string, rule: unknown): unknown => ({ ...raw, indicators: raw.indicators.map((i) => (i.id === id ? { ...i, rule } : i)) });
  const errorsOf = (data: unknown): string[] => {
    const r = parseIndicatorSet(data, "x.json");
    return "errors" in r ? r.errors : [];
  };
  const bestOf = set.indicators.find((i) => i.id === "1.3")?.rule as BestOfRule;

  it("a best-of rule with one case, or none, is refused", () => {
    expect(errorsOf(withRule("1.3", { kind: "best-of", cases: [bestOf.cases[0]] })).join("\n")).toMatch(/chỉ số 1\.3, rule\.cases: .*ít nhất 2 trường hợp \(nhận được 1\)/);
    expect(errorsOf(withRule("1.3", { kind: "best-of", cases: [] })).join("\n")).toMatch(/ít nhất 2 trường hợp \(nhận được 0\)/);
  });

  it("a case of a kind not allowed there is refused, naming the kinds allowed", () => {
    const errors = errorsOf(withRule("1.3", { kind: "best-of", cases: [bestOf.cases[0], { label: "x", rule: { kind: "min-max", measure: { amount: "d" } } }] }));
    expect(errors.join("\n")).toMatch(/cases\[1\]\.rule\.kind: .*"min-max" không hợp lệ; một trường hợp của quy tắc best-of là: ratio, threshold-scaled/);
  });

  it("a group inside a group is refused; a group's parts may add up to more than its share", () => {
    const inner = { share: "1/2", label: "g", rule: { kind: "group", parts: [] } };
    const errors = errorsOf(
      withRule("1.4", { kind: "multi-part", parts: [{ share: "1/2", label: "k", rule: { kind: "choice", variable: "k" } }, { share: "1/2", label: "G", rule: { kind: "group", parts: [inner, inner] } }] }),
    );
    expect(errors.join("\n")).toMatch(/chỉ số 1\.4, phần 2, phần 1, rule\.kind: .*"group" không hợp lệ; một phần trong nhóm là: ratio, choice, capped-count/);
    expect(errorsOf(raw)).toEqual([]); // 1.4's group: parts 1/2 + 1/2 under a cap of 1/2
  });

  it("a group whose cap is more than its parts can earn is warned, not refused", () => {
    const data = withRule("1.4", {
      kind: "multi-part",
      parts: [
        { share: "1/4", label: "Kiến trúc", rule: { kind: "choice", variable: "k" } },
        {
          share: "3/4",
          label: "Nền tảng",
          rule: { kind: "group", parts: [{ share: "1/4", label: "p", rule: { kind: "capped-count", count: "p", pointsEach: "2" } }, { share: "1/4", label: "s", rule: { kind: "capped-count", count: "s", pointsEach: "1" } }] },
        },
      ],
    });
    const r = parseIndicatorSet(data, "x.json");
    if ("errors" in r) throw new Error(r.errors.join("\n"));
    expect(ruleWarnings(r.set)).toEqual([expect.stringMatching(/^chỉ số 1\.4, nhóm "Nền tảng": mức trần "share" 3\/4 lớn hơn tổng "share" các phần của nhóm \(0\.5\)/)]);
    expect(ruleWarnings(set)).toEqual([]);
  });
});
