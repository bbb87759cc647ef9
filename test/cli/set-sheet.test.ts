/**
 * An indicator set as a sheet of an .xlsx file, through the command line (issue 5, item 4):
 * `catalog --xlsx -o` writes it, `--set file.xlsx` reads it back for catalog, template and
 * score, a template of a set that is not built in carries it so that `score` needs no --set,
 * and every problem names the file, the sheet and the cell.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { dtiProvince2022 } from "../../src/catalog";
import { loadIndicatorSetFile } from "../../src/cli/set-file";
import { indicatorSetToSheet, SET_SHEET_COLUMNS, SET_SHEET_NAME } from "../../src/layout/set-sheet";
import { run } from "../../src/cli/main";
import { setsKnownTo } from "../../src/cli/set-xlsx";
import { writeNamedValues } from "../../src/cli/xlsx";
import type { ScoreReport } from "../../src/engine/report";
import type { UnitInput } from "../../src/engine/types";
import { buildWorkbookLayout } from "../../src/layout/build";
import { namedInputs } from "../support/named-inputs";

const root = path.resolve(__dirname, "../..");
const districtFile = path.join(root, "test/fixtures/sets/district-example.json");
const district = loadIndicatorSetFile(districtFile);
let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "dti-set-sheet-"));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const out = (name: string): string => path.join(tmp, name);

async function ok(args: string[]): Promise<string> {
  const r = await run(args);
  if (r.code !== 0) throw new Error(`dti ${args.join(" ")} → ${r.code}: ${r.stderr}`);
  return r.stdout;
}

/** Opens an .xlsx file, lets `edit` change it, saves it as `to`. */
async function edited(from: string, to: string, edit: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(from);
  edit(wb);
  await wb.xlsx.writeFile(to);
  return to;
}

/** The 1-based row of the item with this "Loại" and "Mã" in the sheet of `set`. */
function rowOf(set: typeof district, kind: string, id: string): number {
  return indicatorSetToSheet(set).grid.findIndex((r) => r[0] === kind && String(r[1]) === id) + 1;
}
const columnOf = (key: string): number => SET_SHEET_COLUMNS.findIndex((c) => c.key === key) + 1;

describe("catalog --xlsx -o, then --set file.xlsx", () => {
  it.each([
    ["dti-province-2022", "dti-province-2022"],
    ["dti-province-2020", "dti-province-2020"],
    ["huyen-2023", districtFile],
  ])("%s: the set written to .xlsx reads back as the same set", async (id, set) => {
    const file = out(`${id}.xlsx`);
    expect(await ok(["catalog", "--set", set, "--xlsx", "-o", file])).toMatch(new RegExp(`^Đã ghi .*: bộ chỉ số "${id}" ở trang "${SET_SHEET_NAME}"`));
    expect(await ok(["catalog", "--set", file, "--json"])).toBe(await ok(["catalog", "--set", set, "--json"]));
    expect(await ok(["catalog", "--set", file])).toBe(await ok(["catalog", "--set", set]));
  });

  it("writes a sheet people can work in: bold frozen header, wrapped text, widths, ids kept as text", async () => {
    const file = out("layout.xlsx");
    await ok(["catalog", "--set", districtFile, "--xlsx", "-o", file]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual([SET_SHEET_NAME]);
    const ws = wb.getWorksheet(SET_SHEET_NAME) as ExcelJS.Worksheet;
    const header = indicatorSetToSheet(district).headerRow + 1;
    expect(ws.getCell(header, 1).value).toBe("Loại");
    expect(ws.getCell(header, 1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: header });
    expect(ws.getColumn(columnOf("rule")).width).toBe(48);
    const r = rowOf(district, "Chỉ số", "1.1");
    expect(ws.getCell(r, columnOf("id")).value).toBe("1.1");
    expect(ws.getCell(r, columnOf("id")).numFmt).toBe("@");
    expect(ws.getCell(r, columnOf("scoringText")).alignment?.wrapText).toBe(true);
    // The rule as its file writes it (the in-memory tags left out, as before they existed).
    expect(ws.getCell(r, columnOf("rule")).value).toBe(JSON.stringify(JSON.parse(readFileSync(districtFile, "utf8")).indicators[0]?.rule));
  });

  it("never overwrites a file, and asks for -o with --xlsx", async () => {
    const file = out("exists.xlsx");
    writeFileSync(file, "do not touch");
    const r = await run(["catalog", "--xlsx", "-o", file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`Lỗi: ${file} đã có. Không ghi đè: hãy chọn tên tệp khác.\n`);
    expect(readFileSync(file, "utf8")).toBe("do not touch");
    expect((await run(["catalog", "--xlsx"])).stderr).toMatch(/^Lỗi: --xlsx cần tên tệp ra: -o <tệp\.xlsx>\./);
    expect((await run(["catalog", "-o", out("x.xlsx")])).stderr).toMatch(/^Lỗi: -o chỉ dùng cùng --xlsx/);
  });

  it("finds the set on a sheet renamed by the user, by its title in A1", async () => {
    const file = out("renamed-src.xlsx");
    await ok(["catalog", "--set", districtFile, "--xlsx", "-o", file]);
    const renamed = await edited(file, out("renamed.xlsx"), (wb) => {
      (wb.getWorksheet(SET_SHEET_NAME) as ExcelJS.Worksheet).name = "Bộ của tỉnh";
      wb.addWorksheet("Ghi chú", {}).getCell("A1").value = "ghi chú";
    });
    expect(await ok(["catalog", "--set", renamed, "--json"])).toBe(await ok(["catalog", "--set", districtFile, "--json"]));
  });

  it("an edited built-in set must get its own id", async () => {
    const file = out("2022-src.xlsx");
    await ok(["catalog", "--xlsx", "-o", file]);
    const r = rowOf(dtiProvince2022, "Chỉ số", "1.1");
    const changed = await edited(file, out("2022-edited.xlsx"), (wb) => {
      (wb.getWorksheet(SET_SHEET_NAME) as ExcelJS.Worksheet).getCell(r, columnOf("name")).value = "Tên đã sửa";
    });
    const res = await run(["catalog", "--set", changed]);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`${changed}: mã bộ chỉ số "dti-province-2022" trùng với bộ chỉ số có sẵn nhưng nội dung khác`);
  });
});

describe("a template of a set that is not built in carries the set", () => {
  const units = JSON.parse(readFileSync(path.join(root, "test/fixtures/district-units.json"), "utf8")) as { units: UnitInput[] };
  const unit = units.units[0] as UnitInput;

  it("built-in sets need no set sheet; other sets get it", () => {
    expect(buildWorkbookLayout(dtiProvince2022).sheets.map((s) => s.role)).not.toContain("set");
    const sheets = buildWorkbookLayout(district).sheets;
    // No Nhiệm vụ: a province's own set carries no tasks (issue 13, point 8; asked for with `tasks`).
    expect(sheets.map((s) => s.role)).toEqual(["info", "indicators", "summary", "assignment", "set", "lists", "meta"]);
    expect(sheets.find((s) => s.role === "set")).toMatchObject({ name: SET_SHEET_NAME, visibility: "visible", protect: true });
    expect(buildWorkbookLayout(district, { embedSet: false }).sheets.map((s) => s.role)).not.toContain("set");
  });

  it("template --set file.xlsx, filled, scores with no --set, from the set in the workbook", async () => {
    const setXlsx = out("huyen-set.xlsx");
    await ok(["catalog", "--set", districtFile, "--xlsx", "-o", setXlsx]);
    const template = out("huyen-mau.xlsx");
    expect(await ok(["template", "--set", setXlsx, "-o", template])).toContain(`Tạo trang tính mới "${SET_SHEET_NAME}".`);
    const filled = out("huyen-filled.xlsx");
    await edited(template, filled, (wb) => expect(writeNamedValues(wb, namedInputs(unit, {}, district))).toEqual([]));
    const fromWorkbook = JSON.parse(await ok(["score", filled])) as ScoreReport;
    expect(fromWorkbook.indicatorSet).toBe("huyen-2023");
    const single = out("one.json");
    writeFileSync(single, JSON.stringify({ indicatorSet: "huyen-2023", units: [unit] }));
    const fromJson = JSON.parse(await ok(["score", single, "--set", districtFile])) as ScoreReport;
    expect(fromWorkbook.units[0]?.total).toEqual(fromJson.units[0]?.total);
    expect(fromWorkbook.units[0]?.indicators).toEqual(fromJson.units[0]?.indicators);
    expect(fromWorkbook.units[0]?.total.score).toBeGreaterThan(0);
  });

  it("setsKnownTo: built-in ids, else the set the workbook carries (for split and merge)", async () => {
    const template = out("huyen-known.xlsx");
    await ok(["template", "--set", districtFile, "-o", template]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(template);
    const known = setsKnownTo(wb, template);
    expect(known("dti-province-2022")).toBe(dtiProvince2022);
    expect(known("huyen-2023")).toEqual(district);
    expect(known("huyen-2099")).toBeUndefined();
    wb.removeWorksheet((wb.getWorksheet(SET_SHEET_NAME) as ExcelJS.Worksheet).id);
    expect(setsKnownTo(wb, template)("huyen-2023")).toBeUndefined();
  });

  it("says clearly when the set is neither built in nor in the workbook, or is another set", async () => {
    const template = out("huyen-mau2.xlsx");
    await ok(["template", "--set", districtFile, "-o", template]);
    const without = await edited(template, out("no-set-sheet.xlsx"), (wb) => wb.removeWorksheet((wb.getWorksheet(SET_SHEET_NAME) as ExcelJS.Worksheet).id));
    const r = await run(["score", without]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `Lỗi: ${without}: sổ được làm theo bộ chỉ số "huyen-2023" (ghi ở DTI_META); bộ này không có sẵn và sổ không có trang "${SET_SHEET_NAME}" chứa bộ chỉ số. Hãy chỉ tệp bộ chỉ số: --set <tệp .json|.xlsx>.\n`,
    );
    expect((await run(["score", without, "--set", districtFile])).code).toBe(0);
    const other = await edited(template, out("other-set.xlsx"), (wb) => {
      const ws = wb.getWorksheet(SET_SHEET_NAME) as ExcelJS.Worksheet;
      ws.getCell(3, 2).value = "huyen-2024";
    });
    const o = await run(["score", other]);
    expect(o.code).toBe(1);
    expect(o.stderr).toContain(`trang "${SET_SHEET_NAME}" chứa bộ chỉ số "huyen-2024" nhưng sổ được làm theo bộ "huyen-2023"`);
  });
});

describe("problems name the file, the sheet and the cell", () => {
  let source: string;
  beforeAll(async () => {
    source = out("errors-src.xlsx");
    await ok(["catalog", "--set", districtFile, "--xlsx", "-o", source]);
  });

  const change = (name: string, row: number, col: number, value: ExcelJS.CellValue): Promise<string> =>
    edited(source, out(name), (wb) => {
      (wb.getWorksheet(SET_SHEET_NAME) as ExcelJS.Worksheet).getCell(row, col).value = value;
    });

  const L = (col: number): string => String.fromCharCode(64 + col);

  it("bad JSON in a rule cell", async () => {
    const r = rowOf(district, "Chỉ số", "1.2");
    const file = await change("bad-json.xlsx", r, columnOf("rule"), '{"kind": "ratio", "ratio": ');
    for (const command of ["catalog", "template"]) {
      const res = await run([command, "--set", file, ...(command === "template" ? ["-o", out("never.xlsx")] : [])]);
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(
        new RegExp(`^Lỗi: Bộ chỉ số trong ${file.replace(/[.\\/]/g, "\\$&")} không hợp lệ \\(1 lỗi\\):\\n- ${file.replace(/[.\\/]/g, "\\$&")}: 'Bộ chỉ số'!${L(columnOf("rule"))}${r}: quy tắc tính điểm không phải JSON hợp lệ`),
      );
    }
  });

  it("an unknown Loại, missing max points and a Biến row before any Chỉ số", async () => {
    const loai = await change("loai.xlsx", rowOf(district, "Chỉ số", "1.3"), 1, "Chỉ tiêu");
    expect((await run(["catalog", "--set", loai])).stderr).toContain(`${loai}: 'Bộ chỉ số'!A${rowOf(district, "Chỉ số", "1.3")}: "Loại" không hợp lệ: "Chỉ tiêu"`);
    const r = rowOf(district, "Chỉ số", "2.2");
    const max = await change("max.xlsx", r, columnOf("maxPoints"), null);
    expect((await run(["catalog", "--set", max])).stderr).toContain(
      `${max}: 'Bộ chỉ số'!${L(columnOf("maxPoints"))}${r} (Điểm tối đa, chỉ số 2.2): phải là số hữu hạn, nhận được không có (thiếu trường).`,
    );
    const first = rowOf(district, "Thông tin chung", "1");
    const early = await change("early.xlsx", first, 1, "Biến");
    expect((await run(["catalog", "--set", early])).stderr).toContain(
      `${early}: 'Bộ chỉ số'!A${first}: dòng "Biến" phải nằm dưới dòng "Chỉ số" mà nó thuộc về, nhưng phía trên chưa có dòng "Chỉ số" nào.`,
    );
  });

  it("a file without the sheet, a corrupt file, a file that is not xlsx, a password-protected file", async () => {
    const template = out("2022-template.xlsx");
    await ok(["template", "-o", template]);
    const none = await run(["catalog", "--set", template]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(new RegExp(`^Lỗi: ${template.replace(/[.\\/]/g, "\\$&")}: không có trang "Bộ chỉ số" \\(hoặc trang nào có tiêu đề`));
    const corrupt = out("corrupt.xlsx");
    writeFileSync(corrupt, Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(64, 7)]));
    expect((await run(["catalog", "--set", corrupt])).stderr).toMatch(new RegExp(`^Lỗi: ${corrupt.replace(/[.\\/]/g, "\\$&")}: tệp \\.xlsx bị hỏng, không đọc được`));
    const text = out("text.xlsx");
    writeFileSync(text, "Loại,Mã\n");
    expect((await run(["catalog", "--set", text])).stderr).toBe(`Lỗi: ${text}: không phải tệp .xlsx.\n`);
    const locked = out("locked.xlsx");
    writeFileSync(locked, Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]));
    expect((await run(["catalog", "--set", locked])).stderr).toMatch(/tệp được đặt mật khẩu hoặc là định dạng \.xls cũ/);
    expect((await run(["catalog", "--set", out("missing.xlsx")])).stderr).toMatch(/không tìm thấy tệp bộ chỉ số/);
  });
});
