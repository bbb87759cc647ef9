/**
 * Merging the parts agencies send back (written by a split, ./split.ts) into a master,
 * matched by defined name. Pure: no file format, no Office.js, no Node. The CLI (`dti merge`,
 * exceljs) and the task pane (Office.js) read the workbooks their own way and hand this
 * module what each name holds; both get the same classification:
 *   - a name filled differently in two parts is a conflict: not written, listed;
 *   - a value a part holds outside its agency's assignment is listed, not written;
 *   - a cross-agency link typed differently in a part is listed, never written into the
 *     master's formula;
 *   - agencies whose part was not given are listed; an agency given twice is a review item
 *     (its files' values are merged when they agree, conflicts when they differ);
 *   - files that are not parts of the master's set and version are named and skipped;
 *   - a write the master cannot take (its cell deleted, or a formula there) is listed;
 *   - every write that replaces a non-empty master value is flagged (old → new, replacedText);
 *   - a formula (or an Excel error) typed into a part's input-like cell is a review item with
 *     its file, cell, name, formula text and last computed value: its value is written only
 *     when the user accepts formulas (never the formula itself), and a formula never
 *     calculated (no stored value) or an error is never written;
 *   - a value an agency cleared is a review item, written (as an empty cell) only when the
 *     user accepts clearing. The rule: a cell the agency owns that is empty in its part while
 *     the master holds a value there. A part is pre-filled by split with exactly what the
 *     master holds (prefillValues), so such a cell was filled when the part was made and the
 *     agency deleted it; "never filled" is a cell empty in the master too, and is silent. A
 *     value typed into the master after the split looks the same as a clearing, which is why
 *     clearing is never applied without consent: the master keeps its value by default.
 * Each message comes in Vietnamese (what the CLI prints, word for word) and English.
 */
import { getIndicatorSet } from "../catalog";
import type { IndicatorSet } from "../catalog/schema";
import { buildWorkbookLayout } from "./build";
import { valueKey, type CellContent, type DefinedName } from "./model";
import { TEMPLATE_VERSION, names } from "./names";
import { isPreservedName } from "./plan";
import type { NamedCell } from "./read-inputs";
import { ownedNames, ownersByName, partBuildOptions, splitByAgency, type AgencyPart } from "./split";

/** A message for people, in both languages of the product. */
export interface Said {
  readonly vi: string;
  readonly en: string;
}

/**
 * What a workbook holds behind a defined name, and where that cell is when the host knows
 * (exceljs's readName and the pane's names collection do): for the reports.
 */
export type LocatedCell = NamedCell & { readonly sheet?: string; readonly address?: string };

/** What a workbook holds behind a defined name (the host reads it). */
export type ReadCell = (name: string) => LocatedCell;

/** A cell's place as Excel writes it ("'Chỉ số DTI 2022'!G51"), when the reader knows it. */
export function cellPlace(cell: LocatedCell): string | undefined {
  if (cell.sheet === undefined || cell.address === undefined) return undefined;
  const sheet = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(cell.sheet) ? cell.sheet : `'${cell.sheet.replace(/'/g, "''")}'`;
  return `${sheet}!${cell.address.replace(/\$/g, "")}`;
}

/** The sheet and top-left cell of a reference ("'Chỉ số DTI 2022'!$G$51", "=Sheet1!$A$1:$A$3"). */
export function locationOf(reference: string): { readonly sheet: string; readonly address: string } | undefined {
  const m = /^=?(?:'((?:[^']|'')+)'|([^!']+))!\$?([A-Z]+)\$?(\d+)(?::\$?[A-Z]+\$?\d+)?$/.exec(reference.trim());
  if (!m) return undefined;
  return { sheet: (m[1] ?? m[2] ?? "").replace(/''/g, "'"), address: `${m[3]}${m[4]}` };
}

/** A formula as Excel shows it (exceljs keeps it without the "="). */
function formulaText(formula: string): string {
  return formula.startsWith("=") ? formula : `=${formula}`;
}

/** A plain value behind a name: a formula's last result counts; "" and blanks count as empty. */
export function plainOf(cell: NamedCell): CellContent | undefined {
  if (cell.kind !== "value" || cell.value === null || typeof cell.value === "object") return undefined;
  if (typeof cell.value === "string" && cell.value.trim() === "") return undefined;
  return cell.value;
}

/**
 * The value a name stands for: the typed value, or for a linked cell without a computed
 * result (exceljs writes formulas without one; the fake host does not calculate) the value
 * it links to: the sameAs input, or the sum of the general-information items.
 */
export function resolvedValue(set: IndicatorSet, read: ReadCell, name: string, depth = 0): CellContent | undefined {
  const got = read(name);
  if (got.kind !== "value") return undefined;
  if (got.formula === undefined || (got.value !== null && got.value !== "")) return plainOf(got);
  if (depth > 8) return undefined;
  for (const ind of set.indicators) {
    for (const v of ind.variables) {
      if (names.input(ind.id, v.key) !== name) continue;
      if (v.sameAs) return resolvedValue(set, read, names.input(v.sameAs.indicator, v.sameAs.variable), depth + 1);
      if (v.info) {
        const parts = v.info.map((i) => plainOf(read(names.info(i))));
        return parts.every((p) => typeof p === "number") ? (parts as number[]).reduce((a, b) => a + b, 0) : undefined;
      }
    }
  }
  return undefined;
}

/** What DTI_META says a workbook is. */
export interface TemplateMeta {
  readonly set: IndicatorSet;
  readonly version: number;
  readonly formulas: "portable" | "functions";
  /** The agency, for a part written by a split. */
  readonly agency?: string;
  readonly master?: string;
}

/**
 * The indicator set, template version and part of a workbook, or why it is not a usable
 * template (naming the file). `formulasCell` is what DTI_META!B3 holds ("functions" or
 * "portable"); `resolveSet` finds a set by id (the built-in sets unless told).
 */
export function templateMetaOf(
  file: string,
  read: ReadCell,
  formulasCell: unknown,
  resolveSet: (id: string) => IndicatorSet | undefined = getIndicatorSet,
): TemplateMeta | { readonly error: Said } {
  const setId = plainOf(read(names.metaSet));
  const version = plainOf(read(names.metaVersion));
  if (setId === undefined || version === undefined) {
    const lacking = setId === undefined ? names.metaSet : names.metaVersion;
    return {
      error: {
        vi: `${file}: không nhận ra mẫu DTI (thiếu ${lacking} ở trang ẩn DTI_META).`,
        en: `${file}: not a DTI template (no ${lacking} on the hidden DTI_META sheet).`,
      },
    };
  }
  const set = resolveSet(String(setId));
  if (!set) {
    return { error: { vi: `${file}: bộ chỉ số "${String(setId)}" không có trong công cụ này.`, en: `${file}: the indicator set "${String(setId)}" is not known to this tool.` } };
  }
  if (typeof version !== "number" || version !== TEMPLATE_VERSION) {
    return {
      error: {
        vi: `${file}: mẫu phiên bản ${JSON.stringify(version)}, công cụ này dùng phiên bản ${TEMPLATE_VERSION}; hãy cập nhật mẫu bằng "dti template --update".`,
        en: `${file}: template version ${JSON.stringify(version)}, this tool uses version ${TEMPLATE_VERSION}; update the template first.`,
      },
    };
  }
  const agency = plainOf(read(names.partAgency));
  const master = plainOf(read(names.partMaster));
  return {
    set,
    version,
    formulas: formulasCell === "functions" ? "functions" : "portable",
    ...(agency !== undefined ? { agency: String(agency).normalize("NFC").trim() } : {}),
    ...(master !== undefined ? { master: String(master) } : {}),
  };
}

/**
 * The master's values for the preserved names of a part's layout; a cell that links to
 * another agency's figure (a plain input in the part) gets the value it links to.
 */
export function prefillValues(set: IndicatorSet, read: ReadCell, partNames: readonly DefinedName[]): Map<string, CellContent> {
  const out = new Map<string, CellContent>();
  for (const n of partNames) {
    if (!isPreservedName(n)) continue;
    const v = resolvedValue(set, read, n.name);
    if (v !== undefined) out.set(n.name, v);
  }
  return out;
}

/** A value as the reports show it. */
export function showValue(value: CellContent | undefined): Said {
  if (value === undefined || value === null || value === "" || typeof value === "object") return { vi: "(trống)", en: "(empty)" };
  const s = typeof value === "string" ? JSON.stringify(value) : String(value);
  return { vi: s, en: s };
}

/** "DTI_3_1_a (chỉ số 3.1)" or "DTI_INFO_4 (thông tin chung mục 4)", where the master knows it. */
export function nameLabel(name: string, byName: ReadonlyMap<string, DefinedName>): Said {
  const n = byName.get(name);
  if (n?.indicator) return { vi: `${name} (chỉ số ${n.indicator})`, en: `${name} (indicator ${n.indicator})` };
  if (n?.kind === "info") return { vi: `${name} (thông tin chung mục ${n.variable ?? ""})`, en: `${name} (general information item ${n.variable ?? ""})` };
  return { vi: name, en: name };
}

/** The sameAs target of a linked input name, if it is one. */
function sameAsTarget(set: IndicatorSet, name: string): string | undefined {
  for (const ind of set.indicators) {
    for (const v of ind.variables) {
      if (v.sameAs && names.input(ind.id, v.key) === name) return names.input(v.sameAs.indicator, v.sameAs.variable);
    }
  }
  return undefined;
}

/** The master: its set, version and score formulas, its file name (recorded in the parts) and what its names hold. */
export interface MergeMaster {
  readonly set: IndicatorSet;
  readonly version: number;
  readonly formulas: "portable" | "functions";
  readonly name: string;
  readonly read: ReadCell;
}

/** One file given as a part: opened and recognised, or why not (naming the file). */
export interface MergePartInput {
  readonly file: string;
  readonly opened:
    | {
        readonly meta: TemplateMeta;
        /** What the part's names hold. */
        readonly read: ReadCell;
        /** Every defined name of the part's workbook (to find names added by hand). */
        readonly names: readonly string[];
      }
    | { readonly error: Said };
}

/** A value a part holds behind a name. */
export interface HeldValue {
  readonly file: string;
  readonly agency: string;
  readonly name: string;
  /** null for a cell the agency cleared (`cleared`). */
  readonly value: CellContent;
  /** The part's cell ("'Chỉ số DTI 2022'!G35"), when the reader knows it. */
  readonly cell?: string;
  /** The part's cell holds this formula ("=5+5"); `value` is its last computed result. */
  readonly formula?: string;
  /** The agency emptied a cell the split had filled with the master's value. */
  readonly cleared?: boolean;
}

/** A value to write into the master. */
export interface MergeWrite {
  readonly name: string;
  readonly label: Said;
  readonly value: CellContent;
  readonly file: string;
  readonly agency: string;
  /** What the master holds there now (a formula's result counts), undefined when empty. */
  readonly current: CellContent | undefined;
  /** The master holds a different, non-empty value: writing replaces it. */
  readonly overwrites: boolean;
  /** The master's cell, when the master's reader knows it. */
  readonly masterCell?: string;
  /** The part's cell, when the part's reader knows it. */
  readonly partCell?: string;
  /**
   * Written only with the user's consent: "formula", the part's cell holds `formula` and
   * `value` is its last computed result (written as that value); "cleared", the agency
   * emptied the cell (`value` null: written as an empty cell).
   */
  readonly needs?: "formula" | "cleared";
  readonly formula?: string;
}

/** A review item about one name of one or more parts (a formula, a cleared value). */
export interface MergeReview {
  readonly name: string;
  readonly files: readonly string[];
  readonly text: Said;
  /** Accepting it (formulas or clearing) writes it: a write in `writes` depends on it. */
  readonly acceptable: boolean;
}

/** What the user agreed to (the CLI's options, the pane's ticks); nothing by default. */
export interface MergeAccept {
  /** Replace non-empty master values (the CLI does: its output is a new file). */
  readonly overwrite?: boolean;
  /** Write the computed value of a formula typed into a part. */
  readonly formulas?: boolean;
  /** Empty the master's cell where the agency cleared its value. */
  readonly cleared?: boolean;
}

export interface MergeConflict {
  readonly name: string;
  readonly label: Said;
  readonly indicator?: string;
  /** Every file holding the name, with its value (two or more distinct values). */
  readonly held: readonly HeldValue[];
  readonly text: Said;
}

export interface MergeResult {
  /** Files given, and those used. */
  readonly given: number;
  readonly used: number;
  readonly skipped: readonly Said[];
  readonly notes: readonly Said[];
  readonly writes: readonly MergeWrite[];
  readonly conflicts: readonly MergeConflict[];
  readonly missing: readonly Said[];
  readonly outside: readonly Said[];
  readonly links: readonly Said[];
  /** Values the master cannot take: its cell was deleted or holds a formula. */
  readonly failed: readonly Said[];
  /** Formulas and Excel errors in the parts' input cells. */
  readonly formulas: readonly MergeReview[];
  /** Values the agencies cleared. */
  readonly cleared: readonly MergeReview[];
  /** Agencies given more than once, with their files. */
  readonly duplicates: readonly Said[];
}

const both = (vi: string, en: string): Said => ({ vi, en });

interface UsablePart {
  readonly file: string;
  readonly part: AgencyPart;
  readonly values: readonly HeldValue[];
}

/** "so-tttt.xlsx, ô 'Chỉ số DTI 2022'!G35" — where a part holds a value. */
function wherePart(h: { readonly file: string; readonly cell?: string }): Said {
  return h.cell === undefined ? both(h.file, h.file) : both(`${h.file}, ô ${h.cell}`, `${h.file}, cell ${h.cell}`);
}

/** A held value as the reports show it: a cleared cell says so, a formula's result names the formula. */
function showHeld(h: HeldValue): Said {
  if (h.cleared) return both("(đã xóa)", "(cleared)");
  const v = showValue(h.value);
  return h.formula === undefined ? v : both(`${v.vi} (công thức ${h.formula})`, `${v.en} (formula ${h.formula})`);
}

/** One line per replaced master value: "label, ô X: old → new (từ file)". */
export function replacedText(w: MergeWrite): Said {
  const at = w.masterCell === undefined ? both("", "") : both(`, ô ${w.masterCell}`, `, cell ${w.masterCell}`);
  const from = w.formula === undefined ? both(w.file, w.file) : both(`${w.file}, giá trị của công thức ${w.formula}`, `${w.file}, the value of the formula ${w.formula}`);
  const old = showValue(w.current);
  const now = showValue(w.value);
  return both(`${w.label.vi}${at.vi}: ${old.vi} → ${now.vi} (từ ${from.vi}).`, `${w.label.en}${at.en}: ${old.en} → ${now.en} (from ${from.en}).`);
}

/** Classifies every value of the parts against the master, before anything is written. */
export function mergeParts(master: MergeMaster, parts: readonly MergePartInput[]): MergeResult {
  const { set } = master;
  const plan = splitByAgency(set);
  const owners = ownersByName(set, plan);
  const byName = new Map(buildWorkbookLayout(set, { formulas: master.formulas }).names.map((n) => [n.name, n]));
  const label = (name: string): Said => nameLabel(name, byName);
  const show = showValue;
  const ownerText = (name: string): Said => {
    const owner = owners.get(name);
    return owner ? both(`thuộc phần của ${owner.join(", ")}`, `belongs to the part of ${owner.join(", ")}`) : both("không thuộc phần của cơ quan nào", "belongs to no agency's part");
  };

  const skipped: Said[] = [];
  const notes: Said[] = [];
  const usable: UsablePart[] = [];
  // Formulas and errors that can never be written (no computed value, an error, another agency's cell).
  const formulas: MergeReview[] = [];
  for (const { file, opened } of parts) {
    if ("error" in opened) {
      skipped.push(opened.error);
      continue;
    }
    const pm = opened.meta;
    if (pm.set.id !== set.id) {
      skipped.push(both(`${file}: dùng bộ chỉ số "${pm.set.id}", sổ tổng hợp dùng "${set.id}".`, `${file}: uses the indicator set "${pm.set.id}", the master uses "${set.id}".`));
      continue;
    }
    if (pm.version !== master.version) {
      skipped.push(both(`${file}: mẫu phiên bản ${pm.version}, sổ tổng hợp phiên bản ${master.version}.`, `${file}: template version ${pm.version}, the master's is ${master.version}.`));
      continue;
    }
    if (pm.agency === undefined) {
      skipped.push(both(`${file}: không phải tệp phần do "dti split" tách (thiếu DTI_META_PART).`, `${file}: not a part written by a split (no DTI_META_PART).`));
      continue;
    }
    const part = plan.parts.find((p) => p.agency.normalize("NFC") === pm.agency);
    if (!part) {
      skipped.push(
        both(
          `${file}: cơ quan "${pm.agency}" không chủ trì chỉ số nào và không cung cấp thông tin chung trong bộ chỉ số ${set.id}.`,
          `${file}: the agency "${pm.agency}" leads no indicator and provides no general information in the set ${set.id}.`,
        ),
      );
      continue;
    }
    if (pm.master !== undefined && pm.master !== master.name) {
      notes.push(both(`Lưu ý: ${file} được tách từ ${pm.master}, không phải ${master.name}.`, `Note: ${file} was split from ${pm.master}, not ${master.name}.`));
    }
    const layout = buildWorkbookLayout(set, partBuildOptions(part, master.name, master.formulas));
    const mine = ownedNames(set, part);
    const held: HeldValue[] = [];
    // What the agency typed into the part's input-like cells: values, formulas, errors and cells it emptied.
    for (const n of layout.names) {
      if (!isPreservedName(n)) continue;
      const cell = opened.read(n.name);
      const place = cellPlace(cell);
      const at = wherePart({ file, ...(place !== undefined ? { cell: place } : {}) });
      const l = label(n.name);
      if (cell.kind === "error") {
        formulas.push({
          name: n.name,
          files: [file],
          acceptable: false,
          text: both(`${at.vi}, ${l.vi}: ô có lỗi ${cell.error}; không ghi.`, `${at.en}, ${l.en}: the cell holds the error ${cell.error}; not written.`),
        });
        continue;
      }
      if (cell.kind !== "value") continue;
      const value = plainOf(cell);
      const base = { file, agency: part.agency, name: n.name, ...(place !== undefined ? { cell: place } : {}) };
      if (cell.formula !== undefined) {
        const f = formulaText(cell.formula);
        if (value === undefined) {
          formulas.push({
            name: n.name,
            files: [file],
            acceptable: false,
            text: both(
              `${at.vi}, ${l.vi}: công thức ${f} chưa được tính (tệp không lưu giá trị); không ghi. Hãy mở tệp trong Excel, tính lại và lưu, hoặc nhập số.`,
              `${at.en}, ${l.en}: the formula ${f} was never calculated (the file stores no value); not written. Open the file in Excel, recalculate and save, or type the figure.`,
            ),
          });
        } else if (!mine.has(n.name)) {
          const v = show(value);
          const o = ownerText(n.name);
          formulas.push({
            name: n.name,
            files: [file],
            acceptable: false,
            text: both(`${at.vi}, ${l.vi}: công thức ${f}, giá trị đã tính ${v.vi} — ô này ${o.vi}; không ghi.`, `${at.en}, ${l.en}: the formula ${f}, computed value ${v.en} — this cell ${o.en}; not written.`),
          });
        } else {
          held.push({ ...base, value, formula: f });
        }
        continue;
      }
      if (value !== undefined) held.push({ ...base, value });
      // Emptied: split pre-filled the part with what the master holds (prefillValues), so an
      // owned cell empty in the part where the master has a value was cleared by the agency.
      else if (mine.has(n.name) && resolvedValue(set, master.read, n.name) !== undefined) held.push({ ...base, value: null, cleared: true });
    }
    // Names someone added to the part by hand, beyond those of its layout.
    const known = new Set(layout.names.map((n) => n.name));
    for (const name of opened.names) {
      if (known.has(name)) continue;
      const value = plainOf(opened.read(name));
      if (value !== undefined) held.push({ file, agency: part.agency, name, value });
    }
    usable.push({ file, part, values: held });
  }

  // Owned values are candidates, the rest is context.
  const candidates = new Map<string, HeldValue[]>();
  const context: HeldValue[] = [];
  const linked: HeldValue[] = [];
  const outside: Said[] = [];
  for (const u of usable) {
    const mine = ownedNames(set, u.part);
    for (const h of u.values) {
      const target = byName.get(h.name);
      if (!target || (!isPreservedName(target) && target.kind !== "linked")) {
        const v = show(h.value);
        outside.push(
          both(
            `${h.file} (${h.agency}): ${h.name} = ${v.vi} — tên này không có trong sổ tổng hợp.`,
            `${h.file} (${h.agency}): ${h.name} = ${v.en} — the master has no such name.`,
          ),
        );
      } else if (mine.has(h.name)) {
        candidates.set(h.name, [...(candidates.get(h.name) ?? []), h]);
      } else if (target.kind === "linked") {
        linked.push(h);
      } else {
        context.push(h);
      }
    }
  }
  // The master's values before the merge, for the context checks (parts are pre-filled with them).
  const original = new Map<string, string>();
  for (const h of [...context, ...linked]) {
    if (!original.has(h.name)) original.set(h.name, valueKey(resolvedValue(set, master.read, h.name)));
  }

  const conflicts: MergeConflict[] = [];
  const writes: MergeWrite[] = [];
  const failed: Said[] = [];
  const cleared: MergeReview[] = [];
  for (const [name, held] of candidates) {
    const distinct = new Map<string, HeldValue>();
    for (const h of held) if (!distinct.has(valueKey(h.value))) distinct.set(valueKey(h.value), h);
    const l = label(name);
    const cell = master.read(name);
    const current = cell.kind === "value" && cell.formula === undefined ? plainOf(cell) : resolvedValue(set, master.read, name);
    const masterCell = cellPlace(cell);
    const now = show(current);
    let write: MergeWrite | undefined;
    if (distinct.size > 1) {
      const indicator = byName.get(name)?.indicator;
      conflicts.push({
        name,
        label: l,
        ...(indicator !== undefined ? { indicator } : {}),
        held,
        text: both(`${l.vi}: ${held.map((h) => `${h.file} = ${showHeld(h).vi}`).join("; ")}.`, `${l.en}: ${held.map((h) => `${h.file} = ${showHeld(h).en}`).join("; ")}.`),
      });
    } else {
      // A typed copy of the value needs no consent; a formula's result or a clearing does.
      const first = held.find((h) => h.formula === undefined) ?? (held[0] as HeldValue);
      if (cell.kind !== "value" || cell.formula !== undefined) {
        const v = showHeld(first);
        failed.push(
          both(
            `${l.vi} = ${v.vi} từ ${first.file}: ô trong sổ tổng hợp đã bị xóa hoặc là công thức.`,
            `${l.en} = ${v.en} from ${first.file}: the master's cell was deleted or holds a formula.`,
          ),
        );
      } else {
        const needs = first.cleared ? "cleared" : first.formula !== undefined ? "formula" : undefined;
        write = {
          name,
          label: l,
          value: first.value,
          file: first.file,
          agency: first.agency,
          current,
          overwrites: !first.cleared && current !== undefined && valueKey(current) !== valueKey(first.value),
          ...(masterCell !== undefined ? { masterCell } : {}),
          ...(first.cell !== undefined ? { partCell: first.cell } : {}),
          ...(needs !== undefined ? { needs } : {}),
          ...(first.formula !== undefined ? { formula: first.formula } : {}),
        };
        writes.push(write);
      }
    }
    // Every formula and every clearing is listed, whatever became of the name.
    for (const h of held.filter((x) => x.formula !== undefined)) {
      const at = wherePart(h);
      const v = show(h.value);
      formulas.push({
        name,
        files: [h.file],
        acceptable: write !== undefined && valueKey(write.value) === valueKey(h.value),
        text: both(
          `${at.vi}, ${l.vi}: công thức ${h.formula ?? ""}, giá trị đã tính ${v.vi}; sổ tổng hợp đang có ${now.vi}.`,
          `${at.en}, ${l.en}: the formula ${h.formula ?? ""}, computed value ${v.en}; the master holds ${now.en}.`,
        ),
      });
    }
    const emptied = held.filter((x) => x.cleared);
    if (emptied.length) {
      const at = emptied.map((h) => wherePart(h));
      cleared.push({
        name,
        files: emptied.map((h) => h.file),
        acceptable: write?.needs === "cleared",
        text: both(
          `${at.map((a) => a.vi).join("; ")}, ${l.vi}: cơ quan đã xóa giá trị; sổ tổng hợp đang có ${now.vi}.`,
          `${at.map((a) => a.en).join("; ")}, ${l.en}: the agency cleared the value; the master holds ${now.en}.`,
        ),
      });
    }
  }

  // The master as it will be after the writes, for the checks below.
  const written = new Map(writes.filter((w) => !w.needs).map((w) => [w.name, w.value]));
  const after: ReadCell = (name) => (written.has(name) ? { kind: "value", value: written.get(name) as CellContent } : master.read(name));

  // Context: silent when it is the master's value before (the pre-fill) or after the merge.
  for (const h of context) {
    const key = valueKey(h.value);
    const now = resolvedValue(set, after, h.name);
    if (key === original.get(h.name) || key === valueKey(now)) continue;
    const l = label(h.name);
    const v = show(h.value);
    const n = show(now);
    const o = ownerText(h.name);
    outside.push(
      both(
        `${h.file} (${h.agency}): ${l.vi} = ${v.vi}, sổ tổng hợp có ${n.vi} — ô này ${o.vi}.`,
        `${h.file} (${h.agency}): ${l.en} = ${v.en}, the master has ${n.en} — this cell ${o.en}.`,
      ),
    );
  }
  // A link of the master filled as a plain input in the part: compared with what it links to.
  const links: Said[] = [];
  for (const h of linked) {
    const key = valueKey(h.value);
    const targetName = sameAsTarget(set, h.name);
    const now = targetName ? resolvedValue(set, after, targetName) : resolvedValue(set, after, h.name);
    if (key === original.get(h.name) || key === valueKey(now)) continue;
    const l = label(h.name);
    const v = show(h.value);
    const n = show(now);
    links.push(
      both(
        `${h.file} (${h.agency}): ${l.vi} = ${v.vi}, nhưng ${targetName ?? "ô liên kết"} trong sổ tổng hợp = ${n.vi}; ô này trong sổ tổng hợp là công thức liên kết, không ghi.`,
        `${h.file} (${h.agency}): ${l.en} = ${v.en}, but ${targetName ?? "the linked cell"} in the master = ${n.en}; this cell is a link formula in the master, not written.`,
      ),
    );
  }

  const given = new Map<string, string[]>();
  for (const u of usable) given.set(u.part.agency, [...(given.get(u.part.agency) ?? []), u.file]);
  // Two files of one agency: which one is its answer is for a person to say.
  const duplicates: Said[] = [];
  for (const [agency, files] of given) {
    if (files.length > 1) {
      duplicates.push(
        both(
          `${agency} có ${files.length} tệp phần: ${files.join(", ")}. Giá trị giống nhau được gộp một lần; giá trị khác nhau là xung đột, không ghi.`,
          `${agency} has ${files.length} parts: ${files.join(", ")}. Values they agree on are merged once; values that differ are conflicts, not written.`,
        ),
      );
    }
  }
  const missing = plan.parts
    .filter((p) => !given.has(p.agency))
    .map((p) => {
      const led = p.indicators.filter((id) => !set.indicators.find((i) => i.id === id)?.parent).join(", ");
      const items = p.ownInfoItems.join(", ");
      const vi = [p.indicators.length ? `chủ trì ${led}` : "", p.ownInfoItems.length ? `thông tin chung mục ${items}` : ""].filter(Boolean).join("; ");
      const en = [p.indicators.length ? `leads ${led}` : "", p.ownInfoItems.length ? `general information items ${items}` : ""].filter(Boolean).join("; ");
      return both(`${p.agency} (${p.fileName}: ${vi}).`, `${p.agency} (${p.fileName}: ${en}).`);
    });

  return { given: parts.length, used: usable.length, skipped, notes, writes, conflicts, missing, outside, links, failed, formulas, cleared, duplicates };
}

/**
 * The writes to make: those that change the master and that the user agreed to (a value
 * over a different one, a formula's result, a clearing each need their consent).
 */
export function acceptedWrites(r: MergeResult, accept: MergeAccept = {}): MergeWrite[] {
  return r.writes.filter(
    (w) =>
      valueKey(w.current) !== valueKey(w.value) &&
      (!w.overwrites || accept.overwrite === true) &&
      (w.needs !== "formula" || accept.formulas === true) &&
      (w.needs !== "cleared" || accept.cleared === true),
  );
}

/**
 * Whether anything in a result needs a person's eyes (the CLI's exit 2; the pane's preview
 * is clean at 0). A formula or a clearing the user accepted (and that is written) no longer
 * counts; a formula never calculated, an error, or one in a conflict always does.
 */
export function mergeIssueCount(r: MergeResult, accept: MergeAccept = {}): number {
  return (
    r.skipped.length +
    r.conflicts.length +
    r.missing.length +
    r.outside.length +
    r.links.length +
    r.failed.length +
    r.duplicates.length +
    r.formulas.filter((f) => !(f.acceptable && accept.formulas === true)).length +
    r.cleared.filter((c) => !(c.acceptable && accept.cleared === true)).length
  );
}
