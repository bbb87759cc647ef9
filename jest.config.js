// @ts-check
/**
 * Every Jest suite, as `npm test` (scripts/test.sh) runs them: the pure and fake-host suites
 * plus the ones that drive real programs (test/e2e: Chromium, LibreOffice; test/build: webpack,
 * nginx). `npm run test:unit` runs the first kind only (jest.unit.config.js).
 * @type {import('jest').Config}
 */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
  // As in jest.unit.config.js: the CLI tests that write a template twice (test/cli/cli.test.ts,
  // "disk full") take 2–4 s alone and passed Jest's 5 s default only on an idle machine; CI's two
  // cores run two suites at once. Still a bound on a hang.
  testTimeout: 30_000,
};
