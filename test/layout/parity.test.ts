/**
 * The portable template's plain formulas compute the engine's result: filled with the same
 * inputs, every score cell, pillar total, the total and the index equal the engine's
 * (to 1e-9), and bad entries give a blank or 0, never an error, with totals still computing.
 */
import { prng, randomUnit, withRandomReferences } from "../support/generate";
import { dtiProvince2022 as set } from "../../src/catalog";
import { scoreUnits } from "../../src/engine/score";
import type { ScoreOptions, UnitInput, UnitResult } from "../../src/engine/types";
import { buildWorkbookLayout } from "../../src/layout/build";
import { names } from "../../src/layout/names";
import { expectParity as expectParitySet } from "../support/expect-parity";
import { evaluateLayout, type EvaluatedWorkbook } from "../support/hf";
import { namedInputs } from "../support/named-inputs";
import { registerDtiFunctions } from "../support/hf-dti-functions";

const layout = buildWorkbookLayout(set);

const expectParity = (wb: EvaluatedWorkbook, r: UnitResult): void => expectParitySet(set, wb, r);


describe("portable formulas equal the engine (HyperFormula)", () => {
  it.each([11, 12, 13, 14, 15, 16])("random province %i, with reference values for cross-unit rows", (seed) => {
    const rnd = prng(seed);
    const unit = withRandomReferences(set, randomUnit(set, "Tỉnh", rnd).unit, rnd);
    for (const options of [{}, { altThreshold: true }, { minMaxAsRatioToBest: true }] as ScoreOptions[]) {
      const [r] = scoreUnits(set, [unit], options);
      const wb = evaluateLayout(layout, namedInputs(unit, options));
      expectParity(wb, r as UnitResult);
      wb.destroy();
    }
  });

  it("an empty workbook: blank scores, totals 0, no errors", () => {
    const unit: UnitInput = { name: "Trống", values: {} };
    const [r] = scoreUnits(set, [unit]);
    const wb = evaluateLayout(layout, namedInputs(unit));
    expectParity(wb, r as UnitResult);
    expect(wb.value(names.total)).toBe(0);
    wb.destroy();
  });

  it("bad entries give a blank or 0 and the totals still compute", () => {
    const unit: UnitInput = {
      name: "Sai",
      info: { "4": 600000, "6": 0, "8": 65 },
      values: {
        "3.1": { a: "ba trăm nghìn" }, // text in a number cell
        "3.2": { a: 10 }, //              zero denominator from item 6
        "3.3": { a: -5 }, //              negative
        "3.4": { a: 70 }, //              numerator above denominator (b = item 8 = 65)
        "1.1": { a: "Giám đốc Sở" }, //   not one of the options
        "1.2": { a: true, b: false },
        "5.5": { a: 0, b: 0, none: true }, // "không phát sinh" confirmed
        "5.11": { a: 0 }, //              b = 5.10 a, missing
        "1.5": { a: false }, //           gate closed, articles not needed
        "4.5": { a: 1, b: 1, c: 1, d: 1 }, // e, f from info 11, 12: missing
      },
      reference: { "4.5": { min: 0.01, max: 0.05 } },
    };
    const [r] = scoreUnits(set, [unit]);
    const wb = evaluateLayout(layout, namedInputs(unit));
    expectParity(wb, r as UnitResult);
    expect(wb.value(names.score("3.2"))).toBe(0);
    expect(wb.value(names.score("3.4"))).toBe(10);
    expect(wb.value(names.score("5.5"))).toBe(5);
    expect(wb.value(names.score("1.5"))).toBe(0);
    expect(typeof wb.value(names.total)).toBe("number");
    wb.destroy();
  });
});

describe("data validation of numerators (§1): the entry may not exceed its denominator", () => {
  const indicators = layout.sheets.find((s) => s.role === "indicators");
  const validationOf = (name: string) => {
    const n = layout.names.find((x) => x.name === name);
    const ref = n?.ref.replace(/\$/g, "");
    return indicators?.validations.find((v) => v.ref === ref);
  };

  it.each([
    [500000, true],
    [600000, true],
    [600001, false],
    [-1, false],
    [1.5, false],
    ["nhiều", false],
  ])("3.1 a = %p with b = Thông tin chung item 4 = 600 000 → accepted: %p", (a, ok) => {
    const v = validationOf(names.input("3.1", "a"));
    expect(v?.rule.kind).toBe("custom");
    expect(v?.error).toMatch(/tử số \(a\) không được lớn hơn mẫu số \(b\)/);
    const wb = evaluateLayout(layout, new Map<string, string | number>([[names.info(4), 600000], [names.input("3.1", "a"), a]]));
    expect(wb.formula((v?.rule as { formula: string }).formula)).toBe(ok);
    wb.destroy();
  });

  it("6.11: c + d may not exceed a + b, checked once both denominators are typed", () => {
    const v = validationOf(names.input("6.11", "c"));
    const formula = (v?.rule as { formula: string }).formula;
    const check = (values: Record<string, number>) => {
      const wb = evaluateLayout(layout, new Map(Object.entries(values).map(([k, x]) => [names.input("6.11", k), x])));
      const r = wb.formula(formula);
      wb.destroy();
      return r;
    };
    expect(check({ c: 50 })).toBe(true);
    expect(check({ a: 100, b: 100, c: 150, d: 40 })).toBe(true);
    expect(check({ a: 100, b: 100, c: 150, d: 60 })).toBe(false);
  });
});

describe("the DTI.* variant of the template gives the same numbers (custom functions through HyperFormula)", () => {
  const functions = buildWorkbookLayout(set, { formulas: "functions" });
  beforeAll(() => registerDtiFunctions());

  it.each([21, 22, 23])("random province %i: DTI.* formulas = plain formulas = engine", (seed) => {
    const rnd = prng(seed);
    const unit = withRandomReferences(set, randomUnit(set, "Tỉnh", rnd).unit, rnd);
    for (const options of [{}, { altThreshold: true }, { minMaxAsRatioToBest: true }] as ScoreOptions[]) {
      const [r] = scoreUnits(set, [unit], options);
      const wb = evaluateLayout(functions, namedInputs(unit, options));
      expectParity(wb, r as UnitResult);
      wb.destroy();
    }
  });

  it("bad entries: blank or 0 and totals compute, as with plain formulas", () => {
    const unit: UnitInput = { name: "Sai", info: { "4": 600000, "6": 0 }, values: { "3.1": { a: "nhiều" }, "3.2": { a: 10 }, "7.1": { a: 5, b: 0 } } };
    const [r] = scoreUnits(set, [unit]);
    const wb = evaluateLayout(functions, namedInputs(unit));
    expectParity(wb, r as UnitResult);
    wb.destroy();
  });
});
