/**
 * Reads a unit's inputs from a workbook made from the templates, by defined name only,
 * whatever the host (exceljs in the CLI, Office.js in the add-in). Reports exactly which
 * named cells are missing or broken, so hand-edited workbooks are never misread.
 */
import { formatPeriod, parsePeriod } from "../catalog/period";
import type { IndicatorSet } from "../catalog/schema";
import type { InputValue, ReferenceRange, ScoreOptions, UnitInput } from "../engine/types";
import { isFormula, quoteSheet, type CellContent } from "./model";
import { isAmbiguity, type Ambiguity, type NameTrouble } from "./name-scope";
import { TEMPLATE_VERSION, names } from "./names";

/** What a host found behind a defined name. */
export type NamedCell =
  | {
      readonly kind: "value";
      readonly value: CellContent;
      readonly formula?: string;
      /** Where the cell is, when the host says (messages name the cell). */
      readonly sheet?: string;
      readonly address?: string;
    }
  | { readonly kind: "error"; readonly error: string }
  | { readonly kind: "missing" }
  /** What is wrong with the name (./name-scope.ts): ambiguous (Excel's formulas may use another cell than the one a reader would pick) or broken. */
  | { readonly kind: "broken"; readonly trouble: NameTrouble };

/**
 * Whether a formula takes its value from outside the workbook: a link to another workbook
 * ("[1]Sheet1!A1" as the file stores it, "'C:\\…\\[x.xlsx]Sheet1'!A1" as Excel shows it, or a
 * name of another workbook) or the web (WEBSERVICE, FILTERXML). Its cached value is whatever
 * the source held when the file was last calculated on some computer, so it is scored with a
 * warning. Text inside quotes is ignored.
 */
export function externalSource(formula: string): "link" | "web" | null {
  const code = formula.replace(/"(?:[^"]|"")*"/g, '""');
  if (/(?:^|[^A-Za-z0-9_.])(?:_xlfn\.)?(?:WEBSERVICE|FILTERXML)\s*\(/i.test(code)) return "web";
  // A quoted sheet reference that carries a workbook: '[1]Sheet 1'!A1, 'C:\dir\[x.xlsx]Sheet'!A1, 'C:\dir\x.xlsx'!Name.
  if (/'[^']*\[[^\]']+\][^']*'!/.test(code) || /'[^']*\.xl[a-z]{1,2}'!/i.test(code)) return "link";
  // Unquoted: [1]Sheet1!A1, [x.xlsx]Sheet1!A1, [1]!Name. A table's [Column] is never followed by "!".
  if (/\[[^\]'"]+\][\p{L}\p{N}_.]*!/u.test(code)) return "link";
  return null;
}

interface ProblemAt {
  readonly severity: "error" | "warning";
  /** The defined name of the cell, and the indicator whose row holds it, where there is one. */
  readonly name: string;
  readonly indicator?: string;
}

/**
 * What the reader found wrong with the template, as data; its text in Vietnamese and English
 * is rendered by src/i18n/findings.ts.
 */
export type TemplateProblem =
  /** fatal: the workbook cannot be read as this template at all. `lacking`: the metadata name that is missing. */
  | { readonly severity: "fatal"; readonly code: "not-a-template"; readonly lacking: string }
  | { readonly severity: "fatal"; readonly code: "other-set"; readonly found: InputValue; readonly expected: string }
  /** `value`: what the version cell `versionName` holds, as read. */
  | { readonly severity: "fatal"; readonly code: "unknown-version"; readonly versionName: string; readonly value: InputValue }
  | { readonly severity: "fatal"; readonly code: "newer-template"; readonly version: number; readonly supported: number }
  | { readonly severity: "warning"; readonly code: "older-template"; readonly version: number; readonly supported: number }
  | (ProblemAt & { readonly code: "missing-name" })
  /** `trouble`: what the host found wrong with the name (./name-scope.ts). */
  | (ProblemAt & { readonly code: "broken-name"; readonly trouble: Exclude<NameTrouble, Ambiguity> })
  | (ProblemAt & { readonly code: "ambiguous-name"; readonly trouble: Ambiguity })
  | (ProblemAt & { readonly code: "cell-error"; readonly error: string })
  | (ProblemAt & {
      readonly code: "external-formula";
      readonly source: "web" | "link";
      readonly formula: string;
      /** The value saved at the last calculation (null: empty). */
      readonly saved: string | number | boolean | null;
      /** 'Sheet'!A1, when the host says where the cell is. */
      readonly at?: string;
    })
  | { readonly severity: "warning"; readonly code: "no-unit-name"; readonly fallback: string }
  /** DTI_PERIOD holds text that is no reporting period ("Quý 5/2026"); `at`: 'Sheet'!A1 when known. */
  | { readonly severity: "warning"; readonly code: "unreadable-period"; readonly name: string; readonly text: string; readonly at?: string }
  /**
   * A published result (DTI_PUB_PILLAR_<id>, DTI_PUB_INDEX) that is not a number from 0 to 1;
   * `pillar`: the main index, absent for the DTI; `text`: what the cell holds; `at`: 'Sheet'!A1 when known.
   */
  | { readonly severity: "warning"; readonly code: "invalid-published"; readonly name: string; readonly pillar?: string; readonly text: string; readonly at?: string };

/**
 * What staff typed beside the figures: the annual target (in points), the evidence
 * ("tài liệu kiểm chứng") and a note, per indicator. A key is present only when the
 * workbook has that named cell (older templates may lack them); null means the cell is empty
 * or, for a target, holds no usable number (validation says which).
 */
export interface Annotations {
  readonly target: Readonly<Record<string, number | null>>;
  readonly evidence: Readonly<Record<string, string | null>>;
  readonly note: Readonly<Record<string, string | null>>;
}

/**
 * The previous year's published results typed on Tổng hợp (DTI_PREV_*), for comparison:
 * pillar scores and total in points, the index as a fraction (0,3048). A pillar key is present
 * only when its named cell exists; null means absent, empty or not a usable number.
 */
export interface PreviousResults {
  readonly pillars: Readonly<Record<string, number | null>>;
  readonly total: number | null;
  readonly index: number | null;
}

/**
 * The ministry's published result typed on Tổng hợp (DTI_PUB_*): index values 0..1 as
 * dti.gov.vn publishes them ("0,5234"), per main index and for the DTI. A pillar key is present
 * only when its named cell exists; null means empty or not a number from 0 to 1 (then an
 * "invalid-published" problem names the cell).
 */
export interface PublishedResults {
  readonly pillars: Readonly<Record<string, number | null>>;
  readonly index: number | null;
}

/**
 * The previous reporting period's figures (DTI_LAST_*), written as values by the rollover of
 * `dti template --update --period`: its period text, main-index points, total and index.
 */
export interface LastPeriodResults {
  /** "Quý II/2026" as written; null when the cell is empty. */
  readonly period: string | null;
  readonly pillars: Readonly<Record<string, number | null>>;
  readonly total: number | null;
  readonly index: number | null;
}

/** The defined name each value placed in `unit` was read from, so findings can point at cells. */
export interface InputSources {
  /** indicator id → variable letter → defined name */
  readonly values: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** general item number → defined name */
  readonly info: Readonly<Record<string, string>>;
  /** indicator id → defined names of its reference values */
  readonly reference: Readonly<Record<string, { readonly min?: string; readonly max?: string }>>;
}

export interface ReadResult {
  readonly unit: UnitInput;
  readonly options: ScoreOptions;
  readonly problems: readonly TemplateProblem[];
  readonly templateVersion: number | null;
  readonly annotations: Annotations;
  readonly previous: PreviousResults;
  /** The ministry's published result; absent when the workbook has none of its cells (templates before issue 11). */
  readonly published?: PublishedResults;
  /** The previous period's figures; absent when the workbook has no such cells or they were never written (no rollover yet). */
  readonly lastPeriod?: LastPeriodResults;
  /** Always set by readInputs; optional so that results made by hand (tests, tools) may omit it. */
  readonly sources?: InputSources;
  /**
   * The reporting period the workbook records (DTI_PERIOD), as its canonical text ("Quý III/2026");
   * absent in templates made before the reporting cycle, in a blank cell, or in text that names
   * no period (then a warning says so).
   */
  readonly period?: string;
  /**
   * Every name the reader looked up and what the host found behind it, raw (text in a
   * reference cell, an Excel error in a target), for checks the unit cannot carry.
   * Always set by readInputs; optional for the same reason as `sources`.
   */
  readonly cells?: ReadonlyMap<string, NamedCell>;
}

/** Names of the annotations of an indicator row, read for every indicator that is scored. */
function annotationNames(set: IndicatorSet): string[] {
  const out: string[] = [];
  for (const ind of set.indicators) {
    if (ind.rule.kind === "unscored") continue;
    out.push(names.target(ind.id), names.evidence(ind.id), names.note(ind.id));
  }
  for (const pillar of set.pillars) out.push(names.previousPillar(pillar.id));
  out.push(names.previousTotal, names.previousIndex);
  return out;
}

/** Names of the comparison columns of Tổng hợp: the published result and the previous period. */
function comparisonNames(set: IndicatorSet): string[] {
  return [
    ...set.pillars.map((p) => names.publishedPillar(p.id)),
    names.publishedIndex,
    names.lastPeriod,
    ...set.pillars.map((p) => names.lastPillar(p.id)),
    names.lastTotal,
    names.lastIndex,
  ];
}

/**
 * A number typed by a person where the layout has no validation (targets, previous results):
 * a number, or text such as "0,3048", "35,5" or "1.234,5" (Vietnamese separators), or "12.5".
 * null for an empty cell; "invalid" for anything else (other text, TRUE, an Excel error).
 */
export function typedNumber(cell: NamedCell): number | null | "invalid" {
  if (cell.kind === "missing" || cell.kind === "broken") return null;
  if (cell.kind === "error") return "invalid";
  const value = cell.value;
  if (value === null || isFormula(value)) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : "invalid";
  if (typeof value !== "string") return "invalid";
  const t = value.replace(/[\s\u00a0]/g, "");
  if (t === "") return null;
  let normal: string | null = null;
  if (/^[+-]?\d+([.,]\d+)?$/.test(t)) normal = t.replace(",", ".");
  else if (/^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/.test(t)) normal = t.replace(/\./g, "").replace(",", ".");
  else if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) normal = t.replace(/,/g, "");
  return normal === null ? "invalid" : Number(normal);
}

function typedText(cell: NamedCell): string | null {
  if (cell.kind !== "value" || cell.value === null || isFormula(cell.value)) return null;
  const text = String(cell.value).trim();
  return text === "" ? null : text;
}

function exists(cell: NamedCell): boolean {
  return cell.kind !== "missing" && cell.kind !== "broken";
}

const NO_ANNOTATIONS: Annotations = { target: {}, evidence: {}, note: {} };
const NO_PREVIOUS: PreviousResults = { pillars: {}, total: null, index: null };
const NO_SOURCES: InputSources = { values: {}, info: {}, reference: {} };

/**
 * Every defined name the reader looks up for a set: metadata, options, info, inputs,
 * references, then the annotations of scored rows (target, evidence, note) and the
 * previous year's results.
 */
export function namesToRead(set: IndicatorSet): string[] {
  const out: string[] = [names.metaSet, names.metaVersion, names.optionAltThreshold, names.optionMinMaxAsBest];
  for (const item of set.infoItems) out.push(names.info(item.id));
  for (const ind of set.indicators) {
    for (const v of ind.variables) out.push(names.input(ind.id, v.key));
    if (ind.rule.kind === "min-max") out.push(names.referenceMin(ind.id), names.referenceMax(ind.id));
    if (ind.rule.kind === "ratio-to-best") out.push(names.referenceMax(ind.id));
  }
  out.push(...annotationNames(set));
  out.push(names.period);
  out.push(...comparisonNames(set));
  return out;
}

function scalar(value: CellContent): InputValue {
  if (value === null || isFormula(value)) return null;
  if (typeof value === "string" && value.trim() === "") return null;
  return value;
}

/**
 * Builds the unit from named cells. `getCell` returns what the host found behind a name;
 * `fallbackName` names the unit when general item 1 is empty.
 */
export function readInputs(set: IndicatorSet, getCell: (name: string) => NamedCell, fallbackName: string): ReadResult {
  const problems: TemplateProblem[] = [];
  const cells = new Map<string, NamedCell>();
  const get = (name: string): NamedCell => {
    const cell = getCell(name);
    cells.set(name, cell);
    return cell;
  };
  const unread = (version: number | null): ReadResult => ({
    unit: { name: fallbackName, values: {} },
    options: {},
    problems,
    templateVersion: version,
    annotations: NO_ANNOTATIONS,
    previous: NO_PREVIOUS,
    sources: NO_SOURCES,
    cells,
  });
  const setCell = get(names.metaSet);
  const versionCell = get(names.metaVersion);
  const setId = setCell.kind === "value" ? scalar(setCell.value) : null;
  const versionValue = versionCell.kind === "value" ? scalar(versionCell.value) : null;
  const version = typeof versionValue === "number" ? versionValue : null;
  if (setId === null || versionValue === null) {
    problems.push({ severity: "fatal", code: "not-a-template", lacking: setId === null ? names.metaSet : names.metaVersion });
    return unread(version);
  }
  if (setId !== set.id) {
    problems.push({ severity: "fatal", code: "other-set", found: setId, expected: set.id });
    return unread(version);
  }
  // Versions are whole numbers written by the tools; anything else was typed over by hand.
  if (version === null || !Number.isInteger(version) || version < 0) {
    problems.push({ severity: "fatal", code: "unknown-version", versionName: names.metaVersion, value: versionValue });
    return unread(null);
  }
  if (version > TEMPLATE_VERSION) {
    problems.push({ severity: "fatal", code: "newer-template", version, supported: TEMPLATE_VERSION });
    return unread(version);
  }
  if (version < TEMPLATE_VERSION) {
    problems.push({ severity: "warning", code: "older-template", version, supported: TEMPLATE_VERSION });
  }

  const read = (name: string, indicator?: string): { value: InputValue; formula?: string } | null => {
    const cell = get(name);
    const at = { name, ...(indicator ? { indicator } : {}) };
    switch (cell.kind) {
      case "missing":
        problems.push({ severity: "error", code: "missing-name", ...at });
        return null;
      case "broken":
        if (isAmbiguity(cell.trouble)) problems.push({ severity: "error", code: "ambiguous-name", ...at, trouble: cell.trouble });
        else problems.push({ severity: "error", code: "broken-name", ...at, trouble: cell.trouble });
        return null;
      case "error":
        problems.push({ severity: "error", code: "cell-error", ...at, error: cell.error });
        return { value: cell.error };
      case "value": {
        if (cell.formula === undefined) return { value: scalar(cell.value) };
        const source = externalSource(cell.formula);
        if (source !== null) {
          const saved = cell.value;
          problems.push({
            severity: "warning",
            code: "external-formula",
            ...at,
            source,
            formula: cell.formula,
            saved: typeof saved === "string" || typeof saved === "number" || typeof saved === "boolean" ? saved : null,
            ...(cell.sheet !== undefined && cell.address !== undefined ? { at: `${quoteSheet(cell.sheet)}!${cell.address.replace(/\$/g, "")}` } : {}),
          });
        }
        return { value: scalar(cell.value), formula: cell.formula };
      }
    }
  };

  const info: Record<string, InputValue> = {};
  const infoSources: Record<string, string> = {};
  for (const item of set.infoItems) {
    const name = names.info(item.id);
    const got = read(name);
    if (got && got.value !== null) {
      info[String(item.id)] = got.value;
      infoSources[String(item.id)] = name;
    }
  }
  const values: Record<string, Record<string, InputValue>> = {};
  const valueSources: Record<string, Record<string, string>> = {};
  const reference: Record<string, ReferenceRange> = {};
  const referenceSources: Record<string, { min?: string; max?: string }> = {};
  for (const ind of set.indicators) {
    const row: Record<string, InputValue> = {};
    const rowSources: Record<string, string> = {};
    for (const v of ind.variables) {
      const name = names.input(ind.id, v.key);
      const got = read(name, ind.id);
      if (!got) continue;
      // A linked cell that still holds its link formula is left to the engine's link (§15);
      // one overwritten by hand is read, and the engine reports any disagreement.
      if ((v.info || v.sameAs) && got.formula !== undefined) continue;
      if (got.value !== null) {
        row[v.key] = got.value;
        rowSources[v.key] = name;
      }
    }
    if (Object.keys(row).length) {
      values[ind.id] = row;
      valueSources[ind.id] = rowSources;
    }
    if (ind.rule.kind === "min-max" || ind.rule.kind === "ratio-to-best") {
      const hi = read(names.referenceMax(ind.id), ind.id)?.value;
      const lo = ind.rule.kind === "min-max" ? read(names.referenceMin(ind.id), ind.id)?.value : undefined;
      const range: { min?: number; max?: number } = {};
      const from: { min?: string; max?: string } = {};
      if (typeof lo === "number") {
        range.min = lo;
        from.min = names.referenceMin(ind.id);
      }
      if (typeof hi === "number") {
        range.max = hi;
        from.max = names.referenceMax(ind.id);
      }
      if (range.min !== undefined || range.max !== undefined) {
        reference[ind.id] = range;
        referenceSources[ind.id] = from;
      }
    }
  }
  // Annotations and previous results are optional: older workbooks may lack their names,
  // and nothing is scored from them, so they never raise a TemplateProblem.
  const target: Record<string, number | null> = {};
  const evidence: Record<string, string | null> = {};
  const note: Record<string, string | null> = {};
  for (const ind of set.indicators) {
    if (ind.rule.kind === "unscored") continue;
    const t = get(names.target(ind.id));
    if (exists(t)) {
      const n = typedNumber(t);
      target[ind.id] = typeof n === "number" && n >= 0 ? n : null;
    }
    const e = get(names.evidence(ind.id));
    if (exists(e)) evidence[ind.id] = typedText(e);
    const m = get(names.note(ind.id));
    if (exists(m)) note[ind.id] = typedText(m);
  }
  const previousNumber = (name: string): number | null => {
    const n = typedNumber(get(name));
    return typeof n === "number" && n >= 0 ? n : null;
  };
  const previousPillars: Record<string, number | null> = {};
  for (const pillar of set.pillars) {
    const name = names.previousPillar(pillar.id);
    const n = previousNumber(name);
    if (exists(cells.get(name) as NamedCell)) previousPillars[pillar.id] = n;
  }
  const previous: PreviousResults = {
    pillars: previousPillars,
    total: previousNumber(names.previousTotal),
    index: previousNumber(names.previousIndex),
  };
  const yes = (name: string): boolean => {
    const cell = get(name);
    return cell.kind === "value" && typeof cell.value === "string" && cell.value.trim().toLocaleLowerCase("vi") === "có";
  };
  const options: ScoreOptions = { altThreshold: yes(names.optionAltThreshold), minMaxAsRatioToBest: yes(names.optionMinMaxAsBest) };
  const typedName = typeof info["1"] === "string" ? info["1"].trim() : "";
  if (!typedName) {
    problems.push({ severity: "warning", code: "no-unit-name", fallback: fallbackName });
  }
  // The reporting period: a template made before the cycle has no such name, which is no problem.
  const periodCell = get(names.period);
  let period: string | undefined;
  if (periodCell.kind === "value" && periodCell.value !== null && String(periodCell.value).trim() !== "") {
    const parsed = typeof periodCell.value === "string" ? parsePeriod(periodCell.value) : undefined;
    if (parsed) period = formatPeriod(parsed);
    else {
      const at = periodCell.sheet !== undefined && periodCell.address !== undefined ? `${quoteSheet(periodCell.sheet)}!${periodCell.address.replace(/\$/g, "")}` : undefined;
      const text = typeof periodCell.value === "object" ? "(công thức)" : String(periodCell.value);
      problems.push({ severity: "warning", code: "unreadable-period", name: names.period, text, ...(at !== undefined ? { at } : {}) });
    }
  }
  const published = readPublished(set, get, problems);
  const lastPeriod = readLastPeriod(set, get);
  const unit: UnitInput = {
    name: typedName || fallbackName,
    values,
    info,
    ...(Object.keys(reference).length ? { reference } : {}),
  };
  return {
    unit,
    options,
    problems,
    templateVersion: version,
    annotations: { target, evidence, note },
    previous,
    sources: { values: valueSources, info: infoSources, reference: referenceSources },
    cells,
    ...(period !== undefined ? { period } : {}),
    ...(published ? { published } : {}),
    ...(lastPeriod ? { lastPeriod } : {}),
  };
}

/** 'Sheet'!A1 of a cell, when the host says where it is. */
function whereIs(cell: NamedCell): string | undefined {
  return cell.kind === "value" && cell.sheet !== undefined && cell.address !== undefined ? `${quoteSheet(cell.sheet)}!${cell.address.replace(/\$/g, "")}` : undefined;
}

/**
 * The published result, as typed: numbers (or Vietnamese text such as "0,5234") from 0 to 1,
 * kept as typed (Decimal reads them back exactly). Anything else is a warning naming the cell:
 * nothing is scored from these cells, so it never stops the scoring.
 */
function readPublished(set: IndicatorSet, get: (name: string) => NamedCell, problems: TemplateProblem[]): PublishedResults | undefined {
  let any = false;
  const one = (name: string, pillar?: string): number | null => {
    const cell = get(name);
    if (!exists(cell)) return null;
    any = true;
    const n = typedNumber(cell);
    if (typeof n === "number" && n >= 0 && n <= 1) return n;
    if (n === null) return null;
    const text = cell.kind === "error" ? cell.error : cell.kind === "value" ? String(cell.value) : "";
    const at = whereIs(cell);
    problems.push({ severity: "warning", code: "invalid-published", name, ...(pillar !== undefined ? { pillar } : {}), text, ...(at !== undefined ? { at } : {}) });
    return null;
  };
  const pillars: Record<string, number | null> = {};
  for (const p of set.pillars) {
    const name = names.publishedPillar(p.id);
    const n = one(name, p.id);
    if (exists(get(name))) pillars[p.id] = n;
  }
  const index = one(names.publishedIndex);
  return any ? { pillars, index } : undefined;
}

/** The previous period's figures, when the rollover wrote any (locked cells: nothing to report). */
function readLastPeriod(set: IndicatorSet, get: (name: string) => NamedCell): LastPeriodResults | undefined {
  const number = (name: string): number | null => {
    const n = typedNumber(get(name));
    return typeof n === "number" ? n : null;
  };
  const periodCell = get(names.lastPeriod);
  const period = typedText(periodCell);
  const pillars: Record<string, number | null> = {};
  for (const p of set.pillars) {
    const name = names.lastPillar(p.id);
    const n = number(name);
    if (exists(get(name))) pillars[p.id] = n;
  }
  const total = number(names.lastTotal);
  const index = number(names.lastIndex);
  const written = period !== null || total !== null || index !== null || Object.values(pillars).some((n) => n !== null);
  return written ? { period, pillars, total, index } : undefined;
}
