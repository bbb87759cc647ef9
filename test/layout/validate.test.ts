/**
 * Validating a workbook before it is sent: given the sample province typed into the
 * template's named cells, with errors seeded the way staff make them, exactly those errors
 * are found, each pointing at the one cell to fix, in Vietnamese and in English.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { dtiProvince2022 as set } from "../../src/catalog";
import { scoreUnits } from "../../src/engine/score";
import type { UnitInput } from "../../src/engine/types";
import { buildWorkbookLayout } from "../../src/layout/build";
import { TEMPLATE_VERSION, names } from "../../src/layout/names";
import { namesToRead, readInputs, typedNumber, type NamedCell } from "../../src/layout/read-inputs";
import { GENERAL_GROUP, validateWorkbook as validateData } from "../../src/layout/validate";
import { messageVi, withText, type TextFinding as Finding } from "../../src/i18n/findings";
import { readUnit } from "../../src/office/read-unit";
import { writeLayout } from "../../src/office/write-layout";
import { FakeExcel } from "../fakes/excel";
import { namedInputs } from "../support/named-inputs";

/** The findings with their text in both languages, as the pane and the CLI render them. */
const validateWorkbook = (...args: Parameters<typeof validateData>) => withText(validateData(...args));

const sample = (JSON.parse(readFileSync(path.resolve(__dirname, "../fixtures/sample-province.json"), "utf8")) as { units: UnitInput[] }).units[0] as UnitInput;
const layoutNames = new Set(buildWorkbookLayout(set).names.map((n) => n.name));

type Workbook = Map<string, NamedCell>;

const value = (v: string | number | boolean | null): NamedCell => ({ kind: "value", value: v });

/**
 * The sample as a filled-in template: every name the reader asks for exists; linked cells
 * hold their link formulas (§15); every scored row has its evidence.
 */
function workbook(options: { annotations?: boolean } = {}): Workbook {
  const wb: Workbook = new Map();
  const annotations = options.annotations ?? true;
  for (const name of namesToRead(set)) wb.set(name, value(null));
  for (const ind of set.indicators) {
    for (const v of ind.variables) {
      if (v.info || v.sameAs) wb.set(names.input(ind.id, v.key), { kind: "value", value: null, formula: "=IF(…)" });
    }
    if (ind.rule.kind !== "unscored") wb.set(names.evidence(ind.id), value(`Quyết định số ${ind.id}/QĐ-UBND`));
  }
  for (const [name, v] of namedInputs(sample)) wb.set(name, value(v as string | number | boolean | null));
  wb.set(names.metaSet, value(set.id));
  wb.set(names.metaVersion, value(TEMPLATE_VERSION));
  if (!annotations) {
    for (const ind of set.indicators) for (const n of [names.target(ind.id), names.evidence(ind.id), names.note(ind.id)]) wb.delete(n);
    for (const p of set.pillars) wb.delete(names.previousPillar(p.id));
    wb.delete(names.previousTotal);
    wb.delete(names.previousIndex);
  }
  return wb;
}

function check(wb: Workbook) {
  const read = readInputs(set, (name) => wb.get(name) ?? { kind: "missing" }, "Sổ làm việc");
  const fatal = read.problems.some((p) => p.severity === "fatal");
  const result = fatal ? null : (scoreUnits(set, [read.unit], read.options)[0] ?? null);
  return { read, result, report: validateWorkbook(set, read, result) };
}

const brief = (f: Finding) => ({ severity: f.severity, code: f.code, name: f.name });
const ofSeverity = (findings: readonly Finding[], ...severities: Finding["severity"][]) => findings.filter((f) => severities.includes(f.severity)).map(brief);

function expectWellFormed(findings: readonly Finding[]): void {
  const keys = new Set<string>();
  for (const f of findings) {
    expect(f.vi.trim()).not.toBe("");
    expect(f.en.trim()).not.toBe("");
    expect(f.en).not.toBe(f.vi);
    const key = `${f.code}|${f.name ?? ""}`;
    if (f.name) {
      expect([f.code, f.name, keys.has(key)]).toEqual([f.code, f.name, false]);
      keys.add(key);
    }
  }
}

describe("validateWorkbook: the sample as typed", () => {
  it("finds nothing wrong; 5.5's 'không phát sinh' answer is the only note", () => {
    const { read, report } = check(workbook());
    expect(read.problems).toEqual([]);
    expect(report.fatal).toBe(false);
    expect(report.findings.map(brief)).toEqual([{ severity: "info", code: "none-answer", name: names.input("5.5", "none") }]);
    expect(report.totals).toEqual({ error: 0, warning: 0, info: 1 });
    expect(report.byPillar.map((g) => g.pillar)).toEqual(set.pillars.map((p) => p.id));
  });
});

describe("validateWorkbook: seeded errors", () => {
  const seeded = (): Workbook => {
    const wb = workbook();
    wb.set(names.input("3.3", "a"), value("nhiều")); // text in a number cell
    wb.set(names.input("4.9", "a"), value(-3)); // a negative
    wb.set(names.input("3.2", "a"), value(200000)); // households with internet above households (158 500)
    wb.set(names.input("3.1", "b"), value(600000)); // the population link typed over: 596 000 on Thông tin chung
    wb.set(names.input("1.1", "a"), value("Khác")); // not an option
    wb.set(names.evidence("2.1"), value(null)); // 2.1 earns 5 points without evidence
    wb.set(names.referenceMin("5.9"), value(null)); // min-max row without its reference minimum
    wb.delete(names.input("6.12", "b")); // a named cell deleted by hand
    wb.set(names.input("7.1", "a"), { kind: "error", error: "#REF!" }); // an Excel error
    return wb;
  };

  it("finds exactly the seeded errors and warnings, each at its cell", () => {
    const { report } = check(seeded());
    expect(ofSeverity(report.findings, "error", "warning")).toEqual([
      { severity: "error", code: "not-an-option", name: "DTI_1_1_a" },
      { severity: "warning", code: "missing-evidence", name: "DTI_2_1_EVIDENCE" },
      { severity: "error", code: "disagrees-with-info", name: "DTI_3_1_b" },
      { severity: "error", code: "numerator-above-denominator", name: "DTI_3_2_a" },
      { severity: "error", code: "not-a-number", name: "DTI_3_3_a" },
      { severity: "error", code: "negative", name: "DTI_4_9_a" },
      { severity: "warning", code: "needs-reference", name: "DTI_REF_5_9_MIN" },
      { severity: "error", code: "missing-name", name: "DTI_6_12_b" },
      { severity: "error", code: "cell-error", name: "DTI_7_1_a" },
    ]);
    expect(ofSeverity(report.findings, "info")).toEqual([{ severity: "info", code: "none-answer", name: "DTI_5_5_none" }]);
    expect(report.totals).toEqual({ error: 7, warning: 2, info: 1 });
    expect(report.fatal).toBe(false);
    expectWellFormed(report.findings);
    // Every finding points at a cell the template defines (the pane selects and marks it).
    for (const f of report.findings) expect([f.name, layoutNames.has(f.name ?? "")]).toEqual([f.name, true]);
  });

  it("says what is wrong in Vietnamese and in English, with the values", () => {
    const { report } = check(seeded());
    const by = (code: string) => report.findings.find((f) => f.code === code) as Finding;
    expect(by("numerator-above-denominator").vi).toMatch(/tử số \(a = 200000\) lớn hơn mẫu số \(b = 158500\)/);
    expect(by("numerator-above-denominator").en).toMatch(/numerator \(a = 200000\) is greater than the denominator \(b = 158500\)/);
    expect(by("disagrees-with-info").en).toMatch(/600000, differs from general information item 4 \(596000\)/);
    expect(by("not-a-number").en).toBe('Indicator 3.3, variable a: the value "nhiều" is not a number.');
    expect(by("negative").en).toMatch(/-3 is negative/);
    expect(by("missing-evidence").vi).toBe("Chỉ số 2.1: được 5 điểm nhưng chưa ghi tài liệu kiểm chứng (số văn bản hoặc đường dẫn).");
    expect(by("cell-error").en).toMatch(/DTI_7_1_a \(indicator 7\.1\) contains the Excel error #REF!/);
    expect(by("missing-name").en).toMatch(/DTI_6_12_b \(indicator 6\.12\) is missing/);
  });

  it("groups by pillar and by agency (responsible and each coordinating agency)", () => {
    const { report } = check(seeded());
    const pillars = Object.fromEntries(report.byPillar.map((g) => [g.pillar, [g.counts.error, g.counts.warning, g.counts.info]]));
    expect(pillars).toEqual({
      I: [1, 0, 0],
      II: [0, 1, 0],
      III: [3, 0, 0],
      IV: [1, 0, 0],
      V: [0, 1, 1],
      VI: [1, 0, 0],
      VII: [1, 0, 0],
      VIII: [0, 0, 0],
      IX: [0, 0, 0],
    });
    expect(report.byPillar.find((g) => g.pillar === "III")?.findings.map((f) => f.indicator)).toEqual(["3.1", "3.2", "3.3"]);
    const agencies = Object.fromEntries(report.byAgency.map((g) => [g.agency, [g.counts.error, g.counts.warning, g.counts.info]]));
    expect(agencies["Sở TTTT"]).toEqual([7, 2, 1]); // leads or coordinates every seeded row
    expect(agencies["Các doanh nghiệp viễn thông"]).toEqual([3, 0, 0]); // 3.1, 3.2, 3.3
    expect(agencies["Sở GD&ĐT"]).toEqual([1, 0, 0]); // 4.9
    expect(agencies["VP Tỉnh ủy"]).toEqual([1, 0, 0]); // coordinates 1.1
    expect(agencies["Cục Thống kê"]).toEqual([1, 0, 0]); // coordinates 7.1
    expect(agencies["Sở KH&ĐT"]).toEqual([1, 0, 0]); // leads 7.1
    expect(agencies["Sở Nội vụ"]).toEqual([0, 0, 0]);
    expect(report.findings.find((f) => f.code === "cell-error")?.agencies).toEqual(["Sở KH&ĐT", "Cục Thống kê", "Sở TTTT"]);
  });

  it("an Excel error or a deleted name is reported once, not again as a figure the engine could not use", () => {
    const { report, result } = check(seeded());
    expect(result?.indicators["7.1"]?.status).toBe("invalid");
    expect(result?.indicators["6.12"]?.status).toBe("missing");
    expect(report.findings.filter((f) => f.indicator === "7.1").map((f) => f.code)).toEqual(["cell-error"]);
    expect(report.findings.filter((f) => f.indicator === "6.12").map((f) => f.code)).toEqual(["missing-name"]);
  });
});

describe("validateWorkbook: template versions", () => {
  it("an older template is a warning; everything is still read and checked", () => {
    const wb = workbook();
    wb.set(names.metaVersion, value(TEMPLATE_VERSION - 1));
    const { report, result } = check(wb);
    expect(report.fatal).toBe(false);
    expect(result).not.toBeNull();
    expect(ofSeverity(report.findings, "error", "warning")).toEqual([{ severity: "warning", code: "older-template", name: undefined }]);
    expectWellFormed(report.findings);
  });

  it.each([
    ["a newer template", (wb: Workbook) => wb.set(names.metaVersion, value(TEMPLATE_VERSION + 1)), "newer-template"],
    ["an unknown version", (wb: Workbook) => wb.set(names.metaVersion, value(1.5)), "unknown-version"],
    ["a version typed over with text", (wb: Workbook) => wb.set(names.metaVersion, value("mới")), "unknown-version"],
    ["another indicator set", (wb: Workbook) => wb.set(names.metaSet, value("dti-province-2025")), "other-set"],
    ["not a template", (wb: Workbook) => wb.delete(names.metaSet), "not-a-template"],
  ])("%s is fatal: nothing is read or computed", (_what, seed, code) => {
    const wb = workbook();
    wb.set(names.input("3.3", "a"), value("nhiều"));
    seed(wb);
    const { read, report } = check(wb);
    expect(report.fatal).toBe(true);
    expect(report.findings.map(brief)).toEqual([{ severity: "error", code, name: undefined }]);
    expect(read.unit.values).toEqual({});
    expect(read.annotations).toEqual({ target: {}, evidence: {}, note: {} });
    expectWellFormed(report.findings);
    expect(report.byPillar.at(-1)).toMatchObject({ pillar: GENERAL_GROUP.pillar, counts: { error: 1, warning: 0, info: 0 } });
  });
});

describe("validateWorkbook: figures typed once (§15)", () => {
  it("a missing general item is one finding at its cell, naming every indicator that needs it", () => {
    const wb = workbook();
    wb.set(names.info(4), value(null));
    const { report } = check(wb);
    expect(ofSeverity(report.findings, "error", "warning")).toEqual([{ severity: "error", code: "missing-value", name: "DTI_INFO_4" }]);
    const f = report.findings[0] as Finding;
    expect(f).toMatchObject({ affects: ["3.1", "4.11", "8.1"], agencies: ["Cục Thống kê"] });
    expect(f.pillar).toBeUndefined();
    expect(f.vi).toBe("Thông tin chung mục 4 (Số lượng dân số): chưa nhập số liệu. Các chỉ số 3.1, 4.11, 8.1 lấy số liệu từ ô này nên chưa tính được điểm.");
    expect(f.en).toBe("General information item 4: no value entered. Indicators 3.1, 4.11 and 8.1 take their figure from this cell and cannot be scored yet.");
    expect(report.byPillar.at(-1)?.findings).toEqual([f]);
    expect(report.byAgency.find((g) => g.agency === "Cục Thống kê")?.counts.error).toBe(1);
  });

  it("a missing first occurrence is one finding at that cell", () => {
    const wb = workbook();
    wb.set(names.input("6.22", "c"), value(null));
    const { report } = check(wb);
    expect(ofSeverity(report.findings, "error", "warning")).toEqual([{ severity: "error", code: "missing-value", name: "DTI_6_22_c" }]);
    expect(report.findings.find((f) => f.code === "missing-value")).toMatchObject({ indicator: "6.22", pillar: "VI", affects: ["7.11", "7.12"] });
  });

  it("text or an Excel error in a general item is reported at the item, once", () => {
    const wb = workbook();
    wb.set(names.info(11), value("khoảng 2000"));
    wb.set(names.info(16), { kind: "error", error: "#N/A" });
    const { report } = check(wb);
    expect(ofSeverity(report.findings, "error", "warning")).toEqual([
      { severity: "error", code: "not-a-number", name: "DTI_INFO_11" },
      { severity: "error", code: "cell-error", name: "DTI_INFO_16" },
    ]);
    expect(report.findings[0]?.affects).toEqual(["4.5", "4.6", "4.7"]);
    expect(report.findings[1]?.affects).toEqual(["7.2", "7.3", "7.6", "7.7", "7.10"]);
    expect(report.findings[1]?.agencies).toEqual(["Sở KH&ĐT"]);
  });

  it("a deleted general item is reported as the missing name, with the indicators it feeds", () => {
    const wb = workbook();
    wb.delete(names.info(6));
    const { report } = check(wb);
    expect(ofSeverity(report.findings, "error", "warning")).toEqual([{ severity: "error", code: "missing-name", name: "DTI_INFO_6" }]);
    expect(report.findings[0]?.affects).toEqual(["3.2", "3.3", "8.4"]);
  });
});

describe("validateWorkbook: zero denominators (§12)", () => {
  it("are warnings with the engine's message, once per cell", () => {
    const wb = workbook();
    wb.set(names.info(15), value(0));
    const { report, result } = check(wb);
    expect(ofSeverity(report.findings, "error", "warning")).toEqual([{ severity: "warning", code: "zero-denominator", name: "DTI_INFO_15" }]);
    const f = report.findings.find((x) => x.code === "zero-denominator") as Finding;
    expect(f.affects).toEqual(["5.6", "5.7", "5.8"]);
    for (const id of ["5.6", "5.7", "5.8"]) {
      const m = result?.indicators[id]?.messages.find((x) => x.code === "zero-denominator");
      expect(f.vi).toContain(m && messageVi(m));
    }
  });

  it("5.11 explains 'không phát sinh' and points at the answer; answering it leaves only a note", () => {
    const wb = workbook();
    wb.set(names.input("5.10", "a"), value(0));
    wb.set(names.input("5.11", "a"), value(0));
    const first = check(wb).report;
    expect(ofSeverity(first.findings, "error", "warning")).toEqual([{ severity: "warning", code: "zero-denominator", name: "DTI_5_11_none" }]);
    const f = first.findings.find((x) => x.code === "zero-denominator") as Finding;
    expect(f.vi).toMatch(/không phát sinh/);
    expect(f.en).toMatch(/nothing occurred/);
    wb.set(names.input("5.11", "none"), value("Không phát sinh"));
    const answered = check(wb).report;
    expect(ofSeverity(answered.findings, "error", "warning")).toEqual([]);
    expect(ofSeverity(answered.findings, "info")).toContainEqual({ severity: "info", code: "none-answer", name: "DTI_5_11_none" });
  });
});

describe("validateWorkbook: reference values (§9, §10)", () => {
  it("point at the missing reference: the maximum of a ratio-to-best row, or of a min-max row whose minimum is there", () => {
    const wb = workbook();
    wb.set(names.referenceMax("8.6"), value(null));
    wb.set(names.referenceMax("4.5"), value(null));
    const { report } = check(wb);
    expect(ofSeverity(report.findings, "error", "warning")).toEqual([
      { severity: "warning", code: "needs-reference", name: "DTI_REF_4_5_MAX" },
      { severity: "warning", code: "needs-reference", name: "DTI_REF_8_6_MAX" },
    ]);
  });

  it("text in a reference cell is an error at that cell, not just a missing reference", () => {
    const wb = workbook();
    wb.set(names.referenceMin("5.1"), value("chưa công bố"));
    const { report } = check(wb);
    expect(ofSeverity(report.findings, "error", "warning")).toEqual([{ severity: "error", code: "not-a-number", name: "DTI_REF_5_1_MIN" }]);
  });
});

describe("validateWorkbook: annotations, options, last year's results", () => {
  it("older workbooks without annotation or previous-year names read without problems or evidence warnings", () => {
    const { read, report } = check(workbook({ annotations: false }));
    expect(read.problems).toEqual([]);
    expect(read.annotations).toEqual({ target: {}, evidence: {}, note: {} });
    expect(read.previous).toEqual({ pillars: {}, total: null, index: null });
    expect(ofSeverity(report.findings, "error", "warning")).toEqual([]);
  });

  it("targets and previous results that cannot be compared are warnings, never errors", () => {
    const wb = workbook();
    wb.set(names.target("3.1"), value("cao"));
    wb.set(names.target("3.2"), value(50)); // 3.2 is worth 10 points
    wb.set(names.previousIndex, value(30.48));
    wb.set(names.previousPillar("II"), value(-1));
    wb.set(names.note("1.2"), { kind: "error", error: "#NAME?" });
    wb.set(names.optionAltThreshold, value("Yes"));
    const { read, report } = check(wb);
    expect(read.problems).toEqual([]);
    expect(ofSeverity(report.findings, "error", "warning")).toEqual([
      { severity: "warning", code: "invalid-option", name: names.optionAltThreshold },
      { severity: "warning", code: "invalid-previous", name: "DTI_PREV_PILLAR_II" },
      { severity: "warning", code: "previous-above-max", name: "DTI_PREV_INDEX" },
      { severity: "warning", code: "cell-error", name: "DTI_1_2_NOTE" },
      { severity: "warning", code: "invalid-target", name: "DTI_3_1_TARGET" },
      { severity: "warning", code: "target-above-max", name: "DTI_3_2_TARGET" },
    ]);
    expect(read.annotations.target["3.1"]).toBeNull();
    expect(read.annotations.target["3.2"]).toBe(50);
    expectWellFormed(report.findings);
  });

  it("a blank general item nothing links to is a warning", () => {
    const wb = workbook();
    wb.set(names.info(9), value(null));
    const { report } = check(wb);
    expect(ofSeverity(report.findings, "error", "warning")).toEqual([{ severity: "warning", code: "missing-info", name: "DTI_INFO_9" }]);
  });
});

describe("readInputs: annotations and where each figure came from", () => {
  it("asks for the annotations of scored rows and last year's results", () => {
    const all = namesToRead(set);
    expect(all).toEqual(expect.arrayContaining(["DTI_3_1_TARGET", "DTI_3_1_EVIDENCE", "DTI_3_1_NOTE", "DTI_5_12_TARGET", "DTI_PREV_PILLAR_I", "DTI_PREV_PILLAR_IX", "DTI_PREV_TOTAL", "DTI_PREV_INDEX"]));
    expect(all).not.toContain("DTI_9_1_TARGET");
    expect(new Set(all).size).toBe(all.length);
  });

  it("reads targets, evidence, notes and previous results, and records the source name of each figure", () => {
    const wb = workbook();
    wb.set(names.target("3.1"), value(7.5));
    wb.set(names.target("3.2"), value("8,25"));
    wb.set(names.note("3.1"), value("  số liệu quý III  "));
    wb.set(names.previousPillar("III"), value(55.5));
    wb.set(names.previousTotal, value("304,8"));
    wb.set(names.previousIndex, value("0,3048"));
    wb.set(names.input("3.1", "b"), value(596000));
    const { read } = check(wb);
    expect(read.annotations.target["3.1"]).toBe(7.5);
    expect(read.annotations.target["3.2"]).toBe(8.25);
    expect(read.annotations.target["3.3"]).toBeNull();
    expect(read.annotations.evidence["3.1"]).toBe("Quyết định số 3.1/QĐ-UBND");
    expect(read.annotations.note["3.1"]).toBe("số liệu quý III");
    expect(read.previous).toMatchObject({ total: 304.8, index: 0.3048 });
    expect(read.previous.pillars["III"]).toBe(55.5);
    expect(read.previous.pillars["I"]).toBeNull();
    expect(read.sources?.values["3.1"]).toEqual({ a: "DTI_3_1_a", b: "DTI_3_1_b" });
    expect(read.sources?.values["3.2"]).toEqual({ a: "DTI_3_2_a" }); // b follows its link
    expect(read.sources?.info["4"]).toBe("DTI_INFO_4");
    expect(read.sources?.reference["4.5"]).toEqual({ min: "DTI_REF_4_5_MIN", max: "DTI_REF_4_5_MAX" });
    expect(read.cells?.get(names.previousIndex)).toEqual(value("0,3048"));
  });

  it.each([
    [0.3048, 0.3048],
    ["0,3048", 0.3048],
    ["1.234,5", 1234.5],
    ["1,234.5", 1234.5],
    ["12.5", 12.5],
    [" 35 ", 35],
    ["", null],
    [null, null],
    ["khoảng 30", "invalid"],
    [true, "invalid"],
  ])("typedNumber(%p) = %p", (typed, expected) => {
    expect(typedNumber(value(typed))).toBe(expected);
  });
});

describe("readUnit: annotations through Office.js, still 2 round trips", () => {
  it("reads the evidence and target typed on an indicator row", async () => {
    const fake = new FakeExcel();
    const layout = buildWorkbookLayout(set);
    await writeLayout(fake.context, layout, () => "rename", fake.supports);
    const sheets = fake.context.workbook.worksheets;
    const typed = new Map(namedInputs(sample));
    typed.set(names.evidence("3.1"), "Báo cáo 12/BC-STTTT");
    typed.set(names.target("3.1"), 8);
    for (const [name, v] of typed) {
      const n = layout.names.find((x) => x.name === name);
      if (n && v !== null && typeof v !== "object") sheets.getItem(n.sheet).getRange(n.ref).values = [[v]];
    }
    await fake.context.sync();
    const before = fake.syncCount;
    const read = await readUnit(fake.context, set, "Sổ");
    expect(fake.syncCount - before).toBe(2);
    expect(read.problems).toEqual([]);
    expect(read.annotations.evidence["3.1"]).toBe("Báo cáo 12/BC-STTTT");
    expect(read.annotations.evidence["3.2"]).toBeNull();
    expect(read.annotations.target["3.1"]).toBe(8);
  });
});

describe("validateWorkbook: names Excel may resolve to another cell, and values from outside (issue 9)", () => {
  it("an ambiguous name is an error at that name, and its cell is not read", () => {
    const wb = workbook();
    const a = names.input("3.1", "a");
    wb.set(a, { kind: "broken", trouble: { kind: "sheet-twin", name: a, ref: "'Chỉ số DTI 2022'!$G$51", locals: [{ sheet: "Bản sao", ref: "'Bản sao'!$G$51" }] } });
    const { read, result, report } = check(wb);
    expect(read.unit.values["3.1"]?.a).toBeUndefined();
    expect(result?.indicators["3.1"]?.status).toBe("missing");
    const found = report.findings.filter((f) => f.name === a);
    expect(found.map(brief)).toEqual([{ severity: "error", code: "ambiguous-name", name: a }]);
    expect(found[0]?.vi).toMatch(/^Tên DTI_3_1_a \(chỉ số 3\.1\) không rõ trỏ tới ô nào: .*trang "Bản sao".*không được đọc/);
    expect(found[0]?.vi).toContain(`ngoài tên ${a} của cả sổ ('Chỉ số DTI 2022'!$G$51) còn có tên ${a} riêng của trang "Bản sao" ('Bản sao'!$G$51)`);
    expect(found[0]?.en).toContain(`ambiguous: besides the workbook-level name ${a} ('Chỉ số DTI 2022'!$G$51) there is a name ${a} of sheet "Bản sao" ('Bản sao'!$G$51) only`);
  });

  it.each([
    ["a link to another workbook, as the file stores it", "[1]Sheet1!$C$7"],
    ["a link to another workbook, as Excel shows it", "='C:\\Số liệu\\[nam-2021.xlsx]Dân số'!$C$7"],
    ["WEBSERVICE", '=_xlfn.WEBSERVICE("https://example.vn/dan-so")'],
    ["FILTERXML", '=FILTERXML(B1,"//dan-so")'],
  ])("an input holding %s is scored from its cached value, with a warning naming the cell", (_what, formula) => {
    const wb = workbook();
    const info4 = names.info(4);
    wb.set(info4, { kind: "value", value: 596000, formula, sheet: "Thông tin chung", address: "$C$7" });
    const { read, report } = check(wb);
    expect(read.unit.info?.["4"]).toBe(596000);
    const found = report.findings.filter((f) => f.code === "external-formula");
    expect(found.map(brief)).toEqual([{ severity: "warning", code: "external-formula", name: info4 }]);
    expect(found[0]?.vi).toContain(`Ô ${info4} ('Thông tin chung'!C7) chứa công thức`);
    expect(found[0]?.vi).toContain("596000");
    expect(found[0]?.en).toMatch(/another workbook or the web/);
  });

  it("formulas of the template itself, tables and text that merely looks like a link raise nothing", () => {
    const wb = workbook();
    wb.set(names.info(4), { kind: "value", value: 596000, formula: '=SUM(Bang1[Dân số])+0*LEN("[1]Sheet1!A1")', sheet: "Thông tin chung", address: "$C$7" });
    const { report } = check(wb);
    expect(report.findings.filter((f) => f.code === "external-formula")).toEqual([]);
  });
});

describe("readUnit + validateWorkbook in the pane: a copied sheet's names and a WEBSERVICE input", () => {
  it("the twin is reported by name, the WEBSERVICE cell is named, in 2 round trips", async () => {
    const fake = new FakeExcel();
    const layout = buildWorkbookLayout(set);
    await writeLayout(fake.context, layout, () => "rename", fake.supports);
    const a = layout.names.find((n) => n.name === names.input("3.1", "a"));
    const b = layout.names.find((n) => n.name === names.input("3.2", "a"));
    if (!a || !b) throw new Error("no 3.1 a / 3.2 a");
    // What Excel's "Move or Copy… › Create a copy" leaves: a sheet-level twin on the copy.
    const copy = fake.context.workbook.worksheets.add("Bản sao");
    copy.getRange("G51").values = [[999]];
    copy.names.add(a.name, "='Bản sao'!$G$51");
    await fake.context.sync();
    fake.seed({ sheets: [{ name: b.sheet, cells: { [b.ref.replace(/\$/g, "")]: { formula: '=WEBSERVICE("https://example.vn/3-2")', value: 1200 } } }] });
    const before = fake.syncCount;
    const read = await readUnit(fake.context, set, "Sổ");
    expect(fake.syncCount - before).toBe(2);
    const report = validateWorkbook(set, read, scoreUnits(set, [read.unit], read.options)[0] ?? null);
    const twin = report.findings.find((f) => f.name === a.name);
    expect(twin).toMatchObject({ severity: "error", code: "ambiguous-name" });
    expect(twin?.vi).toContain('trang "Bản sao"');
    const web = report.findings.find((f) => f.code === "external-formula");
    expect(web).toMatchObject({ severity: "warning", name: b.name });
    expect(web?.vi).toContain(`${b.sheet}'!${b.ref.replace(/\$/g, "")}`);
    expect(read.unit.values["3.2"]?.a).toBe(1200);
  });
});
