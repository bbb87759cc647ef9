/**
 * What the one declaration (src/catalog/schema.ts) gives the compiler. The `@ts-expect-error`
 * lines are assertions checked by `tsc --noEmit` (and by ts-jest): each fails the type check
 * if the line it marks ever compiles.
 */
import type { IndicatorSet, IndicatorSetFile, Measure, RatioSpec, Rule, RuleFile, RuleKind } from "../../src/catalog/schema";
import { decls, ruleFromFile, ruleToFile } from "../../src/catalog/schema";

describe("types from the declaration", () => {
  it("in memory, a measure and a denominator carry their kind; a file may leave it out", () => {
    const inMemory: Measure = { kind: "amount", amount: "a" };
    // @ts-expect-error -- in memory, the tag is required
    const untagged: Measure = { amount: "a" };
    const inFile: RuleFile = { kind: "min-max", measure: { amount: "a" } };
    const denominator: RatioSpec["denominator"] = { kind: "variables", variables: ["b"] };
    // @ts-expect-error -- in memory a denominator is never a bare array
    const bare: RatioSpec["denominator"] = ["b"];
    const fileRule: RuleFile = { kind: "ratio", ratio: { numerator: ["a"], denominator: ["b"], subset: true } };
    expect([inMemory, untagged, inFile, denominator, bare, fileRule]).toHaveLength(6);
  });

  it("narrowing on the kind needs no cast", () => {
    const keys = (spec: RatioSpec): readonly string[] => (spec.denominator.kind === "variables" ? spec.denominator.variables : []);
    const compared = (m: Measure): string => (m.kind === "amount" ? m.amount : keys(m.ratio).join("+"));
    const rule = ruleFromFile({ kind: "ratio-to-best", measure: { ratio: { numerator: ["a"], denominator: ["b", "c"], subset: false } } });
    expect(rule.kind === "ratio-to-best" ? compared(rule.measure) : "").toBe("b+c");
    expect(ruleToFile(rule)).toEqual({ kind: "ratio-to-best", measure: { ratio: { numerator: ["a"], denominator: ["b", "c"], subset: false } } });
  });

  it("the rule kinds are the declared ones, and only those", () => {
    const kinds: Record<RuleKind, true> = {
      ratio: true,
      "threshold-literal": true,
      "threshold-scaled": true,
      "all-or-nothing": true,
      "tiers-ratio": true,
      "tiers-amount": true,
      "multi-part": true,
      choice: true,
      "capped-count": true,
      "min-max": true,
      "ratio-to-best": true,
      "sum-of-children": true,
      unscored: true,
      "best-of": true,
    };
    expect(Object.keys(kinds)).toEqual(Object.keys(decls.rule.variants));
    // @ts-expect-error -- a kind that is not declared is not a Rule
    const unknown: Rule = { kind: "weighted-average" };
    expect(unknown).toBeDefined();
  });

  it("$schema belongs to the file, not to the set in memory", () => {
    const file: Pick<IndicatorSetFile, "$schema"> = { $schema: "../docs/set-schema.json" };
    // @ts-expect-error -- the set in memory has no $schema
    const set: Pick<IndicatorSet, "$schema"> = {};
    expect([file, set]).toHaveLength(2);
  });
});
