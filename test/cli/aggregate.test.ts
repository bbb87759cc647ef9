/**
 * dti aggregate (issue 5): units in template workbooks scored together, min-max across them
 * checked by hand, the summary workbook's formulas (and, when LibreOffice is installed, its
 * recalculated values), --json equal to toReport, the lean reader equal to exceljs + readName,
 * and every bad input with its message and exit code.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { deflateRawSync, inflateRawSync } from "node:zlib";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { dtiProvince2022 as set } from "../../src/catalog";
import { aggregateCommand, readUnitFile } from "../../src/cli/aggregate";
import { openXlsx } from "../../src/cli/open-xlsx";
import { isFastNames, namedValueFrom, readDefinedNamesFast } from "../../src/xlsx/fast-names";
import { readName, writeLayoutToWorkbook, writeNamedValues } from "../../src/cli/xlsx";
import { toReport, type ScoreReport } from "../../src/engine/report";
import { scoreUnits } from "../../src/engine/score";
import type { UnitInput } from "../../src/engine/types";
import { buildWorkbookLayout } from "../../src/layout/build";
import type { CellContent } from "../../src/layout/model";
import { names } from "../../src/layout/names";
import { namesToRead, readInputs } from "../../src/layout/read-inputs";
import { namedInputs } from "../support/named-inputs";
import { entriesOf, writeZip } from "../xlsx/hostile";
import { messageVi } from "../../src/i18n/findings";

jest.setTimeout(120_000);

const root = path.resolve(__dirname, "../..");
const tmp = mkdtempSync(path.join(os.tmpdir(), "dti-aggregate-"));
const sample = (JSON.parse(readFileSync(path.join(root, "test/fixtures/sample-province.json"), "utf8")) as { units: UnitInput[] }).units[0] as UnitInput;
const blank = path.join(tmp, "mau-trong.xlsx");

/** The sample province under another name, 5.1 a = count, without the listed indicators; reference only when given. */
function unit(name: string, count: number, opts: { drop?: readonly string[]; reference?: UnitInput["reference"] } = {}): UnitInput {
  const values = { ...sample.values, "5.1": { a: count } } as Record<string, UnitInput["values"][string]>;
  for (const id of opts.drop ?? []) delete values[id];
  return { name, info: { ...sample.info, "1": name }, values, ...(opts.reference ? { reference: opts.reference } : {}) };
}

/** A template workbook with `unit` typed into it, plus any extra named values. */
async function unitFile(dir: string, file: string, u: UnitInput, extra: ReadonlyMap<string, CellContent> = new Map()): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(blank);
  expect(writeNamedValues(wb, namedInputs(u))).toEqual([]);
  expect(writeNamedValues(wb, extra)).toEqual([]);
  const p = path.join(dir, file);
  await wb.xlsx.writeFile(p);
  return p;
}

function freshDir(name: string): string {
  const dir = path.join(tmp, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

// 5.1 is min-max over the units (10 points): counts 10, 4, 7, 10 → (x − 4)/(10 − 4) × 10 = 10, 0, 5, 10.
// Everything else is the sample's, so totals differ by 5.1 only, except Sở Tài chính, which lacks 3.1.
// UBND huyện Ninh Hải typed reference values for 5.1 (0–100): they must not override the comparison.
const UNITS: [string, UnitInput][] = [
  ["1-noi-vu.xlsx", unit("Sở Nội vụ", 10)],
  ["2-tai-chinh.xlsx", unit("Sở Tài chính", 4, { drop: ["3.1"] })],
  ["3-ninh-hai.xlsx", unit("UBND huyện Ninh Hải", 7, { reference: { "5.1": { min: 0, max: 100 } } })],
  ["4-y-te.xlsx", unit("Sở Y tế", 10)],
];
let good: string;

beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  await writeLayoutToWorkbook(wb, buildWorkbookLayout(set), () => "rename");
  await wb.xlsx.writeFile(blank);
  good = freshDir("don-vi");
  for (const [file, u] of UNITS) await unitFile(good, file, u);
});

async function openWb(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Column number (1-based) of a header in row 1 that starts with `prefix`. */
function column(ws: ExcelJS.Worksheet, prefix: string): number {
  let found = 0;
  ws.getRow(1).eachCell((cell, n) => {
    if (!found && String(cell.value).startsWith(prefix)) found = n;
  });
  if (!found) throw new Error(`no column ${prefix} in ${ws.name}`);
  return found;
}

/** For every defined name the lean reader resolves, the NamedValue exceljs + readName give. */
async function compare(file: string): Promise<void> {
  const got = readDefinedNamesFast(readFileSync(file), file);
  if (!isFastNames(got)) throw new Error(`lean reader declined ${file}: ${JSON.stringify(got)}`);
  const fast = got;
  // A template's only names that are not one cell are its choice lists (ranges), reported as such.
  for (const [name, why] of fast.ambiguous) expect([name, why]).toEqual([name, { kind: "range", name, ref: expect.stringMatching(/!\$?[A-Z]+\$?\d+:\$?[A-Z]+\$?\d+$/) }]);
  const opened = await openXlsx(file);
  if ("error" in opened) throw new Error(opened.error);
  const all = new Set([...namesToRead(set), ...opened.workbook.definedNames.model.map((d) => d.name)]);
  let compared = 0;
  for (const name of all) {
    const lean = namedValueFrom(fast, name);
    if (lean === undefined || fast.ambiguous.has(name)) continue; // left to exceljs, or a range (a choice list)
    expect([name, lean]).toEqual([name, readName(opened.workbook, name)]);
    compared++;
  }
  expect(compared).toBeGreaterThan(600);
  for (const name of namesToRead(set)) expect([name, namedValueFrom(fast, name) === undefined]).toEqual([name, false]);
}
const formulaOf = (cell
: ExcelJS.Cell): string | undefined => (cell.value as { formula?: string } | null)?.formula;
/** The cached result of a formula cell (exceljs drops a falsy one from `value`; the cell still has it). */
const resultOf = (cell: ExcelJS.Cell): unknown => (cell.value as { result?: unknown }).result ?? (cell as unknown as { result?: unknown }).result;

describe("dti aggregate DIR -o SUMMARY.xlsx", () => {
  let out: string;
  let result: Awaited<ReturnType<typeof aggregateCommand>>;
  beforeAll(async () => {
    out = path.join(tmp, "tong-hop.xlsx");
    result = await aggregateCommand([good, "-o", out]);
  });

  it("exits 0, writes the file, prints the ranking (ties share a rank), the incomplete list and the reference note", () => {
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    expect(result.stdout).toMatch(/Đã ghi .*tong-hop\.xlsx: 4 đơn vị/);
    const lines = result.stdout.split("\n");
    const ranks = lines.filter((l) => /^ {2}\d+\. /.test(l)).map((l) => l.replace(/:.*/, "").trim());
    expect(ranks).toEqual(["1. Sở Nội vụ", "1. Sở Y tế", "3. UBND huyện Ninh Hải", "4. Sở Tài chính"]);
    expect(result.stdout).toMatch(/Chưa đủ số liệu \(1 đơn vị.*\n {2}- Sở Tài chính: 3\.1\n/);
    expect(result.stdout).toMatch(/giá trị tham chiếu nhập trong sổ của đơn vị không được dùng \(1 sổ có nhập\)/);
  });

  it("sheet Điểm: the engine's indicator scores (5.1 by hand: 10, 5, 0 by rank) under plain formulas", async () => {
    const wb = await openWb(out);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(["Xếp hạng", "Điểm", "Khoảng cách", "Chưa đủ số liệu", "Thông tin tổng hợp"]);
    const ws = wb.getWorksheet("Điểm")!;
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.getCell("A1").value).toBe("Hạng");
    expect(ws.getCell("B1").value).toBe("Đơn vị");
    const c51 = column(ws, "5.1 (");
    // Rows in rank order: Nội vụ, Y tế, Ninh Hải, Tài chính.
    expect([2, 3, 4, 5].map((r) => ws.getRow(r).getCell(2).value)).toEqual(["Sở Nội vụ", "Sở Y tế", "UBND huyện Ninh Hải", "Sở Tài chính"]);
    expect([2, 3, 4, 5].map((r) => ws.getRow(r).getCell(c51).value)).toEqual([10, 10, 5, 0]);
    expect(formulaOf(ws.getCell("A2"))).toBe("RANK(C2,$C$2:$C$5)");
    expect(formulaOf(ws.getCell("C2"))).toMatch(/^SUM\(E2:M2\)$/);
    expect(formulaOf(ws.getCell("D2"))).toBe("C2/1000");
    expect(ws.getCell("D2").numFmt).toBe("0.0000");
    // Pillar V = SUM of 5.1 … 5.12 (5.12 counted once), 5.12 = SUM of its children.
    const pV = column(ws, "V. ");
    const c512 = column(ws, "5.12 (");
    const letter = (n: number): string => ws.getColumn(n).letter;
    expect(formulaOf(ws.getRow(2).getCell(pV))).toBe(`SUM(${letter(c51)}2:${letter(c512)}2)`);
    expect(formulaOf(ws.getRow(2).getCell(c512))).toBe(`SUM(${letter(c512 + 1)}2:${letter(c512 + 6)}2)`);
    // Sở Tài chính has no 3.1 score: the cell is empty, so the SUMs add the known scores as the engine does.
    const c31 = column(ws, "3.1 (");
    expect(ws.getRow(5).getCell(c31).value).toBeNull();
    // Cached results agree with the engine.
    const report = JSON.parse((await aggregateCommand([good, "--json"])).stdout) as ScoreReport;
    const byName = new Map(report.units.map((u) => [u.name, u]));
    for (const r of [2, 3, 4, 5]) {
      const u = byName.get(ws.getRow(r).getCell(2).value as string)!;
      expect(resultOf(ws.getRow(r).getCell(3)) as number).toBeCloseTo(u.total.score, 9);
      expect(resultOf(ws.getRow(r).getCell(pV)) as number).toBeCloseTo(u.pillars["V"]!.score, 9);
      expect(resultOf(ws.getRow(r).getCell(1))).toBe([1, 1, 3, 4][r - 2]);
    }
  });

  it("sheets Xếp hạng, Khoảng cách, Chưa đủ số liệu and Thông tin tổng hợp", async () => {
    const wb = await openWb(out);
    const ranks = wb.getWorksheet("Xếp hạng")!;
    expect(formulaOf(ranks.getCell("A2"))).toBe("'Điểm'!A2");
    expect(formulaOf(ranks.getCell("C5"))).toBe("'Điểm'!C5");
    const missingCol = column(ranks, "Chỉ số chưa đủ");
    expect(ranks.getRow(5).getCell(missingCol).value).toBe("3.1");
    expect(ranks.getRow(2).getCell(missingCol).value).toBe("");

    const gaps = wb.getWorksheet("Khoảng cách")!;
    const g51 = column(gaps, "5.1 (");
    const scores = wb.getWorksheet("Điểm")!;
    const s51 = scores.getColumn(column(scores, "5.1 (")).letter;
    expect(formulaOf(gaps.getRow(4).getCell(g51))).toBe(`IF('Điểm'!${s51}4="","",MAX('Điểm'!$${s51}$2:$${s51}$5)-'Điểm'!${s51}4)`);
    expect([2, 3, 4, 5].map((r) => resultOf(gaps.getRow(r).getCell(g51)))).toEqual([0, 0, 5, 10]);
    expect(formulaOf(gaps.getCell("B4"))).toBe("MAX('Điểm'!$C$2:$C$5)-'Điểm'!C4");
    expect(resultOf(gaps.getCell("B4")) as number).toBeCloseTo(5, 9);

    const incomplete = wb.getWorksheet("Chưa đủ số liệu")!;
    expect(incomplete.getRow(2).values).toEqual(
      expect.arrayContaining([1, "Sở Tài chính", "2-tai-chinh.xlsx", "3.1", "thiếu số liệu"]),
    );
    expect(String(incomplete.getRow(2).getCell(7).value)).toMatch(/3\.1/);
    expect(incomplete.getRow(3).getCell(2).value).toBeNull();

    const info = wb.getWorksheet("Thông tin tổng hợp")!;
    const text = info.getColumn(2).values.map(String).join("\n");
    expect(text).toMatch(/tính trên 4 đơn vị của bảng này\. Giá trị tham chiếu \(DTI_REF_\*\) nhập trong sổ của từng đơn vị không được dùng \(1 sổ có nhập\)/);
  });

  it("recalculated by LibreOffice (when installed), the formulas give the engine's totals, index, ranks and gaps", async () => {
    // `npm run test:unit` is the fast loop without LibreOffice (jest.unit.config.js); `npm test` runs this.
    if (process.env.DTI_TEST_SCOPE === "unit") return;
    const which = spawnSync("sh", ["-c", "command -v soffice"], { encoding: "utf8" });
    if (which.status !== 0) {
      console.warn("soffice not installed: LibreOffice recalculation of the summary skipped");
      return;
    }
    // Drop the cached results, so that LibreOffice must compute every formula itself.
    const wb = await openWb(out);
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const f = formulaOf(cell);
          if (f !== undefined) cell.value = { formula: f } as ExcelJS.CellFormulaValue;
        }),
      );
    }
    const bare = path.join(tmp, "lo", "tong-hop-trong.xlsx");
    mkdirSync(path.dirname(bare), { recursive: true });
    await wb.xlsx.writeFile(bare);
    const outDir = path.join(tmp, "lo", "out");
    // A unit workbook re-saved by LibreOffice too: it must read as the same unit.
    const unitCopy = path.join(tmp, "lo", "1-noi-vu.xlsx");
    copyFileSync(path.join(good, "1-noi-vu.xlsx"), unitCopy);
    execFileSync("soffice", ["--headless", "--norestore", `-env:UserInstallation=file://${tmp}/lo/profile`, "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", outDir, bare, unitCopy], {
      stdio: "pipe",
      timeout: 100_000,
    });
    const resaved = await readUnitFile(path.join(outDir, "1-noi-vu.xlsx"), set);
    const original = await readUnitFile(path.join(good, "1-noi-vu.xlsx"), set);
    expect(resaved.ok && original.ok).toBe(true);
    if (resaved.ok && original.ok) expect(resaved.unit).toEqual(original.unit);
    await compare(path.join(outDir, "1-noi-vu.xlsx"));
    const lo = await openWb(path.join(outDir, "tong-hop-trong.xlsx"));
    const value = (ws: ExcelJS.Worksheet, ref: string): unknown => {
      const cell = ws.getCell(ref);
      const v = cell.value as { formula?: string; result?: unknown } | number | null;
      // exceljs drops a falsy cached result (0) from `value`; the cell still has it.
      return v !== null && typeof v === "object" && "formula" in v ? (v.result ?? (cell as unknown as { result?: unknown }).result) : v;
    };
    const scores = lo.getWorksheet("Điểm")!;
    const gaps = lo.getWorksheet("Khoảng cách")!;
    const ranks = lo.getWorksheet("Xếp hạng")!;
    const report = JSON.parse((await aggregateCommand([good, "--json"])).stdout) as ScoreReport;
    const byName = new Map(report.units.map((u) => [u.name, u]));
    const best = Math.max(...report.units.map((u) => u.total.score));
    const expectedRanks = [1, 1, 3, 4];
    for (const r of [2, 3, 4, 5]) {
      const u = byName.get(value(scores, `B${r}`) as string)!;
      expect(value(scores, `A${r}`)).toBe(expectedRanks[r - 2]);
      expect(value(scores, `C${r}`) as number).toBeCloseTo(u.total.score, 9);
      expect(value(scores, `D${r}`) as number).toBeCloseTo(u.total.index, 12);
      expect(value(ranks, `C${r}`) as number).toBeCloseTo(u.total.score, 9);
      expect(value(gaps, `B${r}`) as number).toBeCloseTo(best - u.total.score, 9);
    }
  });

  it("refuses to overwrite an existing output file (exit 1, file unchanged)", async () => {
    const before = readFileSync(out);
    const r = await aggregateCommand([good, "-o", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/tong-hop\.xlsx đã có\. Không ghi đè/);
    expect(readFileSync(out).equals(before)).toBe(true);
  });

  it("its own summary given back as input is recognised and skipped (exit 2)", async () => {
    const dir = freshDir("lan-hai");
    for (const [file] of UNITS) copyFileSync(path.join(good, file), path.join(dir, file));
    copyFileSync(out, path.join(dir, "tong-hop-cu.xlsx"));
    const r = await aggregateCommand([dir, "--json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Bỏ qua .*tong-hop-cu\.xlsx: đây là bảng tổng hợp do "dti aggregate" tạo/);
    expect((JSON.parse(r.stdout) as ScoreReport).units).toHaveLength(4);
  });
});

describe("dti aggregate --json", () => {
  it("prints toReport over all units, scored together without the workbooks' reference values", async () => {
    const r = await aggregateCommand([good, "--json"]);
    expect(r.code).toBe(0);
    const got = JSON.parse(r.stdout) as ScoreReport;
    // The same units read the slow way (exceljs + readName), references removed, scored together.
    const units: UnitInput[] = [];
    for (const [file] of UNITS) {
      const opened = await openXlsx(path.join(good, file));
      if ("error" in opened) throw new Error(opened.error);
      const { reference: _ignored, ...u } = readInputs(set, (n) => readName(opened.workbook, n), file).unit;
      units.push(u);
    }
    expect(got).toEqual(JSON.parse(JSON.stringify(toReport(set, scoreUnits(set, units), {}, messageVi))));
    expect(got.units.map((u) => u.indicators["5.1"]?.score)).toEqual([10, 0, 5, 10]);
    expect(got.units.map((u) => u.total.incomplete)).toEqual([[], ["3.1"], [], []]);
    // The human summary goes to stderr, so stdout stays JSON.
    expect(r.stderr).toMatch(/Xếp hạng/);
    expect(r.stderr).toMatch(/giá trị tham chiếu nhập trong sổ của đơn vị không được dùng/);
  });

  it("a unit alone: min-max needs a reference, and the typed one is still not used", async () => {
    const r = await aggregateCommand([path.join(good, "3-ninh-hai.xlsx"), "--json"]);
    expect(r.code).toBe(0);
    const got = JSON.parse(r.stdout) as ScoreReport;
    expect(got.units[0]?.indicators["5.1"]).toMatchObject({ score: null, status: "needs-reference" });
    expect(r.stderr).toMatch(/chỉ có 1 đơn vị/);
  });
});

describe("the lean reader gives what exceljs + readName give", () => {
  it("on a filled template (numbers, choice labels, text, link formulas, reference values)", async () => {
    await compare(path.join(good, "3-ninh-hai.xlsx"));
  });

  it("on a workbook edited by hand: a link formula typed over, a text in a number cell, an Excel error", async () => {
    const file = await unitFile(freshDir("sua-tay"), "sua-tay.xlsx", unit("Xã X", 3), new Map<string, CellContent>([[names.input("5.3", "a"), "ba mươi"]]));
    const wb = await openWb(file);
    const b = readName(wb, names.input("3.1", "b"));
    if (b.kind !== "value") throw new Error("no 3.1 b");
    wb.getWorksheet(b.sheet)!.getCell(b.address).value = 123456;
    const e = readName(wb, names.input("5.4", "a"));
    if (e.kind !== "value") throw new Error("no 5.4 a");
    wb.getWorksheet(e.sheet)!.getCell(e.address).value = { error: "#DIV/0!" } as ExcelJS.CellErrorValue;
    await wb.xlsx.writeFile(file);
    await compare(file);
  });
});

describe("bad input: a Vietnamese message naming the file, the others still aggregated", () => {
  it("not .xlsx, corrupt, password-protected, another set, a newer template, a duplicate unit → exit 2", async () => {
    const dir = freshDir("loi");
    for (const [file] of UNITS.slice(0, 3)) copyFileSync(path.join(good, file), path.join(dir, file));
    writeFileSync(path.join(dir, "hong.xlsx"), Buffer.concat([Buffer.from("PK\x03\x04"), Buffer.alloc(200, 7)]));
    writeFileSync(path.join(dir, "mat-khau.xlsx"), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]));
    writeFileSync(path.join(dir, "so-lieu.xls"), "old");
    writeFileSync(path.join(dir, "ghi-chu.txt"), "not a spreadsheet, ignored");
    await unitFile(dir, "bo-khac.xlsx", unit("Sở Xây dựng", 5), new Map<string, CellContent>([[names.metaSet, "dti-huyen-2023"]]));
    await unitFile(dir, "mau-moi.xlsx", unit("Sở Công Thương", 5), new Map<string, CellContent>([[names.metaVersion, 99]]));
    await unitFile(dir, "z-trung.xlsx", unit("  sở NỘI VỤ ", 2));
    const notXlsx = path.join(tmp, "bao-cao.pdf");
    writeFileSync(notXlsx, "%PDF-1.4");
    const out = path.join(tmp, "tong-hop-loi.xlsx");
    const r = await aggregateCommand([dir, notXlsx, "-o", out]);
    expect(r.code).toBe(2);
    expect(existsSync(out)).toBe(true);
    const err = r.stderr;
    expect(err).toMatch(/Bỏ qua .*bao-cao\.pdf: không phải tệp \.xlsx/);
    expect(err).toMatch(/Bỏ qua .*hong\.xlsx: tệp \.xlsx bị hỏng, không đọc được/);
    expect(err).toMatch(/Bỏ qua .*mat-khau\.xlsx: tệp được đặt mật khẩu hoặc là định dạng \.xls cũ/);
    expect(err).toMatch(/Bỏ qua .*so-lieu\.xls: không phải tệp \.xlsx; hãy mở bằng Excel và lưu lại dưới dạng \.xlsx/);
    expect(err).toMatch(/Bỏ qua .*bo-khac\.xlsx: Sổ làm việc dùng bộ chỉ số "dti-huyen-2023", không phải "dti-province-2022"/);
    expect(err).toMatch(/Bỏ qua .*mau-moi\.xlsx: Mẫu trong sổ là phiên bản 99, mới hơn/);
    expect(err).toMatch(/Bỏ qua .*z-trung\.xlsx: cùng đơn vị "sở NỘI VỤ" với tệp .*1-noi-vu\.xlsx.*giữ tệp .*1-noi-vu\.xlsx, bỏ tệp này/);
    expect(err).not.toMatch(/ghi-chu\.txt/);
    expect(err).toMatch(/Đã bỏ qua 7 tệp; tổng hợp 3 đơn vị còn lại \(mã thoát 2\)/);
    expect(r.stdout).toMatch(/3 đơn vị/);
    // The skipped files are listed in the summary too.
    const info = (await openWb(out)).getWorksheet("Thông tin tổng hợp")!;
    expect(info.getColumn(1).values.filter((v) => v === "Tệp bị bỏ qua")).toHaveLength(7);
  });

  it("nothing usable → exit 1, nothing written", async () => {
    const dir = freshDir("hong-het");
    writeFileSync(path.join(dir, "a.xlsx"), "not a zip");
    const out = path.join(tmp, "khong-ghi.xlsx");
    const r = await aggregateCommand([dir, "-o", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Bỏ qua .*a\.xlsx: không phải tệp \.xlsx\./);
    expect(r.stderr).toMatch(/không có đơn vị nào dùng được/);
    expect(existsSync(out)).toBe(false);
  });

  it("an empty directory, or one without .xlsx files → exit 1", async () => {
    const empty = freshDir("rong");
    let r = await aggregateCommand([empty, "--json"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Lỗi: thư mục .*rong không có tệp \.xlsx nào\./);
    const other = freshDir("chi-co-pdf");
    writeFileSync(path.join(other, "x.pdf"), "%PDF");
    r = await aggregateCommand([other, "--json"]);
    expect(r.code).toBe(1);
  });

  it("bad arguments → exit 1 with the usage", async () => {
    for (const args of [[], [good], [good, "-o", path.join(tmp, "x.csv")], [good, "--khong-co"], [good, "-o", path.join(tmp, "khong-co-thu-muc", "x.xlsx")]]) {
      const r = await aggregateCommand(args);
      expect([args, r.code]).toEqual([args, 1]);
      expect(r.stderr).toMatch(/^Lỗi: /);
    }
    expect((await aggregateCommand([])).stderr).toMatch(/aggregate <tệp\.xlsx…\|thư mục> -o <tổng hợp\.xlsx>/);
  });

  it("a missing file among good ones is skipped (exit 2)", async () => {
    const r = await aggregateCommand([path.join(good, "1-noi-vu.xlsx"), path.join(good, "khong-co.xlsx"), path.join(good, "4-y-te.xlsx"), "--json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Bỏ qua .*khong-co\.xlsx: không tìm thấy tệp\./);
    expect((JSON.parse(r.stdout) as ScoreReport).units.map((u) => u.name)).toEqual(["Sở Nội vụ", "Sở Y tế"]);
  });
});

describe("ambiguous defined names are reported by name, never resolved (issue 9)", () => {
  it("an input name defined twice, or pointing at a range: the unit is read without it and the name is in the warnings", async () => {
    const dir = freshDir("mo-ho");
    const file = await unitFile(dir, "so-noi-vu.xlsx", unit("Sở Nội vụ", 10));
    const twice = names.input("5.1", "a");
    const range = names.input("3.1", "a");
    const bytes = new Uint8Array(readFileSync(file));
    const entries = entriesOf(bytes).map((e) => {
      if (e.name !== "xl/workbook.xml") return e;
      const xml = new TextDecoder()
        .decode(inflateRawSync(e.data))
        // A second definition of the 5.1 input, elsewhere; the 3.1 input widened to a range.
        .replace("</definedNames>", `<definedName name="${twice}">'Thông tin chung'!$C$4</definedName></definedNames>`)
        .replace(new RegExp(`(<definedName name="${range}">[^<]*!)(\\$[A-Z]+\\$\\d+)<`), "$1$2:$2<");
      return { ...e, data: deflateRawSync(xml), size: Buffer.byteLength(xml) };
    });
    writeFileSync(file, writeZip(entries));
    const got = await readUnitFile(file, set);
    if (!got.ok) throw new Error(got.error);
    const said = got.warnings.join("\n");
    expect(said).toContain(`Tên ${twice}`);
    // Reported as ambiguous, in the words of the exceljs and Office.js paths (../../src/layout/name-scope.ts).
    expect(said).toMatch(new RegExp(`Tên ${twice}.*không rõ trỏ tới ô nào: tên ${twice} được định nghĩa 2 lần cho cả sổ`));
    expect(said).toMatch(new RegExp(`Tên ${range}.*không rõ trỏ tới ô nào: tên ${range} trỏ tới vùng nhiều ô .*, không phải một ô;`));
    // Neither cell is guessed: 5.1's a and 3.1's a are not read.
    expect(got.unit.values["5.1"]?.a).toBeUndefined();
    expect(got.unit.values["3.1"]?.a).toBeUndefined();
  });
});

describe("readUnitFile", () => {
  it("reads a unit with its workbook options and warnings, never throwing", async () => {
    const r = await readUnitFile(path.join(good, "1-noi-vu.xlsx"), set);
    expect(r.ok && r.unit.name).toBe("Sở Nội vụ");
    const bad = await readUnitFile(path.join(tmp, "khong-co.xlsx"), set);
    expect(bad).toMatchObject({ ok: false, error: "không tìm thấy tệp." });
  });
});

describe("units of a set that is not built in (the district example)", () => {
  it("finds the set in the workbooks' sheet 'Bộ chỉ số' without --set, and --set accepts the set file", async () => {
    const { run } = await import("../../src/cli/main");
    const setFile = path.join(root, "test/fixtures/sets/district-example.json");
    const data = JSON.parse(readFileSync(path.join(root, "test/fixtures/district-units.json"), "utf8")) as { units: UnitInput[] };
    const dir = freshDir("huyen");
    const template = path.join(tmp, "mau-huyen.xlsx");
    expect((await run(["template", "-o", template, "--set", setFile])).code).toBe(0);
    const { resolveSet } = await import("../../src/cli/set-file");
    const district = await resolveSet(setFile);
    for (const [n, u] of data.units.entries()) {
      const wb = await openWb(template);
      expect(writeNamedValues(wb, namedInputs(u, {}, district)).filter((x) => !x.startsWith("DTI_OPT"))).toEqual([]);
      await wb.xlsx.writeFile(path.join(dir, `${n + 1}.xlsx`));
    }
    expect(data.units.length).toBeGreaterThanOrEqual(3);
    const expected = toReport(district, scoreUnits(district, data.units.map(({ reference: _r, ...u }) => u)), {}, messageVi);
    const found = await aggregateCommand([dir, "--json"]);
    expect(found.code).toBe(0);
    const report = JSON.parse(found.stdout) as ScoreReport;
    expect(report.indicatorSet).toBe("huyen-2023");
    expect(report.units.map((u) => [u.name, u.total])).toEqual(expected.units.map((u) => [u.name, u.total]));
    const given = await aggregateCommand([dir, "--json", "--set", setFile]);
    expect(JSON.parse(given.stdout)).toEqual(report);
  });
});
