/**
 * Templates follow the set (issue 13, point 8): a province's own set is not the DTI, so its
 * template is titled by the set's name and year, and it has a "Nhiệm vụ" sheet only when asked
 * for. The built-in DTI sets' templates are as they were (their golden files are unchanged).
 * A template made by an earlier version ("Chỉ số DTI 2023") is still updated in place.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { dtiProvince2022 } from "../../src/catalog";
import { loadIndicatorSetFile } from "../../src/cli/set-file";
import { run } from "../../src/cli/main";
import { buildWorkbookLayout } from "../../src/layout/build";
import { planInsert } from "../../src/layout/plan";
import { ninhThuan2022TaskList } from "../../src/catalog/tasks/ninh-thuan-2022";
import ExcelJS from "exceljs";
import { readName, writeLayoutToWorkbook, writeNamedValues } from "../../src/cli/xlsx";
import { names } from "../../src/layout/names";

const root = path.resolve(__dirname, "../..");
const districtFile = path.join(root, "test/fixtures/sets/district-example.json");
const district = loadIndicatorSetFile(districtFile);

const visible = (layout: ReturnType<typeof buildWorkbookLayout>): string[] => layout.sheets.filter((s) => s.visibility === "visible").map((s) => s.name);
const title = (layout: ReturnType<typeof buildWorkbookLayout>, role: string): unknown => layout.sheets.find((s) => s.role === role)?.grid[0]?.[0];

describe("a province's own set: its name and year, no Nhiệm vụ unless asked", () => {
  it("titles come from the set", () => {
    const layout = buildWorkbookLayout(district);
    expect(visible(layout)).toEqual(["Thông tin chung", "Chỉ số 2023", "Tổng hợp", "Phân công", "Bộ chỉ số"]);
    expect(title(layout, "summary")).toBe("TỔNG HỢP ĐIỂM — BỘ CHỈ SỐ ĐÁNH GIÁ CHUYỂN ĐỔI SỐ CẤP HUYỆN NĂM 2023 (VÍ DỤ)");
    expect(title(layout, "indicators")).toBe("BỘ CHỈ SỐ ĐÁNH GIÁ CHUYỂN ĐỔI SỐ CẤP HUYỆN NĂM 2023 (VÍ DỤ)");
    for (const sheet of layout.sheets) expect([sheet.name, JSON.stringify(sheet.grid).includes("(DTI) NĂM")]).toEqual([sheet.name, false]);
  });

  it("a name without its year gets it", () => {
    const layout = buildWorkbookLayout({ ...district, name: "Bộ tiêu chí chuyển đổi số cấp xã" });
    expect(title(layout, "summary")).toBe("TỔNG HỢP ĐIỂM — BỘ TIÊU CHÍ CHUYỂN ĐỔI SỐ CẤP XÃ NĂM 2023");
  });

  it("Nhiệm vụ when asked for: tasks, sample tasks, or the sheets listed", () => {
    expect(visible(buildWorkbookLayout(district, { tasks: true }))).toContain("Nhiệm vụ");
    expect(visible(buildWorkbookLayout(district, { sampleTasks: ninhThuan2022TaskList }))).toContain("Nhiệm vụ");
    expect(visible(buildWorkbookLayout(district, { sheets: ["info", "tasks"] }))).toEqual(["Thông tin chung", "Nhiệm vụ"]);
  });

  it("the DTI's own sets are as they were: Chỉ số DTI <year> and Nhiệm vụ", () => {
    const layout = buildWorkbookLayout(dtiProvince2022);
    expect(visible(layout)).toEqual(["Thông tin chung", "Chỉ số DTI 2022", "Tổng hợp", "Phân công", "Nhiệm vụ"]);
    expect(title(layout, "summary")).toBe("TỔNG HỢP ĐIỂM CHỈ SỐ CHUYỂN ĐỔI SỐ (DTI) NĂM 2022");
    expect(visible(buildWorkbookLayout(dtiProvince2022, { tasks: false }))).not.toContain("Nhiệm vụ");
  });

  it("a template an earlier version made (\"Chỉ số DTI 2023\") is updated in place, not doubled", () => {
    const plan = planInsert(buildWorkbookLayout(district), ["Thông tin chung", "Chỉ số DTI 2023", "Tổng hợp", "Phân công", "Nhiệm vụ", "Bộ chỉ số", "Danh mục", "DTI_META"], () => "update");
    expect(plan.sheets.find((p) => p.sheet.role === "indicators")).toMatchObject({ action: "update", targetName: "Chỉ số DTI 2023" });
  });
});

it("an earlier version's template, updated: one indicator sheet, under its old name, its inputs kept", async () => {
  const now = buildWorkbookLayout(district);
  const oldName = "Chỉ số DTI 2023";
  const rename = (n: string): string => (n === "Chỉ số 2023" ? oldName : n);
  const before = { ...now, sheets: now.sheets.map((s) => ({ ...s, name: rename(s.name) })), names: now.names.map((n) => ({ ...n, sheet: rename(n.sheet) })) };
  const wb = new ExcelJS.Workbook();
  await writeLayoutToWorkbook(wb, before, () => "rename");
  expect(writeNamedValues(wb, new Map([[names.input("1.1", "a"), 120]]))).toEqual([]);
  await writeLayoutToWorkbook(wb, now, () => "update");
  expect(wb.worksheets.map((w) => w.name).filter((n) => n.startsWith("Chỉ số"))).toEqual([oldName]);
  expect(readName(wb, names.input("1.1", "a"))).toMatchObject({ kind: "value", value: 120 });
});

describe("the CLI: template, --tasks, and the readers without a Nhiệm vụ sheet", () => {
  jest.setTimeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), "dti-follow-"));

  it("template --tasks adds Nhiệm vụ; score, split and merge read a template without it", async () => {
    const plain = path.join(dir, "huyen.xlsx");
    const made = await run(["template", "--set", districtFile, "-o", plain]);
    expect(made.code).toBe(0);
    expect(made.stdout).toContain('Tạo trang tính mới "Chỉ số 2023".');
    expect(made.stdout).not.toContain("Nhiệm vụ");
    const withTasks = await run(["template", "--set", districtFile, "--tasks", "-o", path.join(dir, "huyen-nv.xlsx")]);
    expect(withTasks.stdout).toContain('Tạo trang tính mới "Nhiệm vụ".');

    const scored = await run(["score", plain]);
    expect(scored.code).toBe(0);
    expect(JSON.parse(scored.stdout)).toMatchObject({ indicatorSet: "huyen-2023" });
    const parts = path.join(dir, "parts");
    const split = await run(["split", plain, "--by", "agency", "-o", parts]);
    expect(split.code).toBe(0);
    const merged = await run(["merge", plain, path.join(parts, "phong-kinh-te.xlsx"), "-o", path.join(dir, "gop.xlsx")]);
    expect([merged.code, merged.stdout]).toEqual([expect.any(Number), expect.stringMatching(/^Đã gộp 1\/1 tệp phần vào /)]);
    expect((await run(["score", path.join(dir, "gop.xlsx")])).code).toBe(0);
  });
});
