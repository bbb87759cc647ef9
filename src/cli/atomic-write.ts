/**
 * Writes a file so that the target is either left exactly as it was or replaced by the complete
 * new content, never anything in between (issue 9, point 2: "no file is ever destroyed").
 *
 * exceljs' own `writeFile` opens the target for writing first and serialises afterwards: a
 * workbook it cannot serialise (an OpenDocument file renamed to .xlsx, a crash in the library,
 * a full disk) left the user's file at 0 bytes. Here the content is produced in memory first,
 * written to a temporary file in the target's own directory (so the final step is a rename
 * within one file system, which POSIX and NTFS both make atomic), flushed to disk, and only
 * then put in place. On any failure the temporary file is removed and the target is untouched.
 *
 * "Never overwrite" (dti merge -o, split, aggregate -o, catalog --xlsx, a new template) is kept
 * at the very last step too, not only by the caller's earlier existsSync check: the temporary
 * file is hard-linked to the target, which fails with EEXIST if anything appeared at that
 * name meanwhile (link(2) never replaces). Where the file system has no hard links (FAT on a
 * USB stick, some network shares) the check is repeated right before the rename instead.
 */
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from "node:fs";
import path from "node:path";
import type ExcelJS from "exceljs";

/** A write that did not happen; the message is Vietnamese, names the file and says the old file is unchanged. */
export class WriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WriteError";
  }
}

export type AtomicWriteMode =
  /** The target must not exist, up to the moment the new file is put in place. */
  | { readonly kind: "create" }
  /**
   * Replace the existing target (template --update). `original` is its stat from before it was
   * read: if it changed since (saved again from Excel meanwhile), it is not replaced, so what
   * the user saved is not lost.
   */
  | { readonly kind: "replace"; readonly original: Pick<Stats, "size" | "mtimeMs"> };

const CREATE: AtomicWriteMode = { kind: "create" };

/** Vietnamese reason for a file-system error code; the library's own words for anything else. */
function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case "EACCES":
    case "EPERM":
      return "không có quyền ghi vào thư mục hoặc tệp này";
    case "ENOSPC":
    case "EDQUOT":
      return "ổ đĩa đã đầy";
    case "EROFS":
      return "ổ đĩa chỉ cho đọc";
    case "ENOENT":
    case "ENOTDIR":
      return "không có thư mục chứa tệp";
    case "EISDIR":
      return "đã có một thư mục cùng tên";
    case "EBUSY":
      return "tệp đang được chương trình khác mở (hãy đóng tệp trong Excel rồi chạy lại)";
    case "ENAMETOOLONG":
      return "tên tệp quá dài";
    default: {
      const message = e instanceof Error ? e.message : String(e);
      // One line only: a message never carries a stack trace to the user.
      const line = message.split("\n", 1)[0]?.slice(0, 300) ?? "";
      return code ? `${line} [${code}]` : line;
    }
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone, or the directory vanished: nothing of the user's is at this name.
  }
}

/** Flushes the directory entry too, so the rename survives a power cut (POSIX; a no-op where unsupported). */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // Windows cannot open a directory this way; NTFS journals the rename itself.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** `.<name>.<pid>.<random>.tmp` beside the target: same directory, so the rename stays within one file system. */
export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
}

/** Writes all of `bytes` to a new file at `temp` (never an existing one) and flushes it to disk. */
function writeTemp(temp: string, bytes: Uint8Array, mode: number | undefined): void {
  const fd = openSync(temp, "wx", 0o666);
  try {
    let done = 0;
    while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
    if (mode !== undefined) chmodSync(temp, mode);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Puts `temp` at `target` without ever replacing a file that exists there. */
function placeNew(temp: string, target: string): void {
  try {
    linkSync(temp, target);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw e;
    // No hard links on this file system: the closest is to look once more just before renaming.
    // lstat, not exists: a dangling symbolic link at the name is something the user put there too.
    let taken = true;
    try {
      lstatSync(target);
    } catch {
      taken = false;
    }
    if (taken) throw Object.assign(new Error("EEXIST"), { code: "EEXIST" });
    renameSync(temp, target);
    return;
  }
  removeQuietly(temp);
}

/**
 * Writes the bytes `produce` returns to `target`, atomically (see the file comment). Throws
 * WriteError (Vietnamese, one line, naming `target`) when nothing was written; the target is
 * then exactly as it was.
 */
export async function writeFileAtomic(target: string, produce: () => Promise<Uint8Array>, mode: AtomicWriteMode = CREATE): Promise<void> {
  const unchanged = mode.kind === "replace" ? "tệp cũ vẫn giữ nguyên" : "chưa ghi gì";
  let bytes: Uint8Array;
  try {
    bytes = await produce();
  } catch (e) {
    throw new WriteError(`${target}: không tạo được nội dung tệp .xlsx (${reason(e)}); ${unchanged}.`);
  }
  // template --update on a symbolic link updates the file it points to and keeps the link.
  let real = target;
  let keepMode: number | undefined;
  if (mode.kind === "replace") {
    try {
      real = realpathSync(target);
      const now = statSync(real);
      if (now.size !== mode.original.size || now.mtimeMs !== mode.original.mtimeMs) {
        throw new WriteError(
          `${target}: tệp đã bị thay đổi (lưu lại từ Excel?) trong lúc đang cập nhật; không ghi đè để không mất số liệu vừa lưu. Hãy đóng tệp trong Excel rồi chạy lại.`,
        );
      }
      keepMode = now.mode & 0o7777;
    } catch (e) {
      if (e instanceof WriteError) throw e;
      throw new WriteError(`${target}: không đọc lại được tệp trước khi ghi (${reason(e)}); ${unchanged}.`);
    }
  }
  const temp = tempPathFor(real);
  try {
    writeTemp(temp, bytes, keepMode);
    if (mode.kind === "replace") renameSync(temp, real);
    else placeNew(temp, real);
  } catch (e) {
    removeQuietly(temp);
    if ((e as NodeJS.ErrnoException).code === "EEXIST" && mode.kind === "create" && existsSync(real)) {
      throw new WriteError(`${target} đã có (vừa được tạo trong lúc ghi). Không ghi đè: hãy chọn tên tệp khác.`);
    }
    throw new WriteError(`${target}: không ghi được (${reason(e)}); ${unchanged}.`);
  }
  syncDirectory(path.dirname(real));
}

/** Serialises `workbook` in memory, then writes it to `target` atomically. */
export function writeWorkbookAtomic(workbook: ExcelJS.Workbook, target: string, mode: AtomicWriteMode = CREATE): Promise<void> {
  return writeFileAtomic(
    target,
    async () => {
      // exceljs types it as an ArrayBuffer; in Node it is a Buffer, which is used as it is (no copy).
      const written: unknown = await workbook.xlsx.writeBuffer();
      return written instanceof Uint8Array ? written : new Uint8Array(written as ArrayBuffer);
    },
    mode,
  );
}
