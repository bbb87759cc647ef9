/**
 * Mark cells and clear marks against the one fake Excel host: the exact earlier formatting
 * comes back (no fill, white, the yellow of input cells, a pattern), users' comments are
 * never touched, the record survives closing and reopening the file, protection is always
 * put back, and the round trips do not depend on the number of marks.
 */
import { FakeExcel, type SeedSheet } from "../fakes/excel";
import { MARKS_SHEET, MARK_FILL, MarksError, clearMarks, markCells, type CellMark } from "../../src/office/marks";
import { writeLayout } from "../../src/office/write-layout";
import { buildWorkbookLayout } from "../../src/layout/build";
import { names, sheetNames } from "../../src/layout/names";
import { dtiProvince2022 } from "../../src/catalog";

const INPUT = "Nhập liệu";
const OTHER = "Khác";
const TEMPLATE_PROTECTION = { allowFormatColumns: true, allowFormatRows: true };
const USER_COMMENT = "Số liệu này chờ Sở TT&TT xác nhận (chị Lan).";

/** Cells as users leave them: no fill, white, the input yellow, a comment of their own, a pattern. */
function workbook(options: { excelApi?: string; password?: string } = {}): FakeExcel {
  const sheets: SeedSheet[] = [
    {
      name: INPUT,
      cells: {
        A1: "Chỉ tiêu",
        B2: 12,
        B3: { value: 5, fill: "#FFFFFF" },
        B4: { value: 7, fill: "#FFF2CC", locked: false },
        B5: { fill: "#FFF2CC", locked: false },
        B6: { fill: "#FFFF00", pattern: "Gray25" },
      },
      comments: { B5: USER_COMMENT },
      protection: { options: TEMPLATE_PROTECTION },
    },
    { name: OTHER, cells: { C1: "x" } },
  ];
  if (options.password) sheets.push({ name: "Bí mật", cells: { A1: 1 }, protection: { password: options.password, options: TEMPLATE_PROTECTION } });
  return new FakeExcel({ excelApi: options.excelApi }).seed({
    sheets,
    names: [
      { name: "DTI_NOFILL", ref: `='${INPUT}'!$B$2` },
      { name: "DTI_WHITE", ref: `='${INPUT}'!$B$3` },
      { name: "DTI_YELLOW", ref: `='${INPUT}'!$B$4` },
      { name: "DTI_COMMENTED", ref: `='${INPUT}'!$B$5` },
      { name: "DTI_PATTERN", ref: `='${INPUT}'!$B$6` },
      { name: "DTI_OTHER", ref: `=${OTHER}!$C$1` },
      { name: "DTI_GONE", ref: "=#REF!$B$9" },
      ...(options.password ? [{ name: "DTI_SECRET", ref: "='Bí mật'!$A$1" }] : []),
    ],
  });
}

const mark = (name: string, message = `Ô ${name}: thiếu số liệu.`): CellMark => ({ name, message });
const ALL = ["DTI_NOFILL", "DTI_WHITE", "DTI_YELLOW", "DTI_COMMENTED", "DTI_PATTERN", "DTI_OTHER"].map((n) => mark(n));
const state = (fake: FakeExcel): string => JSON.stringify(fake.snapshot());
const fillOf = (fake: FakeExcel, sheet: string, ref: string): [string | undefined, string] => {
  const c = fake.sheet(sheet).cell(ref);
  return [c.fill, c.pattern];
};

describe("marking", () => {
  it("fills each cell light red, adds the message as a note, records what it changed in a very hidden sheet", async () => {
    const fake = workbook();
    const result = await markCells(fake.context, [...ALL, mark("DTI_GONE"), mark("DTI_NOWHERE")], fake.supports);
    expect(result).toMatchObject({ marked: 6, missing: ["DTI_GONE", "DTI_NOWHERE"], notes: true, commentsKept: ["DTI_COMMENTED"] });
    for (const ref of ["B2", "B3", "B4", "B5", "B6"]) expect(fillOf(fake, INPUT, ref)).toEqual([MARK_FILL, "Solid"]);
    expect(fake.sheet(INPUT).comments()).toEqual({
      B2: "Ô DTI_NOFILL: thiếu số liệu.",
      B3: "Ô DTI_WHITE: thiếu số liệu.",
      B4: "Ô DTI_YELLOW: thiếu số liệu.",
      B5: USER_COMMENT, // someone's comment is never replaced
      B6: "Ô DTI_PATTERN: thiếu số liệu.",
    });
    expect(fake.sheet(OTHER).comment("C1")).toBe("Ô DTI_OTHER: thiếu số liệu.");
    expect(fake.sheet(MARKS_SHEET).visibility).toBe("VeryHidden");
    expect(fake.sheet(MARKS_SHEET).values("A2:E3")).toEqual([
      ["DTI_NOFILL", INPUT, "B2", "#FFFFFF", "None"],
      ["DTI_WHITE", INPUT, "B3", "#FFFFFF", "Solid"],
    ]);
    expect(fake.sheet(MARKS_SHEET).values("G5:G5")).toEqual([[USER_COMMENT]]);
  });

  it("leaves protected sheets protected, with the options they had", async () => {
    const fake = workbook();
    await markCells(fake.context, ALL, fake.supports);
    expect(fake.sheet(INPUT).protection).toEqual({ protected: true, options: TEMPLATE_PROTECTION });
    expect(fake.sheet(OTHER).protection.protected).toBe(false);
    await clearMarks(fake.context, fake.supports);
    expect(fake.sheet(INPUT).protection).toEqual({ protected: true, options: TEMPLATE_PROTECTION });
  });

  it("several messages for one cell become one note; two names of one cell one mark", async () => {
    const fake = workbook();
    fake.seed({ names: [{ name: "DTI_ALIAS", ref: `='${INPUT}'!$B$2` }] });
    const result = await markCells(fake.context, [mark("DTI_NOFILL", "Thiếu a."), mark("dti_nofill", "Vượt b."), mark("DTI_NOFILL", "Thiếu a."), mark("DTI_ALIAS", "Sai c.")], fake.supports);
    expect(result.marked).toBe(1);
    expect(fake.sheet(INPUT).comment("B2")).toBe("Thiếu a.\nVượt b.\nSai c.");
  });

  it("a host without ExcelApi 1.10 fills only, and says so", async () => {
    const fake = workbook({ excelApi: "1.9" });
    const before = state(fake);
    const result = await markCells(fake.context, ALL, fake.supports);
    expect(result).toMatchObject({ marked: 6, notes: false });
    expect(fillOf(fake, INPUT, "B2")).toEqual([MARK_FILL, "Solid"]);
    expect(fake.comments()).toEqual([{ sheet: INPUT, address: "B5", content: USER_COMMENT }]);
    await expect(clearMarks(fake.context, fake.supports)).resolves.toMatchObject({ restored: 6, notRestored: [], notesLeft: [] });
    expect(state(fake)).toBe(before);
  });
});

describe("clearing puts back exactly what was there", () => {
  it("no fill stays no fill, white stays white, yellow and patterns come back; only the notes added go", async () => {
    const fake = workbook();
    const before = state(fake);
    await markCells(fake.context, ALL, fake.supports);
    const result = await clearMarks(fake.context, fake.supports);
    expect(result).toMatchObject({ restored: 6, notRestored: [], notesLeft: [] });
    expect(fillOf(fake, INPUT, "B2")).toEqual([undefined, "None"]);
    expect(fillOf(fake, INPUT, "B3")).toEqual(["#FFFFFF", "Solid"]);
    expect(fillOf(fake, INPUT, "B4")).toEqual(["#FFF2CC", "Solid"]);
    expect(fillOf(fake, INPUT, "B6")).toEqual(["#FFFF00", "Gray25"]);
    expect(fake.comments()).toEqual([{ sheet: INPUT, address: "B5", content: USER_COMMENT }]);
    expect(fake.hasSheet(MARKS_SHEET)).toBe(false);
    expect(state(fake)).toBe(before);
  });

  it("after the workbook is closed and reopened", async () => {
    const fake = workbook();
    const before = state(fake);
    await markCells(fake.context, ALL, fake.supports);
    const reopened = fake.reopen();
    await expect(clearMarks(reopened.context, reopened.supports)).resolves.toMatchObject({ restored: 6 });
    expect(state(reopened)).toBe(before);
  });

  it("by another user whose Excel has neither patterns nor notes: fills now, the notes once an Excel that can clears again", async () => {
    const fake = workbook();
    const before = state(fake);
    await markCells(fake.context, ALL, fake.supports);
    const older = fake.reopen({ excelApi: "1.8" });
    const first = await clearMarks(older.context, older.supports);
    expect(first.restored).toBe(6);
    expect(first.notesLeft).toEqual(["DTI_NOFILL", "DTI_WHITE", "DTI_YELLOW", "DTI_PATTERN", "DTI_OTHER"]);
    expect(fillOf(older, INPUT, "B2")).toEqual([undefined, "None"]); // recorded as "None": cleared, not painted white
    expect(fillOf(older, INPUT, "B3")).toEqual(["#FFFFFF", "Solid"]);
    expect(fillOf(older, INPUT, "B6")).toEqual(["#FFFF00", "Solid"]); // this Excel cannot set the pattern
    expect(older.sheet(MARKS_SHEET).visibility).toBe("VeryHidden");

    const newer = older.reopen({ excelApi: "1.17" });
    const second = await clearMarks(newer.context, newer.supports);
    expect(second).toMatchObject({ restored: 0, notRestored: [], notesLeft: [] });
    expect(newer.comments()).toEqual([{ sheet: INPUT, address: "B5", content: USER_COMMENT }]);
    expect(newer.hasSheet(MARKS_SHEET)).toBe(false);
    // All as before, but for the pattern the older Excel could not set.
    newer.context.workbook.worksheets.getItem(INPUT).protection.unprotect();
    newer.context.workbook.worksheets.getItem(INPUT).getRange("B6").format.fill.pattern = "Gray25";
    newer.context.workbook.worksheets.getItem(INPUT).protection.protect(TEMPLATE_PROTECTION);
    await newer.context.sync();
    expect(state(newer)).toBe(before);
  });

  it("a host before ExcelApi 1.9 cannot tell white from no fill: a white cell it marked comes back without fill", async () => {
    const fake = workbook({ excelApi: "1.8" });
    await markCells(fake.context, ALL, fake.supports);
    expect(fake.sheet(MARKS_SHEET).values("D3:E3")).toEqual([["#FFFFFF", ""]]);
    await clearMarks(fake.context, fake.supports);
    expect(fillOf(fake, INPUT, "B2")).toEqual([undefined, "None"]);
    expect(fillOf(fake, INPUT, "B3")).toEqual([undefined, "None"]); // the documented limit
    expect(fillOf(fake, INPUT, "B4")).toEqual(["#FFF2CC", "Solid"]);
  });

  it("a note users edited is theirs now, and a fill changed by hand since is left as it is", async () => {
    const fake = workbook();
    await markCells(fake.context, ALL, fake.supports);
    const input = fake.context.workbook.worksheets.getItem(INPUT);
    input.protection.unprotect();
    fake.context.workbook.comments.getItemByCell(`'${INPUT}'!B2`).content = "Đã kiểm tra, số đúng.";
    input.protection.protect(TEMPLATE_PROTECTION);
    fake.context.workbook.worksheets.getItem(OTHER).getRange("C1").format.fill.color = "#00B050";
    await fake.context.sync();
    const result = await clearMarks(fake.context, fake.supports);
    expect(result).toMatchObject({ restored: 5, notRestored: ["DTI_OTHER"] });
    expect(fake.sheet(INPUT).comment("B2")).toBe("Đã kiểm tra, số đúng.");
    expect(fillOf(fake, OTHER, "C1")).toEqual(["#00B050", "Solid"]);
    expect(fake.sheet(OTHER).comment("C1")).toBeUndefined();
  });

  it("a name deleted since: the cell is found where it was; a sheet deleted since: reported", async () => {
    const fake = workbook();
    await markCells(fake.context, ALL, fake.supports);
    fake.context.workbook.names.getItem("DTI_YELLOW").delete();
    fake.context.workbook.worksheets.getItem(OTHER).delete();
    await fake.context.sync();
    const result = await clearMarks(fake.context, fake.supports);
    expect(result).toMatchObject({ restored: 5, notRestored: ["DTI_OTHER"] });
    expect(fillOf(fake, INPUT, "B4")).toEqual(["#FFF2CC", "Solid"]);
    expect(fake.sheet(INPUT).comment("B4")).toBeUndefined();
  });

  it("with nothing on record: nothing to do, one round trip", async () => {
    const fake = workbook();
    const before = state(fake);
    await expect(clearMarks(fake.context, fake.supports)).resolves.toEqual({ restored: 0, notRestored: [], notesLeft: [], syncs: 1 });
    expect(fake.syncCount).toBe(1);
    expect(state(fake)).toBe(before);
  });
});

describe("marking again", () => {
  it("keeps the formatting recorded the first time, puts back cells no longer marked, updates notes", async () => {
    const fake = workbook();
    const before = state(fake);
    await markCells(fake.context, [mark("DTI_NOFILL"), mark("DTI_YELLOW")], fake.supports);
    const again = await markCells(fake.context, [mark("DTI_YELLOW", "Vẫn thiếu."), mark("DTI_WHITE")], fake.supports);
    expect(again).toMatchObject({ marked: 2, missing: [] });
    expect(fillOf(fake, INPUT, "B2")).toEqual([undefined, "None"]);
    expect(fake.sheet(INPUT).comment("B2")).toBeUndefined();
    expect(fillOf(fake, INPUT, "B4")).toEqual([MARK_FILL, "Solid"]);
    expect(fake.sheet(INPUT).comment("B4")).toBe("Vẫn thiếu.");
    expect(fake.sheet(MARKS_SHEET).values("A2:D3")).toEqual([
      ["DTI_YELLOW", INPUT, "B4", "#FFF2CC"], // not the mark colour
      ["DTI_WHITE", INPUT, "B3", "#FFFFFF"],
    ]);
    await clearMarks(fake.context, fake.supports);
    expect(state(fake)).toBe(before);
  });

  it("with no marks at all, clears the earlier ones", async () => {
    const fake = workbook();
    const before = state(fake);
    await markCells(fake.context, ALL, fake.supports);
    await expect(markCells(fake.context, [], fake.supports)).resolves.toMatchObject({ marked: 0 });
    expect(state(fake)).toBe(before);
  });
});

describe("protection", () => {
  it.each([
    ["the password sheet last", ["DTI_NOFILL", "DTI_SECRET"]],
    ["the password sheet first", ["DTI_SECRET", "DTI_NOFILL"]],
  ])("a password-protected sheet: a Vietnamese error and nothing changed (%s)", async (_, order) => {
    const fake = workbook({ password: "pw" });
    await markCells(fake.context, [mark("DTI_YELLOW")], fake.supports);
    const before = state(fake);
    const error = await markCells(fake.context, order.map((n) => mark(n)), fake.supports).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MarksError);
    expect(error).toMatchObject({ code: "sheet-password" });
    expect((error as Error).message).toMatch(/mật khẩu.*chưa có ô nào bị thay đổi/);
    expect(state(fake)).toBe(before);
  });

  it("clearing with a sheet that got a password since: a Vietnamese error and nothing changed", async () => {
    const fake = workbook();
    await markCells(fake.context, ALL, fake.supports);
    const ws = fake.context.workbook.worksheets.getItem(INPUT);
    ws.protection.unprotect();
    ws.protection.protect(TEMPLATE_PROTECTION, "secret");
    await fake.context.sync();
    const before = state(fake);
    await expect(clearMarks(fake.context, fake.supports)).rejects.toMatchObject({ code: "sheet-password" });
    expect(state(fake)).toBe(before);
  });

  it("a failure after unprotecting: the sheet is protected again before the error is reported", async () => {
    const fake = workbook();
    const sync = fake.context.sync.bind(fake.context);
    let calls = 0;
    jest.spyOn(fake.context, "sync").mockImplementation(async () => {
      // Someone adds a comment to B2 between our read and our write.
      if (++calls === 3) fake.seed({ sheets: [{ name: INPUT, comments: { B2: "Vừa thêm" } }] });
      return sync();
    });
    const error = await markCells(fake.context, [mark("DTI_NOFILL")], fake.supports).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "write-failed" });
    expect(fake.syncLog[2]?.failed).toBe("InvalidOperation");
    expect(fake.syncCount).toBe(5); // 2 more: read the protection, protect again
    expect(fake.sheet(INPUT).protection).toEqual({ protected: true, options: TEMPLATE_PROTECTION });
  });
});

describe("round trips do not depend on the number of marks", () => {
  const many = (n: number): FakeExcel => {
    const cells: Record<string, { value: number; fill: string; locked: boolean }> = {};
    const defined: { name: string; ref: string }[] = [];
    for (let i = 1; i <= n; i++) {
      cells[`C${i}`] = { value: i, fill: "#FFF2CC", locked: false };
      defined.push({ name: `DTI_ROW_${i}`, ref: `='${INPUT}'!$C$${i}` });
    }
    return new FakeExcel().seed({ sheets: [{ name: INPUT, cells, comments: { D1: "x" }, protection: { options: TEMPLATE_PROTECTION } }], names: defined });
  };
  const marksFor = (n: number): CellMark[] => Array.from({ length: n }, (_, i) => mark(`DTI_ROW_${i + 1}`));

  it("10 and 300 marks: 3 round trips to mark, 4 to mark again, 4 to clear", async () => {
    const counts: number[][] = [];
    for (const n of [10, 300]) {
      const fake = many(n);
      const before = state(fake);
      const first = await markCells(fake.context, marksFor(n), fake.supports);
      const second = await markCells(fake.context, marksFor(n).reverse(), fake.supports);
      const cleared = await clearMarks(fake.context, fake.supports);
      expect([first.marked, second.marked, cleared.restored]).toEqual([n, n, n]);
      counts.push([first.syncs, second.syncs, cleared.syncs, fake.syncCount]);
      expect(state(fake)).toBe(before);
    }
    expect(counts[0]).toEqual(counts[1]);
    expect(counts[0]).toEqual([3, 4, 4, 11]);
  });
});

describe("on the 2022 template", () => {
  it("marks input cells of protected sheets and clears them back to the template exactly", async () => {
    const fake = new FakeExcel();
    await writeLayout(fake.context, buildWorkbookLayout(dtiProvince2022), () => "rename", fake.supports);
    const before = state(fake);
    const sheets = sheetNames(2022);
    const marks = [mark(names.input("1.1", "a"), "Chưa chọn câu trả lời."), mark(names.info(1), "Chưa nhập tên đơn vị."), mark(names.optionAltThreshold, "Thử.")];
    const result = await markCells(fake.context, marks, fake.supports);
    expect(result).toMatchObject({ marked: 3, missing: [], notes: true, commentsKept: [] });
    const at = fake.resolveName(names.input("1.1", "a")) as { sheet: string; address: string };
    expect(at.sheet).toBe(sheets.indicators);
    expect(fake.sheet(at.sheet).cell(at.address)).toMatchObject({ fill: MARK_FILL, locked: false });
    expect(fake.sheet(at.sheet).comment(at.address)).toBe("Chưa chọn câu trả lời.");
    for (const s of [sheets.indicators, sheets.info, sheets.summary]) expect(fake.sheet(s).protection).toEqual({ protected: true, options: TEMPLATE_PROTECTION });
    await expect(clearMarks(fake.context, fake.supports)).resolves.toMatchObject({ restored: 3 });
    expect(state(fake)).toBe(before);
  });
});
