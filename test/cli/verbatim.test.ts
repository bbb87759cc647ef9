/**
 * Proofreading a transcription (issue 13, point 7): `dti catalog --set X --verbatim` shows each
 * row's official scoring text, verbatim, next to the rule as the tool reads it; a set that
 * loads but has a capped group whose cap never applies is listed with a warning.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { run } from "../../src/cli/main";

const root = path.resolve(__dirname, "../..");
const examples = path.join(root, "test/fixtures/sets/authoring-examples.json");

describe("dti catalog --verbatim", () => {
  it("prints the verbatim text, then the rule as read, for every row", async () => {
    const r = await run(["catalog", "--set", examples, "--verbatim"]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toContain(
      [
        "  1.1  Ban Chỉ đạo chuyển đổi số họp định kỳ — tối đa 20 điểm",
        "      Chủ trì: Phòng Văn hóa và Thông tin",
        "      Nguyên văn:  BCĐ họp 4 lần/năm: 20 điểm; 3 lần: 15 điểm; 2 lần: 10 điểm; 1 lần: 5 điểm; Còn lại: 0 điểm",
        "      Như đã đọc:  n ≥ 4: 20 điểm = điểm tối đa; n ≥ 3: 15 điểm = 3/4 điểm tối đa; n ≥ 2: 10 điểm = 1/2 điểm tối đa; n ≥ 1: 5 điểm = 1/4 điểm tối đa; thấp hơn: 0 điểm",
      ].join("\n"),
    );
    expect(r.stdout).toContain("      Nguyên văn:  Điểm = Tỷ lệ * 45 điểm + 1 điểm mỗi ứng dụng, tổng không quá 5 điểm\n      Như đã đọc:  Tỷ lệ * 45 điểm: min(a/b, 1) × 9/10 điểm tối đa (= 45 điểm) + ");
    expect(r.stdout.match(/Nguyên văn: /g)).toHaveLength(4);
    expect(r.stdout).not.toContain("Cách tính:");
  });

  it("without it the listing is as it was", async () => {
    const r = await run(["catalog", "--set", examples]);
    expect(r.stdout).not.toContain("Nguyên văn:");
    expect(r.stdout).toContain("      Cách tính: n ≥ 4: 20 điểm = điểm tối đa;");
  });

  it("is refused with --json or --xlsx", async () => {
    const r = await run(["catalog", "--json", "--verbatim"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--verbatim chỉ dùng khi liệt kê/);
  });

  it("a capped group whose cap is above its parts' total is listed with a warning, not refused", async () => {
    type Part = { share: string; rule: { parts: { share: string }[] } };
    const data = JSON.parse(readFileSync(examples, "utf8")) as { indicators: { id: string; rule: { parts: Part[] } }[] };
    const row = data.indicators.find((i) => i.id === "1.4") as { rule: { parts: Part[] } };
    row.rule.parts[0]!.share = "1/4";
    row.rule.parts[1]!.share = "3/4";
    for (const p of row.rule.parts[1]!.rule.parts) p.share = "1/4";
    const file = path.join(mkdtempSync(path.join(tmpdir(), "dti-warn-")), "set.json");
    writeFileSync(file, JSON.stringify(data));
    const r = await run(["catalog", "--set", file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'Cảnh báo: chỉ số 1.4, nhóm "Nền tảng và kết nối, tổng không quá 10 điểm": mức trần "share" 3/4 lớn hơn tổng "share" các phần của nhóm (0.5), nên không bao giờ áp dụng; kiểm tra lại văn bản.\n',
    );
  });
});
