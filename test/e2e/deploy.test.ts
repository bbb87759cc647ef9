/**
 * The production build as a province hosts it (issue 10): built with
 * ADDIN_URL=https://dti.example.gov.vn/addin/, served from the sub-path /addin/ by the handler
 * `npm run serve:dist` uses (scripts/serve-dist.js, same headers as deploy/), and opened in
 * Debian's Chromium with office.js from node_modules and the fake Excel host of
 * ./harness/harness.ts.
 *
 * Checks what an IT admin relies on: every URL of dist/manifest.xml is a file of the build; the
 * files only the pages name carry a content hash and get a long cache, the others are
 * revalidated; the pane loads and works at /addin/ (its lazy chunk included) with no
 * Content-Security-Policy violation and no failed request; the functions' page loads its script
 * there. And the budgets: gzipped taskpane.<hash>.js and functions.js, and the pane's time to
 * interactive, printed on every run and kept under the limits below.
 */
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from "playwright-core";
import webpack, { type Configuration } from "webpack";
import { hostingModule, loadServeDist } from "../build/tooling";
import type { DtiHarness } from "./harness/harness";

jest.setTimeout(300_000);

/**
 * Limits, set from the figures of the build this test was written against (issue 10) plus
 * about 20 %: taskpane.js 103.2 kB and functions.js 51.5 kB gzipped (level 6). Time to
 * interactive is measured two ways. On the wall clock it swung from 1.1 s to 3.9 s between runs
 * on the 2-core machine the tests share (load average 9), so that limit only catches a hang.
 * The budget is the main thread's busy time until interactive (Chrome's TaskDuration in thread
 * time: what the page itself spent running, not the time the machine gave to other processes),
 * which held at 142–156 ms (median of 3: 146–152 ms) whatever the load. Raise a limit only with
 * a reason in the commit message.
 * Raised from 180 to 210 ms (issue 12 point 4): the shipped sets are JSON now and go through the
 * same parser as a province's set at every start (the 2022 set: ~20 ms cold in Node, more in a
 * cold browser); measured 179 / 186 / 189 ms on an idle 2-core machine after the change.
 * functions.js also has a ceiling on its raw size (issue 12 point 4: "the functions bundle must
 * not grow"): 292,713 B, its size before issue 12 (production build of a09badb^, the last
 * commit with the 2022 set in TypeScript). It is what Excel's custom-functions runtime loads and
 * parses before the first DTI.* call; after issue 12 it measured 286,883 B.
 * Raised for features (issues 11 and 13), with what they add measured on the production build:
 * - taskpane.js 124 → 136 kB gzipped. Issue 12 ended at 116.7 kB; the reporting cycle added the
 *   published-result and previous-period views, the parts' tasks and the merge log to the pane,
 *   and issue 13 the points/percent spellings, drafts and three rule kinds to the loader it runs
 *   (131.0 kB). The quarterly report's layout and writer (~8 kB) load on first use with the
 *   .xlsx chunk (src/xlsx/report-file.ts), not with the pane.
 * - main-thread time to interactive 210 → 240 ms: the pane parses both shipped sets at start with
 *   the loader that now reads points/percentages and the new kinds; measured 205 / 225 / 226 ms
 *   in a CI rehearsal under load (179 ms before issue 13). Winning it back: parse the 2020 set lazily.
 * - functions.js raw 292,713 → 305,000 B: the functions re-check a province's stored set with
 *   the same loader, which now reads points and percentages, and run the three new rule kinds
 *   (DTI.SCORE must score them): 286,883 B after issue 12, 301,612 B after issue 13.
 */
const BUDGET = {
  taskpaneGzipBytes: 136_000,
  functionsGzipBytes: 62_000,
  functionsRawBytes: 305_000,
  mainThreadToInteractiveMs: 240,
  timeToInteractiveMs: 6_000,
};

const root = path.resolve(__dirname, "../..");
const CHROMIUM = "/usr/bin/chromium";
const ADDIN_URL = "https://dti.example.gov.vn/addin/";
const BASE_PATH = "/addin/";
const OFFICE_HOST = "appsforoffice.microsoft.com";
const OFFICE_PATH = "/lib/1/hosted/";
const OFFICE_TELEMETRY = "telemetryservice.firstpartyapps.oaspapps.com";
const OFFICE_DIST = path.join(root, "node_modules/@microsoft/office-js/dist");
const { HASHED_NAME, LONG_CACHE, REVALIDATE } = hostingModule;

let tmp: string;
let addinDir: string;
let harnessDir: string;
let server: http.Server;
let origin: string;
let browser: Browser;

/** Builds the add-in (production, ADDIN_URL set through --env) and the harness, in one run. */
async function build(dir: string): Promise<void> {
  const load = createRequire(__filename);
  const addinConfig = (load(path.join(root, "webpack.config.js")) as (env: Record<string, unknown>, argv: { mode: "production" }) => Configuration)(
    { ADDIN_URL, ADDIN_ENV: "production" },
    { mode: "production" },
  );
  const harnessConfig = (load("./harness/webpack.config.js") as (o: { outputPath: string }) => Configuration)({ outputPath: path.join(dir, "e2e") });
  const addin: Configuration = { ...addinConfig, name: "addin", context: root, output: { ...addinConfig.output, path: path.join(dir, "addin") }, infrastructureLogging: { level: "error" } };
  await new Promise<void>((resolve, reject) => {
    const compiler = webpack([addin, harnessConfig]);
    compiler.run((error, stats) => {
      compiler.close(() => undefined);
      if (error) return reject(error);
      if (!stats || stats.hasErrors()) return reject(new Error(`webpack failed:\n${stats?.toString({ all: false, errors: true, errorDetails: true }) ?? "no stats"}`));
      resolve();
    });
  });
}

/** Every file of a folder, relative, with "/" separators. */
function filesOf(dir: string, prefix = ""): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesOf(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));
}

/** The files dist/manifest.xml names, relative to the base. */
function manifestFiles(): string[] {
  const xml = fs.readFileSync(path.join(addinDir, "manifest.xml"), "utf8");
  return [...xml.matchAll(/\b(?:DefaultValue|Value)="(https?:[^"]*)"/g)].map((m) => m[1] as string).map((url) => (url.startsWith(ADDIN_URL) ? url.slice(ADDIN_URL.length) : `NOT UNDER BASE: ${url}`));
}

const hashedFile = (prefix: string): string => {
  const found = fs.readdirSync(addinDir).filter((f) => new RegExp(`^${prefix}\\.[0-9a-f]{8}\\.js$`).test(f));
  if (found.length !== 1) throw new Error(`expected one ${prefix}.<hash>.js, found ${found.join(", ") || "none"}`);
  return found[0] as string;
};

interface Session {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Requests to any host but ours and Office's (aborted). */
  readonly blocked: string[];
  /** Responses with a status of 400 or more, and requests that failed. */
  readonly failed: string[];
  /** Every URL the page fetched from our origin. */
  readonly fetched: string[];
  readonly pageErrors: string[];
}

/**
 * A fresh browser context on `file` under /addin/; the harness goes in right after office.js.
 * `beforeLoad` runs once the page exists, before it navigates.
 */
async function open(file: string, beforeLoad?: (page: Page) => Promise<void>): Promise<Session> {
  const context = await browser.newContext({ viewport: { width: 320, height: 800 }, locale: "vi-VN", serviceWorkers: "block" });
  const session: Session = { context, page: undefined as unknown as Page, blocked: [], failed: [], fetched: [], pageErrors: [] };
  await context.route("**/*", async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    if (url.origin === origin) {
      session.fetched.push(url.pathname);
      if (url.pathname === `${BASE_PATH}taskpane.html` && request.resourceType() === "document") {
        const response = await route.fetch();
        const html = await response.text();
        const officeTag = /<script\s+src="?https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js"?\s*><\/script>/;
        if (!officeTag.test(html)) throw new Error("taskpane.html has no office.js <script> to put the harness after");
        await route.fulfill({ response, body: html.replace(officeTag, (tag) => `${tag}<script src="/__e2e/harness.js"></script>`) });
        return;
      }
      await route.continue();
      return;
    }
    if (url.protocol === "https:" && url.host === OFFICE_HOST && url.pathname.startsWith(OFFICE_PATH)) {
      const local = path.resolve(OFFICE_DIST, decodeURIComponent(url.pathname.slice(OFFICE_PATH.length)));
      if (local.startsWith(OFFICE_DIST + path.sep) && fs.existsSync(local) && fs.statSync(local).isFile()) {
        await route.fulfill({ status: 200, body: fs.readFileSync(local), contentType: "text/javascript; charset=utf-8" });
      } else {
        session.failed.push(`office.js file missing: ${url.href}`);
        await route.fulfill({ status: 404, body: "" });
      }
      return;
    }
    if (url.host !== OFFICE_TELEMETRY) session.blocked.push(url.href);
    await route.abort("blockedbyclient");
  });
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on("pageerror", (e) => session.pageErrors.push(e.message));
  page.on("response", (r) => {
    if (r.status() >= 400 && new URL(r.url()).origin === origin) session.failed.push(`${r.status()} ${r.url()}`);
  });
  page.on("requestfailed", (r) => {
    const host = new URL(r.url()).host;
    if (host !== OFFICE_TELEMETRY && !session.blocked.includes(r.url())) session.failed.push(`failed ${r.url()}: ${r.failure()?.errorText ?? ""}`);
  });
  (session as { page: Page }).page = page;
  await beforeLoad?.(page);
  await page.goto(`${origin}${BASE_PATH}${file}`);
  return session;
}

const csp = async (page: Page): Promise<string[]> => (await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).filter((line) => !line.includes(OFFICE_TELEMETRY));

/** Chrome's main-thread busy time so far (seconds → ms), through the DevTools protocol. */
async function mainThreadMs(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send("Performance.getMetrics")) as { metrics: { name: string; value: number }[] };
  return (metrics.find((m) => m.name === "TaskDuration")?.value ?? NaN) * 1000;
}

/**
 * Milliseconds from navigation start until the pane is usable: Office.onReady ran, nothing is
 * busy, and the empty workbook's offer to insert the templates is on screen. Checked on every
 * animation frame in the page, so the figure is the page's own clock.
 */
async function timeToInteractive(page: Page): Promise<number> {
  const handle = await page.waitForFunction(
    () => {
      const ready =
        window.__dti !== undefined &&
        window.__dti.runs.active === 0 &&
        document.querySelector('[aria-busy="true"]') === null &&
        (document.querySelector('[data-testid="no-template"]') as HTMLElement | null)?.offsetParent != null;
      return ready ? performance.now() : false;
    },
    undefined,
    { polling: "raf", timeout: 30_000 },
  );
  return (await handle.jsonValue()) as number;
}

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (scripts/test.sh does, as root)`);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dti-deploy-"));
  await build(tmp);
  addinDir = path.join(tmp, "addin");
  harnessDir = path.join(tmp, "e2e");
  const addin = loadServeDist().distHandler({ root: addinDir, basePath: BASE_PATH });
  const harness = loadServeDist().distHandler({ root: harnessDir, basePath: "/__e2e/" });
  server = http.createServer((req, res) => ((req.url ?? "").startsWith("/__e2e/") ? harness(req, res) : addin(req, res)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  origin = `http://127.0.0.1:${address.port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe("the production build for https://dti.example.gov.vn/addin/", () => {
  test("every URL of dist/manifest.xml is under the base and is a file of the build", () => {
    const named = manifestFiles();
    expect(named.length).toBeGreaterThanOrEqual(10);
    const files = new Set(filesOf(addinDir));
    expect(named.filter((f) => !files.has(f))).toEqual([]);
    expect(fs.readFileSync(path.join(addinDir, "manifest.xml"), "utf8")).toContain(`<SourceLocation DefaultValue="${ADDIN_URL}taskpane.html"/>`);
  });

  test("files only the pages name carry a content hash; the ones the manifest names keep theirs", () => {
    const named = new Set([...manifestFiles(), "manifest.xml"]);
    const unhashed = filesOf(addinDir).filter((f) => {
      const of = f.replace(/\.(?:map|LICENSE\.txt)$/, "");
      return !named.has(f) && !HASHED_NAME.test(f) && !(of !== f && (named.has(of) || HASHED_NAME.test(of)));
    });
    expect(unhashed).toEqual([]);
    hashedFile("taskpane");
    hashedFile("xlsx");
    expect(fs.readdirSync(addinDir).filter((f) => /^taskpane\.[0-9a-f]{8}\.css$/.test(f))).toHaveLength(1);
  });

  test("as served: hashed files cached for a year, the manifest's files revalidated, JSON and XML typed", async () => {
    const head = (file: string): Promise<Record<string, unknown>> =>
      new Promise((resolve, reject) => {
        http
          .request(`${origin}${BASE_PATH}${file}`, { method: "HEAD" }, (res) => {
            res.resume();
            resolve({ ...res.headers, status: res.statusCode });
          })
          .on("error", reject)
          .end();
      });
    for (const file of [hashedFile("taskpane"), hashedFile("xlsx")]) expect(await head(file)).toMatchObject({ status: 200, "cache-control": LONG_CACHE });
    for (const file of ["manifest.xml", "taskpane.html", "functions.html", "functions.js", "functions.json", "functions-vi.json"]) {
      expect({ file, ...(await head(file)) }).toMatchObject({ file, status: 200, "cache-control": REVALIDATE });
    }
    expect(await head("functions.json")).toMatchObject({ "content-type": "application/json; charset=utf-8" });
    expect(await head("manifest.xml")).toMatchObject({ "content-type": "application/xml; charset=utf-8" });
    expect(await head("../package.json")).toMatchObject({ status: 404 });
  });
});

describe("in Chromium, from the sub-path /addin/", () => {
  test("the pane loads, inserts the templates and fetches its lazy chunk from /addin/, with no CSP violation", async () => {
    const s = await open("taskpane.html");
    try {
      await timeToInteractive(s.page);
      await s.page.click('[data-testid="insert-preview"]');
      await s.page.click('[data-testid="insert-go"]');
      await s.page.waitForFunction(() => (window.__dti as DtiHarness).sheetNames().length > 1 && (window.__dti as DtiHarness).runs.active === 0);
      await s.page.click('[data-testid="tab-split"]');
      await s.page.click('[data-testid="split-run"]');
      await s.page.waitForSelector('[data-testid="split-files"] li');
      const ours = s.fetched.filter((p) => !p.startsWith("/__e2e/"));
      expect(ours.filter((p) => !p.startsWith(BASE_PATH))).toEqual([]);
      expect(ours).toContain(`${BASE_PATH}${hashedFile("taskpane")}`);
      expect(ours).toContain(`${BASE_PATH}${hashedFile("xlsx")}`);
      expect(ours.some((p) => /^\/addin\/taskpane\.[0-9a-f]{8}\.css$/.test(p))).toBe(true);
      expect(await csp(s.page)).toEqual([]);
      expect(s.failed).toEqual([]);
      expect(s.blocked).toEqual([]);
      expect(s.pageErrors).toEqual([]);
      expect(await s.page.evaluate(() => (window.__dti as DtiHarness).runs.failed)).toBe(0);
    } finally {
      await s.context.close();
    }
  });

  test("the functions' page loads functions.js from /addin/, which registers every function of functions.json", async () => {
    const s = await open("functions.html");
    try {
      await s.page.waitForLoadState("load");
      expect(s.fetched).toContain(`${BASE_PATH}functions.js`);
      // custom-functions-runtime.js keeps CustomFunctions.associate's registrations in
      // _association.m_mappings (not a documented API: if an office-js update renames it, this fails).
      const associated = await s.page.evaluate(() => {
        const registry = (CustomFunctions as unknown as { _association?: { m_mappings?: Record<string, unknown> } })._association?.m_mappings;
        return registry ? Object.keys(registry).sort() : ["custom-functions-runtime.js has no _association.m_mappings"];
      });
      const metadata = JSON.parse(fs.readFileSync(path.join(addinDir, "functions.json"), "utf8")) as { functions: { id: string }[] };
      expect(associated).toEqual(metadata.functions.map((f) => f.id).sort());
      expect(s.failed).toEqual([]);
      expect(s.blocked).toEqual([]);
      expect(s.pageErrors).toEqual([]);
    } finally {
      await s.context.close();
    }
  });
});

test("budgets: gzipped bundles and the pane's time to interactive (office.js served locally)", async () => {
  const gzip = (file: string): number => zlib.gzipSync(fs.readFileSync(path.join(addinDir, file)), { level: 6 }).length;
  const raw = (file: string): number => fs.statSync(path.join(addinDir, file)).size;
  const taskpane = gzip(hashedFile("taskpane"));
  const functions = gzip("functions.js");
  const taskpaneRaw = raw(hashedFile("taskpane"));
  const functionsRaw = raw("functions.js");
  const wall: number[] = [];
  const busy: number[] = [];
  for (let i = 0; i < 3; i++) {
    let cdp: CDPSession | undefined;
    const s = await open("taskpane.html", async (page) => {
      cdp = await page.context().newCDPSession(page);
      await cdp.send("Performance.enable", { timeDomain: "threadTicks" });
    });
    try {
      wall.push(await timeToInteractive(s.page));
      busy.push(await mainThreadMs(cdp as CDPSession));
      expect(s.pageErrors).toEqual([]);
    } finally {
      await s.context.close();
    }
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
  const list = (xs: number[]): string => xs.map((x) => Math.round(x)).join(" / ");
  const kB = (n: number): string => `${(n / 1000).toFixed(1)} kB`;
  process.stdout.write(
    `\nBudgets (issue 10), limit in brackets:\n` +
      `  taskpane.js gzip  ${kB(taskpane)} [${kB(BUDGET.taskpaneGzipBytes)}], raw ${kB(taskpaneRaw)}\n` +
      `  functions.js gzip ${kB(functions)} [${kB(BUDGET.functionsGzipBytes)}], raw ${kB(functionsRaw)} [${kB(BUDGET.functionsRawBytes)}]\n` +
      `  time to interactive, main thread busy ${Math.round(median(busy))} ms (${list(busy)}) [${BUDGET.mainThreadToInteractiveMs} ms]\n` +
      `  time to interactive, wall clock ${Math.round(median(wall))} ms (${list(wall)}) [${BUDGET.timeToInteractiveMs} ms]\n`,
  );
  expect(taskpane).toBeLessThanOrEqual(BUDGET.taskpaneGzipBytes);
  expect(functions).toBeLessThanOrEqual(BUDGET.functionsGzipBytes);
  expect(functionsRaw).toBeLessThanOrEqual(BUDGET.functionsRawBytes);
  expect(median(busy)).toBeLessThanOrEqual(BUDGET.mainThreadToInteractiveMs);
  expect(median(wall)).toBeLessThanOrEqual(BUDGET.timeToInteractiveMs);
});
