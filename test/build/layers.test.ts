/**
 * The layer rule (dependency-cruiser.config.js) that `npm test` runs over src/: proven here to
 * fail on each kind of mistake it exists for, using a small tree with one deliberate mistake of
 * each kind (test/fixtures/layers/src), and to pass over an allowed import.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..", "..");
const bin = join(root, "node_modules", ".bin", "depcruise");

interface Violation {
  readonly rule: { readonly name: string };
  readonly from: string;
  readonly to: string;
}

function cruise(target: string): readonly Violation[] {
  let out: string;
  try {
    out = execFileSync(bin, [target, "--config", "dependency-cruiser.config.js", "--output-type", "json"], {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    // depcruise exits non-zero when it finds errors; its JSON report is still on stdout.
    out = String((error as { stdout?: unknown }).stdout ?? "");
  }
  return (JSON.parse(out) as { summary: { violations: Violation[] } }).summary.violations;
}

const fixture = "test/fixtures/layers/src";

describe("layer rule", () => {
  const violations = cruise(fixture).map((v) => `${v.rule.name}: ${v.from.replace(`${fixture}/`, "")} → ${v.to.replace(`${fixture}/`, "")}`);

  it("fails on an import against the direction (catalog importing layout)", () => {
    expect(violations).toContain("layer-catalog: catalog/backward.ts → layout/cell.ts");
  });

  it("fails on an import cycle", () => {
    expect(violations).toContain("no-cycle: cli/ping.ts → cli/pong.ts");
  });

  it("fails on a Node built-in reachable from a browser entry, even through another layer", () => {
    expect(violations).toContain("no-node-in-browser: taskpane/taskpane.ts → fs");
  });

  it("fails on an English table of the catalog reachable from the custom functions' entry", () => {
    expect(violations).toContain("vietnamese-only-functions: functions/functions.ts → i18n/texts-en.ts");
  });

  it("reports nothing else: a forward import and a Node built-in outside the browser's reach pass", () => {
    expect(violations).toHaveLength(4);
  });

  it("runs in npm test over src/", () => {
    const script = readFileSync(join(root, "scripts", "test.sh"), "utf8");
    expect(script).toMatch(/depcruise src --config dependency-cruiser\.config\.js/);
  });
});
