/**
 * The task pane in a real browser (issue 4): Debian's Chromium driven by playwright-core,
 * the add-in built by webpack and served from loopback, office.js from node_modules, and the
 * one fake Excel host (test/fakes/excel.ts) standing in for Excel through the harness
 * (./harness/harness.ts), which runs after office.js and before the pane's bundle.
 *
 * The scenario is a civil servant's: an empty workbook offers the templates; insert them;
 * type a sample with seeded mistakes; validate and find exactly those; jump to each cell;
 * mark and clear; look at one agency; fix the figures; compute and get the engine's totals;
 * plus English, keyboard only, hostile cell text, an Excel error value, a newer template,
 * and an Excel too old for the add-in. Every step leaves a screenshot in
 * test-artifacts/pane/; docs/taskpane.png (the compute view) is rewritten only when missing
 * or with UPDATE_SCREENSHOT=1. No request leaves the machine: office.js and its files are
 * served from node_modules, anything else off loopback is aborted and recorded.
 *
 * Needs /usr/bin/chromium (scripts/test.sh installs Debian's chromium, as root) and, for the
 * diacritics, a font that has them (fonts-dejavu-core).
 */
import { formatPeriod, quarterOf } from "../../src/catalog/period";
import { compareDates, DEFAULT_CALENDAR, dueDate } from "../../src/catalog/calendar";
import { REPORT_SHEETS } from "../../src/layout/report-book";
import { reportFileName } from "../../src/taskpane/compute-tab";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import axe from "axe-core";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import webpack, { type Configuration } from "webpack";
import { dtiProvince2022 as set } from "../../src/catalog";
import { scoreUnits } from "../../src/engine/score";
import type { ScoreOptions, UnitInput, UnitResult } from "../../src/engine/types";
import ExcelJS from "exceljs";
import { writeNamedValues as writeXlsxValues, readName } from "../../src/cli/xlsx";
import { agencyAssignments } from "../../src/catalog/agencies";
import { buildWorkbookLayout } from "../../src/layout/build";
import type { CellContent } from "../../src/layout/model";
import { ownedNames, splitByAgency } from "../../src/layout/split";
import { TEMPLATE_VERSION, names } from "../../src/layout/names";
import { reusableDist } from "../support/dist";
import { namedInputs } from "../support/named-inputs";
import { parseIndicatorSet } from "../../src/catalog/load";
import { indicatorSetToSheet, SET_SHEET_COLUMNS } from "../../src/layout/set-sheet";
import type { CellTarget, DtiHarness, HarnessSetup, Located } from "./harness/harness";

jest.setTimeout(600_000);

const root = path.resolve(__dirname, "../..");
const CHROMIUM = "/usr/bin/chromium";
const OFFICE_HOST = "appsforoffice.microsoft.com";
const OFFICE_PATH = "/lib/1/hosted/";
/** office.js opens a telemetry iframe here; it is Office's own, and aborted. */
const OFFICE_TELEMETRY = "telemetryservice.firstpartyapps.oaspapps.com";
const OFFICE_DIST = path.join(root, "node_modules/@microsoft/office-js/dist");
const ARTIFACTS = path.join(root, "test-artifacts/pane");
const DOC_SCREENSHOT = path.join(root, "docs/taskpane.png");
const VIEWPORT = { width: 320, height: 800 };
const XSS = "<img src=x onerror=alert(1)>";

const sample = (JSON.parse(fs.readFileSync(path.join(root, "test/fixtures/sample-province.json"), "utf8")) as { units: UnitInput[] }).units[0] as UnitInput;
const layout = buildWorkbookLayout(set);

// ---------------------------------------------------------------------------------------
// Build and serve

/**
 * Builds the add-in as it ships (production mode: minified, exceljs re-minified in the xlsx chunk) and the harness into `dir`/addin and `dir`/e2e.
 * The add-in is dist/ instead when `npm test` has just built it (test/support/dist.ts): one production build for this test and the build check.
 */
async function build(dir: string): Promise<{ addin: string; harness: string }> {
  const load = createRequire(__filename);
  const dist = reusableDist(root);
  const harnessConfig = (load("./harness/webpack.config.js") as (o: { outputPath: string }) => Configuration)({ outputPath: path.join(dir, "e2e") });
  const configs: Configuration[] = [harnessConfig];
  if (dist === undefined) {
    const addinConfig = (load(path.join(root, "webpack.config.js")) as (env: Record<string, unknown>, argv: { mode: "production" }) => Configuration)({}, { mode: "production" });
    configs.unshift({
      ...addinConfig,
      name: "addin",
      context: root,
      output: { ...addinConfig.output, path: path.join(dir, "addin") },
      infrastructureLogging: { level: "error" },
    });
  }
  await new Promise<void>((resolve, reject) => {
    const compiler = webpack(configs);
    compiler.run((error, stats) => {
      compiler.close(() => undefined);
      if (error) return reject(error);
      if (!stats || stats.hasErrors()) return reject(new Error(`webpack failed:\n${stats?.toString({ all: false, errors: true, errorDetails: true }) ?? "no stats"}`));
      resolve();
    });
  });
  return { addin: dist ?? path.join(dir, "addin"), harness: path.join(dir, "e2e") };
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".xml": "application/xml; charset=utf-8",
  ".ico": "image/x-icon",
};

/** A static file server on loopback: `/__e2e/…` from the harness build, the rest from the add-in's. */
async function serve(dirs: { addin: string; harness: string }): Promise<{ server: http.Server; origin: string }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const inHarness = url.pathname.startsWith("/__e2e/");
    const base = inHarness ? dirs.harness : dirs.addin;
    const rel = decodeURIComponent(inHarness ? url.pathname.slice("/__e2e/".length) : url.pathname.slice(1)) || "taskpane.html";
    const file = path.resolve(base, rel);
    if (req.method !== "GET" || !file.startsWith(base + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  return { server, origin: `http://127.0.0.1:${address.port}` };
}

// ---------------------------------------------------------------------------------------
// One browser context per pane session

interface Session {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Requests the page made to any host but loopback and Office's (all aborted). */
  readonly blocked: string[];
  /** Requests to Office's telemetry (aborted). */
  readonly telemetry: string[];
  /** Files office.js asked for that node_modules does not have. */
  readonly officeMissing: string[];
  readonly pageErrors: string[];
  readonly consoleErrors: string[];
  readonly dialogs: string[];
}

let browser: Browser;
let origin: string;
let server: http.Server;
let buildDir: string;
/** The add-in being served: dist/ when `npm test` built it just before, else a build of this run. */
let addinDir: string;
let shotNumber = 0;

async function openPane(setup: HarnessSetup = {}): Promise<Session> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 2, locale: "vi-VN", serviceWorkers: "block" });
  const blocked: string[] = [];
  const telemetry: string[] = [];
  const officeMissing: string[] = [];
  await context.route("**/*", async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    if (url.origin === origin) {
      if (url.pathname === "/taskpane.html" && request.resourceType() === "document") {
        // The harness goes right after office.js: after it, before the pane's deferred bundle.
        const response = await route.fetch();
        const html = await response.text();
        // Quotes optional: the production build minifies the page.
        const officeTag = /<script\s+src="?https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js"?\s*><\/script>/;
        if (!officeTag.test(html)) throw new Error("taskpane.html has no office.js <script> to put the harness after");
        await route.fulfill({ response, body: html.replace(officeTag, (tag) => `${tag}\n    <script src="__e2e/harness.js"></script>`) });
        return;
      }
      await route.continue();
      return;
    }
    if (url.protocol === "https:" && url.host === OFFICE_HOST && url.pathname.startsWith(OFFICE_PATH)) {
      const file = path.resolve(OFFICE_DIST, decodeURIComponent(url.pathname.slice(OFFICE_PATH.length)));
      if (file.startsWith(OFFICE_DIST + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        await route.fulfill({ status: 200, body: fs.readFileSync(file), contentType: TYPES[path.extname(file)] ?? "application/octet-stream" });
      } else {
        officeMissing.push(url.href);
        await route.fulfill({ status: 404, body: "" });
      }
      return;
    }
    (url.host === OFFICE_TELEMETRY ? telemetry : blocked).push(url.href);
    await route.abort("blockedbyclient");
  });
  await context.addInitScript((s: HarnessSetup) => {
    window.__dtiSetup = s;
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  }, setup);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const session: Session = { context, page, blocked, telemetry, officeMissing, pageErrors: [], consoleErrors: [], dialogs: [] };
  page.on("pageerror", (e) => session.pageErrors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") session.consoleErrors.push(m.text());
  });
  page.on("dialog", (d) => {
    session.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(`${origin}/taskpane.html`);
  await page.waitForFunction(() => window.__dti !== undefined, undefined, { timeout: 15_000 });
  await page.evaluate(() => (window.__dti as DtiHarness).ready);
  await idle(page);
  return session;
}

/** Waits until no batch is running and nothing in the pane says it is busy. */
async function idle(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('[aria-busy="true"]') === null && (window.__dti as DtiHarness).runs.active === 0, undefined, { timeout: 30_000 });
}

const byTestId = (id: string): string => `[data-testid="${id}"]`;

async function click(page: Page, testid: string): Promise<void> {
  await page.click(byTestId(testid));
  await idle(page);
}

async function text(page: Page, testid: string): Promise<string> {
  return ((await page.textContent(byTestId(testid))) ?? "").trim();
}

async function shot(page: Page, step: string): Promise<string> {
  shotNumber++;
  const file = path.join(ARTIFACTS, `${String(shotNumber).padStart(2, "0")}-${step}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** axe-core's "serious" and "critical" violations in the page as it is now. */
async function axeViolations(page: Page, view: string): Promise<{ view: string; violations: unknown[] }> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
  });
  return { view, violations: violations.filter((v) => v.impact === "serious" || v.impact === "critical") };
}

/** Checked last in each step, so that a finding does not stop the scenario. */
function expectAccessible(found: { view: string; violations: unknown[] }): void {
  expect(found).toEqual({ view: found.view, violations: [] });
}

/** Hostile text never becomes markup: the only <img> is the logo, no handler attribute anywhere. */
async function noInjection(s: Session): Promise<void> {
  const found = await s.page.evaluate(() => ({
    images: Array.from(document.querySelectorAll("img")).filter((i) => !/assets\/icon-\d+\.png$/.test(i.getAttribute("src") ?? "")).map((i) => i.outerHTML),
    handlers: Array.from(document.querySelectorAll("*")).flatMap((e) => Array.from(e.attributes).filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName}[${a.name}]`)),
  }));
  expect(found).toEqual({ images: [], handlers: [] });
  expect(s.dialogs).toEqual([]);
}

// The harness calls the test uses, as page functions.
const typeAll = (page: Page, entries: readonly (readonly [CellTarget, string | number | boolean])[], unprotect = false): Promise<void> =>
  page.evaluate(({ e, u }) => (window.__dti as DtiHarness).typeAll(e, { unprotect: u }), { e: entries as [CellTarget, string | number | boolean][], u: unprotect });
const readCell = (page: Page, target: CellTarget): Promise<string | number | boolean> => page.evaluate((t) => (window.__dti as DtiHarness).read(t), target);
const locate = (page: Page, target: CellTarget): Promise<Located | null> => page.evaluate((t) => (window.__dti as DtiHarness).locate(t), target);
const syncCount = (page: Page): Promise<number> => page.evaluate(() => (window.__dti as DtiHarness).syncCount());
const snapshot = async (page: Page): Promise<unknown> => JSON.parse(await page.evaluate(() => JSON.stringify((window.__dti as DtiHarness).snapshot()))) as unknown;

/** Where two workbook snapshots differ (paths, at most `max`); [] when they are the same. */
function differences(a: unknown, b: unknown, max = 20, at = "workbook"): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object" || Array.isArray(a) !== Array.isArray(b)) {
    return [`${at}: ${JSON.stringify(a)?.slice(0, 200)} → ${JSON.stringify(b)?.slice(0, 200)}`];
  }
  const out: string[] = [];
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const key of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
    // Name array items by what they hold where that reads better than an index.
    const label = (x: unknown): string => {
      if (Array.isArray(x) && x.length === 2 && typeof x[0] === "number") return `cell#${x[0]}`;
      const named = x as { name?: unknown } | null;
      return named && typeof named === "object" && typeof named.name === "string" ? named.name : key;
    };
    out.push(...differences(ra[key], rb[key], max - out.length, `${at}.${label(ra[key] ?? rb[key])}`));
    if (out.length >= max) break;
  }
  return out;
}

interface FindingView {
  readonly code: string;
  readonly name: string;
  readonly severity: string;
  readonly text: string;
}

async function findings(page: Page, within = "body"): Promise<FindingView[]> {
  return page.$$eval(`${within} ${byTestId("finding")}`, (items) =>
    items.map((li) => ({ code: li.getAttribute("data-code") ?? "", name: li.getAttribute("data-name") ?? "", severity: li.getAttribute("data-severity") ?? "", text: li.textContent ?? "" })),
  );
}

/** Counts as "3 lỗi · 2 cảnh báo · 1 thông tin" says them. */
function parseCounts(line: string): { error: number; warning: number; info: number } {
  const m = /(\d+)\D+?(\d+)\D+?(\d+)/.exec(line);
  if (!m) throw new Error(`no counts in "${line}"`);
  return { error: Number(m[1]), warning: Number(m[2]), info: Number(m[3]) };
}

/** A number as the pane shows it in Vietnamese ("1.234,56") or English ("1,234.56"). */
function shownNumber(shown: string, lang: "vi" | "en" = "vi"): { value: number; decimals: number } {
  const m = lang === "vi" ? /-?[\d.]+(?:,\d+)?/.exec(shown) : /-?[\d,]+(?:\.\d+)?/.exec(shown);
  if (!m) throw new Error(`no number in "${shown}"`);
  const [int, frac = ""] = lang === "vi" ? m[0].split(",") : m[0].split(".");
  return { value: Number(`${(int as string).replace(/[.,]/g, "")}.${frac || "0"}`), decimals: frac.length };
}

/** The shown number is the engine's, rounded to what is shown. */
function expectShown(shown: string, engine: number, what: string): void {
  const { value, decimals } = shownNumber(shown);
  expect({ what, shown, close: Math.abs(value - engine) <= 0.5 * 10 ** -decimals + 1e-9 }).toEqual({ what, shown, close: true });
}

// ---------------------------------------------------------------------------------------
// The sample, the seeded mistakes and what validation must find

const evidenceFor = (id: string): string => `Văn bản số ${id.replace(/\./g, "")}/BC-STTTT, đã lưu hồ sơ`;
/** The scored row left without evidence. */
const NO_EVIDENCE = "2.5";
/** The unit's name and one evidence text are hostile. */
const XSS_EVIDENCE = "1.2";

/** [name, value] the sample types, with evidence on every row but NO_EVIDENCE. */
function sampleEntries(): [string, string | number | boolean][] {
  const out: [string, string | number | boolean][] = [];
  for (const [name, value] of namedInputs(sample)) if (value !== null && typeof value !== "object") out.push([name, value]);
  for (const ind of set.indicators) {
    if (ind.id === NO_EVIDENCE) continue;
    out.push([names.evidence(ind.id), ind.id === XSS_EVIDENCE ? XSS : evidenceFor(ind.id)]);
  }
  return out;
}

const sampleValue = (name: string): string | number | boolean => {
  const v = namedInputs(sample).get(name);
  if (v === null || v === undefined || typeof v === "object") throw new Error(`the sample has no value for ${name}`);
  return v;
};

/** Each seeded mistake: the cell, what is typed, and the finding it must produce. */
const SEEDS = [
  { what: "text in a number cell", name: names.input("1.3", "a"), value: XSS, code: "not-a-number", severity: "error" },
  { what: "a negative", name: names.input("5.2", "a"), value: -3, code: "negative", severity: "error" },
  { what: "a numerator above its denominator", name: names.input("4.8", "a"), value: 7, code: "numerator-above-denominator", severity: "error" },
  { what: "a denominator disagreeing with Thông tin chung", name: names.input("3.1", "b"), value: 600000, code: "disagrees-with-info", severity: "error" },
  { what: "a choice outside its list", name: names.input("1.1", "a"), value: "Không rõ", code: "not-an-option", severity: "error" },
  { what: "a scored row without evidence", name: names.evidence(NO_EVIDENCE), value: null, code: "missing-evidence", severity: "warning" },
  { what: "a missing reference value", name: names.referenceMax("5.1"), value: "", code: "needs-reference", severity: "warning" },
] as const;

const engineResult = (unit: UnitInput, options: ScoreOptions = {}): UnitResult => scoreUnits(set, [unit], options)[0] as UnitResult;

async function expectTotalsLikeEngine(page: Page, r: UnitResult): Promise<void> {
  expectShown(await text(page, "compute-total"), r.total.score.toNumber(), "total");
  expect(await text(page, "compute-index")).toBe(r.total.index.toFixed(4).replace(".", ","));
  for (const p of set.pillars) {
    const cell = await page.textContent(`${byTestId("compute-table")} [data-pillar="${p.id}"] td`);
    expectShown(cell ?? "", (r.pillars[p.id]?.score.toNumber() ?? NaN), `pillar ${p.id}`);
  }
}

// ---------------------------------------------------------------------------------------

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (scripts/test.sh does, as root)`);
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  for (const f of fs.readdirSync(ARTIFACTS)) if (f.endsWith(".png")) fs.rmSync(path.join(ARTIFACTS, f));
  buildDir = fs.mkdtempSync(path.join(os.tmpdir(), "dti-pane-"));
  const dirs = await build(buildDir);
  addinDir = dirs.addin;
  ({ server, origin } = await serve(dirs));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // launch() gives every run a new, empty user-data-dir of its own.
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (buildDir) fs.rmSync(buildDir, { recursive: true, force: true });
});

test("smoke: the pane loads in Chromium, office.js from node_modules, Excel from the harness", async () => {
  const s = await openPane();
  try {
    // The pane's Office.onReady callback ran, with host Excel and a recent enough ExcelApi.
    const body = (await s.page.textContent("body")) ?? "";
    expect(body).not.toContain("Đang tải Office");
    expect(body).not.toContain("Hãy mở bảng tác vụ này trong Excel");
    expect(body).not.toContain("quá cũ");
    expect(await s.page.evaluate(() => typeof Office.context.requirements.isSetSupported)).toBe("function");
    expect(await s.page.title()).toContain("Chỉ số chuyển đổi số");
    await shot(s.page, "smoke");
    expect(s.pageErrors).toEqual([]);
    expect(s.blocked).toEqual([]);
    expect(s.officeMissing).toEqual([]);
  } finally {
    await s.context.close();
  }
});

describe("the task pane in Chromium (issue 4)", () => {
  let s: Session;
  let page: Page;
  /** The formula of the linked denominator before it was overwritten. */
  let linkFormula = "";
  let marksBefore: unknown;

  beforeAll(async () => {
    s = await openPane();
    page = s.page;
  });
  afterAll(async () => {
    await s?.context.close();
  });

  test("01 an empty workbook: the pane offers to insert the templates", async () => {
    await page.waitForSelector(byTestId("no-template"), { state: "visible" });
    await shot(page, "no-template");
    // From any other view the offer comes with a button to the insert tab.
    await click(page, "tab-validate");
    await page.waitForSelector(`${byTestId("no-template")} ${byTestId("no-template-insert")}`, { state: "visible" });
    const a11y = await axeViolations(page, "no-template");
    await click(page, "no-template-insert");
    expect(await page.getAttribute(byTestId("tab-insert"), "aria-selected")).toBe("true");
    await noInjection(s);
    expectAccessible(a11y);
  });

  test("02 insert the templates: preview, then write", async () => {
    for (const role of ["info", "indicators", "summary", "assignment", "tasks"]) expect(await page.isChecked(byTestId(`insert-sheet-${role}`))).toBe(true);
    expect(await page.isChecked(byTestId("insert-formulas-portable"))).toBe(true);
    expect(await page.isChecked(byTestId("insert-protect"))).toBe(true);
    // The reporting cycle (issue 11): the current quarter and Ninh Thuận's calendar unless chosen.
    const year = new Date().getFullYear();
    expect(await page.$eval(byTestId("insert-period"), (e) => (e as HTMLSelectElement).value)).toBe(formatPeriod(quarterOf(new Date())));
    expect(await page.$eval(byTestId("insert-calendar"), (e) => (e as HTMLSelectElement).value)).toBe("ninh-thuan");
    await page.selectOption(byTestId("insert-period"), `Năm ${year}`);
    await page.selectOption(byTestId("insert-calendar"), "tra-vinh");
    await click(page, "insert-preview");
    const plan = await text(page, "insert-plan");
    for (const sheet of ["Thông tin chung", `Chỉ số DTI ${set.year}`, "Tổng hợp", "Phân công", "Nhiệm vụ"]) expect(plan).toContain(sheet);
    const a11y = await axeViolations(page, "insert");
    await shot(page, "insert-preview");
    await click(page, "insert-go");
    const sheets = await page.evaluate(() => (window.__dti as DtiHarness).sheetNames());
    expect(sheets).toEqual(expect.arrayContaining(layout.sheets.map((x) => x.name)));
    // Every name of the layout points where the layout puts it.
    const placed = await page.evaluate((list) => list.map((n) => (window.__dti as DtiHarness).locate(n)), layout.names.map((n) => n.name));
    expect(placed).toEqual(layout.names.map((n) => ({ sheet: n.sheet, address: n.ref })));
    expect([await readCell(page, names.period), await readCell(page, names.calendar)]).toEqual([`Năm ${year}`, "tra-vinh"]);
    expect(await text(page, "pane-status")).not.toBe("");
    await shot(page, "inserted");
    expectAccessible(a11y);
  });

  test("03 type the sample with seeded mistakes, as a user would", async () => {
    await typeAll(page, sampleEntries());
    linkFormula = String((await page.evaluate((n) => (window.__dti as DtiHarness).cell(n).formula, names.input("3.1", "b"))) ?? "");
    expect(linkFormula).toMatch(/^=/);
    // The unit's name is hostile too.
    await typeAll(page, [[names.info(1), XSS]]);
    // The linked denominator is a locked formula: the user unprotects the sheet to overwrite it.
    await typeAll(
      page,
      SEEDS.filter((x) => x.value !== null).map((x) => [x.name, x.value as string | number] as const),
      true,
    );
    expect(await readCell(page, names.input("5.2", "a"))).toBe(-3);
    expect(await readCell(page, names.input("1.3", "a"))).toBe(XSS);
    expect(await readCell(page, names.evidence(XSS_EVIDENCE))).toBe(XSS);
    expect(await readCell(page, names.referenceMax("5.1"))).toBe("");
  });

  test("04 validate: exactly the seeded mistakes, each naming its cell", async () => {
    await click(page, "tab-validate");
    await click(page, "validate-run");
    await page.waitForSelector(byTestId("validate-counts"));
    await shot(page, "validate");
    const all = await findings(page);
    const problems = all.filter((f) => f.severity !== "info");
    const got = problems.map((f) => `${f.code} ${f.name} ${f.severity}`).sort();
    const want = SEEDS.map((x) => `${x.code} ${x.name} ${x.severity}`).sort();
    expect(got).toEqual(want);
    // The counts say what the list shows.
    const counts = parseCounts(await text(page, "validate-counts"));
    expect(counts).toEqual({
      error: all.filter((f) => f.severity === "error").length,
      warning: all.filter((f) => f.severity === "warning").length,
      info: all.filter((f) => f.severity === "info").length,
    });
    expect(await text(page, "validate-counts")).toMatch(/\d+ lỗi · \d+ cảnh báo · \d+ thông tin/);
    // Hostile text is shown as text.
    const notANumber = all.find((f) => f.code === "not-a-number");
    expect(notANumber?.text).toContain(XSS);
    await noInjection(s);
    const a11y = await axeViolations(page, "validate");
    expectAccessible(a11y);
  });

  test("04b grouping by agency shows the same findings", async () => {
    await page.selectOption(byTestId("validate-group"), "agency");
    await idle(page);
    const problems = (await findings(page)).filter((f) => f.severity !== "info");
    expect([...new Set(problems.map((f) => `${f.code} ${f.name}`))].sort()).toEqual(SEEDS.map((x) => `${x.code} ${x.name}`).sort());
    await shot(page, "validate-by-agency");
    await page.selectOption(byTestId("validate-group"), "pillar");
    await idle(page);
  });

  test("05 clicking a finding selects its cell", async () => {
    const named = (await findings(page)).filter((f) => f.name !== "");
    expect(named.length).toBeGreaterThanOrEqual(SEEDS.length);
    for (const f of named.filter((x) => x.severity !== "info")) {
      const want = await locate(page, f.name);
      await page.click(`${byTestId("finding")}[data-name="${f.name}"][data-code="${f.code}"] button`);
      await idle(page);
      const selected = await page.evaluate(() => (window.__dti as DtiHarness).selection());
      expect({ finding: `${f.code} ${f.name}`, selected }).toEqual({ finding: `${f.code} ${f.name}`, selected: want });
    }
    await shot(page, "selected");
  });

  test("06 mark the cells, then clear: formats restored exactly", async () => {
    marksBefore = await snapshot(page);
    const cellsBefore = await page.evaluate((list) => list.map((n) => (window.__dti as DtiHarness).cell(n)), SEEDS.map((x) => x.name));
    await click(page, "validate-mark");
    const cellsMarked = await page.evaluate((list) => list.map((n) => (window.__dti as DtiHarness).cell(n)), SEEDS.map((x) => x.name));
    SEEDS.forEach((x, i) => expect({ cell: x.name, changed: JSON.stringify(cellsMarked[i]) !== JSON.stringify(cellsBefore[i]) }).toEqual({ cell: x.name, changed: true }));
    expect(differences(marksBefore, await snapshot(page))).not.toEqual([]);
    await shot(page, "marked");
    await click(page, "validate-clear");
    expect(differences(marksBefore, await snapshot(page))).toEqual([]);
    await shot(page, "cleared");
  });

  test("07 one agency: its indicators, completion and open errors", async () => {
    const agency = "Sở GD&ĐT";
    const assigned = agencyAssignments(set).find((a) => a.agency === agency);
    if (!assigned) throw new Error(`no agency ${agency}`);
    await click(page, "tab-agency");
    const value = await page.$eval(byTestId("agency-select"), (select, a) => Array.from((select as HTMLSelectElement).options).find((o) => o.value === a || o.text.includes(a))?.value, agency);
    expect(value).toBeDefined();
    await page.selectOption(byTestId("agency-select"), value as string);
    await idle(page);
    const ids = await page.$$eval(`${byTestId("agency-indicators")} li`, (items) => items.map((li) => li.getAttribute("data-indicator") ?? li.textContent ?? ""));
    const want = [...assigned.leads, ...assigned.coordinates].map((i) => i.id);
    expect(ids.map((x) => want.find((id) => x === id || x.includes(` ${id} `)) ?? x).sort()).toEqual([...want].sort());
    // "scored / total" of the scored indicators it leads.
    const completion = await text(page, "agency-completion");
    const total = assigned.leads.filter((i) => i.rule.kind !== "unscored").length;
    const m = new RegExp(`(\\d+)\\s*/\\s*${total}\\b`).exec(completion);
    expect({ completion, scoredOfTotal: m !== null && Number(m[1]) <= total }).toEqual({ completion, scoredOfTotal: true });
    const open = await findings(page, byTestId("agency-errors"));
    expect(open.map((f) => `${f.code} ${f.name}`)).toEqual(SEEDS.filter((x) => x.name.startsWith("DTI_4_8_")).map((x) => `${x.code} ${x.name}`));
    const a11y = await axeViolations(page, "agency");
    await shot(page, "agency");
    await noInjection(s);
    expectAccessible(a11y);
  });

  test("08 fix the figures: validation finds no mistake left", async () => {
    const fixes: [string, string | number | boolean][] = [
      [names.input("1.3", "a"), sampleValue(names.input("1.3", "a"))],
      [names.input("5.2", "a"), sampleValue(names.input("5.2", "a"))],
      [names.input("4.8", "a"), sampleValue(names.input("4.8", "a"))],
      [names.input("3.1", "b"), linkFormula],
      [names.input("1.1", "a"), sampleValue(names.input("1.1", "a"))],
      [names.evidence(NO_EVIDENCE), evidenceFor(NO_EVIDENCE)],
      [names.referenceMax("5.1"), sampleValue(names.referenceMax("5.1"))],
      [names.info(1), sample.name],
    ];
    await typeAll(page, fixes, true);
    await click(page, "tab-validate");
    await click(page, "validate-run");
    const left = (await findings(page)).filter((f) => f.severity !== "info");
    expect(left).toEqual([]);
    expect(parseCounts(await text(page, "validate-counts"))).toMatchObject({ error: 0, warning: 0 });
    await shot(page, "validate-clean");
  });

  test("09 compute: pillar totals, total and index are the engine's", async () => {
    await click(page, "tab-compute");
    await click(page, "compute-run");
    await page.waitForSelector(byTestId("compute-table"));
    // The period chosen when the templates were inserted (test 02).
    expect(await text(page, "compute-period")).toBe(`Kỳ báo cáo: Năm ${new Date().getFullYear()}`);
    await expectTotalsLikeEngine(page, engineResult(sample));
    expect(await page.$$eval(`${byTestId("compute-chart")}`, (e) => e.map((x) => x.tagName.toLowerCase()))).toEqual(["svg"]);
    const a11y = await axeViolations(page, "compute");
    await shot(page, "compute");
    expectAccessible(a11y);
  });

  test("10 the alternative threshold reading: written to the workbook, recomputed", async () => {
    expect(await page.isChecked(byTestId("compute-alt"))).toBe(false);
    await page.click(byTestId("compute-alt"));
    await idle(page);
    expect(String(await readCell(page, names.optionAltThreshold)).trim().toLocaleLowerCase("vi")).toBe("có");
    await expectTotalsLikeEngine(page, engineResult(sample, { altThreshold: true }));
    expect(await page.isChecked(byTestId("compute-alt"))).toBe(true);
    await shot(page, "compute-alt");
    await page.click(byTestId("compute-alt"));
    await idle(page);
    expect(String(await readCell(page, names.optionAltThreshold)).trim().toLocaleLowerCase("vi")).toBe("không");
    await expectTotalsLikeEngine(page, engineResult(sample));
  });

  test("11 the previous year's index, typed on Tổng hợp, is compared", async () => {
    expect(await locate(page, names.previousIndex)).not.toBeNull();
    await typeAll(page, [[names.previousIndex, 0.41]]);
    await click(page, "compute-run");
    const previous = await text(page, "compute-previous");
    expect(previous).toContain("0,41");
    expect(previous).toContain(engineResult(sample).total.index.toFixed(4).replace(".", ","));
    await expectTotalsLikeEngine(page, engineResult(sample));
    await shot(page, "compute-previous");
  });

  test("11b the ministry's published result and the previous period: tables only when the workbook has them", async () => {
    const shown = (testid: string): Promise<number> => page.$$eval(byTestId(testid), (e) => e.length);
    expect([await shown("compute-published-table"), await shown("compute-last-table")]).toEqual([0, 0]);
    const typed: [string, string | number][] = [
      [names.publishedIndex, 0.4321],
      [names.publishedPillar("I"), 0.5234],
      [names.lastPeriod, "Quý III/2026"],
      [names.lastPillar("I"), 40.1],
      [names.lastTotal, 400.3],
      [names.lastIndex, 0.4003],
    ];
    await typeAll(page, typed, true);
    await click(page, "compute-run");
    await page.waitForSelector(byTestId("compute-published-table"));
    const head = (testid: string): Promise<string[]> => page.$$eval(`${byTestId(testid)} thead th`, (ths) => ths.map((th) => th.textContent ?? ""));
    expect(await head("compute-published-table")).toEqual(["Chỉ số chính", "Tự đánh giá", "Bộ công bố", "Chênh lệch"]);
    expect(await head("compute-last-table")).toEqual(["Chỉ số chính", "Kỳ trước", "Điểm", "Thay đổi"]);
    const r = engineResult(sample);
    const cell = (testid: string, pillar: string, col: string): Promise<string | null> => page.textContent(`${byTestId(testid)} [data-pillar="${pillar}"] [data-col="${col}"]`);
    const gapI = (r.pillars["I"]?.score as UnitResult["total"]["score"]).div(100).minus("0.5234");
    expect(await cell("compute-published-table", "I", "self")).toBe((r.pillars["I"]?.score as UnitResult["total"]["score"]).div(100).toFixed(4).replace(".", ","));
    expect(await cell("compute-published-table", "I", "published")).toBe("0,5234");
    expect(await cell("compute-published-table", "I", "published-gap")).toBe(`${gapI.isNegative() ? "-" : "+"}${gapI.abs().toFixed(4).replace(".", ",")}`);
    expect(await cell("compute-published-table", "II", "published")).toBe("–");
    expectShown((await cell("compute-last-table", "I", "last")) ?? "", 40.1, "previous period, I");
    expectShown(((await cell("compute-last-table", "I", "last-delta")) ?? "").replace(/^\+/, ""), (r.pillars["I"]?.score.toNumber() ?? NaN) - 40.1, "change, I");
    expect(await cell("compute-last-table", "II", "last")).toBe("–");
    const gap = r.total.index.minus("0.4321");
    expect(await text(page, "compute-published")).toContain(`0,4321`);
    expect(await text(page, "compute-published")).toContain(`${gap.isNegative() ? "-" : "+"}${gap.abs().toFixed(4).replace(".", ",")}`);
    expect(await text(page, "compute-last")).toContain("Quý III/2026: 0,4003");
    await expectTotalsLikeEngine(page, r);
    // The main index's name stays reachable (the narrow tables show its number).
    expect(await page.getAttribute(`${byTestId("compute-published-table")} [data-pillar="I"] th`, "title")).toBe("I. NHẬN THỨC SỐ");
    // Nothing wider than the pane.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const a11y = await axeViolations(page, "compute-published");
    await shot(page, "compute-published");
    expectAccessible(a11y);
    // Cleared again: the tables go (and the README screenshot below stays as it was).
    await typeAll(page, typed.map(([n]) => [n, ""] as const), true);
    await click(page, "compute-run");
    await page.waitForSelector(byTestId("compute-table"));
    expect([await shown("compute-published-table"), await shown("compute-last-table")]).toEqual([0, 0]);
  });

  test("12 the README screenshot: the compute view in Vietnamese, diacritics rendered", async () => {
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("vi");
    // Every font Chromium used for the Vietnamese title has the title's letters.
    const cdp = await s.context.newCDPSession(page);
    await cdp.send("DOM.enable");
    await cdp.send("CSS.enable");
    const { root: doc } = await cdp.send("DOM.getDocument");
    const { nodeId } = await cdp.send("DOM.querySelector", { nodeId: doc.nodeId, selector: "h1" });
    const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
    const title = (await page.textContent("h1")) ?? "";
    expect(title).toContain("Chỉ số chuyển đổi số");
    const letters = [...new Set([...title].filter((c) => c.charCodeAt(0) > 127))].map((c) => (c.codePointAt(0) as number).toString(16));
    const covering = execFileSync("fc-list", [`:charset=${letters.join(" ")}`, "family"], { encoding: "utf8" })
      .split("\n")
      .flatMap((line) => line.split(","))
      .map((f) => f.trim())
      .filter(Boolean);
    expect(covering.length).toBeGreaterThan(0); // else: apt-get install fonts-dejavu-core
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect({ font: f.familyName, hasVietnamese: covering.includes(f.familyName) }).toEqual({ font: f.familyName, hasVietnamese: true });
    await cdp.detach();
    if (process.env.UPDATE_SCREENSHOT === "1" || !fs.existsSync(DOC_SCREENSHOT)) {
      fs.mkdirSync(path.dirname(DOC_SCREENSHOT), { recursive: true });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: DOC_SCREENSHOT, fullPage: true });
    }
    expect(fs.existsSync(DOC_SCREENSHOT)).toBe(true);
  });

  test("13 English: one click switches the texts, and back", async () => {
    const tabs = async (): Promise<string[]> => page.$$eval('[role="tab"]', (b) => b.map((x) => (x.textContent ?? "").trim()));
    const vi = await tabs();
    const heading = (await page.textContent("h2")) ?? "";
    await click(page, "lang-toggle");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    const en = await tabs();
    expect(en).toHaveLength(5);
    en.forEach((label, i) => {
      expect(label).not.toBe(vi[i]);
      expect(label).toMatch(/^[\x20-\x7e]+$/);
    });
    expect((await page.textContent("h2")) ?? "").not.toBe(heading);
    await shot(page, "english");
    await click(page, "lang-toggle");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("vi");
    expect(await tabs()).toEqual(vi);
  });

  test("14 keyboard only: Tab reaches the tabs and buttons, Enter and Space activate", async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const focused = async (): Promise<{ testid: string | null; role: string | null; tag: string }> =>
      page.evaluate(() => {
        const e = document.activeElement as HTMLElement;
        return { testid: e.getAttribute("data-testid"), role: e.getAttribute("role"), tag: e.tagName.toLowerCase() };
      });
    const tabTo = async (pred: (f: { testid: string | null; role: string | null; tag: string }) => boolean, what: string): Promise<void> => {
      const seen: string[] = [];
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press("Tab");
        const f = await focused();
        seen.push(f.testid ?? `${f.tag}${f.role ? `[${f.role}]` : ""}`);
        if (pred(f)) return;
      }
      throw new Error(`Tab never reached ${what}; focus went through: ${seen.join(", ")}`);
    };
    await tabTo((f) => f.testid === "lang-toggle", "the language button");
    await tabTo((f) => f.role === "tab", "the tabs");
    // Within the tab list the arrow keys move (WAI-ARIA tabs); Enter activates.
    for (let i = 0; i < 4 && (await focused()).testid !== "tab-validate"; i++) await page.keyboard.press("ArrowRight");
    expect((await focused()).testid).toBe("tab-validate");
    await page.keyboard.press("Enter");
    await idle(page);
    expect(await page.getAttribute(byTestId("tab-validate"), "aria-selected")).toBe("true");
    await tabTo((f) => f.testid === "validate-run", "the validate button");
    const runsBefore = await page.evaluate(() => (window.__dti as DtiHarness).runs.started);
    await page.keyboard.press(" ");
    await idle(page);
    expect(await page.evaluate(() => (window.__dti as DtiHarness).runs.started)).toBeGreaterThan(runsBefore);
    await page.waitForSelector(byTestId("validate-counts"));
    // Back to the tab list and on to compute, with Enter on the compute button.
    await page.keyboard.press("Shift+Tab");
    for (let i = 0; i < 10 && (await focused()).role !== "tab"; i++) await page.keyboard.press("Shift+Tab");
    for (let i = 0; i < 4 && (await focused()).testid !== "tab-compute"; i++) await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    await idle(page);
    expect(await page.getAttribute(byTestId("tab-compute"), "aria-selected")).toBe("true");
    await tabTo((f) => f.testid === "compute-run", "the compute button");
    await page.keyboard.press("Enter");
    await idle(page);
    await expectTotalsLikeEngine(page, engineResult(sample));
    await shot(page, "keyboard");
  });

  test("15 an Excel error value in a cell: reported for that cell, nothing breaks", async () => {
    const name = names.input("6.6", "a");
    await typeAll(page, [[name, "#N/A"]]);
    expect(await readCell(page, name)).toBe("#N/A");
    await click(page, "tab-validate");
    await click(page, "validate-run");
    const about = (await findings(page)).filter((f) => f.name === name);
    expect(about.length).toBeGreaterThan(0);
    expect(about.some((f) => f.severity === "error" && f.text.includes("#N/A"))).toBe(true);
    // No other cell is blamed.
    expect((await findings(page)).filter((f) => f.severity !== "info" && f.name !== name)).toEqual([]);
    await shot(page, "excel-error");
    await click(page, "tab-compute");
    await click(page, "compute-run");
    expect(await text(page, "compute-index")).toMatch(/^\d,\d{4}$/);
    expect(s.pageErrors).toEqual([]);
    await typeAll(page, [[name, sampleValue(name)]]);
  });

  test("16 a newer template version: a clear message, nothing written", async () => {
    await page.evaluate(({ n, v }) => (window.__dti as DtiHarness).put(n, v), { n: names.metaVersion, v: TEMPLATE_VERSION + 1 });
    const before = await snapshot(page);
    await click(page, "compute-run");
    expect(await text(page, "pane-status")).toMatch(/mới hơn/);
    expect(await page.$(byTestId("compute-total"))).toBeNull();
    await click(page, "tab-validate");
    await click(page, "validate-run");
    const all = await findings(page);
    expect(all.map((f) => f.code)).toContain("newer-template");
    expect(all.find((f) => f.code === "newer-template")?.text).toMatch(/phiên bản.*mới hơn/);
    await shot(page, "newer-template");
    expect(differences(before, await snapshot(page))).toEqual([]);
    await page.evaluate(({ n, v }) => (window.__dti as DtiHarness).put(n, v), { n: names.metaVersion, v: TEMPLATE_VERSION });
  });

  test("the page called no host but its own and Office's, and nothing failed", async () => {
    const hosts = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => new URL(e.name).host));
    expect([...new Set(hosts)].filter((h) => h !== new URL(origin).host && h !== OFFICE_HOST && h !== OFFICE_TELEMETRY)).toEqual([]);
    expect(s.blocked).toEqual([]);
    expect(s.officeMissing).toEqual([]);
    expect(s.pageErrors).toEqual([]);
    // office.js frames its telemetry page; the pane's CSP (no frame-src beyond 'self') refuses
    // it, which Chromium logs. Nothing else may be refused or logged as an error.
    const telemetryRefused = (line: string): boolean => line.includes(OFFICE_TELEMETRY);
    expect(s.consoleErrors.filter((line) => !telemetryRefused(line))).toEqual([]);
    expect((await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).filter((line) => !telemetryRefused(line))).toEqual([]);
    expect(s.dialogs).toEqual([]);
  });
});

test("an Excel older than ExcelApi 1.8: a clear message, nothing read or written", async () => {
  const s = await openPane({ excelApi: "1.7" });
  try {
    const status = (await s.page.textContent("body")) ?? "";
    expect(status).toContain("ExcelApi 1.8");
    expect(await s.page.$(byTestId("tab-insert"))).toBeNull();
    expect(await s.page.evaluate(() => (window.__dti as DtiHarness).syncCount())).toBe(0);
    await shot(s.page, "excel-too-old");
    expect(s.pageErrors).toEqual([]);
    expect(s.blocked).toEqual([]);
  } finally {
    await s.context.close();
  }
});

describe("indicator sets in the pane (issue 5)", () => {
  it("inserts the 2020 framework chosen in the set list, and computes its three pillars", async () => {
    const s = await openPane();
    try {
      const page = s.page;
      await page.waitForSelector(byTestId("no-template"), { state: "visible" });
      await page.selectOption(byTestId("insert-set"), "dti-province-2020");
      await idle(page);
      // Built-in sets need no pane for their functions: the workbook is not made to open it.
      expect(await page.$(byTestId("insert-auto-open"))).toBeNull();
      await click(page, "insert-preview");
      expect(await text(page, "insert-plan")).toContain("Chỉ số DTI 2020");
      await click(page, "insert-go");
      await click(page, "tab-compute");
      await click(page, "compute-run");
      await page.waitForSelector(byTestId("compute-table"));
      const pillars = await page.$$eval(`${byTestId("compute-table")} tr[data-pillar]`, (rows) => rows.map((r) => r.getAttribute("data-pillar")));
      expect(pillars).toEqual(["I", "II", "III"]);
      expect(await text(page, "compute-total")).toContain("1000");
      await shot(page, "set-2020-compute");
    } finally {
      await s.context.close();
    }
  });
});

describe("a province's own set from the sheet 'Bộ chỉ số' (issue 5)", () => {
  const districtFile = path.resolve(__dirname, "../fixtures/sets/district-example.json");
  const parsedDistrict = parseIndicatorSet(JSON.parse(fs.readFileSync(districtFile, "utf8")), districtFile);
  if ("errors" in parsedDistrict) throw new Error(parsedDistrict.errors.join("\n"));
  const district = parsedDistrict.set;
  const sheetRows = indicatorSetToSheet(district).grid.map((row) => row.map((v) => v ?? ""));
  // The sets stored for the functions (beside each, the pane notes when it stored it: "dti-set-info:…").
  const stored = (page: Page): Promise<string[]> => page.evaluate(() => [...(window.__dti as DtiHarness).storage.keys()].filter((k) => k.startsWith("dti-set:")));

  it("reads the set, inserts its template, computes it, and hands it to the DTI.* functions", async () => {
    const s = await openPane({ seed: { sheets: [{ name: "Bộ chỉ số", rows: sheetRows }] } });
    try {
      const page = s.page;
      await page.waitForSelector(byTestId("no-template"), { state: "visible" });
      await click(page, "insert-read-set");
      expect(await text(page, "pane-status")).toMatch(/Đã đọc bộ chỉ số huyen-2023 \(8 chỉ số\).*Các hàm DTI\.\* đã nhận bộ huyen-2023/);
      expect(await page.$eval(byTestId("insert-set"), (e) => (e as HTMLSelectElement).value)).toBe("huyen-2023");
      expect(await stored(page)).toEqual(["dti-set:huyen-2023"]);
      const kept = await page.evaluate(() => (window.__dti as DtiHarness).storage.get("dti-set:huyen-2023") ?? "");
      expect(JSON.parse(kept)).toEqual(district);
      // DTI.* formulas of a set not built in: the workbook opens the pane (which hands the set
      // to the functions) on a colleague's computer; offered and on by default.
      expect(await page.$(byTestId("insert-auto-open"))).not.toBeNull();
      await page.check(byTestId("insert-formulas-functions"));
      await idle(page);
      expect(await page.isChecked(byTestId("insert-auto-open"))).toBe(true);
      await click(page, "insert-preview");
      // The set's own sheet is the one it was read from: not copied, not touched.
      expect(await text(page, "insert-plan")).not.toContain("Bộ chỉ số");
      await click(page, "insert-go");
      expect(await page.evaluate(() => (window.__dti as DtiHarness).sheetNames().filter((n) => n.startsWith("Bộ chỉ số")))).toEqual(["Bộ chỉ số"]);
      expect(await page.evaluate(() => (window.__dti as DtiHarness).read("DTI_META_SET"))).toBe("huyen-2023");
      expect(await page.evaluate(() => [...(window.__dti as DtiHarness).settings])).toEqual([["Office.AutoShowTaskpaneWithDocument", true]]);
      expect(await text(page, "insert-plan")).toContain("Sổ sẽ tự mở bảng tác vụ DTI khi được mở.");
      await click(page, "tab-compute");
      await click(page, "compute-run");
      await page.waitForSelector(byTestId("compute-table"));
      const pillars = await page.$$eval(`${byTestId("compute-table")} tr[data-pillar]`, (rows) => rows.map((r) => r.getAttribute("data-pillar")));
      expect(pillars).toEqual(district.pillars.map((p) => p.id));
      expect(await text(page, "compute-total")).toContain(String(district.maxTotal));
      expect(s.pageErrors).toEqual([]);
    } finally {
      await s.context.close();
    }
  });

  it("a workbook that records a set not built in is read with the set of its own sheet", async () => {
    const seed = {
      sheets: [
        { name: "Bộ chỉ số", rows: sheetRows },
        { name: "DTI_META", visibility: "VeryHidden" as const, cells: { B1: "huyen-2023", B2: TEMPLATE_VERSION } },
      ],
      names: [
        { name: "DTI_META_SET", ref: "='DTI_META'!$B$1" },
        { name: "DTI_META_VERSION", ref: "='DTI_META'!$B$2" },
      ],
    };
    const s = await openPane({ seed });
    try {
      const page = s.page;
      expect(await stored(page)).toEqual(["dti-set:huyen-2023"]);
      expect(await text(page, "pane-status")).toMatch(/Các hàm DTI\.\* đã nhận bộ huyen-2023/);
      await click(page, "tab-insert");
      expect(await page.$eval(byTestId("insert-set"), (e) => (e as HTMLSelectElement).value)).toBe("huyen-2023");
    } finally {
      await s.context.close();
    }
  });

  it("a different set stored under the same id is replaced only after the user saw the differences (issue 9)", async () => {
    // Another workbook on this computer stored its own version of huyen-2023 for DTI.*.
    // Still a valid set: points moved between two indicators of one pillar keep its maximum.
    const [first, second] = district.indicators;
    if (!first || !second || first.pillar !== second.pillar) throw new Error("two indicators of one pillar expected");
    const theirs = {
      ...district,
      name: `${district.name} (bản khác)`,
      indicators: [{ ...first, maxPoints: first.maxPoints + 1 }, { ...second, maxPoints: second.maxPoints - 1 }, ...district.indicators.slice(2)],
    };
    expect("set" in parseIndicatorSet(JSON.parse(JSON.stringify(theirs)), "theirs")).toBe(true);
    const storedJson = JSON.stringify(theirs);
    const seed = {
      sheets: [
        { name: "Bộ chỉ số", rows: sheetRows },
        { name: "DTI_META", visibility: "VeryHidden" as const, cells: { B1: "huyen-2023", B2: TEMPLATE_VERSION } },
      ],
      names: [
        { name: "DTI_META_SET", ref: "='DTI_META'!$B$1" },
        { name: "DTI_META_VERSION", ref: "='DTI_META'!$B$2" },
      ],
    };
    const storage = { "dti-set:huyen-2023": storedJson, "dti-set-info:huyen-2023": JSON.stringify({ storedAt: "2025-01-02T03:04:05.000Z" }) };
    const kept = (page: Page): Promise<string> => page.evaluate(() => (window.__dti as DtiHarness).storage.get("dti-set:huyen-2023") ?? "");
    const s = await openPane({ seed, storage });
    try {
      const page = s.page;
      // Opening the pane (as a workbook that opens it itself does) replaces nothing.
      await page.waitForSelector(byTestId("set-consent"), { state: "visible" });
      await idle(page);
      await shot(page, "set-consent");
      expect(await kept(page)).toBe(storedJson);
      expect(await text(page, "pane-status")).toMatch(/đã lưu một bộ khác cùng mã huyen-2023.*chưa thay/);
      expect(await text(page, "set-consent")).toContain(`“${theirs.name}”`);
      expect(await text(page, "set-diff")).toContain(`Đổi cách tính điểm (quy tắc, biến, lựa chọn hoặc điểm tối đa): ${first.id}, ${second.id}`);
      expect(await text(page, "set-diff")).toContain("Khác ở: tên bộ");
      await click(page, "set-keep");
      expect(await page.$(byTestId("set-consent"))).toBeNull();
      expect(await kept(page)).toBe(storedJson);
      expect(await text(page, "pane-status")).toMatch(/Giữ bộ huyen-2023 đã lưu/);
      // Which stored set the functions use stays in view.
      expect(await text(page, "set-stored")).toMatch(new RegExp(`đang dùng bộ huyen-2023 “${theirs.name.replace(/[()]/g, "\\$&")}” \\(lưu lúc .*, dấu [0-9a-f]{8}\\)`));
      expect(s.pageErrors).toEqual([]);
    } finally {
      await s.context.close();
    }
    const s2 = await openPane({ seed, storage });
    try {
      const page = s2.page;
      await page.waitForSelector(byTestId("set-consent"), { state: "visible" });
      await idle(page);
      await click(page, "set-replace");
      expect(await page.$(byTestId("set-consent"))).toBeNull();
      expect(JSON.parse(await kept(page))).toEqual(district);
      expect(await text(page, "pane-status")).toMatch(/Đã thay bộ huyen-2023 đã lưu bằng bộ trong sổ này/);
      expect(s2.pageErrors).toEqual([]);
    } finally {
      await s2.context.close();
    }
  });

  it("a sheet with a mistake names the cell; an edited built-in set that kept its id is refused", async () => {
    const broken = sheetRows.map((row) => [...row]);
    const r = broken.findIndex((row) => row[0] === "Chỉ số" && row[1] === "1.2");
    const ruleCol = SET_SHEET_COLUMNS.findIndex((c) => c.key === "rule");
    (broken[r] as (string | number)[])[ruleCol] = '{"kind": "ratio"';
    const s = await openPane({ seed: { sheets: [{ name: "Bộ chỉ số", rows: broken }] } });
    try {
      const page = s.page;
      await click(page, "insert-read-set");
      expect(await text(page, "pane-status")).toMatch(/Trang "Bộ chỉ số" có 1 lỗi/);
      expect(await text(page, "set-problems")).toMatch(new RegExp(`'Bộ chỉ số'!${String.fromCharCode(65 + ruleCol)}${r + 1}: quy tắc tính điểm không phải JSON hợp lệ`));
      expect(await stored(page)).toEqual([]);
      expect(await page.$eval(byTestId("insert-set"), (e) => (e as HTMLSelectElement).value)).toBe("dti-province-2022");
    } finally {
      await s.context.close();
    }
    const edited = indicatorSetToSheet({ ...set, name: `${set.name} (sửa)` }).grid.map((row) => row.map((v) => v ?? ""));
    const s2 = await openPane({ seed: { sheets: [{ name: "Bộ chỉ số", rows: edited }] } });
    try {
      await click(s2.page, "insert-read-set");
      expect(await text(s2.page, "set-problems")).toMatch(/sửa bộ có sẵn dti-province-2022 nhưng giữ nguyên mã/);
      expect(await stored(s2.page)).toEqual([]);
    } finally {
      await s2.context.close();
    }
  });
});

describe("split and merge in the pane (issue 5)", () => {
  const plan = splitByAgency(set);
  const tttt = plan.parts.find((p) => p.agency === "Sở TTTT");
  if (!tttt) throw new Error("no part for Sở TTTT");
  /** Numbers of the sample that Sở TTTT's part owns: what it types and merge writes back. */
  const owned = [...namedInputs(sample)].filter(([name, value]) => ownedNames(set, tttt).has(name) && typeof value === "number") as [string, number][];
  const [overwritten, conflicting, refilled, computed] = owned as [[string, number], [string, number], [string, number], [string, number]];
  const filled = (): [string, string | number | boolean][] =>
    [...namedInputs(sample)].filter((e): e is [string, string | number | boolean] => e[1] !== null && typeof e[1] !== "object");
  let s: Session;
  let page: Page;
  let dir: string;
  let partFile = "";

  const csp = async (): Promise<string[]> =>
    (await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).filter((line) => !line.includes(OFFICE_TELEMETRY));

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dti-pane-parts-"));
    s = await openPane({ fileName: "so-tong-hop.xlsx" });
    page = s.page;
    await page.waitForSelector(byTestId("no-template"), { state: "visible" });
    await click(page, "insert-preview");
    await click(page, "insert-go");
    await typeAll(page, filled());
  });
  afterAll(async () => {
    await s?.context.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  test("split: one file per agency, downloaded, with the master's names, formulas and values", async () => {
    await click(page, "tab-split");
    expect(await page.getAttribute(byTestId("tab-split"), "aria-selected")).toBe("true");
    const boxes = await page.$$eval(`${byTestId("split-agencies")} input[type="checkbox"]`, (b) => b.map((x) => (x as HTMLInputElement).checked));
    expect(boxes).toEqual(plan.parts.map(() => true));
    expect(await page.evaluate(() => performance.getEntriesByType("resource").some((e) => /\/xlsx\.[0-9a-f]{8}\.js$/.test(e.name)))).toBe(false);
    const syncs = await syncCount(page);
    await click(page, "split-run");
    // The whole workbook is read in 2 round trips, whatever its size.
    expect((await syncCount(page)) - syncs).toBe(2);
    expect(await text(page, "pane-status")).toContain(`${plan.parts.length}`);
    // The .xlsx library came as its own chunk, fetched now.
    expect(await page.evaluate(() => performance.getEntriesByType("resource").some((e) => /\/xlsx\.[0-9a-f]{8}\.js$/.test(e.name)))).toBe(true);
    const agencies = await page.$$eval(`${byTestId("split-files")} li`, (items) => items.map((li) => li.getAttribute("data-agency")));
    expect(agencies).toEqual(plan.parts.map((p) => p.agency));
    const a11y = await axeViolations(page, "split");
    await shot(page, "split");
    const n = plan.parts.indexOf(tttt);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(byTestId(`split-download-${n}`))]);
    expect(download.suggestedFilename()).toBe(tttt.fileName);
    partFile = path.join(dir, tttt.fileName);
    await download.saveAs(partFile);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(partFile);
    expect(readName(wb, names.partAgency)).toMatchObject({ kind: "value", value: "Sở TTTT" });
    expect(readName(wb, names.partMaster)).toMatchObject({ kind: "value", value: "so-tong-hop.xlsx" });
    expect(readName(wb, names.metaSet)).toMatchObject({ kind: "value", value: set.id });
    // Pre-filled with what the workbook holds; another agency's indicator is not in it.
    for (const [name, value] of owned) expect(readName(wb, name)).toMatchObject({ kind: "value", value });
    expect(readName(wb, names.input("7.11", "a")).kind).toBe("missing");
    expect((readName(wb, names.score("3.1")) as { formula?: string }).formula).toMatch(/DTI_3_1_a/);
    // "Mở trong Excel": Excel.createWorkbook gets the same file as base64.
    await click(page, `split-open-${n}`);
    const created = await page.evaluate(() => (window.__dti as DtiHarness).created);
    expect(created).toHaveLength(1);
    expect(Buffer.from(created[0] as string, "base64").subarray(0, 2).toString()).toBe("PK");
    await noInjection(s);
    expect(await csp()).toEqual([]);
    expectAccessible(a11y);
  });

  test("merge: a conflict is not written, a corrupt file is named, nothing is overwritten unless ticked", async () => {
    // The agency filled its part: one value changed, one cell the workbook has left empty, and
    // (issue 9) one figure typed as a formula into a cell the workbook has left empty too.
    const formula = `${computed[1] - 1}+1`;
    const fill = async (file: string, values: [string, CellContent][], withFormula = false): Promise<void> => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(partFile);
      expect(writeXlsxValues(wb, new Map(values))).toEqual([]);
      if (withFormula) {
        const at = readName(wb, computed[0]);
        if (at.kind !== "value") throw new Error(`no cell behind ${computed[0]}`);
        wb.getWorksheet(at.sheet)!.getCell(at.address).value = { formula, result: computed[1] };
      }
      await wb.xlsx.writeFile(file);
    };
    const first = path.join(dir, "so-tttt-lan-1.xlsx");
    const second = path.join(dir, "so-tttt-lan-2.xlsx");
    const corrupt = path.join(dir, "hong.xlsx");
    await fill(first, [[overwritten[0], overwritten[1] + 1]], true);
    await fill(second, [[overwritten[0], overwritten[1] + 1], [conflicting[0], conflicting[1] + 7], [computed[0], null]]);
    fs.writeFileSync(corrupt, Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(64, 7)]));
    await typeAll(page, [[refilled[0], ""], [computed[0], ""]]);
    expect(await readCell(page, refilled[0])).toBe("");

    let syncs = await syncCount(page);
    await page.setInputFiles(byTestId("merge-files"), [first, second, corrupt]);
    await idle(page);
    expect((await syncCount(page)) - syncs).toBe(2);
    await page.waitForSelector(byTestId("merge-preview"));
    expect(await text(page, "merge-used")).toContain("2/3");
    const conflicts = await text(page, "merge-conflicts");
    expect(conflicts).toContain(conflicting[0]);
    expect(conflicts).toContain(`so-tttt-lan-1.xlsx = ${conflicting[1]}`);
    expect(conflicts).toContain(`so-tttt-lan-2.xlsx = ${conflicting[1] + 7}`);
    expect(await text(page, "merge-skipped")).toContain("hong.xlsx: tệp .xlsx bị hỏng");
    const overwrites = await page.$$eval(`${byTestId("merge-overwrites")} li`, (items) => items.map((li) => li.getAttribute("data-name")));
    expect(overwrites).toEqual([overwritten[0]]);
    expect(await page.isChecked(byTestId("merge-confirm"))).toBe(false);
    expect(await text(page, "merge-missing")).toContain("Cục Thống kê");
    // The formula is listed with its file, cell, name, formula text and value; not ticked.
    const formulas = await text(page, "merge-formulas");
    expect(formulas).toContain(`so-tttt-lan-1.xlsx, ô `);
    expect(formulas).toContain(`${computed[0]}`);
    expect(formulas).toContain(`công thức =${formula}, giá trị đã tính ${computed[1]}`);
    expect(await page.isChecked(byTestId("merge-accept-formulas"))).toBe(false);
    // Two files of one agency: a review item naming both.
    expect(await text(page, "merge-duplicates")).toContain("Sở TTTT có 2 tệp phần: so-tttt-lan-1.xlsx, so-tttt-lan-2.xlsx");
    // The value to be replaced: old → new, with the workbook's cell.
    const cellOf = layout.names.find((n) => n.name === overwritten[0]);
    expect(await text(page, "merge-overwrites")).toContain(`${overwritten[0]} (`);
    expect(await text(page, "merge-overwrites")).toContain(`, ô '${cellOf?.sheet}'!${cellOf?.ref.replace(/\$/g, "")}: ${overwritten[1]} → ${overwritten[1] + 1} (từ so-tttt-lan-1.xlsx).`);
    const a11y = await axeViolations(page, "merge-preview");
    await shot(page, "merge-preview");
    // The same preview in English.
    await click(page, "lang-toggle");
    expect(await text(page, "merge-skipped")).toContain("hong.xlsx: the .xlsx file is corrupt");
    expect(await text(page, "merge-conflicts")).toMatch(/\((indicator|general information item) [\d.]+\): so-tttt-lan-1\.xlsx = /);
    await click(page, "lang-toggle");

    syncs = await syncCount(page);
    await click(page, "merge-go");
    // 3 to write; 2 to create the merge log ("Nhật ký gộp") with what was written.
    expect((await syncCount(page)) - syncs).toBe(5);
    expect(await text(page, "merge-summary")).toMatch(/Giữ nguyên 1 ô/);
    expect(await text(page, "merge-summary")).toMatch(/Nhật ký gộp: thêm \d+ dòng/);
    expect(await readCell(page, refilled[0])).toBe(refilled[1]);
    expect(await readCell(page, overwritten[0])).toBe(overwritten[1]);
    expect(await readCell(page, conflicting[0])).toBe(conflicting[1]);
    // Not ticked: the formula's value is not written.
    expect(await text(page, "merge-summary")).toMatch(/Không ghi 1 giá trị của công thức/);
    expect(await readCell(page, computed[0])).toBe("");
    await shot(page, "merged");

    // Again with the first file only, and the overwrite ticked.
    await page.setInputFiles(byTestId("merge-files"), [first]);
    await idle(page);
    await page.click(byTestId("merge-confirm"));
    await idle(page);
    await click(page, "merge-go");
    expect(await readCell(page, overwritten[0])).toBe(overwritten[1] + 1);
    expect(await text(page, "merge-summary")).toMatch(/ghi 1 giá trị/);

    // Once more with "Ghi giá trị của công thức" ticked: its value goes in, never the formula.
    syncs = await syncCount(page);
    await page.setInputFiles(byTestId("merge-files"), [first]);
    await idle(page);
    expect((await syncCount(page)) - syncs).toBe(2);
    expect(await page.isDisabled(byTestId("merge-go"))).toBe(true);
    await page.click(byTestId("merge-accept-formulas"));
    await idle(page);
    syncs = await syncCount(page);
    await click(page, "merge-go");
    // 3 to write; 3 to append to the merge log, which the first merge created.
    expect((await syncCount(page)) - syncs).toBe(6);
    expect(await text(page, "merge-summary")).toMatch(/Đã gộp: ghi 1 giá trị/);
    expect(await text(page, "merge-summary")).toMatch(/Nhật ký gộp: thêm 1 dòng/);
    expect(await readCell(page, computed[0])).toBe(computed[1]);
    expect(await page.evaluate((n) => (window.__dti as DtiHarness).cell(n).formula, computed[0])).toBeUndefined();
    await noInjection(s);
    expectAccessible(a11y);
  });

  test("merge: a part of another period is listed, merged only when ticked; a late part is flagged (issue 11)", async () => {
    // The workbook reports on Quý III/2026; one part comes back from Quý II/2026, due long ago.
    await typeAll(page, [[names.period, "Quý III/2026"]]);
    const other = path.join(dir, "so-tttt-quy-2.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(partFile);
    const period = readName(wb, names.period);
    const due = readName(wb, names.dueDate);
    if (period.kind !== "value" || due.kind !== "value") throw new Error("the part has no period or due date cell");
    wb.getWorksheet(period.sheet)!.getCell(period.address).value = "Quý II/2026";
    wb.getWorksheet(due.sheet)!.getCell(due.address).value = 46198; // 25/06/2026
    await wb.xlsx.writeFile(other);

    await page.setInputFiles(byTestId("merge-files"), [other]);
    await idle(page);
    await page.waitForSelector(byTestId("merge-preview"));
    expect(await text(page, "merge-used")).toContain("0/1");
    expect(await text(page, "merge-skipped")).toContain("so-tttt-quy-2.xlsx: phần của kỳ Quý II/2026, sổ tổng hợp là kỳ Quý III/2026; không gộp.");
    expect(await page.isChecked(byTestId("merge-accept-period"))).toBe(false);

    // Ticked: the same files are read again, merged, and both notes say why.
    await page.click(byTestId("merge-accept-period"));
    await idle(page);
    await page.waitForSelector(byTestId("merge-notes"));
    expect(await text(page, "merge-used")).toContain("1/1");
    const notes = await text(page, "merge-notes");
    expect(notes).toContain("so-tttt-quy-2.xlsx là phần của kỳ Quý II/2026, sổ tổng hợp là kỳ Quý III/2026; đã gộp vì được chấp nhận.");
    expect(notes).toContain("Nộp muộn: so-tttt-quy-2.xlsx (Sở TTTT) hạn gửi Sở TTTT 25/06/2026");
    await page.click(byTestId("merge-accept-period"));
    await idle(page);
    expectAccessible(await axeViolations(page, "merge-preview"));
  });

  test("report: the Compute tab's Lập báo cáo quý makes the quarterly report from the open workbook (issue 11)", async () => {
    // The period the pane's merges above were logged under (the template's default, this quarter).
    const now = new Date();
    const period = quarterOf(now);
    await typeAll(page, [[names.period, formatPeriod(period)]]);
    await click(page, "tab-compute");
    const syncs = await syncCount(page);
    await click(page, "compute-report");
    // 2 to read and score, 2 for Nhiệm vụ, Nhật ký gộp and the few names: whatever the rows.
    expect((await syncCount(page)) - syncs).toBe(4);
    expect(await text(page, "pane-status")).toMatch(new RegExp(`^Đã lập báo cáo ${formatPeriod(period).replace("/", "\\/")}: \\d+ vấn đề cần xử lý\\.$`, "u"));
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(byTestId("compute-report-download"))]);
    expect(download.suggestedFilename()).toBe(reportFileName(period));
    const file = path.join(dir, download.suggestedFilename());
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(Object.values(REPORT_SHEETS));
    const report = wb.getWorksheet(REPORT_SHEETS.report)!;
    expect(report.getCell("B3").value).toBe(formatPeriod(period));
    expect(report.getCell("B11").value).toBe(await text(page, "compute-index"));
    // Sở TTTT's part came back through the pane's merge today: on time unless today is past the agencies' due date.
    const due = dueDate(DEFAULT_CALENDAR, period, "agencies").date;
    const today = { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
    let row: ExcelJS.Row | undefined;
    wb.getWorksheet(REPORT_SHEETS.agencies)!.eachRow((r) => {
      if (r.getCell(2).value === "Sở TTTT") row = r;
    });
    expect(row?.getCell(12).value).toBe(compareDates(today, due) <= 0 ? "Đúng hạn" : "Muộn");
    expect(String(row?.getCell(14).value)).toContain("so-tttt-lan-1.xlsx");
    // "Mở trong Excel": Excel.createWorkbook gets the same file.
    const before = (await page.evaluate(() => (window.__dti as DtiHarness).created)).length;
    await click(page, "compute-report-open");
    const created = await page.evaluate(() => (window.__dti as DtiHarness).created);
    expect(created).toHaveLength(before + 1);
    expect(Buffer.from(created[before] as string, "base64").equals(fs.readFileSync(file))).toBe(true);
    await shot(page, "report");
    expectAccessible(await axeViolations(page, "report"));
  });

  test("no Content-Security-Policy violation during split and merge, and nothing failed", async () => {
    // The chunk holds exceljs's Function("return this") fallbacks; a browser never reaches them
    // (globalThis exists), so the CSP, which has no 'unsafe-eval', refused nothing.
    const chunk = fs.readdirSync(addinDir).find((f) => /^xlsx\.[0-9a-f]{8}\.js$/.test(f)) ?? "xlsx.<hash>.js missing";
    expect(fs.readFileSync(path.join(addinDir, chunk), "utf8")).toContain('Function("return this")');
    expect(await csp()).toEqual([]);
    expect(s.pageErrors).toEqual([]);
    expect(s.consoleErrors.filter((line) => !line.includes(OFFICE_TELEMETRY))).toEqual([]);
    expect(s.blocked).toEqual([]);
    expect(s.dialogs).toEqual([]);
  });
});
