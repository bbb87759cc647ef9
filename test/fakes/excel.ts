/**
 * The one fake Excel host for tests: an in-memory workbook behind the subset of the Excel
 * JavaScript API that src/office uses, behaving as the documented API does.
 *
 * What makes it worth trusting:
 * - Proxies, loads and batches work as in office.js. Every method call and property write
 *   is queued and applied only at `context.sync()`, in order. Reading a property that was
 *   neither `load()`ed and synced nor set on that same proxy throws `PropertyNotLoaded`.
 *   `isNullObject` is readable only after a sync.
 * - A batch is not a transaction: when an operation fails, those before it stay applied,
 *   the rest are dropped and `sync()` rejects with an error carrying a `code`.
 * - Writing to cells follows Excel: `null` in a 2-D array leaves the cell unchanged, `""`
 *   clears it, "=…" is a formula (but only text in a cell formatted "@"), "'…" is text, and
 *   text that reads as a number or a boolean becomes one. Array sizes must match the range.
 * - Protection is enforced: writing to locked cells or formatting a protected sheet fails;
 *   `protect()` fails on a sheet already protected (as documented); a password must match.
 * - Excel's limits that catch real bugs: sheet names (31 characters, no []:*?/\, unique),
 *   defined names (no spaces, not a cell address, unique), validation prompts (title 32,
 *   message 255) and error alerts (title 32, message 225), formulas of 8,192 characters,
 *   the last visible sheet, and the 5 MB payload of one request (Excel on the web).
 * - Requirement sets: an API newer than the host's `excelApi` throws `ApiNotFound` at once
 *   when reached through a property (`Worksheet.pageLayout` 1.9, `Workbook.comments` 1.10,
 *   `RangeFill.pattern` 1.9 when set) and fails the batch when only loaded (`fill/pattern`).
 * - Fills as Excel reports them (ExcelApi 1.9 `pattern`): a cell without fill reads color
 *   "#FFFFFF" and pattern "None", a white fill "#FFFFFF" and "Solid"; `fill.clear()` removes it.
 * - Threaded comments (ExcelApi 1.10, `workbook.comments`): one per cell; `add` on a cell that
 *   has one fails, `getItemByCell` on a cell without one fails (ItemNotFound); they go with
 *   their sheet. Adding, editing or deleting one on a protected sheet needs
 *   `allowEditObjects` (the fake's reading: Excel ties comments to "Edit objects"; the exact
 *   rule and the error code of a second `add` are not documented).
 * - The selection: `worksheet.activate()`, `range.select()` (hidden sheets refuse both); read
 *   it with `activeSelection`.
 * - `reopen()`: the same file closed and opened again, perhaps in another Excel — a copy of
 *   the committed workbook with nothing of the session.
 *
 * What it deliberately does not do: calculate formulas (a formula cell reads as its seeded
 * value, else empty), insert or delete rows and columns, rewrite formulas when a sheet is
 * renamed, tables, notes (ExcelApi 1.18), comment replies and mentions, styles, events, or
 * anything not listed above. `Range.clear` leaves comments alone. Operations on
 * whole rows, columns or the whole sheet are supported only where the adapters use them
 * (widths, heights, clear, unmerge, validation and conditional-format clearing).
 *
 * Plain TypeScript without Node APIs, so browser tests can use it too.
 */

import { columnLetter } from "../../src/layout/model";

export type FakeScalar = string | number | boolean;

// ---------------------------------------------------------------------------------------
// Errors

/** An error as office.js reports it: `code` is stable ("ItemNotFound", "PropertyNotLoaded"…). */
export class FakeExcelError extends Error {
  readonly code: string;
  readonly debugInfo: { readonly code: string; readonly errorLocation?: string };
  constructor(code: string, message: string, errorLocation?: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, errorLocation };
  }
}

const notLoaded = (typeName: string, property: string): FakeExcelError =>
  new FakeExcelError(
    "PropertyNotLoaded",
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    `${typeName}.${property}`,
  );

const apiNotFound = (what: string, version: string): FakeExcelError =>
  new FakeExcelError("ApiNotFound", `The API you are trying to use could not be found (${what}, ExcelApi ${version}).`, what);

// ---------------------------------------------------------------------------------------
// Addresses

export const MAX_ROWS = 1048576;
export const MAX_COLUMNS = 16384;

/** A rectangle of cells, 0-based and inclusive. */
export interface Area {
  readonly r0: number;
  readonly c0: number;
  readonly r1: number;
  readonly c1: number;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Column letters, as the layout names them. */
const columnName = columnLetter;

const badAddress = (address: string): FakeExcelError =>
  new FakeExcelError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: '${address}'.`);

/** "B3", "$B$3:$D$9", "A:C" (whole columns), "3:5" (whole rows). No sheet part. */
export function parseArea(address: string): Area {
  const a = address.trim().replace(/\$/g, "").toUpperCase();
  const inRange = (r: number, c: number): boolean => r >= 0 && r < MAX_ROWS && c >= 0 && c < MAX_COLUMNS;
  let m = /^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?$/.exec(a);
  if (m) {
    const ra = Number(m[2]) - 1;
    const ca = columnIndex(m[1] as string);
    const rb = m[4] === undefined ? ra : Number(m[4]) - 1;
    const cb = m[3] === undefined ? ca : columnIndex(m[3]);
    if (!inRange(ra, ca) || !inRange(rb, cb)) throw badAddress(address);
    return { r0: Math.min(ra, rb), c0: Math.min(ca, cb), r1: Math.max(ra, rb), c1: Math.max(ca, cb) };
  }
  m = /^([A-Z]{1,3}):([A-Z]{1,3})$/.exec(a);
  if (m) {
    const ca = columnIndex(m[1] as string);
    const cb = columnIndex(m[2] as string);
    if (!inRange(0, ca) || !inRange(0, cb)) throw badAddress(address);
    return { r0: 0, c0: Math.min(ca, cb), r1: MAX_ROWS - 1, c1: Math.max(ca, cb) };
  }
  m = /^(\d+):(\d+)$/.exec(a);
  if (m) {
    const ra = Number(m[1]) - 1;
    const rb = Number(m[2]) - 1;
    if (!inRange(ra, 0) || !inRange(rb, 0)) throw badAddress(address);
    return { r0: Math.min(ra, rb), c0: 0, r1: Math.max(ra, rb), c1: MAX_COLUMNS - 1 };
  }
  throw badAddress(address);
}

const WHOLE_SHEET: Area = { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLUMNS - 1 };

/** A1 text of an area: "B3", "B3:D9", "A:C", "3:5"; with `$` when absolute. */
export function formatArea(area: Area, absolute = false): string {
  const d = absolute ? "$" : "";
  const wholeColumns = area.r0 === 0 && area.r1 === MAX_ROWS - 1;
  const wholeRows = area.c0 === 0 && area.c1 === MAX_COLUMNS - 1;
  if (wholeRows) return `${d}${area.r0 + 1}:${d}${area.r1 + 1}`;
  if (wholeColumns) return `${d}${columnName(area.c0)}:${d}${columnName(area.c1)}`;
  const cell = (r: number, c: number): string => `${d}${columnName(c)}${d}${r + 1}`;
  return area.r0 === area.r1 && area.c0 === area.c1 ? cell(area.r0, area.c0) : `${cell(area.r0, area.c0)}:${cell(area.r1, area.c1)}`;
}

/** How Excel writes a sheet name in a reference: quoted unless a plain identifier. */
export function quoteSheetName(name: string): string {
  const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name) && !/^[RrCc]\d*$/.test(name);
  return plain ? name : `'${name.replace(/'/g, "''")}'`;
}

const isBounded = (a: Area): boolean => (a.r1 - a.r0 + 1) * (a.c1 - a.c0 + 1) <= 5_000_000;
const intersects = (a: Area, b: Area): boolean => a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;
const sameArea = (a: Area, b: Area): boolean => a.r0 === b.r0 && a.c0 === b.c0 && a.r1 === b.r1 && a.c1 === b.c1;
const cellKey = (r: number, c: number): number => r * MAX_COLUMNS + c;

// ---------------------------------------------------------------------------------------
// The workbook model

type BorderSide = "top" | "bottom" | "left" | "right";

export interface BorderModel {
  style: string;
  weight: string;
  color: string;
}

interface CellModel {
  /** A constant, or the cached result of `formula`. */
  value?: FakeScalar;
  /** An error value ("#N/A"), constant or cached. */
  error?: string;
  formula?: string;
  numberFormat?: string;
  /** The fill colour; undefined: no fill. */
  fill?: string;
  /** The fill pattern where it is not "Solid" (only with a fill). */
  fillPattern?: string;
  bold?: boolean;
  italic?: boolean;
  fontColor?: string;
  wrap?: boolean;
  horizontal?: string;
  vertical?: string;
  borders?: Partial<Record<BorderSide, BorderModel>>;
  locked?: boolean;
  validation?: ValidationModel;
}

export interface ValidationModel {
  rule: Excel.DataValidationRule | null;
  prompt?: Excel.DataValidationPrompt;
  errorAlert?: Excel.DataValidationErrorAlert;
  ignoreBlanks: boolean;
}

interface ConditionalFormatModel {
  area: Area;
  type: string;
  formula?: string;
  fill?: string;
  fontColor?: string;
  bold?: boolean;
}

interface ChartModel {
  name: string;
  type: string;
  source: { sheet: SheetModel; area: Area };
  seriesBy: string;
  title?: string;
  legendVisible: boolean;
  position?: { from: string; to?: string };
  xAxisValues: Map<number, { sheet: SheetModel; area: Area }>;
  deleted: boolean;
}

interface SheetModel {
  readonly id: string;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  cells: Map<number, CellModel>;
  columnWidths: Map<number, number>;
  hiddenColumns: Set<number>;
  rowHeights: Map<number, number>;
  merges: Area[];
  conditionalFormats: ConditionalFormatModel[];
  charts: ChartModel[];
  freeze: { rows: number; columns: number };
  protection: { protected: boolean; options: Excel.WorksheetProtectionOptions; password?: string };
  /** The cells selected on this sheet (Excel keeps one selection per sheet). */
  selection: Area;
  pageLayout: { orientation: string; paperSize: string; zoom: Excel.PageLayoutZoomOptions; printTitleRows: string | null };
  /** Names scoped to this sheet (`Worksheet.names`); the workbook-level ones are BookModel.names. */
  names: NameModel[];
  deleted: boolean;
}

type NameTarget =
  | { readonly kind: "range"; readonly sheet: SheetModel; readonly area: Area }
  | { readonly kind: "error"; readonly formula: string }
  | { readonly kind: "constant"; readonly value: FakeScalar };

interface NameModel {
  name: string;
  /** The sheet a sheet-level name belongs to; undefined for a workbook-level name. */
  scope?: SheetModel;
  target: NameTarget;
  visible: boolean;
  comment: string;
  deleted: boolean;
}

interface CommentModel {
  readonly id: string;
  readonly sheet: SheetModel;
  readonly r: number;
  readonly c: number;
  content: string;
  readonly authorName: string;
  deleted: boolean;
}

interface BookModel {
  sheets: SheetModel[];
  names: NameModel[];
  comments: CommentModel[];
  active: SheetModel | undefined;
  calculationSuspended: boolean;
  nextSheetId: number;
  nextCommentId: number;
}

/** Default column width and row height in points (8.43 characters of Calibri 11; 15 pt). */
export const DEFAULT_COLUMN_WIDTH = 48;
export const DEFAULT_ROW_HEIGHT = 15;

function newSheet(book: BookModel, name: string): SheetModel {
  return {
    id: `{FAKE-SHEET-${book.nextSheetId++}}`,
    name,
    visibility: "Visible",
    cells: new Map(),
    columnWidths: new Map(),
    hiddenColumns: new Set(),
    rowHeights: new Map(),
    merges: [],
    conditionalFormats: [],
    charts: [],
    freeze: { rows: 0, columns: 0 },
    protection: { protected: false, options: {} },
    selection: { r0: 0, c0: 0, r1: 0, c1: 0 },
    pageLayout: { orientation: "Portrait", paperSize: "Letter", zoom: { scale: 100 }, printTitleRows: null },
    names: [],
    deleted: false,
  };
}

const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

function sheetByName(book: BookModel, name: string): SheetModel | undefined {
  return book.sheets.find((s) => sameName(s.name, name));
}

function checkSheetName(book: BookModel, name: string, self?: SheetModel): void {
  if (typeof name !== "string" || name.length === 0 || name.length > 31 || /[[\]:*?/\\]/.test(name) || /^'|'$/.test(name)) {
    throw new FakeExcelError("InvalidArgument", `Invalid sheet name: '${String(name)}'.`);
  }
  const other = sheetByName(book, name);
  if (other && other !== self) throw new FakeExcelError("ItemAlreadyExists", `A sheet named '${name}' already exists.`);
}

function checkDefinedName(name: string): void {
  const cellLike = /^[A-Za-z]{1,3}\d+$/.test(name) && (() => {
    const m = /^([A-Za-z]{1,3})(\d+)$/.exec(name) as RegExpExecArray;
    return columnIndex((m[1] as string).toUpperCase()) < MAX_COLUMNS && Number(m[2]) >= 1 && Number(m[2]) <= MAX_ROWS;
  })();
  const r1c1Like = /^[RrCc]$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name);
  if (!/^[\p{L}_\\][\p{L}\p{N}_.\\?]*$/u.test(name) || name.length > 255 || cellLike || r1c1Like) {
    throw new FakeExcelError("InvalidArgument", `Invalid name: '${name}'.`);
  }
}

/** A sheet-qualified reference "=Sheet!$A$1", "='A sheet'!A1:B2", "=#REF!…" or a constant. */
function parseReference(book: BookModel, reference: string): NameTarget {
  const text = reference.trim().replace(/^=/, "");
  if (/^#REF!/i.test(text)) return { kind: "error", formula: `=${text}` };
  const m = /^(?:'((?:[^']|'')+)'|([^'!]+))!(.+)$/.exec(text);
  if (m) {
    const sheetName = m[1] !== undefined ? m[1].replace(/''/g, "'") : (m[2] as string);
    const sheet = sheetByName(book, sheetName);
    if (!sheet) throw new FakeExcelError("InvalidArgument", `The reference '${reference}' names no sheet of this workbook.`);
    return { kind: "range", sheet, area: parseArea(m[3] as string) };
  }
  if (/^-?\d+(\.\d+)?$/.test(text)) return { kind: "constant", value: Number(text) };
  if (/^(TRUE|FALSE)$/i.test(text)) return { kind: "constant", value: text.toUpperCase() === "TRUE" };
  const s = /^"((?:[^"]|"")*)"$/.exec(text);
  if (s) return { kind: "constant", value: (s[1] as string).replace(/""/g, '"') };
  throw new FakeExcelError("InvalidArgument", `The fake supports sheet-qualified references and constants only, not '${reference}'.`);
}

function nameFormula(target: NameTarget): string {
  switch (target.kind) {
    case "range":
      return `=${quoteSheetName(target.sheet.name)}!${formatArea(target.area, true)}`;
    case "error":
      return target.formula;
    case "constant":
      return typeof target.value === "string" ? `="${target.value.replace(/"/g, '""')}"` : `=${String(target.value).toUpperCase()}`;
  }
}

const ERROR_VALUES = ["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!", "#CALC!"];

/**
 * What a cell holds after `x` is written to `values` or `formulas`; undefined: unchanged.
 * Excel reads the text as if typed: "=…" a formula, "'…" text, "12.5" a number, "TRUE" a boolean.
 */
function entered(x: unknown): CellModel | undefined {
  if (x === null || x === undefined) return undefined;
  if (typeof x === "number") {
    if (!Number.isFinite(x)) throw new FakeExcelError("InvalidArgument", `Cannot write ${x} to a cell.`);
    return { value: x };
  }
  if (typeof x === "boolean") return { value: x };
  if (typeof x !== "string") throw new FakeExcelError("InvalidArgument", `Cannot write a ${typeof x} to a cell.`);
  if (x.length > 32767) throw new FakeExcelError("InvalidArgument", "Text longer than 32,767 characters.");
  if (x === "") return {};
  if (x.startsWith("=") && x.length > 1) {
    if (x.length > 8192) throw new FakeExcelError("InvalidArgument", "A formula longer than 8,192 characters.");
    return { formula: x };
  }
  if (x.startsWith("'")) return x.length > 1 ? { value: x.slice(1) } : {};
  const t = x.trim();
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?$/.test(t)) {
    const n = Number(t.replace(/%$/, ""));
    return { value: t.endsWith("%") ? n / 100 : n };
  }
  if (/^(true|false)$/i.test(t)) return { value: t.toUpperCase() === "TRUE" };
  if (ERROR_VALUES.includes(t.toUpperCase())) return { error: t.toUpperCase() };
  return { value: x };
}

function cellValue(cell: CellModel | undefined): FakeScalar {
  if (!cell) return "";
  return cell.error ?? cell.value ?? "";
}

function cellFormula(cell: CellModel | undefined): FakeScalar {
  return cell?.formula ?? cellValue(cell);
}

function cellValueType(cell: CellModel | undefined): string {
  if (!cell) return "Empty";
  if (cell.error !== undefined) return "Error";
  const v = cell.value;
  if (v === undefined || v === "") return "Empty";
  if (typeof v === "number") return "Double";
  if (typeof v === "boolean") return "Boolean";
  return "String";
}

function deepCopy<T>(x: T): T {
  return x === undefined ? x : (JSON.parse(JSON.stringify(x)) as T);
}

// ---------------------------------------------------------------------------------------
// The request queue

type OpKind = "read" | "write" | "content";

interface Op {
  readonly kind: OpKind;
  /** Rough size of the request payload it adds, in characters. */
  readonly bytes: number;
  readonly what: string;
  run(): void;
}

export interface SyncRecord {
  /** 1-based number of the `sync()` call. */
  readonly index: number;
  readonly operations: number;
  readonly writes: number;
  /** Writes of values or formulas (cell content). */
  readonly contentWrites: number;
  /** Of those, how many ran while API calculation was not suspended. */
  readonly contentWritesWhileCalculating: number;
  readonly payloadBytes: number;
  /** The error code when the batch failed. */
  readonly failed?: string;
}

export interface FakeExcelOptions {
  /** Highest ExcelApi requirement set supported, "1.8" … "1.17"; default "1.17". */
  readonly excelApi?: string;
  /** Request payload limit in characters; default 5 MB as in Excel on the web. */
  readonly payloadLimit?: number;
  /** `Workbook.name` (ExcelApi 1.7): the file's name, "Book1" for one never saved (the default). */
  readonly fileName?: string;
}

class FakeRequestContext {
  readonly workbook: FakeWorkbook;
  readonly application: FakeApplication;
  private pending: Op[] = [];
  constructor(readonly host: FakeExcel) {
    this.application = new FakeApplication(this, () => host.book);
    this.workbook = new FakeWorkbook(this, () => host.book);
  }
  enqueue(op: Op): void {
    this.pending.push(op);
  }
  /** One round trip: the queued batch is sent now and applied in order. */
  async sync<T>(passThroughValue?: T): Promise<T | undefined> {
    const ops = this.pending;
    this.pending = [];
    await Promise.resolve();
    this.host.runBatch(ops);
    return passThroughValue;
  }
  get syncCount(): number {
    return this.host.syncCount;
  }
}

// ---------------------------------------------------------------------------------------
// Proxies

type LoadSpec = string | readonly string[] | { select?: string; expand?: string } | undefined;

function parseLoadSpec(spec: LoadSpec): string[][] {
  let parts: string[] = [];
  if (typeof spec === "string") parts = spec.split(",");
  else if (Array.isArray(spec)) parts = [...spec];
  else if (spec && typeof spec === "object") {
    const o = spec as { select?: string; expand?: string };
    parts = [...(o.select ?? "").split(","), ...(o.expand ?? "").split(",")];
  }
  return parts.map((p) => p.trim()).filter((p) => p !== "").map((p) => p.split("/").map((s) => s.trim()));
}

type Resolver<T> = () => T | null;

/** The office.js client object: a proxy whose state arrives only through load + sync. */
abstract class ClientObject<T extends object> {
  protected abstract readonly typeName: string;
  /** Loaded values, and values set on this proxy (office.js keeps those too). */
  private readonly loadedValues = new Map<string, unknown>();
  private nullState: boolean | undefined;
  constructor(
    readonly context: FakeRequestContext,
    private readonly resolve: Resolver<T>,
  ) {}

  protected scalarNames(): readonly string[] {
    return [];
  }
  /** What `load()` without arguments loads: what the host knows of `scalarNames()`. */
  protected defaultLoadNames(): readonly string[] {
    return this.scalarNames();
  }
  protected readScalar(_target: T, name: string): unknown {
    throw new FakeExcelError("InvalidArgument", `${this.typeName} has no property '${name}'.`);
  }
  protected navigation(_name: string): ClientObject<object> | undefined {
    return undefined;
  }

  /** The model object behind the proxy, while a batch runs; null for a null object. */
  fakeTarget(): T | null {
    const t = this.resolve();
    const gone = (x: object): boolean => (x as { deleted?: boolean }).deleted === true || (x as { sheet?: { deleted?: boolean } }).sheet?.deleted === true;
    if (t !== null && gone(t)) {
      throw new FakeExcelError("ItemNotFound", `The requested ${this.typeName} does not exist any more.`);
    }
    return t;
  }

  get isNullObject(): boolean {
    if (this.nullState === undefined) throw notLoaded(this.typeName, "isNullObject");
    return this.nullState;
  }

  /** @internal set by the operation that created the object */
  fakeMarkNull(isNull: boolean): void {
    this.nullState = isNull;
  }

  load(spec?: LoadSpec): this {
    const paths = parseLoadSpec(spec);
    this.context.enqueue({ kind: "read", bytes: 32, what: `${this.typeName}.load`, run: () => this.fakeApplyLoad(paths) });
    return this;
  }

  /** @internal runs a load at sync time */
  fakeApplyLoad(paths: readonly string[][]): void {
    const t = this.fakeTarget();
    this.nullState = t === null;
    const list = paths.length > 0 ? paths : this.defaultLoadNames().map((n) => [n]);
    for (const [head, ...rest] of list) {
      const name = head as string;
      const nav = this.navigation(name);
      if (nav) {
        nav.fakeApplyLoad(rest.length > 0 ? [rest] : []);
        continue;
      }
      if (!this.scalarNames().includes(name)) {
        throw new FakeExcelError("InvalidArgument", `${this.typeName} has no property '${name}' to load.`);
      }
      this.loadedValues.set(name, t === null ? null : deepCopy(this.readScalar(t, name)));
    }
  }

  protected getValue<V>(name: string): V {
    if (!this.loadedValues.has(name)) {
      if (this.nullState === true) return null as V;
      throw notLoaded(this.typeName, name);
    }
    return this.loadedValues.get(name) as V;
  }

  /** @internal sets a value as a load would (collections fill their items' values) */
  fakeSetLoaded(name: string, value: unknown): void {
    this.loadedValues.set(name, value);
  }

  protected setValue(name: string, value: unknown, apply: (t: T) => void, kind: OpKind = "write", bytes = 64): void {
    if (!this.scalarNames().includes(name)) throw new FakeExcelError("InvalidArgument", `${this.typeName}.${name} is read-only.`);
    this.loadedValues.set(name, value);
    this.enqueue(`${this.typeName}.${name}`, apply, kind, bytes);
  }

  /** Queues an operation on the target; on a null object it does nothing (as documented). */
  protected enqueue(what: string, apply: (t: T) => void, kind: OpKind = "write", bytes = 64): void {
    this.context.enqueue({
      kind,
      bytes,
      what,
      run: () => {
        const t = this.fakeTarget();
        if (t !== null) apply(t);
      },
    });
  }
}

/** A proxy made by a method call: bound by its own queued operation, in queue order. */
function created<T extends object, P extends ClientObject<T>>(
  context: FakeRequestContext,
  what: string,
  locate: () => T | null,
  make: (resolve: Resolver<T>) => P,
  kind: OpKind = "read",
  bytes = 32,
): P {
  let bound: { target: T | null } | undefined;
  const proxy = make(() => {
    if (!bound) throw new FakeExcelError("InvalidObjectPath", `${what}: the object was never created (its batch failed or was never synced).`);
    return bound.target;
  });
  context.enqueue({
    kind,
    bytes,
    what,
    run: () => {
      bound = { target: locate() };
      proxy.fakeMarkNull(bound.target === null);
    },
  });
  return proxy;
}

/** A proxy for an item already known from a loaded collection. */
function known<T extends object, P extends ClientObject<T>>(target: T, make: (resolve: Resolver<T>) => P): P {
  const proxy = make(() => target);
  proxy.fakeMarkNull(false);
  return proxy;
}

abstract class CollectionObject<O extends object, M extends object, P extends ClientObject<M>> extends ClientObject<O> {
  protected abstract models(owner: O): readonly M[];
  protected abstract itemProxy(model: M): P;

  get items(): P[] {
    return this.getValue<P[]>("items");
  }

  override fakeApplyLoad(paths: readonly string[][]): void {
    const owner = this.fakeTarget();
    this.fakeMarkNull(owner === null);
    const itemPaths = paths.map((p) => (p[0] === "items" ? p.slice(1) : p)).filter((p) => p.length > 0);
    const items = owner === null ? [] : this.models(owner).map((m) => this.itemProxy(m));
    for (const item of items) item.fakeApplyLoad(itemPaths);
    this.fakeSetLoaded("items", items);
  }
}

function rangeTargetOf(x: unknown, what: string): RangeModel {
  if (x instanceof FakeRange) {
    const t = x.fakeTarget();
    if (t === null) throw new FakeExcelError("InvalidArgument", `${what}: the range is a null object.`);
    return t;
  }
  throw new FakeExcelError("InvalidArgument", `${what}: expected a Range.`);
}

// ---------------------------------------------------------------------------------------
// Application, workbook, worksheets

class FakeApplication extends ClientObject<BookModel> {
  protected readonly typeName = "Application";
  protected override scalarNames(): readonly string[] {
    return ["calculationMode"];
  }
  protected override readScalar(): unknown {
    return "Automatic";
  }
  suspendApiCalculationUntilNextSync(): void {
    this.enqueue("Application.suspendApiCalculationUntilNextSync", (book) => {
      book.calculationSuspended = true;
    });
  }
  calculate(calculationType: string): void {
    this.enqueue("Application.calculate", (book) => {
      this.context.host.recalculations.push({ type: calculationType, whileSuspended: book.calculationSuspended });
    });
  }
}

class FakeWorkbook extends ClientObject<BookModel> {
  protected readonly typeName = "Workbook";
  readonly worksheets: FakeWorksheetCollection;
  readonly names: FakeNamedItemCollection;
  private commentCollection?: FakeCommentCollection;
  constructor(context: FakeRequestContext, resolve: Resolver<BookModel>) {
    super(context, resolve);
    this.worksheets = new FakeWorksheetCollection(context, resolve);
    this.names = new FakeNamedItemCollection(context, resolve);
  }
  protected override scalarNames(): readonly string[] {
    return ["name"];
  }
  protected override readScalar(_book: BookModel, name: string): unknown {
    if (name === "name") return this.context.host.fileName;
    return super.readScalar(_book, name);
  }
  get name(): string {
    return this.getValue("name");
  }
  get application(): FakeApplication {
    return this.context.application;
  }
  /** ExcelApi 1.10: office.js throws at once on an older host. */
  get comments(): FakeCommentCollection {
    if (!this.context.host.supports("ExcelApi", "1.10")) throw apiNotFound("Workbook.comments", "1.10");
    this.commentCollection ??= new FakeCommentCollection(this.context, () => this.fakeTarget());
    return this.commentCollection;
  }
  protected override navigation(name: string): ClientObject<object> | undefined {
    if (name === "comments") return this.comments;
    return name === "worksheets" ? this.worksheets : name === "names" ? this.names : undefined;
  }
}

class FakeWorksheetCollection extends CollectionObject<BookModel, SheetModel, FakeWorksheet> {
  protected readonly typeName = "WorksheetCollection";
  protected models(book: BookModel): readonly SheetModel[] {
    return book.sheets;
  }
  protected itemProxy(model: SheetModel): FakeWorksheet {
    return known(model, (r) => new FakeWorksheet(this.context, r));
  }
  add(name?: string): FakeWorksheet {
    return created(
      this.context,
      "WorksheetCollection.add",
      () => {
        const book = this.fakeTarget() as BookModel;
        let wanted = name;
        if (wanted === undefined) {
          let n = book.sheets.length + 1;
          while (sheetByName(book, `Sheet${n}`)) n++;
          wanted = `Sheet${n}`;
        }
        checkSheetName(book, wanted);
        const sheet = newSheet(book, wanted);
        book.sheets.push(sheet);
        return sheet;
      },
      (r) => new FakeWorksheet(this.context, r),
      "write",
    );
  }
  getItem(key: string): FakeWorksheet {
    return created(
      this.context,
      "WorksheetCollection.getItem",
      () => {
        const book = this.fakeTarget() as BookModel;
        const sheet = sheetByName(book, key) ?? book.sheets.find((s) => s.id === key);
        if (!sheet) throw new FakeExcelError("ItemNotFound", `The requested resource doesn't exist: sheet '${key}'.`);
        return sheet;
      },
      (r) => new FakeWorksheet(this.context, r),
    );
  }
  getItemOrNullObject(key: string): FakeWorksheet {
    return created(
      this.context,
      "WorksheetCollection.getItemOrNullObject",
      () => {
        const book = this.fakeTarget() as BookModel;
        return sheetByName(book, key) ?? book.sheets.find((s) => s.id === key) ?? null;
      },
      (r) => new FakeWorksheet(this.context, r),
    );
  }
}

function assertNotProtected(sheet: SheetModel, allowed?: keyof Excel.WorksheetProtectionOptions): void {
  if (sheet.protection.protected && !(allowed && sheet.protection.options[allowed] === true)) {
    throw new FakeExcelError("AccessDenied", `The sheet '${sheet.name}' is protected.`);
  }
}

function visibleCount(book: BookModel): number {
  return book.sheets.filter((s) => s.visibility === "Visible").length;
}

class FakeWorksheet extends ClientObject<SheetModel> {
  protected readonly typeName = "Worksheet";
  private kids?: {
    protection: FakeWorksheetProtection;
    freezePanes: FakeFreezePanes;
    pageLayout: FakePageLayout;
    charts: FakeChartCollection;
  };
  private get children(): NonNullable<FakeWorksheet["kids"]> {
    const r: Resolver<SheetModel> = () => this.fakeTarget();
    this.kids ??= {
      protection: new FakeWorksheetProtection(this.context, r),
      freezePanes: new FakeFreezePanes(this.context, r),
      pageLayout: new FakePageLayout(this.context, r),
      charts: new FakeChartCollection(this.context, r),
    };
    return this.kids;
  }
  protected override scalarNames(): readonly string[] {
    return ["name", "id", "visibility", "position"];
  }
  protected override readScalar(sheet: SheetModel, name: string): unknown {
    switch (name) {
      case "name":
        return sheet.name;
      case "id":
        return sheet.id;
      case "visibility":
        return sheet.visibility;
      case "position":
        return this.context.host.book.sheets.indexOf(sheet);
    }
    return super.readScalar(sheet, name);
  }
  private nameCollection?: FakeWorksheetNamedItemCollection;
  /** ExcelApi 1.4: the names scoped to this sheet. */
  get names(): FakeWorksheetNamedItemCollection {
    if (!this.context.host.supports("ExcelApi", "1.4")) throw apiNotFound("Worksheet.names", "1.4");
    this.nameCollection ??= new FakeWorksheetNamedItemCollection(this.context, () => this.fakeTarget());
    return this.nameCollection;
  }
  protected override navigation(name: string): ClientObject<object> | undefined {
    if (name === "protection" || name === "freezePanes" || name === "charts") return this.children[name];
    if (name === "names") return this.names;
    if (name === "pageLayout") return this.pageLayout;
    return undefined;
  }
  get name(): string {
    return this.getValue("name");
  }
  set name(value: string) {
    this.setValue("name", value, (sheet) => {
      checkSheetName(this.context.host.book, value, sheet);
      sheet.name = value;
    });
  }
  get id(): string {
    return this.getValue("id");
  }
  get position(): number {
    return this.getValue("position");
  }
  get visibility(): string {
    return this.getValue("visibility");
  }
  set visibility(value: string) {
    this.setValue("visibility", value, (sheet) => {
      if (value !== "Visible" && value !== "Hidden" && value !== "VeryHidden") {
        throw new FakeExcelError("InvalidArgument", `Invalid visibility '${value}'.`);
      }
      const book = this.context.host.book;
      if (value !== "Visible" && sheet.visibility === "Visible" && visibleCount(book) === 1) {
        throw new FakeExcelError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      }
      sheet.visibility = value;
      if (value !== "Visible" && book.active === sheet) book.active = book.sheets.find((s) => s.visibility === "Visible");
    });
  }
  get protection(): FakeWorksheetProtection {
    return this.children.protection;
  }
  get freezePanes(): FakeFreezePanes {
    return this.children.freezePanes;
  }
  get charts(): FakeChartCollection {
    return this.children.charts;
  }
  /** ExcelApi 1.9: office.js throws at once on an older host. */
  get pageLayout(): FakePageLayout {
    if (!this.context.host.supports("ExcelApi", "1.9")) throw apiNotFound("Worksheet.pageLayout", "1.9");
    return this.children.pageLayout;
  }
  getRange(address?: string): FakeRange {
    return created(
      this.context,
      "Worksheet.getRange",
      () => {
        const sheet = this.fakeTarget();
        if (sheet === null) return null;
        return { sheet, area: address === undefined ? WHOLE_SHEET : parseArea(address) };
      },
      (r) => new FakeRange(this.context, r),
    );
  }
  /**
   * The smallest range holding every used cell: with a value or formula (`valuesOnly`), or
   * also with a format; a null object on a sheet with none (ExcelApi 1.4).
   */
  getUsedRangeOrNullObject(valuesOnly = false): FakeRange {
    return created(
      this.context,
      "Worksheet.getUsedRangeOrNullObject",
      () => {
        const sheet = this.fakeTarget();
        if (sheet === null) return null;
        let area: Area | null = null;
        for (const [key, cell] of sheet.cells) {
          if (valuesOnly && cell.formula === undefined && cell.error === undefined && (cell.value === undefined || cell.value === "")) continue;
          const r = Math.floor(key / MAX_COLUMNS);
          const c = key % MAX_COLUMNS;
          area = area === null ? { r0: r, c0: c, r1: r, c1: c } : { r0: Math.min(area.r0, r), c0: Math.min(area.c0, c), r1: Math.max(area.r1, r), c1: Math.max(area.c1, c) };
        }
        return area === null ? null : { sheet, area };
      },
      (r) => new FakeRange(this.context, r),
    );
  }
  activate(): void {
    this.enqueue("Worksheet.activate", (sheet) => {
      if (sheet.visibility !== "Visible") throw new FakeExcelError("InvalidOperation", "A hidden sheet cannot be activated.");
      this.context.host.book.active = sheet;
    });
  }
  delete(): void {
    this.enqueue("Worksheet.delete", (sheet) => {
      const book = this.context.host.book;
      if (book.sheets.length === 1 || (sheet.visibility === "Visible" && visibleCount(book) === 1)) {
        throw new FakeExcelError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      }
      book.sheets = book.sheets.filter((s) => s !== sheet);
      sheet.deleted = true;
      // Comments go with their cells.
      for (const comment of book.comments) if (comment.sheet === sheet) comment.deleted = true;
      book.comments = book.comments.filter((comment) => comment.sheet !== sheet);
      // Its own (sheet-level) names go with it.
      for (const n of sheet.names) n.deleted = true;
      for (const n of book.names) {
        if (n.target.kind === "range" && n.target.sheet === sheet) {
          n.target = { kind: "error", formula: `=#REF!${formatArea(n.target.area, true)}` };
        }
      }
      if (book.active === sheet) book.active = book.sheets.find((s) => s.visibility === "Visible");
    });
  }
}

class FakeWorksheetProtection extends ClientObject<SheetModel> {
  protected readonly typeName = "WorksheetProtection";
  protected override scalarNames(): readonly string[] {
    return ["protected", "options"];
  }
  protected override readScalar(sheet: SheetModel, name: string): unknown {
    return name === "protected" ? sheet.protection.protected : sheet.protection.options;
  }
  get protected(): boolean {
    return this.getValue("protected");
  }
  get options(): Excel.WorksheetProtectionOptions {
    return this.getValue("options");
  }
  /** "Protects a worksheet. Fails if the worksheet has already been protected." */
  protect(options?: Excel.WorksheetProtectionOptions, password?: string): void {
    this.enqueue("WorksheetProtection.protect", (sheet) => {
      if (sheet.protection.protected) throw new FakeExcelError("InvalidOperation", `The sheet '${sheet.name}' is already protected.`);
      sheet.protection = { protected: true, options: { ...(options ?? {}) }, password };
    });
  }
  unprotect(password?: string): void {
    this.enqueue("WorksheetProtection.unprotect", (sheet) => {
      if (!sheet.protection.protected) return;
      if ((sheet.protection.password ?? "") !== (password ?? "")) {
        throw new FakeExcelError("BadPassword", `The password of the sheet '${sheet.name}' does not match.`);
      }
      sheet.protection = { protected: false, options: {} };
    });
  }
}

class FakeFreezePanes extends ClientObject<SheetModel> {
  protected readonly typeName = "WorksheetFreezePanes";
  freezeRows(count = 1): void {
    this.enqueue("WorksheetFreezePanes.freezeRows", (sheet) => {
      sheet.freeze = { rows: count, columns: 0 };
    });
  }
  freezeColumns(count = 1): void {
    this.enqueue("WorksheetFreezePanes.freezeColumns", (sheet) => {
      sheet.freeze = { rows: 0, columns: count };
    });
  }
  /** The given cells become the frozen top-left pane. */
  freezeAt(frozenRange: unknown): void {
    this.enqueue("WorksheetFreezePanes.freezeAt", (sheet) => {
      const area = typeof frozenRange === "string" ? parseArea(frozenRange) : rangeTargetOf(frozenRange, "freezeAt").area;
      sheet.freeze = { rows: area.r1 + 1, columns: area.c1 + 1 };
    });
  }
  unfreeze(): void {
    this.enqueue("WorksheetFreezePanes.unfreeze", (sheet) => {
      sheet.freeze = { rows: 0, columns: 0 };
    });
  }
}

class FakePageLayout extends ClientObject<SheetModel> {
  protected readonly typeName = "PageLayout";
  protected override scalarNames(): readonly string[] {
    return ["orientation", "paperSize", "zoom"];
  }
  protected override readScalar(sheet: SheetModel, name: string): unknown {
    return sheet.pageLayout[name as "orientation" | "paperSize" | "zoom"];
  }
  get orientation(): string {
    return this.getValue("orientation");
  }
  set orientation(value: string) {
    this.setValue("orientation", value, (sheet) => {
      if (value !== "Portrait" && value !== "Landscape") throw new FakeExcelError("InvalidArgument", `Invalid orientation '${value}'.`);
      sheet.pageLayout.orientation = value;
    });
  }
  get paperSize(): string {
    return this.getValue("paperSize");
  }
  set paperSize(value: string) {
    this.setValue("paperSize", value, (sheet) => {
      sheet.pageLayout.paperSize = value;
    });
  }
  get zoom(): Excel.PageLayoutZoomOptions {
    return this.getValue("zoom");
  }
  set zoom(value: Excel.PageLayoutZoomOptions) {
    this.setValue("zoom", value, (sheet) => {
      sheet.pageLayout.zoom = { ...value };
    });
  }
  /** "The range must span the entire row to be valid." */
  setPrintTitleRows(printTitleRows: unknown): void {
    this.enqueue("PageLayout.setPrintTitleRows", (sheet) => {
      const area = typeof printTitleRows === "string" ? parseArea(printTitleRows) : rangeTargetOf(printTitleRows, "setPrintTitleRows").area;
      if (area.c0 !== 0 || area.c1 !== MAX_COLUMNS - 1) {
        throw new FakeExcelError("InvalidArgument", "Print title rows must span entire rows.");
      }
      sheet.pageLayout.printTitleRows = formatArea(area, true);
    });
  }
}

// ---------------------------------------------------------------------------------------
// Ranges

interface RangeModel {
  readonly sheet: SheetModel;
  readonly area: Area;
}

function* cellsOf(area: Area): Generator<[number, number]> {
  if (!isBounded(area)) throw new FakeExcelError("InvalidArgument", `The fake does not write cell by cell to the unbounded range ${formatArea(area)}.`);
  for (let r = area.r0; r <= area.r1; r++) for (let c = area.c0; c <= area.c1; c++) yield [r, c];
}

/** Existing cells of an area, without creating any (works for whole rows, columns, sheets). */
function* existingCells(sheet: SheetModel, area: Area): Generator<[number, CellModel]> {
  for (const [key, cell] of sheet.cells) {
    const r = Math.floor(key / MAX_COLUMNS);
    const c = key % MAX_COLUMNS;
    if (r >= area.r0 && r <= area.r1 && c >= area.c0 && c <= area.c1) yield [key, cell];
  }
}

function cellAt(sheet: SheetModel, r: number, c: number): CellModel {
  const key = cellKey(r, c);
  let cell = sheet.cells.get(key);
  if (!cell) {
    cell = {};
    sheet.cells.set(key, cell);
  }
  return cell;
}

/** A format property over a range: its value when uniform, else null (as Excel returns). */
function uniform<V>(model: RangeModel, read: (cell: CellModel | undefined) => V): V | null {
  let first = true;
  let result: V | null = null;
  for (const [r, c] of cellsOf(model.area)) {
    const v = read(model.sheet.cells.get(cellKey(r, c)));
    if (first) {
      result = v;
      first = false;
    } else if (JSON.stringify(v) !== JSON.stringify(result)) return null;
  }
  return result;
}

function grid2D(model: RangeModel, read: (cell: CellModel | undefined) => unknown): unknown[][] {
  const out: unknown[][] = [];
  for (let r = model.area.r0; r <= model.area.r1; r++) {
    const row: unknown[] = [];
    for (let c = model.area.c0; c <= model.area.c1; c++) row.push(read(model.sheet.cells.get(cellKey(r, c))));
    out.push(row);
  }
  return out;
}

function checkDimensions(area: Area, value: unknown): unknown[][] {
  const rows = area.r1 - area.r0 + 1;
  const columns = area.c1 - area.c0 + 1;
  if (!isBounded(area) || !Array.isArray(value) || value.length !== rows || value.some((row) => !Array.isArray(row) || row.length !== columns)) {
    throw new FakeExcelError(
      "InvalidArgument",
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range ${formatArea(area)}.`,
    );
  }
  return value as unknown[][];
}

function pruneEmpty(sheet: SheetModel, key: number, cell: CellModel): void {
  if (Object.values(cell).every((v) => v === undefined)) sheet.cells.delete(key);
}

const FORMAT_FIELDS = ["numberFormat", "fill", "fillPattern", "bold", "italic", "fontColor", "wrap", "horizontal", "vertical", "borders", "locked"] as const;

class FakeRange extends ClientObject<RangeModel> {
  protected readonly typeName = "Range";
  private kids?: {
    format: FakeRangeFormat;
    dataValidation: FakeDataValidation;
    conditionalFormats: FakeConditionalFormatCollection;
    worksheet: FakeWorksheet;
  };
  private get children(): NonNullable<FakeRange["kids"]> {
    const r: Resolver<RangeModel> = () => this.fakeTarget();
    this.kids ??= {
      format: new FakeRangeFormat(this.context, r),
      dataValidation: new FakeDataValidation(this.context, r),
      conditionalFormats: new FakeConditionalFormatCollection(this.context, r),
      worksheet: new FakeWorksheet(this.context, () => this.fakeTarget()?.sheet ?? null),
    };
    return this.kids;
  }
  protected override scalarNames(): readonly string[] {
    return ["address", "values", "formulas", "valueTypes", "numberFormat", "rowCount", "columnCount", "rowIndex", "columnIndex", "columnHidden"];
  }
  protected override readScalar(m: RangeModel, name: string): unknown {
    switch (name) {
      case "address":
        return `${quoteSheetName(m.sheet.name)}!${formatArea(m.area)}`;
      case "values":
        return grid2D(m, cellValue);
      case "formulas":
        return grid2D(m, cellFormula);
      case "valueTypes":
        return grid2D(m, cellValueType);
      case "numberFormat":
        return grid2D(m, (cell) => cell?.numberFormat ?? "General");
      case "rowCount":
        return m.area.r1 - m.area.r0 + 1;
      case "columnCount":
        return m.area.c1 - m.area.c0 + 1;
      case "rowIndex":
        return m.area.r0;
      case "columnIndex":
        return m.area.c0;
      case "columnHidden": {
        const hidden = Array.from({ length: m.area.c1 - m.area.c0 + 1 }, (_, i) => m.sheet.hiddenColumns.has(m.area.c0 + i));
        return hidden.every((h) => h === hidden[0]) ? hidden[0] : null;
      }
    }
    return super.readScalar(m, name);
  }
  protected override navigation(name: string): ClientObject<object> | undefined {
    return name === "format" || name === "dataValidation" || name === "conditionalFormats" || name === "worksheet" ? this.children[name] : undefined;
  }
  /** The worksheet containing the range. */
  get worksheet(): FakeWorksheet {
    return this.children.worksheet;
  }
  /** One cell, relative to the top-left of this range; it may lie outside it, within the sheet. */
  getCell(row: number, column: number): FakeRange {
    return created(
      this.context,
      "Range.getCell",
      () => {
        const m = this.fakeTarget();
        if (m === null) return null;
        const r = m.area.r0 + row;
        const c = m.area.c0 + column;
        if (!Number.isInteger(row) || !Number.isInteger(column) || r < 0 || c < 0 || r >= MAX_ROWS || c >= MAX_COLUMNS) {
          throw new FakeExcelError("InvalidArgument", `getCell(${row}, ${column}) lies outside the sheet.`);
        }
        return { sheet: m.sheet, area: { r0: r, c0: c, r1: r, c1: c } };
      },
      (r) => new FakeRange(this.context, r),
    );
  }
  /** Selects the range in the Excel UI; its sheet becomes the active one. A hidden sheet refuses. */
  select(): void {
    this.enqueue("Range.select", (m) => {
      if (m.sheet.visibility !== "Visible") throw new FakeExcelError("InvalidOperation", `A range on the hidden sheet '${m.sheet.name}' cannot be selected.`);
      m.sheet.selection = m.area;
      this.context.host.book.active = m.sheet;
    });
  }
  get address(): string {
    return this.getValue("address");
  }
  get rowCount(): number {
    return this.getValue("rowCount");
  }
  get columnCount(): number {
    return this.getValue("columnCount");
  }
  get rowIndex(): number {
    return this.getValue("rowIndex");
  }
  get columnIndex(): number {
    return this.getValue("columnIndex");
  }
  get valueTypes(): string[][] {
    return this.getValue("valueTypes");
  }
  get columnHidden(): boolean | null {
    return this.getValue("columnHidden");
  }
  set columnHidden(value: boolean | null) {
    this.setValue("columnHidden", value, (m) => {
      assertNotProtected(m.sheet, "allowFormatColumns");
      if (value === true && m.area.c1 - m.area.c0 > 1000) throw new FakeExcelError("InvalidArgument", "The fake hides at most 1,000 columns at once.");
      if (value === true) for (let c = m.area.c0; c <= m.area.c1; c++) m.sheet.hiddenColumns.add(c);
      else for (const c of [...m.sheet.hiddenColumns]) if (c >= m.area.c0 && c <= m.area.c1) m.sheet.hiddenColumns.delete(c);
    });
  }
  get values(): unknown[][] {
    return this.getValue("values");
  }
  set values(value: unknown[][]) {
    this.writeCells("values", value);
  }
  get formulas(): unknown[][] {
    return this.getValue("formulas");
  }
  set formulas(value: unknown[][]) {
    this.writeCells("formulas", value);
  }
  get numberFormat(): unknown[][] {
    return this.getValue("numberFormat");
  }
  set numberFormat(value: unknown[][]) {
    this.setValue(
      "numberFormat",
      value,
      (m) => {
        const grid = checkDimensions(m.area, value);
        assertNotProtected(m.sheet, "allowFormatCells");
        for (const [r, c] of cellsOf(m.area)) {
          const x = grid[r - m.area.r0]?.[c - m.area.c0];
          if (x === null || x === undefined) continue;
          cellAt(m.sheet, r, c).numberFormat = x === "" || x === "General" ? undefined : String(x);
        }
      },
      "write",
      JSON.stringify(value ?? null).length,
    );
  }
  get format(): FakeRangeFormat {
    return this.children.format;
  }
  get dataValidation(): FakeDataValidation {
    return this.children.dataValidation;
  }
  get conditionalFormats(): FakeConditionalFormatCollection {
    return this.children.conditionalFormats;
  }

  private writeCells(name: "values" | "formulas", value: unknown): void {
    this.setValue(
      name,
      value,
      (m) => {
        const grid = checkDimensions(m.area, value);
        const writes: [number, number, CellModel][] = [];
        for (const [r, c] of cellsOf(m.area)) {
          const e = entered(grid[r - m.area.r0]?.[c - m.area.c0]);
          if (e === undefined) continue;
          if (m.sheet.protection.protected && m.sheet.cells.get(cellKey(r, c))?.locked !== false) {
            throw new FakeExcelError("AccessDenied", `The cell ${columnName(c)}${r + 1} of the protected sheet '${m.sheet.name}' is locked.`);
          }
          writes.push([r, c, e]);
        }
        for (const [r, c, e] of writes) {
          const cell = cellAt(m.sheet, r, c);
          // A cell formatted as text ("@") takes a formula as its text, as Excel does.
          const asText = e.formula !== undefined && cell.numberFormat === "@";
          cell.value = asText ? e.formula : e.value;
          cell.error = e.error;
          cell.formula = asText ? undefined : e.formula;
          pruneEmpty(m.sheet, cellKey(r, c), cell);
        }
      },
      "content",
      JSON.stringify(value ?? null).length,
    );
  }

  /** applyTo: "All" (default), "Formats" or "Contents". Data validation is left alone. */
  clear(applyTo: string = "All"): void {
    this.enqueue("Range.clear", (m) => {
      assertNotProtected(m.sheet);
      const contents = applyTo === "All" || applyTo === "Contents";
      const formats = applyTo === "All" || applyTo === "Formats";
      if (!contents && !formats) throw new FakeExcelError("InvalidArgument", `The fake does not clear '${applyTo}'.`);
      for (const [key, cell] of [...existingCells(m.sheet, m.area)]) {
        if (contents) {
          cell.value = undefined;
          cell.error = undefined;
          cell.formula = undefined;
        }
        if (formats) for (const f of FORMAT_FIELDS) cell[f] = undefined;
        pruneEmpty(m.sheet, key, cell);
      }
      if (formats) {
        m.sheet.merges = m.sheet.merges.filter((a) => !intersects(a, m.area));
        m.sheet.conditionalFormats = m.sheet.conditionalFormats.filter((cf) => !intersects(cf.area, m.area));
      }
    });
  }

  /** Only the top-left value of each merged area is kept, as in Excel. */
  merge(across = false): void {
    this.enqueue("Range.merge", (m) => {
      assertNotProtected(m.sheet);
      const areas = across
        ? Array.from({ length: m.area.r1 - m.area.r0 + 1 }, (_, i) => ({ r0: m.area.r0 + i, r1: m.area.r0 + i, c0: m.area.c0, c1: m.area.c1 }))
        : [m.area];
      for (const area of areas) {
        if (area.r0 === area.r1 && area.c0 === area.c1) continue;
        if (m.sheet.merges.some((a) => sameArea(a, area))) continue;
        if (m.sheet.merges.some((a) => intersects(a, area))) {
          throw new FakeExcelError("InvalidOperation", `Cannot merge ${formatArea(area)}: it overlaps a merged area.`);
        }
        for (const [r, c] of cellsOf(area)) {
          if (r === area.r0 && c === area.c0) continue;
          const cell = m.sheet.cells.get(cellKey(r, c));
          if (cell) {
            cell.value = undefined;
            cell.error = undefined;
            cell.formula = undefined;
            pruneEmpty(m.sheet, cellKey(r, c), cell);
          }
        }
        m.sheet.merges.push(area);
      }
    });
  }

  unmerge(): void {
    this.enqueue("Range.unmerge", (m) => {
      assertNotProtected(m.sheet);
      m.sheet.merges = m.sheet.merges.filter((a) => !intersects(a, m.area));
    });
  }
}

class FakeRangeFormat extends ClientObject<RangeModel> {
  protected readonly typeName = "RangeFormat";
  private kids?: { fill: FakeRangeFill; font: FakeRangeFont; borders: FakeRangeBorderCollection; protection: FakeFormatProtection };
  private get children(): NonNullable<FakeRangeFormat["kids"]> {
    const r: Resolver<RangeModel> = () => this.fakeTarget();
    this.kids ??= {
      fill: new FakeRangeFill(this.context, r),
      font: new FakeRangeFont(this.context, r),
      borders: new FakeRangeBorderCollection(this.context, r),
      protection: new FakeFormatProtection(this.context, r),
    };
    return this.kids;
  }
  protected override scalarNames(): readonly string[] {
    return ["wrapText", "horizontalAlignment", "verticalAlignment", "columnWidth", "rowHeight", "useStandardWidth", "useStandardHeight"];
  }
  protected override readScalar(m: RangeModel, name: string): unknown {
    const columns = (): number[] => Array.from({ length: m.area.c1 - m.area.c0 + 1 }, (_, i) => m.sheet.columnWidths.get(m.area.c0 + i) ?? DEFAULT_COLUMN_WIDTH);
    const rows = (): number[] => Array.from({ length: m.area.r1 - m.area.r0 + 1 }, (_, i) => m.sheet.rowHeights.get(m.area.r0 + i) ?? DEFAULT_ROW_HEIGHT);
    const same = (xs: number[]): number | null => (xs.every((x) => x === xs[0]) ? (xs[0] as number) : null);
    switch (name) {
      case "wrapText":
        return uniform(m, (c) => c?.wrap ?? false);
      case "horizontalAlignment":
        return uniform(m, (c) => c?.horizontal ?? "General");
      case "verticalAlignment":
        return uniform(m, (c) => c?.vertical ?? "Bottom");
      case "columnWidth":
        return same(columns());
      case "rowHeight":
        return same(rows());
      case "useStandardWidth":
        return columns().every((w) => w === DEFAULT_COLUMN_WIDTH);
      case "useStandardHeight":
        return rows().every((h) => h === DEFAULT_ROW_HEIGHT);
    }
    return super.readScalar(m, name);
  }
  protected override navigation(name: string): ClientObject<object> | undefined {
    return name === "fill" || name === "font" || name === "borders" || name === "protection" ? this.children[name] : undefined;
  }
  get fill(): FakeRangeFill {
    return this.children.fill;
  }
  get font(): FakeRangeFont {
    return this.children.font;
  }
  get borders(): FakeRangeBorderCollection {
    return this.children.borders;
  }
  get protection(): FakeFormatProtection {
    return this.children.protection;
  }
  private cellFormat(name: string, value: unknown, apply: (cell: CellModel) => void): void {
    this.setValue(name, value, (m) => {
      assertNotProtected(m.sheet, "allowFormatCells");
      for (const [r, c] of cellsOf(m.area)) apply(cellAt(m.sheet, r, c));
    });
  }
  get wrapText(): boolean | null {
    return this.getValue("wrapText");
  }
  set wrapText(value: boolean | null) {
    this.cellFormat("wrapText", value, (cell) => {
      cell.wrap = value === true ? true : undefined;
    });
  }
  get horizontalAlignment(): string | null {
    return this.getValue("horizontalAlignment");
  }
  set horizontalAlignment(value: string | null) {
    this.cellFormat("horizontalAlignment", value, (cell) => {
      cell.horizontal = value === "General" || value === null ? undefined : value;
    });
  }
  get verticalAlignment(): string | null {
    return this.getValue("verticalAlignment");
  }
  set verticalAlignment(value: string | null) {
    this.cellFormat("verticalAlignment", value, (cell) => {
      cell.vertical = value === "Bottom" || value === null ? undefined : value;
    });
  }
  get columnWidth(): number | null {
    return this.getValue("columnWidth");
  }
  set columnWidth(value: number | null) {
    this.setValue("columnWidth", value, (m) => {
      assertNotProtected(m.sheet, "allowFormatColumns");
      if (typeof value !== "number" || value < 0) throw new FakeExcelError("InvalidArgument", `Invalid column width ${String(value)}.`);
      if (m.area.c1 - m.area.c0 > 1000) throw new FakeExcelError("InvalidArgument", "The fake sets widths of at most 1,000 columns at once.");
      for (let c = m.area.c0; c <= m.area.c1; c++) m.sheet.columnWidths.set(c, value);
    });
  }
  get rowHeight(): number | null {
    return this.getValue("rowHeight");
  }
  set rowHeight(value: number | null) {
    this.setValue("rowHeight", value, (m) => {
      assertNotProtected(m.sheet, "allowFormatRows");
      if (typeof value !== "number" || value < 0 || value > 409) throw new FakeExcelError("InvalidArgument", `Invalid row height ${String(value)}.`);
      if (m.area.r1 - m.area.r0 > 100_000) throw new FakeExcelError("InvalidArgument", "The fake sets heights of at most 100,000 rows at once.");
      for (let r = m.area.r0; r <= m.area.r1; r++) m.sheet.rowHeights.set(r, value);
    });
  }
  get useStandardWidth(): boolean {
    return this.getValue("useStandardWidth");
  }
  set useStandardWidth(value: boolean) {
    this.setValue("useStandardWidth", value, (m) => {
      assertNotProtected(m.sheet, "allowFormatColumns");
      if (value) for (const c of [...m.sheet.columnWidths.keys()]) if (c >= m.area.c0 && c <= m.area.c1) m.sheet.columnWidths.delete(c);
    });
  }
  get useStandardHeight(): boolean {
    return this.getValue("useStandardHeight");
  }
  set useStandardHeight(value: boolean) {
    this.setValue("useStandardHeight", value, (m) => {
      assertNotProtected(m.sheet, "allowFormatRows");
      if (value) for (const r of [...m.sheet.rowHeights.keys()]) if (r >= m.area.r0 && r <= m.area.r1) m.sheet.rowHeights.delete(r);
    });
  }
}

const checkColor = (value: unknown): string => {
  if (typeof value !== "string" || !/^#[0-9A-Fa-f]{6}$|^[A-Za-z]+$/.test(value)) {
    throw new FakeExcelError("InvalidArgument", `Invalid color '${String(value)}'.`);
  }
  return value.toUpperCase();
};

const FILL_PATTERNS = [
  "None", "Solid", "Gray50", "Gray75", "Gray25", "Horizontal", "Vertical", "Down", "Up", "Checker", "SemiGray75",
  "LightHorizontal", "LightVertical", "LightDown", "LightUp", "Grid", "CrissCross", "Gray16", "Gray8", "LinearGradient", "RectangularGradient",
];

/** "None" without a fill; "Solid" unless another pattern was set. */
const fillPatternOf = (cell: CellModel | undefined): string => (cell?.fill === undefined ? "None" : (cell.fillPattern ?? "Solid"));

/**
 * A cell without fill and a white one both read color "#FFFFFF"; only `pattern` (ExcelApi
 * 1.9) tells them apart: "None" against "Solid". Setting a color on a cell without fill
 * gives it a solid fill; setting pattern "None", or `clear()`, removes the fill.
 */
class FakeRangeFill extends ClientObject<RangeModel> {
  protected readonly typeName = "RangeFill";
  private hasPattern(): boolean {
    return this.context.host.supports("ExcelApi", "1.9");
  }
  protected override scalarNames(): readonly string[] {
    return ["color", "pattern"];
  }
  protected override defaultLoadNames(): readonly string[] {
    return this.hasPattern() ? ["color", "pattern"] : ["color"];
  }
  protected override readScalar(m: RangeModel, name: string): unknown {
    if (name === "pattern") {
      if (!this.hasPattern()) throw apiNotFound("RangeFill.pattern", "1.9");
      return uniform(m, fillPatternOf);
    }
    return uniform(m, (c) => c?.fill ?? "#FFFFFF");
  }
  get color(): string | null {
    return this.getValue("color");
  }
  set color(value: string | null) {
    this.setValue("color", value, (m) => {
      assertNotProtected(m.sheet, "allowFormatCells");
      const color = checkColor(value);
      for (const [r, c] of cellsOf(m.area)) cellAt(m.sheet, r, c).fill = color;
    });
  }
  /** ExcelApi 1.9. */
  get pattern(): string | null {
    if (!this.hasPattern()) throw apiNotFound("RangeFill.pattern", "1.9");
    return this.getValue("pattern");
  }
  set pattern(value: string | null) {
    if (!this.hasPattern()) throw apiNotFound("RangeFill.pattern", "1.9");
    this.setValue("pattern", value, (m) => {
      assertNotProtected(m.sheet, "allowFormatCells");
      if (typeof value !== "string" || !FILL_PATTERNS.includes(value)) throw new FakeExcelError("InvalidArgument", `Invalid fill pattern '${String(value)}'.`);
      for (const [r, c] of cellsOf(m.area)) {
        const cell = cellAt(m.sheet, r, c);
        if (value === "None") {
          cell.fill = undefined;
          cell.fillPattern = undefined;
          pruneEmpty(m.sheet, cellKey(r, c), cell);
        } else {
          cell.fill ??= "#FFFFFF";
          cell.fillPattern = value === "Solid" ? undefined : value;
        }
      }
    });
  }
  /** "Resets the range background": no fill. */
  clear(): void {
    this.enqueue("RangeFill.clear", (m) => {
      assertNotProtected(m.sheet, "allowFormatCells");
      for (const [key, cell] of [...existingCells(m.sheet, m.area)]) {
        cell.fill = undefined;
        cell.fillPattern = undefined;
        pruneEmpty(m.sheet, key, cell);
      }
    });
  }
}

class FakeRangeFont extends ClientObject<RangeModel> {
  protected readonly typeName = "RangeFont";
  protected override scalarNames(): readonly string[] {
    return ["bold", "italic", "color"];
  }
  protected override readScalar(m: RangeModel, name: string): unknown {
    if (name === "bold") return uniform(m, (c) => c?.bold ?? false);
    if (name === "italic") return uniform(m, (c) => c?.italic ?? false);
    return uniform(m, (c) => c?.fontColor ?? "#000000");
  }
  private font(name: string, value: unknown, apply: (cell: CellModel) => void): void {
    this.setValue(name, value, (m) => {
      assertNotProtected(m.sheet, "allowFormatCells");
      for (const [r, c] of cellsOf(m.area)) apply(cellAt(m.sheet, r, c));
    });
  }
  get bold(): boolean | null {
    return this.getValue("bold");
  }
  set bold(value: boolean | null) {
    this.font("bold", value, (cell) => {
      cell.bold = value === true ? true : undefined;
    });
  }
  get italic(): boolean | null {
    return this.getValue("italic");
  }
  set italic(value: boolean | null) {
    this.font("italic", value, (cell) => {
      cell.italic = value === true ? true : undefined;
    });
  }
  get color(): string | null {
    return this.getValue("color");
  }
  set color(value: string | null) {
    this.font("color", value, (cell) => {
      cell.fontColor = checkColor(value);
    });
  }
}

const BORDER_INDEXES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal"] as const;

class FakeRangeBorderCollection extends ClientObject<RangeModel> {
  protected readonly typeName = "RangeBorderCollection";
  getItem(index: string): FakeRangeBorder {
    if (!(BORDER_INDEXES as readonly string[]).includes(index)) throw new FakeExcelError("InvalidArgument", `The fake has no border '${index}'.`);
    return new FakeRangeBorder(this.context, () => this.fakeTarget(), index as (typeof BORDER_INDEXES)[number]);
  }
}

class FakeRangeBorder extends ClientObject<RangeModel> {
  protected readonly typeName = "RangeBorder";
  constructor(
    context: FakeRequestContext,
    resolve: Resolver<RangeModel>,
    private readonly index: (typeof BORDER_INDEXES)[number],
  ) {
    super(context, resolve);
  }
  /** The (cell, side) pairs this border index stands for. */
  private sides(area: Area): [number, number, BorderSide][] {
    const out: [number, number, BorderSide][] = [];
    for (const [r, c] of cellsOf(area)) {
      if (this.index === "EdgeTop" && r === area.r0) out.push([r, c, "top"]);
      if (this.index === "EdgeBottom" && r === area.r1) out.push([r, c, "bottom"]);
      if (this.index === "EdgeLeft" && c === area.c0) out.push([r, c, "left"]);
      if (this.index === "EdgeRight" && c === area.c1) out.push([r, c, "right"]);
      if (this.index === "InsideHorizontal" && r < area.r1) out.push([r, c, "bottom"], [r + 1, c, "top"]);
      if (this.index === "InsideVertical" && c < area.c1) out.push([r, c, "right"], [r, c + 1, "left"]);
    }
    return out;
  }
  protected override scalarNames(): readonly string[] {
    return ["style", "weight", "color"];
  }
  protected override readScalar(m: RangeModel, name: string): unknown {
    const values = this.sides(m.area).map(([r, c, side]) => m.sheet.cells.get(cellKey(r, c))?.borders?.[side]?.[name as keyof BorderModel] ?? (name === "style" ? "None" : name === "weight" ? "Thin" : "#000000"));
    return values.every((v) => v === values[0]) ? (values[0] ?? null) : null;
  }
  private border(name: keyof BorderModel, value: string): void {
    this.setValue(name, value, (m) => {
      assertNotProtected(m.sheet, "allowFormatCells");
      for (const [r, c, side] of this.sides(m.area)) {
        const cell = cellAt(m.sheet, r, c);
        cell.borders ??= {};
        const b = (cell.borders[side] ??= { style: "None", weight: "Thin", color: "#000000" });
        b[name] = name === "color" ? checkColor(value) : value;
      }
    });
  }
  get style(): string {
    return this.getValue("style");
  }
  set style(value: string) {
    this.border("style", value);
  }
  get weight(): string {
    return this.getValue("weight");
  }
  set weight(value: string) {
    this.border("weight", value);
  }
  get color(): string {
    return this.getValue("color");
  }
  set color(value: string) {
    this.border("color", value);
  }
}

class FakeFormatProtection extends ClientObject<RangeModel> {
  protected readonly typeName = "FormatProtection";
  protected override scalarNames(): readonly string[] {
    return ["locked"];
  }
  protected override readScalar(m: RangeModel): unknown {
    return uniform(m, (c) => c?.locked ?? true);
  }
  get locked(): boolean | null {
    return this.getValue("locked");
  }
  set locked(value: boolean | null) {
    this.setValue("locked", value, (m) => {
      assertNotProtected(m.sheet);
      for (const [r, c] of cellsOf(m.area)) cellAt(m.sheet, r, c).locked = value === false ? false : undefined;
    });
  }
}

// ---------------------------------------------------------------------------------------
// Data validation and conditional formats

const RULE_KINDS = ["wholeNumber", "decimal", "list", "textLength", "date", "time", "custom"] as const;
const RULE_TYPES: Record<string, string> = {
  wholeNumber: "WholeNumber",
  decimal: "Decimal",
  list: "List",
  textLength: "TextLength",
  date: "Date",
  time: "Time",
  custom: "Custom",
};

function checkRule(rule: Excel.DataValidationRule, book: BookModel): void {
  const kinds = RULE_KINDS.filter((k) => rule[k] !== undefined);
  if (kinds.length !== 1) throw new FakeExcelError("InvalidArgument", "A data validation rule needs exactly one kind.");
  const kind = kinds[0] as (typeof RULE_KINDS)[number];
  if (kind === "list") {
    const source = rule.list?.source;
    if (typeof source === "string" && source.startsWith("=")) {
      const name = source.slice(1).trim();
      if (/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name) && !book.names.some((n) => sameName(n.name, name))) {
        throw new FakeExcelError("InvalidArgument", `The list source '${source}' names no defined name.`);
      }
    }
    return;
  }
  if (kind === "custom") {
    const formula = rule.custom?.formula;
    if (typeof formula !== "string" || !formula.startsWith("=") || formula.length > 8192) {
      throw new FakeExcelError("InvalidArgument", `A custom validation formula starts with "=": '${String(formula)}'.`);
    }
    return;
  }
  if (kind === "wholeNumber" || kind === "decimal" || kind === "textLength") {
    const basic = rule[kind] as Excel.BasicDataValidation;
    if (basic.formula1 === undefined || basic.operator === undefined) throw new FakeExcelError("InvalidArgument", "formula1 and operator are required.");
    if ((basic.operator === "Between" || basic.operator === "NotBetween") && basic.formula2 === undefined) {
      throw new FakeExcelError("InvalidArgument", "formula2 is required for Between.");
    }
  }
}

class FakeDataValidation extends ClientObject<RangeModel> {
  protected readonly typeName = "DataValidation";
  protected override scalarNames(): readonly string[] {
    return ["rule", "prompt", "errorAlert", "ignoreBlanks", "type"];
  }
  protected override readScalar(m: RangeModel, name: string): unknown {
    const v = (cell: CellModel | undefined): ValidationModel | undefined => cell?.validation;
    switch (name) {
      case "rule":
        return uniform(m, (c) => v(c)?.rule ?? null);
      case "prompt":
        return uniform(m, (c) => v(c)?.prompt ?? { showPrompt: false, title: "", message: "" });
      case "errorAlert":
        return uniform(m, (c) => v(c)?.errorAlert ?? { showAlert: true, style: "Stop", title: "", message: "" });
      case "ignoreBlanks":
        return uniform(m, (c) => v(c)?.ignoreBlanks ?? true);
      case "type": {
        const t = uniform(m, (c) => {
          const rule = v(c)?.rule;
          const kind = rule ? RULE_KINDS.find((k) => rule[k] !== undefined) : undefined;
          return kind ? (RULE_TYPES[kind] as string) : "None";
        });
        return t ?? "Inconsistent";
      }
    }
    return super.readScalar(m, name);
  }
  private validation(name: string, value: unknown, apply: (dv: ValidationModel) => void): void {
    this.setValue(name, value, (m) => {
      assertNotProtected(m.sheet);
      for (const [r, c] of cellsOf(m.area)) {
        const cell = cellAt(m.sheet, r, c);
        // Each cell gets its own record, so a later change to part of the range stays local.
        cell.validation = cell.validation ? { ...cell.validation } : { rule: null, ignoreBlanks: true };
        apply(cell.validation);
      }
    });
  }
  get rule(): Excel.DataValidationRule | null {
    return this.getValue("rule");
  }
  set rule(value: Excel.DataValidationRule) {
    this.validation("rule", value, (dv) => {
      checkRule(value, this.context.host.book);
      dv.rule = deepCopy(value);
    });
  }
  get prompt(): Excel.DataValidationPrompt {
    return this.getValue("prompt");
  }
  set prompt(value: Excel.DataValidationPrompt) {
    this.validation("prompt", value, (dv) => {
      if ((value.title ?? "").length > 32 || (value.message ?? "").length > 255) {
        throw new FakeExcelError("InvalidArgument", `An input prompt allows a title of 32 and a message of 255 characters: '${value.title}'.`);
      }
      dv.prompt = { ...value };
    });
  }
  get errorAlert(): Excel.DataValidationErrorAlert {
    return this.getValue("errorAlert");
  }
  set errorAlert(value: Excel.DataValidationErrorAlert) {
    this.validation("errorAlert", value, (dv) => {
      if ((value.title ?? "").length > 32 || (value.message ?? "").length > 225) {
        throw new FakeExcelError("InvalidArgument", `An error alert allows a title of 32 and a message of 225 characters: '${value.title}'.`);
      }
      dv.errorAlert = { ...value };
    });
  }
  get ignoreBlanks(): boolean {
    return this.getValue("ignoreBlanks");
  }
  set ignoreBlanks(value: boolean) {
    this.validation("ignoreBlanks", value, (dv) => {
      dv.ignoreBlanks = value;
    });
  }
  get type(): string {
    return this.getValue("type");
  }
  clear(): void {
    this.enqueue("DataValidation.clear", (m) => {
      assertNotProtected(m.sheet);
      for (const [key, cell] of [...existingCells(m.sheet, m.area)]) {
        cell.validation = undefined;
        pruneEmpty(m.sheet, key, cell);
      }
    });
  }
}

class FakeConditionalFormatCollection extends ClientObject<RangeModel> {
  protected readonly typeName = "ConditionalFormatCollection";
  add(type: string): FakeConditionalFormat {
    return created(
      this.context,
      "ConditionalFormatCollection.add",
      () => {
        const m = this.fakeTarget();
        if (m === null) return null;
        assertNotProtected(m.sheet);
        if (type !== "Custom") throw new FakeExcelError("InvalidArgument", `The fake supports custom conditional formats only, not '${type}'.`);
        const cf: ConditionalFormatModel = { area: m.area, type };
        m.sheet.conditionalFormats.push(cf);
        return cf;
      },
      (r) => new FakeConditionalFormat(this.context, r),
      "write",
    );
  }
  clearAll(): void {
    this.enqueue("ConditionalFormatCollection.clearAll", (m) => {
      assertNotProtected(m.sheet);
      m.sheet.conditionalFormats = m.sheet.conditionalFormats.filter((cf) => !intersects(cf.area, m.area));
    });
  }
}

class FakeConditionalFormat extends ClientObject<ConditionalFormatModel> {
  protected readonly typeName = "ConditionalFormat";
  private customFormat?: FakeCustomConditionalFormat;
  protected override scalarNames(): readonly string[] {
    return ["type"];
  }
  protected override readScalar(cf: ConditionalFormatModel): unknown {
    return cf.type;
  }
  get type(): string {
    return this.getValue("type");
  }
  get custom(): FakeCustomConditionalFormat {
    this.customFormat ??= new FakeCustomConditionalFormat(this.context, () => this.fakeTarget());
    return this.customFormat;
  }
}

class FakeCustomConditionalFormat extends ClientObject<ConditionalFormatModel> {
  protected readonly typeName = "CustomConditionalFormat";
  private kids?: { rule: FakeConditionalFormatRule; format: FakeConditionalRangeFormat };
  private get children(): NonNullable<FakeCustomConditionalFormat["kids"]> {
    const r: Resolver<ConditionalFormatModel> = () => this.fakeTarget();
    this.kids ??= { rule: new FakeConditionalFormatRule(this.context, r), format: new FakeConditionalRangeFormat(this.context, r) };
    return this.kids;
  }
  get rule(): FakeConditionalFormatRule {
    return this.children.rule;
  }
  get format(): FakeConditionalRangeFormat {
    return this.children.format;
  }
}

class FakeConditionalFormatRule extends ClientObject<ConditionalFormatModel> {
  protected readonly typeName = "ConditionalFormatRule";
  protected override scalarNames(): readonly string[] {
    return ["formula"];
  }
  protected override readScalar(cf: ConditionalFormatModel): unknown {
    return cf.formula ?? null;
  }
  get formula(): string {
    return this.getValue("formula");
  }
  set formula(value: string) {
    this.setValue("formula", value, (cf) => {
      if (typeof value !== "string" || !value.startsWith("=") || value.length > 8192) {
        throw new FakeExcelError("InvalidArgument", `A conditional format formula starts with "=": '${String(value)}'.`);
      }
      cf.formula = value;
    });
  }
}

class FakeConditionalRangeFormat extends ClientObject<ConditionalFormatModel> {
  protected readonly typeName = "ConditionalRangeFormat";
  private kids?: { fill: FakeConditionalColor; font: FakeConditionalFont };
  private get children(): NonNullable<FakeConditionalRangeFormat["kids"]> {
    const r: Resolver<ConditionalFormatModel> = () => this.fakeTarget();
    this.kids ??= { fill: new FakeConditionalColor(this.context, r), font: new FakeConditionalFont(this.context, r) };
    return this.kids;
  }
  get fill(): FakeConditionalColor {
    return this.children.fill;
  }
  get font(): FakeConditionalFont {
    return this.children.font;
  }
}

class FakeConditionalColor extends ClientObject<ConditionalFormatModel> {
  protected readonly typeName = "ConditionalRangeFill";
  protected override scalarNames(): readonly string[] {
    return ["color"];
  }
  protected override readScalar(cf: ConditionalFormatModel): unknown {
    return cf.fill ?? null;
  }
  get color(): string {
    return this.getValue("color");
  }
  set color(value: string) {
    this.setValue("color", value, (cf) => {
      cf.fill = checkColor(value);
    });
  }
}

class FakeConditionalFont extends ClientObject<ConditionalFormatModel> {
  protected readonly typeName = "ConditionalRangeFont";
  protected override scalarNames(): readonly string[] {
    return ["color", "bold"];
  }
  protected override readScalar(cf: ConditionalFormatModel, name: string): unknown {
    return name === "color" ? (cf.fontColor ?? null) : (cf.bold ?? null);
  }
  get color(): string {
    return this.getValue("color");
  }
  set color(value: string) {
    this.setValue("color", value, (cf) => {
      cf.fontColor = checkColor(value);
    });
  }
  get bold(): boolean {
    return this.getValue("bold");
  }
  set bold(value: boolean) {
    this.setValue("bold", value, (cf) => {
      cf.bold = value;
    });
  }
}

// ---------------------------------------------------------------------------------------
// Charts

class FakeChartCollection extends CollectionObject<SheetModel, ChartModel, FakeChart> {
  protected readonly typeName = "ChartCollection";
  protected models(sheet: SheetModel): readonly ChartModel[] {
    return sheet.charts;
  }
  protected itemProxy(model: ChartModel): FakeChart {
    return known(model, (r) => new FakeChart(this.context, r));
  }
  add(type: string, sourceData: unknown, seriesBy: string = "Auto"): FakeChart {
    return created(
      this.context,
      "ChartCollection.add",
      () => {
        const sheet = this.fakeTarget();
        if (sheet === null) return null;
        assertNotProtected(sheet, "allowEditObjects");
        const source = rangeTargetOf(sourceData, "ChartCollection.add");
        const chart: ChartModel = {
          name: `Chart ${sheet.charts.length + 1}`,
          type,
          source: { sheet: source.sheet, area: source.area },
          seriesBy,
          legendVisible: true,
          xAxisValues: new Map(),
          deleted: false,
        };
        sheet.charts.push(chart);
        return chart;
      },
      (r) => new FakeChart(this.context, r),
      "write",
    );
  }
}

function seriesCount(chart: ChartModel): number {
  const rows = chart.source.area.r1 - chart.source.area.r0 + 1;
  const columns = chart.source.area.c1 - chart.source.area.c0 + 1;
  const byRows = chart.seriesBy === "Rows" || (chart.seriesBy === "Auto" && columns > rows);
  return byRows ? rows : columns;
}

class FakeChart extends ClientObject<ChartModel> {
  protected readonly typeName = "Chart";
  private kids?: { title: FakeChartTitle; legend: FakeChartLegend; series: FakeChartSeriesCollection };
  private get children(): NonNullable<FakeChart["kids"]> {
    const r: Resolver<ChartModel> = () => this.fakeTarget();
    this.kids ??= { title: new FakeChartTitle(this.context, r), legend: new FakeChartLegend(this.context, r), series: new FakeChartSeriesCollection(this.context, r) };
    return this.kids;
  }
  protected override scalarNames(): readonly string[] {
    return ["name", "chartType"];
  }
  protected override readScalar(chart: ChartModel, name: string): unknown {
    return name === "name" ? chart.name : chart.type;
  }
  protected override navigation(name: string): ClientObject<object> | undefined {
    return name === "title" || name === "legend" ? this.children[name] : undefined;
  }
  get name(): string {
    return this.getValue("name");
  }
  set name(value: string) {
    this.setValue("name", value, (chart) => {
      chart.name = value;
    });
  }
  get chartType(): string {
    return this.getValue("chartType");
  }
  get title(): FakeChartTitle {
    return this.children.title;
  }
  get legend(): FakeChartLegend {
    return this.children.legend;
  }
  get series(): FakeChartSeriesCollection {
    return this.children.series;
  }
  setPosition(startCell: unknown, endCell?: unknown): void {
    this.enqueue("Chart.setPosition", (chart) => {
      const address = (x: unknown): string => formatArea(typeof x === "string" ? parseArea(x) : rangeTargetOf(x, "setPosition").area);
      chart.position = { from: address(startCell), to: endCell === undefined ? undefined : address(endCell) };
    });
  }
  delete(): void {
    this.enqueue("Chart.delete", (chart) => {
      const sheet = this.context.host.book.sheets.find((s) => s.charts.includes(chart));
      if (sheet) {
        assertNotProtected(sheet, "allowEditObjects");
        sheet.charts = sheet.charts.filter((c) => c !== chart);
      }
      chart.deleted = true;
    });
  }
}

class FakeChartTitle extends ClientObject<ChartModel> {
  protected readonly typeName = "ChartTitle";
  protected override scalarNames(): readonly string[] {
    return ["text"];
  }
  protected override readScalar(chart: ChartModel): unknown {
    return chart.title ?? "";
  }
  get text(): string {
    return this.getValue("text");
  }
  set text(value: string) {
    this.setValue("text", value, (chart) => {
      chart.title = value;
    });
  }
}

class FakeChartLegend extends ClientObject<ChartModel> {
  protected readonly typeName = "ChartLegend";
  protected override scalarNames(): readonly string[] {
    return ["visible"];
  }
  protected override readScalar(chart: ChartModel): unknown {
    return chart.legendVisible;
  }
  get visible(): boolean {
    return this.getValue("visible");
  }
  set visible(value: boolean) {
    this.setValue("visible", value, (chart) => {
      chart.legendVisible = value;
    });
  }
}

class FakeChartSeriesCollection extends ClientObject<ChartModel> {
  protected readonly typeName = "ChartSeriesCollection";
  getItemAt(index: number): FakeChartSeries {
    return created(
      this.context,
      "ChartSeriesCollection.getItemAt",
      () => {
        const chart = this.fakeTarget();
        if (chart === null) return null;
        if (index < 0 || index >= seriesCount(chart)) throw new FakeExcelError("ItemNotFound", `The chart has no series ${index}.`);
        return { chart, index };
      },
      (r) => new FakeChartSeries(this.context, r),
    );
  }
}

class FakeChartSeries extends ClientObject<{ chart: ChartModel; index: number }> {
  protected readonly typeName = "ChartSeries";
  setXAxisValues(sourceData: unknown): void {
    this.enqueue("ChartSeries.setXAxisValues", (s) => {
      const source = rangeTargetOf(sourceData, "setXAxisValues");
      s.chart.xAxisValues.set(s.index, { sheet: source.sheet, area: source.area });
    });
  }
}

// ---------------------------------------------------------------------------------------
// Defined names

class FakeNamedItemCollection extends CollectionObject<BookModel, NameModel, FakeNamedItem> {
  protected readonly typeName = "NamedItemCollection";
  protected models(book: BookModel): readonly NameModel[] {
    return book.names;
  }
  protected itemProxy(model: NameModel): FakeNamedItem {
    return known(model, (r) => new FakeNamedItem(this.context, r));
  }
  /** A workbook-level name; names are unique regardless of case. */
  add(name: string, reference: unknown, comment?: string): FakeNamedItem {
    return created(
      this.context,
      "NamedItemCollection.add",
      () => {
        const book = this.fakeTarget() as BookModel;
        checkDefinedName(name);
        if (book.names.some((n) => sameName(n.name, name))) throw new FakeExcelError("ItemAlreadyExists", `The name '${name}' already exists.`);
        let target: NameTarget;
        if (typeof reference === "string") target = parseReference(book, reference);
        else {
          const r = rangeTargetOf(reference, "NamedItemCollection.add");
          target = { kind: "range", sheet: r.sheet, area: r.area };
        }
        const model: NameModel = { name, target, visible: true, comment: comment ?? "", deleted: false };
        book.names.push(model);
        return model;
      },
      (r) => new FakeNamedItem(this.context, r),
      "write",
    );
  }
  getItem(name: string): FakeNamedItem {
    return created(
      this.context,
      "NamedItemCollection.getItem",
      () => {
        const found = (this.fakeTarget() as BookModel).names.find((n) => sameName(n.name, name));
        if (!found) throw new FakeExcelError("ItemNotFound", `The requested resource doesn't exist: name '${name}'.`);
        return found;
      },
      (r) => new FakeNamedItem(this.context, r),
    );
  }
  getItemOrNullObject(name: string): FakeNamedItem {
    return created(
      this.context,
      "NamedItemCollection.getItemOrNullObject",
      () => (this.fakeTarget() as BookModel).names.find((n) => sameName(n.name, name)) ?? null,
      (r) => new FakeNamedItem(this.context, r),
    );
  }
}

/** `Worksheet.names` (ExcelApi 1.4): names scoped to one sheet; unique within it, regardless of case. */
class FakeWorksheetNamedItemCollection extends CollectionObject<SheetModel, NameModel, FakeNamedItem> {
  protected readonly typeName = "NamedItemCollection";
  protected models(sheet: SheetModel): readonly NameModel[] {
    return sheet.names;
  }
  protected itemProxy(model: NameModel): FakeNamedItem {
    return known(model, (r) => new FakeNamedItem(this.context, r));
  }
  add(name: string, reference: unknown, comment?: string): FakeNamedItem {
    return created(
      this.context,
      "NamedItemCollection.add",
      () => {
        const sheet = this.fakeTarget() as SheetModel;
        checkDefinedName(name);
        if (sheet.names.some((n) => sameName(n.name, name))) throw new FakeExcelError("ItemAlreadyExists", `The name '${name}' already exists.`);
        let target: NameTarget;
        if (typeof reference === "string") target = parseReference(this.context.host.book, reference);
        else {
          const r = rangeTargetOf(reference, "NamedItemCollection.add");
          target = { kind: "range", sheet: r.sheet, area: r.area };
        }
        const model: NameModel = { name, scope: sheet, target, visible: true, comment: comment ?? "", deleted: false };
        sheet.names.push(model);
        return model;
      },
      (r) => new FakeNamedItem(this.context, r),
      "write",
    );
  }
  getItemOrNullObject(name: string): FakeNamedItem {
    return created(
      this.context,
      "NamedItemCollection.getItemOrNullObject",
      () => (this.fakeTarget() as SheetModel).names.find((n) => sameName(n.name, name)) ?? null,
      (r) => new FakeNamedItem(this.context, r),
    );
  }
}

function nameType(target: NameTarget): string {
  if (target.kind === "range") return "Range";
  if (target.kind === "error") return "Error";
  return typeof target.value === "number" ? "Double" : typeof target.value === "boolean" ? "Boolean" : "String";
}

class FakeNamedItem extends ClientObject<NameModel> {
  protected readonly typeName = "NamedItem";
  protected override scalarNames(): readonly string[] {
    return ["name", "type", "value", "formula", "visible", "comment", "scope"];
  }
  protected override readScalar(n: NameModel, name: string): unknown {
    switch (name) {
      case "name":
        return n.name;
      case "scope":
        // ExcelApi 1.4: "Worksheet" or "Workbook".
        return n.scope === undefined ? "Workbook" : "Worksheet";
      case "type":
        return nameType(n.target);
      case "value":
        // "For a named range, will return the range address."
        return n.target.kind === "range"
          ? `${quoteSheetName(n.target.sheet.name)}!${formatArea(n.target.area, true)}`
          : n.target.kind === "error"
            ? "#REF!"
            : n.target.value;
      case "formula":
        return nameFormula(n.target);
      case "visible":
        return n.visible;
      case "comment":
        return n.comment;
    }
    return super.readScalar(n, name);
  }
  get name(): string {
    return this.getValue("name");
  }
  get type(): string {
    return this.getValue("type");
  }
  get scope(): string {
    return this.getValue("scope");
  }
  get value(): unknown {
    return this.getValue("value");
  }
  get formula(): string {
    return this.getValue("formula");
  }
  set formula(value: string) {
    this.setValue("formula", value, (n) => {
      n.target = parseReference(this.context.host.book, value);
    });
  }
  get visible(): boolean {
    return this.getValue("visible");
  }
  set visible(value: boolean) {
    this.setValue("visible", value, (n) => {
      n.visible = value;
    });
  }
  get comment(): string {
    return this.getValue("comment");
  }
  set comment(value: string) {
    this.setValue("comment", value, (n) => {
      n.comment = value;
    });
  }
  getRange(): FakeRange {
    return this.rangeOf(false);
  }
  getRangeOrNullObject(): FakeRange {
    return this.rangeOf(true);
  }
  private rangeOf(orNull: boolean): FakeRange {
    return created(
      this.context,
      orNull ? "NamedItem.getRangeOrNullObject" : "NamedItem.getRange",
      () => {
        const n = this.fakeTarget();
        if (n === null) return null;
        if (n.target.kind !== "range") {
          if (orNull) return null;
          throw new FakeExcelError("InvalidReference", `The name '${n.name}' does not refer to a range (${nameFormula(n.target)}).`);
        }
        return { sheet: n.target.sheet, area: n.target.area };
      },
      (r) => new FakeRange(this.context, r),
    );
  }
  delete(): void {
    this.enqueue("NamedItem.delete", (n) => {
      const book = this.context.host.book;
      book.names = book.names.filter((x) => x !== n);
      if (n.scope) n.scope.names = n.scope.names.filter((x) => x !== n);
      n.deleted = true;
    });
  }
}

// ---------------------------------------------------------------------------------------
// Comments (ExcelApi 1.10)

/** The one cell a comment call names: a Range, or a full address with the sheet ("Sheet1!A1"). */
function commentCell(book: BookModel, cellAddress: unknown, what: string): { sheet: SheetModel; r: number; c: number } {
  let target: RangeModel;
  if (typeof cellAddress === "string") {
    if (!cellAddress.includes("!")) throw new FakeExcelError("InvalidArgument", `${what}: the address must name its sheet: '${cellAddress}'.`);
    const t = parseReference(book, cellAddress);
    if (t.kind !== "range") throw new FakeExcelError("InvalidArgument", `${what}: not a cell: '${cellAddress}'.`);
    target = t;
  } else {
    target = rangeTargetOf(cellAddress, what);
  }
  if (target.area.r0 !== target.area.r1 || target.area.c0 !== target.area.c1) {
    throw new FakeExcelError("InvalidArgument", `${what}: the range is larger than one cell (${formatArea(target.area)}).`);
  }
  return { sheet: target.sheet, r: target.area.r0, c: target.area.c0 };
}

const commentAt = (book: BookModel, cell: { sheet: SheetModel; r: number; c: number }): CommentModel | undefined =>
  book.comments.find((x) => x.sheet === cell.sheet && x.r === cell.r && x.c === cell.c);

class FakeCommentCollection extends CollectionObject<BookModel, CommentModel, FakeComment> {
  protected readonly typeName = "CommentCollection";
  protected models(book: BookModel): readonly CommentModel[] {
    return book.comments;
  }
  protected itemProxy(model: CommentModel): FakeComment {
    return known(model, (r) => new FakeComment(this.context, r));
  }
  /**
   * A new thread on one cell, plain text only. A cell holds one thread: adding to a cell
   * that has one fails (the error code is not documented; the fake says InvalidOperation).
   */
  add(cellAddress: unknown, content: unknown, contentType: string = "Plain"): FakeComment {
    return created(
      this.context,
      "CommentCollection.add",
      () => {
        const book = this.fakeTarget() as BookModel;
        const cell = commentCell(book, cellAddress, "CommentCollection.add");
        if (typeof content !== "string" || contentType !== "Plain") throw new FakeExcelError("InvalidArgument", "The fake adds plain-text comments only.");
        assertNotProtected(cell.sheet, "allowEditObjects");
        if (commentAt(book, cell)) {
          throw new FakeExcelError("InvalidOperation", `The cell ${columnName(cell.c)}${cell.r + 1} of '${cell.sheet.name}' already has a comment.`);
        }
        const model: CommentModel = { id: `{FAKE-COMMENT-${book.nextCommentId++}}`, ...cell, content, authorName: "Fake Add-in", deleted: false };
        book.comments.push(model);
        return model;
      },
      (r) => new FakeComment(this.context, r),
      "write",
    );
  }
  getItem(commentId: string): FakeComment {
    return created(
      this.context,
      "CommentCollection.getItem",
      () => {
        const found = (this.fakeTarget() as BookModel).comments.find((x) => x.id === commentId);
        if (!found) throw new FakeExcelError("ItemNotFound", `The requested resource doesn't exist: comment '${commentId}'.`);
        return found;
      },
      (r) => new FakeComment(this.context, r),
    );
  }
  /** ExcelApi 1.14. */
  getItemOrNullObject(commentId: string): FakeComment {
    if (!this.context.host.supports("ExcelApi", "1.14")) throw apiNotFound("CommentCollection.getItemOrNullObject", "1.14");
    return created(
      this.context,
      "CommentCollection.getItemOrNullObject",
      () => (this.fakeTarget() as BookModel).comments.find((x) => x.id === commentId) ?? null,
      (r) => new FakeComment(this.context, r),
    );
  }
  /** "If there is no comment in the cell, an error is thrown." There is no OrNullObject form. */
  getItemByCell(cellAddress: unknown): FakeComment {
    return created(
      this.context,
      "CommentCollection.getItemByCell",
      () => {
        const book = this.fakeTarget() as BookModel;
        const found = commentAt(book, commentCell(book, cellAddress, "CommentCollection.getItemByCell"));
        if (!found) throw new FakeExcelError("ItemNotFound", "The requested resource doesn't exist: no comment in that cell.");
        return found;
      },
      (r) => new FakeComment(this.context, r),
    );
  }
}

class FakeComment extends ClientObject<CommentModel> {
  protected readonly typeName = "Comment";
  protected override scalarNames(): readonly string[] {
    return ["id", "content", "authorName"];
  }
  protected override readScalar(comment: CommentModel, name: string): unknown {
    switch (name) {
      case "id":
        return comment.id;
      case "content":
        return comment.content;
      case "authorName":
        return comment.authorName;
    }
    return super.readScalar(comment, name);
  }
  get id(): string {
    return this.getValue("id");
  }
  get authorName(): string {
    return this.getValue("authorName");
  }
  get content(): string {
    return this.getValue("content");
  }
  set content(value: string) {
    this.setValue("content", value, (comment) => {
      if (typeof value !== "string") throw new FakeExcelError("InvalidArgument", "A comment's content is text.");
      assertNotProtected(comment.sheet, "allowEditObjects");
      comment.content = value;
    });
  }
  /** The cell the comment is on. */
  getLocation(): FakeRange {
    return created(
      this.context,
      "Comment.getLocation",
      () => {
        const comment = this.fakeTarget();
        return comment === null ? null : { sheet: comment.sheet, area: { r0: comment.r, c0: comment.c, r1: comment.r, c1: comment.c } };
      },
      (r) => new FakeRange(this.context, r),
    );
  }
  /** Deletes the thread with its replies. */
  delete(): void {
    this.enqueue("Comment.delete", (comment) => {
      assertNotProtected(comment.sheet, "allowEditObjects");
      const book = this.context.host.book;
      book.comments = book.comments.filter((x) => x !== comment);
      comment.deleted = true;
    });
  }
}

// ---------------------------------------------------------------------------------------
// The host, seeding and snapshots

/** A cell to seed: a constant, `{ formula, value }` (the value Excel last computed), or an error. */
export type SeedCell =
  | FakeScalar
  | null
  | { readonly formula: string; readonly value?: FakeScalar | { readonly error: string } }
  | { readonly error: string }
  | {
      readonly value?: FakeScalar;
      readonly locked?: boolean;
      readonly numberFormat?: string;
      /** A fill colour ("#FFF2CC"); with `pattern` "None" or without a fill: none. */
      readonly fill?: string;
      /** A fill pattern other than "Solid" ("Gray50"); only with `fill`. */
      readonly pattern?: string;
    };

export interface SeedSheet {
  readonly name: string;
  readonly visibility?: "Visible" | "Hidden" | "VeryHidden";
  /** Rows from A1. */
  readonly rows?: readonly (readonly SeedCell[])[];
  /** Cells by address ("F14"). */
  readonly cells?: Readonly<Record<string, SeedCell>>;
  readonly protection?: { readonly password?: string; readonly options?: Excel.WorksheetProtectionOptions };
  readonly merges?: readonly string[];
  readonly charts?: readonly { readonly name: string; readonly type?: string; readonly source: string }[];
  /** Threaded comments by cell ("F14"): their text, as a user wrote them. */
  readonly comments?: Readonly<Record<string, string>>;
}

export interface SeedSpec {
  readonly sheets?: readonly SeedSheet[];
  /**
   * Names: "='Sheet'!$F$14", "=#REF!" (broken), or a constant; workbook-level unless `sheet`
   * names the sheet it is scoped to (a sheet-level name, as copying a sheet in Excel makes).
   */
  readonly names?: readonly { readonly name: string; readonly ref: string; readonly sheet?: string }[];
}

export interface CellSnapshot {
  readonly value: FakeScalar;
  readonly formula?: string;
  readonly valueType: string;
  readonly numberFormat: string;
  readonly fill?: string;
  /** "None" (no fill), "Solid", or another pattern; as ExcelApi 1.9 reads it. */
  readonly pattern: string;
  readonly bold: boolean;
  readonly italic: boolean;
  readonly fontColor: string;
  readonly wrap: boolean;
  readonly horizontal: string;
  readonly vertical: string;
  readonly borders: Partial<Record<BorderSide, string>>;
  readonly locked: boolean;
  readonly validation?: ValidationModel;
}

/** Read-only views of one sheet's committed state, for assertions. */
export class FakeSheetView {
  constructor(
    private readonly model: SheetModel,
    private readonly book?: BookModel,
  ) {}
  private at(ref: string): CellModel | undefined {
    const a = parseArea(ref);
    return this.model.cells.get(cellKey(a.r0, a.c0));
  }
  get name(): string {
    return this.model.name;
  }
  get visibility(): string {
    return this.model.visibility;
  }
  value(ref: string): FakeScalar {
    return cellValue(this.at(ref));
  }
  /** "=…" for a formula, else the value. */
  formula(ref: string): FakeScalar {
    return cellFormula(this.at(ref));
  }
  values(ref: string): FakeScalar[][] {
    return grid2D({ sheet: this.model, area: parseArea(ref) }, cellValue) as FakeScalar[][];
  }
  formulas(ref: string): FakeScalar[][] {
    return grid2D({ sheet: this.model, area: parseArea(ref) }, cellFormula) as FakeScalar[][];
  }
  cell(ref: string): CellSnapshot {
    const c = this.at(ref);
    const borders: Partial<Record<BorderSide, string>> = {};
    for (const [side, b] of Object.entries(c?.borders ?? {})) if (b && b.style !== "None") borders[side as BorderSide] = b.style;
    return {
      value: cellValue(c),
      formula: c?.formula,
      valueType: cellValueType(c),
      numberFormat: c?.numberFormat ?? "General",
      fill: c?.fill,
      pattern: fillPatternOf(c),
      bold: c?.bold ?? false,
      italic: c?.italic ?? false,
      fontColor: c?.fontColor ?? "#000000",
      wrap: c?.wrap ?? false,
      horizontal: c?.horizontal ?? "General",
      vertical: c?.vertical ?? "Bottom",
      borders,
      locked: c?.locked ?? true,
      validation: c?.validation ? deepCopy(c.validation) : undefined,
    };
  }
  validation(ref: string): ValidationModel | undefined {
    return this.cell(ref).validation;
  }
  /** The text of the comment on a cell, if it has one. */
  comment(ref: string): string | undefined {
    const a = parseArea(ref);
    return this.book ? commentAt(this.book, { sheet: this.model, r: a.r0, c: a.c0 })?.content : undefined;
  }
  /** Every comment of the sheet by address. */
  comments(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const x of this.book?.comments ?? []) if (x.sheet === this.model) out[`${columnName(x.c)}${x.r + 1}`] = x.content;
    return out;
  }
  /** The selected cells of this sheet ("A1", "C5:D6"). */
  get selection(): string {
    return formatArea(this.model.selection);
  }
  /** Every non-empty cell by address. */
  contents(): Record<string, FakeScalar> {
    const out: Record<string, FakeScalar> = {};
    for (const [key, cell] of this.model.cells) {
      const v = cellFormula(cell);
      if (v !== "") out[`${columnName(key % MAX_COLUMNS)}${Math.floor(key / MAX_COLUMNS) + 1}`] = v;
    }
    return out;
  }
  /** Column width in points; `column` is a letter or a 0-based index. */
  columnWidth(column: string | number): number {
    const c = typeof column === "number" ? column : columnIndex(column.toUpperCase());
    return this.model.columnWidths.get(c) ?? DEFAULT_COLUMN_WIDTH;
  }
  columnHidden(column: string | number): boolean {
    return this.model.hiddenColumns.has(typeof column === "number" ? column : columnIndex(column.toUpperCase()));
  }
  /** Row height in points of a 1-based row. */
  rowHeight(row: number): number {
    return this.model.rowHeights.get(row - 1) ?? DEFAULT_ROW_HEIGHT;
  }
  get merges(): string[] {
    return this.model.merges.map((a) => formatArea(a));
  }
  get conditionalFormats(): { ref: string; type: string; formula?: string; fill?: string; fontColor?: string }[] {
    return this.model.conditionalFormats.map((cf) => ({ ref: formatArea(cf.area), type: cf.type, formula: cf.formula, fill: cf.fill, fontColor: cf.fontColor }));
  }
  get freeze(): { rows: number; columns: number } {
    return { ...this.model.freeze };
  }
  get protection(): { protected: boolean; options: Excel.WorksheetProtectionOptions } {
    return { protected: this.model.protection.protected, options: { ...this.model.protection.options } };
  }
  get pageLayout(): SheetModel["pageLayout"] {
    return deepCopy(this.model.pageLayout);
  }
  get charts(): { name: string; type: string; source: string; seriesBy: string; title?: string; legendVisible: boolean; position?: { from: string; to?: string }; categories?: string }[] {
    const ref = (x: { sheet: SheetModel; area: Area }): string => `${quoteSheetName(x.sheet.name)}!${formatArea(x.area)}`;
    return this.model.charts.map((c) => ({
      name: c.name,
      type: c.type,
      source: ref(c.source),
      seriesBy: c.seriesBy,
      title: c.title,
      legendVisible: c.legendVisible,
      position: c.position,
      categories: c.xAxisValues.has(0) ? ref(c.xAxisValues.get(0) as { sheet: SheetModel; area: Area }) : undefined,
    }));
  }
}

export interface Recalculation {
  readonly type: string;
  readonly whileSuspended: boolean;
}

function toCell(seed: SeedCell): CellModel | undefined {
  if (seed === null || seed === "") return undefined;
  if (typeof seed !== "object") return { value: seed };
  if ("formula" in seed) {
    const v = seed.value;
    return typeof v === "object" ? { formula: seed.formula, error: v.error } : { formula: seed.formula, value: v };
  }
  if ("error" in seed) return { error: seed.error };
  const withFill = seed.fill !== undefined && seed.pattern !== "None";
  return {
    value: seed.value,
    locked: seed.locked,
    numberFormat: seed.numberFormat,
    fill: withFill ? checkColor(seed.fill) : undefined,
    fillPattern: withFill && seed.pattern !== "Solid" ? seed.pattern : undefined,
  };
}

/**
 * An in-memory Excel host. `context` is what the adapters take; `sheet(name)`, `names()`,
 * `snapshot()` read the committed state for assertions; `seed()` sets up a workbook.
 */
export class FakeExcel {
  /** @internal the workbook model */
  book: BookModel = { sheets: [], names: [], comments: [], active: undefined, calculationSuspended: false, nextSheetId: 1, nextCommentId: 1 };
  syncCount = 0;
  readonly syncLog: SyncRecord[] = [];
  readonly recalculations: Recalculation[] = [];
  private readonly requestContext: FakeRequestContext;
  private readonly excelApiMinor: number;
  private readonly payloadLimit: number;

  constructor(private readonly options: FakeExcelOptions = {}) {
    this.excelApiMinor = Number((options.excelApi ?? "1.17").split(".")[1]);
    this.payloadLimit = options.payloadLimit ?? 5 * 1024 * 1024;
    const first = newSheet(this.book, "Sheet1");
    this.book.sheets.push(first);
    this.book.active = first;
    this.requestContext = new FakeRequestContext(this);
  }

  /** The workbook's file name, as `Workbook.name` reports it. */
  get fileName(): string {
    return this.options.fileName ?? "Book1";
  }

  /** The request context, typed as the adapters see it. */
  get context(): Excel.RequestContext {
    return this.requestContext as unknown as Excel.RequestContext;
  }

  /**
   * The same workbook saved, closed and opened again: a new host whose workbook is a copy of
   * this one's committed state, with nothing of this session (proxies, counters). Another
   * Excel opening the file: pass its `excelApi`.
   */
  reopen(options: FakeExcelOptions = this.options): FakeExcel {
    const again = new FakeExcel(options);
    again.book = structuredClone({ ...this.book, calculationSuspended: false });
    return again;
  }

  /** As `Office.context.requirements.isSetSupported`, for this host. */
  readonly supports = (set: string, version: string): boolean => {
    if (set !== "ExcelApi") return false;
    const [major, minor] = version.split(".").map(Number);
    return major === 1 && (minor ?? 0) <= this.excelApiMinor;
  };

  /** Total `contentWritesWhileCalculating` over every sync. */
  get contentWritesWhileCalculating(): number {
    return this.syncLog.reduce((s, r) => s + r.contentWritesWhileCalculating, 0);
  }

  /** @internal applies one batch, as Excel does: in order, stopping at the first failure. */
  runBatch(ops: readonly Op[]): void {
    this.syncCount++;
    const payloadBytes = ops.reduce((s, op) => s + op.bytes, 0);
    let writes = 0;
    let contentWrites = 0;
    let whileCalculating = 0;
    let failed: FakeExcelError | undefined;
    try {
      if (payloadBytes > this.payloadLimit) {
        throw new FakeExcelError("RequestPayloadSizeLimitExceeded", `The request payload (${payloadBytes} characters) exceeds the limit of ${this.payloadLimit}.`);
      }
      for (const op of ops) {
        try {
          op.run();
        } catch (e) {
          if (e instanceof FakeExcelError) throw new FakeExcelError(e.code, e.message, e.debugInfo.errorLocation ?? op.what);
          throw e;
        }
        if (op.kind !== "read") writes++;
        if (op.kind === "content") {
          contentWrites++;
          if (!this.book.calculationSuspended) whileCalculating++;
        }
      }
    } catch (e) {
      if (!(e instanceof FakeExcelError)) throw e;
      failed = e;
    } finally {
      this.book.calculationSuspended = false;
      this.syncLog.push({
        index: this.syncCount,
        operations: ops.length,
        writes,
        contentWrites,
        contentWritesWhileCalculating: whileCalculating,
        payloadBytes,
        failed: failed?.code,
      });
    }
    if (failed) throw failed;
  }

  /** Adds sheets (or fills existing ones of the same name) and names, directly, without a sync. */
  seed(spec: SeedSpec): this {
    for (const s of spec.sheets ?? []) {
      let sheet = sheetByName(this.book, s.name);
      if (!sheet) {
        checkSheetName(this.book, s.name);
        sheet = newSheet(this.book, s.name);
        this.book.sheets.push(sheet);
      }
      const put = (r: number, c: number, seed: SeedCell): void => {
        const cell = toCell(seed);
        if (cell) sheet.cells.set(cellKey(r, c), cell);
        else sheet.cells.delete(cellKey(r, c));
      };
      (s.rows ?? []).forEach((row, r) => row.forEach((seed, c) => put(r, c, seed)));
      for (const [ref, seed] of Object.entries(s.cells ?? {})) {
        const a = parseArea(ref);
        put(a.r0, a.c0, seed);
      }
      for (const m of s.merges ?? []) sheet.merges.push(parseArea(m));
      for (const [ref, content] of Object.entries(s.comments ?? {})) {
        const a = parseArea(ref);
        const cell = { sheet, r: a.r0, c: a.c0 };
        this.book.comments = this.book.comments.filter((x) => !(x.sheet === sheet && x.r === cell.r && x.c === cell.c));
        this.book.comments.push({ id: `{FAKE-COMMENT-${this.book.nextCommentId++}}`, ...cell, content, authorName: "Người dùng", deleted: false });
      }
      for (const c of s.charts ?? []) {
        sheet.charts.push({
          name: c.name,
          type: c.type ?? "ColumnClustered",
          source: { sheet, area: parseArea(c.source) },
          seriesBy: "Auto",
          legendVisible: true,
          xAxisValues: new Map(),
          deleted: false,
        });
      }
      if (s.protection) sheet.protection = { protected: true, options: { ...(s.protection.options ?? {}) }, password: s.protection.password };
      if (s.visibility) sheet.visibility = s.visibility;
    }
    for (const n of spec.names ?? []) {
      checkDefinedName(n.name);
      const target = parseReference(this.book, n.ref);
      if (n.sheet !== undefined) {
        const scope = sheetByName(this.book, n.sheet);
        if (!scope) throw new Error(`FakeExcel: no sheet '${n.sheet}' for the name ${n.name}`);
        scope.names = scope.names.filter((x) => !sameName(x.name, n.name));
        scope.names.push({ name: n.name, scope, target, visible: true, comment: "", deleted: false });
        continue;
      }
      this.book.names = this.book.names.filter((x) => !sameName(x.name, n.name));
      this.book.names.push({ name: n.name, target, visible: true, comment: "", deleted: false });
    }
    return this;
  }

  sheetNames(): string[] {
    return this.book.sheets.map((s) => s.name);
  }

  hasSheet(name: string): boolean {
    return sheetByName(this.book, name) !== undefined;
  }

  sheet(name: string): FakeSheetView {
    const model = sheetByName(this.book, name);
    if (!model) throw new Error(`FakeExcel: no sheet '${name}' (sheets: ${this.sheetNames().join(", ")})`);
    return new FakeSheetView(model, this.book);
  }

  get activeSheet(): string | undefined {
    return this.book.active?.name;
  }

  /** What the user sees selected: the active sheet and its selected cells ("F14"). */
  get activeSelection(): { sheet: string; address: string } | undefined {
    const sheet = this.book.active;
    return sheet ? { sheet: sheet.name, address: formatArea(sheet.selection) } : undefined;
  }

  /** Every comment: sheet, cell and text, in the order they were added. */
  comments(): { sheet: string; address: string; content: string }[] {
    return this.book.comments.map((x) => ({ sheet: x.sheet.name, address: `${columnName(x.c)}${x.r + 1}`, content: x.content }));
  }

  /** Workbook-level names with their formulas ("='Sheet'!$F$14", "=#REF!$A$1"). */
  names(): { name: string; formula: string }[] {
    return this.book.names.map((n) => ({ name: n.name, formula: nameFormula(n.target) }));
  }

  /** Where a name points: its sheet and absolute address; "#REF!" when broken; undefined when absent. */
  resolveName(name: string): { sheet: string; address: string } | "#REF!" | undefined {
    const n = this.book.names.find((x) => sameName(x.name, name));
    if (!n) return undefined;
    if (n.target.kind === "range") return { sheet: n.target.sheet.name, address: formatArea(n.target.area, true) };
    return "#REF!";
  }

  /** The whole committed state as plain data, to compare before and after. */
  snapshot(): unknown {
    return {
      sheets: this.book.sheets.map((s) => ({
        id: s.id,
        name: s.name,
        visibility: s.visibility,
        cells: [...s.cells.entries()].sort((a, b) => a[0] - b[0]),
        columnWidths: [...s.columnWidths.entries()],
        hiddenColumns: [...s.hiddenColumns],
        rowHeights: [...s.rowHeights.entries()],
        merges: s.merges,
        conditionalFormats: s.conditionalFormats,
        charts: s.charts.map((c) => ({ ...c, source: formatArea(c.source.area), xAxisValues: [...c.xAxisValues.keys()] })),
        freeze: s.freeze,
        protection: s.protection,
        pageLayout: s.pageLayout,
      })),
      names: this.names(),
      comments: this.comments(),
      active: this.book.active?.name,
    };
  }
}
