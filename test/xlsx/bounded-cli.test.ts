/**
 * Bounded reading in the commands (issue 9, point 1): a zip bomb, a sheet of junk cells far to
 * the right, an OpenDocument file renamed, a truncated file. Each ends with one line naming the
 * file and the limit or what the file is; aggregate and merge skip the file and go on. In
 * process through run() (fast), except where the process's memory is what is checked.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { strToU8, zipSync } from "fflate";
import { run } from "../../src/cli/main";
import { SET_SHEET_NAME } from "../../src/layout/set-sheet";
import { rowsBomb, withEntry } from "./hostile";

jest.setTimeout(120_000);

const root = path.resolve(__dirname, "../..");
const tmp = mkdtempSync(path.join(os.tmpdir(), "dti-bounded-cli-"));
let template: string;
let bomb: string;

const odsBytes = (): Uint8Array =>
  zipSync({
    mimetype: [strToU8("application/vnd.oasis.opendocument.spreadsheet"), { level: 0 }],
    "META-INF/manifest.xml": strToU8('<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>'),
    "content.xml": strToU8('<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>'),
  });

beforeAll(async () => {
  template = path.join(tmp, "mau.xlsx");
  expect((await run(["template", "-o", template])).code).toBe(0);
  // ~1 MB on disk, 300 MB of rows once inflated: what made `dti score` pass 4 GB and die.
  bomb = path.join(tmp, "bom.xlsx");
  writeFileSync(bomb, withEntry(new Uint8Array(readFileSync(template)), rowsBomb("xl/worksheets/sheet2.xml", 300)));
});

const oneLine = (text: string): void => {
  expect(text.trimEnd().split("\n")).toHaveLength(1);
  expect(text).not.toMatch(/\n\s+at |FATAL|heap/);
};

describe("dti score", () => {
  it("a ~1 MB zip bomb: exit 1, one line naming the file and the limit, memory stays bounded (spawned)", () => {
    expect(statSync(bomb).size).toBeLessThan(1.2 * 1024 * 1024);
    // The process reports its own peak memory when the command is done.
    const script = `const { run } = require(${JSON.stringify(path.join(root, "src/cli/main.ts"))});
      run(["score", ${JSON.stringify(bomb)}]).then((r) => {
        process.stderr.write(r.stderr);
        process.stdout.write(JSON.stringify({ code: r.code, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
      });`;
    const child = spawnSync(process.execPath, ["--import", "tsx", "-e", script], { cwd: root, encoding: "utf8", timeout: 60_000 });
    expect(child.status).toBe(0);
    const got = JSON.parse(child.stdout) as { code: number; maxRssMb: number };
    expect(got.code).toBe(1);
    expect(child.stderr).toBe(
      `Lỗi: ${bomb}: trang "Chỉ số DTI 2022" có hơn 200.000 ô (giới hạn số ô mỗi trang khi đọc tệp .xlsx); không đọc. Có thể nâng giới hạn bằng --max-cells <số ô>.\n`,
    );
    // Node, tsx and exceljs loaded take ~150–250 MB; reading the bomb was stopped after a few MB.
    expect(got.maxRssMb).toBeLessThan(600);
  });

  it("--max-cells and --max-mb: a bad value is refused, a lowered one refuses a normal template naming it", async () => {
    const bad = await run(["score", template, "--max-mb", "nhiều"]);
    expect([bad.code, bad.stderr]).toEqual([1, "Lỗi: --max-mb nhiều: cần một số dương.\n"]);
    const low = await run(["score", template, "--max-cells", "2000"]);
    expect(low.code).toBe(1);
    expect(low.stderr).toMatch(/^Lỗi: .*mau\.xlsx: trang ".*" .* Có thể nâng giới hạn bằng --max-cells <số ô>\.\n$/);
    oneLine(low.stderr);
  });

  it.each<[string, () => Uint8Array, RegExp]>([
    ["an OpenDocument file renamed", odsBytes, /không phải tệp \.xlsx \(tệp OpenDocument \.ods; hãy mở bằng Excel\/LibreOffice và lưu lại dạng \.xlsx\)\.\n$/],
    ["a truncated file", () => new Uint8Array(readFileSync(template)).subarray(0, 40_000), /tệp bị cắt cụt, thiếu phần cuối/],
    ["a zip that is no workbook", () => zipSync({ "a.txt": strToU8("x") }), /không phải tệp \.xlsx \(tệp nén \.zip không chứa sổ Excel/],
  ])("%s: exit 1, one line saying what the file is", async (_what, bytes, message) => {
    const file = path.join(tmp, `x-${Math.random().toString(36).slice(2)}.xlsx`);
    writeFileSync(file, bytes());
    const r = await run(["score", file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^Lỗi: ${file.replace(/[.\\/]/g, "\\$&")}: `));
    expect(r.stderr).toMatch(message);
    oneLine(r.stderr);
  });
});

describe("an OpenDocument file renamed .xlsx is named as such everywhere", () => {
  it("template --update leaves it as it was; merge skips it as a part", async () => {
    const dir = mkdtempSync(path.join(tmp, "ods-"));
    const file = path.join(dir, "X.xlsx");
    writeFileSync(file, odsBytes());
    const before = readFileSync(file);
    const update = await run(["template", "--update", "-o", file]);
    expect(update.code).toBe(1);
    expect(update.stderr).toBe(`Lỗi: ${file}: không phải tệp .xlsx (tệp OpenDocument .ods; hãy mở bằng Excel/LibreOffice và lưu lại dạng .xlsx).\n`);
    expect(readFileSync(file)).toEqual(before);
    const asMaster = await run(["merge", file, template, "-o", path.join(dir, "ra.xlsx")]);
    expect(asMaster.code).toBe(1);
    expect(asMaster.stderr).toMatch(/tệp OpenDocument \.ods/);
  });
});

describe("aggregate and merge skip a file past a limit and go on", () => {
  it("aggregate: one bomb among good units → the others ranked, exit 2, the bomb named with the limit", async () => {
    const dir = path.join(tmp, "don-vi");
    mkdirSync(dir);
    copyFileSync(template, path.join(dir, "a-so-noi-vu.xlsx"));
    copyFileSync(template, path.join(dir, "b-so-y-te.xlsx"));
    copyFileSync(bomb, path.join(dir, "c-bom.xlsx"));
    const r = await run(["aggregate", dir, "--json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`Bỏ qua ${path.join(dir, "c-bom.xlsx")}: trang "Chỉ số DTI 2022" có hơn 200.000 ô (giới hạn số ô mỗi trang khi đọc tệp .xlsx); không đọc. Có thể nâng giới hạn bằng --max-cells <số ô>.`);
    expect(r.stderr).toMatch(/Đã bỏ qua 1 tệp; tổng hợp 2 đơn vị còn lại \(mã thoát 2\)\./);
    const report = JSON.parse(r.stdout) as { units: { name: string }[] };
    expect(report.units).toHaveLength(2);
  });

  it("merge: a bomb among the parts is skipped by name (exit 2), the real part is merged", async () => {
    const dir = mkdtempSync(path.join(tmp, "merge-"));
    const parts = path.join(dir, "phan");
    expect((await run(["split", template, "--by", "agency", "-o", parts])).code).toBe(0);
    const part = path.join(parts, readdirSync(parts).sort()[0] as string);
    const r = await run(["merge", template, part, bomb, "-o", path.join(dir, "ra.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`Bỏ qua tệp: ${bomb}: trang "Chỉ số DTI 2022" có hơn 200.000 ô`);
    expect(r.stdout).toMatch(/^Đã gộp 1\/2 tệp phần/);
  });
});

describe("a set sheet with 20 000 junk cells far to the right (--set file.xlsx)", () => {
  it("is refused at once, in one line naming the sheet and the column, instead of minutes and gigabytes", async () => {
    const file = path.join(tmp, "bo-chi-so.xlsx");
    expect((await run(["catalog", "--xlsx", "-o", file])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet(SET_SHEET_NAME)!;
    const first = ws.rowCount + 2;
    for (let n = 0; n < 20_000; n++) ws.getCell(first + n, 16_384 - (n % 50)).value = "rác";
    await wb.xlsx.writeFile(file);
    const t0 = Date.now();
    const r = await run(["catalog", "--set", file]);
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^Lỗi: ${file.replace(/[.\\/]/g, "\\$&")}: trang "${SET_SHEET_NAME}" (khai báo vùng dữ liệu tới|có ô ở) cột XFD.*, vượt giới hạn 1\\.000 cột`));
    oneLine(r.stderr);
  });
});
