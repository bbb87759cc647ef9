/**
 * `npm test` builds dist/ once and stamps it; the browser test serves that build only while
 * nothing it is built from, and nothing in dist/, is newer than the stamp (test/support/dist.ts).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DIST_STAMP, reusableDist } from "../support/dist";

function project(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "dti-dist-"));
  fs.mkdirSync(path.join(root, "src/taskpane"), { recursive: true });
  fs.mkdirSync(path.join(root, "dist"), { recursive: true });
  fs.writeFileSync(path.join(root, "src/taskpane/app.ts"), "export {};\n");
  fs.writeFileSync(path.join(root, "dist/taskpane.html"), "<html></html>\n");
  return root;
}

const at = (file: string, seconds: number): void => fs.utimesSync(file, seconds, seconds);

describe("reusableDist", () => {
  it("is dist/ after the stamp, and undefined without it", () => {
    const root = project();
    expect(reusableDist(root)).toBeUndefined();
    fs.writeFileSync(path.join(root, "dist", DIST_STAMP), "");
    at(path.join(root, "src/taskpane/app.ts"), 1_000);
    at(path.join(root, "src/taskpane"), 1_000);
    at(path.join(root, "src"), 1_000);
    at(path.join(root, "dist/taskpane.html"), 1_000);
    at(path.join(root, "dist"), 1_000);
    at(path.join(root, "dist", DIST_STAMP), 2_000);
    expect(reusableDist(root)).toBe(path.join(root, "dist"));
  });

  it("is undefined when a source changed after the build, or something else wrote into dist/", () => {
    const root = project();
    for (const f of ["src/taskpane/app.ts", "src/taskpane", "src", "dist/taskpane.html", "dist"]) at(path.join(root, f), 1_000);
    fs.writeFileSync(path.join(root, "dist", DIST_STAMP), "");
    at(path.join(root, "dist", DIST_STAMP), 2_000);
    at(path.join(root, "src/taskpane/app.ts"), 3_000);
    expect(reusableDist(root)).toBeUndefined();
    at(path.join(root, "src/taskpane/app.ts"), 1_000);
    at(path.join(root, "dist/taskpane.html"), 3_000);
    expect(reusableDist(root)).toBeUndefined();
  });
});
