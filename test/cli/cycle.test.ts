/**
 * The reporting cycle in the CLI (issue 11): the period and calendar a template records.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { formatPeriod, quarterOf } from "../../src/catalog/period";
import { run } from "../../src/cli/main";
import { readName } from "../../src/cli/xlsx";
import { names } from "../../src/layout/names";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const scratch = (): string => {
  const d = mkdtempSync(path.join(tmpdir(), "dti-cycle-"));
  dirs.push(d);
  return d;
};

async function named(file: string, ...wanted: string[]): Promise<unknown[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wanted.map((n) => {
    const cell = readName(wb, n);
    return cell.kind === "value" ? cell.value : cell.kind;
  });
}

describe("dti template: the reporting period and calendar", () => {
  it("--period sets DTI_PERIOD on Thông tin chung, and says so", async () => {
    const file = path.join(scratch(), "q3.xlsx");
    const r = await run(["template", "-o", file, "--period", "quý iii / 2026"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Kỳ báo cáo: Quý III/2026 (ô DTI_PERIOD, trang Thông tin chung).");
    expect(await named(file, names.period, names.calendar)).toEqual(["Quý III/2026", "ninh-thuan"]);
  }, 30_000);

  it("defaults to the current quarter and Ninh Thuận's calendar", async () => {
    const file = path.join(scratch(), "now.xlsx");
    expect((await run(["template", "-o", file])).code).toBe(0);
    expect(await named(file, names.period, names.calendar)).toEqual([formatPeriod(quarterOf(new Date())), "ninh-thuan"]);
  }, 30_000);

  it("--update keeps the recorded period unless --period or --calendar says otherwise", async () => {
    const file = path.join(scratch(), "u.xlsx");
    expect((await run(["template", "-o", file, "--period", "Năm 2026"])).code).toBe(0);
    expect((await run(["template", "-o", file, "--update", "--calendar", "Bến Tre"])).code).toBe(0);
    expect(await named(file, names.period, names.calendar)).toEqual(["Năm 2026", "ben-tre"]);
    expect((await run(["template", "-o", file, "--update", "--period", "Quý I/2027"])).code).toBe(0);
    expect(await named(file, names.period, names.calendar)).toEqual(["Quý I/2027", "ben-tre"]);
  }, 60_000);

  it("refuses a period or a calendar it cannot read, naming the option and the form, and writes nothing", async () => {
    const dir = scratch();
    const bad = await run(["template", "-o", path.join(dir, "x.xlsx"), "--period", "Quý 5/2026"]);
    expect(bad).toEqual({ code: 1, stdout: "", stderr: 'Lỗi: --period "Quý 5/2026": kỳ báo cáo phải có dạng "Quý I/2026" … "Quý IV/2026" hoặc "Năm 2026".\n' });
    const cal = await run(["template", "-o", path.join(dir, "x.xlsx"), "--calendar", "31/12"]);
    expect(cal.code).toBe(1);
    expect(cal.stderr).toContain('Lỗi: --calendar: Lịch báo cáo "31/12"');
    expect(cal.stderr).toContain("ninh-thuan, ben-tre, tra-vinh");
    expect(existsSync(path.join(dir, "x.xlsx"))).toBe(false);
  });
});
