/**
 * Any valid set, not only the built-in 2022 one: the district example's template computes the
 * engine's numbers with plain formulas and with DTI.* formulas (DTI.SCORE("huyen-2023:…"; …),
 * the set registered as the task pane makes the functions do through OfficeRuntime.storage).
 */
import fs from "fs";
import path from "path";
import { prng, randomUnit, withRandomReferences } from "../support/generate";
import { registerIndicatorSet } from "../../src/catalog";
import { parseIndicatorSet } from "../../src/catalog/load";
import type { IndicatorSet } from "../../src/catalog/schema";
import { scoreUnits } from "../../src/engine/score";
import type { ScoreOptions, UnitInput, UnitResult } from "../../src/engine/types";
import { buildWorkbookLayout } from "../../src/layout/build";
import { names } from "../../src/layout/names";
import { expectParity as expectParitySet } from "../support/expect-parity";
import { evaluateLayout, type EvaluatedWorkbook } from "../support/hf";
import { registerDtiFunctions } from "../support/hf-dti-functions";
import { namedInputs } from "../support/named-inputs";

const file = path.resolve(__dirname, "../fixtures/sets/district-example.json");
const parsed = parseIndicatorSet(JSON.parse(fs.readFileSync(file, "utf-8")), file);
if ("errors" in parsed) throw new Error(parsed.errors.join("\n"));
const set: IndicatorSet = parsed.set;

const expectParity = (wb: EvaluatedWorkbook, r: UnitResult): void => expectParitySet(set, wb, r);

describe.each(["portable", "functions"] as const)("district example (huyen-2023), %s formulas = engine (HyperFormula)", (formulas) => {
  const layout = buildWorkbookLayout(set, { formulas });
  beforeAll(() => {
    registerIndicatorSet(set);
    registerDtiFunctions();
  });

  it("scores through DTI.SCORE with the set id when asked for functions", () => {
    const cells = layout.sheets.flatMap((s) => s.grid.flat()).filter((c) => typeof c === "object" && c !== null) as { f: string }[];
    const calls = cells.filter((c) => c.f.includes('DTI.SCORE("huyen-2023:'));
    expect(calls.length > 0).toBe(formulas === "functions");
  });

  it.each([31, 32, 33, 34])("random district %i, with reference values for cross-unit rows", (seed) => {
    const rnd = prng(seed);
    const unit = withRandomReferences(set, randomUnit(set, "Huyện", rnd).unit, rnd);
    for (const options of [{}, { altThreshold: true }, { minMaxAsRatioToBest: true }] as ScoreOptions[]) {
      const [r] = scoreUnits(set, [unit], options);
      const wb = evaluateLayout(layout, namedInputs(unit, options, set));
      expectParity(wb, r as UnitResult);
      wb.destroy();
    }
  });

  it("an empty workbook: blank scores, totals 0", () => {
    const unit: UnitInput = { name: "Trống", values: {} };
    const [r] = scoreUnits(set, [unit]);
    const wb = evaluateLayout(layout, namedInputs(unit, {}, set));
    expectParity(wb, r as UnitResult);
    expect(wb.value(names.total)).toBe(0);
    wb.destroy();
  });
});
