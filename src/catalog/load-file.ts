/**
 * Node-only loading of indicator sets from .json and .xlsx files (the CLI, tests, tools). Kept
 * apart from ./load.ts so that the browser bundles (task pane, custom functions) never import `fs`.
 */
import { existsSync, readFileSync } from "fs";
import { getIndicatorSet, indicatorSets, registeredCopy } from "./index";
import { parseIndicatorSet } from "./load";
import type { IndicatorSet } from "./schema";
import { DtiError } from "../engine/errors";
import { loadIndicatorSetWorkbook } from "../cli/set-xlsx";

/**
 * Reads and checks a set file. Throws DtiError: "unreadable-input" when the file cannot be
 * read or is not JSON, "invalid-input" (every problem listed, one a line) when it does not
 * satisfy the schema.
 */
export function loadIndicatorSetFile(path: string): IndicatorSet {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const why = (e as { code?: string }).code === "ENOENT" ? "không tìm thấy tệp" : (e as Error).message;
    throw new DtiError("unreadable-input", `${path}: không đọc được tệp bộ chỉ số (${why}).`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new DtiError("unreadable-input", `${path}: tệp bộ chỉ số không phải JSON hợp lệ (${(e as Error).message}).`);
  }
  const parsed = parseIndicatorSet(data, path);
  if ("errors" in parsed) {
    const n = parsed.errors.length;
    throw new DtiError("invalid-input", `Bộ chỉ số trong ${path} không hợp lệ (${n} lỗi):\n${parsed.errors.map((e) => `- ${e}`).join("\n")}`);
  }
  return parsed.set;
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
export async function resolveSet(idOrPath: string): Promise<IndicatorSet> {
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
  const set = /\.xlsx$/i.test(wanted) ? await loadIndicatorSetWorkbook(wanted) : loadIndicatorSetFile(wanted);
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
