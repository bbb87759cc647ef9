// @ts-check
/**
 * Emits functions-vi.json, the Vietnamese custom-functions metadata, from the functions.json
 * that CustomFunctionsMetadataPlugin generates and the Vietnamese texts of
 * src/functions/descriptions.json (the one registry of the DTI.* words). Ids and names stay
 * as they are; only the function and parameter descriptions change.
 *
 * Use: `new FunctionsLocalePlugin()` in webpack's plugins, after CustomFunctionsMetadataPlugin
 * (configured with `output: "functions.json"`). The metadata plugin adds functions.json when
 * the compilation is created; this plugin derives its copy at the processAssets stage
 * PROCESS_ASSETS_STAGE_DERIVED, so the order in the plugins list only matters for readability.
 *
 * A function or parameter without a Vietnamese description fails the build (a compilation error).
 */
"use strict";

const fs = require("fs");
const path = require("path");

const PLUGIN_NAME = "FunctionsLocalePlugin";
/** The asset CustomFunctionsMetadataPlugin emits. */
const SOURCE_ASSET = "functions.json";
/** The locale emitted, and its asset name. */
const LOCALE = "vi";
const TARGET_ASSET = "functions-vi.json";
const DESCRIPTIONS_FILE = path.resolve(__dirname, "../src/functions/descriptions.json");

/**
 * @typedef {{ name: string, description?: string, [key: string]: unknown }} MetadataParameter
 * @typedef {{ id: string, name: string, description?: string, parameters?: MetadataParameter[], [key: string]: unknown }} MetadataFunction
 * @typedef {{ functions: MetadataFunction[], [key: string]: unknown }} Metadata
 * @typedef {{ name: string, [locale: string]: unknown }} ParamDescription
 * @typedef {{ params?: ParamDescription[], [locale: string]: unknown }} FunctionDescription
 * @typedef {Record<string, FunctionDescription>} Descriptions
 */

/** @param {unknown} value @returns {value is string} */
function nonEmpty(value) {
  return typeof value === "string" && value.trim() !== "";
}

/**
 * The metadata with every function's and parameter's description in `locale`.
 * Pure; throws an Error listing every function or parameter that has no text in that locale.
 * @param {Metadata} metadata functions.json, parsed
 * @param {Descriptions} descriptions src/functions/descriptions.json, parsed
 * @param {string} locale "vi" or "en"
 * @returns {Metadata}
 */
function localizeMetadata(metadata, descriptions, locale) {
  /** @type {string[]} */
  const missing = [];
  if (!metadata || !Array.isArray(metadata.functions)) {
    throw new Error(`${PLUGIN_NAME}: the metadata has no "functions" list`);
  }
  const functions = metadata.functions.map((fn) => {
    const entry = Object.prototype.hasOwnProperty.call(descriptions, fn.id) ? descriptions[fn.id] : undefined;
    const text = /** @type {{ description?: unknown } | undefined} */ (entry?.[locale]);
    if (!nonEmpty(text?.description)) missing.push(`${fn.id}: no ${locale} description`);
    const parameters = (fn.parameters ?? []).map((param) => {
      const described = entry?.params?.find((p) => p.name === param.name);
      const paramText = described?.[locale];
      if (!nonEmpty(paramText)) {
        missing.push(`${fn.id}.${param.name}: no ${locale} description`);
        return { ...param };
      }
      return { ...param, description: paramText };
    });
    const localized = { ...fn, description: nonEmpty(text?.description) ? text.description : fn.description };
    return fn.parameters ? { ...localized, parameters } : localized;
  });
  if (missing.length > 0) {
    throw new Error(`${PLUGIN_NAME}: descriptions.json lacks texts:\n- ${missing.join("\n- ")}`);
  }
  return { ...metadata, functions };
}

class FunctionsLocalePlugin {
  /** @param {import("webpack").Compiler} compiler */
  apply(compiler) {
    const { Compilation, WebpackError, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap(PLUGIN_NAME, (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: PLUGIN_NAME, stage: Compilation.PROCESS_ASSETS_STAGE_DERIVED },
        () => {
          // Rebuild functions-vi.json when the texts change (watch mode, dev server).
          compilation.fileDependencies.add(DESCRIPTIONS_FILE);
          const source = compilation.getAsset(SOURCE_ASSET);
          if (!source) {
            // The metadata plugin reports its own errors; only say something if nobody did.
            if (compilation.errors.length === 0) {
              compilation.errors.push(
                new WebpackError(
                  `${PLUGIN_NAME}: no ${SOURCE_ASSET} to localise; add CustomFunctionsMetadataPlugin with output "${SOURCE_ASSET}".`,
                ),
              );
            }
            return;
          }
          try {
            const metadata = JSON.parse(source.source.source().toString());
            const descriptions = JSON.parse(fs.readFileSync(DESCRIPTIONS_FILE, "utf-8"));
            const localized = localizeMetadata(metadata, descriptions, LOCALE);
            const json = JSON.stringify(localized, null, 4);
            if (compilation.getAsset(TARGET_ASSET)) compilation.updateAsset(TARGET_ASSET, new sources.RawSource(json));
            else compilation.emitAsset(TARGET_ASSET, new sources.RawSource(json));
          } catch (e) {
            compilation.errors.push(new WebpackError(e instanceof Error ? e.message : String(e)));
          }
        },
      );
    });
  }
}

module.exports = { FunctionsLocalePlugin, localizeMetadata, SOURCE_ASSET, TARGET_ASSET, LOCALE };
