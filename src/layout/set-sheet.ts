/**
 * An indicator set as a sheet of a workbook ("Bộ chỉ số"), which a civil servant can read and
 * edit in Excel, and its reading back into the same data a .json set file holds.
 *
 * Layout (rows from the top; the reader finds them by their labels, so rows may be inserted):
 *   A1  the title SET_SHEET_TITLE (the marker a reader recognises the sheet by)
 *   A2  how to edit the sheet
 *   A3… one "label | value" row each: Mã bộ, Tên, Nguồn, Năm, Tổng điểm tối đa
 *   then the header row (A = "Loại", then the columns of SET_SHEET_COLUMNS, found by header
 *   text) and one row per item, column "Loại" saying what the row is:
 *     Thông tin chung  a general-information item (Mã = its number)
 *     Chỉ số chính     a pillar
 *     Chỉ số           an indicator
 *     Biến             a variable of the nearest "Chỉ số" row above it
 * The parts that are trees (the scoring rule, the options of a choice) are JSON text in one
 * cell, written exactly as in a .json set file, so exact numbers stay strings ("1/2", "0.8").
 *
 * Validation is one piece of code: the sheet becomes the plain object a .json file would hold
 * and goes through `parseIndicatorSet`; its JSON paths are then turned into cell addresses
 * ('Bộ chỉ số'!L14). Problems only a sheet can have (no header row, an unknown "Loại", a
 * "Biến" row before any "Chỉ số", bad JSON in a cell) are reported by cell here.
 *
 * Pure: no Office.js, no DOM, no Node. The hosts read a sheet into a 2-D array of values
 * (src/office/read-set-sheet.ts, src/cli/set-xlsx.ts) and call `parseIndicatorSetSheet`.
 */
import { columnLetter, quoteSheet } from "./model";
import { labelKey } from "../catalog/labels";
import { hasOwn } from "../catalog/own";
import { MAX_LISTED_ERRORS, moreLine, ProblemList, SET_FORMAT_VERSION, type ParseResult } from "../catalog/load";
import { parseTemplateSet } from "./template-set";
import { fieldNames } from "../catalog/decl";
import { describeRule } from "../catalog/describe";
import { decls, ruleToFile, type Indicator, type IndicatorSet, type InfoItem, type Pillar, type Variable } from "../catalog/schema";

/** The name of the sheet, in the files `dti catalog --xlsx` writes and in templates of a set that is not built in. */
export const SET_SHEET_NAME = "Bộ chỉ số";
/** The title in A1: the marker by which a sheet of another name is recognised as a set. */
export const SET_SHEET_TITLE = "BỘ CHỈ SỐ (DTI Workbench)";
/** The second row: how to edit the sheet (not read back). */
export const SET_SHEET_HELP =
  'Mỗi dòng dưới tiêu đề là một mục, cột "Loại" cho biết mục gì: Thông tin chung, Chỉ số chính, Chỉ số, Biến (biến thuộc dòng "Chỉ số" gần nhất phía trên). ' +
  'Quy tắc tính điểm và phương án lựa chọn viết dạng JSON như tệp bộ chỉ số .json (hướng dẫn: docs/sets.md; lược đồ: docs/set-schema.json); số chính xác viết trong ngoặc kép ("0.8", "1/2"). ' +
  'Cột "Lấy từ Thông tin chung": số mục, cách nhau bởi dấu phẩy ("4, 5"); cột "Giống biến": mã chỉ số và tên biến ("3.1 b"). ' +
  'Điểm và phần trăm ghi như văn bản: "15 điểm" hoặc "15đ" (phương án, bậc, phần), "90%" (ngưỡng); số không đơn vị là phần của điểm tối đa ("1/2"). ' +
  'Bộ đang soạn: thêm dòng "Bản nháp" với giá trị "Có" phía trên dòng tiêu đề.';

/** The row kinds of column "Loại". */
export const ROW_KINDS = { info: "Thông tin chung", pillar: "Chỉ số chính", indicator: "Chỉ số", variable: "Biến" } as const;
type RowKind = keyof typeof ROW_KINDS;

/** The labels of the set's own fields, in column A above the header row. */
const SET_FIELDS = [
  { field: "id", label: "Mã bộ" },
  { field: "name", label: "Tên" },
  { field: "source", label: "Nguồn" },
  { field: "year", label: "Năm" },
  { field: "maxTotal", label: "Tổng điểm tối đa" },
  // Issue 13, point 5: "Bản nháp: Có" loads a set being transcribed. Optional: written only for a draft.
  { field: "draft", label: "Bản nháp", optional: true },
] as const;
type SetField = (typeof SET_FIELDS)[number]["field"];

type ColumnKey =
  | "kind"
  | "id"
  | "name"
  | "pillar"
  | "parent"
  | "maxPoints"
  | "unit"
  | "type"
  | "scoringText"
  | "described"
  | "responsible"
  | "coordinating"
  | "rule"
  | "options"
  | "info"
  | "sameAs"
  | "optional"
  | "reading"
  | "evidenceRequired"
  | "dataSource"
  | "verifiedBy";

/**
 * The columns of the item table, in the order written; the reader finds them by header text.
 * A `derived` column is written for people and never read: a sheet without it reads the same.
 * An `optional` column may be missing from older sheets.
 */
export const SET_SHEET_COLUMNS: readonly { readonly key: ColumnKey; readonly header: string; readonly width: number; readonly derived?: true; readonly optional?: true }[] = [
  { key: "kind", header: "Loại", width: 15 },
  { key: "id", header: "Mã", width: 8 },
  { key: "name", header: "Tên / mô tả", width: 44 },
  { key: "pillar", header: "Chỉ số chính", width: 9 },
  { key: "parent", header: "Chỉ số cha", width: 9 },
  { key: "maxPoints", header: "Điểm tối đa", width: 9 },
  { key: "unit", header: "Đơn vị tính", width: 12 },
  { key: "type", header: "Kiểu", width: 10 },
  { key: "scoringText", header: "Phương pháp tính điểm (nguyên văn)", width: 48 },
  // Proofreading (issue 13, point 7): the rule as the tool reads it, beside the verbatim text.
  { key: "described", header: "Quy tắc như đã đọc", width: 48, derived: true },
  { key: "responsible", header: "Cơ quan chủ trì / cung cấp", width: 22 },
  { key: "coordinating", header: "Cơ quan phối hợp", width: 22 },
  { key: "rule", header: "Quy tắc tính điểm (JSON)", width: 48 },
  { key: "options", header: "Phương án lựa chọn (JSON)", width: 40 },
  { key: "info", header: "Lấy từ Thông tin chung (mục)", width: 12 },
  { key: "sameAs", header: "Giống biến (chỉ số, biến)", width: 12 },
  { key: "optional", header: "Không bắt buộc", width: 9 },
  { key: "reading", header: "Cách hiểu áp dụng", width: 40 },
  // Issue 13, point 4: the columns real sets carry. Optional: a sheet written before them still reads.
  { key: "evidenceRequired", header: "Tài liệu kiểm chứng", width: 30, optional: true },
  { key: "dataSource", header: "Nguồn thu thập dữ liệu", width: 22, optional: true },
  { key: "verifiedBy", header: "Đơn vị phối hợp xác minh", width: 22, optional: true },
];

/** Fields of the schema → the column that holds them, per kind of row. */
const FIELD_COLUMNS: Record<"infoItems" | "pillars" | "indicators" | "variables", Readonly<Record<string, ColumnKey>>> = {
  infoItems: { id: "id", name: "name", responsible: "responsible", type: "type", unit: "unit" },
  pillars: { id: "id", name: "name", maxPoints: "maxPoints" },
  indicators: {
    id: "id",
    pillar: "pillar",
    parent: "parent",
    name: "name",
    scoringText: "scoringText",
    maxPoints: "maxPoints",
    responsible: "responsible",
    coordinating: "coordinating",
    rule: "rule",
    reading: "reading",
    evidenceRequired: "evidenceRequired",
    dataSource: "dataSource",
    verifiedBy: "verifiedBy",
    variables: "kind",
  },
  variables: { key: "id", description: "name", unit: "unit", type: "type", options: "options", info: "info", sameAs: "sameAs", optional: "optional" },
  // Every field the schema declares has its column: a field added to ./schema.ts without one does not compile.
} satisfies {
  readonly infoItems: Record<keyof InfoItem, ColumnKey>;
  readonly pillars: Record<keyof Pillar, ColumnKey>;
  readonly indicators: Record<keyof Indicator, ColumnKey>;
  readonly variables: Record<keyof Variable, ColumnKey>;
};

/** Which columns each kind of row uses (its fields' columns and "Loại"); anything typed elsewhere on the row is reported. */
const USED: Record<RowKind, readonly ColumnKey[]> = {
  info: ["kind", ...Object.values(FIELD_COLUMNS.infoItems)],
  pillar: ["kind", ...Object.values(FIELD_COLUMNS.pillars)],
  indicator: [...Object.values(FIELD_COLUMNS.indicators), "described"], // its variables map to "kind"
  variable: ["kind", ...Object.values(FIELD_COLUMNS.variables)],
};

const TYPE_LABELS = { number: "Số", choice: "Lựa chọn", text: "Văn bản" } as const satisfies Record<InfoItem["type"] | Variable["type"], string>;
const YES = "Có";
const NO = "Không";

export type SheetCell = string | number | null;

/** A set laid out as a sheet, with what a writer needs to format it. */
export interface SetSheetGrid {
  /** Rows from A1, all of the same width. */
  readonly grid: readonly (readonly SheetCell[])[];
  /** 0-based index of the header row; item rows follow it. */
  readonly headerRow: number;
  /** 0-based rows of the set's own fields (label in A, value in B). */
  readonly fieldRows: readonly number[];
  /** The kind of each item row (0-based row → kind). */
  readonly rowKinds: ReadonlyMap<number, RowKind>;
  /** Column widths in characters, from column A. */
  readonly columnWidths: readonly number[];
  /** 0-based columns holding identifiers that must stay text ("3.10" is not 3.1). */
  readonly textColumns: readonly number[];
  /** 0-based columns written for people and never read back ("Quy tắc như đã đọc"). */
  readonly derivedColumns: readonly number[];
}

const column = (key: ColumnKey): number => SET_SHEET_COLUMNS.findIndex((c) => c.key === key);
/** The header of a column, for messages. */
const headerOf = (key: ColumnKey): string => SET_SHEET_COLUMNS[column(key)]?.header ?? key;
/** What `parseIndicatorSet` is told the data is called, so that its messages can be taken apart. */
const SOURCE = "<sheet>";

/** The indicators are grouped by pillar, in the order of the pillars: each pillar row can head its indicators. */
function groupedByPillar(set: IndicatorSet): boolean {
  const order: string[] = [];
  for (const ind of set.indicators) if (order[order.length - 1] !== ind.pillar) order.push(ind.pillar);
  return order.length === set.pillars.length && order.every((id, n) => set.pillars[n]?.id === id);
}

/**
 * A sheet to transcribe a new set into (`dti catalog --blank`, docs/sets.md): the set's fields
 * with the year filled and "Bản nháp: Có", the header row, and no item yet.
 */
export interface BlankSet {
  readonly blank: true;
  readonly year: number;
}

/** Lays `set` out as the "Bộ chỉ số" sheet (or a blank one to fill in). */
export function indicatorSetToSheet(given: IndicatorSet | BlankSet): SetSheetGrid {
  const set: IndicatorSet | undefined = "blank" in given ? undefined : given;
  const width = SET_SHEET_COLUMNS.length;
  const grid: SheetCell[][] = [];
  const rowKinds = new Map<number, RowKind>();
  const row = (cells: Partial<Record<ColumnKey, SheetCell | undefined>>, kind?: RowKind): void => {
    const out: SheetCell[] = Array.from({ length: width }, () => null);
    for (const [key, value] of Object.entries(cells) as [ColumnKey, SheetCell | undefined][]) {
      out[column(key)] = value === undefined || value === "" ? null : value;
    }
    if (kind) {
      out[column("kind")] = ROW_KINDS[kind];
      rowKinds.set(grid.length, kind);
    }
    grid.push(out);
  };
  const plain = (cells: SheetCell[]): void => {
    grid.push([...cells, ...Array.from({ length: width - cells.length }, () => null)]);
  };
  plain([SET_SHEET_TITLE]);
  plain([SET_SHEET_HELP]);
  const fieldRows: number[] = [];
  for (const { field, label } of SET_FIELDS) {
    if (field === "draft") {
      const draft = set ? set.draft : true;
      if (draft === undefined) continue;
      fieldRows.push(grid.length);
      plain([label, draft ? YES : NO]);
      continue;
    }
    fieldRows.push(grid.length);
    plain([label, set ? set[field] : field === "year" ? given.year : null]);
  }
  plain([]);
  const headerRow = grid.length;
  plain(SET_SHEET_COLUMNS.map((c) => c.header));
  if (set) {
    for (const item of set.infoItems) {
      row({ id: item.id, name: item.name, unit: item.unit, type: TYPE_LABELS[item.type], responsible: item.responsible }, "info");
    }
    const pillarRow = (p: IndicatorSet["pillars"][number]): void => row({ id: p.id, name: p.name, maxPoints: p.maxPoints }, "pillar");
    const grouped = groupedByPillar(set);
    if (!grouped) set.pillars.forEach(pillarRow);
    let previous: string | undefined;
    for (const ind of set.indicators) {
      if (grouped && ind.pillar !== previous) pillarRow(set.pillars.find((p) => p.id === ind.pillar) as IndicatorSet["pillars"][number]);
      previous = ind.pillar;
      row(
        {
          id: ind.id,
          name: ind.name,
          pillar: ind.pillar,
          parent: ind.parent,
          maxPoints: ind.maxPoints,
          scoringText: ind.scoringText,
          described: describeRule(ind.rule),
          responsible: ind.responsible,
          coordinating: ind.coordinating,
          // As a first-version file writes it (no tags), so the cell reads as it always did.
          rule: JSON.stringify(ruleToFile(ind.rule)),
          reading: ind.reading,
          evidenceRequired: ind.evidenceRequired,
          dataSource: ind.dataSource,
          verifiedBy: ind.verifiedBy,
        },
        "indicator",
      );
      for (const v of ind.variables) {
        row(
          {
            id: v.key,
            name: v.description,
            unit: v.unit,
            type: TYPE_LABELS[v.type],
            options: v.options ? JSON.stringify(v.options) : undefined,
            info: v.info?.join(", "),
            sameAs: v.sameAs ? `${v.sameAs.indicator} ${v.sameAs.variable}` : undefined,
            optional: v.optional === undefined ? undefined : v.optional ? YES : NO,
          },
          "variable",
        );
      }
    }
  }
  return {
    grid,
    headerRow,
    fieldRows,
    rowKinds,
    columnWidths: SET_SHEET_COLUMNS.map((c) => c.width),
    textColumns: [column("id"), column("pillar"), column("parent"), column("sameAs")],
    derivedColumns: SET_SHEET_COLUMNS.flatMap((c, n) => (c.derived ? [n] : [])),
  };
}

// ---------------------------------------------------------------------------------------------
// Reading

/** Where the grid comes from, for messages: the file (if any) and the sheet. */
export interface SheetSource {
  readonly file?: string;
  readonly sheet: string;
}

type Obj = Record<string, unknown>;

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/** A cell as text for labels and identifiers: numbers as Excel shows them, text trimmed. */
function label(value: unknown): string {
  if (isEmpty(value)) return "";
  return typeof value === "string" ? value.trim() : String(value);
}

/** A free-text cell, kept verbatim; an empty cell is "". */
function text(value: unknown): unknown {
  if (isEmpty(value)) return "";
  return typeof value === "number" || typeof value === "boolean" ? String(value) : value;
}

/** A number cell: numbers as they are, "12,5" or "12.5" typed as text read as the number; other text is left for the schema check to report. */
function num(value: unknown): unknown {
  if (isEmpty(value)) return undefined;
  if (typeof value === "string" && /^\s*\d+(?:[.,]\d+)?\s*$/.test(value)) return Number(value.trim().replace(",", "."));
  return value;
}

/**
 * The columns of a row that hold something, in order, without visiting the gaps. A host may
 * hand over sparse rows (src/cli/set-xlsx.ts): a junk cell in column XFD is one entry, not
 * 16 384, and a sheet with 20 000 of them is read in milliseconds.
 */
function filledColumns(row: readonly unknown[]): number[] {
  const out: number[] = [];
  if (row.length <= 512) {
    for (let col = 0; col < row.length; col++) if (!isEmpty(row[col])) out.push(col);
    return out;
  }
  // Object.keys lists only the entries a sparse array holds, in ascending index order.
  for (const key of Object.keys(row)) {
    const col = Number(key);
    if (Number.isInteger(col) && col >= 0 && !isEmpty(row[col])) out.push(col);
  }
  return out;
}

/** True when A1 holds the title of a set sheet (how a sheet of another name is recognised). */
export function isIndicatorSetSheet(grid: readonly (readonly unknown[])[]): boolean {
  const a1 = grid[0]?.[0];
  return typeof a1 === "string" && labelKey(a1) === labelKey(SET_SHEET_TITLE);
}

/** Where each part of the data came from, to put JSON paths back on cells. */
interface Locations {
  readonly fields: Partial<Record<SetField, { row: number; column: number }>>;
  readonly infoItems: number[];
  readonly pillars: number[];
  readonly indicators: number[];
  readonly variables: number[][];
  /** How messages name the items: "chỉ số 1.2", "biến a của chỉ số 1.2". */
  readonly indicatorIds: string[];
  readonly variableKeys: string[][];
  readonly columns: Record<ColumnKey, number>;
}

/**
 * Reads a set from the values of a sheet (row by row from A1, as the hosts read them) and
 * checks it. Errors name the file, the sheet and the cell, in Vietnamese.
 */
export function parseIndicatorSetSheet(grid: readonly (readonly unknown[])[], where: SheetSource, options: { readonly draft?: boolean } = {}): ParseResult {
  const prefix = where.file ? `${where.file}: ` : "";
  const sheetRef = quoteSheet(where.sheet);
  const cell = (row: number, col: number): string => `${sheetRef}!${columnLetter(col)}${row + 1}`;
  // Capped: the first MAX_LISTED_ERRORS problems listed, the rest counted ("… và N lỗi khác").
  const errors = new ProblemList();
  const at = (row: number, col: number, message: string): void => {
    errors.add(`${prefix}${cell(row, col)}: ${message}`);
  };
  const sheetError = (message: string): ParseResult => ({ errors: [`${prefix}trang "${where.sheet}": ${message}`] });

  // ---- the header row: "Loại" in column A, and "Mã" somewhere on it
  const headerRow = grid.findIndex((r) => labelKey(label(r[0])) === labelKey(headerOf("kind")) && filledColumns(r).some((col) => labelKey(label(r[col])) === "mã"));
  if (headerRow < 0) {
    return sheetError(
      `không tìm thấy dòng tiêu đề của bảng chỉ số (ô cột A là "Loại", cùng dòng có cột "Mã"); trang này không có dạng bộ chỉ số (${SET_SHEET_TITLE}).`,
    );
  }
  const header = grid[headerRow] ?? [];
  const columns = {} as Record<ColumnKey, number>;
  for (const col of filledColumns(header)) {
    const value = header[col];
    const h = labelKey(label(value));
    if (h === "") continue;
    const known = SET_SHEET_COLUMNS.find((c) => labelKey(c.header) === h);
    if (!known) {
      at(headerRow, col, `cột "${label(value)}" không phải cột của bộ chỉ số (các cột: ${SET_SHEET_COLUMNS.map((c) => `"${c.header}"`).join(", ")}).`);
    } else if (columns[known.key] !== undefined) {
      at(headerRow, col, `cột "${known.header}" bị lặp (đã có ở ${cell(headerRow, columns[known.key])}).`);
    } else {
      columns[known.key] = col;
    }
  }
  const missing = SET_SHEET_COLUMNS.filter((c) => columns[c.key] === undefined && !c.derived && !c.optional);
  if (missing.length) {
    errors.add(`${prefix}${sheetRef}!${headerRow + 1}:${headerRow + 1}: dòng tiêu đề thiếu cột ${missing.map((c) => `"${c.header}"`).join(", ")}.`);
  }
  if (errors.count) return errors.result();

  // ---- the set's own fields, by their labels above the header row
  const data: Obj = {};
  const fields: Locations["fields"] = {};
  for (let r = 0; r < headerRow; r++) {
    const row = grid[r] ?? [];
    const found = SET_FIELDS.find((f) => labelKey(f.label) === labelKey(label(row[0])));
    if (!found) continue;
    if (fields[found.field]) {
      at(r, 0, `dòng "${found.label}" bị lặp (đã có ở ${cell(fields[found.field]?.row ?? 0, 0)}).`);
      continue;
    }
    fields[found.field] = { row: r, column: 1 };
    const value = row[1];
    if (found.field === "draft") {
      const yes = typeof value === "boolean" ? value : labelKey(label(value)) === labelKey(YES) ? true : labelKey(label(value)) === labelKey(NO) || isEmpty(value) ? false : undefined;
      if (yes === undefined) at(r, 1, `"${found.label}" chỉ ghi "${YES}", "${NO}" hoặc để trống, nhận được "${label(value)}".`);
      else if (yes) data.draft = true;
      continue;
    }
    data[found.field] = found.field === "year" || found.field === "maxTotal" ? num(value) : found.field === "id" ? label(value) : text(value);
  }
  for (const f of SET_FIELDS) {
    if (!fields[f.field] && !("optional" in f)) errors.add(`${prefix}trang "${where.sheet}": thiếu dòng "${f.label}" (nhãn ở cột A, giá trị ở cột B, phía trên dòng tiêu đề ${headerRow + 1}).`);
  }

  // ---- the items
  const loc: Locations = { fields, infoItems: [], pillars: [], indicators: [], variables: [], indicatorIds: [], variableKeys: [], columns };
  const infoItems: Obj[] = [];
  const pillars: Obj[] = [];
  const indicators: { obj: Obj; variables: Obj[] }[] = [];
  const kinds = new Map(Object.entries(ROW_KINDS).map(([k, v]) => [labelKey(v), k as RowKind]));
  for (let r = headerRow + 1; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const get = (key: ColumnKey): unknown => row[columns[key]];
    if (filledColumns(row).length === 0) continue;
    const kindText = label(get("kind"));
    const kind = kinds.get(labelKey(kindText));
    if (!kind) {
      at(
        r,
        columns.kind,
        kindText === ""
          ? `dòng ${r + 1} có nội dung nhưng cột "Loại" để trống; ghi một trong: ${Object.values(ROW_KINDS).map((k) => `"${k}"`).join(", ")}.`
          : `"Loại" không hợp lệ: "${kindText}"; chỉ dùng một trong: ${Object.values(ROW_KINDS).map((k) => `"${k}"`).join(", ")}.`,
      );
      continue;
    }
    for (const c of SET_SHEET_COLUMNS) {
      if (!USED[kind].includes(c.key) && !isEmpty(get(c.key))) {
        at(r, columns[c.key], `dòng loại "${ROW_KINDS[kind]}" không dùng cột "${c.header}"; hãy để trống ô này.`);
      }
    }
    const json = (key: ColumnKey, what: string): unknown => {
      const value = get(key);
      if (isEmpty(value)) return undefined;
      if (typeof value !== "string") {
        at(r, columns[key], `${what} phải là văn bản JSON, nhận được ${String(value)}.`);
        return null;
      }
      try {
        return JSON.parse(value) as unknown;
      } catch (e) {
        at(r, columns[key], `${what} không phải JSON hợp lệ (${(e as Error).message}).`);
        return null;
      }
    };
    const typeOf = (allowed: readonly ("number" | "choice" | "text")[]): unknown => {
      const t = label(get("type"));
      const found = allowed.find((a) => labelKey(TYPE_LABELS[a]) === labelKey(t) || a === t);
      if (found) return found;
      at(r, columns.type, `"Kiểu" ${t === "" ? "để trống" : `"${t}" không hợp lệ`}; ghi ${allowed.map((a) => `"${TYPE_LABELS[a]}"`).join(" hoặc ")}.`);
      return t;
    };
    switch (kind) {
      case "info":
        loc.infoItems.push(r);
        infoItems.push({ id: num(get("id")), name: text(get("name")), responsible: text(get("responsible")), type: typeOf(decls.infoItem.fields.type.node.values), unit: text(get("unit")) });
        break;
      case "pillar":
        loc.pillars.push(r);
        pillars.push({ id: label(get("id")), name: text(get("name")), maxPoints: num(get("maxPoints")) });
        break;
      case "indicator": {
        loc.indicators.push(r);
        loc.variables.push([]);
        loc.indicatorIds.push(label(get("id")));
        loc.variableKeys.push([]);
        const obj: Obj = { id: label(get("id")), pillar: label(get("pillar")) };
        if (!isEmpty(get("parent"))) obj.parent = label(get("parent"));
        Object.assign(obj, {
          name: text(get("name")),
          scoringText: text(get("scoringText")),
          maxPoints: num(get("maxPoints")),
          responsible: text(get("responsible")),
          coordinating: text(get("coordinating")),
        });
        const variables: Obj[] = [];
        obj.variables = variables;
        const rule = json("rule", "quy tắc tính điểm");
        if (rule === undefined) at(r, columns.rule, `chỉ số ${label(get("id"))} chưa có quy tắc tính điểm (JSON, ví dụ {"kind":"unscored"} cho chỉ số chỉ theo dõi).`);
        obj.rule = rule ?? null;
        if (!isEmpty(get("reading"))) obj.reading = text(get("reading"));
        for (const key of ["evidenceRequired", "dataSource", "verifiedBy"] as const) if (!isEmpty(get(key))) obj[key] = text(get(key));
        indicators.push({ obj, variables });
        break;
      }
      case "variable": {
        const owner = indicators[indicators.length - 1];
        if (!owner) {
          at(r, columns.kind, `dòng "Biến" phải nằm dưới dòng "Chỉ số" mà nó thuộc về, nhưng phía trên chưa có dòng "Chỉ số" nào.`);
          break;
        }
        (loc.variables[loc.variables.length - 1] as number[]).push(r);
        (loc.variableKeys[loc.variableKeys.length - 1] as string[]).push(label(get("id")));
        const v: Obj = { key: label(get("id")), description: text(get("name")), unit: text(get("unit")), type: typeOf(decls.variable.fields.type.node.values) };
        const options = json("options", "phương án lựa chọn");
        if (options !== undefined) v.options = options;
        const info = get("info");
        if (!isEmpty(info)) {
          const parts = typeof info === "number" ? [String(info)] : label(info).split(/[,;+]/).map((s) => s.trim());
          if (parts.every((p) => /^\d+$/.test(p))) v.info = parts.map(Number);
          else at(r, columns.info, `"${label(info)}" không phải danh sách số mục thông tin chung (ví dụ "4" hoặc "4, 5").`);
        }
        const sameAs = label(get("sameAs"));
        if (sameAs !== "") {
          const m = /^(\S+)\s+(\S+)$/.exec(sameAs);
          if (m) v.sameAs = { indicator: m[1], variable: m[2] };
          else at(r, columns.sameAs, `"${sameAs}" không đúng dạng "mã chỉ số tên biến" (ví dụ "3.1 b").`);
        }
        const optional = get("optional");
        if (!isEmpty(optional)) {
          const o = typeof optional === "boolean" ? optional : labelKey(label(optional)) === labelKey(YES) ? true : labelKey(label(optional)) === labelKey(NO) ? false : undefined;
          if (o === undefined) at(r, columns.optional, `"Không bắt buộc" chỉ ghi "${YES}", "${NO}" hoặc để trống, nhận được "${label(optional)}".`);
          else v.optional = o;
        }
        owner.variables.push(v);
        break;
      }
    }
  }
  if (errors.count) return errors.result();

  Object.assign(data, { infoItems, pillars, indicators: indicators.map((i) => i.obj) });
  // Keys in the order of the schema, as in a .json set file.
  const ordered: Obj = {};
  for (const key of fieldNames(decls.set)) if (hasOwn(data, key)) ordered[key] = data[key];
  // The sheet has no format version of its own: its columns are found by their headers, and the newer ones are optional.
  ordered.version = SET_FORMAT_VERSION;
  const parsed = parseTemplateSet(ordered, SOURCE, { jsonPaths: true, ...(options.draft ? { draft: true } : {}) });
  const put = (e: string): string => locate(e.startsWith(`${SOURCE}: `) ? e.slice(SOURCE.length + 2) : e, loc, { prefix, cell, sheet: where.sheet });
  if ("set" in parsed) return parsed.warnings ? { set: parsed.set, warnings: parsed.warnings.map(put) } : parsed;
  // The schema's problems, put on their cells; a capped list keeps its last line, re-counted.
  const listed = parsed.total === undefined ? parsed.errors : parsed.errors.slice(0, MAX_LISTED_ERRORS);
  const located = listed.map(put);
  return parsed.total === undefined ? { errors: located } : { errors: [...located, moreLine(parsed.total - listed.length)], total: parsed.total };
}

/** Columns whose cell holds JSON: the rest of a path inside them is worth showing. */
const JSON_COLUMNS: readonly ColumnKey[] = ["rule", "options"];

/**
 * Puts a message of `parseIndicatorSet` ("indicators[3].rule.ratio.numerator[0]: …") on the
 * cell it is about ("'Bộ chỉ số'!L14 (Quy tắc tính điểm (JSON), chỉ số 1.2; trong JSON: ratio.numerator[0]): …").
 */
function locate(message: string, loc: Locations, out: { prefix: string; cell: (row: number, col: number) => string; sheet: string }): string {
  const m = /^([A-Za-z]+)((?:\[\d+\]|\.[A-Za-z]+)*): ([\s\S]*)$/.exec(message);
  const whole = `${out.prefix}trang "${out.sheet}": ${message}`;
  if (!m) return whole;
  const [, top, rest, text] = m as unknown as [string, string, string, string];
  const steps = [...rest.matchAll(/\[(\d+)\]|\.([A-Za-z]+)/g)].map((s) => (s[1] !== undefined ? Number(s[1]) : (s[2] as string)));
  const on = (row: number | undefined, key: ColumnKey, what: string, inner: readonly (string | number)[]): string => {
    if (row === undefined) return whole;
    const path = JSON_COLUMNS.includes(key) && inner.length ? `; trong JSON: ${inner.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("")}` : "";
    return `${out.prefix}${out.cell(row, loc.columns[key])} (${headerOf(key)}, ${what}${path}): ${text}`;
  };
  const field = hasOwn(loc.fields, top as string) ? loc.fields[top as SetField] : undefined;
  if (field && steps.length === 0) return `${out.prefix}${out.cell(field.row, field.column)} (${SET_FIELDS.find((f) => f.field === top)?.label}): ${text}`;
  const [n, key, ...inner] = steps;
  if (typeof n !== "number") return whole;
  const columnFor = (table: keyof typeof FIELD_COLUMNS, k: unknown): ColumnKey => (typeof k === "string" && hasOwn(FIELD_COLUMNS[table], k) ? FIELD_COLUMNS[table][k] : undefined) ?? "kind";
  switch (top) {
    case "infoItems":
      return on(loc.infoItems[n], columnFor("infoItems", key), `thông tin chung thứ ${n + 1}`, []);
    case "pillars":
      return on(loc.pillars[n], columnFor("pillars", key), `chỉ số chính thứ ${n + 1}`, []);
    case "indicators": {
      if (key === "variables" && typeof inner[0] === "number") {
        const [k, vkey, ...vinner] = inner;
        const name = loc.variableKeys[n]?.[k as number] || `thứ ${(k as number) + 1}`;
        return on(loc.variables[n]?.[k as number], columnFor("variables", vkey), `biến ${name} của chỉ số ${loc.indicatorIds[n] || `thứ ${n + 1}`}`, vinner);
      }
      return on(loc.indicators[n], columnFor("indicators", key), `chỉ số ${loc.indicatorIds[n] || `thứ ${n + 1}`}`, inner);
    }
    default:
      return whole;
  }
}
