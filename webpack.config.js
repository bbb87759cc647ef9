// @ts-check
/**
 * Builds the add-in into dist/: taskpane.html, functions.{html,js}, functions.json (generated from
 * the JSDoc of src/functions/functions.ts), functions-vi.json, assets/, manifest.xml, and the
 * content-hashed files only the pages name (taskpane.<hash>.js, taskpane.<hash>.css, xlsx.<hash>.js).
 * `webpack serve` (npm start) serves the same files from memory on https://localhost:3000.
 *
 * dist/manifest.xml is manifest.xml rewritten for ADDIN_URL and ADDIN_ENV
 * (scripts/deploy-settings.js); both may also come as `--env ADDIN_URL=…`. A bad value stops the
 * build with a message and exit code 1, before anything is written.
 */
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { URL } = require("node:url");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { DeploySettingsError, deploySettings, renderManifest } = require("./scripts/deploy-settings.js");
const { corsHeaders } = require("./scripts/hosting.js");
/** @type {string} */
const packageVersion = JSON.parse(fs.readFileSync(path.join(__dirname, "package.json"), "utf8")).version;

const DEV_SERVER_PORT = 3000;
const localePluginPath = path.resolve(__dirname, "scripts", "functions-locale-plugin.js");
/** The content-hashed stylesheet copy-webpack-plugin emits (see the pattern below). */
const HASHED_CSS = /^taskpane\.[0-9a-f]{8}\.css$/;

/**
 * Points taskpane.html's `<link href="taskpane.css">` at the content-hashed copy, so that a
 * browser which cached last version's stylesheet for a year still gets this one. Fails the
 * build when the link or the file is not found, rather than ship an unstyled pane.
 */
class HashedStylesheetPlugin {
  /** @param {import("webpack").Compiler} compiler */
  apply(compiler) {
    compiler.hooks.compilation.tap("HashedStylesheetPlugin", (compilation) => {
      HtmlWebpackPlugin.getCompilationHooks(compilation).afterTemplateExecution.tap("HashedStylesheetPlugin", (data) => {
        if (data.outputName !== "taskpane.html") return data;
        const link = 'href="taskpane.css"';
        const css = Object.keys(compilation.assets).filter((name) => HASHED_CSS.test(name));
        if (css.length !== 1 || data.html.split(link).length !== 2) {
          throw new Error(`HashedStylesheetPlugin: expected one ${link} in taskpane.html and one taskpane.<hash>.css, found ${css.join(", ") || "none"}`);
        }
        return { ...data, html: data.html.replace(link, `href="${css[0]}"`) };
      });
    });
  }
}

/**
 * ADDIN_URL/ADDIN_ENV from `--env` or the environment. Run by webpack-cli, a bad value prints
 * its message (no stack trace: it is for the IT admin) and exits 1; called from code, it throws.
 * @param {Record<string, unknown>} env
 * @param {boolean} serving the dev server always serves the localhost manifest
 */
function settingsFor(env, serving) {
  /** @param {string} key */
  const read = (key) => (typeof env[key] === "string" ? /** @type {string} */ (env[key]) : process.env[key]);
  try {
    return deploySettings(serving ? {} : { ADDIN_URL: read("ADDIN_URL"), ADDIN_ENV: read("ADDIN_ENV") }, packageVersion);
  } catch (error) {
    if (error instanceof DeploySettingsError && (env.WEBPACK_BUILD || env.WEBPACK_SERVE)) {
      console.error(`${error.message}\nKhông biên dịch; dist/ giữ nguyên. / Nothing was built; dist/ is unchanged.`);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * @param {Record<string, unknown>} env
 * @param {{ mode?: "development" | "production" | "none" }} argv
 * @returns {import("webpack").Configuration & { devServer?: import("webpack-dev-server").Configuration }}
 */
module.exports = (env, argv) => {
  const mode = argv.mode ?? "production";
  const serving = Boolean(env.WEBPACK_SERVE);
  const settings = settingsFor(env, serving);

  /** @type {import("webpack").WebpackPluginInstance[]} */
  const plugins = [
    new CustomFunctionsMetadataPlugin({
      output: "functions.json",
      input: "./src/functions/functions.ts",
    }),
  ];
  // Derives functions-vi.json from functions.json, so it must come after the metadata plugin.
  if (fs.existsSync(localePluginPath)) {
    const { FunctionsLocalePlugin } = require(localePluginPath);
    plugins.push(new FunctionsLocalePlugin());
  }
  plugins.push(
    new HtmlWebpackPlugin({
      filename: "taskpane.html",
      template: "./src/taskpane/taskpane.html",
      chunks: ["taskpane"],
    }),
    new HtmlWebpackPlugin({
      filename: "functions.html",
      template: "./src/functions/functions.html",
      chunks: ["functions"],
    }),
    new CopyWebpackPlugin({
      patterns: [
        { from: "assets", to: "assets" },
        {
          from: "manifest.xml",
          to: "manifest.xml",
          transform: { transformer: (content) => renderManifest(content.toString("utf8"), settings), cache: false },
        },
        // A file, not style-loader: the pane's CSP allows no script-injected <style>.
        { from: "src/taskpane/taskpane.css", to: "taskpane.[contenthash:8].css" },
      ],
    }),
    new HashedStylesheetPlugin(),
  );

  return {
    mode,
    // Source maps in separate files: eval-based devtools would need 'unsafe-eval' in the CSP.
    devtool: "source-map",
    entry: {
      taskpane: "./src/taskpane/taskpane.ts",
      functions: "./src/functions/functions.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      // functions.js is named by the manifest, so it keeps its name (and is revalidated, see
      // scripts/hosting.js); everything else only the pages name, so it carries a content hash
      // and can be cached for a year. publicPath stays "auto": chunks load from wherever
      // taskpane.<hash>.js came from, the root or a sub-path such as /addin/.
      filename: (pathData) => (pathData.chunk?.name === "functions" ? "[name].js" : "[name].[contenthash:8].js"),
      chunkFilename: "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".js"],
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // Type checking is `npm run typecheck` (tsc --noEmit); the build only transpiles.
            options: { transpileOnly: true, configFile: "tsconfig.build.json" },
          },
        },
      ],
      // The shipped sets (src/catalog/sets/*.json) as object literals, which terser writes with
      // unquoted keys, rather than webpack's JSON.parse('…') form, whose quoted keys cost ~9 kB
      // in functions.js (issue 12 point 4: the functions bundle must not grow). Evaluating the
      // literal instead of JSON.parse costs the pane about a millisecond at start.
      generator: { json: { JSONParse: false } },
    },
    plugins,
    optimization: {
      // The task pane's split and merge load exceljs with import() (src/taskpane/split-merge.ts):
      // one lazy chunk, xlsx.<hash>.js, with exceljs inside, rather than a separately numbered vendor file.
      splitChunks: false,
    },
    performance: {
      // taskpane.js is ~0.5 MB minified (decimal.js ~32 kB of it, the shipped sets ~150 kB);
      // these files are served from the add-in's own host. test/e2e/deploy.test.ts keeps the
      // real budgets (gzip sizes, functions.js's raw size, the pane's time to interactive).
      maxAssetSize: 512 * 1024,
      maxEntrypointSize: 512 * 1024,
      // xlsx.<hash>.js (exceljs, ~0.9 MB) is fetched only when split or merge is used, never at start.
      assetFilter: (file) => !file.endsWith(".map") && !/^xlsx\.[0-9a-f]{8}\.js$/.test(file),
    },
    devServer: {
      // Loopback only: the certificate is for localhost, and nothing else needs to reach it.
      host: "localhost",
      port: DEV_SERVER_PORT,
      static: false,
      // No client code injected into the bundles: functions.js also runs in the custom-functions
      // runtime, which has no DOM for hot or live reload. Reload the pane after a rebuild.
      client: false,
      hot: false,
      liveReload: false,
      // Excel on the web fetches functions.json from its own origin (excel.officeapps.live.com):
      // that origin, and only for the functions' metadata; no wildcard (scripts/hosting.js).
      headers: (req) => corsHeaders(new URL(req.url ?? "/", "https://localhost").pathname.slice(1), req.headers.origin),
      server: {
        type: "https",
        // Read only when serving, so `webpack --mode production` needs no certificates.
        options: serving ? require("./scripts/dev-certs.js").readHttpsOptions() : {},
      },
      onListening(devServer) {
        const { printSideloadHelp } = require("./scripts/sideload-help.js");
        const origin = `https://localhost:${DEV_SERVER_PORT}`;
        // After the first build, so the help is not buried under webpack's own output.
        if (devServer.middleware) devServer.middleware.waitUntilValid(() => printSideloadHelp({ origin }));
        else printSideloadHelp({ origin });
      },
    },
  };
};
