// @ts-check
/**
 * Builds test/e2e/harness/harness.ts into one browser script for the task pane's browser
 * test (test/e2e/pane.test.ts). The test serves it from the add-in's own origin and puts a
 * <script> for it right after office.js in taskpane.html, so it runs after office.js and
 * before the pane's (deferred) bundle. Never part of the shipped add-in.
 */
"use strict";

const path = require("node:path");

const root = path.resolve(__dirname, "..", "..", "..");

/**
 * @param {{ outputPath: string, filename?: string }} options
 * @returns {import("webpack").Configuration}
 */
module.exports = function harnessConfig({ outputPath, filename = "harness.js" }) {
  return {
    name: "e2e-harness",
    mode: "development",
    context: root,
    // No eval-based source maps: the pane's CSP has no 'unsafe-eval'.
    devtool: "source-map",
    entry: { harness: path.resolve(__dirname, "harness.ts") },
    output: { path: outputPath, filename, clean: true },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // Type checking is tsc --noEmit -p tsconfig.json, which covers test/**.
            options: { transpileOnly: true, configFile: path.join(root, "tsconfig.build.json") },
          },
        },
      ],
    },
    performance: { hints: false },
    infrastructureLogging: { level: "error" },
  };
};
