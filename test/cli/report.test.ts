/**
 * dti report (issue 11 point 7): from a master filled for Quý III/2026, split, one agency's part
 * merged back (so "Nhật ký gộp" has rows), the quarterly report is written to a workbook whose
 * figures equal `dti score` on the same master, and the merged part is on time or late by the
 * log. A part is refused with a clear message.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { run } from "../../src/cli/main";
import { readName, writeNamedValues } from "../../src/cli/xlsx";
import type { ScoreReport } from "../../src/engine/report";
import { names } from "../../src/layout/names";
import { REPORT_SHEETS } from "../../src/layout/report-book";
import { namedInputs } from "../support/named-inputs";
import { sample } from "../support/report-fixture";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

interface ReportJson {
  period: string;
  total: number;
  index: number;
  mainIndexes: Record<string, number>;
  agenciesDue: string;
  agencies: { agency: string; part: string | null; firstMerged?: string; tasks: { done: number; onTrack: number; overdue: number } }[];
  problems: { kind: string; agencies: string[]; indicator?: string }[];
}

describe("dti report MASTER -o FILE", () => {
  let dir = "";
  let master = "";
  let merged = "";
  let part = "";
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "dti-report-"));
    dirs.push(dir);
    master = path.join(dir, "tong-hop.xlsx");
    expect((await run(["template", "-o", master, "--period", "Quý III/2026", "--with-sample-tasks"])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(master);
    const values = namedInputs(sample);
    // Báo Ninh Thuận's indicator comes back in its part; the rest is typed in the master.
    const fromPart = [...values.keys()].filter((n) => n.startsWith("DTI_1_6_"));
    for (const n of fromPart) values.delete(n);
    expect(writeNamedValues(wb, values)).toEqual([]);
    await wb.xlsx.writeFile(master);
    const parts = path.join(dir, "parts");
    expect((await run(["split", master, "--by", "agency", "-o", parts])).code).toBe(0);
    part = path.join(parts, readdirSync(parts).find((f) => f.startsWith("bao-ninh-thuan")) as string);
    const pw = new ExcelJS.Workbook();
    await pw.xlsx.readFile(part);
    expect(writeNamedValues(pw, new Map([...namedInputs(sample)].filter(([n]) => n.startsWith("DTI_1_6_"))))).toEqual([]);
    await pw.xlsx.writeFile(part);
    merged = path.join(dir, "tong-hop-da-gop.xlsx");
    const m = await run(["merge", master, part, "-o", merged]);
    // Exit 2: the other agencies have not sent theirs; the one part is merged and logged.
    expect(m.code).toBe(2);
    expect(m.stdout).toContain("Nhật ký gộp");
    expect(existsSync(merged)).toBe(true);
    // The merge ran today; the log says it was on 26/09/2026, the day after the agencies' due date.
    const logged = new ExcelJS.Workbook();
    await logged.xlsx.readFile(merged);
    const log = logged.getWorksheet("Nhật ký gộp")!;
    expect(log.rowCount).toBeGreaterThan(1);
    for (let r = 2; r <= log.rowCount; r++) log.getCell(`A${r}`).value = "26/09/2026 10:00";
    await logged.xlsx.writeFile(merged);
  }, 120_000);

  it("prints JSON whose figures equal dti score on the same master", async () => {
    const r = await run(["report", merged, "--json", "--today", "2026-09-28"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as ReportJson;
    const score = JSON.parse((await run(["score", merged])).stdout) as ScoreReport & { period: string };
    const unit = score.units[0]!;
    expect(report.period).toBe(score.period);
    expect(report.total).toBe(unit.total.score);
    expect(report.index).toBe(unit.total.index);
    expect(report.mainIndexes).toEqual(Object.fromEntries(Object.entries(unit.pillars).map(([id, p]) => [id, p.score])));
  }, 60_000);

  it("tells a part merged after the agencies' due date as late, and parts never merged as not received", async () => {
    const r = await run(["report", merged, "--json", "--today", "2027-01-05"]);
    const report = JSON.parse(r.stdout) as ReportJson;
    expect(report.agenciesDue).toBe("25/09/2026");
    const bnt = report.agencies.find((a) => a.agency === "Báo Ninh Thuận");
    // Merged on 26/09/2026 by the log (see beforeAll): the day after.
    expect(bnt?.part).toBe("late");
    expect(bnt?.firstMerged).toBe("26/09/2026");
    expect(report.agencies.find((a) => a.agency === "Sở KH&ĐT")?.part).toBe("not-received");
    expect(report.problems).toContainEqual({ kind: "part-late", label: "Gửi số liệu muộn", agencies: ["Báo Ninh Thuận"], text: "Số liệu gộp lần đầu ngày 26/09/2026, sau hạn 25/09/2026." });
    // The sample tasks of 2022 are all past their deadlines and not done at 30/09/2026.
    const stt = report.agencies.find((a) => a.agency === "Sở TTTT");
    expect(stt?.tasks.overdue).toBeGreaterThan(0);
    expect(stt?.tasks.done).toBe(0);
  }, 60_000);

  it("writes the report workbook, which reads back with the period, the figures and the problems", async () => {
    const out = path.join(dir, "bao-cao-quy-III-2026.xlsx");
    const r = await run(["report", merged, "-o", out, "--today", "2026-09-28"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Đã ghi ${out}`);
    expect(r.stdout).toMatch(/^Báo cáo Quý III\/2026 — Ninh Thuận: tổng [\d,]+\/1000 điểm, chỉ số DTI 0,\d{4}\./u);
    const json = JSON.parse((await run(["report", merged, "--json", "--today", "2026-09-28"])).stdout) as ReportJson;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(Object.values(REPORT_SHEETS));
    const ws = wb.getWorksheet(REPORT_SHEETS.report)!;
    expect(ws.getCell("A1").value).toBe("BÁO CÁO KẾT QUẢ CHỈ SỐ CHUYỂN ĐỔI SỐ (DTI) — QUÝ III/2026");
    expect(ws.getCell("B3").value).toBe("Quý III/2026");
    let total: ExcelJS.Row | undefined;
    ws.eachRow((row) => {
      if (row.getCell(1).value === "Tổng điểm — Chỉ số DTI") total = row;
    });
    expect([total?.getCell(3).value, total?.getCell(4).value]).toEqual([json.total, json.index]);
    expect(ws.pageSetup.printTitlesRow).toBe("15:15");
    const problems = wb.getWorksheet(REPORT_SHEETS.problems)!;
    expect(problems.rowCount - 4).toBe(json.problems.length);
    // The master is only read.
    const again = new ExcelJS.Workbook();
    await again.xlsx.readFile(merged);
    expect(again.getWorksheet(REPORT_SHEETS.report)).toBeUndefined();
    const again2 = await run(["report", merged, "-o", out]);
    expect(again2.code).toBe(1);
    expect(again2.stderr).toBe(`Lỗi: ${out} đã có. Không ghi đè: hãy chọn tên tệp khác.\n`);
  }, 60_000);

  it("puts the published result and the previous period typed on Tổng hợp beside the figures, as dti score compares them", async () => {
    const typed = path.join(dir, "co-so-sanh.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(merged);
    expect(
      writeNamedValues(
        wb,
        new Map<string, string | number>([
          [names.publishedPillar("I"), 0.8123],
          [names.publishedIndex, "0,5234"],
          [names.lastPeriod, "Quý II/2026"],
          [names.lastPillar("I"), 61.5],
          [names.lastTotal, 480],
          [names.lastIndex, 0.48],
        ]),
      ),
    ).toEqual([]);
    await wb.xlsx.writeFile(typed);
    const report = JSON.parse((await run(["report", typed, "--json", "--today", "2026-09-28"])).stdout) as ReportJson & {
      lastPeriod: string;
      figures: { id: string; score: number; last: number | null; published: number | null }[];
    };
    const score = JSON.parse((await run(["score", typed])).stdout) as { comparison: { index: { published: number }; total: { last: number }; mainIndexes: Record<string, { published: number | null; last: number | null }> } };
    expect(report.lastPeriod).toBe("Quý II/2026");
    const first = report.figures[0]!;
    expect([first.id, first.published, first.last]).toEqual(["I", score.comparison.mainIndexes.I!.published, score.comparison.mainIndexes.I!.last]);
    expect(first.published).toBe(0.8123);
    const total = report.figures.find((f) => f.id === "total")!;
    expect([total.published, total.last]).toEqual([0.5234, 480]);
    expect(total.published).toBe(score.comparison.index.published);
    expect(report.figures.find((f) => f.id === "II")).toMatchObject({ published: null, last: null });
  }, 60_000);

  it("refuses a part, a bad --today and a master without a period, naming the file and the fix", async () => {
    const r = await run(["report", part, "--json"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Lỗi: ${part} là phần số liệu của Báo Ninh Thuận`);
    expect(r.stderr).toContain("không phải sổ tổng hợp");
    const bad = await run(["report", merged, "--json", "--today", "30/09/2026"]);
    expect(bad).toEqual({ code: 1, stdout: "", stderr: 'Lỗi: --today "30/09/2026": ngày phải có dạng YYYY-MM-DD, ví dụ 2026-09-30.\n' });
    const noOut = await run(["report", merged]);
    expect(noOut.code).toBe(1);
    expect(noOut.stderr).toContain("-o <bao-cao.xlsx>");
    const blank = path.join(dir, "khong-ky.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(master);
    const at = readName(wb, names.period);
    if (at.kind !== "value" || at.sheet === undefined || at.address === undefined) throw new Error("no DTI_PERIOD");
    wb.getWorksheet(at.sheet)!.getCell(at.address).value = null;
    await wb.xlsx.writeFile(blank);
    const none = await run(["report", blank, "--json"]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("sổ không ghi kỳ báo cáo (ô DTI_PERIOD");
  }, 60_000);
});
