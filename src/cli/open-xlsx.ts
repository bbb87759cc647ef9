/**
 * Opens an .xlsx file with exceljs, or says in Vietnamese why it cannot be (missing, not a
 * file, not xlsx, corrupt, password-protected). Shared by `dti score`, `dti template --update`
 * and `dti aggregate`.
 */
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { checkXlsxBytes } from "../xlsx/parts";
import type { NamedValue } from "./xlsx";

export interface OpenXlsxOptions {
  /**
   * Read cell values and defined names only: skip validations, conditional formats, merges,
   * page setup and the like. Several times cheaper; never use it for a workbook that will be
   * written back (those parts would be lost).
   */
  readonly valuesOnly?: boolean;
}

/** Worksheet parts exceljs may skip when only values and defined names are needed. */
const NOT_VALUES = [
  "dataValidations",
  "conditionalFormatting",
  "extLst",
  "cols",
  "mergeCells",
  "pageSetup",
  "headerFooter",
  "sheetProtection",
  "printOptions",
  "pageMargins",
  "sheetViews",
  "hyperlinks",
  "rowBreaks",
  "autoFilter",
  "picture",
  "drawing",
  "tableParts",
];

/** The first bytes of a file (a short read, so large files are not loaded twice). */
function head(file: string, length: number): Buffer {
  const fd = openSync(file, "r");
  try {
    const buffer = Buffer.alloc(length);
    const read = readSync(fd, buffer, 0, length, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** Why `file` cannot be an .xlsx workbook (missing, not a file, encrypted, not a zip), or null. Reads 8 bytes. */
export function checkXlsxFile(file: string): string | null {
  let isFile: boolean;
  try {
    isFile = statSync(file).isFile();
  } catch {
    return `${file}: không tìm thấy tệp.`;
  }
  if (!isFile) return `${file}: không phải một tệp.`;
  let bytes: Buffer;
  try {
    bytes = head(file, 8);
  } catch (e) {
    return `${file}: không đọc được tệp (${(e as Error).message}).`;
  }
  // The signatures and their messages are the ones the task pane checks returned files with.
  return checkXlsxBytes(bytes, file)?.vi ?? null;
}

/** Reads an .xlsx file, or says in Vietnamese why it cannot be (missing, not xlsx, corrupt, encrypted). */
export async function openXlsx(file: string, options: OpenXlsxOptions = {}): Promise<{ workbook: ExcelJS.Workbook } | { error: string }> {
  const problem = checkXlsxFile(file);
  if (problem) return { error: problem };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file, options.valuesOnly ? { ignoreNodes: NOT_VALUES } : undefined);
  } catch (e) {
    return { error: `${file}: tệp .xlsx bị hỏng, không đọc được (${(e as Error).message}).` };
  }
  return { workbook };
}

// ---------------------------------------------------------------------------------------------
// A lean reader of defined names, for reading many unit workbooks quickly (`dti aggregate`).
//
// exceljs builds the whole workbook (every cell, style and sheet, ~100–250 ms a template); a
// unit needs only the cells behind its defined names. This reader unzips the file with
// node:zlib and scans the XML of the sheets those names point to. It handles the workbooks the
// templates produce (and Excel/LibreOffice re-saves of them); for anything it does not fully
// understand (zip64, encryption, cells without addresses) it returns null, and for a name it
// does not resolve (not one plain cell of a known sheet, or a cell in a date format) it answers
// undefined; the caller then falls back to exceljs + readName. test/cli/aggregate.test.ts checks that both give the same NamedValue
// for every name of a filled template.

interface ZipEntry {
  readonly method: number;
  readonly compressedSize: number;
  readonly localOffset: number;
}

/** Central directory of a zip file: entry name → where its data is; null when not a plain zip. */
function zipEntries(buf: Buffer): Map<string, ZipEntry> | null {
  const min = Math.max(0, buf.length - 65557);
  let eocd = -1;
  for (let i = buf.length - 22; i >= min; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || p === 0xffffffff) return null; // zip64
  const out = new Map<string, ZipEntry>();
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return null;
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    if (flags & 1 || compressedSize === 0xffffffff || localOffset === 0xffffffff) return null;
    const name = buf.toString("utf8", p + 46, p + 46 + nameLength).replace(/^\//, "");
    out.set(name, { method, compressedSize, localOffset });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

function zipText(buf: Buffer, entry: ZipEntry | undefined): string | null {
  if (!entry) return null;
  const p = entry.localOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== 0x04034b50) return null;
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const data = buf.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data.toString("utf8");
  if (entry.method === 8) return inflateRawSync(data).toString("utf8");
  return null;
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function xmlDecode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_m, e: string) =>
    e[0] === "#" ? String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : (ENTITIES[e] as string),
  );
}

function attributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(/([\w:.-]+)\s*=\s*"([^"]*)"/g)) out.set(m[1] as string, xmlDecode(m[2] as string));
  return out;
}

/** The text of a string item (<si> or <is>): its <t> runs joined, phonetic runs left out. */
function itemText(xml: string): string {
  const body = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "");
  let text = "";
  for (const m of body.matchAll(/<t\b[^>]*>([\s\S]*?)<\/t>|<t\b[^>]*\/>/g)) text += xmlDecode(m[1] ?? "");
  return text;
}

function relTarget(target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = `xl/${target}`.split("/");
  const out: string[] = [];
  for (const part of parts) {
    if (part === "..") out.pop();
    else if (part !== ".") out.push(part);
  }
  return out.join("/");
}

type CellValue = Exclude<NamedValue, { kind: "missing" } | { kind: "broken" }>;

/** Reads one <c> element as readName would report it; null when this reader cannot. */
function cellValue(
  attrs: Map<string, string>,
  inner: string,
  shared: readonly string[] | null,
  dateStyles: ReadonlySet<number>,
  sheet: string,
  address: string,
): CellValue | null {
  const type = attrs.get("t") ?? "n";
  const f = /<f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/f>)/.exec(inner);
  const v = /<v\b[^>]*>([\s\S]*?)<\/v>|<v\b[^>]*\/>/.exec(inner);
  // An empty <v></v> (LibreOffice writes one for an empty text result) is no value, as in exceljs.
  const raw = v?.[1] ? xmlDecode(v[1]) : null;
  const formula = f ? xmlDecode(f[2] ?? "") : undefined;
  const value = (content: string | number | boolean | null): CellValue =>
    formula === undefined ? { kind: "value", value: content, sheet, address } : { kind: "value", value: content, formula, sheet, address };
  switch (type) {
    case "e":
      return raw === null ? value(null) : { kind: "error", error: raw, sheet, address };
    case "b":
      return value(raw === null ? null : raw === "1" || raw.toLowerCase() === "true");
    case "str":
      return value(raw);
    case "inlineStr": {
      const is = /<is\b[^>]*>([\s\S]*?)<\/is>/.exec(inner);
      return value(is ? itemText(is[1] as string) : raw);
    }
    case "s": {
      if (raw === null) return value(null);
      const text = shared?.[Number(raw)];
      return text === undefined ? null : value(text);
    }
    case "n": {
      if (raw === null || raw === "") return value(null);
      // A number in a date format comes back from exceljs as a Date; leave those to exceljs.
      if (dateStyles.has(Number(attrs.get("s") ?? 0))) return null;
      const n = Number(raw);
      return Number.isFinite(n) ? value(n) : null;
    }
    default:
      return null;
  }
}

/** Built-in number formats that are dates or times (including the East Asian ones), by id. */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Cell styles (indexes into cellXfs) whose number format exceljs reads as a date. */
function dateStyleIds(xml: string | null): Set<number> {
  const out = new Set<number>();
  if (!xml) return out;
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<numFmt\b([^>]*)\/?>/g)) {
    const a = attributes(m[1] as string);
    custom.set(Number(a.get("numFmtId")), a.get("formatCode") ?? "");
  }
  const cellXfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml);
  if (!cellXfs) return out;
  let n = 0;
  for (const m of (cellXfs[1] as string).matchAll(/<xf\b([^>]*?)(?:\/>|>)/g)) {
    const id = Number(attributes(m[1] as string).get("numFmtId") ?? 0);
    const code = custom.get(id);
    // As exceljs (utils.isDateFmt): [..] and quoted text removed, any of y m d h M s b.
    const isDate = code !== undefined ? /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, "")) : BUILTIN_DATE_FORMATS.has(id);
    if (isDate) out.add(n);
    n++;
  }
  return out;
}

export interface FastNames {
  /** Defined names of one plain cell → what the cell holds, as readName reports it. */
  readonly names: ReadonlyMap<string, NamedValue>;
  /** Defined names this reader does not resolve (ranges, constants, #REF!, sheet-scoped, duplicates): ask exceljs. */
  readonly unsupported: ReadonlySet<string>;
  readonly sheets: readonly string[];
}

/**
 * The defined names of an .xlsx file and what their cells hold, read without exceljs; also the
 * sheet names. null when the file needs the full reader (see above).
 */
export function readDefinedNamesFast(buf: Buffer): FastNames | null {
  const zip = zipEntries(buf);
  if (!zip) return null;
  const workbook = zipText(buf, zip.get("xl/workbook.xml"));
  const rels = zipText(buf, zip.get("xl/_rels/workbook.xml.rels"));
  if (!workbook || !rels) return null;
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b([^>]*?)\/?>/g)) {
    const a = attributes(m[1] as string);
    const id = a.get("Id");
    const target = a.get("Target");
    if (id && target) targets.set(id, relTarget(target));
  }
  const sheetPaths = new Map<string, string>();
  const sheets: string[] = [];
  for (const m of workbook.matchAll(/<sheet\b([^>]*?)\/?>/g)) {
    const a = attributes(m[1] as string);
    const name = a.get("name");
    const rid = [...a].find(([k]) => k === "r:id" || (k.endsWith(":id") && k !== "sheetId"))?.[1];
    const target = rid ? targets.get(rid) : undefined;
    if (name === undefined || !target) return null;
    sheets.push(name);
    sheetPaths.set(name, target);
  }
  // name → sheet and cell. A name that is not exactly one plain cell of a known sheet (a range,
  // a constant, #REF!, sheet-scoped, defined twice) is "unsupported": left to exceljs.
  const wanted = new Map<string, { sheet: string; address: string }>();
  const unsupported = new Set<string>();
  for (const m of workbook.matchAll(/<definedName\b([^>]*)>([\s\S]*?)<\/definedName>|<definedName\b([^>]*)\/>/g)) {
    const a = attributes((m[1] ?? m[3]) as string);
    const name = a.get("name");
    if (!name || name.startsWith("_xlnm.")) continue; // print areas and titles
    const ref = m[2] === undefined ? null : /^(?:'((?:[^']|'')+)'|([^'!]+))!\$?([A-Z]{1,3})\$?(\d+)$/.exec(xmlDecode(m[2]).trim());
    const sheet = ref ? (ref[1] ?? ref[2] ?? "").replace(/''/g, "'") : "";
    if (!ref || a.has("localSheetId") || wanted.has(name) || unsupported.has(name) || !sheetPaths.has(sheet)) {
      wanted.delete(name);
      unsupported.add(name);
      continue;
    }
    wanted.set(name, { sheet, address: `${ref[3]}${ref[4]}` });
  }
  const sst = zipText(buf, zip.get("xl/sharedStrings.xml"));
  const shared = sst ? [...sst.matchAll(/<si\b[^>]*>([\s\S]*?)<\/si>|<si\b[^>]*\/>/g)].map((m) => itemText(m[1] ?? "")) : null;
  const dates = dateStyleIds(zipText(buf, zip.get("xl/styles.xml")));
  const bySheet = new Map<string, Set<string>>();
  for (const { sheet, address } of wanted.values()) bySheet.set(sheet, (bySheet.get(sheet) ?? new Set()).add(address));
  const found = new Map<string, CellValue | null>();
  for (const [sheet, addresses] of bySheet) {
    const xml = zipText(buf, zip.get(sheetPaths.get(sheet) as string));
    if (xml === null) return null;
    for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const address = /\br="([^"]*)"/.exec(m[1] as string)?.[1];
      if (address === undefined) return null;
      if (!addresses.has(address)) continue;
      // null: a cell this reader does not read as exceljs would (a date, say); its names go to exceljs.
      found.set(`${sheet}!${address}`, cellValue(attributes(m[1] as string), m[2] ?? "", shared, dates, sheet, address));
    }
  }
  const names = new Map<string, NamedValue>();
  for (const [name, { sheet, address }] of wanted) {
    const value = found.get(`${sheet}!${address}`);
    if (value === null) unsupported.add(name);
    else names.set(name, value ?? { kind: "value", value: null, sheet, address });
  }
  return { names, unsupported, sheets };
}

/**
 * The cell behind a defined name as readName gives it, from the lean reader; undefined when
 * the reader left that name to exceljs.
 */
export function namedValueFrom(fast: FastNames, name: string): NamedValue | undefined {
  if (fast.unsupported.has(name)) return undefined;
  return fast.names.get(name) ?? { kind: "missing" };
}
