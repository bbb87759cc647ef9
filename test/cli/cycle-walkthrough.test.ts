/**
 * Issue 11, "done when": from the README, a whole reporting cycle — template for Quý III/2026 →
 * fill → split → fill parts (figures and task updates) → merge (a log written, a part of another
 * period flagged) → report → the next quarter → trend over the two. The commands are the README's
 * own block ("Một kỳ báo cáo, từng bước"), run as written in a scratch folder; what an agency
 * types in Excel is typed here with exceljs. Figures of report and trend equal `dti score`.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { run } from "../../src/cli/main";
import { readName, writeNamedValues } from "../../src/cli/xlsx";
import type { ScoreReport } from "../../src/engine/report";
import { names } from "../../src/layout/names";
import { namedInputs } from "../support/named-inputs";
import { sample } from "../support/report-fixture";

const root = path.resolve(__dirname, "../..");
const readme = readFileSync(path.join(root, "README.md"), "utf8");
/** The README's walkthrough block (Vietnamese part): its command lines, comments and blanks left out. */
const block = (() => {
  const start = readme.indexOf("**Một kỳ báo cáo, từng bước**");
  const code = readme.slice(readme.indexOf("```sh", start) + 5, readme.indexOf("```", readme.indexOf("```sh", start) + 5));
  return code
    .split("\n")
    .map((l) => l.replace(/\s+#.*$/, "").trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
})();

/** A command line split as a shell would (double quotes keep spaces). */
const words = (line: string): string[] => [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? "");

let dir = "";
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function book(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

describe("README: one reporting cycle, step by step", () => {
  it("is the sequence the issue asks for", () => {
    expect(block.map((l) => words(l).slice(0, 4).join(" "))).toEqual([
      "npm run -s dti",
      "npm run -s dti",
      "npm run -s dti",
      "npm run -s dti",
      "cp so-tong-hop-quy-III.xlsx so-tong-hop-quy-IV.xlsx",
      "npm run -s dti",
      "npm run -s dti",
    ]);
    expect(block.map((l) => (l.startsWith("cp ") ? "cp" : words(l)[5]))).toEqual(["template", "split", "merge", "report", "cp", "template", "trend"]);
  });

  it("works as written, and its figures are dti score's", async () => {
    dir = mkdtempSync(path.join(tmpdir(), "dti-cycle-"));
    const at = (f: string) => path.join(dir, f);
    const cli = (line: string) => run(words(line).slice(5).map((w) => (/\.xlsx$|^phan$/.test(w) ? at(w) : w)));
    const [template, split, merge, report, copy, next, trend] = block as [string, string, string, string, string, string, string];

    // 1. The master for Quý III/2026, with the province's task list; the coordinator types what the master holds itself.
    expect((await cli(template)).code).toBe(0);
    const masterFile = at("so-tong-hop.xlsx");
    const master = await book(masterFile);
    expect(readName(master, names.period)).toMatchObject({ kind: "value", value: "Quý III/2026" });
    const all = namedInputs(sample);
    const partNames = (prefixes: readonly string[]) => new Map([...all].filter(([n]) => prefixes.some((p) => n.startsWith(p))));
    // Sở KH&ĐT's and Công an tỉnh's figures come back in their parts; the rest is typed in the master.
    const inParts = (n: string) => /^DTI_(7_|8_|3_3_|3_4_)/.test(n);
    expect(writeNamedValues(master, new Map([...all].filter(([n]) => !inParts(n))))).toEqual([]);
    await master.xlsx.writeFile(masterFile);

    // 2. Split: each part carries the period, its due date and the tasks its agency leads.
    const s = await cli(split);
    expect(s.code).toBe(0);
    const kh = at("phan/so-kh-dt.xlsx");
    const ca = at("phan/cong-an-tinh.xlsx");
    expect([existsSync(kh), existsSync(ca)]).toEqual([true, true]);
    const khBook = await book(kh);
    expect(readName(khBook, names.period)).toMatchObject({ kind: "value", value: "Quý III/2026" });
    expect(readName(khBook, names.dueDate).kind).toBe("value");
    // The agencies fill their parts: figures, and a task's status, progress and note.
    const khFigures = [...partNames(["DTI_"])].filter(([n]) => inParts(n) && readName(khBook, n).kind !== "missing");
    expect(khFigures.length).toBeGreaterThan(0);
    expect(writeNamedValues(khBook, new Map(khFigures))).toEqual([]);
    const task = khBook.definedNames.model.map((d) => d.name).find((n) => /^DTI_TASK_\d+_STATUS$/.test(n));
    expect(task).toBeDefined();
    const no = Number(/^DTI_TASK_(\d+)_STATUS$/.exec(task as string)?.[1]);
    expect(writeNamedValues(khBook, new Map<string, string | number>([[names.taskStatus(no), "Hoàn thành"], [names.taskProgress(no), 1], [names.taskNote(no), "Đã ban hành kế hoạch"]]))).toEqual([]);
    await khBook.xlsx.writeFile(kh);
    const caBook = await book(ca);
    const caFigures = [...all].filter(([n]) => inParts(n) && readName(caBook, n).kind !== "missing");
    expect(writeNamedValues(caBook, new Map(caFigures))).toEqual([]);
    await caBook.xlsx.writeFile(ca);

    // A part of another period sent by mistake: Quý II's part of Công an tỉnh.
    const q2 = at("quy-ii.xlsx");
    expect((await run(["template", "--period", "Quý II/2026", "--with-sample-tasks", "-o", q2])).code).toBe(0);
    expect((await run(["split", q2, "--by", "agency", "-o", at("phan-quy-ii")])).code).toBe(0);
    const wrong = at("phan-quy-ii/cong-an-tinh.xlsx");

    // 3. Merge, as written (both parts merge: exit 0 or 2 for the agencies that sent nothing), then with the wrong part.
    const m = await cli(merge);
    expect([0, 2]).toContain(m.code);
    const mergedFile = at("so-tong-hop-quy-III.xlsx");
    const merged = await book(mergedFile);
    expect(readName(merged, names.taskStatus(no))).toMatchObject({ kind: "value", value: "Hoàn thành" });
    expect(readName(merged, names.taskNote(no))).toMatchObject({ kind: "value", value: "Đã ban hành kế hoạch" });
    const log = merged.getWorksheet("Nhật ký gộp");
    expect(log).toBeDefined();
    const logged: string[] = [];
    log?.eachRow((row) => logged.push(String(row.getCell(5).value ?? "")));
    expect(logged).toEqual(expect.arrayContaining([names.taskStatus(no), ...khFigures.map(([n]) => n).slice(0, 1)]));
    const withWrong = await run(["merge", masterFile, kh, wrong, "-o", at("thu-sai-ky.xlsx")]);
    expect(withWrong.code).toBe(2);
    expect(`${withWrong.stdout}${withWrong.stderr}`).toMatch(/cong-an-tinh\.xlsx[^\n]*Quý II\/2026/);

    // 4. The report: written, and its figures are score's.
    const r = await cli(report);
    expect(r.code).toBe(0);
    expect(existsSync(at("bao-cao-quy-III-2026.xlsx"))).toBe(true);
    const q3Score = (JSON.parse((await run(["score", mergedFile])).stdout) as ScoreReport).units[0];
    const reportJson = JSON.parse((await run(["report", mergedFile, "--json"])).stdout) as { period: string; total: number; index: number };
    expect([reportJson.period, reportJson.total, reportJson.index]).toEqual(["Quý III/2026", q3Score?.total.score, q3Score?.total.index]);

    // 5. The next quarter: Q3's results go to the Kỳ trước column; the figures typed stay.
    expect(words(copy)[0]).toBe("cp");
    copyFileSync(at(words(copy)[1] as string), at(words(copy)[2] as string));
    const n = await cli(next);
    expect(n.code).toBe(0);
    expect(n.stdout).toContain("Đã ghi kết quả Quý III/2026 vào cột Kỳ trước");
    const q4 = await book(at("so-tong-hop-quy-IV.xlsx"));
    expect(readName(q4, names.period)).toMatchObject({ kind: "value", value: "Quý IV/2026" });
    expect(readName(q4, names.lastTotal)).toMatchObject({ kind: "value", value: q3Score?.total.score });

    // 6. Trend over the two quarters, figures equal to score on each workbook.
    const t = await cli(trend);
    expect(t.code).toBe(0);
    expect(existsSync(at("xu-huong.xlsx"))).toBe(true);
    const json = JSON.parse((await run(["trend", mergedFile, at("so-tong-hop-quy-IV.xlsx"), "--json"])).stdout) as { periods: { period: string; total: number }[] };
    const q4Score = (JSON.parse((await run(["score", at("so-tong-hop-quy-IV.xlsx")])).stdout) as ScoreReport).units[0];
    expect(json.periods.map((p) => [p.period, p.total])).toEqual([
      ["Quý III/2026", q3Score?.total.score],
      ["Quý IV/2026", q4Score?.total.score],
    ]);
  }, 180_000);
});
