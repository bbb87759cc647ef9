/** The workbook's score cells, pillar totals, total and index equal the engine's result. */
import type { IndicatorSet } from "../../src/catalog/schema";
import type { UnitResult } from "../../src/engine/types";
import { names } from "../../src/layout/names";
import type { EvaluatedWorkbook } from "./hf";

/** Every score to 1e-9 (blank where the engine has none), the index to 1e-12. */
export function expectParity(set: IndicatorSet, wb: EvaluatedWorkbook, r: UnitResult): void {
  for (const ind of set.indicators) {
    const engine = r.indicators[ind.id]?.score?.toNumber() ?? null;
    const sheet = wb.value(names.score(ind.id));
    if (engine === null) expect([ind.id, sheet]).toEqual([ind.id, null]);
    else {
      expect([ind.id, typeof sheet]).toEqual([ind.id, "number"]);
      expect(Math.abs((sheet as number) - engine)).toBeLessThan(1e-9);
    }
  }
  for (const p of set.pillars) {
    expect(Math.abs((wb.value(names.pillar(p.id)) as number) - (r.pillars[p.id]?.score.toNumber() ?? NaN))).toBeLessThan(1e-9);
  }
  expect(Math.abs((wb.value(names.total) as number) - r.total.score.toNumber())).toBeLessThan(1e-9);
  expect(Math.abs((wb.value(names.index) as number) - r.total.index.toNumber())).toBeLessThan(1e-12);
}
