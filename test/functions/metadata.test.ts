/**
 * functions.json as CustomFunctionsMetadataPlugin generates it from functions.ts.
 * The generator's CLI exits 0 on errors and stays silent about some mistakes (a @param whose
 * name does not match, untyped parameters), so the generated JSON itself is checked here.
 */
import fs from "fs";
import os from "os";
import path from "path";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import descriptions from "../../src/functions/descriptions.json";
import { FUNCTION_IDS, FUNCTION_SPECS, isOptional, isRepeating } from "../../src/functions/registry";

interface GeneratedParameter {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
  repeating?: boolean;
}
interface GeneratedFunction {
  id: string;
  name: string;
  description?: string;
  parameters: GeneratedParameter[];
  result: { type?: string; dimensionality?: string };
}
interface Generated {
  functions: GeneratedFunction[];
}

const FUNCTIONS_FILE = path.resolve(__dirname, "../../src/functions/functions.ts");
const EXPECTED_IDS = ["RATIO", "MINMAX", "THRESHOLD", "SCALED", "TIERS", "LEVEL", "COUNTCAP", "BEST", "INDEX", "SCORE", "MAXPOINTS"];

let metadata: Generated;
let errors: string[];

beforeAll(async () => {
  const result = await generateCustomFunctionsMetadata(FUNCTIONS_FILE);
  errors = result.errors;
  metadata = (result.metadataJson ? JSON.parse(result.metadataJson) : { functions: [] }) as Generated;
}, 30000);

describe("functions.json generated from functions.ts", () => {
  it("has no generator errors", () => {
    expect(errors).toEqual([]);
  });

  it("has exactly the DTI functions, each with an id pinned to its name", () => {
    const ids = metadata.functions.map((f) => f.id);
    expect([...ids].sort()).toEqual([...EXPECTED_IDS].sort());
    expect([...FUNCTION_IDS].sort()).toEqual([...EXPECTED_IDS].sort());
    for (const f of metadata.functions) expect(f.name).toBe(f.id);
  });

  it("pins every id explicitly in the source (@customfunction ID ID)", () => {
    const source = fs.readFileSync(FUNCTIONS_FILE, "utf-8");
    for (const id of EXPECTED_IDS) expect(source).toContain(`@customfunction ${id} ${id}\n`);
  });

  it("describes every function and parameter", () => {
    for (const f of metadata.functions) {
      expect(f.description?.trim()).toBeTruthy();
      for (const p of f.parameters) {
        if (!p.description?.trim()) throw new Error(`${f.id}.${p.name} has no description`);
      }
    }
  });

  it("the English texts equal descriptions.json's en (one source of truth)", () => {
    const d = descriptions as Record<string, { en: { description: string }; params: { name: string; en: string }[] }>;
    for (const f of metadata.functions) {
      const entry = d[f.id];
      expect(entry).toBeDefined();
      expect(f.description).toBe(entry?.en.description);
      expect(f.parameters.map((p) => p.name)).toEqual(entry?.params.map((p) => p.name));
      f.parameters.forEach((p, n) => expect(`${f.id}.${p.name}: ${p.description}`).toBe(`${f.id}.${p.name}: ${entry?.params[n]?.en}`));
    }
  });

  it("parameters agree with the registry: names, optional, repeating", () => {
    for (const f of metadata.functions) {
      const spec = FUNCTION_SPECS[f.id as keyof typeof FUNCTION_SPECS];
      expect(f.parameters.map((p) => p.name)).toEqual(spec.params.map((p) => p.name));
      spec.params.forEach((p, n) => {
        const generated = f.parameters[n] as GeneratedParameter;
        expect([f.id, p.name, generated.optional === true]).toEqual([f.id, p.name, isOptional(p)]);
        expect([f.id, p.name, generated.repeating === true]).toEqual([f.id, p.name, isRepeating(p)]);
      });
    }
  });

  it("every parameter is 'any', so text and TRUE/FALSE reach the runner (Vietnamese #VALUE!)", () => {
    for (const f of metadata.functions) {
      for (const p of f.parameters) expect(`${f.id}.${p.name}: ${p.type}`).toBe(`${f.id}.${p.name}: any`);
    }
  });

  it("range parameters are matrices; the others scalars", () => {
    const matrices = metadata.functions.flatMap((f) =>
      f.parameters.filter((p) => p.dimensionality === "matrix").map((p) => `${f.id}.${p.name}`),
    );
    expect(matrices.sort()).toEqual(
      ["BEST.values", "MINMAX.values", "SCORE.inputs", "TIERS.fractions", "TIERS.thresholds"].sort(),
    );
    for (const f of metadata.functions) {
      for (const p of f.parameters) {
        const kind = (FUNCTION_SPECS[f.id as keyof typeof FUNCTION_SPECS].params as readonly { name: string; kind: string }[]).find(
          (s) => s.name === p.name,
        )?.kind;
        const isRange = kind === "sample" || kind === "list" || kind === "values";
        expect([f.id, p.name, p.dimensionality === "matrix"]).toEqual([f.id, p.name, isRange]);
      }
    }
  });

  it("results are scalar (a number or an Excel error)", () => {
    for (const f of metadata.functions) expect(f.result.dimensionality).toBeUndefined();
  });
});

describe("the generator's handling of types (why functions.ts writes unions inline)", () => {
  async function generate(source: string): Promise<{ errors: string[]; functions: GeneratedFunction[] }> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cf-metadata-"));
    const file = path.join(dir, "probe.ts");
    fs.writeFileSync(file, source);
    try {
      const result = await generateCustomFunctionsMetadata(file);
      return {
        errors: result.errors,
        functions: result.metadataJson ? (JSON.parse(result.metadataJson) as Generated).functions : [],
      };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  it("refuses a named alias such as CellValue", async () => {
    const result = await generate(
      "type CellValue = number | string | boolean | null;\n" +
        "/**\n * Probe.\n * @customfunction P P\n * @param x - x\n */\nexport function p(x: CellValue): number { return 1; }\n",
    );
    expect(result.errors.join("\n")).toMatch(/does not support type "CellValue"/);
  });

  it("refuses (A | B)[][]", async () => {
    const result = await generate(
      "/**\n * Probe.\n * @customfunction P P\n * @param x - x\n */\nexport function p(x: (number | string)[][]): number { return 1; }\n",
    );
    expect(result.errors.join("\n")).toMatch(/Type doesn't match mappings/);
  });

  it("maps an inline union to 'any' and Array<Array<union>> to an 'any' matrix", async () => {
    const result = await generate(
      "/**\n * Probe.\n * @customfunction P P\n * @param x - x\n * @param r - r\n */\n" +
        "export function p(x: number | string | boolean | null, r: Array<Array<number | string | boolean | null>>): number { return 1; }\n",
    );
    expect(result.errors).toEqual([]);
    expect(result.functions[0]?.parameters).toEqual([
      { description: "x", name: "x", type: "any" },
      { description: "r", dimensionality: "matrix", name: "r", type: "any" },
    ]);
  });
});
