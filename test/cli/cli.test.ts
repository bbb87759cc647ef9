/**
 * The dti command line, in-process through run(), and once as a real process the way the
 * README runs it, for exit codes and the absence of stack traces.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs, { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { strToU8, zipSync } from "fflate";
import ExcelJS from "exceljs";
import { writeFileAtomic, writeWorkbookAtomic, WriteError } from "../../src/cli/atomic-write";
import { oneLine, run } from "../../src/cli/main";
import type { ScoreReport } from "../../src/engine/report";

const root = path.resolve(__dirname, "../..");
const fixture = (name: string): string => path.join(root, "test/fixtures", name);

function files(map: Record<string, string>): (p: string) => string {
  return (p) => {
    const text = map[p];
    if (text === undefined) throw Object.assign(new Error("ENOENT"), { code: "ENOENT" });
    return text;
  };
}

async function scoreJson(data: unknown, ...flags: string[]) {
  return run(["score", "in.json", ...flags], files({ "in.json": JSON.stringify(data) }));
}

describe("dti catalog", () => {
  it("lists the general information, the 9 pillars and every component with its rule and variables", async () => {
    const r = await run(["catalog"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/THÔNG TIN CHUNG/);
    expect(r.stdout).toMatch(/19\. Tổng chi Ngân sách nhà nước cho chuyển đổi số \[tỷ đồng\]/);
    expect(r.stdout).toMatch(/VI\. HOẠT ĐỘNG CHÍNH QUYỀN SỐ — 200 điểm/);
    expect(r.stdout).toMatch(/5\.12\.1 +Kinh phí chung chi cho ATTT — tối đa 5 điểm/);
    expect(r.stdout).toMatch(/3\.1 .*\n.*\n.*Tỷ lệ = a\/b.*\n.*a = Số lượng người dân trưởng thành có điện thoại thông minh/);
    expect(r.stdout).toMatch(/b = Tổng dân số của Tỉnh, thành phố \[người\] \(= Thông tin chung mục 4\)/);
    expect(r.stdout).toMatch(/Tổng điểm tối đa: 1000/);
  });

  it("--json gives the typed catalog", async () => {
    const r = await run(["catalog", "--json"]);
    const set = JSON.parse(r.stdout) as { id: string; indicators: unknown[]; pillars: unknown[] };
    expect(set.id).toBe("dti-province-2022");
    expect(set.pillars).toHaveLength(9);
    expect(set.indicators).toHaveLength(104);
  });

  it("an unknown set is an error naming the known ones", async () => {
    const r = await run(["catalog", "--set", "dti-2099"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/không có bộ chỉ số "dti-2099".*dti-province-2022/);
  });
});

describe("dti score", () => {
  it("scores the README's sample: pillar totals, total and the index", async () => {
    const r = await run(["score", fixture("sample-province.json")]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as ScoreReport;
    const unit = report.units[0];
    expect(report.indicatorSet).toBe("dti-province-2022");
    expect(unit?.name).toBe("Ninh Thuận");
    expect(Object.keys(unit?.pillars ?? {})).toEqual(["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]);
    // 3.1: a = 318 000 smartphone owners of item 4 = 596 000 people → 318/596 × 10.
    expect(unit?.indicators["3.1"]).toMatchObject({ maxPoints: 10, status: "ok", messages: [] });
    expect(unit?.indicators["3.1"]?.score).toBeCloseTo((318000 / 596000) * 10, 12);
    const pillarSum = Object.values(unit?.pillars ?? {}).reduce((s, p) => s + p.score, 0);
    expect(unit?.total.score).toBeCloseTo(pillarSum, 9);
    expect(unit?.total.maxPoints).toBe(1000);
    expect(unit?.total.index).toBeCloseTo((unit?.total.score ?? 0) / 1000, 12);
    expect(unit?.total.indexDisplay).toMatch(/^0,\d{4}$/);
    expect(unit?.total.incomplete).toEqual([]);
  });

  it("output has the documented shape", async () => {
    const r = await scoreJson({ indicatorSet: "dti-province-2022", units: [{ name: "T", values: { "3.1": { a: 450000, b: 600000 } } }] });
    const report = JSON.parse(r.stdout) as ScoreReport;
    expect(report.units[0]?.indicators["3.1"]).toEqual({ score: 7.5, maxPoints: 10, status: "ok", messages: [], ratio: 0.75 });
    expect(report.units[0]?.pillars.III).toMatchObject({ score: 7.5, maxPoints: 100 });
    expect(report.units[0]?.total).toMatchObject({ score: 7.5, maxPoints: 1000, index: 0.0075, indexDisplay: "0,0075" });
  });

  it("computes min-max and ratio-to-best across the units in the file", async () => {
    const r = await run(["score", fixture("sample-districts.json")]);
    const report = JSON.parse(r.stdout) as ScoreReport;
    const counts = report.units.map((u) => u.indicators["5.1"]?.score);
    // 5.1 counts 16, 12 and 7 (12 × 1.3, × 1, × 0.55 rounded): (x − 7)/(16 − 7) × 10.
    expect(counts).toEqual([10, (12 - 7) / (16 - 7) * 10, 0].map((x) => expect.closeTo(x, 12)));
    expect(report.units.map((u) => u.indicators["8.6"]?.status)).toEqual(["ok", "ok", "ok"]);
  });

  it("--alt-threshold switches the §2 reading and says so in the report", async () => {
    const data = { indicatorSet: "dti-province-2022", units: [{ name: "T", values: { "7.1": { a: 1000, b: 10000 } } }] };
    const literal = JSON.parse((await scoreJson(data)).stdout) as ScoreReport;
    const alt = JSON.parse((await scoreJson(data, "--alt-threshold")).stdout) as ScoreReport;
    expect(literal.units[0]?.indicators["7.1"]?.score).toBe(2);
    expect(alt.units[0]?.indicators["7.1"]?.score).toBe(10);
    expect([literal.options.altThreshold, alt.options.altThreshold]).toEqual([false, true]);
  });

  it("bad values are statuses with Vietnamese messages, and the run exits 0", async () => {
    const r = await scoreJson({
      indicatorSet: "dti-province-2022",
      units: [{ name: "T", values: { "3.1": { a: "khoảng 300 nghìn", b: 600000 }, "3.2": { a: -1, b: 10 }, "3.3": { a: 5, b: 0 }, "3.4": { a: 70, b: 65 } } }],
    });
    expect(r.code).toBe(0);
    const u = (JSON.parse(r.stdout) as ScoreReport).units[0];
    expect(u?.indicators["3.1"]).toMatchObject({ score: null, status: "invalid" });
    expect(u?.indicators["3.1"]?.messages[0]?.text).toMatch(/Chỉ số 3\.1, biến a .*không phải là số/);
    expect(u?.indicators["3.2"]?.messages[0]?.text).toMatch(/số âm/);
    expect(u?.indicators["3.3"]).toMatchObject({ score: 0, status: "zero-denominator" });
    expect(u?.indicators["3.4"]).toMatchObject({ score: 10, status: "invalid" });
    expect(u?.pillars.III?.incomplete).toEqual(expect.arrayContaining(["3.1", "3.2"]));
  });
});

describe("dti score: input that cannot be read exits 1 with a message naming the file", () => {
  it.each([
    ["a missing file", ["score", "khong-co.json"], {}, /khong-co\.json: không tìm thấy tệp/],
    ["invalid JSON", ["score", "in.json"], { "in.json": "{ units: " }, /in\.json: không phải JSON hợp lệ/],
    ["an unknown set", ["score", "in.json"], { "in.json": '{"indicatorSet":"dti-2099","units":[{"name":"T","values":{}}]}' }, /không có bộ chỉ số "dti-2099"/],
    ["units not an array", ["score", "in.json"], { "in.json": '{"indicatorSet":"dti-province-2022","units":{}}' }, /"units" phải là một mảng/],
    ["no units", ["score", "in.json"], { "in.json": '{"indicatorSet":"dti-province-2022","units":[]}' }, /không có đơn vị nào/],
    ["a unit without a name", ["score", "in.json"], { "in.json": '{"indicatorSet":"dti-province-2022","units":[{"values":{}}]}' }, /units\[0\]: thiếu "name"/],
    [
      "duplicate unit names",
      ["score", "in.json"],
      { "in.json": '{"indicatorSet":"dti-province-2022","units":[{"name":"Sở A","values":{}},{"name":"Sở A","values":{}}]}' },
      /"Sở A" xuất hiện hai lần/,
    ],
    [
      "an unknown indicator id",
      ["score", "in.json"],
      { "in.json": '{"indicatorSet":"dti-province-2022","units":[{"name":"T","values":{"3.99":{"a":1}}}]}' },
      /không có chỉ số "3\.99"/,
    ],
    [
      "a value that is an object",
      ["score", "in.json"],
      { "in.json": '{"indicatorSet":"dti-province-2022","units":[{"name":"T","values":{"3.1":{"a":{"x":1}}}}]}' },
      /units\[0\]\.values\["3\.1"\]\.a: giá trị phải là số/,
    ],
    ["an unknown command", ["tinh"], {}, /lệnh không rõ "tinh"/],
    ["an unknown option", ["score", "in.json", "--fast"], { "in.json": "{}" }, /--fast/],
  ])("%s", async (_what, argv, map, message) => {
    const r = await run(argv, files(map as Record<string, string>));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^Lỗi: /);
    expect(r.stderr).toMatch(message);
  });
});

describe("as a process, the way the README runs it", () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", path.join(root, "src/cli/main.ts"), ...args], { cwd: root, encoding: "utf8" });

  it("prints the report and exits 0 on the sample", async () => {
    const p = cli("score", "test/fixtures/sample-province.json");
    expect(p.status).toBe(0);
    const report = JSON.parse(p.stdout) as ScoreReport;
    expect(report.units[0]?.total.indexDisplay).toMatch(/^0,\d{4}$/);
  });

  it("exits 1 with one clear line and no stack trace on unreadable input", async () => {
    const p = cli("score", "test/fixtures/khong-co.json");
    expect(p.status).toBe(1);
    expect(p.stderr).toMatch(/Lỗi: test\/fixtures\/khong-co\.json: không tìm thấy tệp/);
    expect(p.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("the sample fixture", () => {
  it("is realistic: every indicator of the set has values, and min-max rows carry reference values", async () => {
    const data = JSON.parse(readFileSync(fixture("sample-province.json"), "utf8")) as {
      units: { values: Record<string, unknown>; reference: Record<string, unknown> }[];
    };
    const report = JSON.parse((await run(["score", fixture("sample-province.json")])).stdout) as ScoreReport;
    const statuses = Object.entries(report.units[0]?.indicators ?? {}).filter(([, o]) => o.status !== "ok" && o.status !== "unscored");
    expect(statuses).toEqual([]);
    expect(Object.keys(data.units[0]?.reference ?? {}).sort()).toEqual(["4.11", "4.5", "4.6", "5.1", "5.10", "5.9", "7.10", "8.6", "8.7"]);
  });
});

/** A scratch directory per test, and what is in it (name → sha256), to prove what a failed write left. */
const scratchDirs: string[] = [];
function scratch(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "dti-cli-"));
  scratchDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) out[name] = createHash("sha256").update(readFileSync(path.join(dir, name))).digest("hex");
  return out;
}
const noStack = (text: string): void => {
  expect(text).not.toMatch(/\n\s+at .+[(:]/);
  expect(text).not.toMatch(/TypeError|node:internal|EPIPE/);
};

/** An OpenDocument spreadsheet (what LibreOffice saves), renamed to .xlsx: a zip, but not an .xlsx. */
function odsBytes(): Uint8Array {
  return zipSync({
    mimetype: [strToU8("application/vnd.oasis.opendocument.spreadsheet"), { level: 0 }],
    "META-INF/manifest.xml": strToU8(
      '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>',
    ),
    "content.xml": strToU8(
      '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"><office:body><office:spreadsheet/></office:body></office:document-content>',
    ),
  });
}

describe("no file is ever destroyed: every write goes to a temporary file renamed into place", () => {
  afterEach(() => jest.restoreAllMocks());

  it("template --update on an OpenDocument file renamed to .xlsx leaves it byte for byte (it was left at 0 bytes)", async () => {
    const dir = scratch();
    const file = path.join(dir, "X.xlsx");
    writeFileSync(file, odsBytes());
    const before = snapshot(dir);
    const r = await run(["template", "--update", "-o", file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Lỗi: .*X\.xlsx/);
    expect(r.stderr).not.toMatch(/không mong đợi/);
    noStack(r.stderr);
    expect(snapshot(dir)).toEqual(before);
  });

  it("a workbook exceljs cannot serialise (read from an OpenDocument file) leaves the target as it was", async () => {
    // What template --update did before openXlsx learnt to refuse OpenDocument: exceljs reads the
    // .ods without complaint, then fails while writing (the bug that left the file at 0 bytes).
    const dir = scratch();
    const file = path.join(dir, "X.xlsx");
    writeFileSync(file, odsBytes());
    const before = snapshot(dir);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(odsBytes()) as unknown as ExcelJS.Buffer);
    await expect(writeWorkbookAtomic(wb, file, { kind: "replace", original: statSync(file) })).rejects.toThrow(
      new WriteError(`${file}: không tạo được nội dung tệp .xlsx (Cannot read properties of undefined (reading 'date1904')); tệp cũ vẫn giữ nguyên.`),
    );
    expect(snapshot(dir)).toEqual(before);
  });

  it("template --update that fails half-way through writing (disk full) keeps the original's bytes and leaves no temporary file", async () => {
    const dir = scratch();
    const file = path.join(dir, "mau.xlsx");
    expect((await run(["template", "-o", file])).code).toBe(0);
    const before = snapshot(dir);
    // The disk fills after the first half of the new file has been written.
    const real = fs.writeSync;
    jest.spyOn(fs, "writeSync").mockImplementation(((fd: number, buffer: Uint8Array, offset: number, length: number) => {
      if (length > 1) return real(fd, buffer, offset, Math.floor(length / 2));
      throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
    }) as typeof fs.writeSync);
    const r = await run(["template", "--update", "-o", file]);
    jest.restoreAllMocks();
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`Lỗi: ${file}: không ghi được (ổ đĩa đã đầy); tệp cũ vẫn giữ nguyên.\n`);
    expect(snapshot(dir)).toEqual(before);
    // And the untouched original still updates cleanly afterwards.
    expect((await run(["template", "--update", "-o", file])).code).toBe(0);
  });

  it.each([
    ["template", (out: string) => ["template", "-o", out]],
    ["catalog --xlsx", (out: string) => ["catalog", "--xlsx", "-o", out]],
  ])("%s: a failed rename leaves neither the target nor a temporary file", async (_what, argv) => {
    const dir = scratch();
    const out = path.join(dir, "moi.xlsx");
    jest.spyOn(fs, "linkSync").mockImplementation(() => {
      throw Object.assign(new Error("EPERM: operation not permitted, link"), { code: "EPERM" });
    });
    jest.spyOn(fs, "renameSync").mockImplementation(() => {
      throw Object.assign(new Error("EBUSY: resource busy or locked, rename"), { code: "EBUSY" });
    });
    const r = await run(argv(out));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/moi\.xlsx: không ghi được \(tệp đang được chương trình khác mở/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("split: a part that cannot be written is absent, and the message names the parts already written", async () => {
    const dir = scratch();
    const master = path.join(dir, "tong-hop.xlsx");
    expect((await run(["template", "-o", master])).code).toBe(0);
    const before = snapshot(dir);
    const out = path.join(dir, "phan");
    // No hard links here (as on a FAT USB stick), and the third rename fails.
    jest.spyOn(fs, "linkSync").mockImplementation(() => {
      throw Object.assign(new Error("EPERM"), { code: "EPERM" });
    });
    const rename = fs.renameSync;
    let renames = 0;
    jest.spyOn(fs, "renameSync").mockImplementation((from, to) => {
      if (++renames === 3) throw Object.assign(new Error("EIO: i/o error, rename"), { code: "EIO" });
      rename(from, to);
    });
    const r = await run(["split", master, "-o", out]);
    jest.restoreAllMocks();
    expect(r.code).toBe(1);
    const written = readdirSync(out).sort();
    expect(written).toHaveLength(2);
    expect(written.every((f) => f.endsWith(".xlsx") && !f.startsWith("."))).toBe(true);
    expect(r.stderr).toContain("không ghi được (EIO: i/o error, rename [EIO]); chưa ghi gì. Đã ghi trước đó (vẫn còn trong ");
    for (const f of written) expect(r.stderr).toContain(f);
    // The master is only read; nothing else appeared beside it.
    expect(readdirSync(dir).sort()).toEqual(["phan", "tong-hop.xlsx"]);
    expect(createHash("sha256").update(readFileSync(master)).digest("hex")).toBe(before["tong-hop.xlsx"]);
  });

  it("a file that appears at the target while the new one is being written is not overwritten", async () => {
    const dir = scratch();
    const out = path.join(dir, "tong-hop.xlsx");
    const write = writeFileAtomic(out, async () => {
      writeFileSync(out, "số liệu của người khác"); // another process wins the race after the caller's existsSync check
      return strToU8("mới");
    });
    await expect(write).rejects.toThrow(new WriteError(`${out} đã có (vừa được tạo trong lúc ghi). Không ghi đè: hãy chọn tên tệp khác.`));
    expect(readFileSync(out, "utf8")).toBe("số liệu của người khác");
    expect(readdirSync(dir)).toEqual(["tong-hop.xlsx"]);
  });

  it("the same holds where the file system has no hard links (the check is repeated right before the rename)", async () => {
    const dir = scratch();
    const out = path.join(dir, "a.xlsx");
    jest.spyOn(fs, "linkSync").mockImplementation(() => {
      throw Object.assign(new Error("EPERM"), { code: "EPERM" });
    });
    await writeFileAtomic(out, async () => strToU8("một"));
    expect(readFileSync(out, "utf8")).toBe("một");
    await expect(writeFileAtomic(out, async () => strToU8("hai"))).rejects.toThrow(/a\.xlsx đã có/);
    expect(readFileSync(out, "utf8")).toBe("một");
    expect(readdirSync(dir)).toEqual(["a.xlsx"]);
  });

  it("--update does not replace a file saved again (from Excel) after it was read", async () => {
    const dir = scratch();
    const file = path.join(dir, "mau.xlsx");
    writeFileSync(file, "bản đã đọc");
    const original = statSync(file);
    writeFileSync(file, "bản vừa lưu từ Excel, dài hơn");
    await expect(writeFileAtomic(file, async () => strToU8("bản cập nhật"), { kind: "replace", original })).rejects.toThrow(/đã bị thay đổi .* không ghi đè/);
    expect(readFileSync(file, "utf8")).toBe("bản vừa lưu từ Excel, dài hơn");
    expect(readdirSync(dir)).toEqual(["mau.xlsx"]);
  });

  it("--update keeps the file's permissions and a symbolic link stays a link to the updated file", async () => {
    const dir = scratch();
    const file = path.join(dir, "that.xlsx");
    const link = path.join(dir, "link.xlsx");
    writeFileSync(file, "cũ");
    fs.chmodSync(file, 0o640);
    fs.symlinkSync(file, link);
    await writeFileAtomic(link, async () => strToU8("mới"), { kind: "replace", original: statSync(link) });
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(file, "utf8")).toBe("mới");
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).sort()).toEqual(["link.xlsx", "that.xlsx"]);
  });
});

describe("the process never ends in a stack trace", () => {
  const main = path.join(root, "src/cli/main.ts");

  it("output piped into a reader that stops early (`dti catalog | head -1`) ends quietly with the command's exit code", () => {
    // A real pipe, as in a shell: node's own child pipes are socket pairs whose buffer can take the
    // whole 160 kB listing, so the write would never fail there. Here head leaves after one line and
    // the rest of the listing meets a closed pipe (EPIPE). The exit status is the CLI's own.
    const p = spawnSync("bash", ["-c", '"$0" --import tsx "$1" catalog --json | head -1 >/dev/null; exit "${PIPESTATUS[0]}"', process.execPath, main], {
      cwd: root,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(p.stderr).toBe("");
    expect(p.status).toBe(0);
  });

  it.each([
    ["an unhandled rejection", "void Promise.reject(new Error('hỏng\\n    at f (x.js:1:1)'));"],
    ["an exception thrown from a callback", "throw new TypeError('hỏng');"],
  ])("%s outside run() is one line and exit 1", (_what, script) => {
    const dir = scratch();
    const preload = path.join(dir, "preload.js");
    // Fires once the CLI has set up its process handlers: with tsx, loading is asynchronous, so a
    // plain timer could fire before main() ran. tsx's loader thread runs the preload too; it stays out.
    writeFileSync(
      preload,
      `if (require("node:worker_threads").isMainThread) { const t = setInterval(() => { if (process.listenerCount("unhandledRejection") === 0) return; clearInterval(t); ${script} }, 2); }`,
    );
    // Without the CLI's handlers the preload would wait forever: bounded.
    const p = spawnSync(process.execPath, ["--import", "tsx", "--require", preload, main, "catalog"], { cwd: root, encoding: "utf8", timeout: 30_000 });
    expect(p.status).toBe(1);
    expect(p.stderr).toBe("Lỗi: lỗi không mong đợi: hỏng\n");
  });

  it("oneLine gives the first line of any thrown value, even null or one whose toString throws", () => {
    const e = new Error("dòng một\n    at f (x.js:1:1)");
    expect(oneLine(e)).toBe("dòng một");
    expect(oneLine(null)).toBe("null");
    expect(oneLine({ toString: () => { throw new Error("x"); } })).toBe("[object Object]");
    expect(oneLine(Object.create(null))).toBe("[object Object]");
    expect(oneLine("x".repeat(1000))).toHaveLength(301);
  });
});
