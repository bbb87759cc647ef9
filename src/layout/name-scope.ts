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
 * What is wrong with a name is data (`NameTrouble`), carried by every host and by the reader's
 * findings; its Vietnamese text is `NAME_TROUBLE_VI` here (the CLI's refusals are written in
 * this layer, which may not import the i18n layer), its English ../i18n/name-texts-en.ts, both
 * paired in the one catalog (../i18n/findings.ts).
 *
 * Pure: no Office.js, no exceljs.
 */

/** A sheet-scoped definition of a name: its sheet and what it refers to. */
export interface LocalDefinition {
  readonly sheet: string;
  readonly ref: string;
}

/**
 * Why a name does not give one cell, as data. The first four are ambiguities (the name exists,
 * but Excel's formulas may use another cell than one a reader would pick); `bad-ref` (a
 * reference that is not a cell address) and `missing-sheet` (its sheet is gone) are broken names.
 */
export type NameTrouble =
  /** Over several cells (`ref`: the range or the areas, as the host shows them). */
  | { readonly kind: "range"; readonly name: string; readonly ref: string }
  /** Defined more than once for the whole workbook. */
  | { readonly kind: "duplicate"; readonly name: string; readonly refs: readonly string[] }
  /** A workbook-level definition (`ref`) with sheet-scoped twins. */
  | { readonly kind: "sheet-twin"; readonly name: string; readonly ref: string; readonly locals: readonly LocalDefinition[] }
  /** Only sheet-scoped definitions. */
  | { readonly kind: "sheet-only"; readonly name: string; readonly locals: readonly LocalDefinition[] }
  | { readonly kind: "bad-ref"; readonly name: string; readonly ref: string }
  | { readonly kind: "missing-sheet"; readonly name: string; readonly sheet: string };

export type NameTroubleKind = NameTrouble["kind"];

/** The troubles that make a name ambiguous rather than broken. */
export type Ambiguity = Extract<NameTrouble, { readonly kind: "range" | "duplicate" | "sheet-twin" | "sheet-only" }>;

export function isAmbiguity(t: NameTrouble): t is Ambiguity {
  return t.kind === "range" || t.kind === "duplicate" || t.kind === "sheet-twin" || t.kind === "sheet-only";
}

type TroubleRender<K extends NameTroubleKind> = (t: Extract<NameTrouble, { readonly kind: K }>) => string;

/** One renderer per kind of trouble, in one language. */
export type NameTroubleTable = { readonly [K in NameTroubleKind]: TroubleRender<K> };

const quoted = (sheet: string): string => `"${sheet}"`;
const localsVi = (locals: readonly LocalDefinition[]): string => locals.map((d) => `trang ${quoted(d.sheet)} (${d.ref})`).join("; ");

/** What is wrong with a name, in Vietnamese (a clause, lower-case, no full stop). */
export const NAME_TROUBLE_VI: NameTroubleTable = {
  range: (t) => `tên ${t.name} trỏ tới vùng nhiều ô ${t.ref}, không phải một ô; công thức của Excel không dùng ô đầu của vùng như một ô nhập`,
  duplicate: (t) => `tên ${t.name} được định nghĩa ${t.refs.length} lần cho cả sổ (${t.refs.join("; ")}); không rõ Excel dùng định nghĩa nào`,
  "sheet-twin": (t) =>
    `ngoài tên ${t.name} của cả sổ (${t.ref}) còn có tên ${t.name} riêng của ${localsVi(t.locals)}; công thức trên trang đó dùng ô của tên riêng, các trang khác dùng ô của tên chung`,
  "sheet-only": (t) =>
    `tên ${t.name} chỉ có phạm vi ${localsVi(t.locals)}, không phải tên của cả sổ như mẫu tạo; công thức trên các trang khác không thấy tên này`,
  "bad-ref": (t) => `tên ${t.name} trỏ tới "${t.ref}"`,
  "missing-sheet": (t) => `tên ${t.name} trỏ tới trang ${quoted(t.sheet)} không còn trong sổ`,
};

/** `t` in Vietnamese, from NAME_TROUBLE_VI. */
export function troubleVi(t: NameTrouble): string {
  return (NAME_TROUBLE_VI[t.kind] as (t: NameTrouble) => string)(t);
}

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
  | { readonly kind: "ambiguous"; readonly trouble: Ambiguity };

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

/**
 * The one workbook-level definition of `name` among `definitions` (all of them, or only those
 * of that name), or why there is none that Excel's formulas would all agree on.
 */
export function lookupDefinition<D extends NameDefinition>(definitions: readonly D[], name: string): ScopeLookup<D> {
  const key = nameKey(name);
  const mine = definitions.filter((d) => nameKey(d.name) === key);
  const global = mine.filter((d) => d.scope === undefined);
  const local = mine.filter((d) => d.scope !== undefined);
  if (global.length > 1) return { kind: "ambiguous", trouble: { kind: "duplicate", name, refs: global.map((d) => d.ref) } };
  const first = global[0];
  const locals = local.map((d) => ({ sheet: d.scope as string, ref: d.ref }));
  if (first !== undefined && locals.length > 0) return { kind: "ambiguous", trouble: { kind: "sheet-twin", name, ref: first.ref, locals } };
  if (first === undefined && locals.length > 0) return { kind: "ambiguous", trouble: { kind: "sheet-only", name, locals } };
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
export function rangeTrouble(name: string, ref: string): Extract<NameTrouble, { readonly kind: "range" }> {
  return { kind: "range", name, ref };
}
