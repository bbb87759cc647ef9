/**
 * Sets a province officer can write (issue 13): points and percentages as the text writes them
 * (point 1), messages that name the indicator and one message per mistake (point 6), the file
 * format's version and the migration of older files (point 9), drafts (point 5), and the columns
 * real sets carry (point 4) in the schema and the sheet.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { dtiProvince2020, dtiProvince2022 } from "../../src/catalog";
import { parseIndicatorSet, SET_FORMAT_VERSION } from "../../src/catalog/load";
import { describeIndicator } from "../../src/catalog/describe";
import { parseTemplateSet } from "../../src/layout/template-set";
import { indicatorSetToSheet, parseIndicatorSetSheet, SET_SHEET_COLUMNS } from "../../src/layout/set-sheet";
import type { IndicatorSet } from "../../src/catalog/schema";
import { scoreUnits } from "../../src/engine/score";
import type { UnitInput } from "../../src/engine/types";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ROOT = join(__dirname, "..", "..");
const FIXTURES = join(ROOT, "test", "fixtures");
const SRC = "huyen.json";
const district = (): Json => JSON.parse(readFileSync(join(FIXTURES, "sets", "district-example.json"), "utf8")) as Json;
const frozenV1 = (): Json => JSON.parse(readFileSync(join(FIXTURES, "sets", "frozen", "v1-district-example.json"), "utf8")) as Json;
const units = (JSON.parse(readFileSync(join(FIXTURES, "district-units.json"), "utf8")) as { units: UnitInput[] }).units;
const ind = (d: Json | IndicatorSet, id: string): Json => (d.indicators as readonly Json[]).find((i) => i.id === id) as Json;

function parsed(data: unknown, options: { draft?: boolean } = {}): ReturnType<typeof parseIndicatorSet> {
  return parseTemplateSet(data, SRC, options);
}
function load(data: unknown, options: { draft?: boolean } = {}): IndicatorSet {
  const r = parsed(data, options);
  if ("errors" in r) throw new Error(r.errors.join("\n"));
  return r.set;
}
function errorsOf(mutate: (d: Json) => void, base: () => Json = district): string[] {
  const d = base();
  mutate(d);
  const r = parsed(d);
  return "errors" in r ? r.errors : [];
}
function warningsOf(data: unknown, options: { draft?: boolean } = {}): string[] {
  const r = parsed(data, options);
  if ("errors" in r) throw new Error(r.errors.join("\n"));
  return r.warnings ?? [];
}
/** Scores as text, to compare two loads of a set exactly. */
function scored(set: IndicatorSet): unknown {
  return scoreUnits(set, units).map((r) => [r.total.score.toString(), Object.values(r.indicators).map((o) => [o.id, o.status, o.score?.toString() ?? null])]);
}

// ---------------------------------------------------------------------------------------------

describe("points and percentages as the text writes them (point 1)", () => {
  /** The district example with every number that may be written so written so. */
  function asTheTextWrites(): Json {
    const d = district();
    ind(d, "1.2").rule.threshold = "90%"; // "Tỷ lệ ≥ 90%"
    ind(d, "2.1").rule.threshold = "80 %";
    const options = ind(d, "1.3").variables[0].options as Json[]; // 10 points: 10 / 5 / 0
    [options[0]!.fraction, options[1]!.fraction, options[2]!.fraction] = ["10 điểm", "5đ", "0 điểm"];
    ind(d, "1.5").rule.pointsEach = "2 điểm";
    const parts = ind(d, "2.3").rule.parts as Json[]; // 15 points: 7,5 + 50 %
    parts[0]!.share = "7,5 điểm";
    parts[1]!.share = "50%";
    (ind(d, "2.3").variables[0].options as Json[])[0]!.fraction = "7,5 điểm"; // the part's full points
    return d;
  }

  it("the district example written in points and percentages scores exactly as written in fractions, for the 4 districts", () => {
    const fractions = load(district());
    const points = load(asTheTextWrites());
    expect(scored(points)).toEqual(scored(fractions));
    expect(scoreUnits(points, units)[0]?.total.score.toNumber()).toBe(81.125);
  });

  it("in memory they are the exact fractions the engine reads (the engine never sees the spelling)", () => {
    const set = load(asTheTextWrites());
    expect(ind(set, "1.2").rule.threshold).toBe("9/10");
    expect(ind(set, "2.1").rule.threshold).toBe("4/5");
    expect((ind(set, "1.3").variables[0].options as Json[]).map((o) => o.fraction)).toEqual(["1", "1/2", "0"]);
    expect(ind(set, "1.5").rule.pointsEach).toBe("2");
    expect((ind(set, "2.3").rule.parts as Json[]).map((p) => p.share)).toEqual(["1/2", "1/2"]);
    // A choice part's options are out of the part's points: 7,5 of 7,5.
    expect((ind(set, "2.3").variables[0].options as Json[])[0]!.fraction).toBe("1");
  });

  it("a district text verbatim: “BCĐ họp 4 lần/năm: 20 điểm; 3 lần: 15 điểm; 2 lần: 10 điểm; 1 lần: 5 điểm; Còn lại: 0 điểm”", () => {
    const d = district();
    const i = ind(d, "1.3");
    // The pillar keeps its sum: 1.3 goes from 10 to 20 points and 1.1 from 15 to 5.
    i.maxPoints = 20;
    ind(d, "1.1").maxPoints = 5;
    i.scoringText = "BCĐ họp 4 lần/năm: 20 điểm; 3 lần: 15 điểm; 2 lần: 10 điểm; 1 lần: 5 điểm; Còn lại: 0 điểm";
    i.variables[0].options = [
      { label: "4 lần", fraction: "20 điểm" },
      { label: "3 lần", fraction: "15 điểm" },
      { label: "2 lần", fraction: "10 điểm" },
      { label: "1 lần", fraction: "5 điểm" },
      { label: "Còn lại", fraction: "0 điểm" },
    ];
    const set = load(d);
    expect((ind(set, "1.3").variables[0].options as Json[]).map((o) => o.fraction)).toEqual(["1", "3/4", "1/2", "1/4", "0"]);
    const score = (answer: string): number | undefined =>
      scoreUnits(set, [{ name: "X", values: { "1.3": { a: answer } } }])[0]?.indicators["1.3"]?.score?.toNumber();
    // By hand: 3 meetings earn 15 of 20 points, 1 meeting 5.
    expect([score("4 lần"), score("3 lần"), score("2 lần"), score("1 lần"), score("Còn lại")]).toEqual([20, 15, 10, 5, 0]);
    // `dti catalog` shows both forms.
    expect(describeIndicator(ind(set, "1.3") as IndicatorSet["indicators"][number]).join("\n")).toContain('2 = "3 lần" (15 điểm = 3/4 điểm tối đa)');
  });

  it("“7,5 điểm” with a Vietnamese decimal comma, “15đ”, “15 Điểm” and “87,5 %” are read exactly", () => {
    const d = district();
    const options = ind(d, "1.3").variables[0].options as Json[];
    options[1]!.fraction = "7,5 điểm";
    const set = load(d);
    expect((ind(set, "1.3").variables[0].options as Json[])[1]!.fraction).toBe("3/4");
    for (const [text, fraction] of [
      ["2.5đ", "1/4"],
      ["10 Điểm", "1"],
      ["87,5 %", "7/8"],
      ["12.5%", "1/8"],
    ]) {
      const e = district();
      (ind(e, "1.3").variables[0].options as Json[])[1]!.fraction = text;
      expect((ind(load(e), "1.3").variables[0].options as Json[])[1]!.fraction).toBe(fraction);
    }
  });

  it("mixed points and fractions in one rule: accepted, each converted exactly", () => {
    const d = district();
    const parts = ind(d, "2.3").rule.parts as Json[];
    parts[0]!.share = "5 điểm"; // of 15: 1/3
    parts[1]!.share = "2/3";
    const set = load(d);
    expect((ind(set, "2.3").rule.parts as Json[]).map((p) => p.share)).toEqual(["1/3", "2/3"]);
  });

  it("a bare number stays a fraction: “1” is the whole maximum, never 1 point", () => {
    const d = district();
    (ind(d, "1.3").variables[0].options as Json[])[1]!.fraction = "1";
    // Two options at full points is legitimate; the value is the fraction 1, not 1 of 10 points.
    expect((ind(load(d), "1.3").variables[0].options as Json[])[1]!.fraction).toBe("1");
  });

  it("a bare number above 1 is refused with the conversion: which form, and how (5 of 10 → 1/2)", () => {
    expect(errorsOf((d) => ((ind(d, "1.3").variables[0].options as Json[])[1]!.fraction = "5"))).toEqual([
      `${SRC}: chỉ số 1.3, biến a, phương án 2, fraction: "5" phải nằm trong [0, 1] (phần điểm tối đa mà phương án này đạt); nếu văn bản ghi 5 điểm, hãy viết "5 điểm" (hoặc đổi ra phần: 5 trên 10 → "1/2").`,
    ]);
  });

  it("points above the row's maximum are refused with the indicator id and both numbers", () => {
    expect(errorsOf((d) => ((ind(d, "1.3").variables[0].options as Json[])[0]!.fraction = "25 điểm"))).toEqual([
      `${SRC}: chỉ số 1.3, biến a, phương án 1, fraction: "25 điểm" vượt điểm tối đa của chỉ số 1.3: 25 điểm > 10 điểm.`,
    ]);
    // A choice part's option is out of the part's points (1/2 of 15 = 7,5).
    expect(errorsOf((d) => ((ind(d, "2.3").variables[0].options as Json[])[0]!.fraction = "8 điểm"))).toEqual([
      `${SRC}: chỉ số 2.3, biến a, phương án 1, fraction: "8 điểm" vượt điểm của phần 1 trong chỉ số 2.3: 8 điểm > 7,5 điểm.`,
    ]);
  });

  it("a percentage above 100 % where a ratio cannot exceed 1 is refused with both numbers", () => {
    expect(errorsOf((d) => (ind(d, "1.2").rule.threshold = "120%"))).toEqual([
      `${SRC}: chỉ số 1.2, rule.threshold: "120%" vượt 100 %: 120 % > 100 % (tỷ lệ của chỉ số 1.2 không vượt 100 % vì tử số là một phần của mẫu số ("subset": true)).`,
    ]);
    expect(errorsOf((d) => ((ind(d, "2.3").rule.parts as Json[])[0]!.share = "120%"))).toEqual([
      `${SRC}: chỉ số 2.3, phần 1, share: "120%" vượt 100 %: 120 % > 100 % (phần điểm tối đa của chỉ số mà phần này chiếm).`,
    ]);
    // Where the ratio may exceed 1 ("subset": false), a threshold above 100 % is the text's business.
    const d = district();
    ind(d, "1.2").rule.ratio.subset = false;
    ind(d, "1.2").rule.threshold = "120%";
    expect(ind(load(d), "1.2").rule.threshold).toBe("6/5");
  });

  it("points where the field is not points (a threshold) and a percentage where it is an amount are refused, saying what is expected", () => {
    expect(errorsOf((d) => (ind(d, "1.2").rule.threshold = "9 điểm"))).toEqual([
      `${SRC}: chỉ số 1.2, rule.threshold: "9 điểm" là điểm, nhưng ở đây ngưỡng là một tỷ lệ ("0.9" hoặc "90%").`,
    ]);
    const tiersAmount = (d: Json): void => {
      ind(d, "2.2").rule = { kind: "tiers-amount", amount: "a", tiers: [{ atLeast: "50%", fraction: "1" }] };
    };
    expect(errorsOf(tiersAmount)).toEqual([
      `${SRC}: chỉ số 2.2, bậc 1, atLeast: "50%" là phần trăm, nhưng ở đây không ghi bằng phần trăm; hãy ghi "0.8" hoặc "1/2".`,
    ]);
  });

  it("shares written in points that do not add up say so in points", () => {
    expect(errorsOf((d) => ((ind(d, "2.3").rule.parts as Json[])[0]!.share = "5 điểm"))).toEqual([
      `${SRC}: chỉ số 2.3, rule.parts: tổng "share" của các phần phải bằng 1 (nhận được 5/6 = 12,5 trên 15 điểm).`,
    ]);
  });

  it("the sheet form accepts the same spellings in its JSON cells", () => {
    const set = load(district());
    const sheet = indicatorSetToSheet(set);
    const grid = sheet.grid.map((r) => [...r]);
    const rule = SET_SHEET_COLUMNS.findIndex((c) => c.key === "rule");
    const row = grid.findIndex((r) => r[0] === "Chỉ số" && r[1] === "1.2");
    (grid[row] as unknown[])[rule] = JSON.stringify({ ...JSON.parse(String(grid[row]?.[rule])), threshold: "90 %" });
    const back = parseIndicatorSetSheet(grid, { sheet: "Bộ chỉ số" });
    expect("set" in back && ind(back.set, "1.2").rule.threshold).toBe("9/10");
  });
});

// ---------------------------------------------------------------------------------------------

describe("one mistake, one message, naming the indicator (point 6)", () => {
  it("an unknown rule kind does not also report its variables as unused", () => {
    expect(errorsOf((d) => (ind(d, "1.1").rule.kind = "ratoi"))).toEqual([
      `${SRC}: chỉ số 1.1, rule.kind: loại quy tắc chuỗi "ratoi" không hợp lệ; các loại là: ratio, threshold-literal, threshold-scaled, all-or-nothing, tiers-ratio, tiers-amount, multi-part, choice, capped-count, min-max, ratio-to-best, sum-of-children, unscored, best-of.`,
    ]);
  });

  it("a duplicate id does not check the rule against the other indicator's variables", () => {
    // 2.3 renamed 1.3: its part reads a choice "a", 1.3's "a" is a choice too; its "b" is a number, 1.3 has none.
    expect(errorsOf((d) => (ind(d, "2.3").id = "1.3"))).toEqual([`${SRC}: chỉ số 1.3 (thứ 8), id: mã chỉ số "1.3" bị trùng (đã có ở chỉ số thứ 3).`]);
    // 1.2 renamed 1.3 comes first: the original 1.3 (a choice) is the duplicate, checked against its own variables.
    expect(errorsOf((d) => (ind(d, "1.2").id = "1.3"))).toEqual([`${SRC}: chỉ số 1.3 (thứ 3), id: mã chỉ số "1.3" bị trùng (đã có ở chỉ số thứ 2).`]);
  });

  it("a misspelt variable in the rule does not also report the variable it meant as unused", () => {
    expect(errorsOf((d) => (ind(d, "1.1").rule.ratio.numerator = ["x"]))).toEqual([`${SRC}: chỉ số 1.1, rule.ratio.numerator[0]: biến "x" không có trong chỉ số 1.1 (có: a, b).`]);
  });

  it("a variable with a wrong type is one message, not also “must be a number” where the rule reads it", () => {
    expect(errorsOf((d) => (ind(d, "1.1").variables[0].type = "integer"))).toEqual([`${SRC}: chỉ số 1.1, biến a, type: phải là "number" hoặc "choice", nhận được chuỗi "integer".`]);
  });

  it("a variable with a wrong key is one message, not also “no variable b” where the rule reads it", () => {
    expect(errorsOf((d) => (ind(d, "1.1").variables[1].key = "B"))).toEqual([`${SRC}: chỉ số 1.1, biến thứ 2, key: "B" không phải tên biến hợp lệ (chữ thường, ví dụ "a", "b").`]);
  });

  it("an unknown pillar is one message, not also the pillar it left short", () => {
    expect(errorsOf((d) => (ind(d, "1.1").pillar = "IV"))).toEqual([`${SRC}: chỉ số 1.1, pillar: trụ cột "IV" của chỉ số 1.1 không có trong "pillars" (có: I, II).`]);
  });

  it("a pillar renamed onto another's id is one message, not one per indicator of the pillar it was", () => {
    expect(errorsOf((d) => (d.pillars[1].id = "I"))).toEqual([`${SRC}: chỉ số chính I (thứ 2), id: mã trụ cột "I" bị trùng.`]);
  });

  it("an unreadable fraction is one message, not also “no answer earns full points”", () => {
    expect(errorsOf((d) => ((ind(d, "1.3").variables[0].options as Json[])[0]!.fraction = "một"))).toEqual([
      `${SRC}: chỉ số 1.3, biến a, phương án 1, fraction: "một" không phải số chính xác (số thập phân không âm như "0.8" hoặc phân số như "1/2", mẫu khác 0; hoặc điểm như "15 điểm", phần trăm như "90%").`,
    ]);
  });

  it("a rule without its ratio does not also report the ratio's variables as unused", () => {
    expect(errorsOf((d) => delete ind(d, "1.1").rule.ratio)).toEqual([`${SRC}: chỉ số 1.1, rule.ratio: thiếu trường bắt buộc của quy tắc "ratio".`]);
  });

  it("a pillar's maximum mistyped is one message, not also the set's total", () => {
    expect(errorsOf((d) => (d.pillars[0].maxPoints = 65))).toEqual([
      `${SRC}: chỉ số chính I, maxPoints: trụ cột I có điểm tối đa 65 nhưng tổng điểm tối đa các chỉ số của nó (không kể chỉ số con) là 60.`,
    ]);
  });

  it("a child's parent mistyped is one message, not also “the child must have parent” at the sum", () => {
    const withChildren = (d: Json): void => {
      const i15 = ind(d, "1.5");
      i15.rule = { kind: "sum-of-children", children: ["1.5.1", "1.5.2"] };
      const variables = i15.variables;
      i15.variables = [];
      for (const [id, max] of [["1.5.1", 4], ["1.5.2", 6]] as const) {
        (d.indicators as Json[]).push({ ...JSON.parse(JSON.stringify(i15)), id, parent: "1.5", maxPoints: max, variables, rule: { kind: "capped-count", count: "a", pointsEach: "2" } });
      }
    };
    expect(errorsOf(withChildren)).toEqual([]);
    expect(
      errorsOf((d) => {
        withChildren(d);
        ind(d, "1.5.2").parent = "1.6";
      }),
    ).toEqual([`${SRC}: chỉ số 1.5.2, parent: chỉ số cha "1.6" của chỉ số 1.5.2 không có trong bộ chỉ số.`]);
  });

  it("the part of a multi-part rule is named by its number, as the text numbers it", () => {
    expect(errorsOf((d) => ((ind(d, "2.3").rule.parts as Json[])[1]!.label = ""))).toEqual([`${SRC}: chỉ số 2.3, phần 2, label: không được để trống.`]);
  });

  it("the sheet names the cell as before (its messages keep the JSON path inside the cell)", () => {
    const grid = indicatorSetToSheet(load(district())).grid.map((r) => [...r]);
    const rule = SET_SHEET_COLUMNS.findIndex((c) => c.key === "rule");
    const row = grid.findIndex((r) => r[0] === "Chỉ số" && r[1] === "1.1");
    (grid[row] as unknown[])[rule] = JSON.stringify({ kind: "ratoi" });
    const back = parseIndicatorSetSheet(grid, { sheet: "Bộ chỉ số" });
    expect("errors" in back && back.errors).toEqual([
      `'Bộ chỉ số'!M${row + 1} (Quy tắc tính điểm (JSON), chỉ số 1.1; trong JSON: kind): loại quy tắc chuỗi "ratoi" không hợp lệ; các loại là: ratio, threshold-literal, threshold-scaled, all-or-nothing, tiers-ratio, tiers-amount, multi-part, choice, capped-count, min-max, ratio-to-best, sum-of-children, unscored, best-of.`,
    ]);
  });
});

// ---------------------------------------------------------------------------------------------

describe("files keep loading: the format's version and the migration (point 9)", () => {
  it(`the shipped sets and the district example are version ${SET_FORMAT_VERSION} and point their editor at the JSON Schema; they load without a note`, () => {
    for (const file of ["src/catalog/sets/dti-province-2022.json", "src/catalog/sets/dti-province-2020.json", "test/fixtures/sets/district-example.json"]) {
      const data = JSON.parse(readFileSync(join(ROOT, file), "utf8")) as Json;
      expect(data.version).toBe(SET_FORMAT_VERSION);
      expect(data.$schema).toBe("../../../docs/set-schema.json");
      expect(readFileSync(join(ROOT, file.replace(/[^/]+$/, ""), data.$schema as string), "utf8")).toContain('"title"');
      expect(warningsOf(data)).toEqual([]);
    }
  });

  it("the frozen first-version file loads, migrated, with one note, and scores as before (Ba Tri 81.125)", () => {
    const r = parsed(frozenV1());
    expect("set" in r && r.warnings).toEqual([
      `${SRC}: tệp theo định dạng cũ (phiên bản 1), đã chuyển đổi sang phiên bản 2 khi nạp; thêm "version": 2 vào tệp để không còn cảnh báo này.`,
    ]);
    const set = load(frozenV1());
    expect(scoreUnits(set, units)[0]?.total.score.toNumber()).toBe(81.125);
    expect(scored(set)).toEqual(scored(load(district())));
  });

  it.each([
    ["src/catalog/sets/dti-province-2022.json", dtiProvince2022],
    ["src/catalog/sets/dti-province-2020.json", dtiProvince2020],
    ["test/fixtures/sets/district-example.json", undefined],
  ])("%s as the oldest supported format (no version, no $schema) loads to the same set, with the note", (file, shipped) => {
    const data = JSON.parse(readFileSync(join(ROOT, file), "utf8")) as Json;
    const current = load(data);
    delete data.version;
    delete data.$schema;
    const r = parsed(data);
    expect("set" in r && r.set).toEqual(current);
    expect("set" in r && r.warnings?.[0]).toMatch(/tệp theo định dạng cũ \(phiên bản 1\), đã chuyển đổi/);
    if (shipped) expect(current).toEqual(shipped);
    // The district example scores as its frozen first-version copy does (the 4 districts' units are for it).
    if (!shipped && "set" in r) expect(scored(r.set)).toEqual(scored(load(frozenV1())));
  });

  it("a newer version than this program reads is refused, saying to update", () => {
    expect(errorsOf((d) => (d.version = 3))).toEqual([`${SRC}: version: tệp theo định dạng phiên bản 3, mới hơn phiên bản 2 mà chương trình này đọc được; hãy cập nhật DTI Workbench.`]);
    expect(errorsOf((d) => (d.version = "2"))).toEqual([`${SRC}: version: phải là số phiên bản định dạng nguyên dương (hiện nay 2), nhận được chuỗi "2".`]);
  });

  it("the set in memory keeps neither version nor $schema", () => {
    const set = load(district());
    expect(set).not.toHaveProperty("version");
    expect(set).not.toHaveProperty("$schema");
  });
});

// ---------------------------------------------------------------------------------------------

describe("drafts (point 5)", () => {
  /** A half-typed set: the official maxima, not every indicator yet. */
  function halfTyped(): Json {
    const d = district();
    d.indicators = (d.indicators as Json[]).filter((i) => i.id !== "1.5" && i.id !== "2.3");
    return d;
  }

  it("without --draft a half-typed set is refused: its pillars do not add up", () => {
    const r = parsed(halfTyped());
    expect("errors" in r && r.errors).toEqual([
      `${SRC}: chỉ số chính I, maxPoints: trụ cột I có điểm tối đa 60 nhưng tổng điểm tối đa các chỉ số của nó (không kể chỉ số con) là 50.`,
      `${SRC}: chỉ số chính II, maxPoints: trụ cột II có điểm tối đa 40 nhưng tổng điểm tối đa các chỉ số của nó (không kể chỉ số con) là 25.`,
    ]);
  });

  it("as a draft (--draft, or \"draft\": true in the file) it loads, with the same problems as warnings, and is marked a draft", () => {
    const asOption = parsed(halfTyped(), { draft: true });
    const inFile = parsed({ ...halfTyped(), draft: true });
    for (const r of [asOption, inFile]) {
      expect("set" in r && r.set.draft).toBe(true);
      expect("set" in r && r.warnings).toEqual([
        `${SRC}: bộ chỉ số là BẢN NHÁP: các kiểm tra về tổng điểm tối đa, tổng các phần và biến chưa dùng chỉ cảnh báo; mẫu biểu ghi "BẢN NHÁP" trên mọi trang.`,
        `${SRC}: chỉ số chính I, maxPoints: trụ cột I có điểm tối đa 60 nhưng tổng điểm tối đa các chỉ số của nó (không kể chỉ số con) là 50. (bản nháp: chỉ cảnh báo)`,
        `${SRC}: chỉ số chính II, maxPoints: trụ cột II có điểm tối đa 40 nhưng tổng điểm tối đa các chỉ số của nó (không kể chỉ số con) là 25. (bản nháp: chỉ cảnh báo)`,
      ]);
    }
  });

  it("a draft tolerates the other gaps of a transcription under way: shares short of 1, an unused variable, no full-points answer yet, an empty pillar, maxTotal", () => {
    const d = district();
    d.draft = true;
    (ind(d, "2.3").rule.parts as Json[])[1]!.share = "1/4";
    ind(d, "1.1").variables.push({ key: "c", description: "Chưa dùng", unit: "người", type: "number" });
    (ind(d, "1.3").variables[0].options as Json[])[0]!.fraction = "3/4";
    d.pillars.push({ id: "III", name: "Chưa nhập", maxPoints: 0 });
    const warnings = warningsOf(d);
    expect(warnings.map((w) => w.replace(/^huyen\.json: /, "").replace(/:.*$/, ""))).toEqual([
      "bộ chỉ số là BẢN NHÁP",
      "chỉ số 1.1, biến c, key",
      "chỉ số 1.3, biến a, options",
      "chỉ số 2.3, rule.parts",
      "chỉ số chính III",
    ]);
  });

  it("a draft still refuses what would break a template or a score (an unknown variable, a bad number)", () => {
    const d = district();
    d.draft = true;
    ind(d, "1.1").rule.ratio.numerator = ["x"];
    expect(parsed(d)).toHaveProperty("errors");
  });

  it('the sheet: a cell "Bản nháp: Có" loads a draft; a sheet without the row (written before drafts) is not one', () => {
    const d = halfTyped();
    d.draft = true;
    const set = load(d);
    const grid = indicatorSetToSheet(set).grid;
    expect(grid.some((r) => r[0] === "Bản nháp" && r[1] === "Có")).toBe(true);
    const back = parseIndicatorSetSheet(grid, { sheet: "Bộ chỉ số" });
    expect("set" in back && back.set).toEqual(set);
    const complete = indicatorSetToSheet(load(district())).grid;
    expect(complete.some((r) => r[0] === "Bản nháp")).toBe(false);
    const withoutRow = grid.filter((r) => r[0] !== "Bản nháp");
    expect(parseIndicatorSetSheet(withoutRow, { sheet: "Bộ chỉ số" })).toHaveProperty("errors");
    expect(parseIndicatorSetSheet(withoutRow, { sheet: "Bộ chỉ số" }, { draft: true })).toHaveProperty("set");
  });
});

// ---------------------------------------------------------------------------------------------

describe("the columns real sets carry (point 4): schema and sheet", () => {
  function withColumns(): Json {
    const d = district();
    Object.assign(ind(d, "1.1"), {
      evidenceRequired: "Quyết định thành lập; danh sách thành viên",
      dataSource: "Phòng Nội vụ",
      verifiedBy: "Phòng Văn hóa và Thông tin",
    });
    return d;
  }

  it("a set with evidence required, data source and verifying agency loads and keeps them", () => {
    const i = ind(load(withColumns()), "1.1");
    expect([i.evidenceRequired, i.dataSource, i.verifiedBy]).toEqual(["Quyết định thành lập; danh sách thành viên", "Phòng Nội vụ", "Phòng Văn hóa và Thông tin"]);
    expect(errorsOf((d) => (ind(d, "1.1").evidenceRequired = " "))).toEqual([`${SRC}: chỉ số 1.1, evidenceRequired: không được để trống.`]);
  });

  it("the sheet writes and reads them in their columns; a sheet without those columns (written before them) still reads", () => {
    const set = load(withColumns());
    const sheet = indicatorSetToSheet(set);
    const header = sheet.grid[sheet.headerRow] as readonly unknown[];
    expect(header.slice(-3)).toEqual(["Tài liệu kiểm chứng", "Nguồn thu thập dữ liệu", "Đơn vị phối hợp xác minh"]);
    expect(parseIndicatorSetSheet(sheet.grid, { sheet: "Bộ chỉ số" })).toEqual({ set });
    const old = indicatorSetToSheet(load(district())).grid.map((r) => r.slice(0, -3));
    expect(parseIndicatorSetSheet(old, { sheet: "Bộ chỉ số" })).toEqual({ set: load(district()) });
  });

  it("`dti catalog` lists them under the indicator", () => {
    const lines = describeIndicator(ind(load(withColumns()), "1.1") as IndicatorSet["indicators"][number]);
    expect(lines).toEqual(expect.arrayContaining(["    Tài liệu kiểm chứng: Quyết định thành lập; danh sách thành viên", "    Nguồn dữ liệu: Phòng Nội vụ", "    Đơn vị xác minh: Phòng Văn hóa và Thông tin"]));
  });
});
