/**
 * The production build `npm test` made (scripts/test.sh builds dist/ once, then stamps it), when
 * it is still that build and newer than everything it is built from. The browser test serves it
 * instead of building the add-in again; run alone, or after any change, it builds its own.
 * Webpack empties dist/ on every build (output.clean), so another build removes the stamp.
 */
import fs from "node:fs";
import path from "node:path";

/** Written by scripts/test.sh right after `webpack --mode production`. */
export const DIST_STAMP = ".npm-test-build";

/** What the add-in bundle is built from. */
const INPUTS = ["src", "assets", "manifest.xml", "webpack.config.js", "scripts", "package.json", "package-lock.json", "tsconfig.json", "tsconfig.build.json"];

/** The newest modification under `file`; a folder's own time (a file removed) counts unless `filesOnly`. */
function newest(file: string, skip?: string, filesOnly = false): number {
  if (!fs.existsSync(file) || file === skip) return 0;
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(file).reduce((m, name) => Math.max(m, newest(path.join(file, name), skip, filesOnly)), filesOnly ? 0 : stat.mtimeMs);
}

/** dist/ when scripts/test.sh built it and nothing changed since; otherwise undefined (build your own). */
export function reusableDist(root: string): string | undefined {
  const dist = path.join(root, "dist");
  const stamp = path.join(dist, DIST_STAMP);
  if (!fs.existsSync(stamp)) return undefined;
  const built = fs.statSync(stamp).mtimeMs;
  if (INPUTS.some((input) => newest(path.join(root, input)) > built)) return undefined;
  // A file written into dist/ after the stamp: not the build test.sh checked.
  // (Files only: writing the stamp itself touches the folder.)
  if (newest(dist, stamp, true) > built) return undefined;
  return dist;
}
