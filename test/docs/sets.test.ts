/**
 * docs/sets.md takes a new author from a blank sheet to a scored template (issue 13, point 3):
 * this test does what its section 1 says, from the guide's own text. It runs the guide's
 * commands as written (after `npm run -s dti --`), types the guide's two tables into the blank
 * sheet the first command writes, as an officer would in Excel, types the example's figures into
 * the template, and checks that `score` gives the total the guide computes by hand.
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { Decimal } from "decimal.js";
import { run } from "../../src/cli/main";
import { writeNamedValues } from "../../src/cli/xlsx";
import { names } from "../../src/layout/names";
import { SET_SHEET_NAME } from "../../src/layout/set-sheet";

const root = path.resolve(__dirname, "../..");
const guide = readFileSync(path.join(root, "docs/sets.md"), "utf8");
/** Section 1 of the Vietnamese part: the worked example. */
const example = guide.slice(guide.indexOf("## 1."), guide.indexOf("## 2."));

/** The shell commands of the example, in order, as arguments after `npm run -s dti --`. */
function commands(): string[][] {
  return [...example.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => {
    const line = (m[1] ?? "").trim();
    const prefix = "npm run -s dti -- ";
    if (!line.startsWith(prefix) || line.includes("\n")) throw new Error(`docs/sets.md: a command the test cannot run: ${line}`);
    return line.slice(prefix.length).split(/\s+/);
  });
}

/** The markdown tables of the example: header cells and rows of cells (backticks taken off). */
function tables(): { header: string[]; rows: string[][] }[] {
  const out: { header: string[]; rows: string[][] }[] = [];
  let current: string[][] = [];
  const flush = (): void => {
    if (current.length >= 2) out.push({ header: current[0] as string[], rows: current.slice(2) });
    current = [];
  };
  for (const line of example.split("\n")) {
    if (line.startsWith("|")) current.push(line.slice(1, -1).split("|").map((c) => c.trim().replace(/^`(.*)`$/, "$1")));
    else flush();
  }
  flush();
  return out;
}

const NUMERIC = new Set(["Điểm tối đa", "Năm", "Tổng điểm tối đa"]);
/** What Excel stores when an officer types the text: numbers in the number columns, text elsewhere. */
const typed = (column: string, text: string): string | number | null => (text === "" ? null : NUMERIC.has(column) ? Number(text) : text);

describe("docs/sets.md: from a blank sheet to a scored template, as written", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "dti-sets-guide-"));
  const cli = (args: readonly string[]) => run(args.map((a) => (a.endsWith(".xlsx") ? path.join(dir, a) : a)));
  const steps = commands();

  it("has the four commands of the example: blank sheet, proofreading, template, score", () => {
    expect(steps.map((s) => s[0])).toEqual(["catalog", "catalog", "template", "score"]);
    expect(steps[0]).toEqual(expect.arrayContaining(["--blank", "--xlsx", "-o"]));
    expect(steps[1]).toContain("--verbatim");
  });

  it("runs them, with the guide's tables typed into the sheet and its figures into the template", async () => {
    const [blank, proofread, template, score] = steps as [string[], string[], string[], string[]];
    const made = await cli(blank);
    expect([made.code, made.stderr]).toEqual([0, ""]);
    const setFile = path.join(dir, blank[blank.length - 1] as string);
    expect(existsSync(setFile)).toBe(true);

    // Step 2: type the two tables, as an officer would in Excel.
    const [fields, items] = tables() as [{ header: string[]; rows: string[][] }, { header: string[]; rows: string[][] }];
    expect(fields.header).toEqual(["Nhãn", "Giá trị"]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(setFile);
    const ws = wb.getWorksheet(SET_SHEET_NAME) as ExcelJS.Worksheet;
    let headerRow = 0;
    ws.eachRow((row, r) => {
      if (row.getCell(1).value === "Loại") headerRow = r;
      const label = row.getCell(1).value;
      const field = fields.rows.find(([l]) => l === label);
      if (field && headerRow === 0) row.getCell(2).value = typed(field[0] as string, field[1] as string);
    });
    expect(headerRow).toBeGreaterThan(0);
    const columns = new Map<string, number>();
    ws.getRow(headerRow).eachCell((cell, c) => columns.set(String(cell.value), c));
    for (const h of items.header) expect([h, columns.has(h)]).toEqual([h, true]);
    items.rows.forEach((cells, n) => {
      const row = ws.getRow(headerRow + 1 + n);
      items.header.forEach((h, k) => {
        const v = typed(h, cells[k] ?? "");
        if (v !== null) row.getCell(columns.get(h) as number).value = v;
      });
    });
    await wb.xlsx.writeFile(setFile);

    // Step 3: proofreading shows the verbatim text beside the rule as read, points in both forms.
    const listed = await cli(proofread);
    expect([listed.code, listed.stderr]).toEqual([0, ""]);
    expect(listed.stdout).toContain("Nguyên văn:  BCĐ họp 4 lần/năm: 20 điểm; 3 lần: 15 điểm");
    expect(listed.stdout).toContain("15 điểm = 3/4 điểm tối đa");
    expect(listed.stdout.match(/Như đã đọc: /g)).toHaveLength(3);

    // Step 4: the template, titled by the set, without Nhiệm vụ; then the example's figures and the score.
    const made2 = await cli(template);
    expect(made2.code).toBe(0);
    const templateFile = path.join(dir, template[template.indexOf("-o") + 1] as string);
    const tb = new ExcelJS.Workbook();
    await tb.xlsx.readFile(templateFile);
    expect(tb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(["Chỉ số 2026", SET_SHEET_NAME]));
    expect(tb.worksheets.map((w) => w.name)).not.toContain("Nhiệm vụ");
    // "họp 3 lần; 850 trên 1 000 hồ sơ; 120 trên 400 hộ và 7 ứng dụng"
    expect(example).toContain("họp 3 lần; 850 trên 1 000 hồ sơ; 120 trên 400 hộ và 7 ứng dụng");
    const figures = new Map<string, number>([
      [names.input("1.1", "a"), 3],
      [names.input("1.2", "a"), 850],
      [names.input("1.2", "b"), 1000],
      [names.input("2.1", "a"), 120],
      [names.input("2.1", "b"), 400],
      [names.input("2.1", "c"), 7],
    ]);
    expect(writeNamedValues(tb, figures)).toEqual([]);
    await tb.xlsx.writeFile(templateFile);
    const scored = await cli(score);
    expect(scored.code).toBe(0);
    type Unit = { total: { score: number }; indicators: Record<string, { score: number }> };
    const unit = (JSON.parse(scored.stdout) as { units: Unit[] }).units[0] as Unit;
    // The guide's hand computation: 1.1 = 15; 1.2 = 850/1 000 × 40 = 34; 2.1 = 120/400 × 35 + min(7 × 1; 5) = 15,5.
    expect(example).toContain("1.1 = 15 (bậc 3 lần); 1.2 = 850/1 000 × 40 = 34");
    expect(example).toContain("tổng 64,5");
    const byHand = new Decimal(15).plus(new Decimal(850).div(1000).times(40)).plus(new Decimal(120).div(400).times(35).plus(Decimal.min(7, 5)));
    expect(byHand.toNumber()).toBe(64.5);
    expect([unit.indicators["1.1"]?.score, unit.indicators["1.2"]?.score, unit.indicators["2.1"]?.score, unit.total.score]).toEqual([15, 34, 15.5, 64.5]);
  });

  it("--blank never overwrites a file, and is refused with --set or without --xlsx -o", async () => {
    const file = path.join(dir, "co-san.xlsx");
    expect((await run(["catalog", "--blank", "--xlsx", "-o", file])).code).toBe(0);
    const bytes = readFileSync(file);
    const again = await run(["catalog", "--blank", "--xlsx", "-o", file]);
    expect([again.code, again.stderr]).toEqual([1, expect.stringContaining("đã có. Không ghi đè")]);
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect((await run(["catalog", "--blank"])).stderr).toContain("--blank chỉ dùng cùng --xlsx -o");
    expect((await run(["catalog", "--blank", "--xlsx", "-o", path.join(dir, "x.xlsx"), "--set", "dti-province-2022"])).code).toBe(1);
  });
});
