/**
 * The Office API audit (scripts/office-api-audit.ts, issue 10) in npm test: the add-in uses no
 * member above the manifest's requirement sets without a check on its path, and
 * docs/office-api.md is the table of what it uses today. On fixtures, it finds an unguarded
 * ExcelApi 1.13 call (which our fake-Excel browser tests would never notice), a 1.9 property
 * named only in a load() string, and accepts each form of guard the rule allows.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { auditOfficeApi, auditProject, compareVersions, DOC_FILE, manifestMinimums, parseAnnotation, renderTable, type AuditResult } from "../../scripts/office-api-audit";

jest.setTimeout(120_000);

const root = path.resolve(__dirname, "../..");

describe("the add-in", () => {
  let result: AuditResult;
  beforeAll(() => {
    result = auditProject(root);
  });

  test("uses no Office API member above the manifest's minimum without a requirement check on its path", () => {
    expect(result.problems).toEqual([]);
    // It did look: the pane's ExcelApi 1.9 and 1.10 uses are there, each with its check.
    const above = result.uses.filter((u) => u.aboveMinimum);
    expect(above.map((u) => u.member)).toEqual(expect.arrayContaining(["Excel.Workbook.comments", "Excel.Worksheet.pageLayout", "Excel.RangeFill.pattern"]));
    for (const u of above) expect({ member: u.member, guard: u.guard }).toEqual({ member: u.member, guard: expect.stringContaining("isSetSupported") });
  });

  test(`${DOC_FILE} is the table of today's code (else: npm run audit:office)`, () => {
    const current = fs.existsSync(path.join(root, DOC_FILE)) ? fs.readFileSync(path.join(root, DOC_FILE), "utf8") : "";
    const fresh = renderTable(result);
    if (current !== fresh) throw new Error(`${DOC_FILE} is out of date: run npm run audit:office and commit it`);
    expect(current).toContain("| `Excel.Workbook.comments` | ExcelApi 1.10 |");
  });

  test("the minimums come from manifest.xml", () => {
    const minimums = manifestMinimums(fs.readFileSync(path.join(root, "manifest.xml"), "utf8"));
    expect(minimums.get("ExcelApi")).toBe("1.8");
    // CustomFunctions.Error and its ErrorCode values are CustomFunctionsRuntime 1.3.
    expect(minimums.get("CustomFunctionsRuntime")).toBe("1.3");
  });
});

describe("on fixtures", () => {
  const FIXTURES: Record<string, string> = {
    // A 1.13 method, no check anywhere: what the audit exists for.
    "unguarded.ts": `
export function mergedAreas(context: Excel.RequestContext): Excel.RangeAreas {
  const range = context.workbook.worksheets.getActiveWorksheet().getRange("A1:B2");
  return range.getMergedAreasOrNullObject();
}
`,
    // (a) the check is in the same function.
    "guarded-here.ts": `
export async function mergedAreas(context: Excel.RequestContext): Promise<string> {
  if (!Office.context.requirements.isSetSupported("ExcelApi", "1.13")) return "";
  const areas = context.workbook.worksheets.getActiveWorksheet().getRange("A1").getMergedAreasOrNullObject();
  areas.load("address");
  await context.sync();
  return areas.address;
}
`,
    // (c) every caller of the helper checks; (b) a helper that asks, called directly.
    "guarded-path.ts": `
type Supports = (set: string, version: string) => boolean;
function queueAreas(range: Excel.Range): Excel.RangeAreas {
  return range.getMergedAreasOrNullObject();
}
export function caller(range: Excel.Range, supports: Supports): Excel.RangeAreas | undefined {
  return supports("ExcelApi", "1.14") ? queueAreas(range) : undefined;
}
function canMerge(supports: Supports): boolean {
  return supports("ExcelApi", "1.13");
}
export function viaHelper(range: Excel.Range, supports: Supports): Excel.RangeAreas | undefined {
  return canMerge(supports) ? range.getMergedAreasOrNullObject() : undefined;
}
`,
    // Checks that do not cover the call: too low a version, another set, one caller of two.
    "wrong-guards.ts": `
export function tooLow(range: Excel.Range): Excel.RangeAreas | undefined {
  return Office.context.requirements.isSetSupported("ExcelApi", "1.12") ? range.getMergedAreasOrNullObject() : undefined;
}
export function otherSet(range: Excel.Range): Excel.RangeAreas | undefined {
  return Office.context.requirements.isSetSupported("ExcelApiOnline", "1.13") ? range.getMergedAreasOrNullObject() : undefined;
}
function shared(range: Excel.Range): Excel.RangeAreas {
  return range.getMergedAreasOrNullObject();
}
export function checks(range: Excel.Range): Excel.RangeAreas | undefined {
  return Office.context.requirements.isSetSupported("ExcelApi", "1.13") ? shared(range) : undefined;
}
export function forgets(range: Excel.Range): Excel.RangeAreas {
  return shared(range);
}
`,
    // A 1.9 property named only in a load() string, and one within the minimum.
    "load-path.ts": `
export function queueFill(range: Excel.Range): Excel.Range {
  range.load("address,format/fill/pattern,format/fill/color");
  return range;
}
`,
  };

  let dir: string;
  let result: AuditResult;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dti-audit-"));
    for (const [name, text] of Object.entries(FIXTURES)) fs.writeFileSync(path.join(dir, name), text);
    result = auditOfficeApi({
      files: Object.keys(FIXTURES).map((f) => path.join(dir, f)),
      compilerOptions: { strict: true, target: ts.ScriptTarget.ES2020, lib: ["lib.es2020.d.ts", "lib.dom.d.ts"], types: ["office-js"], typeRoots: [path.join(root, "node_modules/@types")], noEmit: true },
      rootDir: dir,
      minimums: new Map([["ExcelApi", "1.8"]]),
    });
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const problemsIn = (file: string): string[] => result.problems.filter((p) => p.startsWith(`${file}:`));

  test("an unguarded ExcelApi 1.13 call fails the audit, naming file, line, function, member and set", () => {
    expect(problemsIn("unguarded.ts")).toEqual([
      'unguarded.ts:4 (mergedAreas): Excel.Range.getMergedAreasOrNullObject needs ExcelApi 1.13, above the manifest\'s ExcelApi 1.8, and no isSetSupported("ExcelApi", "1.13") is on its path',
    ]);
    const use = result.uses.find((u) => u.file === "unguarded.ts" && u.member === "Excel.Range.getMergedAreasOrNullObject");
    expect(use).toMatchObject({ requirement: { set: "ExcelApi", version: "1.13" }, annotation: "ExcelApi 1.13", aboveMinimum: true, fn: "mergedAreas" });
    expect(use?.guard).toBeUndefined();
    // Within the minimum: listed, not a problem.
    expect(result.uses.find((u) => u.file === "unguarded.ts" && u.member === "Excel.Worksheet.getRange")).toMatchObject({ aboveMinimum: false });
  });

  test("a check in the function, in every caller, or in a helper it calls, guards the call", () => {
    expect(problemsIn("guarded-here.ts")).toEqual([]);
    expect(problemsIn("guarded-path.ts")).toEqual([]);
    const guards = result.uses.filter((u) => u.file.startsWith("guarded") && u.member === "Excel.Range.getMergedAreasOrNullObject").map((u) => [u.fn, u.guard]);
    expect(guards).toEqual(
      expect.arrayContaining([
        ["mergedAreas", "isSetSupported ExcelApi 1.13 in mergedAreas"],
        ["queueAreas", "every caller of queueAreas: isSetSupported ExcelApi 1.14 in caller"],
        ["viaHelper", "isSetSupported ExcelApi 1.13 in canMerge, called by viaHelper"],
      ]),
    );
  });

  test("a lower version, another set, or one caller of two without a check does not", () => {
    expect(problemsIn("wrong-guards.ts").map((p) => /\((\w+)\)/.exec(p)?.[1])).toEqual(["tooLow", "otherSet", "shared"]);
  });

  test("a property named in a load() string counts, followed through the loaded object's type", () => {
    expect(problemsIn("load-path.ts")).toEqual([
      'load-path.ts:3 (queueFill): Excel.RangeFill.pattern (load) needs ExcelApi 1.9, above the manifest\'s ExcelApi 1.8, and no isSetSupported("ExcelApi", "1.9") is on its path',
    ]);
    const loaded = result.uses.filter((u) => u.file === "load-path.ts" && u.viaLoad).map((u) => u.member);
    expect(loaded).toEqual(["Excel.Range.address", "Excel.Range.format", "Excel.RangeFormat.fill", "Excel.RangeFill.pattern", "Excel.Range.format", "Excel.RangeFormat.fill", "Excel.RangeFill.color"]);
  });

  test("the table lists the problem for reviewers", () => {
    expect(renderTable(result)).toContain("| `Excel.Range.getMergedAreasOrNullObject` | ExcelApi 1.13 |");
    expect(renderTable(result)).toContain("**none**");
  });
});

test("annotations and versions", () => {
  expect(parseAnnotation("ExcelApi 1.10", false)).toEqual({ set: "ExcelApi", version: "1.10" });
  expect(parseAnnotation("ExcelApi 1.1 for get, 1.8 for set", false)).toEqual({ set: "ExcelApi", version: "1.1" });
  expect(parseAnnotation("ExcelApi 1.1 for get, 1.8 for set", true)).toEqual({ set: "ExcelApi", version: "1.8" });
  expect(compareVersions("1.10", "1.9")).toBeGreaterThan(0);
  expect(compareVersions("1.8", "1.8")).toBe(0);
  expect(manifestMinimums('<Set Name="ExcelApi" MinVersion="1.8"/><bt:Set Name="CustomFunctionsRuntime" MinVersion="1.3"/>')).toEqual(
    new Map([
      ["ExcelApi", "1.8"],
      ["CustomFunctionsRuntime", "1.3"],
    ]),
  );
});
