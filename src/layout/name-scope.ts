/**
 * Which cell a defined name means, the way Excel resolves it, for every host (exceljs in the
 * CLI and the pane's split/merge, Office.js in the pane, the lean .xlsx reader).
 *
 * The templates give every input ONE workbook-level name over ONE cell. A hand-edited workbook
 * can break that in ways a reader must not paper over, because Excel's own formulas would then
 * use another cell than the one read:
 * - a name over several cells (Excel's formulas read it by implicit intersection or as an
 *   array, not as its top-left cell);
 * - the same workbook-level name defined twice in the file (Excel keeps one of them);
 * - a sheet-scoped twin ("local name") of a workbook-level name: formulas on that sheet use
 *   the twin, formulas on every other sheet the workbook-level name. Copying a sheet in Excel
 *   makes such twins for every name pointing at the copied sheet;
 * - only sheet-scoped definitions: formulas on other sheets do not see the name at all.
 * Each is reported by name, with what Excel holds, and the cell is not read.
 *
 * Pure: no Office.js, no exceljs.
 */

export type AmbiguityReason = "range" | "duplicate" | "sheet-twin" | "sheet-only";

/** One definition of a name, as a host lists it. */
export interface NameDefinition {
  readonly name: string;
  /** The sheet the name is scoped to; undefined for a workbook-level name. */
  readonly scope?: string | undefined;
  /** What it refers to, as shown to the user ("'Chỉ số DTI 2022'!$F$14"). */
  readonly ref: string;
}

export type ScopeLookup<D extends NameDefinition> =
  | { readonly kind: "none" }
  | { readonly kind: "one"; readonly definition: D }
  | { readonly kind: "ambiguous"; readonly reason: AmbiguityReason; readonly detail: string };

/** Excel compares names without case (and so do the readers). */
export const nameKey = (name: string): string => name.toLocaleUpperCase("en-US");

/**
 * Groups definitions by name (ignoring case) once, for looking many names up; the lists keep
 * the order of `definitions`.
 */
export function indexDefinitions<D extends NameDefinition>(definitions: readonly D[]): Map<string, D[]> {
  const out = new Map<string, D[]>();
  for (const d of definitions) {
    const key = nameKey(d.name);
    const list = out.get(key);
    if (list) list.push(d);
    else out.set(key, [d]);
  }
  return out;
}

const quoted = (sheet: string): string => `"${sheet}"`;

/**
 * The one workbook-level definition of `name` among `definitions` (all of them, or only those
 * of that name), or why there is none that Excel's formulas would all agree on.
 */
export function lookupDefinition<D extends NameDefinition>(definitions: readonly D[], name: string): ScopeLookup<D> {
  const key = nameKey(name);
  const mine = definitions.filter((d) => nameKey(d.name) === key);
  const global = mine.filter((d) => d.scope === undefined);
  const local = mine.filter((d) => d.scope !== undefined);
  if (global.length > 1) {
    return {
      kind: "ambiguous",
      reason: "duplicate",
      detail: `tên ${name} được định nghĩa ${global.length} lần cho cả sổ (${global.map((d) => d.ref).join("; ")}); không rõ Excel dùng định nghĩa nào`,
    };
  }
  const first = global[0];
  if (first !== undefined && local.length > 0) {
    const sheets = local.map((d) => `trang ${quoted(d.scope as string)} (${d.ref})`).join("; ");
    return {
      kind: "ambiguous",
      reason: "sheet-twin",
      detail: `ngoài tên ${name} của cả sổ (${first.ref}) còn có tên ${name} riêng của ${sheets}; công thức trên trang đó dùng ô của tên riêng, các trang khác dùng ô của tên chung`,
    };
  }
  if (first === undefined && local.length > 0) {
    return {
      kind: "ambiguous",
      reason: "sheet-only",
      detail: `tên ${name} chỉ có phạm vi ${local.map((d) => `trang ${quoted(d.scope as string)} (${d.ref})`).join("; ")}, không phải tên của cả sổ như mẫu tạo; công thức trên các trang khác không thấy tên này`,
    };
  }
  return first === undefined ? { kind: "none" } : { kind: "one", definition: first };
}

/** The address part of a reference ("'A!b'!$B$2:$C$3" → "$B$2:$C$3"): sheet names may hold "!" but addresses never do. */
function addressPart(ref: string): string {
  const bang = ref.lastIndexOf("!");
  return (bang < 0 ? ref : ref.slice(bang + 1)).replace(/\$/g, "").trim();
}

/** Whether a reference covers more than one cell: a block ("B2:B4") or several areas ("B2,B4"). */
export function isMultiCell(ref: string): boolean {
  const address = addressPart(ref.replace(/^=/, ""));
  if (address.includes(",")) return true;
  const [from, to] = address.split(":");
  return to !== undefined && from?.toUpperCase() !== to.toUpperCase();
}

/** Why a name over several cells is not read. */
export function rangeDetail(name: string, ref: string): string {
  return `tên ${name} trỏ tới vùng nhiều ô ${ref}, không phải một ô; công thức của Excel không dùng ô đầu của vùng như một ô nhập`;
}
