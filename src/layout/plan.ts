/**
 * Never lose data: how a layout goes into a workbook that may already hold sheets of the
 * same names, and how values typed into an earlier copy of the template are carried over.
 * Host-neutral; the Office.js and exceljs writers both follow the plan.
 */
import { isFormula, parseCellRef, type CellContent, type DefinedName, type SheetLayout, type WorkbookLayout } from "./model";

/** What the user chose for a sheet whose name is taken. */
export type ConflictChoice = "rename" | "update" | "cancel";

export interface SheetPlan {
  readonly sheet: SheetLayout;
  /**
   * create: a new sheet; update: rewrite the existing sheet in place, keeping typed inputs;
   * keep: leave the existing sheet exactly as it is (the task tracker is the user's own data).
   */
  readonly action: "create" | "update" | "keep";
  /** The name the sheet will have in the workbook (a fresh one when renamed). */
  readonly targetName: string;
}

export interface InsertPlan {
  readonly sheets: readonly SheetPlan[];
  /** True when the user cancelled: nothing is to be written. */
  readonly cancelled: boolean;
  /** Vietnamese lines describing what will be created or updated, for the preview. */
  readonly summary: readonly string[];
}

/** The first free name "Tên (2)", "Tên (3)", … (Excel sheet names: at most 31 characters, case-insensitive). */
export function freeSheetName(wanted: string, taken: readonly string[]): string {
  const used = new Set(taken.map((n) => n.toLocaleLowerCase("vi")));
  if (!used.has(wanted.toLocaleLowerCase("vi"))) return wanted;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = `${wanted.slice(0, 31 - suffix.length)}${suffix}`;
    if (!used.has(candidate.toLocaleLowerCase("vi"))) return candidate;
  }
}

/**
 * Plans the insertion of `layout` into a workbook that has `existing` sheets.
 * `choose` is asked once per sheet whose name is taken; a single "cancel" cancels all.
 * Hidden helper sheets (lists, meta) of an earlier copy are always updated in place.
 */
export function planInsert(
  layout: WorkbookLayout,
  existing: readonly string[],
  choose: (sheetName: string) => ConflictChoice,
): InsertPlan {
  const taken = [...existing];
  const sheets: SheetPlan[] = [];
  const summary: string[] = [];
  for (const sheet of layout.sheets) {
    const same = (wanted: string) => existing.find((n) => n.toLocaleLowerCase("vi") === wanted.toLocaleLowerCase("vi"));
    // Under a name an earlier version gave it ("Chỉ số DTI 2023" of a province's own set), the sheet is the same one.
    const clash = same(sheet.name) ?? (sheet.formerNames ?? []).map(same).find((n) => n !== undefined);
    if (clash === undefined) {
      sheets.push({ sheet, action: "create", targetName: sheet.name });
      taken.push(sheet.name);
      if (sheet.visibility === "visible") summary.push(`Tạo trang tính mới "${sheet.name}".`);
      continue;
    }
    const choice: ConflictChoice = sheet.visibility === "visible" ? choose(clash) : "update";
    if (choice === "cancel") {
      return { sheets: [], cancelled: true, summary: ["Đã hủy: không có gì được ghi vào sổ làm việc."] };
    }
    if (choice === "update" && sheet.role === "tasks") {
      // Every row of a task tracker is typed by its users; rewriting it could drop rows.
      sheets.push({ sheet, action: "keep", targetName: clash });
      summary.push(`Giữ nguyên trang tính "${clash}" (danh sách nhiệm vụ do người dùng nhập).`);
    } else if (choice === "update") {
      sheets.push({ sheet, action: "update", targetName: clash });
      if (sheet.visibility === "visible") {
        summary.push(`Cập nhật trang tính "${clash}" theo mẫu mới; giữ nguyên mọi số liệu đã nhập vào các ô nhập liệu.`);
      }
    } else {
      const targetName = freeSheetName(sheet.name, taken);
      taken.push(targetName);
      sheets.push({ sheet, action: "create", targetName });
      summary.push(`Trang tính "${clash}" đã có: tạo trang mới "${targetName}", không đụng đến trang cũ.`);
    }
  }
  return { sheets, cancelled: false, summary };
}

/** Input-like names whose typed values an update in place must carry over. */
export function isPreservedName(name: DefinedName): boolean {
  return name.kind === "input" || name.kind === "info" || name.kind === "reference" || name.kind === "note";
}

/** The names a writer (re)defines: all but those pointing into sheets it keeps as they are. */
export function namesToDefine(layout: WorkbookLayout, plan: InsertPlan): DefinedName[] {
  const kept = new Set(plan.sheets.filter((s) => s.action === "keep").map((s) => s.sheet.name));
  return layout.names.filter((n) => !kept.has(n.sheet));
}

/**
 * The layout with the values typed into an earlier copy put back into the input cells,
 * matched by defined name. A value is carried over only where the new cell is an input
 * (never over a formula of the new template), and blanks are not carried.
 * Returns the new layout and the names whose values could not be placed.
 */
export function withPreservedInputs(
  layout: WorkbookLayout,
  previous: ReadonlyMap<string, CellContent>,
): { layout: WorkbookLayout; placed: readonly string[]; notPlaced: readonly string[] } {
  const byName = new Map(layout.names.map((n) => [n.name, n]));
  const grids = new Map(layout.sheets.map((s) => [s.name, s.grid.map((row) => [...row])]));
  const placed: string[] = [];
  const notPlaced: string[] = [];
  for (const [name, value] of previous) {
    if (value === null || value === "" || isFormula(value)) continue;
    const target = byName.get(name);
    if (!target || !isPreservedName(target)) {
      notPlaced.push(name);
      continue;
    }
    const grid = grids.get(target.sheet);
    const { row, column } = parseCellRef(target.ref);
    const cells = grid?.[row];
    if (!cells || column >= cells.length) {
      notPlaced.push(name);
      continue;
    }
    const current = cells[column] ?? null;
    if (isFormula(current)) {
      notPlaced.push(name); // never over a formula of the new template
      continue;
    }
    cells[column] = value;
    placed.push(name);
  }
  const sheets = layout.sheets.map((s) => ({ ...s, grid: grids.get(s.name) ?? s.grid }));
  return { layout: { ...layout, sheets }, placed, notPlaced };
}
