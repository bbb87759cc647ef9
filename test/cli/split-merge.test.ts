/**
 * dti split / dti merge: one workbook per responsible agency, filled by each agency and
 * merged back without losing or double-counting anything; conflicts, missing parts, values
 * outside an assignment and bad files are listed, never silently resolved.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { dtiProvince2022 as set } from "../../src/catalog";
import { mergeCommand } from "../../src/cli/merge";
import { run } from "../../src/cli/main";
import { splitCommand } from "../../src/cli/split";
import { readName, writeNamedValues } from "../../src/cli/xlsx";
import { toReport } from "../../src/engine/report";
import { scoreUnits } from "../../src/engine/score";
import type { UnitInput } from "../../src/engine/types";

import type { CellContent } from "../../src/layout/model";
import { names } from "../../src/layout/names";
import { readInputs } from "../../src/layout/read-inputs";
import { splitByAgency } from "../../src/layout/split";
import { namedInputs } from "../support/named-inputs";
import { messageVi } from "../../src/i18n/findings";

const root = path.resolve(__dirname, "../..");
const tmp = mkdtempSync(path.join(os.tmpdir(), "dti-split-"));
const sample = (JSON.parse(readFileSync(path.join(root, "test/fixtures/sample-province.json"), "utf8")) as { units: UnitInput[] }).units[0] as UnitInput;
const plan = splitByAgency(set);

async function open(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

async function edit(file: string, change: (wb: ExcelJS.Workbook) => void): Promise<void> {
  const wb = await open(file);
  change(wb);
  await wb.xlsx.writeFile(file);
}

/** The score report of a workbook, by the same path as `dti score FILE.xlsx`. */
async function scoreOf(file: string): Promise<unknown> {
  const wb = await open(file);
  const read = readInputs(set, (name) => readName(wb, name), "đơn vị");
  expect(read.problems.filter((p) => p.severity !== "warning")).toEqual([]);
  return toReport(set, scoreUnits(set, [read.unit], read.options), read.options, messageVi);
}

/** The sample's values for the names a workbook has, as an agency would type them into its part. */
function restrictTo(wb: ExcelJS.Workbook, values: ReadonlyMap<string, CellContent>): Map<string, CellContent> {
  return new Map([...values].filter(([name]) => readName(wb, name).kind !== "missing"));
}

let n = 0;
const fresh = (stem: string) => path.join(tmp, `${stem}-${++n}`);

const master = path.join(tmp, "tong-hop.xlsx");
const partsDir = path.join(tmp, "phan");
const filledDir = path.join(tmp, "da-dien");
const partFile = (dir: string, agency: string) => path.join(dir, plan.parts.find((p) => p.agency === agency)!.fileName);
const allParts = (dir: string) => plan.parts.map((p) => path.join(dir, p.fileName));

beforeAll(async () => {
  expect((await run(["template", "-o", master])).code).toBe(0);
  const r = await splitCommand([master, "--by", "agency", "-o", partsDir]);
  expect(r).toMatchObject({ code: 0, stderr: "" });
  // Each agency fills its own part with the sample's values for the names the part has.
  const values = namedInputs(sample);
  for (const part of plan.parts) {
    const from = path.join(partsDir, part.fileName);
    const to = path.join(filledDir, part.fileName);
    if (!existsSync(filledDir)) mkdirSync(filledDir);
    const wb = await open(from);
    const typed = restrictTo(wb, values);
    // Linked cells are formulas in the part too: the agency cannot type there (nor does the sample).
    writeNamedValues(wb, typed);
    await wb.xlsx.writeFile(to);
  }
}, 120_000);

describe("dti split FILE.xlsx --by agency -o DIR", () => {
  it("writes one workbook per responsible agency, named by a slug of the agency", () => {
    expect(readdirSync(partsDir).sort()).toEqual(plan.parts.map((p) => p.fileName).sort());
    expect(readdirSync(partsDir)).toEqual(expect.arrayContaining(["so-tttt.xlsx", "cuc-thong-ke.xlsx", "so-kh-dt.xlsx"]));
  });

  it("each part records its agency and master, and holds only its indicators and the information it needs", async () => {
    const wb = await open(partFile(partsDir, "Sở KH&ĐT"));
    expect(readName(wb, names.partAgency)).toMatchObject({ kind: "value", value: "Sở KH&ĐT" });
    expect(readName(wb, names.partMaster)).toMatchObject({ kind: "value", value: "tong-hop.xlsx" });
    expect(readName(wb, names.metaSet)).toMatchObject({ kind: "value", value: set.id });
    expect(readName(wb, names.input("7.11", "a")).kind).toBe("value");
    expect(readName(wb, names.input("3.1", "a")).kind).toBe("missing");
    expect(readName(wb, names.info(16)).kind).toBe("value");
    expect(readName(wb, names.info(1)).kind).toBe("value");
    expect(readName(wb, names.info(7)).kind).toBe("missing");
    // A link to another agency's indicator is a plain input in the part.
    expect(readName(wb, names.input("7.11", "b"))).toMatchObject({ kind: "value", value: null });
    expect((readName(wb, names.input("7.11", "b")) as { formula?: string }).formula).toBeUndefined();
    expect((readName(wb, names.score("7.11")) as { formula?: string }).formula).toMatch(/DTI_7_11_a/);
    const tk = await open(partFile(partsDir, "Cục Thống kê"));
    expect(tk.worksheets.map((w) => w.name)).toEqual(["Thông tin chung", "Danh mục", "DTI_META"]);
  });

  it("pre-fills the part with the master's current values, a cross-agency link with the value it links to", async () => {
    const filled = fresh("tong-hop-co-so-lieu") + ".xlsx";
    copyFileSync(master, filled);
    await edit(filled, (wb) => {
      writeNamedValues(wb, new Map<string, CellContent>([[names.input("6.22", "c"), 11250], [names.input("7.11", "a"), 12.6], [names.info(16), 3150], [names.info(1), "Ninh Thuận"]]));
    });
    const dir = fresh("phan-dien-san");
    const r = await splitCommand([filled, "--by", "agency", "-o", dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/so-kh-dt\.xlsx: Sở KH&ĐT — 9 chỉ số chủ trì; cung cấp thông tin chung mục 16, 17; điền sẵn 6 số liệu/);
    const wb = await open(path.join(dir, "so-kh-dt.xlsx"));
    expect(readName(wb, names.input("7.11", "b"))).toMatchObject({ kind: "value", value: 11250 });
    expect(readName(wb, names.input("7.11", "a"))).toMatchObject({ kind: "value", value: 12.6 });
    expect(readName(wb, names.info(16))).toMatchObject({ kind: "value", value: 3150 });
    expect(readName(wb, names.info(1))).toMatchObject({ kind: "value", value: "Ninh Thuận" });
    // The part computes on its own: 7.11 is scored from the pre-filled link.
    const read = readInputs(set, (name) => readName(wb, name), "x");
    expect(read.unit.values["7.11"]).toEqual({ a: 12.6, b: 11250 });
  });

  it("never overwrites existing parts, and refuses a part or a non-template as master", async () => {
    const before = readFileSync(path.join(partsDir, "so-tttt.xlsx"));
    const again = await splitCommand([master, "--by", "agency", "-o", partsDir]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/Không ghi đè/);
    expect(readFileSync(path.join(partsDir, "so-tttt.xlsx")).equals(before)).toBe(true);
    const ofPart = await splitCommand([path.join(partsDir, "so-tttt.xlsx"), "-o", fresh("x")]);
    expect(ofPart.code).toBe(1);
    expect(ofPart.stderr).toMatch(/là phần của Sở TTTT/);
    const other = await splitCommand([master, "--by", "pillar", "-o", fresh("x")]);
    expect(other.stderr).toMatch(/--by agency/);
  });
});

describe("dti merge MASTER PARTS… -o OUT: the round trip", () => {
  it("split → each agency fills its part → merge scores exactly like the master filled directly", async () => {
    const out = fresh("ket-qua") + ".xlsx";
    const masterBytes = readFileSync(master);
    const r = await mergeCommand([master, ...allParts(filledDir), "-o", out]);
    expect(r.stdout).toMatch(/Gộp sạch/);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(readFileSync(master).equals(masterBytes)).toBe(true);

    const direct = fresh("truc-tiep") + ".xlsx";
    copyFileSync(master, direct);
    await edit(direct, (wb) => writeNamedValues(wb, namedInputs(sample)));
    expect(await scoreOf(out)).toEqual(await scoreOf(direct));
    const report = (await scoreOf(out)) as { units: { name: string; total: { score: number }; indicators: Record<string, { status: string }> }[] };
    expect(report.units[0]?.name).toBe("Ninh Thuận");
    expect(report.units[0]?.total.score).toBeGreaterThan(0);
    expect(report.units[0]?.indicators["7.11"]?.status).toBe("ok");
  }, 60_000);

  it("refuses an existing OUT, and never modifies the master", async () => {
    const out = fresh("da-co") + ".xlsx";
    writeFileSync(out, "giữ nguyên");
    const r = await mergeCommand([master, ...allParts(filledDir), "-o", out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/đã có\. Không ghi đè/);
    expect(readFileSync(out, "utf8")).toBe("giữ nguyên");
    const self = await mergeCommand([master, ...allParts(filledDir), "-o", master]);
    expect(self.code).toBe(1);
  });
});

describe("dti merge lists what it does not write", () => {
  it("conflict: the same name filled differently in two parts is not written; both files and values are listed; exit 2", async () => {
    const dir = fresh("xung-dot");
    mkdirSync(dir);
    const a = path.join(dir, "so-tttt.xlsx");
    const b = path.join(dir, "so-tttt-ban-sua.xlsx");
    copyFileSync(partFile(filledDir, "Sở TTTT"), a);
    copyFileSync(partFile(filledDir, "Sở TTTT"), b);
    await edit(b, (wb) => writeNamedValues(wb, new Map([[names.input("3.1", "a"), 999]])));
    const others = allParts(filledDir).filter((f) => !f.endsWith("so-tttt.xlsx"));
    const out = fresh("ket-qua") + ".xlsx";
    const r = await mergeCommand([master, a, b, ...others, "-o", out]);
    expect(r.code).toBe(2);
    const line = r.stdout.split("\n").find((l) => l.startsWith("Xung đột"));
    expect(line).toBe(`Xung đột, không ghi: DTI_3_1_a (chỉ số 3.1): ${a} = ${sample.values["3.1"]?.a}; ${b} = 999.`);
    expect(r.stdout.split("\n").filter((l) => l.startsWith("Xung đột"))).toHaveLength(1);
    expect(r.stdout).toContain(`Một cơ quan, nhiều tệp: Sở TTTT có 2 tệp phần: ${a}, ${b}.`);
    const wb = await open(out);
    expect(readName(wb, names.input("3.1", "a"))).toMatchObject({ kind: "value", value: null });
    expect(readName(wb, names.input("3.2", "a")).kind).toBe("value");
  }, 60_000);

  it("missing parts: agencies with assigned indicators or items and no part are listed; exit 2", async () => {
    const given = [partFile(filledDir, "Sở TTTT"), partFile(filledDir, "Sở KH&ĐT")];
    const out = fresh("thieu") + ".xlsx";
    const r = await mergeCommand([master, ...given, "-o", out]);
    expect(r.code).toBe(2);
    const missing = r.stdout.split("\n").filter((l) => l.startsWith("Thiếu phần: "));
    expect(missing).toHaveLength(plan.parts.length - 2);
    expect(missing).toContain("Thiếu phần: Sở Xây dựng (so-xay-dung.xlsx: chủ trì 9.3).");
    expect(missing).toContain("Thiếu phần: Cục Thống kê (cuc-thong-ke.xlsx: thông tin chung mục 4, 5, 6).");
    const wb = await open(out);
    expect(readName(wb, names.input("7.11", "a"))).toMatchObject({ value: sample.values["7.11"]?.a });
  }, 60_000);

  it("unexpected values: another agency's cell, changed context, a name not in the master: listed, not written", async () => {
    const dir = fresh("ngoai-phan-cong");
    mkdirSync(dir);
    const kh = path.join(dir, "so-kh-dt.xlsx");
    copyFileSync(partFile(filledDir, "Sở KH&ĐT"), kh);
    await edit(kh, (wb) => {
      // Info 4 is Cục Thống kê's (linked to by 7.x): typed differently here.
      writeNamedValues(wb, new Map<string, CellContent>([[names.info(1), "Tỉnh khác"]]));
      // A name someone added by hand.
      const ws = wb.getWorksheet("Thông tin chung")!;
      ws.getCell("J2").value = 42;
      wb.definedNames.add("'Thông tin chung'!$J$2", "DTI_TU_THEM");
    });
    const others = allParts(filledDir).filter((f) => !f.endsWith("so-kh-dt.xlsx"));
    const out = fresh("ket-qua") + ".xlsx";
    const r = await mergeCommand([master, kh, ...others, "-o", out]);
    expect(r.code).toBe(2);
    const lines = r.stdout.split("\n").filter((l) => l.startsWith("Ngoài phân công"));
    expect(lines).toEqual([
      `Ngoài phân công, không ghi: ${kh} (Sở KH&ĐT): DTI_TU_THEM = 42 — tên này không có trong sổ tổng hợp.`,
      `Ngoài phân công, không ghi: ${kh} (Sở KH&ĐT): DTI_INFO_1 (thông tin chung mục 1) = "Tỉnh khác", sổ tổng hợp có "Ninh Thuận" — ô này thuộc phần của Sở TTTT.`,
    ]);
    const wb = await open(out);
    expect(readName(wb, names.info(1))).toMatchObject({ value: "Ninh Thuận" });
    expect(readName(wb, "DTI_TU_THEM").kind).toBe("missing");
  }, 60_000);

  it("a cross-agency link typed differently in a part is reported, never written into the master's formula", async () => {
    const dir = fresh("lien-ket");
    mkdirSync(dir);
    const tttt = path.join(dir, "so-tttt.xlsx");
    copyFileSync(partFile(filledDir, "Sở TTTT"), tttt);
    await edit(tttt, (wb) => writeNamedValues(wb, new Map([[names.input("8.3", "b"), 1]])));
    const others = allParts(filledDir).filter((f) => !f.endsWith("so-tttt.xlsx"));
    const out = fresh("ket-qua") + ".xlsx";
    const r = await mergeCommand([master, tttt, ...others, "-o", out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`Khác ô liên kết: ${tttt} (Sở TTTT): DTI_8_3_b (chỉ số 8.3) = 1, nhưng DTI_8_2_b trong sổ tổng hợp = ${sample.values["8.2"]?.b}`);
    const wb = await open(out);
    expect((readName(wb, names.input("8.3", "b")) as { formula?: string }).formula).toMatch(/DTI_8_2_b/);
  }, 60_000);

  it("corrupt, not-xlsx, other-set and non-part files are named and skipped; exit 2, or 1 when nothing could be merged", async () => {
    const dir = fresh("hong");
    mkdirSync(dir);
    const corrupt = path.join(dir, "hong.xlsx");
    writeFileSync(corrupt, Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(64, 7)]));
    const text = path.join(dir, "ghi-chu.xlsx");
    writeFileSync(text, "xin chào");
    const otherSet = path.join(dir, "bo-khac.xlsx");
    copyFileSync(partFile(filledDir, "Sở Xây dựng"), otherSet);
    await edit(otherSet, (wb) => {
      wb.getWorksheet("DTI_META")!.getCell("B1").value = "dti-province-2099";
    });
    const newer = path.join(dir, "moi-hon.xlsx");
    copyFileSync(partFile(filledDir, "Sở Xây dựng"), newer);
    await edit(newer, (wb) => {
      wb.getWorksheet("DTI_META")!.getCell("B2").value = 99;
    });
    const bad = [corrupt, text, otherSet, newer, master];
    const r = await mergeCommand([master, ...bad, partFile(filledDir, "Sở Xây dựng"), "-o", fresh("ket-qua") + ".xlsx"]);
    expect(r.code).toBe(2);
    const skipped = r.stdout.split("\n").filter((l) => l.startsWith("Bỏ qua tệp: "));
    expect(skipped).toHaveLength(5);
    expect(skipped[0]).toMatch(new RegExp(`${corrupt}: tệp \\.xlsx bị hỏng`));
    expect(skipped[1]).toContain(`${text}: không phải tệp .xlsx`);
    expect(skipped[2]).toContain(`${otherSet}: bộ chỉ số "dti-province-2099" không có`);
    expect(skipped[3]).toContain(`${newer}: mẫu phiên bản 99`);
    expect(skipped[4]).toContain(`${master}: không phải tệp phần`);

    const out = fresh("khong-gi") + ".xlsx";
    const none = await mergeCommand([master, ...bad, "-o", out]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/không có tệp phần nào dùng được/);
    expect(none.stderr).toContain(corrupt);
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});

describe("dti merge drops nothing silently (issue 9)", () => {
  const a31 = names.input("3.1", "a");
  const typed = sample.values["3.1"]?.a as number;
  const others = (agency: string) => allParts(filledDir).filter((f) => f !== partFile(filledDir, agency));
  /** "'Chỉ số DTI 2022'!G35": where a name's cell is in a workbook, as the merge names it. */
  const placeOf = async (file: string, name: string): Promise<string> => {
    const at = readName(await open(file), name);
    if (at.kind !== "value") throw new Error(`${name} is no value cell in ${file}`);
    return `'${at.sheet}'!${at.address}`;
  };
  /** Types a formula into the cell behind `name`, with the result Excel stored, or none (never calculated). */
  const typeFormula = (wb: ExcelJS.Workbook, name: string, formula: string, result?: number): void => {
    const at = readName(wb, name);
    if (at.kind !== "value") throw new Error(`${name} is no value cell`);
    wb.getWorksheet(at.sheet)!.getCell(at.address).value = result === undefined ? ({ formula } as ExcelJS.CellFormulaValue) : { formula, result };
  };

  it("=5+5 typed into an input cell: listed with file, cell, name, formula and value; written as 10 only with --accept-formulas; exit 2 otherwise", async () => {
    const dir = fresh("cong-thuc");
    mkdirSync(dir);
    const tttt = path.join(dir, "so-tttt.xlsx");
    copyFileSync(partFile(filledDir, "Sở TTTT"), tttt);
    await edit(tttt, (wb) => typeFormula(wb, a31, "5+5", 10));
    const cell = await placeOf(tttt, a31);
    const given = [tttt, ...others("Sở TTTT")];

    const out = fresh("ket-qua") + ".xlsx";
    const r = await mergeCommand([master, ...given, "-o", out]);
    expect(r.code).toBe(2);
    expect(r.stdout).not.toMatch(/Gộp sạch/);
    expect(r.stdout.split("\n")).toContain(
      `Công thức, không ghi: ${tttt}, ô ${cell}, DTI_3_1_a (chỉ số 3.1): công thức =5+5, giá trị đã tính 10; sổ tổng hợp đang có (trống). Muốn ghi giá trị đã tính (không ghi công thức): thêm --accept-formulas.`,
    );
    expect(r.stderr).toContain("1 công thức trong ô nhập liệu");
    expect(readName(await open(out), a31)).toMatchObject({ kind: "value", value: null });

    const accepted = fresh("ket-qua") + ".xlsx";
    const ok = await mergeCommand([master, ...given, "-o", accepted, "--accept-formulas"]);
    expect(ok).toMatchObject({ code: 0, stderr: "" });
    expect(ok.stdout).toContain(`Công thức, đã ghi giá trị đã tính (không ghi công thức): ${tttt}, ô ${cell}, DTI_3_1_a (chỉ số 3.1): công thức =5+5`);
    const written = readName(await open(accepted), a31);
    expect(written).toMatchObject({ kind: "value", value: 10 });
    expect((written as { formula?: string }).formula).toBeUndefined();
  }, 60_000);

  it("a formula never calculated (no stored value) is listed and never written, even with --accept-formulas", async () => {
    const dir = fresh("chua-tinh");
    mkdirSync(dir);
    const tttt = path.join(dir, "so-tttt.xlsx");
    copyFileSync(partFile(filledDir, "Sở TTTT"), tttt);
    await edit(tttt, (wb) => typeFormula(wb, a31, "B1*2"));
    const out = fresh("ket-qua") + ".xlsx";
    const r = await mergeCommand([master, tttt, ...others("Sở TTTT"), "-o", out, "--accept-formulas"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`Công thức, không ghi: ${tttt}, ô ${await placeOf(tttt, a31)}, DTI_3_1_a (chỉ số 3.1): công thức =B1*2 chưa được tính (tệp không lưu giá trị); không ghi.`);
    expect(readName(await open(out), a31)).toMatchObject({ kind: "value", value: null });
  }, 60_000);

  it("every master value replaced is listed, old → new, with the name and the master's cell", async () => {
    const held = fresh("tong-hop-co-7") + ".xlsx";
    copyFileSync(master, held);
    await edit(held, (wb) => writeNamedValues(wb, new Map([[a31, 7]])));
    const out = fresh("ket-qua") + ".xlsx";
    const r = await mergeCommand([held, ...allParts(filledDir), "-o", out]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")).toContain(`Thay giá trị cũ: DTI_3_1_a (chỉ số 3.1), ô ${await placeOf(held, a31)}: 7 → ${typed} (từ ${partFile(filledDir, "Sở TTTT")}).`);
    expect(r.stdout).toContain("Đã thay 1 giá trị cũ của sổ tổng hợp (liệt kê ở trên, cũ → mới).");
    expect(readName(await open(out), a31)).toMatchObject({ value: typed });
  }, 60_000);

  it("a value the agency cleared is listed with its old value, file and cell; kept unless --accept-cleared; exit 2", async () => {
    // A master holding the figures, split: every part is pre-filled with them.
    const filled = fresh("tong-hop-day-du") + ".xlsx";
    copyFileSync(master, filled);
    await edit(filled, (wb) => writeNamedValues(wb, namedInputs(sample)));
    const dir = fresh("phan-day-du");
    expect((await splitCommand([filled, "--by", "agency", "-o", dir])).code).toBe(0);
    const tttt = partFile(dir, "Sở TTTT");
    await edit(tttt, (wb) => {
      const at = readName(wb, a31);
      if (at.kind !== "value") throw new Error("no 3.1 a");
      wb.getWorksheet(at.sheet)!.getCell(at.address).value = null;
    });
    const text = `${tttt}, ô ${await placeOf(tttt, a31)}, DTI_3_1_a (chỉ số 3.1): cơ quan đã xóa giá trị; sổ tổng hợp đang có ${typed}.`;

    const out = fresh("ket-qua") + ".xlsx";
    const r = await mergeCommand([filled, ...allParts(dir), "-o", out]);
    expect(r.code).toBe(2);
    expect(r.stdout.split("\n")).toContain(`Đã xóa trong tệp phần, giữ giá trị cũ: ${text} Muốn xóa cả trong tệp ra: thêm --accept-cleared.`);
    expect(r.stderr).toContain("1 ô cơ quan đã xóa");
    expect(readName(await open(out), a31)).toMatchObject({ value: typed });

    const cleared = fresh("ket-qua") + ".xlsx";
    const ok = await mergeCommand([filled, ...allParts(dir), "-o", cleared, "--accept-cleared"]);
    expect(ok).toMatchObject({ code: 0, stderr: "" });
    expect(ok.stdout).toContain(`Đã xóa trong tệp phần, đã xóa trong tệp ra: ${text}`);
    expect(readName(await open(cleared), a31)).toMatchObject({ kind: "value", value: null });
  }, 120_000);

  it("two parts of one agency are a review item (exit 2) even when they agree; the values are written once", async () => {
    const dir = fresh("hai-tep");
    mkdirSync(dir);
    const copy = path.join(dir, "so-tttt (ban sao).xlsx");
    copyFileSync(partFile(filledDir, "Sở TTTT"), copy);
    const out = fresh("ket-qua") + ".xlsx";
    const r = await mergeCommand([master, ...allParts(filledDir), copy, "-o", out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`Một cơ quan, nhiều tệp: Sở TTTT có 2 tệp phần: ${partFile(filledDir, "Sở TTTT")}, ${copy}.`);
    expect(r.stdout).not.toMatch(/Xung đột/);
    expect(r.stderr).toContain("1 cơ quan gửi nhiều tệp");
    expect(readName(await open(out), a31)).toMatchObject({ value: typed });
  }, 60_000);

  it("the usage documents the new options and the exit codes", async () => {
    const r = await mergeCommand([]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("--accept-formulas");
    expect(r.stderr).toContain("--accept-cleared");
    expect(r.stderr).toMatch(/Mã thoát: 0 gộp sạch; 2 .*; 1 không gộp được gì/s);
  });
});

describe("split and merge a template of a set that is not built in (it carries its set)", () => {
  it("splits by agency and merges a returned part back, the set found in the workbooks themselves", async () => {
    const districtFile = path.join(root, "test/fixtures/sets/district-example.json");
    const template = fresh("huyen") + ".xlsx";
    expect((await run(["template", "--set", districtFile, "-o", template])).code).toBe(0);
    const dir = fresh("huyen-phan");
    const r = await splitCommand([template, "--by", "agency", "-o", dir]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    const files = readdirSync(dir).map((f) => path.join(dir, f));
    expect(files.length).toBeGreaterThan(0);
    const out = fresh("huyen-gop") + ".xlsx";
    // Every part, including one with only general information (no indicator sheet, no set sheet).
    const merged = await mergeCommand([template, ...files, "-o", out]);
    expect(merged.stdout).not.toMatch(/Bỏ qua tệp/);
    expect(merged.stdout).toContain(`Đã gộp ${files.length}/${files.length} tệp phần`);
    expect(merged).toMatchObject({ code: 0, stderr: "" });
    expect(existsSync(out)).toBe(true);
  }, 60_000);
});
