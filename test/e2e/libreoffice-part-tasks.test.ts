/**
 * Proof in a real spreadsheet that a part's Nhiệm vụ computes on its own: the part `dti split`
 * writes for Sở KH&ĐT (its 4 tasks of Phụ lục 1, Kế hoạch 4233/KH-UBND), its report date set to
 * 15/01/2023 and its first task marked done, recalculated by LibreOffice (headless): the tasks
 * past their deadline (Quý IV/2022, Tháng 12/2022) and not done say "Quá hạn", the done one does
 * not. (scripts/test.sh installs libreoffice-calc when missing.)
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { run } from "../../src/cli/main";
import { splitCommand } from "../../src/cli/split";
import { readName, writeNamedValues } from "../../src/cli/xlsx";
import { toExcelSerial } from "../../src/layout/deadline";
import type { CellContent } from "../../src/layout/model";
import { names, parseTaskName } from "../../src/layout/names";
import { OVERDUE_LABEL } from "../../src/layout/tasks-sheet";

jest.setTimeout(180_000);

const tmp = mkdtempSync(path.join(os.tmpdir(), "dti-lo-tasks-"));

it("LibreOffice recomputes the overdue flags of a part's tasks", async () => {
  const master = path.join(tmp, "tong-hop.xlsx");
  expect((await run(["template", "--with-sample-tasks", "-o", master])).code).toBe(0);
  expect((await splitCommand([master, "--by", "agency", "-o", path.join(tmp, "phan")])).code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(tmp, "phan", "so-kh-dt.xlsx"));
  const model = (wb.definedNames as unknown as { model: { name: string }[] }).model;
  const nos = model.flatMap((m) => (parseTaskName(m.name)?.field === "STATUS" ? [parseTaskName(m.name)!.no] : [])).sort((a, b) => a - b);
  expect(nos).toHaveLength(4);
  const report = readName(wb, names.tasksReportDate);
  if (report.kind !== "value") throw new Error("no report date");
  wb.getWorksheet(report.sheet)!.getCell(report.address).value = toExcelSerial(new Date(Date.UTC(2023, 0, 15)));
  expect(writeNamedValues(wb, new Map<string, CellContent>([[names.taskStatus(nos[0]!), "Hoàn thành"]]))).toEqual([]);
  const file = path.join(tmp, "so-kh-dt.xlsx");
  await wb.xlsx.writeFile(file);

  const out = path.join(tmp, "out");
  execFileSync("soffice", ["--headless", "--norestore", `-env:UserInstallation=file://${tmp}/profile`, "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, file], {
    stdio: "pipe",
    timeout: 150_000,
  });
  const lo = new ExcelJS.Workbook();
  await lo.xlsx.readFile(path.join(out, "so-kh-dt.xlsx"));
  const flag = (no: number): unknown => {
    const at = readName(lo, names.taskStatus(no));
    if (at.kind !== "value") throw new Error(`no status cell for task ${no}`);
    const cell = lo.getWorksheet(at.sheet)!.getCell(at.address.replace(/^F/, "I"));
    expect(cell.formula).toMatch(/^IF\(AND\(ISNUMBER\(\$J/);
    // An empty text result is read back by exceljs as no result (the file exceljs wrote had none
    // at all: the "Quá hạn" below are LibreOffice's).
    return (cell as unknown as { result?: unknown }).result ?? "";
  };
  expect(nos.map(flag)).toEqual(["", OVERDUE_LABEL, OVERDUE_LABEL, OVERDUE_LABEL]);
});
