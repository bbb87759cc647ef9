/**
 * functions-vi.json: localizeMetadata (pure) and FunctionsLocalePlugin in a real webpack build
 * after CustomFunctionsMetadataPlugin.
 */
import fs from "fs";
import os from "os";
import path from "path";
import webpack from "webpack";
import descriptions from "../../src/functions/descriptions.json";

interface Metadata {
  functions: { id: string; name: string; description?: string; parameters?: { name: string; description?: string }[] }[];
  [key: string]: unknown;
}
interface LocalePluginModule {
  FunctionsLocalePlugin: new () => webpack.WebpackPluginInstance;
  localizeMetadata: (metadata: Metadata, descriptions: unknown, locale: string) => Metadata;
  SOURCE_ASSET: string;
  TARGET_ASSET: string;
}
type MetadataPluginClass = new (options: { input: string; output: string }) => webpack.WebpackPluginInstance;

// A CommonJS build script without type declarations: typed here by the contract it exports.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const plugin = require("../../scripts/functions-locale-plugin") as LocalePluginModule;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin") as MetadataPluginClass;

const FUNCTIONS_FILE = path.resolve(__dirname, "../../src/functions/functions.ts");

const sample: Metadata = {
  allowCustomDataForDataTypeAny: true,
  functions: [
    {
      id: "RATIO",
      name: "RATIO",
      description: "Points for a ratio.",
      parameters: [
        { name: "numerator", description: "The numerator." },
        { name: "denominator", description: "The denominator." },
        { name: "maxPoints", description: "Max." },
        { name: "target", description: "Target." },
      ],
    },
    { id: "MAXPOINTS", name: "MAXPOINTS", description: "Max points.", parameters: [{ name: "indicatorId", description: "Id." }] },
  ],
};

describe("localizeMetadata", () => {
  it("replaces function and parameter descriptions with the Vietnamese texts; ids, names and the rest unchanged", () => {
    const vi = plugin.localizeMetadata(sample, descriptions, "vi");
    expect(vi.allowCustomDataForDataTypeAny).toBe(true);
    expect(vi.functions.map((f) => [f.id, f.name])).toEqual([
      ["RATIO", "RATIO"],
      ["MAXPOINTS", "MAXPOINTS"],
    ]);
    expect(vi.functions[0]?.description).toBe(descriptions.RATIO.vi.description);
    expect(vi.functions[0]?.description).toMatch(/^Điểm theo tỷ lệ/);
    expect(vi.functions[0]?.parameters?.map((p) => p.name)).toEqual(["numerator", "denominator", "maxPoints", "target"]);
    expect(vi.functions[0]?.parameters?.[0]?.description).toBe("Tử số a: số không âm.");
    expect(vi.functions[1]?.parameters?.[0]?.description).toBe('Mã chỉ số dạng văn bản, ví dụ "3.1"; chỉ số của bộ khác ghi kèm mã bộ chỉ số: "huyen-2023:1.1".');
  });

  it("does not modify its input", () => {
    const before = JSON.stringify(sample);
    plugin.localizeMetadata(sample, descriptions, "vi");
    expect(JSON.stringify(sample)).toBe(before);
  });

  it("gives the English texts back for en", () => {
    const en = plugin.localizeMetadata(sample, descriptions, "en");
    expect(en.functions[0]?.description).toBe(descriptions.RATIO.en.description);
  });

  it("throws when a function has no Vietnamese description", () => {
    const broken = JSON.parse(JSON.stringify(descriptions)) as Record<string, { vi: { description: string } }>;
    (broken.RATIO as { vi: { description: string } }).vi.description = " ";
    expect(() => plugin.localizeMetadata(sample, broken, "vi")).toThrow(/RATIO: no vi description/);
  });

  it("throws when a parameter has no Vietnamese description, naming every gap", () => {
    const broken = JSON.parse(JSON.stringify(descriptions)) as Record<string, { params: { name: string; vi?: string }[] }>;
    delete (broken.RATIO?.params[3] as { vi?: string }).vi;
    const withUnknown: Metadata = {
      functions: [...sample.functions, { id: "NEW", name: "NEW", description: "New.", parameters: [{ name: "x" }] }],
    };
    expect(() => plugin.localizeMetadata(withUnknown, broken, "vi")).toThrow(
      /RATIO\.target: no vi description[\s\S]*NEW: no vi description[\s\S]*NEW\.x: no vi description/,
    );
  });

  it("covers every function generated from functions.ts", async () => {
    const { generateCustomFunctionsMetadata } = await import("custom-functions-metadata");
    const result = await generateCustomFunctionsMetadata(FUNCTIONS_FILE);
    const vi = plugin.localizeMetadata(JSON.parse(result.metadataJson) as Metadata, descriptions, "vi");
    for (const f of vi.functions) {
      const entry = (descriptions as Record<string, { vi: { description: string }; params: { vi: string }[] }>)[f.id];
      expect(f.description).toBe(entry?.vi.description);
      expect(f.parameters?.map((p) => p.description)).toEqual(entry?.params.map((p) => p.vi));
    }
  }, 30000);
});

describe("FunctionsLocalePlugin in a webpack build", () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "functions-locale-"));
    fs.writeFileSync(path.join(dir, "entry.js"), "module.exports = 1;\n");
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function build(input: string): Promise<webpack.Stats> {
    const compiler = webpack({
      mode: "none",
      context: dir,
      entry: path.join(dir, "entry.js"),
      output: { path: path.join(dir, "dist"), filename: "bundle.js" },
      plugins: [new CustomFunctionsMetadataPlugin({ input, output: plugin.SOURCE_ASSET }), new plugin.FunctionsLocalePlugin()],
      infrastructureLogging: { level: "none" },
    });
    return new Promise((resolve, reject) =>
      compiler.run((err, stats) => {
        compiler.close(() => undefined);
        if (err || !stats) reject(err ?? new Error("no stats"));
        else resolve(stats);
      }),
    );
  }

  it("emits functions-vi.json next to functions.json, same ids and names, Vietnamese texts", async () => {
    const stats = await build(FUNCTIONS_FILE);
    expect(stats.compilation.errors.map((e) => e.message)).toEqual([]);
    const en = JSON.parse(fs.readFileSync(path.join(dir, "dist", plugin.SOURCE_ASSET), "utf-8")) as Metadata;
    const vi = JSON.parse(fs.readFileSync(path.join(dir, "dist", plugin.TARGET_ASSET), "utf-8")) as Metadata;
    expect(plugin.TARGET_ASSET).toBe("functions-vi.json");
    expect(vi.functions.map((f) => [f.id, f.name, f.parameters?.map((p) => p.name)])).toEqual(
      en.functions.map((f) => [f.id, f.name, f.parameters?.map((p) => p.name)]),
    );
    const score = vi.functions.find((f) => f.id === "SCORE");
    expect(score?.description).toBe(descriptions.SCORE.vi.description);
    // Only descriptions differ.
    const strip = (m: Metadata) =>
      JSON.stringify({
        ...m,
        functions: m.functions.map((f) => ({ ...f, description: "", parameters: f.parameters?.map((p) => ({ ...p, description: "" })) })),
      });
    expect(strip(vi)).toBe(strip(en));
  }, 60000);

  it("fails the build when a function has no Vietnamese description", async () => {
    const probe = path.join(dir, "probe.ts");
    fs.writeFileSync(
      probe,
      "/**\n * Not described.\n * @customfunction UNDESCRIBED UNDESCRIBED\n * @param x - x\n */\n" +
        "export function undescribed(x: number): number { return x; }\n",
    );
    const stats = await build(probe);
    const messages = stats.compilation.errors.map((e) => e.message).join("\n");
    expect(messages).toMatch(/FunctionsLocalePlugin/);
    expect(messages).toMatch(/UNDESCRIBED: no vi description/);
    expect(fs.existsSync(path.join(dir, "dist", plugin.TARGET_ASSET))).toBe(false);
  }, 60000);
});
