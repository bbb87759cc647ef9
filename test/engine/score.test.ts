/**
 * The engine over whole units: reaching max, bounds, monotonicity, cross-unit rules,
 * totals, links between inputs, and bad input.
 */
import fc from "fast-check";
import { floatScore } from "../support/float-floor";
import { randomUnits } from "../support/generate";
import { dtiProvince2022 as set } from "../../src/catalog";
import type { Indicator, RatioSpec } from "../../src/catalog/schema";
import { DtiError } from "../../src/engine/errors";
import { scoreIndicator, scoreUnits } from "../../src/engine/score";
import type { IndicatorValues, InputValue, Message, UnitInput } from "../../src/engine/types";
import { ratioSpecs } from "../../src/catalog/rule-parts";
import { messageVi } from "../../src/i18n/findings";

const textOf = (m: Message | undefined): string | undefined => m && messageVi(m);

const BIG = 1_000_000;


/** The inputs that should earn an indicator its max points: best options, full ratios, large amounts. */
function bestValues(ind: Indicator): Record<string, InputValue> {
  const values: Record<string, InputValue> = {};
  for (const v of ind.variables) {
    if (v.type === "choice") {
      const best = (v.options ?? []).findIndex((o) => o.fraction === "1");
      values[v.key] = best + 1;
    } else values[v.key] = BIG;
  }
  // Every number is BIG, so quantities entered once (3.7 b = 3.6 a, …) agree; a numerator
  // over n denominator variables is n × BIG, a full ratio. 3.6 a/7 is not a subset: BIG caps it.
  for (const spec of ratioSpecs(ind.rule)) {
    const den = spec.denominator.kind === "variables" ? spec.denominator.variables.length * BIG : BIG;
    spec.numerator.forEach((k, n) => (values[k] = n === 0 ? den : 0));
  }
  return values;
}

function unitOf(name: string, make: (ind: Indicator) => Record<string, InputValue>): UnitInput {
  const values: Record<string, IndicatorValues> = {};
  for (const ind of set.indicators) values[ind.id] = make(ind);
  return { name, values };
}

describe("reaching max points", () => {
  const best = unitOf("Tốt nhất", bestValues);
  const worst = unitOf("Thấp nhất", (ind) => {
    const v = bestValues(ind);
    for (const spec of ratioSpecs(ind.rule)) for (const k of spec.numerator) v[k] = 0;
    for (const x of ind.variables) if (x.type === "number" && !ratioSpecs(ind.rule).some((s) => s.denominator.kind === "variables" && s.denominator.variables.includes(x.key))) v[x.key] = 0;
    return v;
  });
  const [top, bottom] = scoreUnits(set, [best, worst]);

  it("every indicator's rule can reach exactly its max points", () => {
    for (const ind of set.indicators) {
      const o = top?.indicators[ind.id];
      expect([ind.id, o?.status, o?.score?.toString()]).toEqual([ind.id, ind.rule.kind === "unscored" ? "unscored" : "ok", String(ind.maxPoints)]);
    }
  });

  it("pillars reach their max and the total is 1000, index 1", () => {
    for (const p of set.pillars) expect([p.id, top?.pillars[p.id]?.score.toString()]).toEqual([p.id, String(p.maxPoints)]);
    expect(top?.total.score.toString()).toBe("1000");
    expect(top?.total.index.toString()).toBe("1");
    expect(top?.total.incomplete).toEqual([]);
  });

  it("the lowest unit scores 0 on every ratio and cross-unit indicator", () => {
    for (const ind of set.indicators) {
      if (ratioSpecs(ind.rule).length || ind.rule.kind === "min-max" || ind.rule.kind === "ratio-to-best") {
        expect([ind.id, bottom?.indicators[ind.id]?.score?.toString()]).toEqual([ind.id, "0"]);
      }
    }
  });
});

describe("bounds and monotonicity on arbitrary inputs", () => {
  const valueFor = (ind: Indicator) =>
    fc.record(
      Object.fromEntries(
        ind.variables.map((v) => [
          v.key,
          v.type === "choice"
            ? fc.integer({ min: 1, max: v.options?.length ?? 1 })
            : fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0, max: 1e7, noNaN: true, noDefaultInfinity: true })),
        ]),
      ),
    );
  const unitArb = fc.record(Object.fromEntries(set.indicators.map((ind) => [ind.id, valueFor(ind)])));

  it("0 ≤ score ≤ max for every indicator, pillar and the total, even with numerators above denominators", () => {
    fc.assert(
      fc.property(fc.array(unitArb, { minLength: 1, maxLength: 3 }), (raw) => {
        const units = raw.map((values, n) => ({ name: `U${n}`, values: values as Record<string, IndicatorValues> }));
        for (const r of scoreUnits(set, units)) {
          for (const ind of set.indicators) {
            const s = r.indicators[ind.id]?.score;
            if (s) expect(s.gte(0) && s.lte(ind.maxPoints)).toBe(true);
          }
          for (const p of set.pillars) expect(r.pillars[p.id]?.score.lte(p.maxPoints)).toBe(true);
          expect(r.total.score.lte(1000) && r.total.index.lte(1)).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  const ratioRows = set.indicators.filter((i) => ratioSpecs(i.rule).length > 0 && i.rule.kind !== "min-max" && i.rule.kind !== "ratio-to-best");
  it.each(ratioRows.map((i) => [i.id, i] as const))("%s: the score never decreases when the numerator grows", (_id, ind) => {
    // A numerator that is nothing else: not a denominator, not the source of a variable that
    // repeats it (3.6 d = a is the denominator of its second part, so a is not monotone).
    const specs: readonly RatioSpec[] = ratioSpecs(ind.rule);
    const elsewhere = new Set([
      ...specs.flatMap((r) => (r.denominator.kind === "variables" ? r.denominator.variables : [])),
      ...ind.variables.flatMap((v) => (v.sameAs?.indicator === ind.id ? [v.sameAs.variable] : [])),
    ]);
    const key = specs.flatMap((r) => r.numerator).find((k) => !elsewhere.has(k)) as string;
    const copies = ind.variables.filter((v) => v.sameAs?.indicator === ind.id);
    let compared = 0;
    fc.assert(
      fc.property(valueFor(ind), fc.integer({ min: 0, max: 5000 }), (raw, extra) => {
        // The same figure asked twice in the row (§15) is typed the same both times.
        const values: Record<string, InputValue> = { ...(raw as Record<string, InputValue>) };
        for (const v of copies) values[v.key] = values[v.sameAs?.variable as string];
        const base = { ...values, [key]: Number(values[key]) };
        const more = { ...base, [key]: Number(base[key]) + extra };
        const lo = scoreIndicator(set, ind.id, base);
        const hi = scoreIndicator(set, ind.id, more);
        // Only consistent data: a numerator grown past its denominator (1 handled of 0 received
        // after "không phát sinh") is invalid data, flagged, not a better score.
        if (lo.status === "ok" && hi.status === "ok") {
          compared++;
          expect(hi.score?.gte(lo.score ?? 0)).toBe(true);
        }
      }),
      { numRuns: 50 },
    );
    expect(compared).toBeGreaterThan(0);
  });
});

describe("agreement with an independent float computation on random inputs", () => {
  it.each([1, 2, 3])("seed %i: 25 units score within 1e-9 of the float floor", (seed) => {
    const { units, floats } = randomUnits(set, 25, seed);
    const exact = scoreUnits(set, units);
    const approx = floatScore(set, floats);
    exact.forEach((r, n) => {
      const f = approx[n];
      for (const ind of set.indicators) {
        const e = r.indicators[ind.id]?.score?.toNumber() ?? null;
        const a = f?.scores[ind.id] ?? null;
        if (e === null || a === null) expect([ind.id, e]).toEqual([ind.id, a]);
        else expect(Math.abs(e - a)).toBeLessThan(1e-9);
      }
      expect(Math.abs(r.total.score.toNumber() - (f?.total ?? NaN))).toBeLessThan(1e-9);
    });
  });
});

describe("min-max and ratio to the best across units (§9, §10)", () => {
  const three: UnitInput[] = [
    { name: "Sở A", values: { "5.1": { a: 10 }, "8.6": { a: 2 }, "4.11": { a: 100, b: 1000 } } },
    { name: "Sở B", values: { "5.1": { a: 4 }, "8.6": { a: 1 }, "4.11": { a: 50, b: 1000 } } },
    { name: "Sở C", values: { "5.1": { a: 7 }, "8.6": { a: 0.5 }, "4.11": { a: 0, b: 1000 } } },
  ];
  const [a, b, c] = scoreUnits(set, three);

  it("5.1 (10 points) by hand: min 4, max 10 → A 10, B 0, C (7−4)/(10−4)×10 = 5", () => {
    expect(a?.indicators["5.1"]?.score?.toNumber()).toBe(10);
    expect(b?.indicators["5.1"]?.score?.toNumber()).toBe(0);
    expect(c?.indicators["5.1"]?.score?.toNumber()).toBe(5);
  });

  it("4.11 (5 points) on the ratio a/b: 0.1, 0.05, 0 → 5, 2.5, 0", () => {
    expect([a, b, c].map((u) => u?.indicators["4.11"]?.score?.toNumber())).toEqual([5, 2.5, 0]);
  });

  it("8.6 (20 points) ratio to the top spender: 2, 1, 0.5 tỷ → 20, 10, 5", () => {
    expect([a, b, c].map((u) => u?.indicators["8.6"]?.score?.toNumber())).toEqual([20, 10, 5]);
  });

  it("the alternative reading scores min-max rows as ratio to the best (§10)", () => {
    const [, , cAlt] = scoreUnits(set, three, { minMaxAsRatioToBest: true });
    expect(cAlt?.indicators["5.1"]?.score?.toNumber()).toBe(7);
  });

  it("units without a value are left out of min and max", () => {
    const [x, , z] = scoreUnits(set, [
      { name: "X", values: { "5.9": { a: 2 } } },
      { name: "Y", values: {} },
      { name: "Z", values: { "5.9": { a: 6 } } },
    ]);
    expect(x?.indicators["5.9"]?.score?.toNumber()).toBe(0);
    expect(z?.indicators["5.9"]?.score?.toNumber()).toBe(5);
  });

  it("equal values: all get max when > 0, all get 0 when 0", () => {
    const equal = scoreUnits(set, [
      { name: "P", values: { "5.9": { a: 3 }, "5.10": { a: 0 } } },
      { name: "Q", values: { "5.9": { a: 3 }, "5.10": { a: 0 } } },
    ]);
    expect(equal.map((u) => u.indicators["5.9"]?.score?.toNumber())).toEqual([5, 5]);
    expect(equal.map((u) => u.indicators["5.10"]?.score?.toNumber())).toEqual([0, 0]);
  });

  it("a unit alone needs reference values: no score, status needs-reference, listed as incomplete", () => {
    const [alone] = scoreUnits(set, [{ name: "Ninh Thuận", values: { "5.1": { a: 12 } } }]);
    const o = alone?.indicators["5.1"];
    expect(o?.score).toBeNull();
    expect(o?.status).toBe("needs-reference");
    expect(textOf(o?.messages[0])).toMatch(/cần giá trị tham chiếu/);
    expect(alone?.pillars.V?.incomplete).toContain("5.1");
  });

  it("a unit alone with reference values is scored against them", () => {
    const [alone] = scoreUnits(set, [{ name: "Ninh Thuận", values: { "5.1": { a: 12 } }, reference: { "5.1": { min: 2, max: 22 } } }]);
    expect(alone?.indicators["5.1"]?.score?.toNumber()).toBe(5);
  });

  it("with two or more units, min and max come from the units; typed reference values are not used (§9)", () => {
    const [p, q] = scoreUnits(set, [
      { name: "P", values: { "5.1": { a: 10 } }, reference: { "5.1": { min: 0, max: 100 } } },
      { name: "Q", values: { "5.1": { a: 4 } }, reference: { "5.1": { min: 0, max: 100 } } },
    ]);
    expect([p?.indicators["5.1"]?.score?.toNumber(), q?.indicators["5.1"]?.score?.toNumber()]).toEqual([10, 0]);
  });

  it("a reference with min above max is invalid", () => {
    const [alone] = scoreUnits(set, [{ name: "T", values: { "5.1": { a: 12 } }, reference: { "5.1": { min: 30, max: 2 } } }]);
    expect(alone?.indicators["5.1"]?.status).toBe("invalid");
  });
});

describe("totals (§14)", () => {
  it("5.12 counts once in pillar V, never its children again; IX adds nothing", () => {
    const [r] = scoreUnits(set, [
      {
        name: "Tỉnh",
        values: {
          "5.12.1": { a: 6, b: 6, c: 100 },
          "5.12.2": { a: 2 },
          "5.12.3": { a: 1 },
          "5.12.4": { a: 0.5 },
          "5.12.5": { a: 0 },
          "5.12.6": { a: 2 },
          "5.2": { a: 8, b: 10 },
        },
      },
    ]);
    expect(r?.indicators["5.12"]?.score?.toNumber()).toBe(5 + 2 + 1.4 + 0.6 + 0 + 2);
    expect(r?.pillars.V?.score.toNumber()).toBe(11 + 8);
    expect(r?.pillars.IX?.score.toNumber()).toBe(0);
    expect(r?.total.score.toNumber()).toBe(19);
    expect(r?.total.index.toNumber()).toBe(0.019);
  });

  it("a missing child leaves 5.12 with the known part and marks it incomplete", () => {
    const [r] = scoreUnits(set, [{ name: "Tỉnh", values: { "5.12.2": { a: 2 } } }]);
    expect(r?.indicators["5.12"]?.score?.toNumber()).toBe(2);
    expect(r?.indicators["5.12"]?.status).toBe("missing");
    expect(r?.pillars.V?.incomplete).toContain("5.12");
  });
});

describe("inputs entered once (§15, §17)", () => {
  it("a denominator comes from the general information when not given", () => {
    const [r] = scoreUnits(set, [{ name: "T", info: { "4": 600000 }, values: { "3.1": { a: 450000 }, "8.1": { a: 300000 } } }]);
    expect(r?.indicators["3.1"]?.score?.toNumber()).toBe(7.5);
    expect(r?.indicators["8.1"]?.score?.toNumber()).toBe(10);
  });

  it("a given value that disagrees with the linked item is invalid, naming both", () => {
    const [r] = scoreUnits(set, [{ name: "T", info: { "4": 600000 }, values: { "3.1": { a: 450000, b: 500000 } } }]);
    const o = r?.indicators["3.1"];
    expect(o?.status).toBe("invalid");
    expect(o?.score?.toNumber()).toBe(9);
    expect(o?.messages.map(messageVi).join(" ")).toMatch(/3\.1.*biến b.*500000.*Thông tin chung mục 4.*600000/);
  });

  it("4.6 b and 4.7 b are công chức + viên chức (items 11 + 12)", () => {
    const [r] = scoreUnits(set, [{ name: "T", info: { "11": 3000, "12": 7000 }, values: { "4.7": { a: 2500 } } }]);
    expect(r?.indicators["4.7"]?.score?.toNumber()).toBe(2.5);
  });

  it("quantities asked twice are entered once: 3.7 b = 3.6 a, 5.11 b = 5.10 a, 8.3 b = 8.2 b", () => {
    const [r] = scoreUnits(set, [
      { name: "T", values: { "3.6": { a: 8, c: 4 }, "3.7": { a: 2 }, "5.10": { a: 20 }, "5.11": { a: 15 }, "8.2": { a: 400, b: 1000 }, "8.3": { a: 250 } } },
    ]);
    expect(r?.indicators["3.6"]?.score?.toNumber()).toBe(15);
    expect(r?.indicators["3.7"]?.score?.toNumber()).toBe(2.5);
    expect(r?.indicators["5.11"]?.score?.toNumber()).toBe(3.75);
    expect(r?.indicators["8.3"]?.score?.toNumber()).toBe(10);
  });
});

describe("bad input: a clear Vietnamese message naming the indicator and the variable, never a crash", () => {
  const one = (id: string, values: IndicatorValues) => scoreIndicator(set, id, values);

  it("text where a number belongs", () => {
    const o = one("3.1", { a: "nhiều", b: 600000 });
    expect([o.status, o.score]).toEqual(["invalid", null]);
    expect(o.messages[0]).toMatchObject({ code: "not-a-number", indicator: "3.1", variable: "a" });
    expect(textOf(o.messages[0])).toMatch(/Chỉ số 3\.1, biến a .*"nhiều" không phải là số/);
  });

  it.each([
    [-5, "negative", /số âm/],
    [Number.NaN, "not-finite", /không phải là số hữu hạn/],
    [Number.POSITIVE_INFINITY, "not-finite", /không phải là số hữu hạn/],
  ])("%p is refused (%s)", (value, code, text) => {
    const o = one("3.1", { a: value, b: 10 });
    expect([o.status, o.score]).toEqual(["invalid", null]);
    expect(o.messages[0]).toMatchObject({ code, variable: "a" });
    expect(textOf(o.messages[0])).toMatch(text);
  });

  it("a numerator above its denominator is a data error; the score is still computed, capped (§1)", () => {
    const o = one("3.3", { a: 250000, b: 200000 });
    expect(o.status).toBe("invalid");
    expect(o.score?.toNumber()).toBe(10);
    expect(o.messages[0]?.code).toBe("numerator-above-denominator");
    expect(textOf(o.messages[0])).toMatch(/tử số .* lớn hơn mẫu số/);
  });

  it("a ratio above 1 is legitimate where a is not a subset of b (7.9)", () => {
    const o = one("7.9", { a: 3000, b: 1000 });
    expect([o.status, o.score?.toNumber()]).toEqual(["ok", 10]);
  });

  it("a zero denominator: status zero-denominator, score 0, never a division error (§12)", () => {
    const o = one("3.3", { a: 0, b: 0 });
    expect([o.status, o.score?.toNumber()]).toEqual(["zero-denominator", 0]);
    expect(textOf(o.messages[0])).toMatch(/mẫu số bằng 0/);
  });

  it("5.11 with no incident says so and tells how to claim max points", () => {
    const o = one("5.11", { a: 0, b: 0 });
    expect(o.status).toBe("zero-denominator");
    expect(textOf(o.messages[0])).toMatch(/không phát sinh/);
  });

  it("missing variables", () => {
    const o = one("6.11", { a: 10, b: 10 });
    expect([o.status, o.score]).toEqual(["missing", null]);
    expect(o.messages.map((m) => m.variable)).toEqual(["c", "d"]);
    expect(textOf(o.messages[0])).toMatch(/Chỉ số 6\.11, biến c .*chưa nhập số liệu/);
  });

  it("an answer outside a choice list names the options", () => {
    const o = one("1.1", { a: "Giám đốc Sở" });
    expect(o.status).toBe("invalid");
    expect(textOf(o.messages[0])).toMatch(/không thuộc danh sách lựa chọn \(1 = "Trưởng ban là Bí thư\/Chủ tịch tỉnh"/);
  });

  it("an unknown indicator id", () => {
    expect(() => one("3.99", {})).toThrow(DtiError);
    expect(() => one("3.99", {})).toThrow(/Không có chỉ số "3\.99"/);
    expect(() => scoreUnits(set, [{ name: "T", values: { "3.99": { a: 1 } } }])).toThrow(/không có chỉ số "3\.99"/);
  });

  it("duplicate unit names, even with different case or spaces", () => {
    const run = () => scoreUnits(set, [{ name: "Sở Y tế", values: {} }, { name: " sở y tế ", values: {} }]);
    expect(run).toThrow(DtiError);
    expect(run).toThrow(/xuất hiện hai lần/);
  });

  it("an unknown variable is reported as a warning and ignored", () => {
    const o = one("3.1", { a: 1, b: 2, z: 3 });
    expect(o.status).toBe("ok");
    expect(o.messages.some((m) => m.code === "unknown-variable" && /"z"/.test(messageVi(m)))).toBe(true);
  });
});

describe("the alternative threshold reading (§2) is off by default", () => {
  it("7.2 at 2.5 % scores 0.5 literally and 10 with the switch", () => {
    const values = { "7.2": { a: 25, b: 1000 } };
    expect(scoreUnits(set, [{ name: "T", values }])[0]?.indicators["7.2"]?.score?.toNumber()).toBe(0.5);
    expect(scoreUnits(set, [{ name: "T", values }], { altThreshold: true })[0]?.indicators["7.2"]?.score?.toNumber()).toBe(10);
  });
});
