import fc from "fast-check";
import {
  comparePeriods,
  formatPeriod,
  formatPeriodEnglish,
  lastMonthOf,
  parsePeriod,
  periodChoices,
  previousPeriod,
  quarterOf,
  type Period,
  type Quarter,
} from "../../src/catalog/period";

const periodArb: fc.Arbitrary<Period> = fc.oneof(
  fc.record({ kind: fc.constant("quarter" as const), year: fc.integer({ min: 2000, max: 2100 }), quarter: fc.constantFrom<Quarter>(1, 2, 3, 4) }),
  fc.record({ kind: fc.constant("year" as const), year: fc.integer({ min: 2000, max: 2100 }) }),
);

describe("reporting periods", () => {
  it("offers the four quarters and the year, as the drop-down shows them", () => {
    expect(periodChoices(2026)).toEqual(["Quý I/2026", "Quý II/2026", "Quý III/2026", "Quý IV/2026", "Năm 2026"]);
  });

  it("reads what people type as the canonical text", () => {
    const read = (text: string): string | undefined => {
      const p = parsePeriod(text);
      return p && formatPeriod(p);
    };
    expect(read("Quý III/2026")).toBe("Quý III/2026");
    expect(read("  quý  iii / 2026 ")).toBe("Quý III/2026");
    expect(read("QUÝ IV/2026")).toBe("Quý IV/2026");
    expect(read("Quí 2/2026")).toBe("Quý II/2026");
    expect(read("Quy\u0301 I/2026")).toBe("Quý I/2026"); // decomposed diacritics
    expect(read("Năm 2026")).toBe("Năm 2026");
    expect(read("năm   2025")).toBe("Năm 2025");
  });

  it("refuses anything else rather than guessing", () => {
    for (const text of ["", "2026", "Quý V/2026", "Quý 5/2026", "Quý III/26", "Quý III 2026", "Tháng 9/2026", "Quý III/1999", "Năm 2101", "Quý III/2026 (bổ sung)"]) {
      expect(parsePeriod(text)).toBeUndefined();
    }
  });

  it("formats and reads back every period (property)", () => {
    fc.assert(fc.property(periodArb, (p) => expect(parsePeriod(formatPeriod(p))).toEqual(p)));
  });

  it("orders quarters within a year, the year after its fourth quarter", () => {
    const texts = ["Năm 2026", "Quý II/2026", "Quý IV/2025", "Quý I/2026", "Năm 2025", "Quý IV/2026"];
    const sorted = texts.map((t) => parsePeriod(t) as Period).sort(comparePeriods).map(formatPeriod);
    expect(sorted).toEqual(["Quý IV/2025", "Năm 2025", "Quý I/2026", "Quý II/2026", "Quý IV/2026", "Năm 2026"]);
  });

  it("compares as a total order consistent with equality (property)", () => {
    fc.assert(
      fc.property(periodArb, periodArb, (a, b) => {
        expect(Math.sign(comparePeriods(a, b)) + Math.sign(comparePeriods(b, a))).toBe(0);
        expect(comparePeriods(a, b) === 0).toBe(formatPeriod(a) === formatPeriod(b));
      }),
    );
  });

  it("knows each period's last month, the quarter of a day and the period before", () => {
    expect(lastMonthOf({ kind: "quarter", year: 2026, quarter: 3 })).toBe(9);
    expect(lastMonthOf({ kind: "year", year: 2026 })).toBe(12);
    expect(formatPeriod(quarterOf(new Date(2026, 8, 30)))).toBe("Quý III/2026");
    expect(formatPeriod(quarterOf(new Date(2026, 9, 1)))).toBe("Quý IV/2026");
    expect(formatPeriod(previousPeriod({ kind: "quarter", year: 2026, quarter: 1 }))).toBe("Quý IV/2025");
    expect(formatPeriod(previousPeriod({ kind: "year", year: 2026 }))).toBe("Năm 2025");
    fc.assert(fc.property(periodArb, (p) => expect(comparePeriods(previousPeriod(p), p)).toBeLessThan(0)));
  });

  it("has English names for the English pane", () => {
    expect(formatPeriodEnglish({ kind: "quarter", year: 2026, quarter: 3 })).toBe("Q3 2026");
    expect(formatPeriodEnglish({ kind: "year", year: 2026 })).toBe("Year 2026");
  });
});
