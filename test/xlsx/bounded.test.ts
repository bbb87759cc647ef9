/**
 * Bounded reading (src/xlsx/bounded.ts, issue 9): what a file is, and every limit enforced
 * while inflating and parsing, on files built here — zip bombs, truncated and renamed files.
 * The CLI side (score, aggregate, merge, template --update, --set) is in bounded-cli.test.ts.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { deflateRawSync } from "node:zlib";
import { strToU8, zipSync } from "fflate";
import { run } from "../../src/cli/main";
import { openXlsx, zlibInflate } from "../../src/cli/open-xlsx";
import { troubleVi, type NameTrouble } from "../../src/layout/name-scope";
import { BoundedZip, checkXlsx, DEFAULT_XLSX_LIMITS, openWorkbook, scanSheet, xlsxLimits, XlsxRefused, type XlsxLimits, type XlsxProblem } from "../../src/xlsx/bounded";
import { isFastNames, namedValueFrom, readDefinedNamesFast } from "../../src/xlsx/fast-names";
import { openPartBytes } from "../../src/xlsx/parts";
import { readName } from "../../src/xlsx/workbook";
import { sayBoth } from "../../src/i18n/findings";
import { entriesOf, rowsBomb, withEntry, writeZip, zerosBomb } from "./hostile";

jest.setTimeout(60_000);

const tmp = mkdtempSync(path.join(os.tmpdir(), "dti-bounded-"));
let template: Uint8Array;
let largest: Uint8Array;

beforeAll(async () => {
  const a = path.join(tmp, "mau.xlsx");
  const b = path.join(tmp, "mau-nhiem-vu.xlsx");
  expect((await run(["template", "-o", a])).code).toBe(0);
  expect((await run(["template", "--with-sample-tasks", "-o", b])).code).toBe(0);
  template = new Uint8Array(readFileSync(a));
  largest = new Uint8Array(readFileSync(b));
});

const refused = (got: XlsxProblem | null): XlsxProblem => {
  if (got === null) throw new Error("not refused");
  return got;
};

/** Limits low enough for small test files; the knobs are the CLI's. */
const small = (mb: number, cells: number): XlsxLimits => xlsxLimits(mb, cells);

describe("the defaults leave room for every real DTI workbook", () => {
  it("the largest real one (2022 template with the sample tasks) is under a tenth of every default", () => {
    const { zip, workbook } = openWorkbook(largest, "mau.xlsx");
    let largestPart = 0;
    for (const e of zip.entries) {
      let size = 0;
      zip.inflate(e, (c) => (size += c.length));
      largestPart = Math.max(largestPart, size);
    }
    let maxCells = 0;
    let maxRow = 0;
    let maxColumn = 0;
    for (const s of workbook.sheets) {
      let cells = 0;
      scanSheet(zip, zip.entry(s.path as string)!, s.name, { cells: 0 }, {
        after: "parse",
        visit: {
          want: () => true,
          cell: (c) => {
            cells++;
            maxRow = Math.max(maxRow, c.row);
            maxColumn = Math.max(maxColumn, c.column);
          },
        },
      });
      maxCells = Math.max(maxCells, cells);
    }
    const d = DEFAULT_XLSX_LIMITS;
    expect(largest.length * 10).toBeLessThan(d.maxFileBytes);
    expect(largestPart * 10).toBeLessThan(d.maxEntryBytes);
    expect(zip.inflatedBytes * 10).toBeLessThan(d.maxTotalBytes);
    expect(maxCells * 10).toBeLessThan(d.maxCellsPerSheet);
    expect(maxRow * 10).toBeLessThan(d.maxRows);
    expect(maxColumn * 10).toBeLessThan(d.maxColumns);
    expect(checkXlsx(largest, "mau.xlsx")).toBeNull();
  });

  it("--max-mb and --max-cells scale every limit from two numbers", () => {
    expect(DEFAULT_XLSX_LIMITS).toEqual({
      maxFileBytes: 50 * 2 ** 20,
      maxEntryBytes: 100 * 2 ** 20,
      maxTotalBytes: 300 * 2 ** 20,
      maxCellsPerSheet: 200_000,
      maxCellsTotal: 1_000_000,
      maxRows: 100_000,
      maxColumns: 1_000,
      maxValidationCells: 2_097_152,
    });
    // Never past Excel's own grid.
    expect(xlsxLimits(50, 1e9)).toMatchObject({ maxRows: 1_048_576, maxColumns: 16_384 });
  });
});

describe("zip bombs are stopped while inflating", () => {
  it("a 300 MB sheet of rows in a ~1 MB file: refused at the cell limit after reading a few MB", () => {
    const bomb = withEntry(template, rowsBomb("xl/worksheets/sheet2.xml", 300));
    expect(bomb.length).toBeLessThan(1.2 * 1024 * 1024);
    const t0 = Date.now();
    const zip = BoundedZip.open(bomb, "bom.xlsx");
    let error: unknown;
    try {
      scanSheet(zip, zip.entry("xl/worksheets/sheet2.xml")!, "Chỉ số DTI 2022", { cells: 0 }, { after: "parse" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(XlsxRefused);
    const problem = (error as XlsxRefused).problem;
    expect(problem).toMatchObject({ kind: "too-large", limit: "cells" });
    expect(problem.said.vi).toBe('bom.xlsx: trang "Chỉ số DTI 2022" có hơn 200.000 ô (giới hạn số ô mỗi trang khi đọc tệp .xlsx); không đọc.');
    // Aborted early: 200 000 cells are ~6 MB of this XML, nowhere near the 300 MB it would inflate to.
    expect(zip.inflatedBytes).toBeLessThan(40 * 2 ** 20);
    expect(Date.now() - t0).toBeLessThan(10_000);
    // The whole-file check and the lean reader stop the same way, naming the sheet.
    expect(refused(checkXlsx(bomb, "bom.xlsx")).said.vi).toMatch(/^bom\.xlsx: trang "Chỉ số DTI 2022" có hơn 200\.000 ô/);
    const lean = readDefinedNamesFast(bomb, "bom.xlsx");
    expect(!isFastNames(lean) && lean?.said.vi).toMatch(/^bom\.xlsx: trang "Chỉ số DTI 2022" có hơn 200\.000 ô/);
  });

  it("a 1 GB picture in a ~1 MB file: refused at 100 MB inflated, the rest never inflated", () => {
    const bomb = withEntry(template, zerosBomb("xl/media/image1.png", 1024));
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const zip = BoundedZip.open(bomb, "anh.xlsx");
    let seen = 0;
    expect(() => zip.inflate(zip.entry("xl/media/image1.png")!, (c) => (seen += c.length))).toThrow(XlsxRefused);
    // At most one push past the limit (16 kB in → ≤ 16.5 MB out) was inflated.
    expect(seen).toBeLessThanOrEqual(DEFAULT_XLSX_LIMITS.maxEntryBytes + 17 * 2 ** 20);
    expect(refused(checkXlsx(bomb, "anh.xlsx"))).toEqual({
      kind: "too-large",
      limit: "bytes",
      said: {
        vi: 'anh.xlsx: phần xl/media/image1.png khi giải nén vượt 100 MB (giới hạn mỗi phần của tệp .xlsx); tệp có thể là "bom nén", không đọc.',
        en: "anh.xlsx: part xl/media/image1.png inflates past 100 MB (the limit for one part of an .xlsx file); the file may be a zip bomb and is not read.",
      },
    });
  });

  it("sizes the zip declares are not trusted: a part that says 1 kB and inflates to 50 MB passes no smaller limit", () => {
    const bomb = withEntry(template, zerosBomb("xl/media/image1.png", 50, 1024));
    expect(refused(checkXlsx(bomb, "noi-doi.xlsx", small(1, 200_000))).said.vi).toMatch(/phần xl\/media\/image1\.png khi giải nén vượt 2 MB/);
  });

  it("with the CLI's native inflater (zlib): the same limits, and a part larger than it declares is refused", () => {
    const lie = withEntry(template, zerosBomb("xl/media/image1.png", 50, 1024));
    expect(refused(checkXlsx(lie, "noi-doi.xlsx", DEFAULT_XLSX_LIMITS, { inflateRaw: zlibInflate })).said.vi).toBe(
      'noi-doi.xlsx: tệp .xlsx bị hỏng, không đọc được (phần xl/media/image1.png giải nén ra nhiều hơn kích thước ghi trong tệp nén; tệp hỏng hoặc là "bom nén").',
    );
    const big = withEntry(template, zerosBomb("xl/media/image1.png", 1024));
    expect(refused(checkXlsx(big, "anh.xlsx", DEFAULT_XLSX_LIMITS, { inflateRaw: zlibInflate })).said.vi).toMatch(/phần xl\/media\/image1\.png khi giải nén vượt 100 MB/);
    // On normal files both inflaters read the same.
    expect(readDefinedNamesFast(largest, "mau.xlsx", DEFAULT_XLSX_LIMITS, zlibInflate)).toEqual(readDefinedNamesFast(largest, "mau.xlsx"));
    expect(checkXlsx(largest, "mau.xlsx", DEFAULT_XLSX_LIMITS, { inflateRaw: zlibInflate })).toBeNull();
  });

  it("many parts each under the part limit: refused at the total", () => {
    const parts = Array.from({ length: 8 }, (_, n) => zerosBomb(`xl/media/image${n + 1}.png`, 1));
    const bomb = writeZip([...entriesOf(template), ...parts]);
    // 2 MB a part, 6 MB in all.
    expect(refused(checkXlsx(bomb, "nhieu.xlsx", small(1, 200_000))).said.vi).toBe(
      'nhieu.xlsx: nội dung tệp khi giải nén vượt 6 MB (giới hạn cả tệp .xlsx); tệp có thể là "bom nén", không đọc.',
    );
  });

  it("the file itself past --max-mb", () => {
    expect(refused(checkXlsx(template, "mau.xlsx", small(0.05, 200_000)))).toMatchObject({ kind: "too-large", limit: "bytes" });
    expect(refused(checkXlsx(template, "mau.xlsx", small(0.05, 200_000))).said.vi).toMatch(/^mau\.xlsx: tệp lớn 0,0\d MB, vượt giới hạn 0,05 MB khi đọc tệp \.xlsx; không đọc\.$/);
  });
});

/** The template with one sheet's XML replaced. */
function withSheet(xml: string): Uint8Array {
  return withEntry(template, { name: "xl/worksheets/sheet1.xml", data: deflateRawSync(xml), method: 8, size: Buffer.byteLength(xml) });
}
const sheet = (body: string, head = ""): string =>
  `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${head}<sheetData>${body}</sheetData></worksheet>`;

describe("the used range of each sheet read", () => {
  it("a cell far to the right (XFD) or far down is refused, naming the sheet and the cell", () => {
    expect(refused(checkXlsx(withSheet(sheet('<row r="1"><c r="XFD1"><v>1</v></c></row>')), "phai.xlsx")).said.vi).toBe(
      'phai.xlsx: trang "Thông tin chung" có ô ở cột XFD (XFD1), vượt giới hạn 1.000 cột khi đọc tệp .xlsx; hãy xóa các ô thừa bên phải rồi lưu lại.',
    );
    expect(refused(checkXlsx(withSheet(sheet('<row r="900000"><c r="A900000"><v>1</v></c></row>')), "duoi.xlsx")).said.vi).toMatch(
      /^duoi\.xlsx: trang "Thông tin chung" có ô ở hàng 900\.000 \(A900000\), vượt giới hạn 100\.000 hàng/,
    );
  });

  it("a <dimension> claiming the whole grid is refused too; merged ranges count for a full read", () => {
    expect(refused(checkXlsx(withSheet(sheet("", '<dimension ref="A1:XFD1048576"/>')), "vung.xlsx")).said.vi).toMatch(/khai báo vùng dữ liệu tới hàng 1\.048\.576/);
    const merged = withSheet(sheet('<row r="1"><c r="A1"><v>1</v></c></row>').replace("</worksheet>", '<mergeCells count="1"><mergeCell ref="A1:Z20000"/></mergeCells></worksheet>'));
    expect(refused(checkXlsx(merged, "gop.xlsx")).said.vi).toMatch(/^gop\.xlsx: trang "Thông tin chung" có hơn 200\.000 ô/);
    // A reader of values skips merges, as exceljs's ignoreNodes does.
    expect(checkXlsx(merged, "gop.xlsx", DEFAULT_XLSX_LIMITS, { valuesOnly: true })).toBeNull();
  });

  it("a data validation over the whole grid (exceljs would expand it cell by cell) is refused for a full read", () => {
    const dv = withSheet(
      sheet('<row r="1"><c r="A1"><v>1</v></c></row>').replace(
        "</worksheet>",
        '<dataValidations count="1"><dataValidation type="whole" sqref="A1:XFD1048576"><formula1>0</formula1></dataValidation></dataValidations></worksheet>',
      ),
    );
    expect(refused(checkXlsx(dv, "kiem-tra.xlsx")).said.vi).toMatch(/Data Validation\) phủ hơn 2\.097\.152 ô/);
    // Two whole columns, as a person selects them, are fine.
    const columns = withSheet(
      sheet('<row r="1"><c r="A1"><v>1</v></c></row>').replace(
        "</worksheet>",
        '<dataValidations count="1"><dataValidation type="whole" sqref="C:D"><formula1>0</formula1></dataValidation></dataValidations></worksheet>',
      ),
    );
    expect(checkXlsx(columns, "cot.xlsx")).toBeNull();
  });
});

describe("what the file is, in one line", () => {
  const ods = zipSync({
    mimetype: [strToU8("application/vnd.oasis.opendocument.spreadsheet"), { level: 0 }],
    "META-INF/manifest.xml": strToU8("<manifest/>"),
    "content.xml": strToU8("<office:document-content/>"),
  });

  it.each<[string, () => Uint8Array, XlsxProblem["kind"], RegExp]>([
    ["an OpenDocument spreadsheet renamed", () => ods, "opendocument", /^x\.xlsx: không phải tệp \.xlsx \(tệp OpenDocument \.ods; hãy mở bằng Excel\/LibreOffice và lưu lại dạng \.xlsx\)\.$/],
    ["a Word file", () => zipSync({ "[Content_Types].xml": strToU8("<Types/>"), "word/document.xml": strToU8("<w/>") }), "not-workbook", /\(tệp Word \.docx\)/],
    ["a plain zip", () => zipSync({ "ghi-chu.txt": strToU8("xin chào") }), "not-workbook", /tệp nén \.zip không chứa sổ Excel/],
    ["truncated by a mail gateway", () => template.subarray(0, Math.floor(template.length / 2)), "truncated", /bị cắt cụt, thiếu phần cuối; có thể bị cắt khi gửi qua thư/],
    ["cut inside its last part", () => template.subarray(0, template.length - 30), "truncated", /bị cắt cụt/],
    ["text", () => strToU8("xin chào"), "not-xlsx", /^x\.xlsx: không phải tệp \.xlsx\.$/],
    ["empty", () => new Uint8Array(0), "not-xlsx", /tệp rỗng/],
    ["encrypted or an old .xls", () => new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), "encrypted", /đặt mật khẩu hoặc là định dạng \.xls cũ/],
  ])("%s", (_what, bytes, kind, message) => {
    const problem = refused(checkXlsx(bytes(), "x.xlsx"));
    expect(problem.kind).toBe(kind);
    expect(problem.said.vi).toMatch(message);
    expect(problem.said.vi).not.toMatch(/\n/);
    expect(problem.said.en).toMatch(/^x\.xlsx: /);
  });

  it("a workbook with no sheets, and one whose sheet part is missing", () => {
    const entries = entriesOf(template);
    const noSheets = writeZip(
      entries.map((e) =>
        e.name === "xl/workbook.xml"
          ? { name: e.name, method: 8 as const, data: deflateRawSync('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>'), size: 0 }
          : e,
      ),
    );
    expect(refused(checkXlsx(noSheets, "rong.xlsx"))).toMatchObject({ kind: "no-sheets", said: { vi: "rong.xlsx: sổ không có trang tính nào (tệp .xlsx rỗng hoặc hỏng); hãy mở bằng Excel và lưu lại." } });
    const missing = writeZip(entries.filter((e) => e.name !== "xl/worksheets/sheet2.xml"));
    expect(refused(checkXlsx(missing, "thieu.xlsx")).said.vi).toBe('thieu.xlsx: tệp .xlsx bị hỏng, không đọc được (thiếu trang "Chỉ số DTI 2022" (xl/worksheets/sheet2.xml)).');
  });

  it("damaged compressed data and malformed XML are 'corrupt', naming the part", () => {
    const entries = entriesOf(template);
    const damaged = writeZip(entries.map((e) => (e.name === "xl/styles.xml" ? { ...e, data: e.data.map((b, i) => (i > 4 ? b ^ 0x5a : b)) } : e)));
    expect(refused(checkXlsx(damaged, "hong.xlsx")).said.vi).toMatch(/^hong\.xlsx: tệp \.xlsx bị hỏng, không đọc được \((dữ liệu nén của phần xl\/styles\.xml hỏng|phần xl\/styles\.xml không phải XML hợp lệ)/);
    const xml = withSheet("<worksheet><sheetData><row></sheetData>");
    expect(refused(checkXlsx(xml, "xml.xlsx")).said.vi).toMatch(/^xml\.xlsx: tệp \.xlsx bị hỏng, không đọc được \(phần xl\/worksheets\/sheet1\.xml không phải XML hợp lệ/);
  });

  it("the pane's merge gets the same refusal as Said, before exceljs sees the bytes", async () => {
    const opened = await openPartBytes(ods, "so-tc.xlsx");
    expect(opened.opened).toEqual({
      error: {
        vi: "so-tc.xlsx: không phải tệp .xlsx (tệp OpenDocument .ods; hãy mở bằng Excel/LibreOffice và lưu lại dạng .xlsx).",
        en: "so-tc.xlsx: not an .xlsx file (an OpenDocument .ods file; open it in Excel/LibreOffice and save it as .xlsx).",
      },
    });
    const bomb = await openPartBytes(withEntry(template, rowsBomb("xl/worksheets/sheet2.xml", 300)), "so-kh.xlsx");
    expect("error" in bomb.opened && sayBoth(bomb.opened.error).vi).toMatch(/^so-kh\.xlsx: trang "Chỉ số DTI 2022" có hơn 200\.000 ô/);
  });
});

describe("the lean reader reports ambiguous names, never resolves them", () => {
  /** The template with extra definedName elements in its workbook part. */
  function withNames(extra: string, rename: (xml: string) => string = (x) => x): Uint8Array {
    const entries = entriesOf(template);
    const wb = new TextDecoder().decode(zipEntries(template)["xl/workbook.xml"]);
    const xml = rename(wb.replace("</definedNames>", `${extra}</definedNames>`));
    return writeZip(entries.map((e) => (e.name === "xl/workbook.xml" ? { ...e, data: deflateRawSync(xml), size: Buffer.byteLength(xml) } : e)));
  }

  it("a range, a name defined twice, a sheet-scoped twin: each in `ambiguous` with the reason, read as broken, as exceljs reads it", async () => {
    const bytes = withNames(
      "<definedName name=\"VUNG\">'Thông tin chung'!$C$4:$C$6</definedName>" +
        "<definedName name=\"HAI_LAN\">'Thông tin chung'!$C$4</definedName><definedName name=\"HAI_LAN\">'Thông tin chung'!$C$5</definedName>" +
        "<definedName name=\"DTI_INFO_2\" localSheetId=\"1\">'Chỉ số DTI 2022'!$A$1</definedName>" +
        "<definedName name=\"dti_info_3\">'Thông tin chung'!$C$9</definedName>",
    );
    const fast = readDefinedNamesFast(bytes, "mo-ho.xlsx");
    if (!isFastNames(fast)) throw new Error(JSON.stringify(fast));
    expect(fast.ambiguous.get("VUNG")).toEqual({ kind: "range", name: "VUNG", ref: "'Thông tin chung'!$C$4:$C$6" });
    expect(fast.ambiguous.get("HAI_LAN")).toEqual({ kind: "duplicate", name: "HAI_LAN", refs: ["'Thông tin chung'!$C$4", "'Thông tin chung'!$C$5"] });
    const twin = fast.ambiguous.get("DTI_INFO_2");
    expect(twin).toEqual({ kind: "sheet-twin", name: "DTI_INFO_2", ref: "'Thông tin chung'!$C$7", locals: [{ sheet: "Chỉ số DTI 2022", ref: "'Chỉ số DTI 2022'!$A$1" }] });
    // Rendered from the one table, in the words of the exceljs and Office.js paths.
    expect(troubleVi(twin as NameTrouble)).toBe(
      "ngoài tên DTI_INFO_2 của cả sổ ('Thông tin chung'!$C$7) còn có tên DTI_INFO_2 riêng của trang \"Chỉ số DTI 2022\" ('Chỉ số DTI 2022'!$A$1); công thức trên trang đó dùng ô của tên riêng, các trang khác dùng ô của tên chung",
    );
    // Excel's names ignore case: "dti_info_3" is DTI_INFO_3 defined a second time.
    expect(fast.ambiguous.get("DTI_INFO_3")).toMatchObject({ kind: "duplicate", name: "DTI_INFO_3", refs: ["'Thông tin chung'!$C$8", "'Thông tin chung'!$C$9"] });
    expect(fast.ambiguous.get("dti_info_3")).toMatchObject({ kind: "duplicate", name: "dti_info_3" });
    expect(namedValueFrom(fast, "DTI_INFO_2")).toEqual({ kind: "broken", trouble: twin });
    // The same trouble as exceljs + readName give for the same file.
    const file = path.join(tmp, "mo-ho.xlsx");
    writeFileSync(file, bytes);
    const opened = await openXlsx(file);
    if ("error" in opened) throw new Error(opened.error);
    for (const n of ["VUNG", "HAI_LAN", "DTI_INFO_2", "DTI_INFO_3"]) expect([n, namedValueFrom(fast, n)]).toEqual([n, readName(opened.workbook, n)]);
    // An unambiguous name next to them still reads.
    expect(namedValueFrom(fast, "DTI_INFO_1")).toMatchObject({ kind: "value", sheet: "Thông tin chung", address: "C6" });
  });

  it("a name scoped to one sheet only, a constant or #REF!: left to exceljs (undefined), not guessed", () => {
    const bytes = withNames('<definedName name="RIENG" localSheetId="0">\'Thông tin chung\'!$C$4</definedName><definedName name="HANG">42</definedName><definedName name="MAT">#REF!</definedName>');
    const fast = readDefinedNamesFast(bytes, "x.xlsx");
    if (!isFastNames(fast)) throw new Error(JSON.stringify(fast));
    for (const n of ["RIENG", "HANG", "MAT"]) expect([n, namedValueFrom(fast, n)]).toEqual([n, undefined]);
  });
});

function zipEntries(bytes: Uint8Array): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  const zip = BoundedZip.open(bytes, "x.xlsx");
  for (const e of zip.entries) out[e.name] = zip.bytesOf(e.name) as Uint8Array;
  return out;
}
