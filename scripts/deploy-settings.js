// @ts-check
/**
 * Where the add-in is hosted and which environment a build is for, and the manifest that says so.
 *
 * - ADDIN_URL: the HTTPS address dist/ is served from, e.g. https://dti.example.gov.vn/addin/.
 *   Every URL in dist/manifest.xml (task pane, icons, the functions' script, page and metadata,
 *   the learn-more link) is put under it. Unset: https://localhost:3000/ (npm start), as before.
 * - ADDIN_ENV: "production" (default) keeps the id users already have; any other name (e.g.
 *   "pilot") gets its own stable id and a display name that says "(thử nghiệm)", so a pilot can be
 *   deployed beside production (Microsoft recommends one manifest per environment, each with its
 *   own id and URLs).
 * - <Version> is package.json's "x.y.z" as "x.y.z.0": every manifest change needs a higher version.
 *
 * Pure (no file or network access), so webpack.config.js, scripts/serve-dist.js and the tests
 * share one reading of these rules. A bad value throws DeploySettingsError, whose message is
 * for the IT admin (Vietnamese, then English).
 */
"use strict";

const crypto = require("node:crypto");
const { URL } = require("node:url");

/** The id every production install already has (manifest.xml). Never change it. */
const PRODUCTION_ID = "f94b43b3-5a6c-435f-b815-135e3ca2b6b1";
/** The base URL the repository's manifest.xml is written for (the dev server, npm start). */
const DEV_BASE_URL = "https://localhost:3000/";
const PRODUCTION_ENV = "production";

class DeploySettingsError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = "DeploySettingsError";
  }
}

/**
 * ADDIN_URL as the base every manifest URL is put under: an https URL without query or
 * fragment, ending in "/" (added when missing). Undefined when unset or blank.
 * @param {string | undefined} raw
 * @returns {string | undefined}
 */
function parseAddinUrl(raw) {
  if (raw === undefined || raw.trim() === "") return undefined;
  const text = raw.trim();
  const shown = JSON.stringify(text);
  /** @param {string} vi @param {string} en */
  const fail = (vi, en) =>
    new DeploySettingsError(
      `ADDIN_URL=${shown}: ${vi}\nADDIN_URL=${shown}: ${en}\n` +
        "Ví dụ / Example: ADDIN_URL=https://dti.example.gov.vn/addin/ npm run build",
    );
  /** @type {URL} */
  let url;
  try {
    url = new URL(text);
  } catch {
    throw fail("không phải một địa chỉ URL đầy đủ (thiếu https:// hoặc sai cú pháp).", "is not a full URL (no https:// or malformed).");
  }
  // Office loads add-ins over HTTPS only, the dev server (https://localhost) included.
  if (url.protocol !== "https:") {
    throw fail(`phải bắt đầu bằng https:// (không phải ${url.protocol}//): Office chỉ tải bổ trợ qua HTTPS.`, `must start with https:// (not ${url.protocol}//): Office loads add-ins over HTTPS only.`);
  }
  // Checked on the text too: new URL("https://a/b?") has an empty .search.
  if (url.search !== "" || text.includes("?")) {
    throw fail("không được có chuỗi truy vấn (?…): mọi tệp được nối vào sau địa chỉ này.", "must not carry a query string (?…): file names are appended to it.");
  }
  if (url.hash !== "" || text.includes("#")) {
    throw fail("không được có phần neo (#…).", "must not carry a fragment (#…).");
  }
  if (url.username !== "" || url.password !== "") {
    throw fail("không được chứa tên đăng nhập hay mật khẩu.", "must not contain a user name or password.");
  }
  const path = url.pathname.endsWith("/") ? url.pathname : `${url.pathname}/`;
  return `${url.origin}${path}`;
}

/**
 * ADDIN_ENV: "production" (default, also when blank) or a short lowercase name.
 * @param {string | undefined} raw
 * @returns {string}
 */
function parseAddinEnv(raw) {
  const name = (raw ?? "").trim();
  if (name === "" || name === PRODUCTION_ENV) return PRODUCTION_ENV;
  if (!/^[a-z][a-z0-9-]{0,31}$/.test(name)) {
    throw new DeploySettingsError(
      `ADDIN_ENV=${JSON.stringify(name)}: chỉ dùng chữ thường không dấu, chữ số và "-", bắt đầu bằng một chữ, tối đa 32 ký tự (ví dụ: pilot).\n` +
        `ADDIN_ENV=${JSON.stringify(name)}: use lowercase letters, digits and "-", starting with a letter, at most 32 characters (e.g. pilot).`,
    );
  }
  return name;
}

/**
 * The add-in id of an environment: production's own id, else a name-based UUID (RFC 4122
 * version 5: SHA-1 of the production id as namespace and the environment name), so "pilot"
 * gets the same id on every build and every machine, and never production's.
 * @param {string} env
 * @returns {string}
 */
function environmentId(env) {
  if (env === PRODUCTION_ENV) return PRODUCTION_ID;
  const namespace = Buffer.from(PRODUCTION_ID.replace(/-/g, ""), "hex");
  const hash = crypto.createHash("sha1").update(namespace).update(env, "utf8").digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50; // version 5
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * package.json's version as the manifest's four-part <Version> ("0.1.0" → "0.1.0.0").
 * @param {string} version
 * @returns {string}
 */
function manifestVersion(version) {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(version);
  // Each part of a manifest version is a number Office compares as such (0–65535).
  if (!m || m.slice(1).some((part) => Number(part) > 65535)) {
    throw new DeploySettingsError(
      `package.json "version" ${JSON.stringify(version)}: phải có dạng x.y.z (số, không có hậu tố như -beta) để ghi vào <Version> của manifest.\n` +
        `package.json "version" ${JSON.stringify(version)}: must be x.y.z (numbers, no suffix such as -beta) to become the manifest's <Version>.`,
    );
  }
  return `${m[1]}.${m[2]}.${m[3]}.0`;
}

/**
 * @typedef {object} DeploySettings
 * @property {string} baseUrl every manifest URL is under it; ends in "/"
 * @property {string} env "production" or the environment's name
 * @property {string} id the manifest <Id>
 * @property {string} version the manifest <Version>, four parts
 */

/**
 * @param {{ ADDIN_URL?: string, ADDIN_ENV?: string }} source usually process.env
 * @param {string} packageVersion package.json "version"
 * @returns {DeploySettings}
 */
function deploySettings(source, packageVersion) {
  const env = parseAddinEnv(source.ADDIN_ENV);
  return {
    baseUrl: parseAddinUrl(source.ADDIN_URL) ?? DEV_BASE_URL,
    env,
    id: environmentId(env),
    version: manifestVersion(packageVersion),
  };
}

/** @param {string} text */
const xmlAttr = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * Replaces the one match of `pattern` in `xml`; throws when there is not exactly one, so a
 * manifest.xml edited out of shape fails the build instead of shipping half-rewritten.
 * @param {string} xml
 * @param {RegExp} pattern global
 * @param {(match: string, ...groups: string[]) => string} replace
 * @param {string} what
 */
function replaceOnce(xml, pattern, replace, what) {
  const count = [...xml.matchAll(pattern)].length;
  if (count !== 1) throw new Error(`manifest.xml: expected one ${what}, found ${count}`);
  return xml.replace(pattern, /** @type {(substring: string, ...args: any[]) => string} */ (replace));
}

/**
 * The manifest for `settings`, from the repository's manifest.xml (written for DEV_BASE_URL).
 * @param {string} template manifest.xml
 * @param {DeploySettings} settings
 * @returns {string}
 */
function renderManifest(template, settings) {
  if (!template.includes(`"${DEV_BASE_URL}`)) throw new Error(`manifest.xml: no URL under ${DEV_BASE_URL} to rewrite`);
  let xml = template.split(`"${DEV_BASE_URL}`).join(`"${xmlAttr(settings.baseUrl)}`);
  xml = replaceOnce(xml, /<Id>[^<]*<\/Id>/g, () => `<Id>${settings.id}</Id>`, "<Id>");
  xml = replaceOnce(xml, /<Version>[^<]*<\/Version>/g, () => `<Version>${settings.version}</Version>`, "<Version>");
  if (settings.env !== PRODUCTION_ENV) {
    const named = settings.env === "pilot" ? "" : `: ${settings.env}`;
    const vi = ` (thử nghiệm${named})`;
    const en = settings.env === "pilot" ? " (pilot)" : ` (test${named})`;
    xml = replaceOnce(xml, /(<DisplayName DefaultValue=")([^"]*)(">)/g, (_m, a, b, c) => `${a}${b}${vi}${c}`, "<DisplayName>");
    xml = replaceOnce(xml, /(<DisplayName [^>]*>\s*<Override Locale="en-US" Value=")([^"]*)(")/g, (_m, a, b, c) => `${a}${b}${en}${c}`, "<DisplayName> en-US override");
    // The ribbon group too: whoever has both sees which button is the pilot's.
    xml = replaceOnce(xml, /(<bt:String id="Group\.Label" DefaultValue=")([^"]*)(")/g, (_m, a, b, c) => `${a}${b}${vi}${c}`, "Group.Label");
  }
  // Every URL the add-in is loaded from is under the base: one origin, so no <AppDomains>
  // (those list other domains the pane itself navigates to; it navigates nowhere).
  const urls = [...xml.matchAll(/\b(?:DefaultValue|Value)="(https?:[^"]*)"/g)].map((m) => m[1] ?? "");
  const stray = urls.filter((u) => !u.startsWith(xmlAttr(settings.baseUrl)));
  if (stray.length > 0) throw new Error(`manifest.xml: URLs not under ${settings.baseUrl}: ${stray.join(", ")}`);
  return xml;
}

module.exports = {
  DEV_BASE_URL,
  PRODUCTION_ENV,
  PRODUCTION_ID,
  DeploySettingsError,
  deploySettings,
  environmentId,
  manifestVersion,
  parseAddinEnv,
  parseAddinUrl,
  renderManifest,
};
