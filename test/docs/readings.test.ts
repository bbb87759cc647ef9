/**
 * The `§n` marks in the source cite the readings the team decided. They must resolve inside
 * the repository (docs/readings.md), not in a document a clone does not hold.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.(ts|json)$/.test(entry) ? [full] : [];
  });
}

const readings = readFileSync(path.join(root, "docs/readings.md"), "utf8");
const headings = new Set([...readings.matchAll(/^### §(\d+) /gm)].map((m) => Number(m[1])));

describe("docs/readings.md", () => {
  it("numbers its readings 1, 2, 3, … without gaps", () => {
    const numbers = [...headings].sort((a, b) => a - b);
    expect(numbers.length).toBeGreaterThanOrEqual(17);
    expect(numbers).toEqual(numbers.map((_n, i) => i + 1));
  });

  it("holds every reading a § mark in src/ cites", () => {
    const cited = new Map<number, string>();
    for (const file of sourceFiles(path.join(root, "src"))) {
      // "§18.3.1.13" is a section of ECMA-376, not one of ours.
      for (const m of readFileSync(file, "utf8").matchAll(/§\s?(\d+)(?![.\d])/g)) {
        if (!cited.has(Number(m[1]))) cited.set(Number(m[1]), path.relative(root, file));
      }
    }
    expect(cited.size).toBeGreaterThan(10);
    const unresolved = [...cited].filter(([n]) => !headings.has(n)).map(([n, file]) => `§${n} (${file})`);
    expect(unresolved).toEqual([]);
  });

  it("is what the source points readers to, not a path outside the repository", () => {
    const outside = sourceFiles(path.join(root, "src")).filter((file) => readFileSync(file, "utf8").includes("../shared/"));
    expect(outside.map((f) => path.relative(root, f))).toEqual([]);
  });
});
