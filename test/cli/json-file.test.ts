/**
 * JSON files as they arrive by email (issue 9, point 5): `dti score x.json` and `--set x.json`
 * read them the same way, through one function (src/cli/set-file.ts). UTF-8 with or
 * without a byte-order mark and UTF-16 with one are read; anything else is refused with one
 * line naming the file, and nothing of the file's bytes is printed. Files are bounded in size.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { decodeJsonText, MAX_JSON_BYTES } from "../../src/cli/set-file";
import { run } from "../../src/cli/main";

const root = path.resolve(__dirname, "../..");
const inputText = readFileSync(path.join(root, "test/fixtures/district-units.json"), "utf8");
const setText = readFileSync(path.join(root, "test/fixtures/sets/district-example.json"), "utf8");

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "dti-json-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BOM8 = Buffer.from([0xef, 0xbb, 0xbf]);
const utf16le = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
const utf16be = (text: string): Buffer => {
  const le = Buffer.from(text, "utf16le");
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le.swap16()]);
};

function write(name: string, bytes: Buffer | string): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** One line on stderr, naming the file, with nothing a terminal would choke on. */
function expectOneCleanLine(stderr: string, file: string): void {
  expect(stderr.endsWith("\n")).toBe(true);
  expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(stderr).toContain(file);
  // eslint-disable-next-line no-control-regex -- control characters and U+FFFD are what must not appear
  expect(stderr.trimEnd()).not.toMatch(/[\u0000-\u001f\u007f-\u009f\ufffd]/);
}

describe("dti score reads its JSON input in the encodings Windows tools save", () => {
  let expected: string;
  beforeAll(async () => {
    const plain = await run(["score", write("plain.json", inputText), "--set", write("set.json", setText)]);
    expect(plain.code).toBe(0);
    expected = plain.stdout;
  });

  it.each([
    ["UTF-8 with a BOM (Notepad)", (t: string) => Buffer.concat([BOM8, Buffer.from(t, "utf8")])],
    ["UTF-16 LE with a BOM (Notepad 'Unicode')", utf16le],
    ["UTF-16 BE with a BOM", utf16be],
  ])("%s gives the same report as plain UTF-8", async (name, encode) => {
    const file = write(`input-${name.replace(/\W+/g, "-")}.json`, encode(inputText));
    const set = write(`set-${name.replace(/\W+/g, "-")}.json`, encode(setText));
    const r = await run(["score", file, "--set", set]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(expected);
  });
});

describe("files that are not JSON text are refused with one line, never printed", () => {
  const cases: [string, Buffer][] = [
    ["binary garbage", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00, 0x9b, 0x1b, 0x5b, 0x33, 0x31, 0x6d, 0xc3, 0x28, 0x80])],
    ["UTF-16 without a BOM", Buffer.from(inputText.slice(0, 200), "utf16le")],
    ["UTF-32 with a BOM", Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from("{\0\0\0}\0\0\0")])],
    ["a terminal escape inside the JSON", Buffer.from('{"indicatorSet": "\u001b[2J\u001b[31mhuyen-2023", "units": []}')],
    ["a Windows-1258 file (not UTF-8)", Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xd0, 0xe0, 0x20, 0x4e, 0xb5, 0x6e, 0x67, 0x22, 0x7d])],
  ];

  it.each(cases)("score: %s", async (name, bytes) => {
    const file = write(`bad-${name.replace(/\W+/g, "-")}.json`, bytes);
    const r = await run(["score", file]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expectOneCleanLine(r.stderr, file);
  });

  it.each(cases)("--set: %s", async (name, bytes) => {
    const file = write(`badset-${name.replace(/\W+/g, "-")}.json`, bytes);
    const r = await run(["catalog", "--set", file]);
    expect(r.code).toBe(1);
    expectOneCleanLine(r.stderr, file);
  });

  it("invalid JSON is one line that places the error, without reprinting the file", async () => {
    const file = write("broken.json", '{\n  "indicatorSet": "huyen-2023",\n  "units": [ x ]\n}\n');
    const r = await run(["score", file]);
    expect(r.code).toBe(1);
    expectOneCleanLine(r.stderr, file);
    expect(r.stderr).toMatch(/không phải JSON hợp lệ/);
  });

  it("the decoder names what it refused", () => {
    expect(() => decodeJsonText(Buffer.from([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0]), "x.json")).toThrow(/x\.json: tệp mã hóa UTF-32/);
    expect(() => decodeJsonText(Buffer.from([0x7b, 0xff, 0x7d]), "x.json")).toThrow(/x\.json: tệp không phải văn bản UTF-8 hợp lệ/);
    expect(() => decodeJsonText(Buffer.from("{\u0000}"), "x.json")).toThrow(/x\.json: có ký tự điều khiển U\+0000 ở dòng 1, cột 2/);
    expect(decodeJsonText(Buffer.concat([BOM8, Buffer.from("{}")]), "x.json")).toBe("{}");
  });
});

describe("JSON files are bounded in size", () => {
  it("a file over the limit is refused by name and limit, without being read", async () => {
    const file = path.join(dir, "huge.json");
    writeFileSync(file, "");
    truncateSync(file, MAX_JSON_BYTES + 1); // sparse: no 20 MB written to the disk
    for (const argv of [["score", file], ["catalog", "--set", file]]) {
      const r = await run(argv);
      expect(r.code).toBe(1);
      expectOneCleanLine(r.stderr, file);
      expect(r.stderr).toContain("giới hạn 20 MB");
    }
  });

  it("a folder named like a JSON file is refused in one line", async () => {
    const folder = path.join(dir, "folder.json");
    mkdirSync(folder);
    const r = await run(["score", folder]);
    expect(r.code).toBe(1);
    expectOneCleanLine(r.stderr, folder);
  });
});
