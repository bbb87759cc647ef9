/**
 * Choices follow the official text (issue 9): every label the text writes for a part is
 * accepted, and an option the product adds comes after the text's options, so that an
 * answer given by position (JSON input, DTI.LEVEL, DTI.SCORE) means what the text lists
 * (docs/readings.md §6, §7, §16).
 */
import fs from "fs";
import path from "path";
import { dtiProvince2020, dtiProvince2022 } from "../../src/catalog";
import type { IndicatorSet } from "../../src/catalog/schema";
import { scoreIndicator } from "../../src/engine/score";

const reference = new Map(
  fs
    .readFileSync(path.resolve(__dirname, "../fixtures/reference/dti-province-2022-appendix2.tsv"), "utf8")
    .split(/\r?\n/)
    .map((line) => line.split("\t"))
    .map((cells) => [cells[0] ?? "", cells[3] ?? ""] as const),
);

describe("6.2 part 1 accepts the three options its text lists", () => {
  it("the official text (reference TSV) writes “Chưa đáp ứng: 0 điểm” in part 1", () => {
    const text = reference.get("6.2") ?? "";
    const part1 = text.slice(0, text.indexOf("2. Đáp ứng yêu cầu kỹ thuật"));
    expect(part1).toContain("- Chưa triển khai: 0 điểm. - Chưa đáp ứng: 0 điểm");
    expect(dtiProvince2022.indicators.find((i) => i.id === "6.2")?.scoringText).toBe(text);
  });

  it.each([
    ["the label", "Chưa đáp ứng"],
    ["its position", 3],
  ])("“Chưa đáp ứng” by %s scores part 1 as 0 and the row is scored", (_how, answer) => {
    const out = scoreIndicator(dtiProvince2022, "6.2", { a: answer, b: "Đã đáp ứng" });
    expect(out.status).toBe("ok");
    expect(out.score?.toNumber()).toBe(2.5);
  });

  it("the text's other two options keep their positions", () => {
    expect(scoreIndicator(dtiProvince2022, "6.2", { a: 1, b: 1 }).score?.toNumber()).toBe(5);
    expect(scoreIndicator(dtiProvince2022, "6.2", { a: 2, b: 1 }).score?.toNumber()).toBe(2.5);
    expect(scoreIndicator(dtiProvince2022, "6.2", { a: false, b: true }).score?.toNumber()).toBe(2.5);
  });
});

describe("2.4: the option the product adds comes after the text's options", () => {
  it("position 2 is the text's “Chưa ban hành”, 3 the added “Đã ban hành nhưng chưa cập nhật”", () => {
    const v = dtiProvince2022.indicators.find((i) => i.id === "2.4")?.variables[0];
    expect(v?.options?.map((o) => o.label)).toEqual([
      "Đã ban hành và cập nhật phù hợp với Khung Kiến trúc Chính phủ điện tử Việt Nam và yêu cầu phát triển Chính quyền số",
      "Chưa ban hành",
      "Đã ban hành nhưng chưa cập nhật",
    ]);
    // The text lists "…: Điểm tối đa - Chưa ban hành: 0 điểm": two options, in this order.
    const text = reference.get("2.4") ?? "";
    expect(text.indexOf("Chưa ban hành")).toBeGreaterThan(text.indexOf("Đã ban hành và cập nhật"));
    expect(text).not.toContain("chưa cập nhật");
    // Both 0-point answers still score 0: no score changes with the new order.
    expect(scoreIndicator(dtiProvince2022, "2.4", { a: 2 }).score?.toNumber()).toBe(0);
    expect(scoreIndicator(dtiProvince2022, "2.4", { a: 3 }).score?.toNumber()).toBe(0);
    expect(scoreIndicator(dtiProvince2022, "2.4", { a: 1 }).score?.toNumber()).toBe(10);
    expect(dtiProvince2022.indicators.find((i) => i.id === "2.4")?.reading).toMatch(/3 = đã ban hành nhưng chưa cập nhật/);
  });

  it.each<[string, IndicatorSet]>([
    ["dti-province-2022", dtiProvince2022],
    ["dti-province-2020", dtiProvince2020],
  ])("in %s, every option the product adds (it carries a note) follows the text's options", (_id, set) => {
    for (const ind of set.indicators) {
      for (const v of ind.variables) {
        const added = (v.options ?? []).map((o) => o.note !== undefined);
        const firstAdded = added.indexOf(true);
        if (firstAdded < 0) continue;
        expect([ind.id, v.key, added.slice(firstAdded).every(Boolean)]).toEqual([ind.id, v.key, true]);
      }
    }
  });
});

describe("true/false answers only yes/no parts, as the README says", () => {
  const readme = fs.readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");

  it("both README paragraphs on JSON input say so", () => {
    expect(readme).toContain("`true`/`false` chỉ dùng cho phần có/không");
    expect(readme).toContain("`true`/`false` only on yes/no parts");
    expect(readme).not.toMatch(/số thứ tự \(1 = lựa chọn đầu\) hoặc `true`\/`false`/);
  });

  it("the engine takes TRUE on yes/no parts and refuses it on levels with several scoring options", () => {
    for (const ind of dtiProvince2022.indicators) {
      if (ind.rule.kind !== "choice") continue;
      const options = ind.variables[0]?.options ?? [];
      const scoring = options.filter((o) => o.fraction !== "0").length;
      const out = scoreIndicator(dtiProvince2022, ind.id, { a: true });
      expect([ind.id, out.status]).toEqual([ind.id, scoring === 1 ? "ok" : "invalid"]);
    }
  });
});
