/**
 * docs/set-schema.json, the JSON Schema published for authors of sets, is what the declaration
 * in src/catalog/schema.ts gives (`npm run schema` writes it), and every set the loader accepts
 * passes it. Checked with ajv, an independent validator, in tests only: it compiles schemas with
 * `new Function`, which the pane's CSP refuses, and nothing the browser loads imports it.
 */
import Ajv from "ajv";
import { readFileSync } from "fs";
import { join } from "path";
import { dtiProvince2020, dtiProvince2022 } from "../../src/catalog";
import { setJsonSchema, setJsonSchemaText } from "../../src/catalog/json-schema";
import { parseIndicatorSet } from "../../src/catalog/load";
import { decls, setToFile } from "../../src/catalog/schema";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ROOT = join(__dirname, "..", "..");
const SCHEMA_FILE = join(ROOT, "docs", "set-schema.json");
const read = (...parts: string[]): Json => JSON.parse(readFileSync(join(ROOT, ...parts), "utf8")) as Json;

const ajv = new Ajv({ allErrors: true });
const validate = ajv.compile(read("docs", "set-schema.json"));
const problems = (data: unknown): string[] => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.dataPath} ${e.message ?? ""}`));

describe("docs/set-schema.json", () => {
  it("is what `npm run schema` writes from the declaration (run it and commit when this fails)", () => {
    expect(readFileSync(SCHEMA_FILE, "utf8")).toBe(setJsonSchemaText());
  });

  it("is a valid draft-07 JSON Schema", () => {
    expect(ajv.validateSchema(setJsonSchema())).toBe(true);
  });

  it("lists every rule kind the declaration has, each with its description", () => {
    const rule = setJsonSchema().definitions as Json;
    expect(rule.rule.properties.kind.enum).toEqual(Object.keys(decls.rule.variants));
    for (const variant of rule.rule.oneOf as Json[]) expect(variant.description).toMatch(/\S\n\n\S/);
  });
});

describe("every set the loader accepts passes the JSON Schema", () => {
  const files: [string, Json][] = [
    ["src/catalog/sets/dti-province-2020.json", read("src", "catalog", "sets", "dti-province-2020.json")],
    ["test/fixtures/sets/district-example.json", read("test", "fixtures", "sets", "district-example.json")],
    ["test/fixtures/sets/frozen/v1-district-example.json", read("test", "fixtures", "sets", "frozen", "v1-district-example.json")],
  ];

  it.each(files)("%s", (file, data) => {
    expect(parseIndicatorSet(data, file)).toHaveProperty("set");
    expect(problems(data)).toEqual([]);
    expect(problems({ $schema: "../../docs/set-schema.json", ...data })).toEqual([]);
  });

  it.each([
    ["dti-province-2022", dtiProvince2022],
    ["dti-province-2020", dtiProvince2020],
  ])("%s: as a first-version file, and as the set in memory (tagged)", (_id, set) => {
    expect(problems(JSON.parse(JSON.stringify(setToFile(set))))).toEqual([]);
    expect(problems(JSON.parse(JSON.stringify(set)))).toEqual([]);
  });
});

describe("the JSON Schema refuses what the loader refuses field by field", () => {
  const district = (): Json => read("test", "fixtures", "sets", "district-example.json");
  const ind = (d: Json, id: string): Json => (d.indicators as Json[]).find((i) => i.id === id) as Json;

  it.each<[string, (d: Json) => void]>([
    ["a misspelt field", (d) => (d.indicator = [])],
    ["an unknown rule kind", (d) => (ind(d, "1.1").rule.kind = "percentage")],
    ["a rule field of another kind", (d) => (ind(d, "1.1").rule.threshold = "0.9")],
    ["a fraction written as a number", (d) => (ind(d, "1.2").rule.threshold = 0.9)],
    ["an exact number with a sign", (d) => (ind(d, "1.2").rule.threshold = "-0.9")],
    ["a blank name", (d) => (d.name = "  ")],
    ["a set id with capitals", (d) => (d.id = "Huyen-2023")],
    ["a year that is not an integer", (d) => (d.year = 2023.5)],
    ["a maximum total of 0", (d) => (d.maxTotal = 0)],
    ["a denominator that is text", (d) => (ind(d, "1.1").rule.ratio.denominator = "b")],
    ["an empty denominator", (d) => (ind(d, "1.1").rule.ratio.denominator = [])],
    ["a measure with both keys", (d) => (ind(d, "2.2").rule.measure = { amount: "a", ratio: ind(d, "1.1").rule.ratio })],
    ["a choice with one option", (d) => (d.indicators[2].variables[0].options = [{ label: "Có", fraction: "1" }])],
  ])("%s", (_what, mutate) => {
    const d = district();
    mutate(d);
    expect(parseIndicatorSet(d, "x.json")).toHaveProperty("errors");
    expect(problems(d)).not.toEqual([]);
  });
});

describe("the spellings of issue 13 in the JSON Schema: what the loader accepts, an editor accepts", () => {
  function spelled(): Json {
    const d = read("test", "fixtures", "sets", "district-example.json");
    const ind = (id: string): Json => (d.indicators as Json[]).find((i) => i.id === id) as Json;
    ind("1.2").rule.threshold = "90%";
    (ind("1.3").variables[0].options as Json[])[1]!.fraction = "5đ";
    (ind("2.3").rule.parts as Json[])[0]!.share = "7,5 điểm";
    (ind("2.3").rule.parts as Json[])[1]!.share = "50 %";
    ind("1.5").rule.pointsEach = "2 điểm";
    Object.assign(ind("1.1"), { evidenceRequired: "Quyết định", dataSource: "Phòng Nội vụ", verifiedBy: "Phòng Văn hóa và Thông tin" });
    return { ...d, draft: true };
  }

  it("points, percentages, a draft and the new columns pass both", () => {
    expect(parseIndicatorSet(spelled(), "x.json")).toHaveProperty("set");
    expect(problems(spelled())).toEqual([]);
  });

  it("points where a ratio belongs are refused by both", () => {
    const d = spelled();
    (d.indicators as Json[]).find((i) => i.id === "1.2")!.rule.threshold = "9 điểm";
    expect(parseIndicatorSet(d, "x.json")).toHaveProperty("errors");
    expect(problems(d).join("\n")).toMatch(/threshold/);
  });
});
