/**
 * The pure merge core (src/layout/merge.ts), driven directly with in-memory workbooks: a
 * master and parts are maps from defined name to what the cell holds, shaped by the same
 * layouts the writers render. The CLI (test/cli/split-merge.test.ts) and the task pane
 * (test/e2e/pane.test.ts) run the same core on real files.
 */
import { dtiProvince2020, dtiProvince2022 as set } from "../../src/catalog";
import { buildWorkbookLayout } from "../../src/layout/build";
import {
  acceptedWrites,
  locationOf,
  mergeIssueCount,
  mergeParts as mergeData,
  prefillValues,
  resolvedValue,
  templateMetaOf as metaData,
  type LocatedCell,
  type MergeMaster,
  type MergePartInput,
  type ReadCell,
} from "../../src/layout/merge";
import { sayBoth } from "../../src/i18n/findings";
import { mergeWithText, nameText, replacedText } from "../../src/i18n/merge-text";
import type { CellContent, WorkbookLayout } from "../../src/layout/model";
import { TEMPLATE_VERSION, names } from "../../src/layout/names";
import { partBuildOptions, splitByAgency } from "../../src/layout/split";

/** The merge's messages in both languages, as the CLI prints them and the pane shows them. */
const mergeParts = (...args: Parameters<typeof mergeData>) => mergeWithText(mergeData(...args));
const templateMetaOf = (...args: Parameters<typeof metaData>) => {
  const meta = metaData(...args);
  return "error" in meta ? { error: sayBoth(meta.error) } : meta;
};

const plan = splitByAgency(set);
const part = (agency: string) => {
  const p = plan.parts.find((x) => x.agency === agency);
  if (!p) throw new Error(`no part for ${agency}`);
  return p;
};

/**
 * A workbook as a reader: every name of `layout`; linked cells are formulas without a result
 * (as exceljs writes them), the rest hold `values` (empty otherwise).
 */
function workbook(layout: WorkbookLayout, values: ReadonlyMap<string, CellContent> = new Map(), extra: Record<string, LocatedCell> = {}): ReadCell {
  const byName = new Map(layout.names.map((n) => [n.name, n]));
  return (name) => {
    if (name in extra) return extra[name] as LocatedCell;
    const n = byName.get(name);
    if (!n) return { kind: "missing" };
    if (n.kind === "linked" || n.kind === "score") return { kind: "value", value: null, formula: "=X" };
    if (n.name === names.metaSet) return { kind: "value", value: set.id };
    if (n.name === names.metaVersion) return { kind: "value", value: TEMPLATE_VERSION };
    return { kind: "value", value: values.get(name) ?? null };
  };
}

const masterLayout = buildWorkbookLayout(set);
function master(values: ReadonlyMap<string, CellContent> = new Map(), extra: Record<string, LocatedCell> = {}): MergeMaster {
  return { set, version: TEMPLATE_VERSION, formulas: "portable", name: "tong-hop.xlsx", read: workbook(masterLayout, values, extra) };
}

/** A returned part of `agency` holding `values` (and whatever `extra` says). */
function returned(file: string, agency: string, values: ReadonlyMap<string, CellContent>, extra: Record<string, LocatedCell> = {}, meta: Partial<{ set: typeof set; version: number; master: string }> = {}): MergePartInput {
  const layout = buildWorkbookLayout(set, partBuildOptions(part(agency), meta.master ?? "tong-hop.xlsx"));
  return {
    file,
    opened: {
      meta: { set: meta.set ?? set, version: meta.version ?? TEMPLATE_VERSION, formulas: "portable", agency, master: meta.master ?? "tong-hop.xlsx" },
      read: workbook(layout, values, extra),
      names: [...layout.names.map((n) => n.name), ...Object.keys(extra)],
    },
  };
}

const a31 = names.input("3.1", "a");
const a32 = names.input("3.2", "a");

describe("mergeParts: what goes into the master", () => {
  it("writes the values an agency typed into the cells it owns, and lists the agencies that sent nothing", () => {
    const r = mergeParts(master(), [returned("so-tttt.xlsx", "Sở TTTT", new Map<string, CellContent>([[a31, 318000], [a32, "Có"]]))]);
    expect(r.writes.map((w) => [w.name, w.value, w.file, w.overwrites])).toEqual([
      [a31, 318000, "so-tttt.xlsx", false],
      [a32, "Có", "so-tttt.xlsx", false],
    ]);
    expect(r.writes[0] && nameText(r.writes[0].label)).toEqual({ vi: "DTI_3_1_a (chỉ số 3.1)", en: "DTI_3_1_a (indicator 3.1)" });
    expect(r.conflicts).toEqual([]);
    expect(r.missing).toHaveLength(plan.parts.length - 1);
    expect(r.missing.map((m) => m.vi)).toContain("Sở Xây dựng (so-xay-dung.xlsx: chủ trì 9.3).");
    expect(r.missing.map((m) => m.en)).toContain("Sở Xây dựng (so-xay-dung.xlsx: leads 9.3).");
    expect({ used: r.used, given: r.given, issues: mergeIssueCount(r) }).toEqual({ used: 1, given: 1, issues: plan.parts.length - 1 });
  });

  it("flags each write over a different non-empty value in the master; the same value is no overwrite", () => {
    const r = mergeParts(master(new Map<string, CellContent>([[a31, 100], [a32, " Có "]])), [returned("so-tttt.xlsx", "Sở TTTT", new Map<string, CellContent>([[a31, 318000], [a32, "Có"]]))]);
    expect(r.writes.map((w) => [w.name, w.current, w.value, w.overwrites])).toEqual([
      [a31, 100, 318000, true],
      [a32, " Có ", "Có", false],
    ]);
  });

  it("a conflict: the same cell filled differently in two files is not written; both files and values are named", () => {
    const r = mergeParts(master(), [
      returned("so-tttt.xlsx", "Sở TTTT", new Map([[a31, 318000]])),
      returned("so-tttt-sua.xlsx", "Sở TTTT", new Map([[a31, 999]])),
    ]);
    expect(r.writes.map((w) => w.name)).not.toContain(a31);
    expect(r.conflicts).toHaveLength(1);
    expect(r.conflicts[0]).toMatchObject({ name: a31, indicator: "3.1" });
    expect(r.conflicts[0]?.held.map((h) => [h.file, h.value])).toEqual([["so-tttt.xlsx", 318000], ["so-tttt-sua.xlsx", 999]]);
    expect(r.conflicts[0]?.text.vi).toBe("DTI_3_1_a (chỉ số 3.1): so-tttt.xlsx = 318000; so-tttt-sua.xlsx = 999.");
    expect(r.conflicts[0]?.text.en).toBe("DTI_3_1_a (indicator 3.1): so-tttt.xlsx = 318000; so-tttt-sua.xlsx = 999.");
    expect(r.notes).toEqual([]);
    expect(r.duplicates.map((n) => n.vi)).toEqual([
      "Sở TTTT có 2 tệp phần: so-tttt.xlsx, so-tttt-sua.xlsx. Giá trị giống nhau được gộp một lần; giá trị khác nhau là xung đột, không ghi.",
    ]);
  });

  it("values outside the assignment: another agency's cell changed, a name the master lacks; listed, not written", () => {
    const r = mergeParts(master(new Map([[names.info(1), "Ninh Thuận"]])), [
      returned("so-kh-dt.xlsx", "Sở KH&ĐT", new Map([[names.info(1), "Tỉnh khác"]]), { DTI_TU_THEM: { kind: "value", value: 42 } }),
    ]);
    expect(r.writes.map((w) => w.name)).not.toContain(names.info(1));
    expect(r.outside.map((o) => o.vi)).toEqual([
      "so-kh-dt.xlsx (Sở KH&ĐT): DTI_TU_THEM = 42 — tên này không có trong sổ tổng hợp.",
      'so-kh-dt.xlsx (Sở KH&ĐT): DTI_INFO_1 (thông tin chung mục 1) = "Tỉnh khác", sổ tổng hợp có "Ninh Thuận" — ô này thuộc phần của Sở TTTT.',
    ]);
    expect(r.outside[1]?.en).toContain("belongs to the part of Sở TTTT");
  });

  it("context pre-filled from the master, or equal to what another part writes, is silent", () => {
    const r = mergeParts(master(new Map([[names.info(1), "Ninh Thuận"]])), [
      returned("so-kh-dt.xlsx", "Sở KH&ĐT", new Map<string, CellContent>([[names.info(1), "Ninh Thuận"], [names.info(4), 596000]])),
      returned("cuc-thong-ke.xlsx", "Cục Thống kê", new Map([[names.info(4), 596000]])),
    ]);
    expect(r.outside).toEqual([]);
    expect(r.writes.find((w) => w.name === names.info(4))).toMatchObject({ value: 596000, file: "cuc-thong-ke.xlsx" });
  });

  it("a cross-agency link typed differently in a part is listed against what it links to", () => {
    const b83 = names.input("8.3", "b");
    const b82 = names.input("8.2", "b");
    const r = mergeParts(master(new Map([[b82, 50]])), [returned("so-tttt.xlsx", "Sở TTTT", new Map([[b83, 1]]))]);
    expect(r.links.map((l) => l.vi)).toEqual([`so-tttt.xlsx (Sở TTTT): DTI_8_3_b (chỉ số 8.3) = 1, nhưng DTI_8_2_b trong sổ tổng hợp = 50; ô này trong sổ tổng hợp là công thức liên kết, không ghi.`]);
    expect(r.writes.map((w) => w.name)).not.toContain(b83);
  });

  it("a master cell deleted or turned into a formula cannot take its value: listed as failed, not written", () => {
    const r = mergeParts(master(new Map(), { [a31]: { kind: "missing" }, [a32]: { kind: "value", value: 3, formula: "=1+2" } }), [
      returned("so-tttt.xlsx", "Sở TTTT", new Map<string, CellContent>([[a31, 1], [a32, "Có"]])),
    ]);
    expect(r.writes.map((w) => w.name)).toEqual([]);
    expect(r.failed.map((f) => f.vi)).toEqual([
      "DTI_3_1_a (chỉ số 3.1) = 1 từ so-tttt.xlsx: ô trong sổ tổng hợp đã bị xóa hoặc là công thức.",
      'DTI_3_2_a (chỉ số 3.2) = "Có" từ so-tttt.xlsx: ô trong sổ tổng hợp đã bị xóa hoặc là công thức.',
    ]);
  });

  it("files of another set or version, files that are not parts, and unreadable files are named and skipped", () => {
    const notPart: MergePartInput = { ...returned("tong-hop.xlsx", "Sở TTTT", new Map()) };
    if ("error" in notPart.opened) throw new Error("unexpected");
    const { agency: _agency, ...metaWithoutAgency } = notPart.opened.meta;
    const r = mergeParts(master(), [
      { file: "hong.xlsx", opened: { error: { vi: "hong.xlsx: tệp .xlsx bị hỏng", en: "hong.xlsx: corrupt" } } },
      returned("bo-khac.xlsx", "Sở TTTT", new Map(), {}, { set: dtiProvince2020 }),
      returned("cu.xlsx", "Sở TTTT", new Map(), {}, { version: TEMPLATE_VERSION + 1 }),
      { file: "tong-hop.xlsx", opened: { ...notPart.opened, meta: metaWithoutAgency } },
    ]);
    expect(r.used).toBe(0);
    expect(r.skipped.map((s) => s.vi)).toEqual([
      "hong.xlsx: tệp .xlsx bị hỏng",
      `bo-khac.xlsx: dùng bộ chỉ số "dti-province-2020", sổ tổng hợp dùng "${set.id}".`,
      `cu.xlsx: mẫu phiên bản ${TEMPLATE_VERSION + 1}, sổ tổng hợp phiên bản ${TEMPLATE_VERSION}.`,
      'tong-hop.xlsx: không phải tệp phần do "dti split" tách (thiếu DTI_META_PART).',
    ]);
    expect(r.skipped.every((s) => s.en.length > 0 && s.en !== s.vi)).toBe(true);
  });

  it("a part split from another master is used, with a note", () => {
    const r = mergeParts(master(), [returned("so-tttt.xlsx", "Sở TTTT", new Map([[a31, 1]]), {}, { master: "khac.xlsx" })]);
    expect(r.used).toBe(1);
    expect(r.notes.map((n) => n.vi)).toEqual(["Lưu ý: so-tttt.xlsx được tách từ khac.xlsx, không phải tong-hop.xlsx."]);
  });
});

describe("mergeParts: nothing is dropped silently (issue 9)", () => {
  const SHEET = "Chỉ số DTI 2022";
  const at = (address: string, cell: LocatedCell): LocatedCell => ({ ...cell, sheet: SHEET, address });

  it("a formula typed into an input cell is listed with its file, cell, name, formula and value; its value is written only when accepted", () => {
    const r = mergeParts(master(new Map([[a31, 7]]), { [a31]: at("G51", { kind: "value", value: 7 }) }), [
      returned("so-tttt.xlsx", "Sở TTTT", new Map(), { [a31]: at("G35", { kind: "value", value: 10, formula: "5+5" }) }),
    ]);
    expect(r.formulas.map((f) => [f.name, f.files, f.acceptable, f.text.vi])).toEqual([
      [a31, ["so-tttt.xlsx"], true, "so-tttt.xlsx, ô 'Chỉ số DTI 2022'!G35, DTI_3_1_a (chỉ số 3.1): công thức =5+5, giá trị đã tính 10; sổ tổng hợp đang có 7."],
    ]);
    expect(r.formulas[0]?.text.en).toBe("so-tttt.xlsx, cell 'Chỉ số DTI 2022'!G35, DTI_3_1_a (indicator 3.1): the formula =5+5, computed value 10; the master holds 7.");
    // Not accepted: nothing written, and the merge is not clean.
    expect(acceptedWrites(r, { overwrite: true })).toEqual([]);
    const issues = mergeIssueCount(r);
    expect(mergeIssueCount(r, { formulas: true })).toBe(issues - 1);
    // Accepted: the computed value, a plain number, never the formula.
    const [w] = acceptedWrites(r, { overwrite: true, formulas: true });
    expect(w).toMatchObject({ name: a31, value: 10, current: 7, overwrites: true, needs: "formula", formula: "=5+5", masterCell: "'Chỉ số DTI 2022'!G51", partCell: "'Chỉ số DTI 2022'!G35" });
    expect(replacedText(w!).vi).toBe("DTI_3_1_a (chỉ số 3.1), ô 'Chỉ số DTI 2022'!G51: 7 → 10 (từ so-tttt.xlsx, giá trị của công thức =5+5).");
    // Over a different value, both consents are needed.
    expect(acceptedWrites(r, { formulas: true })).toEqual([]);
  });

  it("a formula never calculated, an Excel error, a formula in another agency's cell: listed, never written, whatever is accepted", () => {
    const r = mergeParts(master(new Map([[names.info(1), "Ninh Thuận"]])), [
      returned("so-tttt.xlsx", "Sở TTTT", new Map([[names.info(1), "Ninh Thuận"]]), {
        [a31]: at("G35", { kind: "value", value: null, formula: "=A1*2" }),
        [a32]: { kind: "error", error: "#DIV/0!" },
      }),
      returned("so-kh-dt.xlsx", "Sở KH&ĐT", new Map(), { [names.info(1)]: { kind: "value", value: "Tỉnh khác", formula: '"Tỉnh "&"khác"' } }),
    ]);
    expect(r.formulas.map((f) => f.text.vi)).toEqual([
      "so-tttt.xlsx, ô 'Chỉ số DTI 2022'!G35, DTI_3_1_a (chỉ số 3.1): công thức =A1*2 chưa được tính (tệp không lưu giá trị); không ghi. Hãy mở tệp trong Excel, tính lại và lưu, hoặc nhập số.",
      "so-tttt.xlsx, DTI_3_2_a (chỉ số 3.2): ô có lỗi #DIV/0!; không ghi.",
      'so-kh-dt.xlsx, DTI_INFO_1 (thông tin chung mục 1): công thức ="Tỉnh "&"khác", giá trị đã tính "Tỉnh khác" — ô này thuộc phần của Sở TTTT; không ghi.',
    ]);
    expect(r.formulas.every((f) => !f.acceptable)).toBe(true);
    expect(r.writes.map((w) => w.name)).toEqual([names.info(1)]); // the same value: nothing to write
    const all = { overwrite: true, formulas: true, cleared: true };
    expect(acceptedWrites(r, all)).toEqual([]);
    expect(mergeIssueCount(r, all)).toBe(mergeIssueCount(r));
  });

  it("every write over a different master value says old → new with the name and the master's cell", () => {
    const r = mergeParts(master(new Map([[a31, 100]]), { [a31]: at("G51", { kind: "value", value: 100 }) }), [returned("so-tttt.xlsx", "Sở TTTT", new Map([[a31, 318000]]))]);
    const replaced = acceptedWrites(r, { overwrite: true }).filter((w) => w.overwrites);
    expect(replaced.map((w) => replacedText(w))).toEqual([
      { vi: "DTI_3_1_a (chỉ số 3.1), ô 'Chỉ số DTI 2022'!G51: 100 → 318000 (từ so-tttt.xlsx).", en: "DTI_3_1_a (indicator 3.1), cell 'Chỉ số DTI 2022'!G51: 100 → 318000 (from so-tttt.xlsx)." },
    ]);
    // The pane asks first: without the tick nothing over it is written.
    expect(acceptedWrites(r)).toEqual([]);
  });

  it("a value the agency cleared (the master holds it, so the split pre-filled it) is listed, and emptied only when accepted; a cell never filled is silent", () => {
    const r = mergeParts(master(new Map<string, CellContent>([[a31, 7]])), [returned("so-tttt.xlsx", "Sở TTTT", new Map(), { [a31]: at("G35", { kind: "value", value: null }) })]);
    expect(r.cleared.map((c) => [c.name, c.files, c.acceptable, c.text.vi])).toEqual([
      [a31, ["so-tttt.xlsx"], true, "so-tttt.xlsx, ô 'Chỉ số DTI 2022'!G35, DTI_3_1_a (chỉ số 3.1): cơ quan đã xóa giá trị; sổ tổng hợp đang có 7."],
    ]);
    expect(r.cleared[0]?.text.en).toBe("so-tttt.xlsx, cell 'Chỉ số DTI 2022'!G35, DTI_3_1_a (indicator 3.1): the agency cleared the value; the master holds 7.");
    expect(acceptedWrites(r, { overwrite: true, formulas: true })).toEqual([]);
    expect(acceptedWrites(r, { cleared: true })).toMatchObject([{ name: a31, value: null, current: 7, needs: "cleared", overwrites: false }]);
    expect(mergeIssueCount(r, { cleared: true })).toBe(mergeIssueCount(r) - 1);
    // Empty in the master too: never filled, nothing to say.
    const never = mergeParts(master(), [returned("so-tttt.xlsx", "Sở TTTT", new Map())]);
    expect(never.cleared).toEqual([]);
    expect(never.writes).toEqual([]);
  });

  it("one file cleared, another of the same agency kept the value: a conflict, not written", () => {
    const r = mergeParts(master(new Map<string, CellContent>([[a31, 7]])), [returned("a.xlsx", "Sở TTTT", new Map([[a31, 7]])), returned("b.xlsx", "Sở TTTT", new Map())]);
    expect(r.conflicts.map((c) => c.text.vi)).toEqual(["DTI_3_1_a (chỉ số 3.1): a.xlsx = 7; b.xlsx = (đã xóa)."]);
    expect(r.writes.map((w) => w.name)).not.toContain(a31);
  });

  it("two files of one agency are a review item even when they agree; their value is written once", () => {
    const values = new Map<string, CellContent>([[a31, 318000]]);
    const r = mergeParts(master(), [returned("so-tttt.xlsx", "Sở TTTT", values), returned("so-tttt (1).xlsx", "Sở TTTT", values)]);
    expect(r.conflicts).toEqual([]);
    expect(r.writes.map((w) => [w.name, w.value])).toEqual([[a31, 318000]]);
    expect(r.duplicates.map((d) => d.en)).toEqual(["Sở TTTT has 2 parts: so-tttt.xlsx, so-tttt (1).xlsx. Values they agree on are merged once; values that differ are conflicts, not written."]);
    const one = mergeParts(master(), [returned("so-tttt.xlsx", "Sở TTTT", values)]);
    expect(mergeIssueCount(r)).toBe(mergeIssueCount(one) + 1);
  });

  it("locationOf reads a reference as the names collection gives it", () => {
    expect(locationOf("'Chỉ số DTI 2022'!$G$51")).toEqual({ sheet: "Chỉ số DTI 2022", address: "G51" });
    expect(locationOf("=Sheet1!$A$1:$A$3")).toEqual({ sheet: "Sheet1", address: "A1" });
    expect(locationOf("'It''s'!B2")).toEqual({ sheet: "It's", address: "B2" });
    expect(locationOf("#REF!")).toBeUndefined();
  });
});

describe("templateMetaOf, resolvedValue, prefillValues", () => {
  const meta = (cells: Record<string, CellContent>): ReadCell => (name) => (name in cells ? { kind: "value", value: cells[name] as CellContent } : { kind: "missing" });

  it("reads the set, version, formulas and part; names the file and the missing name otherwise", () => {
    expect(templateMetaOf("a.xlsx", meta({ [names.metaSet]: set.id, [names.metaVersion]: TEMPLATE_VERSION, [names.partAgency]: " Sở TTTT ", [names.partMaster]: "m.xlsx" }), "functions")).toMatchObject({
      set: { id: set.id },
      version: TEMPLATE_VERSION,
      formulas: "functions",
      agency: "Sở TTTT",
      master: "m.xlsx",
    });
    expect(templateMetaOf("b.xlsx", meta({}), undefined)).toEqual({ error: { vi: "b.xlsx: không nhận ra mẫu DTI (thiếu DTI_META_SET ở trang ẩn DTI_META).", en: "b.xlsx: not a DTI template (no DTI_META_SET on the hidden DTI_META sheet)." } });
    expect(templateMetaOf("c.xlsx", meta({ [names.metaSet]: "x", [names.metaVersion]: 1 }), undefined)).toMatchObject({ error: { vi: 'c.xlsx: bộ chỉ số "x" không có trong công cụ này.' } });
    expect(templateMetaOf("d.xlsx", meta({ [names.metaSet]: set.id, [names.metaVersion]: 99 }), undefined)).toMatchObject({ error: { vi: expect.stringContaining("d.xlsx: mẫu phiên bản 99") } });
  });

  it("a linked cell without a result stands for what it links to; a part is pre-filled with it", () => {
    const b711 = names.input("7.11", "b");
    const read = workbook(masterLayout, new Map<string, CellContent>([[names.input("6.22", "c"), 11250], [names.info(16), 3150]]));
    expect(resolvedValue(set, read, b711)).toBe(11250);
    const partNames = buildWorkbookLayout(set, partBuildOptions(part("Sở KH&ĐT"), "m.xlsx")).names;
    const filled = prefillValues(set, read, partNames);
    expect(filled.get(b711)).toBe(11250);
    expect(filled.get(names.info(16))).toBe(3150);
    expect(filled.has(names.input("3.1", "a"))).toBe(false);
  });
});
