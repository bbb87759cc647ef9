// @ts-check
"use strict";

/**
 * The import rules `npm test` enforces (dependency-cruiser, run by scripts/test.sh and proven
 * to fail on deliberate mistakes by test/build/layers.test.ts):
 *
 *   catalog → engine → layout → i18n → (office | xlsx) → (cli | taskpane)
 *   functions sit beside layout: they use catalog, engine and i18n, and nothing uses them.
 *
 * A module may import its own layer and the layers before it, never a later one; no import
 * cycle anywhere in src/; and no Node built-in (fs, path, zlib, …) may be reachable from the
 * two entries the browser loads, the task pane and the custom functions. The custom functions
 * reach no English text either (they show Vietnamese only, and functions.js must stay small).
 *
 * Paths match `src/<layer>/` anywhere in the path, so the same rules apply to the fixture tree
 * test/fixtures/layers/src/ that the test cruises.
 */

const { builtinModules } = require("node:module");

/** Each layer and the layers it may import (its own included). */
const LAYERS = /** @type {const} */ ({
  catalog: ["catalog"],
  engine: ["catalog", "engine"],
  layout: ["catalog", "engine", "layout"],
  functions: ["catalog", "engine", "i18n", "functions"],
  i18n: ["catalog", "engine", "layout", "i18n"],
  office: ["catalog", "engine", "layout", "i18n", "office"],
  xlsx: ["catalog", "engine", "layout", "i18n", "xlsx"],
  cli: ["catalog", "engine", "layout", "i18n", "xlsx", "cli"],
  taskpane: ["catalog", "engine", "layout", "i18n", "office", "xlsx", "taskpane"],
});

const names = /** @type {(keyof typeof LAYERS)[]} */ (Object.keys(LAYERS));
/** @param {readonly string[]} layers */
const under = (layers) => `(^|/)src/(${layers.join("|")})/`;

const builtins = builtinModules.filter((name) => !name.startsWith("_")).map((name) => name.replace(/[/]/g, "\\/"));

const config = {
  forbidden: [
    ...names.map((layer) => ({
      name: `layer-${layer}`,
      comment: `src/${layer}/ may import only ${LAYERS[layer].map((l) => `src/${l}/`).join(", ")} (catalog → engine → layout → i18n → office|xlsx → cli|taskpane; functions beside layout)`,
      severity: /** @type {const} */ ("error"),
      from: { path: under([layer]) },
      to: { path: under(names.filter((other) => !(/** @type {readonly string[]} */ (LAYERS[layer])).includes(other))) },
    })),
    {
      name: "no-cycle",
      comment: "an import cycle: every module must be loadable without the one that imports it",
      severity: /** @type {const} */ ("error"),
      from: { path: "(^|/)src/" },
      to: { circular: true },
    },
    {
      name: "no-node-in-browser",
      comment: "a Node built-in is reachable from code the browser loads (task pane or custom functions)",
      severity: /** @type {const} */ ("error"),
      from: { path: "(^|/)src/(taskpane/taskpane|functions/functions)\\.ts$" },
      to: { path: `^(node:)?(${builtins.join("|")})$`, reachable: true },
    },
    {
      // Excel shows the DTI.* functions' messages in Vietnamese only; keeping the English tables
      // (and the pane's catalog) out of functions.js keeps it within its size (issue 12 point 4).
      name: "vietnamese-only-functions",
      comment: "an English table of the catalog (src/i18n/*-en.ts, findings.ts, strings.ts) is reachable from the custom functions' entry",
      severity: /** @type {const} */ ("error"),
      from: { path: "(^|/)src/functions/functions\\.ts$" },
      to: { path: "(^|/)src/i18n/([^/]*-en|findings|strings)\\.ts$", reachable: true },
    },
    {
      name: "no-unresolvable",
      comment: "an import that does not resolve to a file: the rules above cannot check it",
      severity: /** @type {const} */ ("error"),
      from: { path: "(^|/)src/" },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    // Type-only imports count: a type from a later layer is still knowledge flowing backwards.
    enhancedResolveOptions: { extensions: [".ts", ".js", ".json"] },
  },
};

module.exports = config;
