// @ts-check
/**
 * `npm run serve:dist`: a rehearsal before rollout. Serves the production build in dist/ over
 * HTTPS on https://localhost:3000 at the path of ADDIN_URL (/addin/ for
 * https://dti.example.gov.vn/addin/; without ADDIN_URL, the path dist/manifest.xml was built
 * for), with the development certificates (scripts/dev-certs.js) and the same content types,
 * cache headers and CORS rule as deploy/nginx.conf and deploy/web.config (scripts/hosting.js).
 * An IT admin opens the pane in a browser there and checks it before uploading the manifest.
 *
 * SERVE_PORT changes the port; a folder given as argument is served instead of dist/. Without a
 * build it says to build first, and exits 1.
 * `distHandler` is the request handler alone: the browser test (test/e2e/deploy.test.ts)
 * serves the build with it.
 */
"use strict";

const fs = require("node:fs");
const https = require("node:https");
const path = require("node:path");
const { URL } = require("node:url");
const { cacheControl, contentType, corsHeaders } = require("./hosting.js");

const DIST = path.resolve(__dirname, "..", "dist");
const DEFAULT_PORT = 3000;

/**
 * The path the manifest's task pane is served from ("/addin/"), or undefined.
 * @param {string} xml
 * @returns {string | undefined}
 */
function basePathOfManifest(xml) {
  const m = /<SourceLocation DefaultValue="(https:[^"]+)"/.exec(xml);
  if (!m || m[1] === undefined) return undefined;
  try {
    const pathname = new URL(m[1].replace(/&amp;/g, "&")).pathname;
    return pathname.slice(0, pathname.lastIndexOf("/") + 1);
  } catch {
    return undefined;
  }
}

/**
 * Serves the files under `root` at `basePath` ("/" or "/addin/"): GET and HEAD only, nothing
 * outside `root`, no dotfiles. `basePath` itself redirects to its taskpane.html.
 * @param {{ root: string, basePath: string }} options
 * @returns {import("node:http").RequestListener}
 */
function distHandler({ root, basePath }) {
  const base = path.resolve(root);
  return (req, res) => {
    /** @param {number} status @param {string} text @param {Record<string, string>} [extra] */
    const reply = (status, text, extra = {}) => {
      res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "X-Content-Type-Options": "nosniff", ...extra });
      res.end(req.method === "HEAD" ? undefined : `${text}\n`);
    };
    if (req.method !== "GET" && req.method !== "HEAD") return reply(405, "Method not allowed", { Allow: "GET, HEAD" });
    const pathname = new URL(req.url ?? "/", "https://localhost").pathname;
    if (pathname === basePath || `${pathname}/` === basePath || pathname === "/") {
      return reply(302, "Found", { Location: `${basePath}taskpane.html` });
    }
    if (!pathname.startsWith(basePath)) return reply(404, `Not found: the add-in is served at ${basePath}`);
    let rel;
    try {
      rel = decodeURIComponent(pathname.slice(basePath.length));
    } catch {
      return reply(400, "Bad request");
    }
    if (rel === "" || rel.includes("\0") || rel.includes("\\") || rel.split("/").some((part) => part.startsWith("."))) return reply(404, "Not found");
    const file = path.resolve(base, rel);
    if (!file.startsWith(base + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return reply(404, "Not found");
    const origin = typeof req.headers.origin === "string" ? req.headers.origin : undefined;
    res.writeHead(200, {
      "Content-Type": contentType(rel),
      "Content-Length": String(fs.statSync(file).size),
      "Cache-Control": cacheControl(rel),
      "X-Content-Type-Options": "nosniff",
      ...corsHeaders(rel, origin),
    });
    if (req.method === "HEAD") return res.end();
    fs.createReadStream(file).pipe(res);
  };
}

/** @param {string} vi @param {string} [en] @returns {never} */
function stop(vi, en) {
  console.error(en === undefined ? vi : `${vi}\n${en}`);
  process.exit(1);
}

function main() {
  const { DeploySettingsError, parseAddinUrl } = require("./deploy-settings.js");
  // A folder argument serves another build (the tests use one), dist/ otherwise.
  const root = process.argv[2] ? path.resolve(process.argv[2]) : DIST;
  const manifestFile = path.join(root, "manifest.xml");
  if (!fs.existsSync(manifestFile)) {
    stop(
      `Chưa có bản dựng: không thấy ${manifestFile}. Hãy biên dịch trước: ADDIN_URL=https://<máy-chủ>/<đường-dẫn>/ npm run build`,
      `No build yet: ${manifestFile} is missing. Build first: ADDIN_URL=https://<host>/<path>/ npm run build`,
    );
  }
  const built = fs.readFileSync(manifestFile, "utf8");
  const builtBase = basePathOfManifest(built);
  /** @type {string | undefined} */
  let wanted;
  try {
    wanted = parseAddinUrl(process.env.ADDIN_URL);
  } catch (error) {
    if (error instanceof DeploySettingsError) stop(error.message);
    throw error;
  }
  const basePath = wanted ? new URL(wanted).pathname : (builtBase ?? "/");
  if (wanted && builtBase !== undefined && builtBase !== basePath) {
    console.warn(
      `Lưu ý: dist/manifest.xml được dựng cho đường dẫn ${builtBase}, khác ${basePath} của ADDIN_URL; hãy biên dịch lại với ADDIN_URL đó.\n` +
        `Note: dist/manifest.xml was built for the path ${builtBase}, not ADDIN_URL's ${basePath}; build again with that ADDIN_URL.`,
    );
  }
  const port = process.env.SERVE_PORT ? Number(process.env.SERVE_PORT) : DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 1 || port > 65535) stop(`SERVE_PORT=${process.env.SERVE_PORT}: không phải số cổng (1–65535).`, `SERVE_PORT=${process.env.SERVE_PORT}: not a port number (1–65535).`);

  // As npm start does: create the development certificates when missing or about to expire.
  const devCerts = require("./dev-certs.js");
  devCerts.ensureDevCerts();
  const tls = devCerts.readHttpsOptions();
  const server = https.createServer(tls, distHandler({ root, basePath }));
  server.on("error", (/** @type {NodeJS.ErrnoException} */ error) => {
    if (error.code === "EADDRINUSE") stop(`Cổng ${port} đang được dùng (npm start đang chạy?). Dừng nó, hoặc đặt SERVE_PORT=3001.`, `Port ${port} is in use (is npm start running?). Stop it, or set SERVE_PORT=3001.`);
    stop(`Không mở được máy chủ: ${error.message}`, `Could not start the server: ${error.message}`);
  });
  server.listen(port, "localhost", () => {
    const at = `https://localhost:${port}${basePath}`;
    const target = /<SourceLocation DefaultValue="([^"]+)"/.exec(built)?.[1] ?? "?";
    console.log(
      [
        `dist/ → ${at}   (Ctrl+C để dừng / to stop)`,
        "",
        `[Tiếng Việt] Mở ${at}taskpane.html trong trình duyệt. Ngoài Excel, bảng tác vụ phải hiện`,
        '  "Hãy mở bảng tác vụ này trong Excel." và không có lỗi trong Console (F12).',
        `  Kiểm tra thêm: ${at}manifest.xml, ${at}functions.json.`,
        `  dist/manifest.xml trỏ tới ${target}: tải nó lên Trung tâm quản trị Microsoft 365 sau khi đã`,
        "  chép dist/ lên máy chủ đó (docs/deploy.md).",
        `[English] Open ${at}taskpane.html in a browser. Outside Excel the pane must say`,
        '  "Open this task pane in Excel." with no error in the console (F12).',
        `  Also check ${at}manifest.xml and ${at}functions.json.`,
        `  dist/manifest.xml points at ${target}: upload it to the Microsoft 365 admin center once`,
        "  dist/ is on that server (docs/deploy.md).",
      ].join("\n"),
    );
  });
}

module.exports = { basePathOfManifest, distHandler };

if (require.main === module) main();
