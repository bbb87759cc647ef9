/**
 * The hosting files an IT team deploys with (deploy/, issue 10) say what `npm run serve:dist`
 * does (scripts/hosting.js): HTTPS only, the right types for .json and .xml, revalidation of the
 * files the manifest names, a year's cache for content-hashed files, and the functions'
 * metadata readable by Excel on the web and no other site.
 *
 * deploy/nginx.conf runs in a real nginx (Debian's nginx-light; scripts/test.sh installs it),
 * on loopback ports with a throwaway certificate, in front of a folder laid out as dist/.
 * deploy/web.config cannot run here (IIS): it is checked to be well-formed and to state the
 * same rules.
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { hostingModule } from "./tooling";

jest.setTimeout(60_000);

const root = path.resolve(__dirname, "../..");
const NGINX = "/usr/sbin/nginx";
const OFFICE_ORIGIN = "https://usc-excel.officeapps.live.com";
const { cacheControl, contentType, corsHeaders, METADATA_FILES, HASHED_NAME, OFFICE_WEB_ORIGIN } = hostingModule;

/** A build as webpack lays it out (names only; contents do not matter to the server). */
const FILES = [
  "manifest.xml",
  "taskpane.html",
  "taskpane.0123abcd.js",
  "taskpane.0123abcd.js.map",
  "taskpane.89abcdef.css",
  "xlsx.fedcba98.js",
  "functions.html",
  "functions.js",
  "functions.json",
  "functions-vi.json",
  "assets/icon-16.png",
];

describe("deploy/nginx.conf in nginx", () => {
  let tmp: string;
  let nginx: ChildProcess | undefined;
  let httpPort: number;
  let httpsPort: number;
  let log = "";

  async function freePort(): Promise<number> {
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    return port;
  }

  /** Replaces `from` (which must occur exactly `times` times) so the test notices the file changing shape. */
  function swap(text: string, from: string | RegExp, to: string, times = 1): string {
    const all = typeof from === "string" ? undefined : new RegExp(from.source, `${from.flags.replace("g", "")}g`);
    const count = all ? [...text.matchAll(all)].length : text.split(from as string).length - 1;
    if (count !== times) throw new Error(`deploy/nginx.conf: expected ${times}× ${String(from)}, found ${count}`);
    return all ? text.replace(all, to) : text.split(from as string).join(to);
  }

  beforeAll(async () => {
    if (!fs.existsSync(NGINX)) throw new Error(`${NGINX} is missing: apt-get install nginx-light (scripts/test.sh does, as root)`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dti-nginx-"));
    // nginx's workers run as "nobody" when started as root: everything here must be readable.
    fs.chmodSync(tmp, 0o755);
    const site = path.join(tmp, "www", "addin");
    for (const file of [...FILES, ".env"]) {
      fs.mkdirSync(path.dirname(path.join(site, file)), { recursive: true });
      fs.writeFileSync(path.join(site, file), `${file}\n`);
    }
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost", "-keyout", path.join(tmp, "key.pem"), "-out", path.join(tmp, "cert.pem")], { stdio: "ignore" });
    httpPort = await freePort();
    httpsPort = await freePort();
    let conf = fs.readFileSync(path.join(root, "deploy/nginx.conf"), "utf8");
    conf = swap(conf, /^\s*listen \[::\]:\d+[^;]*;.*$/m, "", 2);
    conf = swap(conf, "listen 80;", `listen 127.0.0.1:${httpPort};`);
    conf = swap(conf, "listen 443 ssl;", `listen 127.0.0.1:${httpsPort} ssl;`);
    conf = swap(conf, /ssl_certificate\s+\S+;/, `ssl_certificate ${path.join(tmp, "cert.pem")};`);
    conf = swap(conf, /ssl_certificate_key\s+\S+;/, `ssl_certificate_key ${path.join(tmp, "key.pem")};`);
    conf = swap(conf, "root /var/www/dti;", `root ${path.join(tmp, "www")};`);
    fs.writeFileSync(path.join(tmp, "site.conf"), conf);
    const temp = (name: string): string => `${name} ${path.join(tmp, name)};`;
    fs.writeFileSync(
      path.join(tmp, "nginx.conf"),
      [
        "daemon off;",
        "worker_processes 1;",
        `pid ${path.join(tmp, "nginx.pid")};`,
        `error_log ${path.join(tmp, "error.log")} warn;`,
        "events { worker_connections 64; }",
        "http {",
        "  access_log off;",
        `  ${temp("client_body_temp_path")} ${temp("proxy_temp_path")} ${temp("fastcgi_temp_path")} ${temp("uwsgi_temp_path")} ${temp("scgi_temp_path")}`,
        `  include ${path.join(tmp, "site.conf")};`,
        "}",
        "",
      ].join("\n"),
    );
    const check = spawnSync(NGINX, ["-t", "-p", tmp, "-c", path.join(tmp, "nginx.conf")], { encoding: "utf8" });
    if (check.status !== 0) throw new Error(`nginx -t failed:\n${check.stderr}`);
    nginx = spawn(NGINX, ["-p", tmp, "-c", path.join(tmp, "nginx.conf")], { stdio: ["ignore", "ignore", "pipe"] });
    nginx.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    for (let i = 0; i < 100; i++) {
      try {
        await get("/addin/taskpane.html");
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    throw new Error(`nginx did not start:\n${log}`);
  });

  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((resolve) => nginx?.once("exit", resolve));
      nginx.kill("SIGQUIT");
      await exited;
    }
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  function get(p: string, options: { origin?: string; method?: string; plain?: boolean } = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders }> {
    return new Promise((resolve, reject) => {
      const headers = options.origin ? { Origin: options.origin } : {};
      const done = (res: http.IncomingMessage): void => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      };
      const req = options.plain
        ? http.request({ host: "127.0.0.1", port: httpPort, path: p, method: options.method ?? "GET", headers }, done)
        : https.request({ host: "127.0.0.1", port: httpsPort, path: p, method: options.method ?? "GET", headers, rejectUnauthorized: false }, done);
      req.on("error", reject);
      req.end();
    });
  }

  test("every file: the type, cache and security headers of scripts/hosting.js", async () => {
    for (const file of FILES) {
      const res = await get(`/addin/${file}`);
      expect({ file, status: res.status, type: res.headers["content-type"], cache: res.headers["cache-control"], nosniff: res.headers["x-content-type-options"], hsts: res.headers["strict-transport-security"] }).toEqual({
        file,
        status: 200,
        type: contentType(file),
        cache: cacheControl(file),
        nosniff: "nosniff",
        hsts: "max-age=31536000",
      });
    }
  });

  test("the functions' metadata is readable by Excel on the web only; nothing else by anyone", async () => {
    for (const file of FILES) {
      for (const origin of [OFFICE_ORIGIN, "https://evil.example", "https://officeapps.live.com.evil.example"]) {
        const res = await get(`/addin/${file}`, { origin });
        expect({ file, origin, allow: res.headers["access-control-allow-origin"] }).toEqual({ file, origin, allow: corsHeaders(file, origin)["Access-Control-Allow-Origin"] });
      }
    }
    expect((await get("/addin/functions.json", { origin: OFFICE_ORIGIN })).headers).toMatchObject({ "access-control-allow-origin": OFFICE_ORIGIN, vary: expect.stringContaining("Origin") as string });
  });

  test("HTTPS only: plain HTTP redirects", async () => {
    const res = await get("/addin/taskpane.html", { plain: true });
    expect(res.status).toBe(301);
    expect(res.headers.location).toMatch(/^https:\/\/[^/]+\/addin\/taskpane\.html$/);
  });

  test("the root and the folder lead to the pane; no dotfiles, listings or writes", async () => {
    for (const p of ["/", "/addin/"]) expect(await get(p)).toMatchObject({ status: 302, headers: { location: expect.stringMatching(/\/addin\/taskpane\.html$/) as string } });
    expect((await get("/addin/.env")).status).toBe(404);
    expect([403, 404]).toContain((await get("/addin/assets/")).status);
    expect((await get("/addin/taskpane.html", { method: "POST" })).status).toBe(403);
  });
});

describe("deploy/web.config", () => {
  const file = path.join(root, "deploy/web.config");
  const xml = fs.readFileSync(file, "utf8");

  test("is well-formed XML", () => {
    const lint = spawnSync("xmllint", ["--noout", file], { encoding: "utf8" });
    expect({ status: lint.status, stderr: lint.stderr }).toEqual({ status: 0, stderr: "" });
  });

  test("states the rules of scripts/hosting.js", () => {
    // Types: .json and .xml (and the types the other servers send for .js and .map).
    for (const ext of [".json", ".xml", ".js", ".map"]) {
      expect(xml).toContain(`<remove fileExtension="${ext}" />`);
      expect(xml).toContain(`<mimeMap fileExtension="${ext}" mimeType="${contentType(`x${ext}`)}" />`);
    }
    // Revalidate by default; a year for the names webpack hashes, by the same pattern.
    expect(xml).toContain('<clientCache cacheControlMode="DisableCache" />');
    expect(xml).toContain(`<add input="{REQUEST_URI}" pattern="${HASHED_NAME.source.replace("(?:", "(")}" />`);
    expect(xml).toContain(`<action type="Rewrite" value="${hostingModule.LONG_CACHE}" />`);
    // Images cacheable for a day (Office requires add-in images to be cacheable).
    expect(cacheControl("assets/icon-16.png")).toBe("public, max-age=86400");
    expect(xml).toMatch(/<location path="assets">\s*<system.webServer>\s*<staticContent>\s*<clientCache cacheControlMode="UseMaxAge" cacheControlMaxAge="1.00:00:00" cacheControlCustom="public" \/>/);
    // HTTPS only.
    expect(xml).toMatch(/<add input="\{HTTPS\}" pattern="\^OFF\$" \/>\s*<\/conditions>\s*<action type="Redirect" url="https:\/\/\{HTTP_HOST\}\{REQUEST_URI\}"/);
    // CORS on exactly the metadata files, for the origins OFFICE_WEB_ORIGIN accepts.
    const located = [...xml.matchAll(/<location path="([^"]+)">[\s\S]*?<\/location>/g)]
      .map((m) => [m[1], /<add origin="([^"]+)"/.exec(m[0])?.[1]])
      .filter(([, origin]) => origin !== undefined);
    expect(located).toEqual(METADATA_FILES.map((f) => [f, "https://*.officeapps.live.com"]));
    expect(OFFICE_WEB_ORIGIN.test("https://excel.officeapps.live.com")).toBe(true);
    expect(OFFICE_WEB_ORIGIN.test("https://officeapps.live.com.evil.example")).toBe(false);
  });
});
