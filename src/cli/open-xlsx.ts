/**
 * Opens an .xlsx file with exceljs, or says in Vietnamese why it cannot be (missing, not a
 * file, not xlsx, an OpenDocument file renamed, truncated, corrupt, password-protected, past a
 * reading limit). Shared by `dti score`, `template --update`, `split`, `merge`, `aggregate` and
 * `--set file.xlsx`.
 *
 * Every read is bounded: the file's size is checked before it is read, and the bounded reader
 * (src/xlsx/bounded.ts) inflates and counts the whole file within limits before exceljs sees a
 * byte of it, so exceljs only ever parses input of known, bounded size.
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import {
  checkXlsx,
  checkXlsxSignature,
  fileTooLarge,
  DEFAULT_MAX_CELLS,
  DEFAULT_MAX_MB,
  DEFAULT_XLSX_LIMITS,
  xlsxLimits,
  type RawInflate,
  type XlsxLimits,
  type XlsxProblem,
} from "../xlsx/bounded";
import { readDefinedNamesFast, type FastNames } from "../xlsx/fast-names";

export interface OpenXlsxOptions {
  /**
   * Read cell values and defined names only: skip validations, conditional formats, merges,
   * page setup and the like. Several times cheaper; never use it for a workbook that will be
   * written back (those parts would be lost).
   */
  readonly valuesOnly?: boolean;
  /**
   * Reading limits from the command's --max-mb / --max-cells; a refusal then says how to raise
   * them. Without it the defaults apply (as for a set file named by --set).
   */
  readonly limits?: XlsxLimits;
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

// ---------------------------------------------------------------------------------------------
// Reading limits on the command line.

/** parseArgs options of the commands that read .xlsx files. */
export const LIMIT_OPTIONS = {
  "max-mb": { type: "string" },
  "max-cells": { type: "string" },
} as const;

/** Usage lines of those options, for each command's help. */
export const LIMIT_USAGE = `      --max-mb <số>      giới hạn dung lượng khi đọc tệp .xlsx: tệp tới <số> MB, giải nén tới 2 × <số> MB
                         mỗi phần và 6 × <số> MB cả tệp (mặc định ${DEFAULT_MAX_MB})
      --max-cells <số>   giới hạn số ô mỗi trang tính khi đọc tệp .xlsx (mặc định ${DEFAULT_MAX_CELLS}; cả sổ tới
                         5 × <số> ô, tới hàng <số>/2 và cột thứ <số>/200, trong khung của Excel)
`;

/** The limits the --max-mb / --max-cells values give, or why a value is not usable. */
export function limitsFromArgs(values: { readonly "max-mb"?: string; readonly "max-cells"?: string }): XlsxLimits | { readonly error: string } {
  const number = (flag: string, text: string | undefined, fallback: number): number | string => {
    if (text === undefined) return fallback;
    const n = Number(text.trim().replace(",", "."));
    return text.trim() !== "" && Number.isFinite(n) && n > 0 ? n : `--${flag} ${text}: cần một số dương.`;
  };
  const mb = number("max-mb", values["max-mb"], DEFAULT_MAX_MB);
  if (typeof mb === "string") return { error: mb };
  const cells = number("max-cells", values["max-cells"], DEFAULT_MAX_CELLS);
  if (typeof cells === "string") return { error: cells };
  return xlsxLimits(mb, cells);
}

/** The one line of a refusal; with limits from the command line, how to raise the one passed. */
export function problemLine(problem: XlsxProblem, fromFlags: boolean): string {
  const how =
    fromFlags && problem.limit === "bytes"
      ? " Có thể nâng giới hạn bằng --max-mb <số MB>."
      : fromFlags && problem.limit === "cells"
        ? " Có thể nâng giới hạn bằng --max-cells <số ô>."
        : "";
  return `${problem.said.vi}${how}`;
}

// ---------------------------------------------------------------------------------------------
// Files.

/**
 * Node's zlib, lent to the bounded reader: native inflation, about three times faster than
 * fflate here (aggregate reads hundreds of files), and bounded the same way: zlib itself stops
 * once the output passes maxOutputLength. The task pane has no zlib and inflates with fflate.
 */
export const zlibInflate: RawInflate = (data, maxBytes) => {
  try {
    return inflateRawSync(data, { maxOutputLength: maxBytes });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") return null;
    throw e;
  }
};

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
  return checkXlsxSignature(bytes, file)?.vi ?? null;
}

/** The bytes of an .xlsx file, or why it cannot be read: its size is checked before it is loaded. */
export function readXlsxBytes(file: string, options: OpenXlsxOptions = {}): { readonly bytes: Buffer } | { readonly error: string } {
  const problem = checkXlsxFile(file);
  if (problem) return { error: problem };
  const limits = options.limits ?? DEFAULT_XLSX_LIMITS;
  try {
    const size = statSync(file).size;
    if (size > limits.maxFileBytes) return { error: problemLine(fileTooLarge(size, file, limits), options.limits !== undefined) };
    return { bytes: readFileSync(file) };
  } catch (e) {
    return { error: `${file}: không đọc được tệp (${(e as Error).message}).` };
  }
}

/** Reads an .xlsx file within the reading limits, or says in Vietnamese why it cannot be. */
export async function openXlsx(file: string, options: OpenXlsxOptions = {}): Promise<{ workbook: ExcelJS.Workbook } | { error: string }> {
  const got = readXlsxBytes(file, options);
  if ("error" in got) return got;
  const problem = checkXlsx(got.bytes, file, options.limits ?? DEFAULT_XLSX_LIMITS, { valuesOnly: options.valuesOnly === true, inflateRaw: zlibInflate });
  if (problem) return { error: problemLine(problem, options.limits !== undefined) };
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(got.bytes as unknown as Parameters<ExcelJS.Xlsx["load"]>[0], options.valuesOnly ? ({ ignoreNodes: NOT_VALUES } as Partial<ExcelJS.XlsxReadOptions>) : undefined);
  } catch (e) {
    return { error: `${file}: tệp .xlsx bị hỏng, không đọc được (${(e as Error).message}).` };
  }
  return { workbook };
}

/**
 * The lean read of a file's defined names (src/xlsx/fast-names.ts) within the reading limits:
 * the names, or a refusal line, or null when the file needs exceljs.
 */
export function readNamesFile(file: string, options: OpenXlsxOptions = {}): FastNames | { readonly error: string } | null {
  const got = readXlsxBytes(file, options);
  if ("error" in got) return got;
  const fast = readDefinedNamesFast(got.bytes, file, options.limits ?? DEFAULT_XLSX_LIMITS, zlibInflate);
  if (fast === null || "names" in fast) return fast;
  return { error: problemLine(fast, options.limits !== undefined) };
}
