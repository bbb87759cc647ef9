/**
 * The "Nhiệm vụ" sheet: pre-filled with Ninh Thuận's Phụ lục 1 (KH 4233/KH-UBND) or empty,
 * its report date, status drop-down, overdue flag and highlight; the overdue logic is
 * evaluated with HyperFormula (GPL, tests only).
 */
import { HyperFormula } from "hyperformula";
import { TASK_STATUSES, isSectionRow } from "../../src/catalog/tasks/schema";
import { ninhThuan2022Tasks, source } from "../../src/catalog/tasks/ninh-thuan-2022";
import { toExcelSerial } from "../../src/layout/deadline";
import { isFormula, parseCellRef, type CellContent, type CellFormat, type SheetLayout } from "../../src/layout/model";
import { sheetNames } from "../../src/layout/names";
import { OVERDUE_LABEL, TASKS_FIRST_ROW, TASKS_HEADER_ROW, UNREAD_DEADLINE_LABEL, buildTasksSheet } from "../../src/layout/tasks-sheet";
import { names, TASK_FIELDS } from "../../src/layout/names";

const prefilled = buildTasksSheet({ tasks: ninhThuan2022Tasks, source });
const empty = buildTasksSheet({});

/** 0-based bounds of "B5" or "A5:H114". */
function bounds(ref: string): { top: number; left: number; bottom: number; right: number } {
  const [a, b = a] = ref.split(":") as [string, string?];
  const p = parseCellRef(a);
  const q = parseCellRef(b);
  return { top: Math.min(p.row, q.row), left: Math.min(p.column, q.column), bottom: Math.max(p.row, q.row), right: Math.max(p.column, q.column) };
}
const contains = (ref: string, row: number, column: number): boolean => {
  const r = bounds(ref);
  return row >= r.top && row <= r.bottom && column >= r.left && column <= r.right;
};
/** The format property a cell ends up with: the last range that sets it wins. */
function formatOf<K extends keyof CellFormat>(sheet: SheetLayout, row: number, column: number, key: K): CellFormat[K] | undefined {
  let value: CellFormat[K] | undefined;
  for (const f of sheet.formats) if (contains(f.ref, row, column) && f.format[key] !== undefined) value = f.format[key];
  return value;
}
const header = (sheet: SheetLayout): CellContent[] => [...(sheet.grid[TASKS_HEADER_ROW - 1] ?? [])];
const columnOf = (sheet: SheetLayout, title: string): number => {
  const i = header(sheet).indexOf(title);
  if (i < 0) throw new Error(`no column ${title}`);
  return i;
};
const lastRow = (sheet: SheetLayout): number => sheet.grid.length; // 1-based

function allFormulas(sheet: SheetLayout): string[] {
  const inGrid = sheet.grid.flatMap((row) => row.filter(isFormula).map((c) => c.f));
  return [...inGrid, ...sheet.conditionalFormats.map((c) => c.formula)];
}

describe("the sheet itself", () => {
  it("is the visible sheet 'Nhiệm vụ' of role tasks, protected, printed landscape with its header repeated", () => {
    const { sheet } = prefilled;
    expect(sheet.name).toBe(sheetNames(2022).tasks);
    expect(sheet.name).toBe("Nhiệm vụ");
    expect(sheet.role).toBe("tasks");
    expect(sheet.visibility).toBe("visible");
    expect(sheet.protect).toBe(true);
    expect(sheet.print).toEqual({ landscape: true, repeatRows: `${TASKS_HEADER_ROW}:${TASKS_HEADER_ROW}` });
    expect(sheet.freeze).toEqual({ rows: TASKS_HEADER_ROW, columns: 0 });
  });

  it("has the columns of the plans' task tables, then the flag and the hidden due date", () => {
    expect(header(prefilled.sheet)).toEqual([
      "STT",
      "Nhiệm vụ",
      "Cơ quan chủ trì",
      "Cơ quan phối hợp",
      "Thời gian hoàn thành",
      "Trạng thái",
      "Tiến độ (%)",
      "Ghi chú",
      "Quá hạn",
      "Hạn (ngày)",
    ]);
    const widths = prefilled.sheet.columnWidths;
    expect(widths[columnOf(prefilled.sheet, "Hạn (ngày)")]).toBe(0);
    expect(widths.filter((w) => w > 0)).toHaveLength(9);
  });

  it.each([
    ["pre-filled", prefilled.sheet],
    ["empty", empty.sheet],
  ])("(%s) has rows all as long as its columns", (_, sheet) => {
    for (const row of sheet.grid) expect(row).toHaveLength(sheet.columnWidths.length);
  });

  it("keeps merges, formats, validations and highlights inside the grid", () => {
    for (const { sheet } of [prefilled, empty]) {
      const refs = [...sheet.merges, ...sheet.formats.map((f) => f.ref), ...sheet.validations.map((v) => v.ref), ...sheet.conditionalFormats.map((c) => c.ref)];
      for (const ref of refs) {
        const b = bounds(ref);
        expect({ ref, inside: b.bottom < sheet.grid.length && b.right < sheet.columnWidths.length }).toEqual({ ref, inside: true });
      }
    }
  });

  it("has a Vietnamese title, and the source line only when pre-filled", () => {
    expect(prefilled.sheet.grid[0]?.[0]).toBe("DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ");
    expect(prefilled.sheet.grid[1]?.[0]).toBe(source);
    expect(source).toMatch(/4233\/KH-UBND/);
    expect(empty.sheet.grid[1]?.[0]).toBeNull();
  });
});

describe("pre-filled with Phụ lục 1 of Ninh Thuận", () => {
  const { sheet } = prefilled;
  const at = (row: number, title: string): CellContent => sheet.grid[row - 1]?.[columnOf(sheet, title)] ?? null;

  it("lists every task and heading in order, then 60 empty rows", () => {
    ninhThuan2022Tasks.forEach((task, i) => {
      const row = TASKS_FIRST_ROW + i;
      expect(String(at(row, "STT"))).toBe(task.stt);
      if (isSectionRow(task)) {
        expect(at(row, "Nhiệm vụ")).toBe(task.section);
      } else {
        expect(at(row, "Nhiệm vụ")).toBe(task.task);
        expect(at(row, "Cơ quan chủ trì") ?? "").toBe(task.lead);
        expect(at(row, "Cơ quan phối hợp") ?? "").toBe(task.coordinating);
        expect(at(row, "Thời gian hoàn thành") ?? "").toBe(task.deadline);
        expect(at(row, "Ghi chú") ?? "").toBe(task.note);
      }
    });
    expect(ninhThuan2022Tasks.filter((t) => !isSectionRow(t))).toHaveLength(40);
    expect(lastRow(sheet)).toBe(TASKS_FIRST_ROW - 1 + ninhThuan2022Tasks.length + 60);
    expect(at(lastRow(sheet), "Nhiệm vụ")).toBeNull();
  });

  it("writes whole-number STT as numbers and headings as their letters", () => {
    expect(at(TASKS_FIRST_ROW, "STT")).toBe("A");
    expect(at(TASKS_FIRST_ROW + 1, "STT")).toBe(1);
  });

  it("shows section headings bold with a fill", () => {
    ninhThuan2022Tasks.forEach((task, i) => {
      if (!isSectionRow(task)) return;
      const row = TASKS_FIRST_ROW + i - 1;
      expect(formatOf(sheet, row, 1, "bold")).toBe(true);
      expect(formatOf(sheet, row, 1, "fill")).toMatch(/^#[0-9A-F]{6}$/);
    });
  });

  it("wraps task texts and has the helper due date and the flag in every task row", () => {
    expect(formatOf(sheet, TASKS_FIRST_ROW, columnOf(sheet, "Nhiệm vụ"), "wrap")).toBe(true);
    for (let row = TASKS_FIRST_ROW; row <= lastRow(sheet); row++) {
      expect(isFormula(at(row, "Hạn (ngày)"))).toBe(true);
      expect(isFormula(at(row, "Quá hạn"))).toBe(true);
    }
  });
});

describe("report date", () => {
  const { sheet, names: defined } = prefilled;
  const name = defined.find((n) => n.name === names.tasksReportDate);

  it("is named DTI_TASKS_REPORT_DATE (an input), holds TODAY() as dd/mm/yyyy and is unlocked", () => {
    expect(name).toEqual({ name: names.tasksReportDate, sheet: "Nhiệm vụ", ref: "$C$3", kind: "input" });
    const { row, column } = parseCellRef("C3");
    expect(sheet.grid[row]?.[column]).toEqual({ f: "TODAY()" });
    expect(sheet.grid[row]?.[column - 1]).toBe("Ngày báo cáo:");
    expect(formatOf(sheet, row, column, "numberFormat")).toBe("dd/mm/yyyy");
    expect(formatOf(sheet, row, column, "locked")).toBe(false);
  });

  it("accepts dates only", () => {
    const v = sheet.validations.find((x) => x.ref === "C3");
    expect(v?.rule).toEqual({ kind: "decimal", min: toExcelSerial(new Date(Date.UTC(2000, 0, 1))), max: toExcelSerial(new Date(Date.UTC(2100, 11, 31))) });
  });
});

describe("inputs and validation", () => {
  const { sheet, optionLists } = prefilled;

  it("offers the statuses through DTI_LIST_TASK_STATUS, declared for the lists sheet", () => {
    const status = columnOf(sheet, "Trạng thái");
    const v = sheet.validations.find((x) => x.rule.kind === "list");
    expect(v?.rule).toEqual({ kind: "list", source: names.taskStatusList });
    expect(bounds(v?.ref ?? "A1")).toEqual({ top: TASKS_FIRST_ROW - 1, bottom: lastRow(sheet) - 1, left: status, right: status });
    expect(optionLists).toEqual([{ name: "DTI_LIST_TASK_STATUS", values: ["Chưa thực hiện", "Đang thực hiện", "Hoàn thành", "Tạm dừng"] }]);
    expect(optionLists[0]?.values).toEqual(TASK_STATUSES);
  });

  it("takes progress as 0–100 %", () => {
    const progress = columnOf(sheet, "Tiến độ (%)");
    const v = sheet.validations.find((x) => bounds(x.ref).left === progress);
    expect(v?.rule).toEqual({ kind: "decimal", min: 0, max: 1 });
    expect(formatOf(sheet, TASKS_FIRST_ROW, progress, "numberFormat")).toBe("0%");
  });

  it("has a Vietnamese prompt and error on every validation, within Excel's lengths", () => {
    for (const v of sheet.validations) {
      for (const t of [v.promptTitle, v.errorTitle]) {
        expect(t.length).toBeGreaterThan(0);
        expect(t.length).toBeLessThanOrEqual(32);
      }
      for (const t of [v.prompt, v.error]) {
        expect(t.length).toBeGreaterThan(0);
        expect(t.length).toBeLessThanOrEqual(255);
      }
      expect(`${v.promptTitle} ${v.prompt} ${v.errorTitle} ${v.error}`).toMatch(/[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i);
    }
  });

  it("unlocks every input cell and leaves the formulas locked", () => {
    for (const { sheet: s } of [prefilled, empty]) {
      const inputs = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Trạng thái", "Tiến độ (%)", "Ghi chú"].map((t) => columnOf(s, t));
      for (let row = TASKS_FIRST_ROW - 1; row < s.grid.length; row++) {
        for (const column of inputs) expect(formatOf(s, row, column, "locked")).toBe(false);
        for (const t of ["Quá hạn", "Hạn (ngày)"]) expect(formatOf(s, row, columnOf(s, t), "locked")).not.toBe(false);
      }
      const { row, column } = parseCellRef("C3");
      expect(formatOf(s, row, column, "locked")).toBe(false);
      // Nothing above the tasks is editable but the report date.
      for (let r = 0; r < TASKS_FIRST_ROW - 1; r++)
        for (let c = 0; c < s.columnWidths.length; c++) if (r !== row || c !== column) expect(formatOf(s, r, c, "locked")).not.toBe(false);
    }
  });

  it("keeps the deadline column as text, so 30/11/2022 stays day/month in any locale", () => {
    expect(formatOf(prefilled.sheet, TASKS_FIRST_ROW, columnOf(prefilled.sheet, "Thời gian hoàn thành"), "numberFormat")).toBe("@");
  });
});

describe("formulas", () => {
  it("use only functions every Excel since 2007 and LibreOffice know", () => {
    const allowed = new Set(["IF", "IFERROR", "AND", "OR", "ISNUMBER", "SEARCH", "FIND", "TRIM", "LEFT", "RIGHT", "MID", "LEN", "SUBSTITUTE", "REPT", "VALUE", "MATCH", "MOD", "INT", "DATE", "MONTH", "TODAY", "SUMPRODUCT"]);
    const formulas = allFormulas(prefilled.sheet);
    expect(formulas.filter((f) => /_xlfn|\b(IFS|LET|XLOOKUP|TEXTJOIN|DATEVALUE)\s*\(/i.test(f) || f.startsWith("="))).toEqual([]);
    const used = new Set(formulas.flatMap((f) => [...f.matchAll(/([A-Z][A-Z0-9.]*)\(/g)].map((m) => m[1])));
    expect([...used].filter((fn) => !allowed.has(fn ?? ""))).toEqual([]);
    expect(used).toContain("TODAY");
  });

  it("highlight overdue task rows in light red with a dark red font", () => {
    const { sheet } = prefilled;
    expect(sheet.conditionalFormats).toHaveLength(1);
    const cf = sheet.conditionalFormats[0];
    expect(cf?.fill).toBe("#F8D7DA");
    expect(cf?.fontColor).toMatch(/^#[0-9A-F]{6}$/);
    expect(bounds(cf?.ref ?? "A1")).toEqual({ top: TASKS_FIRST_ROW - 1, bottom: lastRow(sheet) - 1, left: 0, right: columnOf(sheet, "Quá hạn") });
    expect(cf?.formula).toContain("$C$3");
    expect(cf?.formula).toContain('"Hoàn thành"');
  });
});

/** Moves a formula written for row `from` to row `to`, as Excel does with a conditional format. */
const shiftRows = (formula: string, from: number, to: number): string =>
  formula.replace(/(\$?[A-Z]{1,3})(\$?)(\d+)(?![\d(])/g, (m, column: string, abs: string, row: string) => (abs ? m : `${column}${Number(row) + to - from}`));

describe("the overdue logic in a spreadsheet engine (HyperFormula)", () => {
  const { sheet } = prefilled;
  const reportDate = toExcelSerial(new Date(Date.UTC(2022, 10, 30))); // 30/11/2022
  const rowOf = (predicate: (i: number) => boolean): number => {
    const i = ninhThuan2022Tasks.findIndex((_, j) => predicate(j));
    if (i < 0) throw new Error("no such task");
    return TASKS_FIRST_ROW + i;
  };
  const octoberTasks = ninhThuan2022Tasks.map((t, i) => (t.deadline === "Tháng 10/2022" ? i : -1)).filter((i) => i >= 0);
  const late = rowOf((i) => i === octoberTasks[0]); // Tháng 10/2022, status empty
  const done = rowOf((i) => i === octoberTasks[1]); // Tháng 10/2022, "Hoàn thành"
  const quarter = rowOf((i) => ninhThuan2022Tasks[i]?.deadline === "Quý IV/2022"); // due 31/12/2022
  const headingRow = rowOf((i) => ninhThuan2022Tasks[i]?.section !== undefined);
  const typed = lastRow(sheet) - 1; // an empty row where a user types a task
  const unread = lastRow(sheet); // a deadline with digits that cannot be read

  const status = columnOf(sheet, "Trạng thái");
  const deadline = columnOf(sheet, "Thời gian hoàn thành");
  const flag = columnOf(sheet, "Quá hạn");
  const cfColumn = sheet.columnWidths.length; // one column past the grid: the highlight's formula per row

  function evaluate(report: number | string): HyperFormula {
    const cf = sheet.conditionalFormats[0];
    if (!cf) throw new Error("no conditional format");
    const top = bounds(cf.ref).top + 1;
    const rows = sheet.grid.map((row, r): (string | number | boolean | null)[] => {
      const cells = row.map((c) => (isFormula(c) ? `=${c.f}` : typeof c === "string" ? `'${c}` : c));
      cells.push(r + 1 >= top ? `=${shiftRows(cf.formula, top, r + 1)}` : null);
      return cells;
    });
    const set = (row: number, column: number, content: string | number): void => {
      const cells = rows[row - 1];
      if (!cells) throw new Error(`no row ${row}`);
      cells[column] = typeof content === "string" ? `'${content}` : content;
    };
    set(3, parseCellRef("C3").column, report);
    set(done, status, "Hoàn thành");
    set(typed, deadline, "30/11/2022"); // due on the report date: not yet overdue
    set(typed - 1, deadline, "15/11/2022");
    set(typed - 1, status, "Đang thực hiện");
    set(unread, deadline, "Quý 11/2022");
    return HyperFormula.buildFromSheets({ [sheet.name]: rows }, { licenseKey: "gpl-v3" });
  }
  const value = (hf: HyperFormula, row: number, column: number): unknown => hf.getCellValue({ sheet: 0, row: row - 1, col: column });

  it("flags and highlights a task past its deadline, not one that is done or not yet due", () => {
    const hf = evaluate(reportDate);
    try {
      expect([value(hf, late, flag), value(hf, late, cfColumn)]).toEqual([OVERDUE_LABEL, true]);
      expect([value(hf, done, flag), value(hf, done, cfColumn)]).toEqual(["", false]);
      expect([value(hf, quarter, flag), value(hf, quarter, cfColumn)]).toEqual(["", false]);
      expect([value(hf, headingRow, flag), value(hf, headingRow, cfColumn)]).toEqual(["", false]);
      expect([value(hf, typed, flag), value(hf, typed, cfColumn)]).toEqual(["", false]);
      expect([value(hf, typed - 1, flag), value(hf, typed - 1, cfColumn)]).toEqual([OVERDUE_LABEL, true]);
      expect(value(hf, unread, flag)).toBe(UNREAD_DEADLINE_LABEL);
      expect(value(hf, unread, cfColumn)).toBe(false);
      // Every task of the list is due by the end of 2022 at the latest; on 30/11/2022 the
      // October and September ones (and none other) are overdue.
      const overdue = ninhThuan2022Tasks
        .map((t, i) => ({ t, row: TASKS_FIRST_ROW + i }))
        .filter(({ row }) => value(hf, row, flag) === OVERDUE_LABEL)
        .map(({ t }) => t.deadline);
      expect(new Set(overdue)).toEqual(new Set(["Tháng 9/2022", "Tháng 10/2022"]));
    } finally {
      hf.destroy();
    }
  });

  it("flags nothing when the report date is mistyped as text", () => {
    const hf = evaluate("30/11/2022");
    try {
      for (let row = TASKS_FIRST_ROW; row <= lastRow(sheet); row++) {
        expect(value(hf, row, flag)).not.toBe(OVERDUE_LABEL);
        expect(value(hf, row, cfColumn)).toBe(false);
      }
    } finally {
      hf.destroy();
    }
  });
});

describe("an empty sheet", () => {
  it("has 60 rows to type in by default, or as many as asked, and at least one", () => {
    expect(lastRow(empty.sheet)).toBe(TASKS_FIRST_ROW - 1 + 60);
    expect(lastRow(buildTasksSheet({ rows: 5 }).sheet)).toBe(TASKS_FIRST_ROW - 1 + 5);
    expect(lastRow(buildTasksSheet({ rows: 0 }).sheet)).toBe(TASKS_FIRST_ROW);
    expect(lastRow(buildTasksSheet({ tasks: ninhThuan2022Tasks, rows: 0 }).sheet)).toBe(TASKS_FIRST_ROW - 1 + ninhThuan2022Tasks.length);
  });

  it("declares the same names and list: the report date, and the cells of every row by its task number", () => {
    const rows = Array.from({ length: 60 }, (_, i) => i + 1);
    expect(empty.names.map((n) => n.name)).toEqual([names.tasksReportDate, ...rows.flatMap((no) => TASK_FIELDS.map((f) => names.task(no, f)))]);
    expect(empty.names.find((n) => n.name === names.taskStatus(1))).toMatchObject({ ref: `$F$${TASKS_FIRST_ROW}`, kind: "task" });
    expect(empty.names.find((n) => n.name === names.taskNote(60))).toMatchObject({ ref: `$H$${TASKS_FIRST_ROW + 59}`, kind: "task" });
    expect(empty.optionLists.map((l) => l.name)).toEqual([names.taskStatusList]);
  });
});
