/**
 * What a set's authoring fields do to its template, validation and the pane's agency view
 * (issue 13): a draft's template says "BẢN NHÁP" on every visible sheet (golden file), the
 * evidence cell asks for the evidence the set requires, a row with points and no evidence is
 * warned naming what is required, and the agency view lists what each agency verifies.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "fs";
import path from "path";
import { parseIndicatorSet } from "../../src/catalog/load";
import type { IndicatorSet } from "../../src/catalog/schema";
import { scoreUnits } from "../../src/engine/score";
import type { UnitInput } from "../../src/engine/types";
import { buildWorkbookLayout, DRAFT_MARK } from "../../src/layout/build";
import { TEMPLATE_VERSION, names } from "../../src/layout/names";
import { namesToRead, readInputs, type NamedCell } from "../../src/layout/read-inputs";
import { validateWorkbook } from "../../src/layout/validate";
import { agencyNames, agencySummary } from "../../src/layout/summary";
import { say } from "../../src/i18n/findings";
import { namedInputs } from "../support/named-inputs";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const root = path.resolve(__dirname, "../..");
const district = (): Json => JSON.parse(readFileSync(path.join(root, "test/fixtures/sets/district-example.json"), "utf8")) as Json;
const units = (JSON.parse(readFileSync(path.join(root, "test/fixtures/district-units.json"), "utf8")) as { units: UnitInput[] }).units;

function load(data: Json, draft = false): IndicatorSet {
  const r = parseIndicatorSet(data, "huyen.json", undefined, { draft });
  if ("errors" in r) throw new Error(r.errors.join("\n"));
  return r.set;
}

/** The district set with the columns real sets carry on 1.1 and 1.3. */
function withColumns(): IndicatorSet {
  const d = district();
  const ind = (id: string): Json => (d.indicators as Json[]).find((i) => i.id === id) as Json;
  Object.assign(ind("1.1"), { evidenceRequired: "Quyết định thành lập Ban chỉ đạo; danh sách thành viên", dataSource: "Phòng Nội vụ", verifiedBy: "Phòng Văn hóa và Thông tin" });
  Object.assign(ind("1.3"), { evidenceRequired: "Quyết định kiện toàn Ban chỉ đạo", verifiedBy: "Văn phòng HĐND và UBND huyện; Phòng Văn hóa và Thông tin" });
  return load(d);
}

function expectGolden(file: string, text: string): void {
  const p = path.join(root, "test/golden", file);
  if (process.env.UPDATE_GOLDEN === "1") {
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  if (!existsSync(p)) throw new Error(`golden file ${p} is missing: review, then run UPDATE_GOLDEN=1 npx jest ${path.relative(root, __filename)}`);
  expect(text).toBe(readFileSync(p, "utf8"));
}

describe("a draft's template says BẢN NHÁP on every sheet (point 5)", () => {
  it("the title (A1) of every visible sheet, and the set sheet's own row (golden)", () => {
    const d = district();
    d.indicators = (d.indicators as Json[]).filter((i) => i.id !== "1.5");
    const layout = buildWorkbookLayout(load(d, true));
    const lines: string[] = [];
    for (const s of layout.sheets) {
      if (s.visibility !== "visible") continue;
      lines.push(`${s.name}!A1: ${String(s.grid[0]?.[0])}`);
      const row = s.grid.find((r) => r[0] === "Bản nháp");
      if (row) lines.push(`${s.name}: ${String(row[0])} | ${String(row[1])}`);
    }
    expectGolden("draft/titles.txt", `${lines.join("\n")}\n`);
    const visible = layout.sheets.filter((s) => s.visibility === "visible" && s.role !== "set");
    expect(visible.length).toBeGreaterThanOrEqual(4);
    for (const s of visible) expect(String(s.grid[0]?.[0]).startsWith(DRAFT_MARK)).toBe(true);
  });

  it("a complete set's template is not marked", () => {
    for (const s of buildWorkbookLayout(load(district())).sheets) expect(String(s.grid[0]?.[0])).not.toContain("BẢN NHÁP");
  });
});

describe("the columns real sets carry, in the template and its checks (point 4)", () => {
  const set = withColumns();

  it("the evidence cell's input prompt names the evidence required and who verifies it", () => {
    const layout = buildWorkbookLayout(set);
    const evidence = layout.names.find((n) => n.name === names.evidence("1.1"));
    const sheet = layout.sheets.find((s) => s.name === evidence?.sheet);
    const v = sheet?.validations.find((x) => x.ref === evidence?.ref.replace(/\$/g, ""));
    expect(v).toMatchObject({
      promptTitle: "1.1 – tài liệu kiểm chứng",
      prompt: "Cần có: Quyết định thành lập Ban chỉ đạo; danh sách thành viên. Đơn vị xác minh: Phòng Văn hóa và Thông tin. Ghi tên, số hiệu hoặc đường dẫn tài liệu.",
    });
    // A row whose set names no evidence has no prompt (and the shipped sets' templates are unchanged).
    const other = layout.names.find((n) => n.name === names.evidence("1.2"));
    expect(sheet?.validations.some((x) => x.ref === other?.ref.replace(/\$/g, ""))).toBe(false);
  });

  /** Ba Tri typed into the template, every evidence cell filled but those listed. */
  function check(blank: readonly string[]) {
    const wb = new Map<string, NamedCell>();
    for (const name of namesToRead(set)) wb.set(name, { kind: "value", value: null });
    for (const ind of set.indicators) if (!blank.includes(ind.id)) wb.set(names.evidence(ind.id), { kind: "value", value: `Quyết định số ${ind.id}` });
    for (const [name, v] of namedInputs(units[0] as UnitInput, {}, set)) wb.set(name, { kind: "value", value: v as string | number | boolean | null });
    wb.set(names.metaSet, { kind: "value", value: set.id });
    wb.set(names.metaVersion, { kind: "value", value: TEMPLATE_VERSION });
    const read = readInputs(set, (name) => wb.get(name) ?? { kind: "missing" }, "Ba Tri");
    const [result] = scoreUnits(set, [read.unit], read.options);
    if (!result) throw new Error("no result");
    return { result, report: validateWorkbook(set, read, result) };
  }

  it("a row with points and no evidence, where the set requires one, is warned naming what is required (vi and en)", () => {
    const { result, report } = check(["1.1", "1.2"]);
    expect(result.indicators["1.1"]?.score?.toNumber()).toBe(12);
    const f = report.findings.filter((x) => x.name === names.evidence("1.1"));
    expect(f.map((x) => [x.severity, x.code])).toEqual([["warning", "missing-required-evidence"]]);
    expect(say(f[0]!.says[0]!, "vi")).toBe("Chỉ số 1.1: được 12 điểm nhưng chưa ghi tài liệu kiểm chứng mà bộ chỉ số yêu cầu: Quyết định thành lập Ban chỉ đạo; danh sách thành viên.");
    expect(say(f[0]!.says[0]!, "en")).toBe(
      'Indicator 1.1: earns 12 points but the evidence the set requires is not given ("tài liệu kiểm chứng": Quyết định thành lập Ban chỉ đạo; danh sách thành viên).',
    );
    // A row whose set requires nothing keeps the general warning.
    expect(report.findings.filter((x) => x.name === names.evidence("1.2")).map((x) => x.code)).toEqual(["missing-evidence"]);
  });

  it("with its evidence recorded, nothing is said", () => {
    expect(check([]).report.findings.filter((x) => x.code === "missing-required-evidence")).toEqual([]);
  });

  it("the agency view lists what each agency must verify, with the evidence required; an agency that only verifies has its view", () => {
    const { result, report } = check([]);
    expect(agencyNames(set)).toContain("Văn phòng HĐND và UBND huyện");
    const vh = agencySummary(set, result, report, "Phòng Văn hóa và Thông tin");
    expect(vh.verifies.map((i) => [i.id, i.evidenceRequired])).toEqual([
      ["1.1", "Quyết định thành lập Ban chỉ đạo; danh sách thành viên"],
      ["1.3", "Quyết định kiện toàn Ban chỉ đạo"],
    ]);
    expect(agencySummary(set, result, report, "Văn phòng HĐND và UBND huyện").verifies.map((i) => i.id)).toEqual(["1.3"]);
    expect(agencySummary(set, result, report, "Phòng Nội vụ").verifies).toEqual([]);
  });
});
