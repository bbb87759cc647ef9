/**
 * `npm run serve:dist` (scripts/serve-dist.js): says to build first when there is no build, and
 * serves a build at its sub-path only, with the hosting rules of scripts/hosting.js. The
 * browser test (test/e2e/deploy.test.ts) serves the real production build with the same handler.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { hostingModule, loadServeDist } from "./tooling";

const root = path.resolve(__dirname, "../..");
const { distHandler, basePathOfManifest } = loadServeDist();

let tmp: string;
let server: http.Server;
let origin: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dti-serve-"));
  const dist = path.join(tmp, "dist");
  fs.mkdirSync(path.join(dist, "assets"), { recursive: true });
  for (const file of ["taskpane.html", "taskpane.0123abcd.js", "functions.js", "functions.json", "manifest.xml", "assets/icon-16.png", ".env"]) {
    fs.writeFileSync(path.join(dist, file), `${file}\n`);
  }
  fs.writeFileSync(path.join(tmp, "secret.txt"), "outside dist\n");
  server = http.createServer(distHandler({ root: dist, basePath: "/addin/" }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no port");
  origin = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** A raw request: the path is sent as written (no URL normalisation of "..", "%2e"). */
function request(method: string, rawPath: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const { port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path: rawPath, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

test("without a build it says to build first, in Vietnamese and English, and exits 1", () => {
  const run = spawnSync(process.execPath, [path.join(root, "scripts/serve-dist.js"), path.join(tmp, "no-build")], { encoding: "utf8", timeout: 30_000 });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain("Hãy biên dịch trước");
  expect(run.stderr).toContain("Build first");
  expect(run.stderr).toContain("npm run build");
  expect(run.stderr).not.toMatch(/^\s+at /m);
});

test("serves the build at its sub-path with the hosting rules", async () => {
  const page = await request("GET", "/addin/taskpane.html");
  expect(page).toMatchObject({ status: 200, body: "taskpane.html\n" });
  expect(page.headers).toMatchObject({ "content-type": "text/html; charset=utf-8", "cache-control": hostingModule.REVALIDATE, "x-content-type-options": "nosniff" });
  expect((await request("GET", "/addin/taskpane.0123abcd.js")).headers["cache-control"]).toBe(hostingModule.LONG_CACHE);
  expect((await request("GET", "/addin/assets/icon-16.png")).headers["content-type"]).toBe("image/png");
  const metadata = await request("GET", "/addin/functions.json", { Origin: "https://excel.officeapps.live.com" });
  expect(metadata.headers["access-control-allow-origin"]).toBe("https://excel.officeapps.live.com");
  expect((await request("HEAD", "/addin/functions.js")).body).toBe("");
});

test("the sub-path and the root lead to the pane", async () => {
  for (const p of ["/", "/addin", "/addin/"]) expect(await request("GET", p)).toMatchObject({ status: 302, headers: { location: "/addin/taskpane.html" } });
});

test.each([
  ["/taskpane.html", 404],
  ["/addin/../secret.txt", 404],
  ["/addin/%2e%2e/secret.txt", 404],
  ["/addin/..%2fsecret.txt", 404],
  ["/addin/.env", 404],
  ["/addin/assets", 404],
  ["/addin/nothing.js", 404],
  ["/addin/%E0%A4%A", 400],
])("%s → %i: nothing outside the build, no dotfiles, no folders", async (p, status) => {
  const res = await request("GET", p);
  expect(res.status).toBe(status);
  expect(res.body).not.toContain("outside dist");
});

test("only GET and HEAD", async () => {
  expect(await request("POST", "/addin/taskpane.html")).toMatchObject({ status: 405, headers: { allow: "GET, HEAD" } });
});

test("the base path is read from the built manifest", () => {
  expect(basePathOfManifest('<SourceLocation DefaultValue="https://dti.example.gov.vn/addin/taskpane.html"/>')).toBe("/addin/");
  expect(basePathOfManifest('<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>')).toBe("/");
  expect(basePathOfManifest("<OfficeApp/>")).toBeUndefined();
});
