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
 * The tasks a part carries (./part-tasks.ts: Trạng thái, Tiến độ and Ghi chú of the tasks its
 * agency leads in the master's Nhiệm vụ, DTI_TASK_<no>_…) follow the same rules as values; task
 * cells the master does not name (a master made before task names) are listed, never dropped
 * silently: `template --update` names them.
 * Each message is data (a code, the file, cell, name and values involved); its Vietnamese
 * (what the CLI prints, word for word) and English are rendered by src/i18n/findings.ts.
 */
import { getIndicatorSet } from "../catalog";
import { formatDate, isLate, type CalendarDate } from "../catalog/calendar";
import { formatPeriod, parsePeriod } from "../catalog/period";
import type { IndicatorSet } from "../catalog/schema";
import { buildWorkbookLayout } from "./build";
import { fromExcelSerial } from "./deadline";
import { valueKey, type CellContent, type DefinedName } from "./model";
import { TEMPLATE_VERSION, names, parseTaskName } from "./names";
import { isPreservedName } from "./plan";
import type { NamedCell } from "./read-inputs";
import { ownedNames, ownersByName, partBuildOptions, splitByAgency, type AgencyPart } from "./split";
import { isMergedTaskName, leadsTask, masterTaskAt, taskLabel, taskLeads, type MasterTask } from "./part-tasks";

/** A message for people, in both languages of the product (as a host renders it). */
export interface Said {
  readonly vi: string;
  readonly en: string;
}

/** A name of the master as messages name it: with its indicator, or its general-information item, where the master knows it. */
export interface NameRef {
  readonly name: string;
  readonly indicator?: string;
  readonly item?: string;
  /** A task cell's task, as the master's Nhiệm vụ writes it ("2. Xây dựng chuyên trang…"; ./part-tasks.ts). */
  readonly task?: string;
}

/** Where a part holds a value: its file, and its cell when the reader knows it. */
export interface PartPlace {
  readonly file: string;
  readonly cell?: string;
}

/** A value as the reports quote it: text as JSON, numbers as written; null for an empty cell. */
export type Shown = string | null;

/** A value a part holds as the reports quote it: a cleared cell says so, a formula's result names the formula. */
export interface HeldShown {
  readonly value: Shown;
  readonly formula?: string;
  readonly cleared?: true;
}

/**
 * What the merge says, as data. `owners`: the agencies whose part holds a cell (empty: none).
 * Rendered in both languages by src/i18n/findings.ts.
 */
export type MergeMessage =
  | { readonly code: "merge-not-a-template"; readonly file: string; readonly lacking: string }
  | { readonly code: "merge-unknown-set"; readonly file: string; readonly set: string }
  | { readonly code: "merge-template-version"; readonly file: string; readonly version: string; readonly supported: number }
  | { readonly code: "merge-other-set"; readonly file: string; readonly set: string; readonly master: string }
  | { readonly code: "merge-other-version"; readonly file: string; readonly version: number; readonly master: number }
  | { readonly code: "merge-not-a-part"; readonly file: string }
  | { readonly code: "merge-unknown-agency"; readonly file: string; readonly agency: string; readonly set: string }
  | { readonly code: "merge-other-master"; readonly file: string; readonly from: string; readonly master: string }
  | { readonly code: "merge-other-period"; readonly file: string; readonly period: string; readonly master: string }
  | { readonly code: "merge-period-accepted"; readonly file: string; readonly period: string; readonly master: string }
  | { readonly code: "merge-late"; readonly file: string; readonly agency: string; readonly due: string; readonly today: string }
  | { readonly code: "merge-cell-error"; readonly at: PartPlace; readonly label: NameRef; readonly error: string }
  | { readonly code: "merge-formula-uncalculated"; readonly at: PartPlace; readonly label: NameRef; readonly formula: string }
  | { readonly code: "merge-formula-not-owned"; readonly at: PartPlace; readonly label: NameRef; readonly formula: string; readonly value: Shown; readonly owners: readonly string[] }
  | { readonly code: "merge-unknown-name"; readonly file: string; readonly agency: string; readonly name: string; readonly value: Shown }
  | { readonly code: "merge-conflict"; readonly label: NameRef; readonly held: readonly { readonly file: string; readonly value: HeldShown }[] }
  | { readonly code: "merge-failed"; readonly label: NameRef; readonly value: HeldShown; readonly file: string }
  | { readonly code: "merge-formula"; readonly at: PartPlace; readonly label: NameRef; readonly formula: string; readonly value: Shown; readonly now: Shown }
  | { readonly code: "merge-cleared"; readonly at: readonly PartPlace[]; readonly label: NameRef; readonly now: Shown }
  | { readonly code: "merge-outside"; readonly file: string; readonly agency: string; readonly label: NameRef; readonly value: Shown; readonly now: Shown; readonly owners: readonly string[] }
  | { readonly code: "merge-link"; readonly file: string; readonly agency: string; readonly label: NameRef; readonly value: Shown; readonly target?: string; readonly now: Shown }
  | { readonly code: "merge-duplicate"; readonly agency: string; readonly files: readonly string[] }
  | { readonly code: "merge-missing"; readonly agency: string; readonly fileName: string; readonly led?: readonly string[]; readonly items?: readonly string[] }
  /** Task cells a part carries that the master does not name (a master made before task names, or a row deleted). */
  | { readonly code: "merge-task-not-in-master"; readonly file: string; readonly names: readonly string[] }
  | { readonly code: "merge-replaced"; readonly label: NameRef; readonly masterCell?: string; readonly old: Shown; readonly now: Shown; readonly file: string; readonly formula?: string };

/** What a skipped file is said with: the merge's own reason, or the host's (a file it could not open). */
export type MergeText = MergeMessage | Said;

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
): TemplateMeta | { readonly error: MergeMessage } {
  const setId = plainOf(read(names.metaSet));
  const version = plainOf(read(names.metaVersion));
  if (setId === undefined || version === undefined) {
    const lacking = setId === undefined ? names.metaSet : names.metaVersion;
    return { error: { code: "merge-not-a-template", file, lacking } };
  }
  const set = resolveSet(String(setId));
  if (!set) {
    return { error: { code: "merge-unknown-set", file, set: String(setId) } };
  }
  if (typeof version !== "number" || version !== TEMPLATE_VERSION) {
    return { error: { code: "merge-template-version", file, version: JSON.stringify(version), supported: TEMPLATE_VERSION } };
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

/** A value as the reports quote it. */
export function shownValue(value: CellContent | undefined): Shown {
  if (value === undefined || value === null || value === "" || typeof value === "object") return null;
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/** A name with its indicator or general item, where the master knows it. */
export function nameRef(name: string, byName: ReadonlyMap<string, DefinedName>): NameRef {
  const n = byName.get(name);
  if (n?.indicator) return { name, indicator: n.indicator };
  if (n?.kind === "info") return { name, item: n.variable ?? "" };
  return { name };
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
  /** Merge a part of another reporting period than the master's (the user said so); default: skip it, listed. */
  readonly acceptPeriod?: boolean;
  /** The day of the merge, to flag parts merged after their due date (given, so the core stays pure). */
  readonly today?: CalendarDate;
}

/** A cell's text as a period ("Quý III/2026"), canonical; undefined when blank or not a period. */
function periodIn(cell: NamedCell): string | undefined {
  if (cell.kind !== "value" || typeof cell.value !== "string") return undefined;
  const p = parsePeriod(cell.value);
  return p ? formatPeriod(p) : undefined;
}

/** An Excel date serial (1900 system) as a calendar day; undefined for anything else. */
function dayOf(cell: NamedCell): CalendarDate | undefined {
  if (cell.kind !== "value" || typeof cell.value !== "number" || !Number.isInteger(cell.value) || cell.value < 1) return undefined;
  const d = fromExcelSerial(cell.value);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
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
    | { readonly error: MergeText };
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
  readonly label: NameRef;
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
  readonly text: MergeMessage;
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
  readonly label: NameRef;
  readonly indicator?: string;
  /** Every file holding the name, with its value (two or more distinct values). */
  readonly held: readonly HeldValue[];
  readonly text: MergeMessage;
}

export interface MergeResult {
  /** Files given, and those used. */
  readonly given: number;
  readonly used: number;
  readonly skipped: readonly MergeText[];
  readonly notes: readonly MergeMessage[];
  readonly writes: readonly MergeWrite[];
  readonly conflicts: readonly MergeConflict[];
  readonly missing: readonly MergeMessage[];
  readonly outside: readonly MergeMessage[];
  readonly links: readonly MergeMessage[];
  /** Values the master cannot take: its cell was deleted or holds a formula. */
  readonly failed: readonly MergeMessage[];
  /** Formulas and Excel errors in the parts' input cells. */
  readonly formulas: readonly MergeReview[];
  /** Values the agencies cleared. */
  readonly cleared: readonly MergeReview[];
  /** Agencies given more than once, with their files. */
  readonly duplicates: readonly MergeMessage[];
}

interface UsablePart {
  readonly file: string;
  readonly part: AgencyPart;
  readonly values: readonly HeldValue[];
  /** The task cells it may bring back: those of the tasks its agency leads in the master. */
  readonly tasks: ReadonlySet<string>;
}

/** Where a part holds a value. */
function wherePart(h: { readonly file: string; readonly cell?: string }): PartPlace {
  return h.cell === undefined ? { file: h.file } : { file: h.file, cell: h.cell };
}

function showHeld(h: HeldValue): HeldShown {
  if (h.cleared) return { value: null, cleared: true };
  const value = shownValue(h.value);
  return h.formula === undefined ? { value } : { value, formula: h.formula };
}

/** What a write replaces in the master ("label, ô X: old → new (từ file)"). */
export function replacedMessage(w: MergeWrite): MergeMessage {
  return {
    code: "merge-replaced",
    label: w.label,
    ...(w.masterCell !== undefined ? { masterCell: w.masterCell } : {}),
    old: shownValue(w.current),
    now: shownValue(w.value),
    file: w.file,
    ...(w.formula !== undefined ? { formula: w.formula } : {}),
  };
}

/** Classifies every value of the parts against the master, before anything is written. */
export function mergeParts(master: MergeMaster, parts: readonly MergePartInput[]): MergeResult {
  const { set } = master;
  const plan = splitByAgency(set);
  const owners = ownersByName(set, plan);
  const byName = new Map(buildWorkbookLayout(set, { formulas: master.formulas }).names.map((n) => [n.name, n]));
  // The master's task rows, read by name when a part carries one (./part-tasks.ts).
  const tasksRead = new Map<number, MasterTask>();
  const masterTask = (no: number): MasterTask => {
    let t = tasksRead.get(no);
    if (!t) {
      t = masterTaskAt(master.read, no);
      tasksRead.set(no, t);
    }
    return t;
  };
  const label = (name: string): NameRef => {
    const task = parseTaskName(name);
    return task ? { name, task: taskLabel(masterTask(task.no), task.no) } : nameRef(name, byName);
  };
  const show = shownValue;
  const ownersOf = (name: string): readonly string[] => {
    const task = parseTaskName(name);
    return task ? taskLeads(masterTask(task.no)) : (owners.get(name) ?? []);
  };
  const tasksNotInMaster: MergeMessage[] = [];

  const skipped: MergeText[] = [];
  const notes: MergeMessage[] = [];
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
      skipped.push({ code: "merge-other-set", file, set: pm.set.id, master: set.id });
      continue;
    }
    if (pm.version !== master.version) {
      skipped.push({ code: "merge-other-version", file, version: pm.version, master: master.version });
      continue;
    }
    if (pm.agency === undefined) {
      skipped.push({ code: "merge-not-a-part", file });
      continue;
    }
    const part = plan.parts.find((p) => p.agency.normalize("NFC") === pm.agency);
    if (!part) {
      skipped.push({ code: "merge-unknown-agency", file, agency: pm.agency, set: set.id });
      continue;
    }
    if (pm.master !== undefined && pm.master !== master.name) {
      notes.push({ code: "merge-other-master", file, from: pm.master, master: master.name });
    }
    // The reporting cycle: a part of another period is not merged unless the user says so; a
    // part merged after its due date is flagged, never refused. Parts without a period (made
    // before the cycle existed) are merged as before.
    const partPeriod = periodIn(opened.read(names.period));
    const masterPeriod = periodIn(master.read(names.period));
    if (partPeriod !== undefined && masterPeriod !== undefined && partPeriod !== masterPeriod) {
      if (!master.acceptPeriod) {
        skipped.push({ code: "merge-other-period", file, period: partPeriod, master: masterPeriod });
        continue;
      }
      notes.push({ code: "merge-period-accepted", file, period: partPeriod, master: masterPeriod });
    }
    const due = dayOf(opened.read(names.dueDate));
    if (due && master.today && isLate(master.today, due)) {
      notes.push({ code: "merge-late", file, agency: pm.agency, due: formatDate(due), today: formatDate(master.today) });
    }
    const layout = buildWorkbookLayout(set, partBuildOptions(part, master.name, master.formulas));
    const mine = ownedNames(set, part);
    // The tasks it carries (Nhiệm vụ): their Trạng thái, Tiến độ and Ghi chú are its own when the
    // master's row still names its agency as lead; a task cell the master lacks cannot be written.
    const taskCells = new Set<string>();
    const unnamed: string[] = [];
    for (const name of opened.names) {
      if (!isMergedTaskName(name) || taskCells.has(name)) continue;
      if (master.read(name).kind === "missing") {
        unnamed.push(name);
        continue;
      }
      taskCells.add(name);
      if (leadsTask(part.agency, masterTask((parseTaskName(name) as { no: number }).no))) mine.add(name);
    }
    if (unnamed.length) tasksNotInMaster.push({ code: "merge-task-not-in-master", file, names: unnamed });
    const held: HeldValue[] = [];
    // What the agency typed into the part's input-like cells: values, formulas, errors and cells it emptied.
    const taken = [...layout.names.filter(isPreservedName).map((n) => n.name), ...taskCells];
    for (const name of taken) {
      const cell = opened.read(name);
      const place = cellPlace(cell);
      const at = wherePart({ file, ...(place !== undefined ? { cell: place } : {}) });
      const l = label(name);
      if (cell.kind === "error") {
        formulas.push({
          name: name,
          files: [file],
          acceptable: false,
          text: { code: "merge-cell-error", at, label: l, error: cell.error },
        });
        continue;
      }
      if (cell.kind !== "value") continue;
      const value = plainOf(cell);
      const base = { file, agency: part.agency, name: name, ...(place !== undefined ? { cell: place } : {}) };
      if (cell.formula !== undefined) {
        const f = formulaText(cell.formula);
        if (value === undefined) {
          formulas.push({
            name: name,
            files: [file],
            acceptable: false,
            text: { code: "merge-formula-uncalculated", at, label: l, formula: f },
          });
        } else if (!mine.has(name)) {
          formulas.push({
            name: name,
            files: [file],
            acceptable: false,
            text: { code: "merge-formula-not-owned", at, label: l, formula: f, value: show(value), owners: ownersOf(name) },
          });
        } else {
          held.push({ ...base, value, formula: f });
        }
        continue;
      }
      if (value !== undefined) held.push({ ...base, value });
      // Emptied: split pre-filled the part with what the master holds (prefillValues), so an
      // owned cell empty in the part where the master has a value was cleared by the agency.
      else if (mine.has(name) && resolvedValue(set, master.read, name) !== undefined) held.push({ ...base, value: null, cleared: true });
    }
    // Names someone added to the part by hand, beyond those of its layout and its Nhiệm vụ (its
    // task rows; its report date, TODAY() where the agency opened it, and status list are its own).
    const known = new Set([...layout.names.map((n) => n.name), names.tasksReportDate, names.taskStatusList]);
    for (const name of opened.names) {
      if (known.has(name) || parseTaskName(name) !== undefined) continue;
      const value = plainOf(opened.read(name));
      if (value !== undefined) held.push({ file, agency: part.agency, name, value });
    }
    usable.push({ file, part, values: held, tasks: new Set([...taskCells].filter((n) => mine.has(n))) });
  }

  // Owned values are candidates, the rest is context.
  const candidates = new Map<string, HeldValue[]>();
  const context: HeldValue[] = [];
  const linked: HeldValue[] = [];
  const outside: MergeMessage[] = [];
  for (const u of usable) {
    const mine = ownedNames(set, u.part);
    for (const h of u.values) {
      const target = byName.get(h.name);
      if (parseTaskName(h.name) !== undefined) {
        // A task it leads is its own, as its indicators are; a task led by another agency since the split is context.
        if (u.tasks.has(h.name)) candidates.set(h.name, [...(candidates.get(h.name) ?? []), h]);
        else context.push(h);
      } else if (!target || (!isPreservedName(target) && target.kind !== "linked")) {
        outside.push({ code: "merge-unknown-name", file: h.file, agency: h.agency, name: h.name, value: show(h.value) });
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
  const failed: MergeMessage[] = [...tasksNotInMaster];
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
        text: { code: "merge-conflict", label: l, held: held.map((h) => ({ file: h.file, value: showHeld(h) })) },
      });
    } else {
      // A typed copy of the value needs no consent; a formula's result or a clearing does.
      const first = held.find((h) => h.formula === undefined) ?? (held[0] as HeldValue);
      if (cell.kind !== "value" || cell.formula !== undefined) {
        failed.push({ code: "merge-failed", label: l, value: showHeld(first), file: first.file });
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
      formulas.push({
        name,
        files: [h.file],
        acceptable: write !== undefined && valueKey(write.value) === valueKey(h.value),
        text: { code: "merge-formula", at: wherePart(h), label: l, formula: h.formula ?? "", value: show(h.value), now },
      });
    }
    const emptied = held.filter((x) => x.cleared);
    if (emptied.length) {
      cleared.push({
        name,
        files: emptied.map((h) => h.file),
        acceptable: write?.needs === "cleared",
        text: { code: "merge-cleared", at: emptied.map((h) => wherePart(h)), label: l, now },
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
    outside.push({ code: "merge-outside", file: h.file, agency: h.agency, label: label(h.name), value: show(h.value), now: show(now), owners: ownersOf(h.name) });
  }
  // A link of the master filled as a plain input in the part: compared with what it links to.
  const links: MergeMessage[] = [];
  for (const h of linked) {
    const key = valueKey(h.value);
    const targetName = sameAsTarget(set, h.name);
    const now = targetName ? resolvedValue(set, after, targetName) : resolvedValue(set, after, h.name);
    if (key === original.get(h.name) || key === valueKey(now)) continue;
    links.push({
      code: "merge-link",
      file: h.file,
      agency: h.agency,
      label: label(h.name),
      value: show(h.value),
      ...(targetName !== undefined ? { target: targetName } : {}),
      now: show(now),
    });
  }

  const given = new Map<string, string[]>();
  for (const u of usable) given.set(u.part.agency, [...(given.get(u.part.agency) ?? []), u.file]);
  // Two files of one agency: which one is its answer is for a person to say.
  const duplicates: MergeMessage[] = [];
  for (const [agency, files] of given) {
    if (files.length > 1) {
      duplicates.push({ code: "merge-duplicate", agency, files });
    }
  }
  const missing = plan.parts
    .filter((p) => !given.has(p.agency))
    .map((p): MergeMessage => {
      // The indicators it leads, without sub-indicators (their sum is listed), and its general items.
      const led = p.indicators.filter((id) => !set.indicators.find((i) => i.id === id)?.parent);
      return {
        code: "merge-missing",
        agency: p.agency,
        fileName: p.fileName,
        ...(p.indicators.length ? { led } : {}),
        ...(p.ownInfoItems.length ? { items: p.ownInfoItems.map(String) } : {}),
      };
    });

  return { given: parts.length, used: usable.length, skipped, notes, writes, conflicts, missing, outside, links, failed, formulas, cleared, duplicates };
}

/**
 * The writes to make: those that change the master and that the user agreed to (a value
 * over a different one, a formula's result, a clearing each need their consent).
 */
export function acceptedWrites(r: Pick<MergeResult, "writes">, accept: MergeAccept = {}): MergeWrite[] {
  return r.writes.filter(
    (w) =>
      valueKey(w.current) !== valueKey(w.value) &&
      (!w.overwrites || accept.overwrite === true) &&
      (w.needs !== "formula" || accept.formulas === true) &&
      (w.needs !== "cleared" || accept.cleared === true),
  );
}

/** What mergeIssueCount counts: a result, its messages rendered or not. */
export type MergeCounted = { readonly [K in "skipped" | "conflicts" | "missing" | "outside" | "links" | "failed" | "duplicates"]: readonly unknown[] } & {
  readonly formulas: readonly { readonly acceptable: boolean }[];
  readonly cleared: readonly { readonly acceptable: boolean }[];
};

/**
 * Whether anything in a result needs a person's eyes (the CLI's exit 2; the pane's preview
 * is clean at 0). A formula or a clearing the user accepted (and that is written) no longer
 * counts; a formula never calculated, an error, or one in a conflict always does.
 */
export function mergeIssueCount(r: MergeCounted, accept: MergeAccept = {}): number {
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
