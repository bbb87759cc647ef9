/**
 * How two sets of the same id differ (src/catalog/diff.ts), as the task pane shows it before
 * a stored set the DTI.* functions use may be replaced (issue 9).
 */
import fs from "fs";
import path from "path";
import { canonicalJson, diffSets } from "../../src/catalog/diff";
import { parseIndicatorSet } from "../../src/catalog/load";
import type { IndicatorSet } from "../../src/catalog/schema";

function districtSet(): IndicatorSet {
  const file = path.resolve(__dirname, "../fixtures/sets/district-example.json");
  const parsed = parseIndicatorSet(JSON.parse(fs.readFileSync(file, "utf-8")), file);
  if ("errors" in parsed) throw new Error(parsed.errors.join("\n"));
  return parsed.set;
}

const base = districtSet();
const [first, second, third] = base.indicators;
if (!first || !second || !third) throw new Error("the district set needs three indicators");

describe("diffSets", () => {
  it("the same set, even written with keys in another order, is identical", () => {
    const reordered = JSON.parse(canonicalJson(base)) as IndicatorSet;
    expect(diffSets(base, reordered)).toEqual({
      identical: true,
      fields: [],
      indicators: { added: [], removed: [], rules: [], wording: [] },
      pillars: { added: [], removed: [], changed: [] },
      infoItems: { added: [], removed: [], changed: [] },
    });
  });

  it("items added and removed, in each set's order", () => {
    const incoming: IndicatorSet = { ...base, indicators: [first, third, { ...second, id: "9.9" }, { ...second, id: "__proto__" }] };
    const d = diffSets(base, incoming);
    expect(d.identical).toBe(false);
    expect(d.indicators.added).toEqual(["9.9", "__proto__"]);
    expect(d.indicators.removed).toEqual([second.id, ...base.indicators.slice(3).map((i) => i.id)]);
  });

  it("scoring changes (rule, maximum, an option's fraction) apart from wording changes", () => {
    const choice = base.indicators.find((i) => i.variables.some((v) => v.type === "choice"));
    const incoming: IndicatorSet = {
      ...base,
      indicators: base.indicators.map((i) => {
        if (i.id === first.id) return { ...i, maxPoints: i.maxPoints + 5 };
        if (i.id === second.id) return { ...i, responsible: "Sở khác", scoringText: `${i.scoringText} (sửa lời)` };
        if (choice && i.id === choice.id) {
          return { ...i, variables: i.variables.map((v) => (v.options ? { ...v, options: v.options.map((o, n) => (n === 0 ? { ...o, fraction: "1/2" } : o)) } : v)) };
        }
        return i;
      }),
    };
    const d = diffSets(base, incoming);
    // The district set's first choice row is its third indicator (1.3).
    expect(choice?.id).toBe(third.id);
    expect(d.indicators.rules).toEqual([first.id, third.id]);
    expect(d.indicators.wording).toEqual([second.id]);
    expect(d.indicators.added).toEqual([]);
  });

  it("set fields, pillars and general information items", () => {
    const [p1, ...pillars] = base.pillars;
    const [i1, ...items] = base.infoItems;
    if (!p1 || !i1) throw new Error("the district set needs a pillar and an info item");
    const incoming: IndicatorSet = {
      ...base,
      name: `${base.name} 2024`,
      year: base.year + 1,
      pillars: [{ ...p1, maxPoints: p1.maxPoints + 1 }, ...pillars, { id: "X", name: "Mới", maxPoints: 0 }],
      infoItems: [...items, { ...i1, id: 99 }],
    };
    const d = diffSets(base, incoming);
    expect(d.fields).toEqual(["name", "year"]);
    expect(d.pillars).toEqual({ added: ["X"], removed: [], changed: [p1.id] });
    expect(d.infoItems).toEqual({ added: [99], removed: [i1.id], changed: [] });
  });
});
