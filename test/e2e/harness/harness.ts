/**
 * The Excel host for the task pane's browser test (test/e2e/pane.test.ts).
 *
 * Built into one browser script (./webpack.config.js) and loaded right after office.js and
 * before the pane's bundle. Outside Office, office.js resolves `Office.onReady` with
 * `host: null`, has no `Office.context.requirements`, and defines no `Excel`. This script
 * supplies what Excel would:
 * - `window.Excel.run(batch)` runs the batch against the one fake Excel host
 *   (test/fakes/excel.ts) and, as office.js does, syncs what the batch left queued;
 * - `Office.onReady` resolves (and calls its callback) with `host: Excel` once office.js is
 *   ready, and `Office.context.requirements.isSetSupported` answers from the fake's `supports`;
 * - `window.__dti` lets the test type values as a user would and inspect the workbook.
 *
 * A test may set `window.__dtiSetup` (page.addInitScript) before this runs: the ExcelApi
 * version of the host, a workbook to start from, Office's display language.
 */
import { FakeExcel, parseArea, type CellSnapshot, type FakeScalar, type SeedCell, type SeedSpec } from "../../fakes/excel";

export interface HarnessSetup {
  /** Highest ExcelApi requirement set the host supports ("1.17" unless told). */
  readonly excelApi?: string;
  /** Sheets and names the workbook holds when the pane opens (an empty "Sheet1" otherwise). */
  readonly seed?: SeedSpec;
  /** `Office.context.displayLanguage` ("vi-VN" unless told). */
  readonly displayLanguage?: string;
  /** `Workbook.name` ("Book1", a workbook never saved, unless told). */
  readonly fileName?: string;
  /** What `OfficeRuntime.storage` holds already on this computer (empty unless told), e.g. a set another workbook stored. */
  readonly storage?: Readonly<Record<string, string>>;
}

/** A cell: a workbook-level defined name ("DTI_3_1_a") or a sheet and an A1 reference. */
export type CellTarget = string | { readonly sheet: string; readonly ref: string };

export interface Located {
  readonly sheet: string;
  /** Absolute A1 ("$F$14"). */
  readonly address: string;
}

export interface TypeOptions {
  /**
   * Do what a user does to type into a locked cell of a protected sheet: Review → Unprotect
   * Sheet, type, protect it again with the same options (within one batch).
   */
  readonly unprotect?: boolean;
}

export interface DtiHarness {
  readonly fake: FakeExcel;
  /** Resolves once the pane's `Office.onReady` callback has run. */
  readonly ready: Promise<void>;
  /** `Excel.run` batches the pane started, how many are still running, how many failed. */
  readonly runs: Runs;
  /** Where a name or "Sheet!A1" points; null when the name is missing or broken. */
  locate(target: CellTarget): Located | null;
  /**
   * Types `value` into a cell as a user would: through the Excel API (`range.values`), so text
   * that reads as a number becomes one, "'…" stays text, "#N/A" is an error value, "" clears.
   */
  type(target: CellTarget, value: FakeScalar, options?: TypeOptions): Promise<void>;
  /** Several cells in one batch (one round trip); same rules as `type`. */
  typeAll(entries: readonly (readonly [CellTarget, FakeScalar])[], options?: TypeOptions): Promise<void>;
  /**
   * Puts a cell into the workbook directly, as a file edited elsewhere would hold it (ignores
   * protection and hidden sheets; no round trip). For the template's hidden metadata.
   */
  put(target: CellTarget, value: SeedCell): void;
  /** The committed value ("#N/A" for an error value; "" when empty). */
  read(target: CellTarget): FakeScalar;
  /** The committed value and formats of a cell. */
  cell(target: CellTarget): CellSnapshot;
  /** What the user sees selected: the active sheet and its selected cells. */
  selection(): Located | null;
  /** Every comment: sheet, cell ("F14") and text. */
  comments(): { sheet: string; address: string; content: string }[];
  activeSheet(): string | undefined;
  sheetNames(): string[];
  names(): { name: string; formula: string }[];
  /** The whole committed workbook as plain data (values, formats, rules, names, protection). */
  snapshot(): unknown;
  syncCount(): number;
  /** The base64 .xlsx of every `Excel.createWorkbook` call, in order. */
  readonly created: string[];
  /** What the pane stored in `OfficeRuntime.storage` (shared with the custom functions). */
  readonly storage: Map<string, string>;
  /** The workbook's document settings as last saved (`Office.context.document.settings.saveAsync`). */
  readonly settings: Map<string, unknown>;
}

declare global {
  interface Window {
    __dtiSetup?: HarnessSetup;
    __dti?: DtiHarness;
  }
}

const setup: HarnessSetup = window.__dtiSetup ?? {};
const fake = new FakeExcel({ excelApi: setup.excelApi ?? "1.17", ...(setup.fileName ? { fileName: setup.fileName } : {}) });
if (setup.seed) fake.seed(setup.seed);

export interface Runs {
  started: number;
  active: number;
  failed: number;
  lastError?: string;
}

const runs: Runs = { started: 0, active: 0, failed: 0 };

type Batch<T> = (context: Excel.RequestContext) => Promise<T>;

/** The fake's queue of operations not yet sent; office.js sends it when a batch ends. */
function hasPending(context: Excel.RequestContext): boolean {
  const pending = (context as unknown as { pending?: unknown[] }).pending;
  return pending === undefined || pending.length > 0;
}

/** As office.js's `Excel.run(batch)` and `Excel.run(objectOrOptions, batch)`. */
async function run<T>(first: Batch<T> | unknown, second?: Batch<T>): Promise<T> {
  const batch = (typeof first === "function" ? first : second) as Batch<T> | undefined;
  if (typeof batch !== "function") throw new TypeError("Excel.run: the batch function is missing.");
  runs.started++;
  runs.active++;
  const context = fake.context;
  try {
    const result = await batch(context);
    if (hasPending(context)) await context.sync();
    return result;
  } catch (error) {
    runs.failed++;
    runs.lastError = error instanceof Error ? `${(error as { code?: string }).code ?? error.name}: ${error.message}` : String(error);
    throw error;
  } finally {
    runs.active--;
  }
}

/** `Excel.createWorkbook(base64)` (ExcelApi 1.8) opens a new workbook in Excel; here it is recorded. */
const created: string[] = [];
async function createWorkbook(base64?: string): Promise<void> {
  if (!fake.supports("ExcelApi", "1.8")) throw new TypeError("Excel.createWorkbook needs ExcelApi 1.8.");
  created.push(base64 ?? "");
}

(window as unknown as { Excel: unknown }).Excel = { run, createWorkbook };

/** `OfficeRuntime.storage`, the key-value store the task pane shares with the custom functions' runtime. */
const storage = new Map<string, string>(Object.entries(setup.storage ?? {}));
(window as unknown as { OfficeRuntime: unknown }).OfficeRuntime = {
  storage: {
    getItem: async (key: string): Promise<string | null> => storage.get(key) ?? null,
    setItem: async (key: string, value: string): Promise<void> => {
      storage.set(key, value);
    },
  },
};

// ---------------------------------------------------------------------------------------
// Office: host Excel, requirement sets from the fake

/** `Office.context.document.settings`: pending values, and what saveAsync stored in the workbook. */
const pendingSettings = new Map<string, unknown>();
const settings = new Map<string, unknown>();
const documentSettings = {
  get: (name: string): unknown => pendingSettings.get(name) ?? null,
  set: (name: string, value: unknown): void => {
    pendingSettings.set(name, value);
  },
  remove: (name: string): void => {
    pendingSettings.delete(name);
  },
  saveAsync: (callback?: (result: { status: string }) => void): void => {
    settings.clear();
    for (const [k, v] of pendingSettings) settings.set(k, v);
    setTimeout(() => callback?.({ status: "succeeded" }), 0);
  },
};

let markReady: () => void = () => undefined;
const ready = new Promise<void>((resolve) => {
  markReady = resolve;
});

function installContext(): void {
  const context = (Office.context ?? {}) as unknown as Record<string, unknown>;
  context.requirements = {
    isSetSupported: (name: string, minVersion?: string | number): boolean =>
      fake.supports(name, minVersion === undefined ? "1.1" : typeof minVersion === "number" ? minVersion.toFixed(1) : minVersion),
  };
  context.displayLanguage = setup.displayLanguage ?? "vi-VN";
  context.document = { settings: documentSettings };
  context.contentLanguage = setup.displayLanguage ?? "vi-VN";
  if (!Office.context) (Office as unknown as { context: unknown }).context = context;
}

const officeOnReady = Office.onReady.bind(Office);
const hostInfo = (): { host: Office.HostType; platform: Office.PlatformType } => ({
  host: Office.HostType.Excel,
  platform: Office.PlatformType.OfficeOnline,
});

(Office as unknown as { onReady: typeof Office.onReady }).onReady = ((callback?: (info: { host: Office.HostType; platform: Office.PlatformType }) => unknown) =>
  officeOnReady().then(async () => {
    installContext();
    const info = hostInfo();
    try {
      if (callback) await callback(info);
    } finally {
      markReady();
    }
    return info;
  })) as typeof Office.onReady;

// ---------------------------------------------------------------------------------------
// What the test uses

function locate(target: CellTarget): Located | null {
  if (typeof target !== "string") {
    if (!fake.hasSheet(target.sheet)) return null;
    return { sheet: fake.sheet(target.sheet).name, address: absolute(target.ref) };
  }
  const bang = target.lastIndexOf("!");
  if (bang > 0) {
    const sheet = target.slice(0, bang).replace(/^'(.*)'$/, "$1").replace(/''/g, "'");
    return locate({ sheet, ref: target.slice(bang + 1) });
  }
  const found = fake.resolveName(target);
  return found === undefined || found === "#REF!" ? null : found;
}

function absolute(ref: string): string {
  const a = parseArea(ref);
  const cell = (r: number, c: number): string => {
    let n = c + 1;
    let s = "";
    while (n > 0) {
      s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
      n = Math.floor((n - 1) / 26);
    }
    return `$${s}$${r + 1}`;
  };
  return a.r0 === a.r1 && a.c0 === a.c1 ? cell(a.r0, a.c0) : `${cell(a.r0, a.c0)}:${cell(a.r1, a.c1)}`;
}

function mustLocate(target: CellTarget): Located {
  const at = locate(target);
  if (!at) throw new Error(`harness: no cell ${JSON.stringify(target)} in this workbook`);
  return at;
}

async function typeAll(entries: readonly (readonly [CellTarget, FakeScalar])[], options: TypeOptions = {}): Promise<void> {
  const context = fake.context;
  const located = entries.map(([target, value]) => [mustLocate(target), value] as const);
  const sheets = [...new Set(located.map(([at]) => at.sheet))];
  const protections = new Map<string, Excel.WorksheetProtection>();
  if (options.unprotect) {
    for (const name of sheets) {
      const protection = context.workbook.worksheets.getItem(name).protection;
      protection.load("protected,options");
      protections.set(name, protection);
    }
    await context.sync();
    for (const [name, protection] of protections) {
      if (protection.protected) protection.unprotect();
      else protections.delete(name);
    }
  }
  for (const [at, value] of located) context.workbook.worksheets.getItem(at.sheet).getRange(at.address).values = [[value]];
  for (const protection of protections.values()) protection.protect(protection.options);
  await context.sync();
}

function selection(): Located | null {
  const at = fake.activeSelection;
  return at ? { sheet: at.sheet, address: absolute(at.address) } : null;
}

window.__dti = {
  fake,
  ready,
  runs,
  locate,
  type: (target, value, options) => typeAll([[target, value]], options),
  typeAll,
  put(target, value) {
    const at = mustLocate(target);
    fake.seed({ sheets: [{ name: at.sheet, cells: { [at.address.replace(/\$/g, "")]: value } }] });
  },
  read: (target) => {
    const at = mustLocate(target);
    return fake.sheet(at.sheet).value(at.address);
  },
  cell: (target) => {
    const at = mustLocate(target);
    return fake.sheet(at.sheet).cell(at.address);
  },
  selection,
  comments: () => fake.comments(),
  activeSheet: () => fake.activeSheet,
  sheetNames: () => fake.sheetNames(),
  names: () => fake.names(),
  snapshot: () => fake.snapshot(),
  syncCount: () => fake.syncCount,
  created,
  storage,
  settings,
};
