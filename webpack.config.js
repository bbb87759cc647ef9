// @ts-check
/**
 * Builds the add-in into dist/: taskpane.{html,js,css}, functions.{html,js}, functions.json
 * (generated from the JSDoc of src/functions/functions.ts), functions-vi.json, assets/, manifest.xml.
 * `webpack serve` (npm start) serves the same files from memory on https://localhost:3000.
 */
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const DEV_SERVER_PORT = 3000;
const localePluginPath = path.resolve(__dirname, "scripts", "functions-locale-plugin.js");

/**
 * @param {Record<string, unknown>} env
 * @param {{ mode?: "development" | "production" | "none" }} argv
 * @returns {import("webpack").Configuration & { devServer?: import("webpack-dev-server").Configuration }}
 */
module.exports = (env, argv) => {
  const mode = argv.mode ?? "production";
  const serving = Boolean(env.WEBPACK_SERVE);

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
        { from: "manifest.xml", to: "manifest.xml" },
        // A file, not style-loader: the pane's CSP allows no script-injected <style>.
        { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
      ],
    }),
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
      filename: "[name].js",
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
    },
    plugins,
    optimization: {
      // The task pane's split and merge load exceljs with import() (src/taskpane/split-merge.ts):
      // one lazy chunk, xlsx.js, with exceljs inside, rather than a separately numbered vendor file.
      splitChunks: false,
    },
    performance: {
      // decimal.js alone is ~130 kB minified; these files are served from the add-in's own host.
      maxAssetSize: 512 * 1024,
      maxEntrypointSize: 512 * 1024,
      // xlsx.js (exceljs, ~0.9 MB) is fetched only when split or merge is used, never at start.
      assetFilter: (file) => !file.endsWith(".map") && file !== "xlsx.js",
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
      // Excel on the web fetches functions.json from its own origin (excel.officeapps.live.com).
      headers: { "Access-Control-Allow-Origin": "*" },
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
