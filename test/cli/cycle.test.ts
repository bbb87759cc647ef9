/**
 * The reporting cycle in the CLI (issue 11): the period and calendar a template records.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { formatPeriod, quarterOf } from "../../src/catalog/period";
import { run } from "../../src/cli/main";
import { readName, writeNamedValues } from "../../src/cli/xlsx";
import type { ScoreReport } from "../../src/engine/report";
import type { UnitInput } from "../../src/engine/types";
import { names } from "../../src/layout/names";
import { namedInputs } from "../support/named-inputs";

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

describe("dti trend: one unit across periods", () => {
  const sample = JSON.parse(readFileSync(path.join(__dirname, "../fixtures/sample-province.json"), "utf8")) as { units: UnitInput[] };
  const full = sample.units[0] as UnitInput;
  // The earlier quarter: the same unit, with two indicators not yet typed.
  const earlier: UnitInput = { ...full, values: Object.fromEntries(Object.entries(full.values).filter(([id]) => id !== "3.1" && id !== "6.2")) };

  async function filled(dir: string, name: string, period: string, unit: UnitInput): Promise<string> {
    const file = path.join(dir, name);
    expect((await run(["template", "-o", file, "--period", period])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(writeNamedValues(wb, namedInputs(unit))).toEqual([]);
    await wb.xlsx.writeFile(file);
    return file;
  }

  let dir = "";
  let q1 = "";
  let q2 = "";
  beforeAll(async () => {
    dir = scratch();
    q2 = await filled(dir, "quy-2.xlsx", "Quý II/2026", full);
    q1 = await filled(dir, "quy-1.xlsx", "Quý I/2026", earlier);
  }, 60_000);

  it("orders the periods and gives each period's figures exactly as dti score does, with the change", async () => {
    const r = await run(["trend", q2, q1, "--json"]);
    expect(r.code).toBe(0);
    const trend = JSON.parse(r.stdout) as {
      unit: string;
      periods: { period: string; file: string; total: number; index: number; mainIndexes: Record<string, number>; incomplete: number; change?: { total: number } }[];
    };
    expect(trend.unit).toBe("Ninh Thuận");
    expect(trend.periods.map((p) => [p.period, p.file])).toEqual([["Quý I/2026", q1], ["Quý II/2026", q2]]);
    for (const p of trend.periods) {
      const score = JSON.parse((await run(["score", p.file])).stdout) as ScoreReport & { period: string };
      const unit = score.units[0]!;
      expect(score.period).toBe(p.period);
      expect(p.total).toBe(unit.total.score);
      expect(p.index).toBe(unit.total.index);
      expect(p.mainIndexes).toEqual(Object.fromEntries(Object.entries(unit.pillars).map(([id, x]) => [id, x.score])));
      expect(p.incomplete).toBe(unit.total.incomplete.length);
    }
    const [first, second] = trend.periods;
    expect(first!.change).toBeUndefined();
    expect(second!.change!.total).toBeCloseTo(second!.total - first!.total, 9);
    // The earlier quarter lacks 3.1 and 6.2: counted, not scored as 0.
    expect(first!.incomplete).toBeGreaterThanOrEqual(2);
    expect(second!.total).toBeGreaterThan(first!.total);
  }, 60_000);

  it("prints a table in Vietnamese and writes the same table to a workbook", async () => {
    const out = path.join(dir, "xu-huong.xlsx");
    const r = await run(["trend", q1, q2, "-o", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Đơn vị: Ninh Thuận — bộ chỉ số dti-province-2022\n\nQuý I\/2026: tổng [\d,]+ điểm, chỉ số DTI 0,\d{4} — /u);
    expect(r.stdout).toMatch(/\d+ chỉ số chưa tính được điểm, không cộng vào tổng: .*3\.1/u);
    const json = JSON.parse((await run(["trend", q1, q2, "--json"])).stdout) as { periods: { period: string; total: number; index: number }[] };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("Xu hướng")!;
    expect(ws.getRow(3).getCell(1).value).toBe("Kỳ báo cáo");
    json.periods.forEach((p, i) => {
      const row = ws.getRow(4 + i);
      expect([row.getCell(1).value, row.getCell(2).value, row.getCell(4).value]).toEqual([p.period, p.total, p.index]);
    });
    // The change is a formula a person can check (this row minus the row above), carrying the figure.
    const change = ws.getRow(5).getCell(3).value as { formula?: string; result?: number };
    expect(change.formula).toBe("B5-B4");
    expect(change.result).toBeCloseTo(json.periods[1]!.total - json.periods[0]!.total, 9);
  }, 60_000);

  it("refuses two workbooks of one period, or of different units, naming the files", async () => {
    const twice = await run(["trend", q1, q1]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toBe(`Lỗi: kỳ Quý I/2026 có 2 sổ: ${q1}, ${q1}. Mỗi kỳ chỉ dùng một sổ.\n`);
    const other = await filled(dir, "ben-tre.xlsx", "Quý III/2026", { ...full, name: "Bến Tre", info: { ...full.info, 1: "Bến Tre" } });
    const mixed = await run(["trend", q1, other]);
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toContain(`"Ninh Thuận" (${q1}); "Bến Tre" (${other})`);
  }, 60_000);

  it("refuses a workbook that records no period, saying how to give it one", async () => {
    const file = path.join(dir, "cu.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(q1);
    writeNamedValues(wb, new Map([[names.period, null]]));
    await wb.xlsx.writeFile(file);
    const r = await run(["trend", file, q2]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}: sổ không ghi kỳ báo cáo (ô DTI_PERIOD, trang Thông tin chung)`);
    expect(r.stderr).toContain("template --update --period");
  }, 60_000);
});

describe("dti split: every part carries the period and its due date", () => {
  it("Quý III/2026 under Ninh Thuận's calendar: parts due 25/09/2026, shown at their top and in DTI_DUE_DATE", async () => {
    const dir = scratch();
    const master = path.join(dir, "tong-hop.xlsx");
    expect((await run(["template", "-o", master, "--period", "Quý III/2026"])).code).toBe(0);
    const r = await run(["split", master, "--by", "agency", "-o", path.join(dir, "phan")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Kỳ báo cáo Quý III/2026; hạn các cơ quan gửi Sở TTTT: 25/09/2026");
    for (const part of ["so-tttt.xlsx", "cuc-thong-ke.xlsx"]) {
      const file = path.join(dir, "phan", part);
      // 46290 is 25/09/2026 as an Excel date (1900 system).
      expect(await named(file, names.period, names.dueDate)).toEqual(["Quý III/2026", 46290]);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      expect(wb.getWorksheet("Thông tin chung")!.getCell("C4").numFmt).toBe("dd/mm/yyyy");
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(dir, "phan", "so-tttt.xlsx"));
    expect(String(wb.getWorksheet("Chỉ số DTI 2022")!.getCell("A1").value)).toContain("PHẦN CỦA Sở TTTT — Kỳ báo cáo: Quý III/2026 — Hạn gửi Sở TTTT: 25/09/2026");
  }, 90_000);

  it("Trà Vinh's calendar for the year: due 30/11; a master without a period makes parts without one, and says so", async () => {
    const dir = scratch();
    const master = path.join(dir, "nam.xlsx");
    expect((await run(["template", "-o", master, "--period", "Năm 2026", "--calendar", "tra-vinh"])).code).toBe(0);
    expect((await run(["split", master, "--by", "agency", "-o", path.join(dir, "a")])).stdout).toContain("hạn các cơ quan gửi Sở TTTT: 30/11/2026");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(master);
    writeNamedValues(wb, new Map([[names.period, null]]));
    const old = path.join(dir, "cu.xlsx");
    await wb.xlsx.writeFile(old);
    const r = await run(["split", old, "--by", "agency", "-o", path.join(dir, "b")]);
    expect(r.stdout).toContain("Sổ tổng hợp chưa ghi kỳ báo cáo (ô DTI_PERIOD, trang Thông tin chung)");
    expect(await named(path.join(dir, "b", "so-tttt.xlsx"), names.period, names.dueDate)).toEqual([null, null]);
  }, 90_000);
});

describe("dti merge: the period and the due date", () => {
  async function masterAndParts(dir: string, name: string, period: string): Promise<{ master: string; parts: string }> {
    const master = path.join(dir, `${name}.xlsx`);
    expect((await run(["template", "-o", master, "--period", period])).code).toBe(0);
    const parts = path.join(dir, name);
    expect((await run(["split", master, "--by", "agency", "-o", parts])).code).toBe(0);
    return { master, parts };
  }

  it("a part of another period is listed and not merged (exit 2) unless --accept-period; a late part is flagged, not refused", async () => {
    const dir = scratch();
    const q1 = await masterAndParts(dir, "q1", "Quý I/2026");
    const q4 = await masterAndParts(dir, "q4", "Quý IV/2099");
    const wrong = path.join(q1.parts, "so-tttt.xlsx");
    const refused = await run(["merge", q4.master, wrong, path.join(q4.parts, "cuc-thong-ke.xlsx"), "-o", path.join(dir, "a.xlsx")]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain(`Bỏ qua tệp: ${wrong}: phần của kỳ Quý I/2026, sổ tổng hợp là kỳ Quý IV/2099; không gộp. Nếu đúng là muốn gộp, thêm --accept-period`);
    expect(refused.stdout).toMatch(/^Đã gộp 1\/2 tệp phần/u);
    // Due 25/12/2099: on time, no flag.
    expect(refused.stdout).not.toContain("Nộp muộn");

    const accepted = await run(["merge", q4.master, wrong, "-o", path.join(dir, "b.xlsx"), "--accept-period"]);
    expect(accepted.stdout).toMatch(/^Đã gộp 1\/1 tệp phần/u);
    expect(accepted.stdout).toContain(`Lưu ý: ${wrong} là phần của kỳ Quý I/2026, sổ tổng hợp là kỳ Quý IV/2099; đã gộp vì được chấp nhận.`);

    // The first quarter of 2026 was due 25/03/2026: merged today, it is late, and merged all the same.
    const late = await run(["merge", q1.master, wrong, "-o", path.join(dir, "c.xlsx")]);
    expect(late.stdout).toMatch(/^Đã gộp 1\/1 tệp phần/u);
    expect(late.stdout).toMatch(new RegExp(`Nộp muộn: ${wrong.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(Sở TTTT\\) hạn gửi Sở TTTT 25/03/2026, gộp ngày \\d{2}/\\d{2}/\\d{4}\\.`, "u"));
  }, 120_000);
});

describe("Nhật ký gộp: every merge appends what it wrote", () => {
  it("one row per value written, old and new; a later merge appends; template --update keeps the sheet", async () => {
    const dir = scratch();
    const master = path.join(dir, "tong-hop.xlsx");
    expect((await run(["template", "-o", master, "--period", "Quý III/2026"])).code).toBe(0);
    // The master already holds 3.1 a = 100; the agency's part replaces it with 250 and adds b.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(master);
    expect(writeNamedValues(wb, new Map([[names.input("3.1", "a"), 100]]))).toEqual([]);
    await wb.xlsx.writeFile(master);
    expect((await run(["split", master, "--by", "agency", "-o", path.join(dir, "phan")])).code).toBe(0);
    const part = path.join(dir, "phan", "so-tttt.xlsx");
    const pw = new ExcelJS.Workbook();
    await pw.xlsx.readFile(part);
    expect(writeNamedValues(pw, new Map([[names.input("3.1", "a"), 250]]))).toEqual([]);
    await pw.xlsx.writeFile(part);

    const out = path.join(dir, "da-gop.xlsx");
    const r = await run(["merge", master, part, "-o", out]);
    expect(r.stdout).toContain('Nhật ký gộp: thêm 1 dòng (trang "Nhật ký gộp"');
    const logOf = async (file: string): Promise<unknown[][]> => {
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(file);
      const ws = book.getWorksheet("Nhật ký gộp");
      if (!ws) return [];
      const rows: unknown[][] = [];
      ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return rows;
    };
    const log = await logOf(out);
    expect(log[0]).toEqual(["Thời gian gộp", "Kỳ báo cáo", "Cơ quan", "Tệp phần", "Tên ô", "Ô trong sổ", "Giá trị cũ", "Giá trị mới"]);
    expect(log).toHaveLength(2);
    expect(log[1]).toEqual([expect.stringMatching(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/u), "Quý III/2026", "Sở TTTT", part, "DTI_3_1_a", expect.stringMatching(/^Chỉ số DTI 2022!G\d+$/u), 100, 250]);
    const sheet = new ExcelJS.Workbook();
    await sheet.xlsx.readFile(out);
    expect((sheet.getWorksheet("Nhật ký gộp") as unknown as { sheetProtection?: unknown }).sheetProtection).toMatchObject({ sheet: true });

    // The merged book is the next master: a second merge appends below the first.
    const pw2 = new ExcelJS.Workbook();
    await pw2.xlsx.readFile(part);
    expect(writeNamedValues(pw2, new Map([[names.input("3.1", "a"), 300]]))).toEqual([]);
    await pw2.xlsx.writeFile(part);
    const out2 = path.join(dir, "da-gop-2.xlsx");
    await run(["merge", out, part, "-o", out2]);
    const log2 = await logOf(out2);
    expect(log2).toHaveLength(3);
    expect(log2.slice(0, 2)).toEqual(log);
    expect(log2[2]!.slice(6)).toEqual([250, 300]);

    // template --update leaves the log as it is.
    expect((await run(["template", "-o", out2, "--update"])).code).toBe(0);
    expect(await logOf(out2)).toEqual(log2);
  }, 120_000);
});

describe("score and aggregate show the period", () => {
  it("aggregate prints the period all workbooks share, and notes when they differ; a period it cannot read is a warning naming the cell", async () => {
    const dir = scratch();
    const units = path.join(dir, "don-vi");
    mkdirSync(units);
    const make = async (name: string, period: string, unitName: string): Promise<string> => {
      const file = path.join(units, name);
      expect((await run(["template", "-o", file, "--period", period])).code).toBe(0);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      writeNamedValues(wb, new Map([[names.info(1), unitName]]));
      await wb.xlsx.writeFile(file);
      return file;
    };
    const a = await make("a.xlsx", "Quý III/2026", "Sở A");
    await make("b.xlsx", "Quý III/2026", "Sở B");
    const same = await run(["aggregate", units, "-o", path.join(dir, "xep-hang-1.xlsx")]);
    expect(same.stdout).toContain("\nKỳ báo cáo: Quý III/2026.\nXếp hạng");
    expect((JSON.parse((await run(["aggregate", units, "--json"])).stdout) as { period?: string }).period).toBe("Quý III/2026");
    await make("c.xlsx", "Quý II/2026", "Sở C");
    const mixed = await run(["aggregate", units, "-o", path.join(dir, "xep-hang-2.xlsx")]);
    expect(mixed.stdout).not.toContain("Kỳ báo cáo:");
    expect(mixed.stderr).toContain("Ghi chú: các sổ thuộc những kỳ báo cáo khác nhau (ô DTI_PERIOD): Quý III/2026: a.xlsx, b.xlsx; Quý II/2026: c.xlsx.");

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(a);
    writeNamedValues(wb, new Map([[names.period, "Quý 5/2026"]]));
    await wb.xlsx.writeFile(a);
    const bad = await run(["score", a]);
    expect(bad.code).toBe(0);
    expect(bad.stderr).toContain(`Cảnh báo: ${a}: Ô 'Thông tin chung'!C3 (DTI_PERIOD, kỳ báo cáo) ghi "Quý 5/2026", không phải "Quý I/2026" … "Quý IV/2026" hoặc "Năm 2026"; chọn kỳ trong danh sách.`);
    expect(JSON.parse(bad.stdout)).not.toHaveProperty("period");
  }, 120_000);
});
