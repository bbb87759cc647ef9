// @ts-check
/**
 * The fast loop (`npm run test:unit`, under 90 s on 2 cores): the pure and fake-host suites
 * only, no browser, spreadsheet program, web server or bundler. Left to `npm test`:
 * test/e2e (Chromium, LibreOffice), test/build (webpack, nginx), and the two suites that run
 * the CLI as a campaign of files and child processes with a bounded heap: the fuzz suite
 * (test/cli/fuzz.test.ts) and the zip-bomb memory checks (test/xlsx/bounded-cli.test.ts).
 * test/support/unit-scope.ts tells suites that call LibreOffice when it is installed to skip it.
 * @type {import('jest').Config}
 */
const base = require("./jest.config.js");

module.exports = {
  ...base,
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/e2e/", "<rootDir>/test/build/", "<rootDir>/test/cli/fuzz\\.test\\.ts$", "<rootDir>/test/xlsx/bounded-cli\\.test\\.ts$"],
  setupFiles: ["<rootDir>/test/support/unit-scope.ts"],
  // Jest's default is one worker fewer than the cores: one worker on a 2-core machine.
  maxWorkers: 2,
  // Two suites share the two cores, so a test that takes 2 s alone may pass Jest's 5 s default
  // on a busy machine (seen: the atomic-write tests of test/cli/cli.test.ts). Still a bound on a hang.
  testTimeout: 30_000,
};
