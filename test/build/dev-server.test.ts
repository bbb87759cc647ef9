/**
 * The dev server (`npm start`) lets no other site read what it serves (issue 9, point 10). It
 * used to send `Access-Control-Allow-Origin: *` on every file, so any page open in the
 * developer's browser could read the bundles and source maps from https://localhost:3000. Only
 * Excel on the web needs a cross-origin read, of the functions' metadata; it gets its own origin
 * back, on those two files only (scripts/hosting.js).
 *
 * webpack-dev-server runs with the project's devServer settings (plain HTTP on loopback instead of
 * the dev certificates, which a CI machine may not have) in front of a tiny compiler that emits
 * files of the add-in's names.
 */
import { createRequire } from "node:module";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import webpack, { type Configuration } from "webpack";
import WebpackDevServer from "webpack-dev-server";

const root = path.resolve(__dirname, "../..");
const OFFICE_ORIGIN = "https://excel.officeapps.live.com";
const OTHER_ORIGIN = "https://evil.example";
const FILES = ["taskpane.html", "functions.js", "functions.html", "functions.json", "functions-vi.json", "manifest.xml"];

let server: WebpackDevServer;
let port: number;
let tmp: string;

async function freePort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port: p } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return p;
}

function get(file: string, origin?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "localhost", port, path: `/${file}`, headers: origin ? { Origin: origin } : {} }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on("error", reject);
  });
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dti-devserver-"));
  const entry = path.join(tmp, "entry.js");
  fs.writeFileSync(entry, "export {};\n");
  const load = createRequire(__filename);
  const addin = (load(path.join(root, "webpack.config.js")) as (env: Record<string, unknown>, argv: { mode: "development" }) => Configuration & { devServer: WebpackDevServer.Configuration })(
    {},
    { mode: "development" },
  );
  const compiler = webpack({
    mode: "development",
    context: tmp,
    devtool: false,
    entry: { functions: entry },
    output: { path: path.join(tmp, "out"), filename: "[name].js" },
    infrastructureLogging: { level: "error" },
    stats: "errors-only",
    plugins: [
      {
        apply(c: webpack.Compiler) {
          c.hooks.thisCompilation.tap("AddinFiles", (compilation) => {
            compilation.hooks.processAssets.tap({ name: "AddinFiles", stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
              for (const name of FILES) if (!compilation.getAsset(name)) compilation.emitAsset(name, new webpack.sources.RawSource(`${name}\n`));
            });
          });
        },
      },
    ],
  });
  port = await freePort();
  const { devServer } = addin;
  server = new WebpackDevServer({ ...devServer, port, server: "http", onListening: undefined }, compiler);
  await server.start();
}, 120_000);

afterAll(async () => {
  await server?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test("no file is readable cross-origin by another site: no Access-Control-Allow-Origin, never a wildcard", async () => {
  for (const file of FILES) {
    const res = await get(file, OTHER_ORIGIN);
    expect({ file, status: res.status, allow: res.headers["access-control-allow-origin"] }).toEqual({ file, status: 200, allow: undefined });
  }
});

test("Excel on the web may read the functions' metadata, and only that", async () => {
  for (const file of ["functions.json", "functions-vi.json"]) {
    const res = await get(file, OFFICE_ORIGIN);
    expect({ file, allow: res.headers["access-control-allow-origin"], vary: res.headers.vary }).toEqual({ file, allow: OFFICE_ORIGIN, vary: expect.stringMatching(/Origin/) });
  }
  for (const file of ["taskpane.html", "functions.js", "manifest.xml"]) {
    expect((await get(file, OFFICE_ORIGIN)).headers["access-control-allow-origin"]).toBeUndefined();
  }
  expect((await get("functions.json")).headers["access-control-allow-origin"]).toBeUndefined();
});
