// @ts-check
/**
 * The fast loop (`npm run test:unit`): the pure and fake-host suites only, no browser,
 * spreadsheet program, web server or bundler. test/e2e and test/build run in `npm test`.
 * test/support/unit-scope.ts tells suites that call LibreOffice when it is installed to skip it.
 * @type {import('jest').Config}
 */
const base = require("./jest.config.js");

module.exports = {
  ...base,
  testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/e2e/", "<rootDir>/test/build/"],
  setupFiles: ["<rootDir>/test/support/unit-scope.ts"],
  // Jest's default is one worker fewer than the cores: one worker on a 2-core machine.
  maxWorkers: 2,
};
