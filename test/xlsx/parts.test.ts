/**
 * The .xlsx side of split and merge that the task pane runs in the browser (src/xlsx/parts.ts),
 * here in Node: a part is built from a master's values and read back as the merge core needs
 * it; files that cannot be parts are refused with the reason, naming the file.
 */
import { dtiProvince2022 as set } from "../../src/catalog";
import { buildWorkbookLayout } from "../../src/layout/build";
import type { ReadCell } from "../../src/layout/merge";
import type { CellContent } from "../../src/layout/model";
import { TEMPLATE_VERSION, names } from "../../src/layout/names";
import { splitByAgency } from "../../src/layout/split";
import { buildPartWorkbook, checkXlsxBytes, openPartBytes, partBytes } from "../../src/xlsx/parts";
import { sayBoth } from "../../src/i18n/findings";

const plan = splitByAgency(set);
const part = plan.parts.find((p) => p.agency === "Sở KH&ĐT");
if (!part) throw new Error("no part for Sở KH&ĐT");

/** A master whose named cells hold `values`; linked cells are formulas without a result. */
function master(values: ReadonlyMap<string, CellContent>): ReadCell {
  const byName = new Map(buildWorkbookLayout(set).names.map((n) => [n.name, n]));
  return (name) => {
    const n = byName.get(name);
    if (!n) return { kind: "missing" };
    if (n.kind === "linked") return { kind: "value", value: null, formula: "=X" };
    if (name === names.metaSet) return { kind: "value", value: set.id };
    if (name === names.metaVersion) return { kind: "value", value: TEMPLATE_VERSION };
    return { kind: "value", value: values.get(name) ?? null };
  };
}

describe("a part, built and read back from bytes", () => {
  it("carries its agency and master, and the master's values, a cross-agency link resolved", async () => {
    const values = new Map<string, CellContent>([[names.input("6.22", "c"), 11250], [names.input("7.11", "a"), 12.6], [names.info(16), 3150]]);
    const built = await buildPartWorkbook(set, part, "tong-hop.xlsx", "portable", master(values));
    expect(built.placed).toEqual(expect.arrayContaining([names.input("7.11", "a"), names.input("7.11", "b"), names.info(16)]));
    const bytes = await partBytes(built);
    expect(Buffer.from(bytes.subarray(0, 2)).toString()).toBe("PK");
    const opened = await openPartBytes(bytes, "so-kh-dt.xlsx");
    if ("error" in opened.opened) throw new Error(sayBoth(opened.opened.error).vi);
    expect(opened.opened.meta).toMatchObject({ set: { id: set.id }, version: TEMPLATE_VERSION, formulas: "portable", agency: "Sở KH&ĐT", master: "tong-hop.xlsx" });
    expect(opened.opened.read(names.input("7.11", "b"))).toMatchObject({ kind: "value", value: 11250 });
    expect(opened.opened.read(names.input("7.11", "a"))).toMatchObject({ kind: "value", value: 12.6 });
    expect(opened.opened.read(names.input("3.1", "a"))).toEqual({ kind: "missing" });
    expect(opened.opened.names).toEqual(expect.arrayContaining([names.partAgency, names.info(16)]));
  }, 30_000);
});

describe("files that cannot be parts", () => {
  it("password-protected (or old .xls), not .xlsx, corrupt: named, with the reason", async () => {
    expect(checkXlsxBytes(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), "mat-khau.xlsx")).toEqual({
      vi: "mat-khau.xlsx: tệp được đặt mật khẩu hoặc là định dạng .xls cũ; hãy bỏ mật khẩu hoặc lưu lại dưới dạng .xlsx.",
      en: "mat-khau.xlsx: the file is password-protected or an old .xls; remove the password or save it as .xlsx.",
    });
    const text = await openPartBytes(new TextEncoder().encode("xin chào"), "ghi-chu.xlsx");
    expect(text.opened).toEqual({ error: { vi: "ghi-chu.xlsx: không phải tệp .xlsx.", en: "ghi-chu.xlsx: not an .xlsx file." } });
    const corrupt = await openPartBytes(new Uint8Array([0x50, 0x4b, 3, 4, ...new Array(64).fill(7)]), "hong.xlsx");
    expect("error" in corrupt.opened && sayBoth(corrupt.opened.error).vi).toMatch(/^hong\.xlsx: tệp \.xlsx bị hỏng, không đọc được \(/);
  });

  it("an .xlsx that is not a DTI template", async () => {
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Sheet1").getCell("A1").value = 1;
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const opened = await openPartBytes(bytes, "khac.xlsx");
    expect(opened.opened).toEqual({ error: { vi: "khac.xlsx: không nhận ra mẫu DTI (thiếu DTI_META_SET ở trang ẩn DTI_META).", en: "khac.xlsx: not a DTI template (no DTI_META_SET on the hidden DTI_META sheet)." } });
  });
});
