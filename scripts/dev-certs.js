// @ts-check
/**
 * Development HTTPS certificates for https://localhost:3000.
 *
 * `office-addin-dev-certs install` writes ~/.office-addin-dev-certs/{ca.crt,localhost.crt,localhost.key}.
 * Where it cannot trust the CA (Linux without sudo, CI) it says so but still exits 0, and
 * `getHttpsServerOptions()` then rejects; so the dev server reads the three files directly.
 *
 * Run as a script (npm's `prestart`), it creates the files only when they are missing or about
 * to expire: every `install` makes a new CA, which would undo a CA already trusted on the PC
 * that runs Excel.
 */
"use strict";

const { spawnSync } = require("node:child_process");
const { X509Certificate } = require("node:crypto");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const certDir = path.join(os.homedir(), ".office-addin-dev-certs");
const certPaths = {
  ca: path.join(certDir, "ca.crt"),
  cert: path.join(certDir, "localhost.crt"),
  key: path.join(certDir, "localhost.key"),
};

// Regenerate a little before expiry so a session started today does not fail tomorrow.
const RENEW_BEFORE_MS = 24 * 60 * 60 * 1000;

/** @returns {string | undefined} why the certificates cannot be used, or undefined if they can. */
function certProblem() {
  for (const file of Object.values(certPaths)) {
    if (!fs.existsSync(file)) return `missing ${file}`;
  }
  for (const file of [certPaths.ca, certPaths.cert]) {
    const validTo = Date.parse(new X509Certificate(fs.readFileSync(file)).validTo);
    if (!(validTo - Date.now() > RENEW_BEFORE_MS)) return `${file} expires ${new Date(validTo).toISOString()}`;
  }
  return undefined;
}

/**
 * The https options for webpack-dev-server.
 * @returns {{ ca: Buffer, cert: Buffer, key: Buffer }}
 */
function readHttpsOptions() {
  const problem = certProblem();
  if (problem) {
    throw new Error(
      `Dev certificates unusable (${problem}). Run: node scripts/dev-certs.js ` +
        `(npm start does this for you) / Chứng chỉ phát triển không dùng được; hãy chạy lệnh trên.`,
    );
  }
  return {
    ca: fs.readFileSync(certPaths.ca),
    cert: fs.readFileSync(certPaths.cert),
    key: fs.readFileSync(certPaths.key),
  };
}

function ensureDevCerts() {
  const problem = certProblem();
  if (!problem) {
    console.log(`Dev certificates OK / Chứng chỉ phát triển dùng được: ${certDir}`);
    return;
  }
  console.log(`Creating dev certificates (${problem}) / Đang tạo chứng chỉ phát triển…`);
  const cli = require.resolve("office-addin-dev-certs/cli.js");
  // Output is shown as is: on Linux it ends with "Unable to install the CA certificate … sudo",
  // which only means the CA is not trusted on this machine. The files are still written.
  const result = spawnSync(process.execPath, [cli, "install"], { stdio: "inherit" });
  const after = certProblem();
  if (result.status !== 0 || after) {
    console.error(`Could not create dev certificates / Không tạo được chứng chỉ: ${after ?? `exit ${result.status}`}`);
    process.exit(1);
  }
  console.log(
    `Dev certificates written to / Đã ghi chứng chỉ vào ${certDir}.\n` +
      `A new CA was made: trust ${certPaths.ca} again on the PC that runs Excel.\n` +
      `Đã tạo CA mới: hãy tin cậy lại ${certPaths.ca} trên máy chạy Excel.`,
  );
}

module.exports = { certDir, certPaths, readHttpsOptions, ensureDevCerts };

if (require.main === module) ensureDevCerts();
