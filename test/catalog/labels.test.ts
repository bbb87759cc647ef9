/**
 * One comparison of labels and unit names (src/catalog/labels.ts), and one default set: what
 * checking a set refuses as a duplicate is what the engine cannot tell apart.
 */
import { DEFAULT_SET_ID, defaultIndicatorSet, dtiProvince2022, indicatorSets } from "../../src/catalog";
import { labelKey, unitNameKey } from "../../src/catalog/labels";
import { parseIndicatorSet } from "../../src/catalog/load";
import { findOption } from "../../src/engine/score";
import type { Variable } from "../../src/catalog/schema";

describe("labelKey", () => {
  it("ignores case, extra spaces and the Unicode form", () => {
    const a = "Đã ban hành";
    expect(labelKey(`  đã   BAN\thành `)).toBe(labelKey(a));
    expect(labelKey(a.normalize("NFD"))).toBe(labelKey(a));
  });

  it("keeps letters apart that differ only by their marks", () => {
    expect(labelKey("Đã ban hành")).not.toBe(labelKey("Da ban hanh"));
  });

  it("two option labels the engine reads as one are refused as duplicates by the checker", () => {
    const v: Variable = {
      key: "a",
      description: "",
      unit: "",
      type: "choice",
      options: [
        { label: "Có", fraction: "1" },
        { label: " có ", fraction: "0" },
      ],
    };
    expect(findOption(v, "CÓ")).toBe(v.options?.[0]);
    const set = JSON.parse(JSON.stringify(dtiProvince2022)) as { indicators: { id: string; variables: Variable[] }[] };
    const ind = set.indicators.find((i) => i.id === "1.1");
    if (!ind) throw new Error("1.1 missing");
    ind.variables = [v];
    const parsed = parseIndicatorSet(set, "x.json");
    expect("errors" in parsed && parsed.errors.join("\n")).toMatch(/phương án " có " bị trùng/);
  });
});

describe("unitNameKey", () => {
  it("ignores case, the Unicode form and outer spaces, not inner ones", () => {
    expect(unitNameKey(" sở a ")).toBe(unitNameKey("Sở A".normalize("NFD")));
    expect(unitNameKey("Sở  A")).not.toBe(unitNameKey("Sở A"));
  });
});

describe("the default set", () => {
  it("is the 2022 set, first among the sets, and DEFAULT_SET_ID is its id", () => {
    expect(defaultIndicatorSet).toBe(dtiProvince2022);
    expect(indicatorSets[0]).toBe(defaultIndicatorSet);
    expect(DEFAULT_SET_ID).toBe("dti-province-2022");
  });
});
