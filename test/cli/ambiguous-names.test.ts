/**
 * Defined names Excel's own formulas may resolve to another cell than a reader would pick
 * (issue 9): a name over several cells, one defined twice, a sheet-level twin of a
 * workbook-level name (what copying a sheet in Excel leaves), a name only a sheet has. The
 * files are real templates whose xl/workbook.xml is edited as Excel would store such names;
 * `dti score`, the shared exceljs reader (merge, the pane's split/merge) and `template
 * --update` report each by name and never read a cell Excel's formulas do not use.
 * Also: an input whose formula takes its value from another workbook or the web is scored
 * from its cached value with a warning naming the cell.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { run } from "../../src/cli/main";
import { readName, writeNamedValues } from "../../src/cli/xlsx";
import type { ScoreReport } from "../../src/engine/report";
import type { UnitInput } from "../../src/engine/types";
import { names } from "../../src/layout/names";
import { namedInputs } from "../support/named-inputs";

const tmp = mkdtempSync(path.join(os.tmpdir(), "dti-names-"));
const sample = (JSON.parse(readFileSync(path.resolve(__dirname, "../fixtures/sample-province.json"), "utf8")) as { units: UnitInput[] }).units[0] as UnitInput;
const INDICATORS = "Chỉ số DTI 2022";

/** A template filled with the sample province, its bytes. */
let filled: Uint8Array;
beforeAll(async () => {
  const file = path.join(tmp, "mau.xlsx");
  expect((await run(["template", "-o", file])).code).toBe(0);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(writeNamedValues(wb, namedInputs(sample))).toEqual([]);
  // A different figure just below 3.1 a: what a twin or a range would wrongly read.
  const a = readName(wb, names.input("3.1", "a"));
  if (a.kind !== "value") throw new Error("no 3.1 a");
  (wb.getWorksheet(a.sheet) as ExcelJS.Worksheet).getCell("Z51").value = 999;
  filled = new Uint8Array(await wb.xlsx.writeBuffer());
});

/** Writes `filled` with its xl/workbook.xml passed through `edit`; returns the file name. */
function withWorkbookXml(name: string, edit: (xml: string) => string): string {
  const entries = unzipSync(filled);
  const xml = strFromU8(entries["xl/workbook.xml"] as Uint8Array);
  const changed = edit(xml);
  expect(changed).not.toBe(xml);
  entries["xl/workbook.xml"] = strToU8(changed);
  const file = path.join(tmp, name);
  writeFileSync(file, zipSync(entries));
  return file;
}

const definition = (xml: string, name: string): string => {
  const m = new RegExp(`<definedName name="${name}">([^<]*)</definedName>`).exec(xml);
  if (!m) throw new Error(`no ${name} in workbook.xml`);
  return m[0];
};
const sheetIndex = (xml: string, sheet: string): number => [...xml.matchAll(/<sheet [^>]*name="([^"]*)"/g)].findIndex((m) => m[1] === sheet);
const addDefinitions = (xml: string, extra: string): string => xml.replace("</definedNames>", `${extra}</definedNames>`);

async function score(file: string): Promise<{ code: number; stderr: string; report: ScoreReport }> {
  const r = await run(["score", file]);
  return { code: r.code, stderr: r.stderr, report: JSON.parse(r.stdout || "{}") as ScoreReport };
}

async function open(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

describe("dti score reports ambiguous names by name and does not read them", () => {
  it("a sheet-level twin of a workbook-level name (listed after it, which exceljs used to take)", async () => {
    const a = names.input("3.1", "a");
    const file = withWorkbookXml("twin.xlsx", (xml) =>
      addDefinitions(xml, `<definedName name="${a}" localSheetId="${sheetIndex(xml, INDICATORS)}">'${INDICATORS}'!$Z$51</definedName>`),
    );
    const r = await score(file);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Lỗi: ${file}: Tên ${a} (chỉ số 3.1) không rõ trỏ tới ô nào:`);
    expect(r.stderr).toContain(`còn có tên ${a} riêng của trang "${INDICATORS}" ('${INDICATORS}'!$Z$51)`);
    // Neither the twin's 999 nor silently the workbook-level cell: the row waits for a fix.
    expect(r.report.units[0]?.indicators["3.1"]?.status).toBe("missing");
    expect(r.report.units[0]?.indicators["3.2"]?.status).toBe("ok");
  });

  it("a name defined twice for the whole workbook", async () => {
    const info4 = names.info(4);
    const file = withWorkbookXml("twice.xlsx", (xml) => addDefinitions(xml, `<definedName name="${info4}">'${INDICATORS}'!$Z$51</definedName>`));
    const r = await score(file);
    expect(r.stderr).toMatch(new RegExp(`Tên ${info4} không rõ trỏ tới ô nào: tên ${info4} được định nghĩa 2 lần cho cả sổ`));
    expect(r.report.units[0]?.indicators["3.1"]?.status).not.toBe("ok"); // 3.1 b links to item 4
  });

  it("a name over several cells", async () => {
    const a = names.input("3.1", "a");
    const file = withWorkbookXml("range.xlsx", (xml) => {
      const d = definition(xml, a);
      return xml.replace(d, d.replace(/\$(\d+)</, (_m, row: string) => `$${row}:$Z$${row}<`));
    });
    const r = await score(file);
    expect(r.stderr).toMatch(new RegExp(`Tên ${a} \\(chỉ số 3\\.1\\) không rõ trỏ tới ô nào: tên ${a} trỏ tới vùng nhiều ô '${INDICATORS}'!\\$G\\$51:\\$Z\\$51`));
    expect(r.report.units[0]?.indicators["3.1"]?.status).toBe("missing");
  });

  it("a name only one sheet has, and a name spelled in other case (Excel ignores case: read)", async () => {
    const a = names.input("3.2", "a");
    const c = names.input("3.3", "a");
    const file = withWorkbookXml("scoped.xlsx", (xml) => {
      const d = definition(xml, a);
      const e = definition(xml, c);
      return xml
        .replace(d, d.replace(`name="${a}"`, `name="${a}" localSheetId="${sheetIndex(xml, INDICATORS)}"`))
        .replace(e, e.replace(`name="${c}"`, `name="${c.toLowerCase()}"`));
    });
    const r = await score(file);
    expect(r.stderr).toContain(`Tên ${a} (chỉ số 3.2) không rõ trỏ tới ô nào: tên ${a} chỉ có phạm vi trang "${INDICATORS}"`);
    expect(r.report.units[0]?.indicators["3.2"]?.status).toBe("missing");
    expect(r.stderr).not.toContain(c);
    expect(r.report.units[0]?.indicators["3.3"]?.status).toBe("ok");
  });
});

describe("the shared exceljs reader and writer (merge, the pane's split and merge)", () => {
  it("readName says why; writeNamedValues writes nothing behind an ambiguous name", async () => {
    const a = names.input("3.1", "a");
    const file = withWorkbookXml("twin-write.xlsx", (xml) =>
      addDefinitions(xml, `<definedName name="${a}" localSheetId="${sheetIndex(xml, INDICATORS)}">'${INDICATORS}'!$Z$51</definedName>`),
    );
    const wb = await open(file);
    expect(readName(wb, a)).toMatchObject({ kind: "broken", trouble: { kind: "sheet-twin", name: a } });
    expect(writeNamedValues(wb, new Map([[a, 5]]))).toEqual([a]);
    expect(wb.getWorksheet(INDICATORS)?.getCell("Z51").value).toBe(999);
    expect(wb.getWorksheet(INDICATORS)?.getCell("G51").value).not.toBe(5);
  });
});

describe("template --update never guesses which value an ambiguous name holds", () => {
  it("refuses, naming the names, and leaves the file as it was", async () => {
    const a = names.input("3.1", "a");
    const file = withWorkbookXml("twin-update.xlsx", (xml) =>
      addDefinitions(xml, `<definedName name="${a}" localSheetId="${sheetIndex(xml, INDICATORS)}">'${INDICATORS}'!$Z$51</definedName>`),
    );
    const before = readFileSync(file);
    const r = await run(["template", "-o", file, "--update"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}: không cập nhật được mẫu, chưa có gì được ghi`);
    expect(r.stderr).toContain(`- ${a}: ngoài tên ${a} của cả sổ`);
    expect(r.stderr).toMatch(/Trình quản lý Tên/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

describe("inputs whose value comes from another workbook or the web", () => {
  it.each([
    ["an external link", "[1]Sheet1!$C$7", /liên kết tới sổ làm việc khác: =\[1\]Sheet1!\$C\$7/],
    ["WEBSERVICE", '_xlfn.WEBSERVICE("https://example.vn/so-lieu")', /lấy dữ liệu từ Internet \(WEBSERVICE\/FILTERXML\)/],
  ])("%s: scored from the cached value, with a warning naming the cell", async (_what, formula, message) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(filled as unknown as Parameters<ExcelJS.Xlsx["load"]>[0]);
    const a = readName(wb, names.input("3.1", "a"));
    if (a.kind !== "value") throw new Error("no 3.1 a");
    (wb.getWorksheet(a.sheet) as ExcelJS.Worksheet).getCell(a.address).value = { formula, result: 318000 };
    const file = path.join(tmp, `ngoai-${Math.random().toString(36).slice(2)}.xlsx`);
    await wb.xlsx.writeFile(file);
    const r = await score(file);
    expect(r.code).toBe(0);
    const line = r.stderr.split("\n").find((l) => l.includes("DTI_3_1_a"));
    expect(line).toMatch(new RegExp(`^Cảnh báo: .*Ô DTI_3_1_a \\('${INDICATORS}'!${a.address}\\) \\(chỉ số 3\\.1\\) chứa công thức`));
    expect(line).toMatch(message);
    expect(line).toContain("(318000)");
    expect(r.report.units[0]?.indicators["3.1"]?.status).toBe("ok");
  });
});
