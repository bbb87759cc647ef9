/**
 * Indicator sets as data through the command line: the 2020 framework (built in) and a
 * district set read from a JSON file give templates, and are scored from JSON and .xlsx.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { run } from "../../src/cli/main";
import { readName, writeNamedValues } from "../../src/cli/xlsx";
import type { ScoreReport } from "../../src/engine/report";
import { names } from "../../src/layout/names";

const root = path.resolve(__dirname, "../..");
const tmp = mkdtempSync(path.join(os.tmpdir(), "dti-sets-"));
const districtSet = path.join(root, "test/fixtures/sets/district-example.json");
const districtUnits = path.join(root, "test/fixtures/district-units.json");

describe("a set read from a JSON file (a province's own set for its districts)", () => {
  it("scores the districts from JSON, min-max across them", async () => {
    const r = await run(["score", districtUnits, "--set", districtSet]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as ScoreReport;
    expect(report.indicatorSet).toBe("huyen-2023");
    expect(report.units).toHaveLength(4);
    for (const u of report.units) expect(u.total.maxPoints).toBe(100);
  });

  it("refuses a --set that is not the set the input names", async () => {
    const r = await run(["score", path.join(root, "test/fixtures/sample-province.json"), "--set", districtSet]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/dùng bộ chỉ số "dti-province-2022" nhưng --set là bộ "huyen-2023"/);
  });

  it("an unknown set names the known ones", async () => {
    const r = await run(["catalog", "--set", "khong-co"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/dti-province-2022/);
  });

  it("writes a template for it (DTI.SCORE with the set id under --functions), and a filled one scores like the JSON", async () => {
    const file = path.join(tmp, "huyen.xlsx");
    const t = await run(["template", "-o", file, "--set", districtSet, "--functions"]);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/bộ "huyen-2023" không có sẵn trong bổ trợ; hàm DTI\.SCORE\("huyen-2023:…"\) tính được sau khi mở bảng tác vụ DTI/);
    const data = JSON.parse(readFileSync(districtUnits, "utf8")) as { units: { name: string; values: Record<string, Record<string, unknown>>; info?: Record<string, unknown> }[] };
    const unit = data.units[0]!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(readName(wb, names.metaSet)).toMatchObject({ value: "huyen-2023" });
    const typed = new Map<string, string | number | boolean | null>([[names.info(1), unit.name]]);
    for (const [item, v] of Object.entries(unit.info ?? {})) typed.set(names.info(Number(item)), v as number);
    for (const [id, vars] of Object.entries(unit.values)) for (const [k, v] of Object.entries(vars)) typed.set(names.input(id, k), v as number);
    const skipped = writeNamedValues(wb, typed);
    await wb.xlsx.writeFile(file);
    const fromXlsx = JSON.parse((await run(["score", file, "--set", districtSet])).stdout) as ScoreReport;
    const single = path.join(tmp, "one.json");
    writeFileSync(single, JSON.stringify({ indicatorSet: "huyen-2023", units: [unit] }));
    const fromJson = JSON.parse((await run(["score", single, "--set", districtSet])).stdout) as ScoreReport;
    expect(skipped.filter((n) => !n.startsWith("DTI_INFO"))).toEqual([]);
    expect(fromXlsx.units[0]?.total).toEqual(fromJson.units[0]?.total);
  });
});

describe("the 2020 framework (QĐ 1726), built in, for assignment and tracking", () => {
  it("lists 3 pillars of 400/300/300 and writes a template the CLI recognises", async () => {
    const c = await run(["catalog", "--set", "dti-province-2020"]);
    expect(c.stdout).toMatch(/I\. Chính quyền số — 400 điểm/);
    expect(c.stdout).toMatch(/II\. Kinh tế số — 300 điểm/);
    expect(c.stdout).toMatch(/III\. Xã hội số — 300 điểm/);
    const file = path.join(tmp, "2020.xlsx");
    expect((await run(["template", "-o", file, "--set", "dti-province-2020"])).code).toBe(0);
    const r = await run(["score", file]);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as ScoreReport).indicatorSet).toBe("dti-province-2020");
  });
});
