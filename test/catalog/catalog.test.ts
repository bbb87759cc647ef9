/**
 * Structural tests of the indicator catalog (src/catalog).
 *
 * The verbatim text is checked against test/fixtures/reference/dti-province-2022-appendix2.tsv,
 * a copy of the reference extraction of Phụ lục 2 (Kế hoạch 4233/KH-UBND Ninh Thuận).
 * Section marks (§n) refer to the reference README's readings.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { dtiProvince2022 as set, findIndicator, getIndicatorSet, indicatorSets, pillarIndicators } from "../../src/catalog";
import type { CaseRule, GroupPartRule, Indicator, PartRule, RatioSpec, Rule, Variable } from "../../src/catalog/schema";
import { Decimal, ONE, ZERO, exact } from "../../src/engine/rules";

// ---------------------------------------------------------------------------------------------
// Reference table

interface Row {
  readonly id: string;
  readonly name: string;
  readonly maxPoints: string;
  readonly scoring: string;
  readonly responsible: string;
  readonly coordinating: string;
}

const TSV = join(__dirname, "..", "fixtures", "reference", "dti-province-2022-appendix2.tsv");

function readRows(): Row[] {
  const lines = readFileSync(TSV, "utf8").split(/\r?\n/).filter((l) => l.length > 0);
  expect(lines[0]).toBe("id\tname\tmax_points\tscoring_method\tresponsible_agency\tcoordinating_agency");
  return lines.slice(1).map((line) => {
    const cells = line.split("\t");
    expect(cells).toHaveLength(6);
    const [id, name, maxPoints, scoring, responsible, coordinating] = cells as [string, string, string, string, string, string];
    return { id, name, maxPoints, scoring, responsible, coordinating };
  });
}

const rows = readRows();
const infoRows = rows.filter((r) => /^\d+$/.test(r.id));
const pillarRows = rows.filter((r) => /^[IVX]+$/.test(r.id));
const indicatorRows = rows.filter((r) => r.id.includes("."));
const rowById = new Map(rows.map((r) => [r.id, r]));

function row(id: string): Row {
  const r = rowById.get(id);
  if (!r) throw new Error(`no reference row ${id}`);
  return r;
}

// ---------------------------------------------------------------------------------------------
// Helpers over the catalog

function indicator(id: string): Indicator {
  const found = findIndicator(set, id);
  if (!found) throw new Error(`no indicator ${id}`);
  return found;
}

function variable(ind: Indicator, key: string): Variable {
  const found = ind.variables.find((v) => v.key === key);
  if (!found) throw new Error(`no variable ${ind.id} ${key}`);
  return found;
}

function ratioKeys(ratio: RatioSpec): string[] {
  const den = ratio.denominator.kind === "constant" ? [] : [...ratio.denominator.variables];
  return [...ratio.numerator, ...den, ...(ratio.noneAnswer === undefined ? [] : [ratio.noneAnswer])];
}

/** Every variable key a rule reads. */
function referencedKeys(rule: Rule | PartRule | GroupPartRule | CaseRule): string[] {
  switch (rule.kind) {
    case "ratio":
    case "threshold-literal":
    case "threshold-scaled":
    case "all-or-nothing":
    case "tiers-ratio":
      return ratioKeys(rule.ratio);
    case "tiers-amount":
      return [rule.amount, ...(rule.gate === undefined ? [] : [rule.gate])];
    case "multi-part":
    case "group":
      return rule.parts.flatMap((p) => referencedKeys(p.rule));
    case "best-of":
      return rule.cases.flatMap((c) => referencedKeys(c.rule));
    case "choice":
      return [rule.variable];
    case "capped-count":
      return [rule.count];
    case "min-max":
    case "ratio-to-best":
      return "amount" in rule.measure ? [rule.measure.amount] : ratioKeys(rule.measure.ratio);
    case "sum-of-children":
    case "unscored":
      return [];
  }
}

/** Keys that must be numbers: numerators, denominators, amounts, counts. */
function numberKeys(rule: Rule | PartRule | GroupPartRule | CaseRule): string[] {
  const fromRatio = (r: RatioSpec) => [...r.numerator, ...(r.denominator.kind === "constant" ? [] : r.denominator.variables)];
  switch (rule.kind) {
    case "ratio":
    case "threshold-literal":
    case "threshold-scaled":
    case "all-or-nothing":
    case "tiers-ratio":
      return fromRatio(rule.ratio);
    case "tiers-amount":
      return [rule.amount];
    case "multi-part":
    case "group":
      return rule.parts.flatMap((p) => numberKeys(p.rule));
    case "best-of":
      return rule.cases.flatMap((c) => numberKeys(c.rule));
    case "capped-count":
      return [rule.count];
    case "min-max":
    case "ratio-to-best":
      return "amount" in rule.measure ? [rule.measure.amount] : fromRatio(rule.measure.ratio);
    default:
      return [];
  }
}

/** Keys that must be choices: choice rules, gates, "không phát sinh" answers. */
function choiceKeys(rule: Rule | PartRule | GroupPartRule | CaseRule): string[] {
  switch (rule.kind) {
    case "choice":
      return [rule.variable];
    case "multi-part":
    case "group":
      return rule.parts.flatMap((p) => choiceKeys(p.rule));
    case "best-of":
      return rule.cases.flatMap((c) => choiceKeys(c.rule));
    case "tiers-amount":
      return rule.gate === undefined ? [] : [rule.gate];
    case "ratio":
      return rule.ratio.noneAnswer === undefined ? [] : [rule.ratio.noneAnswer];
    default:
      return [];
  }
}

function ratioOrUndefined(rule: Rule): RatioSpec | undefined {
  if ("ratio" in rule) return rule.ratio;
  if ((rule.kind === "min-max" || rule.kind === "ratio-to-best") && "ratio" in rule.measure) return rule.measure.ratio;
  return undefined;
}

function ratioOf(rule: Rule): RatioSpec {
  const ratio = ratioOrUndefined(rule);
  if (!ratio) throw new Error(`rule ${rule.kind} has no ratio`);
  return ratio;
}

const sum = (xs: readonly Decimal[]) => xs.reduce((a, b) => a.plus(b), ZERO);
const norm = (s: string) => s.toLocaleLowerCase("vi");

// ---------------------------------------------------------------------------------------------

describe("registry", () => {
  it("lists the 2022 provincial set and finds it by id", () => {
    expect(indicatorSets).toContain(set);
    expect(new Set(indicatorSets.map((s) => s.id)).size).toBe(indicatorSets.length);
    expect(getIndicatorSet("dti-province-2022")).toBe(set);
    expect(getIndicatorSet("no-such-set")).toBeUndefined();
  });

  it("finds indicators by id", () => {
    expect(findIndicator(set, "5.12.1")?.name).toBe("Kinh phí chung chi cho ATTT");
    expect(findIndicator(set, "10.1")).toBeUndefined();
  });

  it("pillarIndicators counts 5.12 once and never its children (§5, §14)", () => {
    const ids = pillarIndicators(set, "V").map((i) => i.id);
    expect(ids).toContain("5.12");
    expect(ids.filter((id) => id.startsWith("5.12."))).toEqual([]);
    expect(ids).toHaveLength(12);
    expect(pillarIndicators(set, "IX").map((i) => i.id)).toEqual(["9.1", "9.2", "9.3"]);
    expect(pillarIndicators(set, "X")).toEqual([]);
  });
});

describe("set header", () => {
  it("names the set and its source", () => {
    expect(set.id).toBe("dti-province-2022");
    expect(set.name).toBe("Bộ chỉ số đánh giá chuyển đổi số cấp tỉnh năm 2022");
    expect(set.source).toContain("922/QĐ-BTTTT");
    expect(set.source).toContain("4233/KH-UBND");
    expect(set.source).toContain("Phụ lục 2");
    expect(set.year).toBe(2022);
    expect(set.maxTotal).toBe(1000);
  });
});

describe("every appendix id appears exactly once, and nothing else", () => {
  it("the reference table has the expected shape", () => {
    expect(infoRows).toHaveLength(20);
    expect(pillarRows.map((r) => r.id)).toEqual(["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]);
    expect(indicatorRows).toHaveLength(104); // 98 component indices + 5.12.1–5.12.6
  });

  it("general-information items 1–20", () => {
    expect(set.infoItems.map((i) => String(i.id))).toEqual(infoRows.map((r) => r.id));
  });

  it("pillars I–IX", () => {
    expect(set.pillars.map((p) => p.id)).toEqual(pillarRows.map((r) => r.id));
  });

  it("component indicators, in appendix order", () => {
    const ids = set.indicators.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(indicatorRows.map((r) => r.id));
  });
});

describe("verbatim text matches the reference table", () => {
  it.each(infoRows.map((r) => [r.id, r] as const))("info item %s", (id, r) => {
    const item = set.infoItems.find((i) => String(i.id) === id);
    expect(item?.name).toBe(r.name);
    expect(item?.responsible).toBe(r.responsible);
    expect(r.coordinating).toBe("-");
  });

  it.each(pillarRows.map((r) => [r.id, r] as const))("pillar %s", (id, r) => {
    const pillar = set.pillars.find((p) => p.id === id);
    expect(pillar?.name).toBe(r.name);
    expect(pillar?.maxPoints).toBe(Number(r.maxPoints));
  });

  it.each(indicatorRows.map((r) => [r.id, r] as const))("indicator %s", (id, r) => {
    const ind = indicator(id);
    expect(ind.name).toBe(r.name);
    expect(ind.scoringText).toBe(r.scoring);
    expect(ind.maxPoints).toBe(Number(r.maxPoints));
    // 5.12.1–5.12.6 have no agencies in the text; they inherit 5.12's (§5).
    const agencies = id.startsWith("5.12.") ? row("5.12") : r;
    if (id.startsWith("5.12.")) expect([r.responsible, r.coordinating]).toEqual(["", ""]);
    expect(ind.responsible).toBe(agencies.responsible);
    expect(ind.coordinating).toBe(agencies.coordinating === "-" ? "" : agencies.coordinating);
    expect(ind.responsible).not.toBe("");
  });
});

describe("general-information items", () => {
  it("1–3 are text, 4–20 are numbers with a unit", () => {
    for (const item of set.infoItems) {
      if (item.id <= 3) {
        expect([item.id, item.type, item.unit]).toEqual([item.id, "text", ""]);
      } else {
        expect([item.id, item.type]).toEqual([item.id, "number"]);
        expect(item.unit).not.toBe("");
      }
    }
  });

  it.each([
    [4, "người"],
    [5, "người"],
    [6, "hộ"],
    [11, "người"],
    [12, "người"],
    [19, "tỷ đồng"], // §5: it is 5.12.1's c
  ])("item %i is in %s", (id, unit) => {
    expect(set.infoItems.find((i) => i.id === id)?.unit).toBe(unit);
  });
});

describe("points", () => {
  it("pillar maxima add up to maxTotal = 1000", () => {
    expect(set.pillars.reduce((a, p) => a + p.maxPoints, 0)).toBe(1000);
    expect(set.maxTotal).toBe(1000);
  });

  it.each(set.pillars.map((p) => [p.id, p.maxPoints] as const))(
    "pillar %s: its max equals the sum of its indicators (5.12 once)",
    (pillarId, max) => {
      const counted = pillarIndicators(set, pillarId);
      expect(counted.length).toBeGreaterThan(0);
      expect(counted.reduce((a, i) => a + i.maxPoints, 0)).toBe(max);
    },
  );

  it("every indicator belongs to a known pillar matching its id", () => {
    const roman = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"];
    for (const ind of set.indicators) {
      const n = Number(ind.id.split(".")[0]);
      expect([ind.id, ind.pillar]).toEqual([ind.id, roman[n - 1]]);
    }
  });

  it("only the unscored rows (IX, §13) have 0 points", () => {
    for (const ind of set.indicators) {
      expect([ind.id, ind.rule.kind === "unscored"]).toEqual([ind.id, ind.maxPoints === 0]);
      if (ind.rule.kind === "unscored") expect([ind.id, ind.variables]).toEqual([ind.id, []]);
    }
  });
});

describe("structural integrity", () => {
  const all = set.indicators.map((i) => [i.id, i] as const);

  it.each(all)("%s: variable keys are unique and well formed", (_id, ind) => {
    const keys = ind.variables.map((v) => v.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const v of ind.variables) {
      expect(v.key).toMatch(/^[a-z]+$/);
      expect(v.description.trim()).toBe(v.description);
      expect(v.description).not.toBe("");
      expect(v.description).not.toMatch(/[;.]$/);
      if (v.type === "number") {
        expect(v.options).toBeUndefined();
        expect(v.unit).not.toBe("");
      } else {
        expect(v.unit).toBe("");
        expect(v.info).toBeUndefined();
        expect(v.sameAs).toBeUndefined();
      }
    }
  });

  it.each(all)("%s: every variable the rule reads exists, and every variable is read", (_id, ind) => {
    const keys = new Set(ind.variables.map((v) => v.key));
    const referenced = new Set(referencedKeys(ind.rule));
    for (const k of referenced) expect([ind.id, k, keys.has(k)]).toEqual([ind.id, k, true]);
    for (const k of keys) expect([ind.id, k, referenced.has(k)]).toEqual([ind.id, k, true]);
    for (const k of numberKeys(ind.rule)) expect([ind.id, k, variable(ind, k).type]).toEqual([ind.id, k, "number"]);
    for (const k of choiceKeys(ind.rule)) expect([ind.id, k, variable(ind, k).type]).toEqual([ind.id, k, "choice"]);
  });

  it.each(all)("%s: choices have ≥ 2 options, fractions in [0, 1], exactly one best option at 1", (_id, ind) => {
    for (const v of ind.variables.filter((x) => x.type === "choice")) {
      const options = v.options ?? [];
      expect(options.length).toBeGreaterThanOrEqual(2);
      const fractions = options.map((o) => exact(o.fraction));
      for (const f of fractions) expect(f.gte(ZERO) && f.lte(ONE)).toBe(true);
      expect(Decimal.max(...fractions).eq(ONE)).toBe(true);
      expect(fractions.filter((f) => f.eq(ONE))).toHaveLength(1);
      const labels = options.map((o) => o.label);
      expect(new Set(labels).size).toBe(labels.length);
      // Yes/no choices: exactly one `true` (earning 1) and one `false` (earning 0).
      if (options.some((o) => o.value !== undefined)) {
        const yes = options.filter((o) => o.value === true);
        const no = options.filter((o) => o.value === false);
        expect(yes.map((o) => o.fraction)).toEqual(["1"]);
        expect(no.map((o) => o.fraction)).toEqual(["0"]);
      }
    }
  });

  it.each(all)("%s: choice labels are the text's own wording (unless explained by a note)", (_id, ind) => {
    for (const v of ind.variables.filter((x) => x.type === "choice" && !x.optional)) {
      for (const o of v.options ?? []) {
        if (o.note !== undefined) continue;
        expect([ind.id, o.label, norm(ind.scoringText).includes(norm(o.label))]).toEqual([ind.id, o.label, true]);
      }
    }
  });

  it.each(all)("%s: exact numbers parse; thresholds and tiers are sensible", (_id, ind) => {
    const visit = (rule: Rule | PartRule) => {
      if ("ratio" in rule && "constant" in rule.ratio.denominator) {
        expect(exact(rule.ratio.denominator.constant).gt(ZERO)).toBe(true);
      }
      switch (rule.kind) {
        case "threshold-literal":
        case "threshold-scaled": {
          const t = exact(rule.threshold);
          expect(t.gt(ZERO) && t.lte(ONE)).toBe(true);
          break;
        }
        case "tiers-ratio":
        case "tiers-amount": {
          const floors = rule.tiers.map((t) => exact(t.atLeast));
          const fractions = rule.tiers.map((t) => exact(t.fraction));
          expect(rule.tiers.length).toBeGreaterThan(0);
          expect(fractions[0]?.eq(ONE)).toBe(true);
          for (let k = 1; k < rule.tiers.length; k++) {
            expect((floors[k] as Decimal).lt(floors[k - 1] as Decimal)).toBe(true);
            expect((fractions[k] as Decimal).lt(fractions[k - 1] as Decimal)).toBe(true);
          }
          for (const f of fractions) expect(f.gt(ZERO) && f.lte(ONE)).toBe(true);
          for (const a of floors) expect(a.gte(ZERO)).toBe(true);
          break;
        }
        case "multi-part": {
          const shares = rule.parts.map((p) => exact(p.share));
          for (const s of shares) expect(s.gt(ZERO) && s.lte(ONE)).toBe(true);
          expect(sum(shares).eq(ONE)).toBe(true);
          expect(rule.parts.length).toBeGreaterThanOrEqual(2);
          for (const p of rule.parts) {
            expect(p.label).not.toBe("");
            visit(p.rule);
          }
          break;
        }
        case "capped-count":
          expect(exact(rule.pointsEach).gt(ZERO)).toBe(true);
          break;
        default:
          break;
      }
    };
    visit(ind.rule);
  });

  it.each(all)("%s: sameAs targets exist, are numbers of the same unit, and are not themselves sameAs", (_id, ind) => {
    for (const v of ind.variables) {
      if (!v.sameAs) continue;
      const target = variable(indicator(v.sameAs.indicator), v.sameAs.variable);
      expect(target).not.toBe(v);
      expect(target.sameAs).toBeUndefined();
      expect(target.type).toBe("number");
      expect(target.unit).toBe(v.unit);
      expect(v.info).toBeUndefined();
    }
  });

  it.each(all)("%s: info links name existing number items of the same unit", (_id, ind) => {
    for (const v of ind.variables) {
      if (!v.info) continue;
      expect(v.info.length).toBeGreaterThan(0);
      expect(new Set(v.info).size).toBe(v.info.length);
      for (const id of v.info) {
        const item = set.infoItems.find((i) => i.id === id);
        expect([ind.id, v.key, id, item?.type]).toEqual([ind.id, v.key, id, "number"]);
        expect([ind.id, v.key, id, item?.unit]).toEqual([ind.id, v.key, id, v.unit]);
      }
    }
  });

  it.each(all)("%s: sum-of-children and parent agree", (_id, ind) => {
    if (ind.rule.kind === "sum-of-children") {
      expect(ind.variables).toEqual([]);
      expect(ind.rule.children.length).toBeGreaterThan(0);
      const children = ind.rule.children.map(indicator);
      for (const child of children) {
        expect(child.parent).toBe(ind.id);
        expect(child.pillar).toBe(ind.pillar);
        expect(child.rule.kind).not.toBe("sum-of-children");
      }
      expect(children.reduce((a, c) => a + c.maxPoints, 0)).toBe(ind.maxPoints);
      // Every indicator naming this one as parent is one of its children.
      expect(set.indicators.filter((i) => i.parent === ind.id).map((i) => i.id)).toEqual([...ind.rule.children]);
    }
    if (ind.parent !== undefined) {
      const parent = indicator(ind.parent);
      expect(parent.rule.kind === "sum-of-children" && parent.rule.children.includes(ind.id)).toBe(true);
    }
  });

  it.each(all)("%s: readings cite a README section", (_id, ind) => {
    if (ind.reading === undefined) return;
    expect(ind.reading).toMatch(/§\d+/);
    expect(ind.reading.trim()).toBe(ind.reading);
  });
});

describe("readings of the README", () => {
  const kindOf = (id: string) => indicator(id).rule.kind;

  it("plain ratios (§1) are subsets except 7.9, 7.10 and 3.6's a/7", () => {
    const notSubset = set.indicators.flatMap((ind) => {
      const rule = ind.rule;
      if (rule.kind === "multi-part") {
        return rule.parts.flatMap((p, k) => ("ratio" in p.rule && !p.rule.ratio.subset ? [`${ind.id}#${k + 1}`] : []));
      }
      const ratio = ratioOrUndefined(rule);
      return ratio && !ratio.subset ? [ind.id] : [];
    });
    expect(notSubset.sort()).toEqual(["3.6#1", "7.10", "7.9"]);
  });

  it.each([
    ["1.3", ["a"], ["b"]],
    ["4.5", ["a", "b", "c", "d"], ["e", "f"]],
    ["6.11", ["c", "d"], ["a", "b"]],
    ["6.12", ["b", "c"], ["a"]],
    ["6.13", ["a", "b"], ["c", "d"]],
    ["6.14", ["b", "d"], ["a", "c"]],
    ["6.22", ["a", "b"], ["c"]],
    ["5.12.1", ["a", "b"], ["c"]],
  ])("%s: ratio %j / %j", (id, numerator, denominator) => {
    const r = ratioOf(indicator(id).rule);
    expect(r.numerator).toEqual(numerator);
    expect(r.denominator).toEqual({ kind: "variables", variables: denominator });
  });

  it.each([
    ["4.12", "0.8"],
    ["4.13", "0.7"],
    ["7.1", "0.2"],
    ["7.2", "0.05"],
    ["7.3", "0.1"],
    ["7.4", "0.1"],
    ["7.5", "0.5"],
    ["7.6", "0.8"],
    ["7.8", "0.5"],
    ["7.9", "0.05"],
    ["7.11", "0.0025"],
    ["7.12", "0.0025"],
  ])("§2: %s is threshold-literal at %s", (id, t) => {
    const rule = indicator(id).rule;
    expect(rule.kind).toBe("threshold-literal");
    if (rule.kind === "threshold-literal") expect(exact(rule.threshold).eq(exact(t))).toBe(true);
    expect(indicator(id).reading).toContain("§2");
  });

  it.each([
    ["4.9", "0.5"],
    ["6.12", "0.8"],
    ["6.22", "0.01"],
    ["8.2", "0.8"],
    ["8.3", "0.5"],
    ["8.5", "0.7"],
  ])("§3: %s is threshold-scaled at %s", (id, t) => {
    const rule = indicator(id).rule;
    expect(rule.kind).toBe("threshold-scaled");
    if (rule.kind === "threshold-scaled") expect(exact(rule.threshold).eq(exact(t))).toBe(true);
    expect(indicator(id).reading).toContain("§3");
  });

  it("the threshold lists are complete", () => {
    const byKind = (k: string) => set.indicators.filter((i) => i.rule.kind === k).map((i) => i.id);
    expect(byKind("threshold-literal")).toEqual(["4.12", "4.13", "7.1", "7.2", "7.3", "7.4", "7.5", "7.6", "7.8", "7.9", "7.11", "7.12"]);
    expect(byKind("threshold-scaled")).toEqual(["4.9", "6.12", "6.22", "8.2", "8.3", "8.5"]);
    expect(byKind("all-or-nothing")).toEqual(["6.8"]);
    expect(byKind("min-max")).toEqual(["4.5", "4.6", "4.11", "5.1", "5.9", "5.10"]);
    expect(byKind("ratio-to-best")).toEqual(["7.10", "8.6", "8.7"]);
    expect(byKind("capped-count")).toEqual(["6.21", "8.8"]);
    expect(byKind("multi-part")).toEqual(["1.2", "3.5", "3.6", "6.1", "6.2", "6.3", "6.4", "6.17"]);
    expect(byKind("sum-of-children")).toEqual(["5.12"]);
    expect(byKind("tiers-ratio")).toEqual(["5.12.1"]);
    expect(byKind("tiers-amount")).toEqual(["1.5", "5.12.2", "5.12.3", "5.12.4", "5.12.5", "5.12.6"]);
    expect(byKind("unscored")).toEqual(["9.1", "9.2", "9.3"]);
  });

  it("§4: 6.8 is all-or-nothing on a/b", () => {
    expect(kindOf("6.8")).toBe("all-or-nothing");
    expect(ratioOf(indicator("6.8").rule).numerator).toEqual(["a"]);
  });

  it("§5: 5.12 sums 5.12.1–5.12.6; 5.12.1 tiers on (a+b)/c; 5.12.2–5.12.6 tiers on a (tỷ đồng)", () => {
    const parent = indicator("5.12");
    expect(parent.rule).toEqual({ kind: "sum-of-children", children: ["5.12.1", "5.12.2", "5.12.3", "5.12.4", "5.12.5", "5.12.6"] });
    expect(parent.maxPoints).toBe(15);
    expect(indicator("5.12.1").rule).toMatchObject({
      kind: "tiers-ratio",
      tiers: [
        { atLeast: "0.1", fraction: "1" },
        { atLeast: "0.07", fraction: "0.7" },
        { atLeast: "0.03", fraction: "0.3" },
      ],
    });
    for (const id of ["5.12.2", "5.12.3", "5.12.4", "5.12.5", "5.12.6"]) {
      const ind = indicator(id);
      expect(ind.rule).toEqual({
        kind: "tiers-amount",
        amount: "a",
        tiers: [
          { atLeast: "2", fraction: "1" },
          { atLeast: "1", fraction: "0.7" },
          { atLeast: "0.5", fraction: "0.3" },
        ],
      });
      expect(variable(ind, "a").unit).toBe("tỷ đồng");
      expect(ind.parent).toBe("5.12");
    }
  });

  it("1.5: tiers on the number of articles, gated by having the section", () => {
    const ind = indicator("1.5");
    expect(ind.rule).toEqual({
      kind: "tiers-amount",
      amount: "b",
      gate: "a",
      tiers: [
        { atLeast: "20", fraction: "1" },
        { atLeast: "10", fraction: "1/2" },
        { atLeast: "0", fraction: "1/4" },
      ],
    });
    expect(variable(ind, "b").unit).toBe("tin, bài");
    expect(variable(ind, "a").options?.map((o) => o.value)).toEqual([true, false]);
  });

  it.each([
    ["1.2", ["1/2", "1/2"], ["a", "b"]],
    ["3.5", ["1/2", "1/2"], ["a", "b"]],
    ["3.6", ["1/2", "1/2"], ["a", "c"]],
    ["6.1", ["4/5", "1/5"], ["a", "b"]],
    ["6.2", ["1/2", "1/2"], ["a", "b"]],
    ["6.3", ["1/5", "3/5", "1/5"], ["a", "b", "c"]],
    ["6.4", ["1/2", "1/2"], ["a", "b"]],
    ["6.17", ["1/2", "1/2"], ["a", "b"]],
  ])("§6: %s has shares %j, parts read %j in the text's order", (id, shares, firstKeys) => {
    const ind = indicator(id);
    const rule = ind.rule;
    expect(rule.kind).toBe("multi-part");
    if (rule.kind !== "multi-part") return;
    expect(rule.parts.map((p) => p.share)).toEqual(shares);
    expect(rule.parts.map((p) => referencedKeys(p.rule)[0])).toEqual(firstKeys);
    expect(ind.reading).toContain("§6");
  });

  it("§6: 3.5's first part has three levels (1, 1/2, 0 of its half), the second yes/no", () => {
    const ind = indicator("3.5");
    expect(variable(ind, "a").options?.map((o) => o.fraction)).toEqual(["1", "1/2", "0"]);
    expect(variable(ind, "b").options?.map((o) => [o.fraction, o.value])).toEqual([
      ["1", true],
      ["0", false],
    ]);
  });

  it("§6: 3.6 fixes b = 7; c/d scores 0 when d = 0; d is 3.6 a", () => {
    const ind = indicator("3.6");
    expect(ind.variables.map((v) => v.key)).toEqual(["a", "c", "d"]);
    const rule = ind.rule;
    if (rule.kind !== "multi-part") throw new Error("3.6 is multi-part");
    expect(rule.parts[0]?.rule).toEqual({
      kind: "ratio",
      ratio: { numerator: ["a"], denominator: { kind: "constant", constant: "7" }, subset: false },
    });
    expect(rule.parts[1]?.rule).toEqual({
      kind: "ratio",
      ratio: { numerator: ["c"], denominator: { kind: "variables", variables: ["d"] }, subset: true, zeroDenominator: "scores-zero" },
    });
    expect(ind.reading).toMatch(/b cố định bằng 7/);
  });

  it.each(["1.1", "1.4", "1.8", "1.10", "6.19", "6.20"])("§7: %s maps levels 1, 1/2, 0 in the text's order", (id) => {
    const ind = indicator(id);
    expect(ind.rule).toEqual({ kind: "choice", variable: "a" });
    expect(variable(ind, "a").options?.map((o) => o.fraction)).toEqual(["1", "1/2", "0"]);
  });

  it.each([
    ["1.6", "Đã có chuyên mục riêng về chuyển đổi số", "Chưa có chuyên mục"],
    ["1.9", "Đã có", "Chưa có"],
    ["2.1", "Đã ban hành", "Chưa ban hành"],
    ["2.5", "Đã tổ chức", "Không tổ chức"],
    ["4.3", "Đã có", "Không có"],
    ["6.5", "Đã triển khai", "Chưa triển khai"],
    ["6.18", "Đã triển khai", "Chưa triển khai"],
  ])("§7: yes/no row %s reads “%s” / “%s”", (id, yes, no) => {
    const ind = indicator(id);
    expect(ind.rule).toEqual({ kind: "choice", variable: "a" });
    expect(variable(ind, "a").options).toEqual([
      { label: yes, fraction: "1", value: true },
      { label: no, fraction: "0", value: false },
    ]);
  });

  it("§7: every pillar II row is a yes/no choice", () => {
    for (const ind of pillarIndicators(set, "II")) {
      expect([ind.id, ind.rule]).toEqual([ind.id, { kind: "choice", variable: "a" }]);
    }
  });

  it("§7: 2.4 “issued but not updated” is read as not issued, and says so", () => {
    const ind = indicator("2.4");
    const options = variable(ind, "a").options ?? [];
    // The added option comes after the text's two (issue 9: positions follow the text).
    expect(options.map((o) => [o.fraction, o.value])).toEqual([
      ["1", true],
      ["0", false],
      ["0", undefined],
    ]);
    expect(options[2]?.label).toBe("Đã ban hành nhưng chưa cập nhật");
    expect(options[2]?.note).toMatch(/§7/);
    expect(ind.reading).toMatch(/§7/);
  });

  it.each(["6.21", "8.8"])("§8: %s counts a, 1 point each, capped", (id) => {
    expect(indicator(id).rule).toEqual({ kind: "capped-count", count: "a", pointsEach: "1" });
    expect(indicator(id).reading).toContain("§8");
  });

  it.each([
    ["4.5", "ratio"],
    ["4.6", "ratio"],
    ["4.11", "ratio"],
    ["5.1", "amount"],
    ["5.9", "amount"],
    ["5.10", "amount"],
  ])("§9: %s is Min-Max on its %s, and says who is compared and that one unit needs reference values", (id, measure) => {
    const ind = indicator(id);
    const rule = ind.rule;
    expect(rule.kind).toBe("min-max");
    if (rule.kind === "min-max") expect(measure in rule.measure).toBe(true);
    expect(ind.reading).toContain("§9");
    expect(ind.reading).toMatch(/đơn vị được so sánh/);
    expect(ind.reading).toMatch(/cần giá trị tham chiếu/);
  });

  it("§9, §16: 4.6 a is the total of the four counts; b = công chức + viên chức", () => {
    const ind = indicator("4.6");
    expect(ind.variables.map((v) => v.key)).toEqual(["a", "b"]);
    expect(variable(ind, "a").description).toMatch(/cụ thể gồm/);
    expect(variable(ind, "b").info).toEqual([11, 12]);
  });

  it("§10: 7.10 is ratio-to-best on a/b; 8.6 and 8.7 on the amount a (tỷ đồng)", () => {
    expect(indicator("7.10").rule).toEqual({
      kind: "ratio-to-best",
      measure: { kind: "ratio", ratio: { numerator: ["a"], denominator: { kind: "variables", variables: ["b"] }, subset: false } },
    });
    for (const id of ["8.6", "8.7"]) {
      expect(indicator(id).rule).toEqual({ kind: "ratio-to-best", measure: { kind: "amount", amount: "a" } });
      expect(variable(indicator(id), "a").unit).toBe("tỷ đồng");
      expect(indicator(id).reading).toContain("§10");
    }
  });

  it.each(["6.13", "7.3", "7.6", "7.8", "8.2", "8.5"])("§11: %s explains its typo", (id) => {
    expect(indicator(id).reading).toContain("§11");
  });

  it.each(["5.5", "5.11"])("§12: %s accepts an explicit “không phát sinh” answer", (id) => {
    const ind = indicator(id);
    expect(ind.rule).toEqual({
      kind: "ratio",
      ratio: { numerator: ["a"], denominator: { kind: "variables", variables: ["b"] }, subset: true, noneAnswer: "none" },
    });
    const none = variable(ind, "none");
    expect(none.optional).toBe(true);
    expect(none.description).toMatch(/^Không phát sinh \(/);
    expect(none.options).toEqual([
      { label: "Không phát sinh", fraction: "1", value: true },
      { label: "Có phát sinh", fraction: "0", value: false },
    ]);
    expect(ind.reading).toContain("§12");
  });

  it("§13: IX is tracked, not scored", () => {
    for (const ind of pillarIndicators(set, "IX")) {
      expect(ind.rule).toEqual({ kind: "unscored" });
      expect(ind.reading).toContain("§13");
    }
  });

  it("every rule that is a README decision carries a reading", () => {
    const decided = new Set([
      "threshold-literal",
      "threshold-scaled",
      "all-or-nothing",
      "tiers-ratio",
      "tiers-amount",
      "multi-part",
      "capped-count",
      "min-max",
      "ratio-to-best",
      "sum-of-children",
      "unscored",
    ]);
    const missing = set.indicators
      .filter((i) => decided.has(i.rule.kind) || ["2.4", "6.13", "5.5", "5.11"].includes(i.id))
      .filter((i) => i.reading === undefined)
      .map((i) => i.id);
    expect(missing).toEqual([]);
  });
});

describe("§15: enter once", () => {
  it.each([
    ["3.1", "b", [4]],
    ["4.11", "b", [4]],
    ["8.1", "b", [4]],
    ["4.10", "b", [5]],
    ["8.5", "b", [5]],
    ["3.2", "b", [6]],
    ["3.3", "b", [6]],
    ["8.4", "b", [6]],
    ["4.5", "e", [11]],
    ["4.5", "f", [12]],
    ["4.6", "b", [11, 12]],
    ["4.7", "b", [11, 12]],
    ["5.3", "b", [13]],
    ["5.4", "b", [14]],
    ["5.6", "b", [15]],
    ["5.7", "b", [15]],
    ["5.8", "b", [15]],
    ["7.2", "b", [16]],
    ["7.3", "b", [16]],
    ["7.6", "b", [16]],
    ["7.7", "b", [16]],
    ["7.10", "b", [16]],
    ["7.4", "b", [17]],
    ["7.5", "b", [17]],
    ["7.8", "b", [18]],
    ["5.12.1", "c", [19]],
    ["3.4", "b", [8]],
  ] as const)("%s %s is info %j", (id, key, info) => {
    expect(variable(indicator(id), key).info).toEqual(info);
  });

  it.each([
    ["3.6", "d", "3.6", "a"],
    ["3.7", "b", "3.6", "a"],
    ["5.2", "b", "5.1", "a"],
    ["5.11", "b", "5.10", "a"],
    ["6.10", "b", "6.9", "b"],
    ["7.11", "b", "6.22", "c"],
    ["7.12", "b", "6.22", "c"],
    ["8.3", "b", "8.2", "b"],
  ])("%s %s is the same as %s %s", (id, key, targetId, targetKey) => {
    expect(variable(indicator(id), key).sameAs).toEqual({ indicator: targetId, variable: targetKey });
  });

  it("no other links than those listed", () => {
    const links = set.indicators.flatMap((ind) =>
      ind.variables.filter((v) => v.info || v.sameAs).map((v) => `${ind.id} ${v.key}`),
    );
    expect(links).toHaveLength(27 + 8);
  });
});
