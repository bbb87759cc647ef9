// @ts-check
/**
 * How dist/ is served: content types, cache lifetimes and the one cross-origin exception.
 * `npm run serve:dist` (scripts/serve-dist.js) and the dev server (webpack.config.js) apply these
 * rules; deploy/nginx.conf and deploy/web.config state the same ones for nginx and IIS
 * (test/build/hosting.test.ts keeps them in step).
 *
 * - Files the manifest names (manifest.xml, taskpane.html, functions.html, functions.js,
 *   functions.json, functions-vi.json) keep their names from one version to the next, so they
 *   are revalidated on every use (`no-cache`: the browser may keep a copy but asks the server
 *   whether it changed). Everything else webpack emits carries a content hash in its name
 *   (taskpane.<hash>.js, xlsx.<hash>.js, taskpane.<hash>.css) and can be cached for a year: a new
 *   build gives it a new name.
 * - Images (the icons) are cached for a day: Microsoft requires that the add-in's images "support
 *   caching", with no `no-cache` or `no-store`
 *   (https://learn.microsoft.com/office/dev/add-ins/develop/add-in-manifests, "Hosting requirements").
 * - Cross-origin: Excel on the web fetches the functions' metadata (functions.json,
 *   functions-vi.json) from its own origin (https://…officeapps.live.com), so those two files,
 *   and only those, name that origin in Access-Control-Allow-Origin. Microsoft: "enable CORS so
 *   that Office can access the functions.json file"
 *   (https://learn.microsoft.com/office/dev/add-ins/publish/publish-add-in-vs-code, "Deploy custom
 *   functions for Excel"). No wildcard: nothing else is readable from another site.
 */
"use strict";

const path = require("node:path");

/** Excel on the web's origins (excel.officeapps.live.com, usc-excel.officeapps.live.com, …). */
const OFFICE_WEB_ORIGIN = /^https:\/\/[a-z0-9-]+\.officeapps\.live\.com$/;
/** The custom functions' metadata, fetched cross-origin by Excel on the web. */
const METADATA_FILES = ["functions.json", "functions-vi.json"];
/** webpack's content-hashed names (webpack.config.js: [name].[contenthash:8]). */
const HASHED_NAME = /\.[0-9a-f]{8}\.(?:js|css)$/;

const LONG_CACHE = "public, max-age=31536000, immutable";
const REVALIDATE = "no-cache";
const IMAGE_CACHE = "public, max-age=86400";
const IMAGE = /\.(?:png|svg|ico)$/;

/** @type {Record<string, string>} */
const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * @param {string} file a path relative to dist/ ("taskpane.html", "assets/icon-16.png")
 * @returns {string}
 */
function contentType(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream";
}

/**
 * @param {string} file a path relative to dist/
 * @returns {string}
 */
function cacheControl(file) {
  if (HASHED_NAME.test(file)) return LONG_CACHE;
  return IMAGE.test(file) ? IMAGE_CACHE : REVALIDATE;
}

/**
 * The CORS headers for `file` asked for from `origin` (the request's Origin header, if any).
 * @param {string} file a path relative to dist/
 * @param {string | undefined} origin
 * @returns {Record<string, string>}
 */
function corsHeaders(file, origin) {
  if (!METADATA_FILES.includes(file)) return {};
  // Vary: the answer depends on the Origin, so a cache must not hand one origin's to another.
  if (origin === undefined || !OFFICE_WEB_ORIGIN.test(origin)) return { Vary: "Origin" };
  return { "Access-Control-Allow-Origin": origin, Vary: "Origin" };
}

module.exports = { OFFICE_WEB_ORIGIN, METADATA_FILES, HASHED_NAME, LONG_CACHE, REVALIDATE, IMAGE_CACHE, contentType, cacheControl, corsHeaders };
