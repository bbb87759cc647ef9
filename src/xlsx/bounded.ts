/**
 * Bounded reading of .xlsx files, before exceljs (or the lean reader of defined names) sees
 * them. Twenty agencies email workbooks back; what comes back may be an OpenDocument file
 * renamed, a file a mail gateway cut short, or a 1 MB "zip bomb" that inflates to gigabytes.
 * Every limit here is enforced WHILE inflating and parsing: an entry is inflated in small
 * chunks (fflate's streaming Inflate) and abandoned as soon as it passes its limit, whatever
 * sizes the zip declares; the cells of a worksheet are counted as the XML streams through the
 * parser (saxes, the parser exceljs itself uses), and the read stops at the first cell past a
 * limit. Refusals are one line naming the file and the limit or what the file is.
 *
 * No Node API here: the task pane bundles this module for its in-browser merge.
 *
 * The zip's central directory is read the way JSZip (inside exceljs) reads it: each entry's
 * data is where its central record's local header says, as long as its central record says.
 * fflate's own unzip functions either inflate to the size an entry declares (unzipSync) or
 * follow the local headers in file order (Unzip), neither of which is what exceljs will read
 * afterwards; bounding anything else than the bytes exceljs inflates would prove nothing. So
 * the directory is indexed here (a few fixed-offset fields) and every byte is inflated by fflate.
 */
import { Inflate } from "fflate";
import { SaxesParser, type SaxesTagPlain } from "saxes";
import type { Said } from "../layout/merge";

const MB = 1024 * 1024;

/**
 * How much of an .xlsx file is read before it is refused. The largest real DTI workbook is a
 * 2022 template with the sample task list: 0.1 MB on disk, 0.95 MB inflated (largest part
 * 0.35 MB), 4 581 cells on its largest sheet, 230 rows, 21 columns (measured on
 * `dti template --with-sample-tasks`, test/xlsx/bounded.test.ts keeps it under a tenth of
 * every default). The defaults leave room for a province's own sheets, pasted pictures and
 * long task lists (≥ 40× in every dimension) and keep exceljs under ~2 GB on a file at the limits.
 */
export interface XlsxLimits {
  /** Bytes of the .xlsx file itself. */
  readonly maxFileBytes: number;
  /** Inflated bytes of any one part (zip entry). */
  readonly maxEntryBytes: number;
  /** Inflated bytes of all the parts read. */
  readonly maxTotalBytes: number;
  /** Cells (`<c>` elements) of one worksheet. */
  readonly maxCellsPerSheet: number;
  /** Cells of all worksheets read. */
  readonly maxCellsTotal: number;
  /** Highest row a cell of a worksheet read may be on (cells and the sheet's `<dimension>`). */
  readonly maxRows: number;
  /** Highest column a cell may be in (cells and `<dimension>`). */
  readonly maxColumns: number;
  /**
   * Cells covered by the data validations of one sheet, for a full read: exceljs expands every
   * validation range into one entry per cell, so "A1:XFD1048576" alone would never finish.
   */
  readonly maxValidationCells: number;
}

/** Excel's own grid: 1 048 576 rows, 16 384 columns (XFD). */
export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLUMNS = 16_384;

export const DEFAULT_MAX_MB = 50;
export const DEFAULT_MAX_CELLS = 200_000;

/**
 * Limits from the two knobs the CLI offers: `maxMb` for bytes (the file ≤ maxMb MB, one part
 * inflated ≤ 2 × maxMb, all parts ≤ 6 × maxMb) and `maxCells` for worksheets (≤ maxCells
 * cells a sheet, 5 × maxCells in all, rows ≤ maxCells / 2, columns ≤ maxCells / 200, within
 * Excel's grid; validations over ≤ 10 × maxCells cells a sheet, and always two whole columns). The defaults (50 MB, 200 000 cells) give DEFAULT_XLSX_LIMITS.
 */
export function xlsxLimits(maxMb: number = DEFAULT_MAX_MB, maxCells: number = DEFAULT_MAX_CELLS): XlsxLimits {
  return {
    maxFileBytes: Math.floor(maxMb * MB),
    maxEntryBytes: Math.floor(2 * maxMb * MB),
    maxTotalBytes: Math.floor(6 * maxMb * MB),
    maxCellsPerSheet: Math.floor(maxCells),
    maxCellsTotal: Math.floor(5 * maxCells),
    maxRows: Math.min(EXCEL_MAX_ROWS, Math.max(1, Math.floor(maxCells / 2))),
    maxColumns: Math.min(EXCEL_MAX_COLUMNS, Math.max(1, Math.floor(maxCells / 200))),
    // At least two whole columns: Excel users set a validation on a column by selecting it.
    maxValidationCells: Math.max(2 * EXCEL_MAX_ROWS, Math.floor(10 * maxCells)),
  };
}

/**
 * 50 MB file, 100 MB a part, 300 MB in all; 200 000 cells a sheet, 1 000 000 in all; 100 000
 * rows, 1 000 columns; validations over 2 097 152 cells a sheet (two whole columns).
 */
export const DEFAULT_XLSX_LIMITS: XlsxLimits = xlsxLimits();

/** What is wrong with a file, for callers that react differently (the CLI suggests --max-mb / --max-cells). */
export type XlsxProblemKind = "too-large" | "not-xlsx" | "encrypted" | "truncated" | "corrupt" | "opendocument" | "not-workbook" | "no-sheets";

export interface XlsxProblem {
  readonly kind: XlsxProblemKind;
  /** One line, naming the file. */
  readonly said: Said;
  /** For "too-large": which knob raises the limit that was passed. */
  readonly limit?: "bytes" | "cells";
}

/** Thrown inside this module and by readers built on it; callers get an XlsxProblem. */
export class XlsxRefused extends Error {
  constructor(readonly problem: XlsxProblem) {
    super(problem.said.vi);
    this.name = "XlsxRefused";
  }
}

function refuse(kind: XlsxProblemKind, vi: string, en: string, limit?: "bytes" | "cells"): never {
  throw new XlsxRefused(limit ? { kind, said: { vi, en }, limit } : { kind, said: { vi, en } });
}

/** 200000 → "200.000" (vi) / "200,000" (en). */
function count(n: number, sep: string): string {
  return String(Math.floor(n)).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

function megabytes(bytes: number, lang: "vi" | "en"): string {
  const mb = bytes / MB;
  const text = Number.isInteger(mb) ? String(mb) : mb.toFixed(mb < 10 ? 2 : 1);
  return `${lang === "vi" ? text.replace(".", ",") : text} MB`;
}

/** Column number (1-based) → letters: 1 → A, 16384 → XFD. */
export function columnName(column: number): string {
  let s = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** "AB12" (with or without $) → row and column; null when it is no cell address. */
export function parseAddress(text: string): { row: number; column: number; canonical: boolean } | null {
  let i = 0;
  let column = 0;
  let row = 0;
  // "C4" as every writer puts it; "$c$4" is read too, and said not to be canonical.
  let canonical = true;
  if (text.charCodeAt(i) === 36) {
    i++; // $
    canonical = false;
  }
  const c0 = i;
  for (; i < text.length; i++) {
    const raw = text.charCodeAt(i);
    const c = raw & ~32; // upper case
    if (c < 65 || c > 90) break;
    if (raw !== c) canonical = false;
    column = column * 26 + (c - 64);
    if (column > 1e9) return null;
  }
  if (i === c0 || i - c0 > 7) return null;
  if (text.charCodeAt(i) === 36) {
    i++;
    canonical = false;
  }
  const r0 = i;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return null;
    row = row * 10 + (c - 48);
    if (row > 1e12) return null;
  }
  if (i === r0 || row === 0) return null;
  return { row, column, canonical };
}

/** The refusal of a file larger than maxFileBytes (callers that know the size before reading use it too). */
export function fileTooLarge(size: number, file: string, limits: XlsxLimits): XlsxProblem {
  return {
    kind: "too-large",
    limit: "bytes",
    said: {
      vi: `${file}: tệp lớn ${megabytes(size, "vi")}, vượt giới hạn ${megabytes(limits.maxFileBytes, "vi")} khi đọc tệp .xlsx; không đọc.`,
      en: `${file}: the file is ${megabytes(size, "en")}, over the ${megabytes(limits.maxFileBytes, "en")} limit for reading an .xlsx file; not read.`,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The zip container.

/** Why these bytes cannot be an .xlsx workbook from their first bytes alone (encrypted or old .xls, not a zip), or null. */
export function checkXlsxSignature(bytes: Uint8Array, file: string): Said | null {
  const starts = (sig: readonly number[]): boolean => sig.every((b, i) => bytes[i] === b);
  if (starts([0xd0, 0xcf, 0x11, 0xe0])) {
    // An OLE compound file: Excel's encrypted .xlsx (a password to open) or a pre-2007 .xls.
    return {
      vi: `${file}: tệp được đặt mật khẩu hoặc là định dạng .xls cũ; hãy bỏ mật khẩu hoặc lưu lại dưới dạng .xlsx.`,
      en: `${file}: the file is password-protected or an old .xls; remove the password or save it as .xlsx.`,
    };
  }
  if (bytes.length === 0) return { vi: `${file}: không phải tệp .xlsx (tệp rỗng, 0 byte).`, en: `${file}: not an .xlsx file (the file is empty).` };
  if (!starts([0x50, 0x4b])) return { vi: `${file}: không phải tệp .xlsx.`, en: `${file}: not an .xlsx file.` };
  return null;
}

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly flags: number;
  readonly compressedSize: number;
  readonly declaredSize: number;
  /** Where the entry's data starts (after its local header). */
  readonly dataStart: number;
}

const u16 = (b: Uint8Array, p: number): number => b[p]! | (b[p + 1]! << 8);
const u32 = (b: Uint8Array, p: number): number => (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16) | (b[p + 3]! << 24)) >>> 0;
const u64 = (b: Uint8Array, p: number): number => u32(b, p) + u32(b, p + 4) * 0x1_0000_0000;

const utf8 = new TextDecoder("utf-8");
/** Entry names are ASCII in every .xlsx; others are read as UTF-8 (flag 11) or Latin-1 like CP437's ASCII half. */
function entryName(b: Uint8Array, flags: number): string {
  if (flags & 0x800) return utf8.decode(b);
  let s = "";
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
}

/** Fetches bytes, refusing the read as "corrupt" or "truncated" when they run past the end. */
function need(bytes: Uint8Array, p: number, n: number, file: string, what: string): void {
  if (p < 0 || p + n > bytes.length) {
    refuse(
      "corrupt",
      `${file}: tệp .xlsx bị hỏng, không đọc được (${what} nằm ngoài tệp).`,
      `${file}: the .xlsx file is corrupt and cannot be read (${what} lies outside the file).`,
    );
  }
}

function corrupt(file: string, vi: string, en: string): never {
  refuse("corrupt", `${file}: tệp .xlsx bị hỏng, không đọc được (${vi}).`, `${file}: the .xlsx file is corrupt and cannot be read (${en}).`);
}

/** The entries of a zip file, from its central directory, as JSZip reads them. */
function readCentralDirectory(bytes: Uint8Array, file: string): ZipEntry[] {
  const n = bytes.length;
  let eocd = -1;
  for (let i = n - 22; i >= Math.max(0, n - 22 - 0xffff); i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 5 && bytes[i + 3] === 6) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) {
    // A zip is written front to back and its directory last: a file that starts as a zip but
    // has no end record was cut short (a mail gateway's size limit, an interrupted download).
    refuse(
      "truncated",
      `${file}: tệp .xlsx bị hỏng, không đọc được (tệp bị cắt cụt, thiếu phần cuối; có thể bị cắt khi gửi qua thư: hãy xin gửi lại tệp).`,
      `${file}: the .xlsx file is corrupt and cannot be read (it is truncated, its end is missing; a mail gateway may have cut it: ask for it again).`,
    );
  }
  let entries = u16(bytes, eocd + 10);
  let offset = u32(bytes, eocd + 16);
  if (entries === 0xffff || offset === 0xffffffff) {
    // Zip64: the locator sits right before the end record.
    const locator = eocd - 20;
    if (locator < 0 || u32(bytes, locator) !== 0x07064b50) corrupt(file, "thiếu bản ghi zip64", "zip64 record missing");
    const record = u64(bytes, locator + 8);
    need(bytes, record, 56, file, "bản ghi zip64");
    if (u32(bytes, record) !== 0x06064b50) corrupt(file, "bản ghi zip64 sai", "bad zip64 record");
    entries = u64(bytes, record + 32);
    offset = u64(bytes, record + 48);
  }
  // Each central record is at least 46 bytes: a count that cannot fit is a lie, not a loop bound.
  if (entries * 46 > n) corrupt(file, "mục lục tệp nén sai", "bad zip directory");
  const out: ZipEntry[] = [];
  let p = offset;
  for (let k = 0; k < entries; k++) {
    need(bytes, p, 46, file, "mục lục tệp nén");
    if (u32(bytes, p) !== 0x02014b50) corrupt(file, "mục lục tệp nén sai", "bad zip directory");
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    let compressedSize = u32(bytes, p + 20);
    let declaredSize = u32(bytes, p + 24);
    const nameLength = u16(bytes, p + 28);
    const extraLength = u16(bytes, p + 30);
    const commentLength = u16(bytes, p + 32);
    let local = u32(bytes, p + 42);
    need(bytes, p + 46, nameLength + extraLength + commentLength, file, "mục lục tệp nén");
    const name = entryName(bytes.subarray(p + 46, p + 46 + nameLength), flags);
    if (compressedSize === 0xffffffff || declaredSize === 0xffffffff || local === 0xffffffff) {
      // Zip64 extended information (extra field 0x0001): the fields that overflowed, in this order.
      for (let e = p + 46 + nameLength; e + 4 <= p + 46 + nameLength + extraLength; ) {
        const id = u16(bytes, e);
        const size = u16(bytes, e + 2);
        if (id === 1) {
          let q = e + 4;
          if (declaredSize === 0xffffffff && q + 8 <= e + 4 + size) {
            declaredSize = u64(bytes, q);
            q += 8;
          }
          if (compressedSize === 0xffffffff && q + 8 <= e + 4 + size) {
            compressedSize = u64(bytes, q);
            q += 8;
          }
          if (local === 0xffffffff && q + 8 <= e + 4 + size) local = u64(bytes, q);
          break;
        }
        e += 4 + size;
      }
    }
    p += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith("/")) continue; // a folder
    need(bytes, local, 30, file, `phần ${name}`);
    if (u32(bytes, local) !== 0x04034b50) corrupt(file, `phần ${name} sai`, `bad part ${name}`);
    const dataStart = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
    if (dataStart + compressedSize > n) {
      refuse(
        "truncated",
        `${file}: tệp .xlsx bị hỏng, không đọc được (phần ${name} bị cắt cụt; có thể bị cắt khi gửi qua thư: hãy xin gửi lại tệp).`,
        `${file}: the .xlsx file is corrupt and cannot be read (part ${name} is truncated; a mail gateway may have cut it: ask for it again).`,
      );
    }
    // exceljs drops a leading "/" from entry names.
    out.push({ name: name.startsWith("/") ? name.slice(1) : name, method, flags, compressedSize, declaredSize, dataStart });
  }
  return out;
}

const utf8NoBom = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * UTF-8 decoding of a part that arrives in chunks. TextDecoder's own streaming mode is several
 * times slower than a whole decode (Node decodes whole buffers with SIMD), so each chunk is
 * decoded whole up to its last complete character and the few bytes of a character cut in two
 * are carried to the next chunk. A byte-order mark is dropped at the start of the part only.
 */
class Utf8Chunks {
  private carry: Uint8Array | null = null;
  private first = true;

  decode(chunk: Uint8Array): string {
    let bytes = chunk;
    if (this.carry) {
      bytes = new Uint8Array(this.carry.length + chunk.length);
      bytes.set(this.carry);
      bytes.set(chunk, this.carry.length);
      this.carry = null;
    }
    let cut = bytes.length;
    for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 4); i--) {
      const b = bytes[i]!;
      if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back for the lead
      if (b >= 0xc0) {
        const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
        if (bytes.length - i < length) cut = i;
      }
      break;
    }
    if (cut < bytes.length) this.carry = bytes.slice(cut);
    return this.text(bytes.subarray(0, cut));
  }

  end(): string {
    const rest = this.carry;
    this.carry = null;
    return rest ? this.text(rest) : "";
  }

  private text(bytes: Uint8Array): string {
    if (bytes.length === 0) return "";
    const decoder = this.first ? utf8 : utf8NoBom;
    this.first = false;
    return decoder.decode(bytes);
  }
}

/** A parse handler's way to end the read of a part early. */
export interface XmlRead {
  /** Stops parsing now: "skip" leaves the rest of the part uninflated, "drain" inflates it (within the limits) unparsed. */
  stop(rest: "skip" | "drain"): never;
}

/** Thrown through the parser and the inflater to end a read early; never leaves this module. */
const STOP = new Error("stop reading");

/**
 * A raw-DEFLATE inflater a host may lend (the CLI lends Node's zlib, native and ~3× faster):
 * it must stop inflating once the output passes `maxBytes` and then return null. Without one,
 * fflate inflates (the task pane).
 */
export type RawInflate = (data: Uint8Array, maxBytes: number) => Uint8Array | null;

/** Parts up to this size (as declared) may be inflated whole by a host's native inflater. */
const NATIVE_MAX = 8 * 1024 * 1024;

/** Bytes pushed to the inflater at a time: one push inflates to at most ~1 032 times this (DEFLATE's maximum ratio). */
const CHUNK = 16 * 1024;

/**
 * A zip file whose parts are inflated within limits: per part, and in total over every part
 * this reader inflates. Throws XlsxRefused when a part passes a limit, the data is corrupt or
 * the zip is encrypted.
 */
export class BoundedZip {
  readonly entries: readonly ZipEntry[];
  private readonly byName = new Map<string, ZipEntry>();
  private inflated = 0;

  private constructor(
    private readonly bytes: Uint8Array,
    readonly file: string,
    readonly limits: XlsxLimits,
    private readonly native: RawInflate | undefined,
  ) {
    this.entries = readCentralDirectory(bytes, file);
    // With a name twice, JSZip (exceljs) keeps the last.
    for (const e of this.entries) this.byName.set(e.name, e);
  }

  /** Opens the zip (its directory only: nothing is inflated yet). Throws XlsxRefused. */
  static open(bytes: Uint8Array, file: string, limits: XlsxLimits = DEFAULT_XLSX_LIMITS, inflateRaw?: RawInflate): BoundedZip {
    if (bytes.length > limits.maxFileBytes) throw new XlsxRefused(fileTooLarge(bytes.length, file, limits));
    const sig = checkXlsxSignature(bytes, file);
    if (sig) throw new XlsxRefused({ kind: bytes[0] === 0xd0 ? "encrypted" : "not-xlsx", said: sig });
    return new BoundedZip(bytes, file, limits, inflateRaw);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  entry(name: string): ZipEntry | undefined {
    return this.byName.get(name);
  }

  /** Inflated bytes so far, over every part read. */
  get inflatedBytes(): number {
    return this.inflated;
  }

  /**
   * Inflates one part, handing its bytes to `sink` chunk by chunk; stops (XlsxRefused) the
   * moment the part or the running total passes its limit.
   */
  inflate(entry: ZipEntry, sink: (chunk: Uint8Array) => void): void {
    const { file, limits } = this;
    if (entry.flags & 1) {
      refuse(
        "encrypted",
        `${file}: tệp nén được đặt mật khẩu (phần ${entry.name}); hãy bỏ mật khẩu và lưu lại dưới dạng .xlsx.`,
        `${file}: the zip is password-protected (part ${entry.name}); remove the password and save it as .xlsx.`,
      );
    }
    let produced = 0;
    // An error thrown by the sink (the XML parser, a cell limit) is the sink's, not a damaged stream.
    let inSink = false;
    const counted = (n: number): void => {
      produced += n;
      this.inflated += n;
      if (produced > limits.maxEntryBytes) {
        refuse(
          "too-large",
          `${file}: phần ${entry.name} khi giải nén vượt ${megabytes(limits.maxEntryBytes, "vi")} (giới hạn mỗi phần của tệp .xlsx); tệp có thể là "bom nén", không đọc.`,
          `${file}: part ${entry.name} inflates past ${megabytes(limits.maxEntryBytes, "en")} (the limit for one part of an .xlsx file); the file may be a zip bomb and is not read.`,
          "bytes",
        );
      }
      if (this.inflated > limits.maxTotalBytes) {
        refuse(
          "too-large",
          `${file}: nội dung tệp khi giải nén vượt ${megabytes(limits.maxTotalBytes, "vi")} (giới hạn cả tệp .xlsx); tệp có thể là "bom nén", không đọc.`,
          `${file}: the file inflates past ${megabytes(limits.maxTotalBytes, "en")} (the limit for a whole .xlsx file); it may be a zip bomb and is not read.`,
          "bytes",
        );
      }
    };
    const take = (chunk: Uint8Array): void => {
      counted(chunk.length);
      if (chunk.length === 0) return;
      inSink = true;
      sink(chunk);
      inSink = false;
    };
    const data = this.bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    if (entry.method === 0) {
      for (let p = 0; p < data.length; p += CHUNK) take(data.subarray(p, Math.min(data.length, p + CHUNK)));
      return;
    }
    if (entry.method !== 8) corrupt(file, `phần ${entry.name} dùng cách nén ${entry.method} không hỗ trợ`, `part ${entry.name} uses unsupported compression ${entry.method}`);
    if (this.native && entry.declaredSize <= NATIVE_MAX) {
      // A small part, inflated whole by the host: never past the size it declares (one byte
      // more says it lied), nor past the room left in the limits. Anything larger streams
      // through fflate below, so a sheet of too many cells is stopped while it inflates.
      const room = Math.max(0, Math.min(limits.maxEntryBytes - produced, limits.maxTotalBytes - this.inflated));
      const cap = Math.min(entry.declaredSize, room);
      let out: Uint8Array | null;
      try {
        out = this.native(data, cap + 1);
      } catch {
        corrupt(file, `dữ liệu nén của phần ${entry.name} hỏng`, `the compressed data of part ${entry.name} is damaged`);
      }
      if (out === null || out.length > cap) {
        if (cap === room) counted(room + 1); // refuses, naming the limit passed
        corrupt(
          file,
          `phần ${entry.name} giải nén ra nhiều hơn kích thước ghi trong tệp nén; tệp hỏng hoặc là "bom nén"`,
          `part ${entry.name} inflates to more than the zip says; the file is damaged or a zip bomb`,
        );
      }
      const slice = 64 * 1024; // handed over in pieces, so a parse that stops early decodes no more
      for (let p = 0; p < out.length; p += slice) take(out.subarray(p, Math.min(out.length, p + slice)));
      return;
    }
    const inflater = new Inflate((chunk) => take(chunk));
    try {
      if (data.length === 0) inflater.push(data, true);
      for (let p = 0; p < data.length; p += CHUNK) {
        const end = Math.min(data.length, p + CHUNK);
        inflater.push(data.subarray(p, end), end === data.length);
      }
    } catch (e) {
      if (e instanceof XlsxRefused || inSink) throw e;
      corrupt(file, `dữ liệu nén của phần ${entry.name} hỏng`, `the compressed data of part ${entry.name} is damaged`);
    }
  }

  /** A part's bytes, inflated within the limits; null when there is no such part. */
  bytesOf(name: string): Uint8Array | null {
    const entry = this.byName.get(name);
    if (!entry) return null;
    const chunks: Uint8Array[] = [];
    let size = 0;
    this.inflate(entry, (c) => {
      chunks.push(c);
      size += c.length;
    });
    if (chunks.length === 1) return chunks[0]!;
    const out = new Uint8Array(size);
    let p = 0;
    for (const c of chunks) {
      out.set(c, p);
      p += c.length;
    }
    return out;
  }

  /** A part as text (UTF-8), inflated within the limits; null when there is no such part. */
  textOf(name: string): string | null {
    const bytes = this.bytesOf(name);
    return bytes === null ? null : utf8.decode(bytes);
  }

  /**
   * Streams a part through a fresh XML parser as it inflates. `setup` registers the handlers;
   * a handler may throw XlsxRefused to stop the read. False when there is no such part.
   */
  parseXml(name: string, setup: (parser: SaxesParser, read: XmlRead) => void): boolean {
    const entry = this.byName.get(name);
    if (!entry) return false;
    this.parseEntry(entry, setup);
    return true;
  }

  /** As parseXml, for one entry (of several with the same name, say). */
  parseEntry(entry: ZipEntry, setup: (parser: SaxesParser, read: XmlRead) => void): void {
    // Positions are not needed; without them saxes is faster.
    const parser = new SaxesParser({ position: false });
    let rest: "skip" | "drain" | null = null;
    setup(parser, {
      stop(then) {
        rest = then;
        throw STOP;
      },
    });
    const decoder = new Utf8Chunks();
    const write = (text: string): void => {
      try {
        parser.write(text);
      } catch (e) {
        // "drain": the rest is inflated (counted against the limits, as exceljs will inflate it) but not parsed.
        if (e !== STOP || rest === "skip") throw e;
      }
    };
    try {
      this.inflate(entry, (chunk) => {
        if (rest === null) write(decoder.decode(chunk));
      });
      if (rest === null) write(decoder.end());
      if (rest === null) parser.close();
    } catch (e) {
      if (e === STOP) return;
      if (e instanceof XlsxRefused) throw e;
      const why = e instanceof Error ? (e.message.split("\n")[0] ?? "") : String(e);
      corrupt(this.file, `phần ${entry.name} không phải XML hợp lệ: ${why}`, `part ${entry.name} is not well-formed XML: ${why}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// What kind of file it is.

const OPENDOCUMENT = "application/vnd.oasis.opendocument.";

/** Refuses a zip that is not an .xlsx workbook, saying what it is. */
function classify(zip: BoundedZip): void {
  const { file } = zip;
  if (zip.has("xl/workbook.xml") && zip.has("[Content_Types].xml")) return;
  const mimetype = zip.entry("mimetype");
  let mime = "";
  if (mimetype && mimetype.compressedSize <= 256) mime = (zip.textOf("mimetype") ?? "").trim();
  if (mime.startsWith(OPENDOCUMENT) || (zip.has("content.xml") && zip.has("META-INF/manifest.xml"))) {
    if (mime === "" || mime.startsWith(`${OPENDOCUMENT}spreadsheet`)) {
      refuse(
        "opendocument",
        `${file}: không phải tệp .xlsx (tệp OpenDocument .ods; hãy mở bằng Excel/LibreOffice và lưu lại dạng .xlsx).`,
        `${file}: not an .xlsx file (an OpenDocument .ods file; open it in Excel/LibreOffice and save it as .xlsx).`,
      );
    }
    refuse(
      "opendocument",
      `${file}: không phải tệp .xlsx (tệp OpenDocument, không phải bảng tính: ${mime.slice(OPENDOCUMENT.length)}).`,
      `${file}: not an .xlsx file (an OpenDocument file that is no spreadsheet: ${mime.slice(OPENDOCUMENT.length)}).`,
    );
  }
  const other: [string, string, string][] = [
    ["xl/workbook.bin", "tệp Excel nhị phân .xlsb; hãy mở bằng Excel và lưu lại dạng .xlsx", "an Excel binary .xlsb file; open it in Excel and save it as .xlsx"],
    ["word/document.xml", "tệp Word .docx", "a Word .docx file"],
    ["ppt/presentation.xml", "tệp PowerPoint .pptx", "a PowerPoint .pptx file"],
  ];
  for (const [part, vi, en] of other) if (zip.has(part)) refuse("not-workbook", `${file}: không phải tệp .xlsx (${vi}).`, `${file}: not an .xlsx file (${en}).`);
  refuse(
    "not-workbook",
    `${file}: không phải tệp .xlsx (tệp nén .zip không chứa sổ Excel: thiếu ${zip.has("[Content_Types].xml") ? "xl/workbook.xml" : "[Content_Types].xml"}).`,
    `${file}: not an .xlsx file (a .zip that holds no Excel workbook: ${zip.has("[Content_Types].xml") ? "xl/workbook.xml" : "[Content_Types].xml"} is missing).`,
  );
}

/** The local part of a tag name ("x:c" → "c"): some writers prefix the spreadsheet namespace. */
const local = (name: string): string => {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
};

export interface WorkbookSheet {
  readonly name: string;
  /** The part holding the sheet ("xl/worksheets/sheet1.xml"); undefined when its relationship is missing. */
  readonly path: string | undefined;
}

export interface RawDefinedName {
  readonly name: string;
  /** The formula text, as written (entities decoded). */
  readonly formula: string;
  /** Index into the sheets when the name is scoped to one sheet. */
  readonly localSheetId: number | undefined;
}

export interface WorkbookParts {
  readonly sheets: readonly WorkbookSheet[];
  readonly definedNames: readonly RawDefinedName[];
}

/** A relationship target, relative to xl/ (or absolute), as a zip path. */
function relTarget(target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const out: string[] = [];
  for (const part of `xl/${target}`.split("/")) {
    if (part === "..") out.pop();
    else if (part !== "." && part !== "") out.push(part);
  }
  return out.join("/");
}

/**
 * Opens an .xlsx file's zip and reads its workbook part and relationships: the sheets (name
 * and part) and the defined names. Refuses (XlsxRefused) what is no .xlsx workbook, saying
 * what it is, and a workbook without sheets.
 */
export function openWorkbook(
  bytes: Uint8Array,
  file: string,
  limits: XlsxLimits = DEFAULT_XLSX_LIMITS,
  inflateRaw?: RawInflate,
): { zip: BoundedZip; workbook: WorkbookParts } {
  const zip = BoundedZip.open(bytes, file, limits, inflateRaw);
  classify(zip);
  const targets = new Map<string, string>();
  zip.parseXml("xl/_rels/workbook.xml.rels", (p) => {
    p.on("opentag", (tag: SaxesTagPlain) => {
      if (local(tag.name) !== "Relationship") return;
      const id = tag.attributes.Id;
      const target = tag.attributes.Target;
      if (id !== undefined && target !== undefined && tag.attributes.TargetMode !== "External") targets.set(id, relTarget(target));
    });
  });
  const sheets: { name: string; rid: string | undefined }[] = [];
  const definedNames: RawDefinedName[] = [];
  let inDefinedName: { name: string; localSheetId: number | undefined } | null = null;
  let text = "";
  zip.parseXml("xl/workbook.xml", (p, read) => {
    p.on("opentag", (tag: SaxesTagPlain) => {
      const name = local(tag.name);
      if (name === "sheet") {
        const a = tag.attributes;
        // The relationship id is r:id, whatever prefix the file gives the relationships namespace.
        let rid: string | undefined;
        for (const key in a) if (local(key) === "id" && key.includes(":")) rid = a[key];
        sheets.push({ name: a.name ?? "", rid });
      } else if (name === "definedName") {
        const id = tag.attributes.localSheetId;
        inDefinedName = { name: tag.attributes.name ?? "", localSheetId: id === undefined || !/^\d+$/.test(id) ? undefined : Number(id) };
        text = "";
      }
    });
    p.on("text", (t: string) => {
      if (inDefinedName) text += t;
    });
    p.on("closetag", (tag: SaxesTagPlain) => {
      const name = local(tag.name);
      if (inDefinedName && name === "definedName") {
        definedNames.push({ ...inDefinedName, formula: text });
        inDefinedName = null;
      } else if (name === "definedNames") {
        // Nothing after the names is needed here (a full read inflates the part again, within the limits).
        read.stop("skip");
      }
    });
  });
  if (sheets.length === 0) {
    refuse(
      "no-sheets",
      `${file}: sổ không có trang tính nào (tệp .xlsx rỗng hoặc hỏng); hãy mở bằng Excel và lưu lại.`,
      `${file}: the workbook has no worksheets (an empty or damaged .xlsx); open it in Excel and save it again.`,
    );
  }
  return { zip, workbook: { sheets: sheets.map((s) => ({ name: s.name, path: s.rid === undefined ? undefined : targets.get(s.rid) })), definedNames } };
}

// ---------------------------------------------------------------------------------------------
// Worksheets.

/** One `<c>` element as the sheet has it. */
export interface SheetCell {
  readonly row: number;
  readonly column: number;
  /** Its address as "C4": its `r` attribute (without $, in capitals), or the address its position gives. */
  readonly address: string;
  /** Whether the address is the cell's own `r` attribute (false: placed by its position). */
  readonly written: boolean;
  /** Cell type (t), style index (s). */
  readonly type: string | undefined;
  readonly style: string | undefined;
  /** Text of `<f>` (empty for a shared formula's other cells); undefined when the cell has none. */
  readonly formula: string | undefined;
  /** Text of `<v>`, undefined when absent. */
  readonly value: string | undefined;
  /** Text of `<is>` (an inline string), phonetic runs left out; undefined when absent. */
  readonly inline: string | undefined;
}

/** Running count of cells over the sheets of one file (the total limit). */
export interface CellBudget {
  cells: number;
}

/** What a reader wants of a sheet's cells: `want` picks them by address (as written), `cell` gets them whole. */
export interface SheetVisitor {
  want(address: string, written: boolean): boolean;
  cell(cell: SheetCell): void;
}

type OpenCell = { -readonly [K in keyof SheetCell]: SheetCell[K] };

export interface ScanOptions {
  readonly visit?: SheetVisitor;
  /**
   * After the cells (`</sheetData>`): "skip" the rest of the part (a reader of values), "drain"
   * it (inflated within the byte limits, unparsed: exceljs will inflate it but not build it),
   * or "parse" it for what exceljs turns into cells: merged ranges (every cell of a merge
   * becomes a cell) and data validations (expanded into one entry per cell).
   */
  readonly after: "skip" | "drain" | "parse";
}

/** Rows × columns of a range ("A1:C3", "C:C", "3:5", "B2"); whole columns and rows span Excel's grid. */
function area(ref: string): { cells: number; row: number; column: number } | null {
  const [a, b = a] = ref.split(":") as [string, string?];
  const end = (text: string): { row: number; column: number } | null => {
    const cell = parseAddress(text);
    if (cell) return cell;
    const t = text.replace(/\$/g, "");
    if (/^[A-Za-z]{1,3}$/.test(t)) return { row: EXCEL_MAX_ROWS, column: parseAddress(`${t}1`)?.column ?? 0 };
    if (/^\d+$/.test(t)) return { row: Number(t), column: EXCEL_MAX_COLUMNS };
    return null;
  };
  const from = end(a);
  const to = end(b as string);
  if (!from || !to) return null;
  const wholeColumns = /^\$?[A-Za-z]+$/.test(a);
  const wholeRows = /^\$?\d+$/.test(a);
  const top = wholeColumns ? 1 : from.row;
  const left = wholeRows ? 1 : from.column;
  const rows = Math.abs(to.row - top) + 1;
  const columns = Math.abs(to.column - left) + 1;
  return { cells: rows * columns, row: Math.max(top, to.row), column: Math.max(left, to.column) };
}

/**
 * Streams a worksheet part through the parser, counting its cells and checking where they
 * are; the cells `visit` wants are handed over whole. Stops (XlsxRefused) at the first cell
 * past a limit, or at a `<dimension>` that claims more than the limits allow.
 */
export function scanSheet(zip: BoundedZip, entry: ZipEntry, sheet: string, budget: CellBudget, options: ScanOptions): void {
  const { file, limits } = zip;
  const { visit, after } = options;
  let validated = 0;
  let row = 0;
  let column = 0;
  let cells = 0;
  let inCell = false;
  // The wanted cell being read, and which of its texts is being collected.
  let cell: OpenCell | null = null;
  let field: "f" | "v" | "t" | null = null;
  let inInline = false;
  let inPhonetic = 0;
  const where = (r: number, c: number): string => `${columnName(c)}${r}`;
  const tooFar = (r: number, c: number, declared: boolean): void => {
    if (r > limits.maxRows) {
      const vi = declared ? `khai báo vùng dữ liệu tới hàng ${count(r, ".")}` : `có ô ở hàng ${count(r, ".")} (${where(r, Math.max(c, 1))})`;
      const en = declared ? `declares its data down to row ${count(r, ",")}` : `has a cell on row ${count(r, ",")} (${where(r, Math.max(c, 1))})`;
      refuse(
        "too-large",
        `${file}: trang "${sheet}" ${vi}, vượt giới hạn ${count(limits.maxRows, ".")} hàng khi đọc tệp .xlsx; hãy xóa các ô thừa ở cuối trang rồi lưu lại.`,
        `${file}: sheet "${sheet}" ${en}, past the limit of ${count(limits.maxRows, ",")} rows for reading an .xlsx file; delete the stray cells at the bottom and save it again.`,
        "cells",
      );
    }
    if (c > limits.maxColumns) {
      const vi = declared ? `khai báo vùng dữ liệu tới cột ${columnName(c)}` : `có ô ở cột ${columnName(c)} (${where(r, c)})`;
      const en = declared ? `declares its data up to column ${columnName(c)}` : `has a cell in column ${columnName(c)} (${where(r, c)})`;
      refuse(
        "too-large",
        `${file}: trang "${sheet}" ${vi}, vượt giới hạn ${count(limits.maxColumns, ".")} cột khi đọc tệp .xlsx; hãy xóa các ô thừa bên phải rồi lưu lại.`,
        `${file}: sheet "${sheet}" ${en}, past the limit of ${count(limits.maxColumns, ",")} columns for reading an .xlsx file; delete the stray cells on the right and save it again.`,
        "cells",
      );
    }
  };
  const counted = (n = 1): void => {
    cells += n;
    budget.cells += n;
    if (cells > limits.maxCellsPerSheet) {
      refuse(
        "too-large",
        `${file}: trang "${sheet}" có hơn ${count(limits.maxCellsPerSheet, ".")} ô (giới hạn số ô mỗi trang khi đọc tệp .xlsx); không đọc.`,
        `${file}: sheet "${sheet}" has more than ${count(limits.maxCellsPerSheet, ",")} cells (the limit per sheet for reading an .xlsx file); not read.`,
        "cells",
      );
    }
    if (budget.cells > limits.maxCellsTotal) {
      refuse(
        "too-large",
        `${file}: các trang tính có hơn ${count(limits.maxCellsTotal, ".")} ô tất cả (giới hạn cả sổ khi đọc tệp .xlsx); không đọc.`,
        `${file}: the worksheets have more than ${count(limits.maxCellsTotal, ",")} cells in all (the limit for a whole .xlsx file); not read.`,
        "cells",
      );
    }
  };
  const done = (): void => {
    if (cell && visit) visit.cell(cell);
    cell = null;
    field = null;
    inInline = false;
    inPhonetic = 0;
  };
  zip.parseEntry(entry, (p, read) => {
    p.on("opentag", (tag: SaxesTagPlain) => {
      const name = local(tag.name);
      if (inCell) {
        if (cell === null) return;
        if (name === "f") {
          field = "f";
          cell.formula = "";
        } else if (name === "v") {
          field = "v";
          cell.value = "";
        } else if (name === "is") {
          inInline = true;
          cell.inline = "";
        } else if (name === "rPh") inPhonetic++;
        else if (name === "t" && inInline && inPhonetic === 0) field = "t";
        return;
      }
      if (name === "c") {
        const a = tag.attributes;
        const r = a.r;
        const at = r === undefined ? null : parseAddress(r);
        if (at) {
          // A cell's own address wins; its row is then the row being read.
          row = at.row;
          column = at.column;
        } else {
          column++;
          if (row === 0) row = 1;
        }
        counted();
        tooFar(row, column, false);
        inCell = !tag.isSelfClosing;
        const address = at?.canonical ? (r as string) : where(row, column);
        if (visit && visit.want(address, at !== null)) {
          cell = { row, column, address, written: at !== null, type: a.t, style: a.s, formula: undefined, value: undefined, inline: undefined };
          if (!inCell) done();
        }
      } else if (name === "row") {
        const r = tag.attributes.r;
        row = r !== undefined && /^\d+$/.test(r) ? Number(r) : row + 1;
        column = 0;
        tooFar(row, 0, false);
      } else if (name === "dimension") {
        const ref = tag.attributes.ref ?? "";
        const last = parseAddress(ref.slice(ref.indexOf(":") + 1));
        if (last) tooFar(last.row, last.column, true);
      } else if (name === "mergeCell") {
        // exceljs makes a cell of every cell a merge covers (Worksheet._mergeCellsInternal).
        const merged = area(tag.attributes.ref ?? "");
        if (merged) {
          tooFar(merged.row, merged.column, false);
          counted(merged.cells);
        }
      } else if (name === "dataValidation") {
        for (const ref of (tag.attributes.sqref ?? "").split(/\s+/)) validated += area(ref)?.cells ?? 0;
        if (validated > limits.maxValidationCells) {
          refuse(
            "too-large",
            `${file}: trang "${sheet}" có quy tắc kiểm tra dữ liệu (Data Validation) phủ hơn ${count(limits.maxValidationCells, ".")} ô (giới hạn khi đọc tệp .xlsx); hãy thu hẹp vùng áp dụng rồi lưu lại.`,
            `${file}: sheet "${sheet}" has data validation rules covering more than ${count(limits.maxValidationCells, ",")} cells (the limit for reading an .xlsx file); narrow their ranges and save it again.`,
            "cells",
          );
        }
      }
    });
    p.on("text", (t: string) => {
      if (field === null || cell === null) return;
      if (field === "f") cell.formula += t;
      else if (field === "v") cell.value += t;
      else cell.inline += t;
    });
    p.on("closetag", (tag: SaxesTagPlain) => {
      if (!inCell) {
        if (after !== "parse" && local(tag.name) === "sheetData") read.stop(after);
        return;
      }
      const name = local(tag.name);
      if (name === "c") {
        inCell = false;
        done();
      } else if (cell === null) {
        return;
      } else if (name === "rPh") inPhonetic--;
      else if (name === "is") inInline = false;
      else if (name === "f" || name === "v" || name === "t") field = null;
    });
  });
}

/** exceljs reads as a worksheet any part whose name contains this (xlsx.js, load()). */
const EXCELJS_SHEET = /xl\/worksheets\/sheet(\d+)[.]xml/;

/**
 * The full bounded pass before exceljs reads a file: what the file is, its workbook and sheets,
 * every part inflated within the byte limits (exceljs inflates them all) and every worksheet's
 * cells counted and placed within the cell limits (with `valuesOnly`, for a reader that skips
 * merges and validations as exceljs's ignoreNodes does, those are not counted). Nothing is kept: exceljs then reads the
 * same bytes, which are now known to be within bounds. null when the file may be read.
 */
export function checkXlsx(
  bytes: Uint8Array,
  file: string,
  limits: XlsxLimits = DEFAULT_XLSX_LIMITS,
  options: { readonly valuesOnly?: boolean; readonly inflateRaw?: RawInflate } = {},
): XlsxProblem | null {
  try {
    const { zip, workbook } = openWorkbook(bytes, file, limits, options.inflateRaw);
    const sheetName = new Map<string, string>();
    for (const s of workbook.sheets) {
      if (s.path === undefined || !zip.has(s.path)) {
        corrupt(file, `thiếu trang "${s.name}"${s.path ? ` (${s.path})` : ""}`, `sheet "${s.name}" is missing${s.path ? ` (${s.path})` : ""}`);
      }
      sheetName.set(s.path, s.name);
    }
    const budget: CellBudget = { cells: 0 };
    const sink = (): void => {};
    for (const entry of zip.entries) {
      // Of two parts with one name, exceljs (JSZip) reads the last; the other is inflated all the same.
      const read = zip.entry(entry.name) === entry;
      const sheet = sheetName.get(entry.name);
      if (read && (sheet !== undefined || EXCELJS_SHEET.test(entry.name))) scanSheet(zip, entry, sheet ?? entry.name, budget, { after: options.valuesOnly ? "drain" : "parse" });
      else zip.inflate(entry, sink);
    }
    return null;
  } catch (e) {
    if (e instanceof XlsxRefused) return e.problem;
    throw e;
  }
}
