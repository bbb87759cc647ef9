/**
 * The command line with sets an officer writes (issue 13): the migration note of an older file,
 * --draft on catalog, template and score, both forms of points in `dti catalog`, and
 * `catalog --json` in the current format.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import { run } from "../../src/cli/main";
import { SET_FORMAT_VERSION } from "../../src/catalog/load";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const root = path.resolve(__dirname, "../..");
const tmp = mkdtempSync(path.join(os.tmpdir(), "dti-authoring-"));
const DISTRICT = path.join(root, "test/fixtures/sets/district-example.json");
const FROZEN = path.join(root, "test/fixtures/sets/frozen/v1-district-example.json");
const district = (): Json => JSON.parse(readFileSync(DISTRICT, "utf8")) as Json;

function file(name: string, data: Json): string {
  const p = path.join(tmp, name);
  writeFileSync(p, JSON.stringify(data, null, 2));
  return p;
}

/** Half typed: the official maxima, 1.5 and 2.3 not typed yet; another id than the example's. */
function halfTyped(): string {
  const d = district();
  d.id = "huyen-nhap";
  d.indicators = (d.indicators as Json[]).filter((i) => i.id !== "1.5" && i.id !== "2.3");
  return file("nhap.json", d);
}

describe("an older file: loaded, with the note on stderr", () => {
  it("catalog --set v1.json prints the set and one warning", async () => {
    const r = await run(["catalog", "--set", FROZEN]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Bộ chỉ số đánh giá chuyển đổi số cấp huyện/);
    expect(r.stderr).toBe(`Cảnh báo: ${FROZEN}: tệp theo định dạng cũ (phiên bản 1), đã chuyển đổi sang phiên bản 2 khi nạp; thêm "version": 2 vào tệp để không còn cảnh báo này.\n`);
  });

  it("catalog --json writes the current version, which loads back without a note", async () => {
    const r = await run(["catalog", "--set", FROZEN, "--json"]);
    const out = JSON.parse(r.stdout) as Json;
    expect(Object.keys(out)[0]).toBe("version");
    expect(out.version).toBe(SET_FORMAT_VERSION);
    const again = await run(["catalog", "--set", file("again.json", out)]);
    expect([again.code, again.stderr]).toEqual([0, ""]);
  });
});

describe("--draft", () => {
  it("without it a half-typed set is refused, saying its pillars do not add up", async () => {
    const r = await run(["catalog", "--set", halfTyped()]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/chỉ số chính I, maxPoints: trụ cột I có điểm tối đa 60 nhưng tổng điểm tối đa các chỉ số của nó \(không kể chỉ số con\) là 50\./);
  });

  it("catalog --draft lists it, marked a draft, with warnings", async () => {
    const r = await run(["catalog", "--set", halfTyped(), "--draft"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("Bộ chỉ số đánh giá chuyển đổi số cấp huyện năm 2023 (ví dụ) (huyen-nhap) — BẢN NHÁP");
    expect(r.stderr.split("\n").filter(Boolean)).toEqual([
      expect.stringMatching(/^Cảnh báo: .*nhap\.json: bộ chỉ số là BẢN NHÁP/),
      expect.stringMatching(/^Cảnh báo: .*chỉ số chính I, maxPoints: .*\(bản nháp: chỉ cảnh báo\)$/),
      expect.stringMatching(/^Cảnh báo: .*chỉ số chính II, maxPoints: .*\(bản nháp: chỉ cảnh báo\)$/),
    ]);
  });

  it("template --draft says BẢN NHÁP on every visible sheet; score reads the draft back from the template's set sheet", async () => {
    const out = path.join(tmp, "nhap.xlsx");
    const t = await run(["template", "--set", halfTyped(), "--draft", "-o", out]);
    expect(t.code).toBe(0);
    expect(t.stderr).toMatch(/Cảnh báo: .*bộ chỉ số là BẢN NHÁP/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const visible = wb.worksheets.filter((ws) => ws.state === "visible" && ws.name !== "Bộ chỉ số");
    expect(visible.map((ws) => String(ws.getCell("A1").value).slice(0, 11))).toEqual(visible.map(() => "BẢN NHÁP — "));
    const s = await run(["score", out]);
    expect(s.code).toBe(0);
    expect(s.stderr).toMatch(/Cảnh báo: .*trụ cột I có điểm tối đa 60/);
  });
});

describe("points as the text writes them, in the catalog", () => {
  it("a choice in points shows both forms: “15 điểm = 3/4 điểm tối đa”", async () => {
    const d = district();
    const ind = (id: string): Json => (d.indicators as Json[]).find((i) => i.id === id) as Json;
    ind("1.3").maxPoints = 20;
    ind("1.1").maxPoints = 5;
    ind("1.3").variables[0].options = [
      { label: "4 lần", fraction: "20 điểm" },
      { label: "3 lần", fraction: "15 điểm" },
      { label: "Còn lại", fraction: "0 điểm" },
    ];
    ind("1.2").rule.threshold = "90%";
    const r = await run(["catalog", "--set", file("diem.json", d)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('lựa chọn: 1 = "4 lần" (20 điểm = điểm tối đa); 2 = "3 lần" (15 điểm = 3/4 điểm tối đa); 3 = "Còn lại" (0 điểm)');
    expect(r.stdout).toContain("tỷ lệ ≥ 90 %: điểm tối đa");
  });

  it("a points value above the row's maximum is refused naming the indicator and both numbers", async () => {
    const d = district();
    ((d.indicators as Json[]).find((i) => i.id === "1.3")!.variables[0].options as Json[])[0]!.fraction = "25 điểm";
    const f = file("qua.json", d);
    const r = await run(["catalog", "--set", f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${f}: chỉ số 1.3, biến a, phương án 1, fraction: "25 điểm" vượt điểm tối đa của chỉ số 1.3: 25 điểm > 10 điểm.`);
  });
});
