/**
 * The .xlsx templates written by the CLI: the layout by golden snapshot, the file holding
 * exactly that layout, scoring a filled file like the same values as JSON, never losing
 * data, and clear reports on hand-edited workbooks.
 */
import { mkdtempSync, readFileSync, writeFileSync, existsSync, mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { run } from "../../src/cli/main";
import { readName, writeLayoutToWorkbook, writeNamedValues } from "../../src/cli/xlsx";
import { dtiProvince2022 as set } from "../../src/catalog";
import type { ScoreReport } from "../../src/engine/report";
import type { UnitInput } from "../../src/engine/types";
import { buildWorkbookLayout } from "../../src/layout/build";
import { ninhThuan2022TaskList } from "../../src/catalog/tasks/ninh-thuan-2022";
import { names } from "../../src/layout/names";
import { cellLevelSnapshot, sheetSnapshot, workbookSnapshot } from "../../src/layout/snapshot";
import { namedInputs } from "../support/named-inputs";
import { xlsxCellSnapshot } from "../support/xlsx-snapshot";

const root = path.resolve(__dirname, "../..");
const tmp = mkdtempSync(path.join(os.tmpdir(), "dti-xlsx-"));
const golden = path.join(root, "test/golden");

function expectGolden(file: string, text: string): void {
  const p = path.join(golden, file);
  if (process.env.UPDATE_GOLDEN === "1") {
    mkdirSync(path.dirname(p), { recursive: true });
    writeFileSync(p, text);
  }
  if (!existsSync(p)) throw new Error(`golden file ${p} is missing: review the layout, then run UPDATE_GOLDEN=1 npx jest test/cli/xlsx`);
  expect(text).toBe(readFileSync(p, "utf8"));
}

async function open(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

const sample = (JSON.parse(readFileSync(path.join(root, "test/fixtures/sample-province.json"), "utf8")) as { units: UnitInput[] }).units[0] as UnitInput;

describe("golden files: a readable snapshot of each template layout", () => {
  const portable = buildWorkbookLayout(set);
  it.each(portable.sheets.map((s) => [s.name, s] as const))("sheet %s", (_name, sheet) => {
    expectGolden(`dti-province-2022/${sheet.role}.txt`, sheetSnapshot(sheet));
  });
  it("names and workbook metadata", () => {
    const text = workbookSnapshot({ ...portable, sheets: [] });
    expectGolden("dti-province-2022/names.txt", text);
  });
  it("the DTI.* variant of the indicator sheet", () => {
    const fx = buildWorkbookLayout(set, { formulas: "functions" });
    expectGolden("dti-province-2022/indicators.functions.txt", sheetSnapshot(fx.sheets.find((s) => s.role === "indicators")!));
  });
});

describe("dti template -o FILE.xlsx", () => {
  const file = path.join(tmp, "mau.xlsx");

  it("writes the layout exactly: every cell, format, validation and name", async () => {
    const r = await run(["template", "-o", file, "--with-sample-tasks", "--period", "Quý III/2026"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Tạo trang tính mới "Chỉ số DTI 2022"/);
    expect(r.stdout).toMatch(/exceljs không vẽ được biểu đồ/);
    const layout = buildWorkbookLayout(set, { sampleTasks: ninhThuan2022TaskList, period: { kind: "quarter", year: 2026, quarter: 3 } });
    const wb = await open(file);
    expect(xlsxCellSnapshot(wb, layout)).toBe(cellLevelSnapshot(layout));
  });

  it("records the indicator set and template version", async () => {
    const wb = await open(file);
    expect(readName(wb, names.metaSet)).toMatchObject({ kind: "value", value: "dti-province-2022" });
    expect(readName(wb, names.metaVersion)).toMatchObject({ kind: "value", value: 1 });
    expect(wb.getWorksheet("DTI_META")?.state).toBe("veryHidden");
  });

  it("never overwrites an existing file without --update", async () => {
    const before = readFileSync(file);
    const r = await run(["template", "-o", file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/đã có\. Không ghi đè: dùng --update/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

describe("dti score FILE.xlsx equals dti score on the same values as JSON", () => {
  it("the sample province, typed into a template", async () => {
    const file = path.join(tmp, "ninh-thuan.xlsx");
    await run(["template", "-o", file]);
    const wb = await open(file);
    expect(writeNamedValues(wb, namedInputs(sample))).toEqual([]);
    await wb.xlsx.writeFile(file);
    const fromXlsx = await run(["score", file]);
    expect(fromXlsx.code).toBe(0);
    const json = path.join(tmp, "ninh-thuan.json");
    writeFileSync(json, JSON.stringify({ indicatorSet: set.id, units: [sample] }));
    const fromJson = await run(["score", json]);
    const a = JSON.parse(fromXlsx.stdout) as ScoreReport;
    const b = JSON.parse(fromJson.stdout) as ScoreReport;
    expect(a.units[0]?.name).toBe("Ninh Thuận");
    expect(a.units[0]?.total).toEqual(b.units[0]?.total);
    expect(a.units[0]?.pillars).toEqual(b.units[0]?.pillars);
    for (const id of Object.keys(b.units[0]?.indicators ?? {})) {
      expect([id, a.units[0]?.indicators[id]?.score, a.units[0]?.indicators[id]?.status]).toEqual([id, b.units[0]?.indicators[id]?.score, b.units[0]?.indicators[id]?.status]);
    }
  });

  it("names the unit by the file when general item 1 is empty, with a warning", async () => {
    const file = path.join(tmp, "so-y-te.xlsx");
    await run(["template", "-o", file]);
    const r = await run(["score", file]);
    expect((JSON.parse(r.stdout) as ScoreReport).units[0]?.name).toBe("so-y-te");
    expect(r.stderr).toMatch(/Cảnh báo: .*Chưa nhập tên đơn vị/);
  });
});

describe("never lose data: --update keeps every typed value, matched by name", () => {
  it("an update in place keeps inputs, even one whose cell moved, and other sheets", async () => {
    const file = path.join(tmp, "cap-nhat.xlsx");
    await run(["template", "-o", file]);
    let wb = await open(file);
    writeNamedValues(wb, namedInputs(sample));
    // Typed annotations and a task typed into the tracker are data too.
    writeNamedValues(wb, new Map([[names.evidence("3.1"), "Báo cáo 12/BC-STTTT"], [names.infoNote(4), "Niên giám 2021"]]));
    wb.getWorksheet("Nhiệm vụ")!.getCell("B5").value = "Nhiệm vụ do phòng tự thêm";
    // The user's own sheet, and an input cell that moved (as when rows are inserted).
    wb.addWorksheet("Ghi chép riêng").getCell("B2").value = "của tôi";
    const moved = readName(wb, names.input("3.1", "a"));
    if (moved.kind !== "value") throw new Error("no 3.1 a");
    const ws = wb.getWorksheet(moved.sheet) as ExcelJS.Worksheet;
    ws.getCell("W200").value = 321000;
    delete (wb.definedNames as unknown as { matrixMap: Record<string, unknown> }).matrixMap[names.input("3.1", "a")];
    wb.definedNames.add(`'${moved.sheet}'!$W$200`, names.input("3.1", "a"));
    await wb.xlsx.writeFile(file);

    const r = await run(["template", "-o", file, "--update"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Cập nhật trang tính "Chỉ số DTI 2022".*giữ nguyên/);
    wb = await open(file);
    expect(readName(wb, names.input("3.1", "a"))).toMatchObject({ kind: "value", value: 321000, address: "G51" });
    expect(readName(wb, names.info(4))).toMatchObject({ kind: "value", value: 596000 });
    expect(readName(wb, names.input("1.1", "a"))).toMatchObject({ kind: "value", value: "Trưởng ban là Bí thư/Chủ tịch tỉnh" });
    expect(wb.getWorksheet("Ghi chép riêng")?.getCell("B2").value).toBe("của tôi");
    expect(readName(wb, names.evidence("3.1"))).toMatchObject({ kind: "value", value: "Báo cáo 12/BC-STTTT" });
    expect(readName(wb, names.infoNote(4))).toMatchObject({ kind: "value", value: "Niên giám 2021" });
    expect(wb.getWorksheet("Nhiệm vụ")?.getCell("B5").value).toBe("Nhiệm vụ do phòng tự thêm");
    expect(r.stdout).toMatch(/Giữ nguyên trang tính "Nhiệm vụ"/);
    const score = JSON.parse((await run(["score", file])).stdout) as ScoreReport;
    expect(score.units[0]?.indicators["3.1"]?.score).toBeCloseTo((321000 / 596000) * 10, 12);
  });

  it("inserting into a workbook with a user's sheet of the same name creates a new one beside it", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Tổng hợp").getCell("A1").value = "bảng của phòng";
    const result = await writeLayoutToWorkbook(wb, buildWorkbookLayout(set), () => "rename");
    expect(result.plan.summary.join(" ")).toMatch(/"Tổng hợp" đã có: tạo trang mới "Tổng hợp \(2\)"/);
    expect(wb.getWorksheet("Tổng hợp")?.getCell("A1").value).toBe("bảng của phòng");
    expect(readName(wb, names.total)).toMatchObject({ sheet: "Tổng hợp (2)" });
  });

  it("cancel writes nothing", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Thông tin chung").getCell("C4").value = 123;
    const result = await writeLayoutToWorkbook(wb, buildWorkbookLayout(set), () => "cancel");
    expect(result.plan.cancelled).toBe(true);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Thông tin chung"]);
    expect(wb.getWorksheet("Thông tin chung")?.getCell("C4").value).toBe(123);
  });
});

describe("hand-edited or foreign workbooks are reported exactly, never misread", () => {
  it("a deleted named cell is named in the report, and the rest is still scored", async () => {
    const file = path.join(tmp, "sua-tay.xlsx");
    await run(["template", "-o", file]);
    const wb = await open(file);
    writeNamedValues(wb, namedInputs(sample));
    delete (wb.definedNames as unknown as { matrixMap: Record<string, unknown> }).matrixMap[names.input("6.12", "b")];
    await wb.xlsx.writeFile(file);
    const r = await run(["score", file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Lỗi: .*Thiếu ô có tên DTI_6_12_b \(chỉ số 6\.12\)/);
    const report = JSON.parse(r.stdout) as ScoreReport;
    expect(report.units[0]?.indicators["6.12"]?.status).toBe("missing");
    expect(report.units[0]?.indicators["3.1"]?.status).toBe("ok");
  });

  it("a workbook that is not a template", async () => {
    const file = path.join(tmp, "khac.xlsx");
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Sheet1").getCell("A1").value = 1;
    await wb.xlsx.writeFile(file);
    const r = await run(["score", file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Không nhận ra mẫu DTI/);
  });

  it("a newer template version: a clear message, nothing read", async () => {
    const file = path.join(tmp, "moi-hon.xlsx");
    await run(["template", "-o", file]);
    const wb = await open(file);
    wb.getWorksheet("DTI_META")!.getCell("B2").value = 99;
    await wb.xlsx.writeFile(file);
    const r = await run(["score", file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/phiên bản 99, mới hơn/);
  });

  it.each([
    ["not an xlsx", Buffer.from("xin chào"), /không phải tệp \.xlsx/],
    ["corrupt", Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(64, 7)]), /bị hỏng/],
    ["password-protected", Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(64)]), /đặt mật khẩu/],
  ])("a file that is %s", async (_what, bytes, message) => {
    const file = path.join(tmp, `hong-${Math.random().toString(36).slice(2)}.xlsx`);
    writeFileSync(file, bytes);
    const r = await run(["score", file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain(file);
  });
});

describe("sheet protection", () => {
  it("is on by default (no password) and --no-protect turns it off", async () => {
    const on = path.join(tmp, "khoa.xlsx");
    const off = path.join(tmp, "khong-khoa.xlsx");
    await run(["template", "-o", on]);
    await run(["template", "-o", off, "--no-protect"]);
    const protectedOf = async (file: string) =>
      (await open(file)).worksheets.map((ws) => Boolean((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet));
    expect(await protectedOf(on)).toEqual([true, true, true, true, true, true, true]);
    expect(await protectedOf(off)).toEqual([false, false, false, false, false, false, false]);
  });
});
