/**
 * Splitting by responsible agency: who gets which indicators and general information,
 * file names, which names each part owns, and part layouts that compute on their own.
 */
import { dtiProvince2022 as set } from "../../src/catalog";
import type { IndicatorSet } from "../../src/catalog/schema";
import { buildWorkbookLayout } from "../../src/layout/build";
import { isFormula, type WorkbookLayout } from "../../src/layout/model";
import { names } from "../../src/layout/names";
import { isPreservedName } from "../../src/layout/plan";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseIndicatorSet } from "../../src/catalog/load";
import {
  isPortableFileName,
  MAX_PART_FILE_NAME,
  ownedNames,
  ownersByName,
  partBuildOptions,
  responsibleAgencies,
  slugify,
  splitByAgency,
} from "../../src/layout/split";

describe("slugify: safe ASCII file names", () => {
  it.each([
    ["Sở TTTT", "so-tttt"],
    ["Cục Thống kê", "cuc-thong-ke"],
    ["Sở KH&ĐT", "so-kh-dt"],
    ["Sở LĐTB&XH", "so-ldtb-xh"],
    ["VP UBND tỉnh (Trung tâm PVHCC)", "vp-ubnd-tinh-trung-tam-pvhcc"],
    ["UBND các huyện, thành phố", "ubnd-cac-huyen-thanh-pho"],
    ["Đài PTTH tỉnh", "dai-ptth-tinh"],
    ["???", "co-quan"],
    ["Con", "con-1"],
  ])("%s → %s", (text, slug) => {
    expect(slugify(text)).toBe(slug);
  });

  it("stays short", () => {
    expect(slugify("Ngân hàng Nhà nước chi nhánh Ninh Thuận và các ngân hàng thương mại trên địa bàn tỉnh").length).toBeLessThanOrEqual(60);
  });

  // Windows cannot create a file named after a device, whatever its case or extension.
  it.each([
    ["COM5", "com5-1"],
    ["LPT9", "lpt9-1"],
    ["com0", "com0-1"],
    ["Lpt1", "lpt1-1"],
    ["PRN", "prn-1"],
    ["Aux", "aux-1"],
    ["NUL", "nul-1"],
    ["COM¹", "com"],
    ["COM10", "com10"],
    ["Nul.txt", "nul-txt"],
  ])("device name %s → %s", (text, slug) => {
    expect(slugify(text)).toBe(slug);
    expect(isPortableFileName(`${slugify(text)}.xlsx`)).toBe(true);
  });
});

describe("isPortableFileName: what Windows refuses", () => {
  it.each([
    "com5.xlsx",
    "LPT9.xlsx",
    "CON",
    "nul .xlsx",
    "com\u00b9.xlsx",
    "LPT\u00b3",
    "aux.tar.gz",
    "so-tttt.",
    "so-tttt ",
    "so<tttt.xlsx",
    'so"tttt.xlsx',
    "so:tttt.xlsx",
    "so|tttt.xlsx",
    "so?tttt.xlsx",
    "so*tttt.xlsx",
    "so/tttt.xlsx",
    "so\\tttt.xlsx",
    "so\u0001tttt.xlsx",
    "",
    `${"a".repeat(MAX_PART_FILE_NAME)}.xlsx`,
  ])("%j is refused", (name) => {
    expect(isPortableFileName(name)).toBe(false);
  });

  it.each(["so-tttt.xlsx", "com5-1.xlsx", "con-1.xlsx", "com10.xlsx", "console.xlsx", "nul-txt.xlsx"])("%j is accepted", (name) => {
    expect(isPortableFileName(name)).toBe(true);
  });
});

describe("splitByAgency: part file names are portable and distinct", () => {
  const example = JSON.parse(readFileSync(path.resolve(__dirname, "../fixtures/sets/district-example.json"), "utf8")) as {
    indicators: { responsible: string }[];
    infoItems: { responsible: string }[];
  };
  const withAgencies = (agencies: readonly string[]): IndicatorSet => {
    const data = JSON.parse(JSON.stringify(example)) as typeof example;
    data.indicators.forEach((ind, n) => (ind.responsible = agencies[n % agencies.length] as string));
    data.infoItems.forEach((item, n) => (item.responsible = agencies[(n + 3) % agencies.length] as string));
    const parsed = parseIndicatorSet(data, "set.json");
    if ("errors" in parsed) throw new Error(parsed.errors.join("\n"));
    return parsed.set;
  };

  it("agencies named COM5 and LPT9 get files Windows can create", () => {
    const plan = splitByAgency(withAgencies(["COM5", "LPT9", "Con", "Sở TTTT"]));
    expect(plan.parts.map((p) => p.fileName)).toEqual(expect.arrayContaining(["com5-1.xlsx", "lpt9-1.xlsx", "con-1.xlsx", "so-tttt.xlsx"]));
  });

  it("two agencies never share a file name, even one that differs only in case", () => {
    const plan = splitByAgency(withAgencies(["COM5", "com5", "Com5 1", "Sở TTTT", "SỞ TTTT", "Sở T.T.T.T"]));
    const files = plan.parts.map((p) => p.fileName.toLowerCase());
    expect(new Set(files).size).toBe(plan.parts.length);
    expect(plan.parts.length).toBe(6);
  });

  it("any agency names: every file name portable and distinct (case-insensitive)", () => {
    const agency = fc.oneof(
      fc.constantFrom("CON", "prn", "AUX", "nul", "COM1", "com9", "LPT1", "lpt9", "COM¹", "LPT²", "Sở TTTT", "???", " . ", "Sở KH&ĐT"),
      fc.string({ minLength: 1, maxLength: 200, unit: "grapheme" }),
      fc.string({ minLength: 1, maxLength: 20 }).map((s) => `${s}.`),
    ).filter((a) => a.trim() !== "" && a.trim() !== "-" && responsibleAgencies(a).length === 1);
    fc.assert(
      fc.property(fc.uniqueArray(agency, { minLength: 1, maxLength: 8 }), (agencies) => {
        const plan = splitByAgency(withAgencies(agencies));
        for (const p of plan.parts) expect(isPortableFileName(p.fileName)).toBe(true);
        expect(new Set(plan.parts.map((p) => p.fileName.toLowerCase())).size).toBe(plan.parts.length);
      }),
      { numRuns: 150 },
    );
  });
});

describe("splitByAgency, dti-province-2022", () => {
  const plan = splitByAgency(set);
  const part = (agency: string) => plan.parts.find((p) => p.agency === agency)!;

  it("one part per responsible agency and per agency providing general information, with unique file names", () => {
    const files = plan.parts.map((p) => p.fileName);
    expect(new Set(files).size).toBe(files.length);
    expect(files).toContain("so-tttt.xlsx");
    expect(files).toContain("cuc-thong-ke.xlsx");
    expect(files.every((f) => /^[a-z0-9-]+\.xlsx$/.test(f))).toBe(true);
    expect(plan.parts.map((p) => p.agency)).toContain("UBND các huyện, thành phố");
    // Coordinating-only agencies get no part.
    expect(plan.parts.map((p) => p.agency)).not.toContain("Các doanh nghiệp viễn thông");
    expect(plan.parts.map((p) => p.agency)).not.toContain("thành phố");
    expect(plan.unassigned).toEqual([]);
  });

  it("every indicator is in the parts of exactly its responsible agencies; every item is provided by one part", () => {
    for (const ind of set.indicators) {
      const holders = plan.parts.filter((p) => p.indicators.includes(ind.id)).map((p) => p.agency);
      const top = ind.parent ? set.indicators.find((i) => i.id === ind.parent)! : ind;
      expect([ind.id, holders]).toEqual([ind.id, responsibleAgencies(top.responsible)]);
    }
    for (const item of set.infoItems) {
      expect([item.id, plan.parts.filter((p) => p.ownInfoItems.includes(item.id)).map((p) => p.agency)]).toEqual([item.id, [item.responsible]]);
    }
  });

  it("a part holds the sub-indicators of its indicators, the items they link to, its own items and item 1", () => {
    expect(part("Sở TTTT").indicators).toEqual(expect.arrayContaining(["5.12", "5.12.1", "5.12.6"]));
    expect(part("Cục Thống kê")).toMatchObject({ indicators: [], ownInfoItems: [4, 5, 6], infoItems: [1, 4, 5, 6] });
    const linked = new Set<number>([1]);
    for (const id of part("Sở KH&ĐT").indicators) for (const v of set.indicators.find((i) => i.id === id)!.variables) for (const i of v.info ?? []) linked.add(i);
    expect(part("Sở KH&ĐT").infoItems).toEqual([...new Set([...linked, 16, 17])].sort((a, b) => a - b));
  });

  it("the owned names cover every input-like name of the master but its settings (options, previous results, period, calendar), each once", () => {
    const owners = ownersByName(set, plan);
    const master = buildWorkbookLayout(set);
    const preserved = master.names.filter((n) => isPreservedName(n) && n.sheet !== "Nhiệm vụ").map((n) => n.name);
    const unowned = preserved.filter((n) => !owners.has(n));
    // The coordinator's own cells on Tổng hợp (issue 11): the published result and the previous period are no agency's.
    const settings = (n: string): boolean =>
      n.startsWith("DTI_OPT_") || n.startsWith("DTI_PREV_") || n.startsWith("DTI_PUB_") || n.startsWith("DTI_LAST_") || n === names.period || n === names.calendar;
    expect(unowned.filter((n) => !settings(n))).toEqual([]);
    expect([...owners.values()].every((a) => a.length === 1)).toBe(true);
    // Linked cells are formulas in the master: never owned.
    const linked = master.names.filter((n) => n.kind === "linked").map((n) => n.name);
    expect(linked.filter((n) => owners.has(n))).toEqual([]);
  });

  it("an indicator with two responsible agencies goes to both, and both own its names", () => {
    const twice: IndicatorSet = { ...set, indicators: set.indicators.map((i) => (i.id === "9.3" ? { ...i, responsible: "Sở Xây dựng, Sở TTTT" } : i)) };
    const p = splitByAgency(twice);
    expect(p.parts.filter((x) => x.indicators.includes("9.3")).map((x) => x.agency)).toEqual(["Sở TTTT", "Sở Xây dựng"]);
    expect(ownersByName(twice, p).get(names.note("9.3"))).toEqual(["Sở TTTT", "Sở Xây dựng"]);
    expect(ownedNames(twice, p.parts.find((x) => x.agency === "Sở TTTT")!).has(names.evidence("9.3"))).toBe(true);
  });

  it("unassigned indicators are reported", () => {
    const none: IndicatorSet = { ...set, indicators: set.indicators.map((i) => (i.id === "9.3" ? { ...i, responsible: "-" } : i)) };
    expect(splitByAgency(none).unassigned).toEqual(["9.3"]);
  });
});

/** Every DTI_* name a formula or validation of the layout refers to. */
function referencedNames(layout: WorkbookLayout): Set<string> {
  const out = new Set<string>();
  const scan = (text: string) => {
    for (const m of text.replace(/"[^"]*"/g, "").matchAll(/\bDTI_[A-Z0-9_a-z]+/g)) out.add(m[0]);
  };
  for (const s of layout.sheets) {
    for (const row of s.grid) for (const c of row) if (isFormula(c)) scan(c.f);
    for (const v of s.validations) scan(v.rule.kind === "list" ? v.rule.source : v.rule.kind === "custom" ? v.rule.formula : "");
    for (const cf of s.conditionalFormats) scan(cf.formula);
  }
  return out;
}

describe("part layouts", () => {
  const plan = splitByAgency(set);
  const master = buildWorkbookLayout(set);
  const masterNames = new Set(master.names.map((n) => n.name));

  it.each(plan.parts.map((p) => [p.agency, p] as const))("%s: every name a formula uses is defined, and every name is the master's", (_agency, part) => {
    const layout = buildWorkbookLayout(set, partBuildOptions(part, "tong-hop.xlsx"));
    const defined = new Set(layout.names.map((n) => n.name));
    expect([...referencedNames(layout)].filter((n) => !defined.has(n))).toEqual([]);
    expect(layout.names.map((n) => n.name).filter((n) => !masterNames.has(n))).toEqual([names.dueDate, names.partAgency, names.partMaster]);
    // Its indicators, with the master's formulas (no link leaves the part).
    const scores = layout.names.filter((n) => n.kind === "score").map((n) => n.indicator);
    expect(scores).toEqual(part.indicators);
    const info = layout.names.filter((n) => n.kind === "info").map((n) => Number(n.variable));
    expect(info).toEqual(part.infoItems);
  });

  it("the same score formulas as the master; a link to another agency's indicator becomes a plain input", () => {
    const kh = plan.parts.find((p) => p.agency === "Sở KH&ĐT")!;
    const layout = buildWorkbookLayout(set, partBuildOptions(kh, "tong-hop.xlsx"));
    const formulaOf = (l: WorkbookLayout, name: string) => {
      const n = l.names.find((x) => x.name === name)!;
      const sheet = l.sheets.find((s) => s.name === n.sheet)!;
      const m = /^\$([A-Z]+)\$(\d+)$/.exec(n.ref)!;
      const col = [...m[1]!].reduce((a, ch) => a * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      return sheet.grid[Number(m[2]) - 1]![col];
    };
    for (const id of kh.indicators) expect(formulaOf(layout, names.score(id))).toEqual(formulaOf(master, names.score(id)));
    expect(master.names.find((n) => n.name === names.input("7.11", "b"))?.kind).toBe("linked");
    expect(layout.names.find((n) => n.name === names.input("7.11", "b"))?.kind).toBe("input");
    expect(formulaOf(layout, names.input("7.11", "b"))).toBeNull();
    const tc = plan.parts.find((p) => p.agency === "Sở Tài chính")!;
    // Within Sở Tài chính's own part, 7.12 b still links to 6.22 c.
    expect(formulaOf(buildWorkbookLayout(set, partBuildOptions(tc, "x.xlsx")), names.input("7.12", "b"))).toEqual({ f: `IF(DTI_6_22_c="","",DTI_6_22_c)` });
  });

  it("Tổng hợp and Phân công list only the part, with the part's maxima", () => {
    const kh = plan.parts.find((p) => p.agency === "Sở KH&ĐT")!;
    const layout = buildWorkbookLayout(set, partBuildOptions(kh, "tong-hop.xlsx"));
    const pillars = layout.names.filter((n) => n.kind === "pillar").map((n) => n.name);
    expect(pillars).toEqual(["DTI_PILLAR_II", "DTI_PILLAR_VII", "DTI_PILLAR_VIII"]);
    const summary = layout.sheets.find((s) => s.role === "summary")!;
    const total = summary.grid.find((r) => r[1] === "TỔNG ĐIỂM")!;
    const max = set.indicators.filter((i) => kh.indicators.includes(i.id) && !i.parent).reduce((n, i) => n + i.maxPoints, 0);
    expect(total[3]).toBe(max);
    expect(String(summary.grid[0]![0])).toMatch(/PHẦN CỦA Sở KH&ĐT/);
    const assignment = layout.sheets.find((s) => s.role === "assignment")!;
    const ids = assignment.grid.map((r) => r[2]).filter((c): c is string => typeof c === "string" && /^\d/.test(c));
    expect(ids.every((id) => kh.indicators.includes(id))).toBe(true);
    expect(assignment.grid.map((r) => r[0])).toContain("Sở KH&ĐT");
  });

  it("an agency leading no indicator gets only Thông tin chung", () => {
    const tk = plan.parts.find((p) => p.agency === "Cục Thống kê")!;
    const layout = buildWorkbookLayout(set, partBuildOptions(tk, "tong-hop.xlsx"));
    expect(layout.sheets.map((s) => s.role)).toEqual(["info", "lists", "meta"]);
  });

  it("a part without indicators but with a summary has zero totals, never a circular range", () => {
    const layout = buildWorkbookLayout(set, { indicators: new Set(), infoItems: new Set([1]) });
    const summary = layout.sheets.find((s) => s.role === "summary")!;
    const total = summary.grid.find((r) => r[1] === "TỔNG ĐIỂM")!;
    expect(total[2]).toEqual({ f: "0" });
    expect(summary.charts).toEqual([]);
  });
});
