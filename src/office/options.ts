/**
 * The workbook's switches (DTI_OPT_ALT_THRESHOLD, the §2 alternative reading): a cell named
 * by a workbook-level defined name, holding "Có" or "Không", read by the template's formulas
 * as `IF(DTI_OPT_ALT_THRESHOLD="Có", …)`.
 *
 * The option cells are unlocked on the protected Tổng hợp sheet, so setting one needs no
 * unprotecting: 2 round trips (the name and the sheets, then the write). Should the write be
 * refused (someone locked the cell), the sheet is unprotected, written and protected again
 * with the options it had, in a third; a sheet with a password is then left as it was, with
 * a Vietnamese error.
 *
 * No Office global is read; everything goes through the request context.
 */
import { isPasswordFailure, putProtectionBack, queueUnprotected } from "./protection";
import { isAmbiguous, isCellError, readNamedValues } from "./read-names";
import { sheetOfAddress } from "./select";

export const OPTION_ON = "Có";
export const OPTION_OFF = "Không";

export type OptionErrorCode = "sheet-password" | "write-failed";

/** A refusal; `message` is for users (Vietnamese), `code` for tests. */
export class OptionError extends Error {
  readonly code: OptionErrorCode;
  readonly cause?: unknown;
  constructor(code: OptionErrorCode, message: string, cause?: unknown) {
    super(message);
    this.name = "OptionError";
    this.code = code;
    this.cause = cause;
  }
}

/** As the formulas read the cell: `="Có"` compares text, ignoring case as Excel does; anything else is off. */
export function optionIsOn(value: unknown): boolean {
  return typeof value === "string" && value.toLocaleLowerCase("vi") === OPTION_ON.toLocaleLowerCase("vi");
}

/**
 * Whether the option of `name` is on, in ≤ 2 round trips; undefined when the name is missing
 * or broken, or its cell holds an error (the formulas then show that error too).
 */
export async function readOption(context: Excel.RequestContext, name: string): Promise<boolean | undefined> {
  const found = (await readNamedValues(context, [name])).get(name);
  if (found === undefined || found === "missing" || isAmbiguous(found) || isCellError(found.value)) return undefined;
  return optionIsOn(found.value);
}

/**
 * Writes "Có" or "Không" into the cell of `name`. False, with nothing changed, when the name
 * is missing, broken or not a range.
 */
export async function setOption(context: Excel.RequestContext, name: string, on: boolean): Promise<boolean> {
  const item = context.workbook.names.getItemOrNullObject(name);
  item.load("type,value");
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name,items/protection/protected,items/protection/options");
  await context.sync();
  if (item.isNullObject || item.type !== "Range") return false;

  const key = sheetOfAddress(item.value)?.toLocaleLowerCase("vi");
  const ws = worksheets.items.find((s) => s.name.toLocaleLowerCase("vi") === key);
  const entry = [[on ? OPTION_ON : OPTION_OFF]];
  item.getRange().getCell(0, 0).values = entry;
  try {
    await context.sync();
    return true;
  } catch (e) {
    // Only a protected sheet with the cell locked refuses a plain write.
    if (ws === undefined || !ws.protection.protected) throw new OptionError("write-failed", "Không ghi được tùy chọn vào sổ làm việc do Excel báo lỗi.", e);
  }

  const sheet = { ws, options: ws.protection.options };
  // With a password, unprotecting fails first, before anything changed.
  queueUnprotected([sheet], () => {
    item.getRange().getCell(0, 0).values = entry;
  });
  try {
    await context.sync();
    return true;
  } catch (e) {
    const password = isPasswordFailure(e);
    if (!password) await putProtectionBack(context, [sheet]);
    throw password
      ? new OptionError(
          "sheet-password",
          `Ô tùy chọn trên trang tính "${ws.name}" bị khóa và trang được bảo vệ bằng mật khẩu. Hãy bỏ bảo vệ trang đó rồi thử lại; tùy chọn chưa thay đổi.`,
          e,
        )
      : new OptionError("write-failed", "Không ghi được tùy chọn vào sổ làm việc do Excel báo lỗi. Bảo vệ của trang tính đã được khôi phục.", e);
  }
}
