/**
 * "Mark cells" and "clear marks" for the task pane's validation view.
 *
 * Marking gives each offending cell Excel's "bad" light-red fill and, where the host has
 * threaded comments (ExcelApi 1.10), a note with the Vietnamese message. Before a cell is
 * changed, what is changed is recorded in the very hidden sheet DTI_MARKS: the fill colour,
 * the fill pattern where ExcelApi 1.9 can read it (a cell without fill and a white one both
 * read "#FFFFFF"; only the pattern, "None" or "Solid", tells them apart), the note added,
 * and a comment the cell already had. The record lives in the workbook, so clearing works
 * after the file is closed and reopened, and for another user.
 *
 * Marking again replaces the earlier marks in the same round trips: cells still offending
 * keep the formatting recorded the first time (the mark colour is never taken for the
 * "previous" one), cells no longer offending get theirs back.
 *
 * Clearing restores the recorded formatting exactly ("no fill" through `fill.clear()`),
 * deletes only the notes it added (a comment whose text is still the one added), and deletes
 * DTI_MARKS. A cell whose fill was changed by hand since it was marked is left as it is.
 *
 * Protection: the template sheets are protected without a password and do not allow cell
 * formatting. The affected sheets are unprotected for the change and protected again with
 * the options they had, in the same batch. Each is first probed (unprotect, then protect
 * again at once), so a password-protected one stops the batch before anything changed; if
 * anything later fails, the protection is put back before the error is reported.
 *
 * Round trips, whatever the number of marks: markCells 3 (4 when earlier marks are on
 * record, 2 when there is nothing to mark), clearMarks 4 (1 when there is nothing to
 * clear); 2 more only to put protection back after a failure.
 *
 * No Office global is read; requirement sets come through the injected `supports`.
 */
import { isPasswordFailure, putProtectionBack, queueUnprotected } from "./protection";
import type { Supports } from "./write-layout";

/** The very hidden sheet that records what marking changed. */
export const MARKS_SHEET = "DTI_MARKS";
/** Excel's "Bad" cell style fill. */
export const MARK_FILL = "#FFC7CE";

export interface CellMark {
  /** A workbook-level defined name of the cell (DTI_3_1_a). */
  readonly name: string;
  /** What is wrong, in Vietnamese; becomes the cell's note. */
  readonly message: string;
}

export interface MarkResult {
  /** Cells marked (several marks on one cell count once). */
  readonly marked: number;
  /** Names that are missing, broken (#REF!) or not a range: nothing marked for them. */
  readonly missing: string[];
  /** True when the marked cells got notes (ExcelApi 1.10); false: fill only. */
  readonly notes: boolean;
  /** Names whose cell already had someone's comment: it is left untouched, so that cell has the fill only. */
  readonly commentsKept: string[];
  /** Round trips this call made. */
  readonly syncs: number;
}

export interface ClearResult {
  /** Cells whose recorded formatting was put back. */
  readonly restored: number;
  /** Names whose cell was not restored: the name and its sheet are gone, or its fill was changed by hand since. */
  readonly notRestored: string[];
  /**
   * Names whose note this Excel cannot remove (no ExcelApi 1.10). Their rows stay in
   * DTI_MARKS, so clearing again in an Excel that can removes them.
   */
  readonly notesLeft: string[];
  readonly syncs: number;
}

export type MarksErrorCode = "sheet-password" | "write-failed";

/** A refusal or failure; `message` is for users (Vietnamese), `code` for tests. */
export class MarksError extends Error {
  readonly code: MarksErrorCode;
  readonly cause?: unknown;
  constructor(code: MarksErrorCode, message: string, cause?: unknown) {
    super(message);
    this.name = "MarksError";
    this.code = code;
    this.cause = cause;
  }
}

// ---------------------------------------------------------------------------------------
// The record in DTI_MARKS: a header row, then one row per marked cell.

interface MarkRecord {
  /** The defined name the cell was found by; the cell is found by it again (rows may have moved). */
  readonly name: string;
  /** Where the cell was, for when the name has gone. */
  readonly sheet: string;
  readonly address: string;
  /**
   * The fill before marking, as RangeFill reported it; "" once the fill is back and only a
   * note this Excel could not remove remains.
   */
  readonly color: string;
  /** "None", "Solid", …; "" when the host could not tell (before ExcelApi 1.9). */
  readonly pattern: string;
  /** The note this add-in added ("" none): removed on clearing only while its text is unchanged. */
  readonly note: string;
  /** The comment the cell already had, left untouched ("" none). */
  readonly userComment: string;
  readonly message: string;
}

const HEADER = ["Tên", "Trang tính", "Ô", "Màu nền trước đó", "Kiểu nền trước đó", "Ghi chú DTI đã thêm", "Ghi chú có sẵn", "Nội dung"];

function recordRow(r: MarkRecord): string[] {
  // The apostrophe keeps each entry text, as typed: a message might start with "=" or a digit.
  return [r.name, r.sheet, r.address, r.color, r.pattern, r.note, r.userComment, r.message].map((x) => (x === "" ? "" : `'${x}`));
}

function parseRecords(values: readonly (readonly unknown[])[]): MarkRecord[] {
  const text = (x: unknown): string => (x === null || x === undefined ? "" : String(x));
  const out: MarkRecord[] = [];
  for (const row of values.slice(1)) {
    const [name = "", sheet = "", address = "", color = "", pattern = "", note = "", userComment = "", message = ""] = HEADER.map((_, i) => text(row[i]));
    if (!name) continue;
    out.push({ name, sheet, address, color, pattern, note, userComment, message });
  }
  return out;
}

function lastColumn(): string {
  return String.fromCharCode(64 + HEADER.length);
}

// ---------------------------------------------------------------------------------------
// Reading

const lower = (s: string): string => s.toLocaleLowerCase("vi");
/** "F14" from "'Chỉ số DTI 2022'!$F$14" (a sheet name may hold "!", an address never does). */
const bareAddress = (address: string): string => address.slice(address.lastIndexOf("!") + 1).replace(/\$/g, "");
const cellKey = (sheet: string, address: string): string => `${lower(sheet)}!${bareAddress(address).toUpperCase()}`;

interface SheetInfo {
  readonly ws: Excel.Worksheet;
  readonly protected: boolean;
  readonly options: Excel.WorksheetProtectionOptions;
}

/** Round trip 1: sheets and their protection, names, the record sheet, comments. */
function queueWorkbook(context: Excel.RequestContext, notes: boolean) {
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name,items/protection/protected,items/protection/options");
  const names = context.workbook.names;
  names.load("items/name,items/type");
  const marksSheet = worksheets.getItemOrNullObject(MARKS_SHEET);
  marksSheet.load("name");
  const comments = notes ? context.workbook.comments : undefined;
  comments?.load("items/id,items/content");
  return {
    worksheets,
    names,
    marksSheet,
    comments,
    sheets(): Map<string, SheetInfo> {
      return new Map(worksheets.items.map((ws) => [lower(ws.name), { ws, protected: ws.protection.protected, options: ws.protection.options }]));
    },
    byName(): Map<string, Excel.NamedItem> {
      return new Map(names.items.map((item) => [lower(item.name), item]));
    },
  };
}

type Workbook = ReturnType<typeof queueWorkbook>;

/** The cell's address, sheet and fill, to be read after the next sync. */
function queueCell(range: Excel.Range, pattern: boolean): Excel.Range {
  range.load(pattern ? "address,worksheet/name,format/fill/color,format/fill/pattern" : "address,worksheet/name,format/fill/color");
  return range;
}

/** The top-left cell of a name that is a range (only then: a broken name is type "Error"). */
function cellOfName(byName: ReadonlyMap<string, Excel.NamedItem>, name: string): Excel.Range | undefined {
  const item = byName.get(lower(name));
  return item !== undefined && item.type === "Range" ? item.getRange().getCell(0, 0) : undefined;
}

interface LiveCell {
  readonly range: Excel.Range;
  readonly sheet: string;
  readonly address: string;
  readonly key: string;
  readonly color: string;
  /** "" when the host cannot read patterns. */
  readonly pattern: string;
}

function live(range: Excel.Range, pattern: boolean): LiveCell {
  const sheet = range.worksheet.name;
  const address = bareAddress(range.address);
  return {
    range,
    sheet,
    address,
    key: cellKey(sheet, address),
    color: (range.format.fill.color ?? "").toUpperCase(),
    pattern: pattern ? (range.format.fill.pattern ?? "") : "",
  };
}

/** Round trip 2 (queued): the records, and where each comment is. */
function queueRecordsAndComments(book: Workbook) {
  const used = book.marksSheet.isNullObject ? undefined : book.marksSheet.getUsedRangeOrNullObject(true);
  used?.load("values,rowIndex,columnIndex");
  const locations = (book.comments?.items ?? []).map((comment) => ({ comment, at: comment.getLocation().load("address,worksheet/name") }));
  return {
    records(): MarkRecord[] {
      if (used === undefined || used.isNullObject || used.rowIndex !== 0 || used.columnIndex !== 0) return [];
      return parseRecords(used.values);
    },
    commentsByCell(): Map<string, Excel.Comment> {
      return new Map(locations.map(({ comment, at }) => [cellKey(at.worksheet.name, at.address), comment]));
    },
  };
}

/** A recorded cell, found by its name, else where it was if that sheet is still there. */
function queueRecordCell(r: MarkRecord, byName: ReadonlyMap<string, Excel.NamedItem>, sheets: ReadonlyMap<string, SheetInfo>, pattern: boolean): Excel.Range | undefined {
  const byItsName = cellOfName(byName, r.name);
  if (byItsName) return queueCell(byItsName, pattern);
  const sheet = sheets.get(lower(r.sheet));
  // Only a plain cell address: a row edited by hand must not fail the whole batch.
  return sheet && /^[A-Z]{1,3}[1-9]\d{0,6}$/.test(r.address) ? queueCell(sheet.ws.getRange(r.address), pattern) : undefined;
}

// ---------------------------------------------------------------------------------------
// Writing

/** Puts a recorded fill back: "no fill" is cleared, never painted white. */
function restoreFill(range: Excel.Range, r: MarkRecord, pattern: boolean): void {
  if (r.color === "") return; // already back
  const fill = range.format.fill;
  // Recorded without a pattern (before ExcelApi 1.9): white is taken for "no fill", by far the usual case.
  if (r.pattern === "None" || (r.pattern === "" && r.color.toUpperCase() === "#FFFFFF")) {
    fill.clear();
    return;
  }
  fill.color = r.color;
  if (pattern && r.pattern !== "" && r.pattern !== "Solid") fill.pattern = r.pattern as Excel.FillPattern;
}

/** A row kept only for a note this Excel cannot remove: its fill is back already. */
const noteOnly = (r: MarkRecord): MarkRecord => ({ ...r, color: "", pattern: "" });

/** Whether a cell still shows the mark, i.e. nobody changed its fill since. */
const stillMarked = (cell: LiveCell): boolean => cell.color === MARK_FILL && (cell.pattern === "" || cell.pattern === "Solid");

/**
 * Runs `change` between unprotecting and protecting again the protected sheets among
 * `touched`, in one batch; see the header for the probe. Returns the round trips made.
 */
async function withSheetsUnprotected(
  context: Excel.RequestContext,
  sheets: ReadonlyMap<string, SheetInfo>,
  touched: Iterable<string>,
  change: () => void,
  failure: { password: (sheets: string) => string; other: string },
): Promise<number> {
  const locked = [...new Set([...touched].map(lower))].map((key) => sheets.get(key)).filter((s): s is SheetInfo => s !== undefined && s.protected);
  queueUnprotected(locked, change, { probe: true });
  try {
    await context.sync();
    return 1;
  } catch (e) {
    await putProtectionBack(context, locked);
    const names = locked.map((s) => `"${s.ws.name}"`).join(", ");
    const which = locked.length === 1 ? `Trang tính ${names}` : `Một trong các trang tính ${names}`;
    if (isPasswordFailure(e)) throw new MarksError("sheet-password", failure.password(which), e);
    throw new MarksError("write-failed", failure.other, e);
  }
}

function writeRecords(book: Workbook, records: readonly MarkRecord[]): void {
  if (!book.marksSheet.isNullObject) book.marksSheet.delete();
  if (records.length === 0) return;
  const ws = book.worksheets.add(MARKS_SHEET);
  ws.getRange(`A1:${lastColumn()}${records.length + 1}`).values = [HEADER, ...records.map(recordRow)];
  ws.visibility = "VeryHidden";
}

// ---------------------------------------------------------------------------------------
// The two commands

/** Counts the round trips one call makes. */
class RoundTrips {
  count = 0;
  constructor(private readonly context: Excel.RequestContext) {}
  async sync(): Promise<void> {
    this.count++;
    await this.context.sync();
  }
}

/** What both markCells and clearMarks start from: the host's abilities and the loaded workbook (1 sync). */
async function openMarksSession(context: Excel.RequestContext, supports: Supports) {
  const notes = supports("ExcelApi", "1.10");
  const pattern = supports("ExcelApi", "1.9");
  const trips = new RoundTrips(context);
  const book = queueWorkbook(context, notes);
  await trips.sync();
  return { notes, pattern, trips, book };
}

/**
 * Marks the cells of `marks` (fill, and a note where the host has ExcelApi 1.10), replacing
 * any earlier marks. Several marks on one cell become one note, their messages on separate lines.
 */
export async function markCells(context: Excel.RequestContext, marks: readonly CellMark[], supports: Supports): Promise<MarkResult> {
  const { notes, pattern, trips, book } = await openMarksSession(context, supports);
  const roundTrip = (): Promise<void> => trips.sync();
  const sheets = book.sheets();
  const byName = book.byName();

  // 2. The cells to mark, the record, the comments.
  const wanted = new Map<string, { name: string; messages: string[] }>();
  for (const m of marks) {
    const entry = wanted.get(lower(m.name)) ?? { name: m.name, messages: [] };
    if (!entry.messages.includes(m.message)) entry.messages.push(m.message);
    wanted.set(lower(m.name), entry);
  }
  const missing: string[] = [];
  const queued: { name: string; messages: string[]; range: Excel.Range }[] = [];
  for (const { name, messages } of wanted.values()) {
    const range = cellOfName(byName, name);
    if (range === undefined) missing.push(name);
    else queued.push({ name, messages, range: queueCell(range, pattern) });
  }
  const stored = queueRecordsAndComments(book);
  await roundTrip();
  const commentsByCell = stored.commentsByCell();
  const earlier = stored.records();

  // 3. Where the earlier marks are now.
  const earlierCells = earlier.map((record) => ({ record, range: queueRecordCell(record, byName, sheets, pattern) }));
  if (earlier.length > 0) await roundTrip();
  const earlierByCell = new Map<string, { record: MarkRecord; cell: LiveCell }>();
  for (const { record, range } of earlierCells) {
    if (range === undefined) continue;
    const cell = live(range, pattern);
    if (!earlierByCell.has(cell.key)) earlierByCell.set(cell.key, { record, cell });
  }

  // Several names on one cell: one mark.
  const targets = new Map<string, { names: string[]; messages: string[]; cell: LiveCell }>();
  for (const q of queued) {
    const cell = live(q.range, pattern);
    const t = targets.get(cell.key);
    if (t === undefined) targets.set(cell.key, { names: [q.name], messages: [...q.messages], cell });
    else {
      t.names.push(q.name);
      for (const m of q.messages) if (!t.messages.includes(m)) t.messages.push(m);
    }
  }

  // 4. One write batch.
  const records: MarkRecord[] = [];
  const commentsKept: string[] = [];
  const touched = new Set<string>();
  const cellOps: (() => void)[] = [];
  for (const [key, t] of targets) {
    const message = t.messages.join("\n");
    const before = earlierByCell.get(key)?.record;
    const existing = commentsByCell.get(key);
    const ours = before !== undefined && before.note !== "" && existing !== undefined && existing.content === before.note ? existing : undefined;
    let note = "";
    let userComment = before?.userComment ?? "";
    if (ours) {
      note = message;
      if (ours.content !== message) {
        cellOps.push(() => {
          ours.content = message;
        });
      }
    } else if (existing) {
      // Someone's comment (or ours, edited since): theirs now, left untouched.
      if (before === undefined) userComment = existing.content;
      commentsKept.push(t.names[0] as string);
    } else if (!notes && before !== undefined && before.note !== "") {
      note = before.note; // this Excel cannot see it; it stays on record for one that can
    } else if (notes) {
      note = message;
      cellOps.push(() => void context.workbook.comments.add(t.cell.range, message));
    }
    const c = t.cell;
    cellOps.push(() => {
      c.range.format.fill.color = MARK_FILL;
      if (pattern && c.pattern !== "None" && c.pattern !== "Solid") c.range.format.fill.pattern = "Solid";
    });
    touched.add(c.sheet);
    records.push({
      name: t.names[0] as string,
      sheet: c.sheet,
      address: c.address,
      // Marked before: what was there before the first mark, never the mark itself.
      color: before !== undefined && before.color !== "" ? before.color : c.color,
      pattern: before !== undefined && before.color !== "" ? before.pattern : c.pattern,
      note,
      userComment,
      message,
    });
  }
  // Earlier marks no longer wanted: put back.
  for (const [key, { record, cell }] of earlierByCell) {
    if (targets.has(key)) continue;
    const existing = commentsByCell.get(key);
    if (record.color !== "" && stillMarked(cell)) {
      cellOps.push(() => restoreFill(cell.range, record, pattern));
      touched.add(cell.sheet);
    }
    if (record.note !== "" && existing !== undefined && existing.content === record.note) {
      cellOps.push(() => existing.delete());
      touched.add(cell.sheet);
    } else if (record.note !== "" && !notes) {
      records.push(noteOnly({ ...record, sheet: cell.sheet, address: cell.address }));
    }
  }
  if (cellOps.length === 0 && records.length === 0 && book.marksSheet.isNullObject) return { marked: 0, missing, notes, commentsKept, syncs: trips.count };

  trips.count += await withSheetsUnprotected(
    context,
    sheets,
    touched,
    () => {
      writeRecords(book, records);
      for (const op of cellOps) op();
    },
    {
      password: (which) => `${which} có ô cần đánh dấu và được bảo vệ bằng mật khẩu. Hãy bỏ bảo vệ trang đó rồi đánh dấu lại; chưa có ô nào bị thay đổi.`,
      other: "Không đánh dấu được các ô do Excel báo lỗi. Bảo vệ của các trang tính đã được khôi phục; hãy thử lại, hoặc dùng «Xóa đánh dấu» trước.",
    },
  );
  return { marked: targets.size, missing, notes, commentsKept, syncs: trips.count };
}

/** Removes the marks on record: fills and notes back as they were, DTI_MARKS deleted. */
export async function clearMarks(context: Excel.RequestContext, supports: Supports): Promise<ClearResult> {
  const { notes, pattern, trips, book } = await openMarksSession(context, supports);
  const roundTrip = (): Promise<void> => trips.sync();
  if (book.marksSheet.isNullObject) return { restored: 0, notRestored: [], notesLeft: [], syncs: trips.count };
  const sheets = book.sheets();
  const byName = book.byName();

  // 2. The record and the comments.
  const stored = queueRecordsAndComments(book);
  await roundTrip();
  const records = stored.records();
  const commentsByCell = stored.commentsByCell();

  // 3. The recorded cells as they are now.
  const cells = records.map((record) => ({ record, range: queueRecordCell(record, byName, sheets, pattern) }));
  if (records.length > 0) await roundTrip();

  // 4. One write batch: cells first, the record last (if that fails, clearing again finds
  // the cells restored and leaves them).
  let restored = 0;
  const notRestored: string[] = [];
  const notesLeft: MarkRecord[] = [];
  const touched = new Set<string>();
  const cellOps: (() => void)[] = [];
  const done = new Set<string>();
  for (const { record, range } of cells) {
    if (range === undefined) {
      if (record.color !== "") notRestored.push(record.name);
      continue;
    }
    const cell = live(range, pattern);
    if (done.has(cell.key)) continue;
    done.add(cell.key);
    if (record.color === "") {
      // Only a note was left, by an Excel that could not remove it.
    } else if (stillMarked(cell)) {
      cellOps.push(() => restoreFill(cell.range, record, pattern));
      touched.add(cell.sheet);
      restored++;
    } else {
      notRestored.push(record.name);
    }
    const existing = commentsByCell.get(cell.key);
    if (record.note !== "" && existing !== undefined && existing.content === record.note) {
      cellOps.push(() => existing.delete());
      touched.add(cell.sheet);
    } else if (record.note !== "" && !notes) {
      notesLeft.push(noteOnly({ ...record, sheet: cell.sheet, address: cell.address }));
    }
  }

  trips.count += await withSheetsUnprotected(
    context,
    sheets,
    touched,
    () => {
      for (const op of cellOps) op();
      writeRecords(book, notesLeft);
    },
    {
      password: (which) => `${which} có ô đã đánh dấu và được bảo vệ bằng mật khẩu. Hãy bỏ bảo vệ trang đó rồi xóa đánh dấu lại; chưa có ô nào bị thay đổi.`,
      other: "Không xóa được đánh dấu do Excel báo lỗi. Bảo vệ của các trang tính đã được khôi phục; hãy thử lại.",
    },
  );
  return { restored, notRestored, notesLeft: notesLeft.map((r) => r.name), syncs: trips.count };
}
