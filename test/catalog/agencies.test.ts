/**
 * Agencies of a set (src/catalog/agencies.ts): one splitting of agency cells for Phân công,
 * the split by agency, validation and the pane, and one comparison of agency names.
 */
import { dtiProvince2022 as set } from "../../src/catalog";
import { agencyAssignments, sameAgency, splitAgencies } from "../../src/catalog/agencies";
import { responsibleAgencies } from "../../src/layout/split";

describe("splitAgencies", () => {
  it.each([
    ["Sở TTTT", ["Sở TTTT"]],
    ["Sở Nội vụ, Sở Tài chính", ["Sở Nội vụ", "Sở Tài chính"]],
    ["UBND các huyện, thành phố", ["UBND các huyện, thành phố"]],
    ["Các sở, ngành", ["Các sở, ngành"]],
    ["VP Tỉnh ủy, VP UBND tỉnh", ["VP Tỉnh ủy", "VP UBND tỉnh"]],
    ["", []],
    ["-", []],
  ])("%s", (text, expected) => {
    expect(splitAgencies(text)).toEqual(expected);
  });

  it("is the splitting the split by agency uses", () => {
    expect(responsibleAgencies).toBe(splitAgencies);
  });

  it("separates on ';' even before a lower-case word, and reads decomposed text as NFC", () => {
    expect(splitAgencies("Sở A; các huyện")).toEqual(["Sở A", "các huyện"]);
    expect(splitAgencies("Sở Tài chính".normalize("NFD"))).toEqual(["Sở Tài chính"]);
  });
});

describe("agencyAssignments", () => {
  it("lists each agency once, with what it leads, coordinates and provides; sub-indicators are not counted again", () => {
    const all = agencyAssignments(set);
    expect(new Set(all.map((a) => a.agency)).size).toBe(all.length);
    const tttt = all.find((a) => a.agency === "Sở TTTT");
    expect(tttt?.leads.map((i) => i.id)).toContain("1.1");
    expect(tttt?.infoItems).toContain(1);
    expect(all.flatMap((a) => [...a.leads, ...a.coordinates]).some((i) => i.parent !== undefined)).toBe(false);
  });
});

describe("sameAgency", () => {
  it("compares after NFC and trimming, with case as written", () => {
    expect(sameAgency(" Sở Tài chính ", "Sở Tài chính".normalize("NFD"))).toBe(true);
    expect(sameAgency("Sở tài chính", "Sở Tài chính")).toBe(false);
  });
});
