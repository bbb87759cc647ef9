/**
 * Node-only loading of indicator sets from .json and .xlsx files (the CLI, tests, tools). Kept
 * apart from ../catalog/load.ts so that the browser bundles (task pane, custom functions) never import `fs`.
 */
import { closeSync, existsSync, fstatSync, openSync, readSync } from "fs";
import { getIndicatorSet, indicatorSets, registeredCopy } from "../catalog/index";
import { setProblemsText } from "../catalog/load";
import { parseTemplateSet } from "../layout/template-set";
import type { IndicatorSet } from "../catalog/schema";
import { DtiError } from "../engine/errors";
import { loadIndicatorSetWorkbook } from "./set-xlsx";

/**
 * The largest JSON file read (`dti score x.json`, `--set x.json`): a province's input for all
 * its units or a set with every text verbatim is well under 1 MB; 20 MB leaves room for any
 * real file and keeps a wrong or hostile file from filling the memory.
 */
export const MAX_JSON_BYTES = 20 * 1024 * 1024;

const MB = (bytes: number): string => `${(bytes / (1024 * 1024)).toLocaleString("vi-VN", { maximumFractionDigits: 1 })} MB`;

/**
 * The bytes of a file, at most MAX_JSON_BYTES (checked on the size the system reports and
 * again while reading, for files that grow or report no size). Throws DtiError
 * "unreadable-input" naming the file: missing, a folder or device, or too large.
 */
export function readJsonBytes(file: string, limit: number = MAX_JSON_BYTES): Uint8Array {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === "ENOENT" ? "không tìm thấy tệp" : code === "EACCES" || code === "EPERM" ? "không có quyền đọc tệp" : "không đọc được tệp";
    throw new DtiError("unreadable-input", `${file}: ${why}.`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new DtiError("unreadable-input", `${file}: không phải một tệp (là thư mục hoặc thiết bị).`);
    const tooLarge = (): DtiError =>
      new DtiError("unreadable-input", `${file}: tệp lớn hơn giới hạn ${MB(limit)} của tệp JSON; không đọc (tệp đầu vào hay bộ chỉ số thật chỉ vài trăm KB).`);
    if (stat.size > limit) throw tooLarge();
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, limit + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > limit) throw tooLarge();
    }
    return Buffer.concat(chunks, total);
  } catch (e) {
    if (e instanceof DtiError) throw e;
    throw new DtiError("unreadable-input", `${file}: không đọc được tệp (${(e as Error).message.split("\n", 1)[0]}).`);
  } finally {
    closeSync(fd);
  }
}

/** Line and column (1-based) of a position in a text, for messages. */
function lineColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split("\n").length;
  return `dòng ${line}, cột ${position - before.lastIndexOf("\n")}`;
}

/**
 * The text of a JSON file as Notepad, Excel or a script may have saved it: UTF-8 with or without
 * a byte-order mark, or UTF-16 (little or big endian) with one. Anything else — UTF-32, bytes that
 * are not UTF-8 (a binary file, a legacy code page), UTF-16 without a mark — is refused with one
 * line naming the file, never printed. Control characters that JSON allows nowhere (NUL, ESC…)
 * are refused too, so a message never echoes binary garbage to the terminal.
 */
export function decodeJsonText(bytes: Uint8Array, file: string): string {
  const b = (i: number): number | undefined => bytes[i];
  const refuse = (why: string): DtiError => new DtiError("unreadable-input", `${file}: ${why}`);
  let text: string;
  if ((b(0) === 0xff && b(1) === 0xfe && b(2) === 0 && b(3) === 0) || (b(0) === 0 && b(1) === 0 && b(2) === 0xfe && b(3) === 0xff)) {
    throw refuse("tệp mã hóa UTF-32, không đọc được; hãy lưu lại dạng UTF-8 (trong Notepad: Save As, Encoding: UTF-8).");
  }
  const decode = (encoding: "utf-8" | "utf-16le" | "utf-16be", from: number, name: string): string => {
    try {
      return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(from));
    } catch {
      throw refuse(`tệp không phải văn bản ${name} hợp lệ (tệp nhị phân hoặc bảng mã khác); hãy lưu lại dạng UTF-8.`);
    }
  };
  if (b(0) === 0xef && b(1) === 0xbb && b(2) === 0xbf) text = decode("utf-8", 3, "UTF-8");
  else if (b(0) === 0xff && b(1) === 0xfe) text = decode("utf-16le", 2, "UTF-16");
  else if (b(0) === 0xfe && b(1) === 0xff) text = decode("utf-16be", 2, "UTF-16");
  else text = decode("utf-8", 0, "UTF-8");
  return checkJsonText(text, file);
}

/** Refuses text with a control character JSON allows nowhere (before JSON.parse would echo it). */
function checkJsonText(text: string, file: string): string {
  // eslint-disable-next-line no-control-regex -- these are exactly the characters looked for
  const bad = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.exec(text);
  if (bad) {
    const code = bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
    const hint = bad[0] === "\u0000" ? " (tệp nhị phân, hoặc UTF-16 không có dấu BOM?)" : "";
    throw new DtiError("unreadable-input", `${file}: có ký tự điều khiển U+${code} ở ${lineColumn(text, bad.index)}: không phải văn bản JSON${hint}.`);
  }
  return text;
}

/** JSON.parse with a one-line message that places the error and never reprints the file. */
export function parseJsonText(text: string, file: string, what?: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    // V8 quotes a piece of the text ('Unexpected token 'x', "{ x…" is not valid JSON'), newlines included.
    let why = (e as Error).message.replace(/^(Unexpected token .*?), "[\s\S]*" is not valid JSON$/, "$1");
    const at = /at position (\d+)/.exec(why);
    if (at) why = `${why.replace(/ in JSON at position \d+.*$| at position \d+.*$/, "")}, ${lineColumn(text, Number(at[1]))}`;
    why = why.replace(/\s+/g, " ").trim();
    if (why.length > 200) why = `${why.slice(0, 199)}…`;
    throw new DtiError("unreadable-input", `${file}: ${what ? `${what} ` : ""}không phải JSON hợp lệ (${why}).`);
  }
}

/**
 * Reads a JSON file, bounded and decoded as above, and parses it. `read` replaces the file
 * system in tests: it may give the bytes, or text already decoded (a BOM is then dropped).
 * `what` names the file in messages ("tệp bộ chỉ số").
 */
export function readJsonFile(file: string, what?: string, read?: (path: string) => string | Uint8Array): unknown {
  let got: string | Uint8Array;
  if (read) {
    try {
      got = read(file);
    } catch (e) {
      throw new DtiError("unreadable-input", `${file}: ${(e as { code?: string }).code === "ENOENT" ? "không tìm thấy tệp" : "không đọc được tệp"}.`);
    }
  } else got = readJsonBytes(file);
  const text = typeof got === "string" ? checkJsonText(got.replace(/^\uFEFF/, ""), file) : decodeJsonText(got, file);
  return parseJsonText(text, file, what);
}

/**
 * Reads and checks a set file. Throws DtiError: "unreadable-input" when the file cannot be
 * read or is not JSON, "invalid-input" (every problem listed, one a line) when it does not
 * satisfy the schema.
 */
export function loadIndicatorSetFile(path: string, options: SetLoadOptions = {}): IndicatorSet {
  // The same reading as `dti score`'s input: bounded, UTF-8 with or without BOM, UTF-16 with one.
  const data = readJsonFile(path, "tệp bộ chỉ số");
  const parsed = parseTemplateSet(data, path, options.draft ? { draft: true } : {});
  if ("errors" in parsed) {
    throw new DtiError("invalid-input", setProblemsText(path, parsed));
  }
  options.warnings?.push(...(parsed.warnings ?? []));
  return parsed.set;
}

/**
 * How a set file is read (issue 13):
 * - `draft` (`--draft`): a set being transcribed; checks a partial set fails are warnings (../catalog/load.ts).
 * - `warnings`: where the loader's warnings go (an older format migrated, a draft's gaps), for the command to print.
 */
export interface SetLoadOptions {
  readonly draft?: boolean;
  readonly warnings?: string[];
}

/** A path rather than an id: ends in .json or .xlsx, or names a folder. */
function looksLikePath(text: string): boolean {
  return /\.(?:json|xlsx)$/i.test(text) || /[\\/]/.test(text);
}

/**
 * The set for `--set <id|file.json|file.xlsx>`: a registered id ("dti-province-2022"), the path
 * of a .json set file, or of an .xlsx file holding the set in a sheet "Bộ chỉ số" (as
 * `dti catalog --xlsx` writes it, or a template made from a set that is not built in). Throws
 * DtiError("unknown-indicator-set") when it is neither, and the errors of `loadIndicatorSetFile`
 * or `loadIndicatorSetWorkbook` for a file that cannot be read or is not a valid set. A file may
 * not reuse the id of a registered set with different content: results would be ambiguous.
 */
export async function resolveSet(idOrPath: string, options: SetLoadOptions = {}): Promise<IndicatorSet> {
  const wanted = idOrPath.trim();
  const registered = getIndicatorSet(wanted);
  if (registered) return registered;
  if (!looksLikePath(wanted) && !existsSync(wanted)) {
    throw new DtiError(
      "unknown-indicator-set",
      `không có bộ chỉ số "${wanted}". Có: ${indicatorSets.map((s) => s.id).join(", ")}; hoặc chỉ đường dẫn tới tệp bộ chỉ số .json hoặc .xlsx.`,
    );
  }
  if (!existsSync(wanted)) {
    throw new DtiError("unknown-indicator-set", `không tìm thấy tệp bộ chỉ số "${wanted}".`);
  }
  const set = /\.xlsx$/i.test(wanted) ? await loadIndicatorSetWorkbook(wanted, options) : loadIndicatorSetFile(wanted, options);
  return registeredOr(set, wanted);
}

/**
 * The registered set when `set` (read from `file`) is the same data, else `set` itself; a set
 * reusing a registered id with other content is refused (DtiError "invalid-input").
 */
export function registeredOr(set: IndicatorSet, file: string): IndicatorSet {
  const same = registeredCopy(set);
  if (same === "taken") {
    throw new DtiError(
      "invalid-input",
      `${file}: mã bộ chỉ số "${set.id}" trùng với bộ chỉ số có sẵn nhưng nội dung khác; hãy đặt mã khác cho bộ chỉ số trong tệp.`,
    );
  }
  return same ?? set;
}
