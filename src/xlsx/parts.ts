/**
 * Split and merge on the .xlsx side (exceljs), shared by `dti split` / `dti merge` and the
 * task pane: write one agency's part from a master's values, and open a returned part into
 * what the pure merge core (../layout/merge.ts) needs. No Node API: the pane loads this
 * module and exceljs as a separate chunk, only when split or merge is used.
 */
import ExcelJS from "exceljs";
import type { IndicatorSet } from "../catalog/schema";
import { sayBoth } from "../i18n/findings";
import { buildWorkbookLayout } from "../layout/build";
import { prefillValues, templateMetaOf, type MergeMessage, type MergePartInput, type ReadCell, type Said, type TemplateMeta } from "../layout/merge";
import { withPreservedInputs } from "../layout/plan";
import { masterCycle, partBuildOptions, type AgencyPart } from "../layout/split";
import { partTaskRows, type MasterTask } from "../layout/part-tasks";
import { sheetNames } from "../layout/names";
import { checkXlsx, checkXlsxSignature, DEFAULT_XLSX_LIMITS, type XlsxLimits } from "./bounded";
import { readName, writeLayoutToWorkbook } from "./workbook";

// The merge core travels in the same chunk: the pane needs it only once files are read.
export { acceptedWrites, locationOf, mergeIssueCount, mergeParts, templateMetaOf } from "../layout/merge";
export { replacedText, showValue } from "../i18n/merge-text";

/** What a workbook's names hold, and where (sheet and cell, for the merge's reports), as the merge core reads them. */
export function readCellOf(wb: ExcelJS.Workbook): ReadCell {
  return (name: string) => readName(wb, name);
}

/** What DTI_META says a workbook is, or why it is not a usable template (naming `file`). */
export function workbookMeta(wb: ExcelJS.Workbook, file: string, resolveSet?: (id: string) => IndicatorSet | undefined): TemplateMeta | { readonly error: MergeMessage } {
  // DTI_META's name does not depend on the set's year.
  const formulasCell = wb.getWorksheet(sheetNames(0).meta)?.getCell("B3").value;
  return templateMetaOf(file, readCellOf(wb), formulasCell, resolveSet);
}

/** Every defined name of a workbook (exceljs keeps them in a model list). */
export function workbookNames(wb: ExcelJS.Workbook): string[] {
  const model = (wb.definedNames as unknown as { model: { name: string }[] }).model;
  return model.map((m) => m.name);
}

export interface BuiltPart {
  readonly workbook: ExcelJS.Workbook;
  /** Names pre-filled with the master's values. */
  readonly placed: readonly string[];
  /** The master's tasks the agency leads, carried on the part's Nhiệm vụ sheet. */
  readonly tasks: number;
}

/**
 * One agency's part: its indicators and the general information it needs, with the
 * master's names and formulas, pre-filled with what the master holds (`read`). A link to
 * another agency's figure becomes a plain input holding the value it links to. The tasks the
 * agency leads among the master's Nhiệm vụ rows (`masterTasks`) come on a Nhiệm vụ sheet.
 */
export async function buildPartWorkbook(
  set: IndicatorSet,
  part: AgencyPart,
  masterName: string,
  formulas: "portable" | "functions",
  read: ReadCell,
  masterTasks: readonly MasterTask[] = [],
): Promise<BuiltPart> {
  // The tasks it leads, among the master's named task rows (read once for all parts: readMasterTasks).
  const tasks = partTaskRows(masterTasks, part.agency);
  const built = buildWorkbookLayout(set, partBuildOptions(part, masterName, formulas, masterCycle(read), tasks));
  const filled = withPreservedInputs(built, prefillValues(set, read, built.names));
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "DTI Workbench";
  await writeLayoutToWorkbook(workbook, filled.layout, () => "rename");
  return { workbook, placed: filled.placed, tasks: tasks.filter((t) => t.no !== undefined).length };
}

/** A part as .xlsx bytes. */
export async function partBytes(part: BuiltPart): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(await part.workbook.xlsx.writeBuffer());
}

/** Why these bytes cannot be an .xlsx workbook (encrypted or old .xls, not a zip), or null: their first bytes only. */
export function checkXlsxBytes(bytes: Uint8Array, file: string): Said | null {
  return checkXlsxSignature(bytes, file);
}

/**
 * Opens the bytes of a returned part for the merge core: its meta and what its names hold,
 * or why it cannot be used (not .xlsx, an OpenDocument file, truncated, password, corrupt, past
 * a reading limit, not a DTI template), naming the file. The bounded reader (./bounded.ts)
 * inflates and counts the whole file within `limits` before exceljs parses any of it, so a zip
 * bomb among the returned files stops with one line instead of exhausting the browser tab.
 */
export async function openPartBytes(
  bytes: Uint8Array,
  file: string,
  resolveSet?: (id: string) => IndicatorSet | undefined,
  limits: XlsxLimits = DEFAULT_XLSX_LIMITS,
): Promise<MergePartInput> {
  const problem = checkXlsx(bytes, file, limits);
  if (problem) return { file, opened: { error: problem.said } };
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs's load() takes a Buffer in its types; in the browser it takes any ArrayBuffer view.
    await wb.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx["load"]>[0]);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { file, opened: { error: { vi: `${file}: tệp .xlsx bị hỏng, không đọc được (${why}).`, en: `${file}: the .xlsx file is corrupt and cannot be read (${why}).` } } };
  }
  return partInput(wb, file, resolveSet);
}

/** An opened workbook given as a part, for the merge core: its meta and what its names hold, or why it is no template. */
export function partInput(wb: ExcelJS.Workbook, file: string, resolveSet?: (id: string) => IndicatorSet | undefined): MergePartInput {
  const meta = workbookMeta(wb, file, resolveSet);
  // The host hands the merge its reasons in both languages, as it does for files it cannot open.
  if ("error" in meta) return { file, opened: { error: sayBoth(meta.error) } };
  return { file, opened: { meta, read: readCellOf(wb), names: workbookNames(wb) } };
}
