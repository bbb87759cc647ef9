/**
 * The CommonJS build scripts the tests load (they have JSDoc types, checked by
 * tsconfig.tools.json, but no declaration files): typed here by the contract they export.
 */
import type { IncomingMessage, RequestListener } from "node:http";

export interface DeploySettings {
  readonly baseUrl: string;
  readonly env: string;
  readonly id: string;
  readonly version: string;
}

export interface DeploySettingsModule {
  readonly DEV_BASE_URL: string;
  readonly PRODUCTION_ENV: string;
  readonly PRODUCTION_ID: string;
  readonly DeploySettingsError: new (message: string) => Error;
  deploySettings(source: { ADDIN_URL?: string; ADDIN_ENV?: string }, packageVersion: string): DeploySettings;
  environmentId(env: string): string;
  manifestVersion(version: string): string;
  parseAddinEnv(raw: string | undefined): string;
  parseAddinUrl(raw: string | undefined): string | undefined;
  renderManifest(template: string, settings: DeploySettings): string;
}

export interface HostingModule {
  readonly OFFICE_WEB_ORIGIN: RegExp;
  readonly METADATA_FILES: readonly string[];
  readonly HASHED_NAME: RegExp;
  readonly LONG_CACHE: string;
  readonly REVALIDATE: string;
  contentType(file: string): string;
  cacheControl(file: string): string;
  corsHeaders(file: string, origin: string | undefined): Record<string, string>;
}

export interface ServeDistModule {
  distHandler(options: { root: string; basePath: string }): RequestListener<typeof IncomingMessage>;
  basePathOfManifest(xml: string): string | undefined;
}

/* eslint-disable @typescript-eslint/no-require-imports */
export const deploySettingsModule = require("../../scripts/deploy-settings.js") as DeploySettingsModule;
export const hostingModule = require("../../scripts/hosting.js") as HostingModule;
export const loadServeDist = (): ServeDistModule => require("../../scripts/serve-dist.js") as ServeDistModule;
/* eslint-enable @typescript-eslint/no-require-imports */
