/**
 * The rule kinds of issue 13 (best-of, a capped count as a part, a capped group) in a template:
 * the plain formulas and the DTI.SCORE formulas compute the engine's numbers (HyperFormula),
 * for the fixture set of the quoted texts. LibreOffice: test/e2e/libreoffice-kinds.test.ts.
 */
import { registerIndicatorSet } from "../../src/catalog";
import { scoreUnits } from "../../src/engine/score";
import type { UnitResult } from "../../src/engine/types";
import { buildWorkbookLayout } from "../../src/layout/build";
import { names } from "../../src/layout/names";
import { RuleFormulas } from "../../src/layout/formulas";
import { prng, randomUnit } from "../support/generate";
import { expectParity } from "../support/expect-parity";
import { evaluateLayout } from "../support/hf";
import { registerDtiFunctions } from "../support/hf-dti-functions";
import { namedInputs } from "../support/named-inputs";
import { authoringSet, authoringUnits } from "../support/authoring-units";

const set = authoringSet();

describe.each(["portable", "functions"] as const)("the quoted texts' set, %s formulas = engine (HyperFormula)", (formulas) => {
  const layout = buildWorkbookLayout(set, { formulas });
  beforeAll(() => {
    registerIndicatorSet(set);
    registerDtiFunctions();
  });

  it.each(authoringUnits.map((u) => [u.name, u] as const))("%s", (_name, unit) => {
    const [r] = scoreUnits(set, [unit]);
    const wb = evaluateLayout(layout, namedInputs(unit, {}, set));
    expectParity(set, wb, r as UnitResult);
    wb.destroy();
  });

  it.each([41, 42, 43])("random unit %i", (seed) => {
    const unit = randomUnit(set, "Ngẫu nhiên", prng(seed)).unit;
    const [r] = scoreUnits(set, [unit]);
    const wb = evaluateLayout(layout, namedInputs(unit, {}, set));
    expectParity(set, wb, r as UnitResult);
    wb.destroy();
  });
});

it("the plain formulas are the ones the rules say: MAX of the cases, MIN for every cap", () => {
  const layout = buildWorkbookLayout(set);
  const formulas = layout.sheets.flatMap((s) => s.grid.flat()).filter((c): c is { f: string } => typeof c === "object" && c !== null && "f" in c).map((c) => c.f);
  expect(formulas.some((f) => f.includes(`MAX(IF(${names.input("1.3", "b")}=0`) && f.includes(`MIN(${names.input("1.3", "d")}*1,10)/10)`))).toBe(true);
  expect(formulas.some((f) => f.includes(`MIN(${names.input("1.2", "n")}*1,(1/10)*50)/50`))).toBe(true);
  expect(formulas.some((f) => /MIN\(MIN\(DTI_1_4_p\*2,\(1\/2\)\*20\)\/20\+MIN\(DTI_1_4_s\*1,\(1\/2\)\*20\)\/20,\(1\/2\)\)/.test(f))).toBe(true);
  for (const f of formulas) expect(f).not.toMatch(/\b(IFS|MAXIFS|MINIFS|LET|XLOOKUP|_xlfn)\b/);
});

it("the row status the template shows agrees with the engine's (every case's and part's figures counted)", () => {
  const layout = buildWorkbookLayout(set);
  const shown: Record<string, string> = { ok: "Đã tính", missing: "Thiếu số liệu", "zero-denominator": "Mẫu số bằng 0" };
  for (const unit of authoringUnits) {
    const [r] = scoreUnits(set, [unit]);
    const wb = evaluateLayout(layout, namedInputs(unit, {}, set));
    for (const ind of set.indicators) {
      const status = r?.indicators[ind.id]?.status as string;
      expect([unit.name, ind.id, wb.formula(new RuleFormulas(ind, set.id).status())]).toEqual([unit.name, ind.id, shown[status]]);
    }
    wb.destroy();
  }
});
