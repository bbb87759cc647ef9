// @ts-check
"use strict";

const js = require("@eslint/js");
const tseslint = require("typescript-eslint");

// Node's CommonJS globals, listed here rather than pulling in the `globals` package for a handful.
const nodeCommonJsGlobals = /** @type {const} */ ({
  require: "readonly",
  module: "writable",
  exports: "writable",
  __dirname: "readonly",
  __filename: "readonly",
  process: "readonly",
  console: "readonly",
  Buffer: "readonly",
});

module.exports = tseslint.config(
  {
    ignores: ["dist/**", "dist-cli/**", "node_modules/**", "coverage/**", "test-artifacts/**"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  {
    // Tooling: webpack/jest/eslint configs and scripts/*.js are CommonJS run by Node.
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      ecmaVersion: 2022,
      globals: nodeCommonJsGlobals,
    },
    rules: {
      "@typescript-eslint/no-require-imports": "off",
    },
  },
);
