/** The registry fails fast when descriptions.json and the argument specs disagree. */
import descriptions from "../../src/functions/descriptions.json";
import { checkRegistry, registryProblems } from "../../src/functions/descriptions";
import { FUNCTION_SPECS } from "../../src/functions/registry";

const copy = (): Record<string, Record<string, unknown>> => JSON.parse(JSON.stringify(descriptions));

describe("checkRegistry", () => {
  it("passes for the shipped registry", () => {
    expect(registryProblems()).toEqual([]);
    expect(() => checkRegistry()).not.toThrow();
  });

  it("fails for a function without a description", () => {
    const d = copy();
    delete d.LEVEL;
    expect(() => checkRegistry(d)).toThrow(/LEVEL: no entry in descriptions.json/);
  });

  it("fails for an empty Vietnamese or English description", () => {
    const d = copy();
    (d.RATIO as { vi: { description: string } }).vi.description = "";
    (d.BEST as { en: { description?: string } }).en = {};
    expect(registryProblems(d)).toEqual(["RATIO: no vi description", "BEST: no en description"]);
  });

  it("fails when a parameter list disagrees (missing, renamed or reordered)", () => {
    const d = copy();
    (d.RATIO as { params: unknown[] }).params.pop();
    (d.TIERS as { params: { name: string }[] }).params.reverse();
    const problems = registryProblems(d);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^RATIO: parameters \[numerator, denominator, maxPoints\].*\[numerator, denominator, maxPoints, target\]/);
    expect(problems[1]).toMatch(/^TIERS: parameters/);
  });

  it("fails when optional or repeating flags disagree, or a label is missing", () => {
    const d = copy();
    const ratio = d.RATIO as { params: Record<string, unknown>[] };
    delete (ratio.params[3] as Record<string, unknown>).optional;
    delete ((d.SCORE as { params: Record<string, unknown>[] }).params[1] as Record<string, unknown>).repeating;
    // The label is the runner's word for the parameter, kept with its spec (functions.js does not load descriptions.json).
    const specs = { ...FUNCTION_SPECS, RATIO: { params: [{ ...FUNCTION_SPECS.RATIO.params[0], label: "" }, ...FUNCTION_SPECS.RATIO.params.slice(1)] } } as const;
    expect(registryProblems(d, specs)).toEqual([
      "RATIO.numerator: no label",
      "RATIO.target: optional is false in descriptions.json, true in registry.ts",
      "SCORE.inputs: repeating is false in descriptions.json, true in registry.ts",
    ]);
  });

  it("fails for a described function the registry does not know", () => {
    const d = copy();
    d.EXTRA = d.RATIO as Record<string, unknown>;
    expect(registryProblems(d)).toEqual(["EXTRA: described in descriptions.json but has no spec in registry.ts"]);
  });

  it("fails when a required parameter follows an optional one", () => {
    const specs = {
      ...FUNCTION_SPECS,
      RATIO: { params: [{ name: "numerator", label: "tử số", kind: "number", default: 0 }, ...FUNCTION_SPECS.RATIO.params.slice(1)] },
    } as const;
    const d = copy();
    ((d.RATIO as { params: Record<string, unknown>[] }).params[0] as Record<string, unknown>).optional = true;
    expect(registryProblems(d, specs)).toEqual(["RATIO: a required parameter follows an optional one"]);
  });

  it("every Vietnamese text has Vietnamese letters (diacritics not lost)", () => {
    for (const [id, entry] of Object.entries(descriptions)) {
      expect(`${id}: ${entry.vi.description}`).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý]/i);
      for (const p of entry.params) expect(`${id}.${p.name}: ${p.vi}`).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý]/i);
    }
  });
});
