/**
 * Each rule kind on the official wording (Phụ lục 2, QĐ 922/QĐ-BTTTT) and the readings
 * of ../shared/reference/README.md, through the pure rule functions.
 */
import fc from "fast-check";
import {
  Decimal,
  allOrNothingFraction,
  cappedCountPoints,
  exact,
  formatIndexVi,
  indexOf,
  minMaxFraction,
  ratioFraction,
  ratioToBestFraction,
  thresholdLiteralFraction,
  thresholdScaledFraction,
  tiersFraction,
  toPoints,
} from "../../src/engine/rules";

const d = (x: number | string): Decimal => new Decimal(x);
const points = (fraction: Decimal, max: number): number => fraction.mul(max).toNumber();

describe("exact numbers of the catalog", () => {
  it("reads decimals and fractions without binary rounding", () => {
    expect(exact("1/2").toString()).toBe("0.5");
    expect(exact("4/5").toString()).toBe("0.8");
    expect(exact("0.0025").toString()).toBe("0.0025");
  });
  it("refuses anything else", () => {
    expect(() => exact("80%")).toThrow();
    expect(() => exact("a/b")).toThrow();
  });
});

describe("§1 plain ratio: Tỷ lệ=a/b; Điểm=Tỷ lệ*Điểm tối đa", () => {
  it("3.1: 450 000 of 600 000 adults with a smartphone, max 10 → 7.5", () => {
    expect(points(ratioFraction(d(450000).div(600000)), 10)).toBe(7.5);
  });
  it("caps a ratio above 1 at max (7.10 .vn domains per enterprise may exceed 1)", () => {
    expect(points(ratioFraction(d(3)), 10)).toBe(10);
  });
  it("is exact where floats are not: 1/3 × 30 = 10", () => {
    expect(toPoints(ratioFraction(d(1).div(3)), 30).toString()).toBe("10");
    expect(toPoints(ratioFraction(d(2).div(3)), 10).toString()).toBe("6.666666666666666666666667");
  });
});

describe("§2 literal threshold: Tỷ lệ ≥ T: điểm tối đa; Tỷ lệ < T: điểm = Điểm tối đa * tỷ lệ", () => {
  const t20 = exact("0.2");
  it("7.1 at or above 20 % of GRDP earns the max 20", () => {
    expect(points(thresholdLiteralFraction(d("0.2"), t20), 20)).toBe(20);
    expect(points(thresholdLiteralFraction(d("0.35"), t20), 20)).toBe(20);
  });
  it("7.1 below 20 %: read literally, 10 % earns 0.1 × 20 = 2 points (no rescaling)", () => {
    expect(points(thresholdLiteralFraction(d("0.1"), t20), 20)).toBe(2);
  });
  it("the alternative reading rescales: 10 % of a 20 % threshold earns 10 of 20", () => {
    expect(points(thresholdLiteralFraction(d("0.1"), t20, true), 20)).toBe(10);
  });
  it("the literal reading jumps at the threshold (just below 20 % ≈ 4 points, at 20 % = 20)", () => {
    expect(points(thresholdLiteralFraction(d("0.1999"), t20), 20)).toBeCloseTo(3.998, 10);
  });
});

describe("§3 scaled threshold: Tỷ lệ/T*Điểm tối đa", () => {
  it("6.12: 40 % of files processed online with T = 80 % earns half of 20 = 10", () => {
    expect(points(thresholdScaledFraction(d("0.4"), exact("0.8")), 20)).toBe(10);
  });
  it("4.9 states no cap but is capped: 90 % of graduates with T = 50 % earns 5, not 9", () => {
    expect(points(thresholdScaledFraction(d("0.9"), exact("0.5")), 5)).toBe(5);
  });
  it("6.22: 0.5 % of the budget with T = 1 % earns 5 of 10", () => {
    expect(points(thresholdScaledFraction(d("0.005"), exact("0.01")), 10)).toBe(5);
  });
});

describe("§4 all or nothing (6.8: Tỷ lệ=100%: Điểm tối đa; Tỷ lệ<100%: 0 điểm)", () => {
  it("100 % earns 10, 99.9 % earns 0", () => {
    expect(points(allOrNothingFraction(d(1)), 10)).toBe(10);
    expect(points(allOrNothingFraction(d("0.999")), 10)).toBe(0);
  });
});

describe("§5 tiers", () => {
  const ratioTiers = [
    { atLeast: exact("0.1"), fraction: exact("1") },
    { atLeast: exact("0.07"), fraction: exact("0.7") },
    { atLeast: exact("0.03"), fraction: exact("0.3") },
  ];
  it("5.12.1 Mức 1 ≥ 10 % (điểm tối đa) … Mức 4 < 3 % (0 điểm), max 5", () => {
    expect(points(tiersFraction(d("0.12"), ratioTiers), 5)).toBe(5);
    expect(points(tiersFraction(d("0.1"), ratioTiers), 5)).toBe(5);
    expect(points(tiersFraction(d("0.08"), ratioTiers), 5)).toBe(3.5);
    expect(points(tiersFraction(d("0.03"), ratioTiers), 5)).toBe(1.5);
    expect(points(tiersFraction(d("0.029"), ratioTiers), 5)).toBe(0);
  });
  const amountTiers = [
    { atLeast: exact("2"), fraction: exact("1") },
    { atLeast: exact("1"), fraction: exact("0.7") },
    { atLeast: exact("0.5"), fraction: exact("0.3") },
  ];
  it("5.12.2 Mức 1: ≥ 2 tỷ: 100 %; Mức 2: ≥ 1 tỷ: 70 %; Mức 3: ≥ 0,5 tỷ: 30 %; Mức 4: 0 %, max 2", () => {
    expect(points(tiersFraction(d(2), amountTiers), 2)).toBe(2);
    expect(points(tiersFraction(d("1.5"), amountTiers), 2)).toBe(1.4);
    expect(points(tiersFraction(d("0.5"), amountTiers), 2)).toBe(0.6);
    expect(points(tiersFraction(d("0.49"), amountTiers), 2)).toBe(0);
  });
});

describe("§8 counted items with a cap (6.21: mỗi hoạt động 1 điểm; tổng điểm không quá Điểm tối đa)", () => {
  it("7 AI activities earn 7 of 10; 14 earn 10", () => {
    expect(cappedCountPoints(d(7), d(1), d(10)).toNumber()).toBe(7);
    expect(cappedCountPoints(d(14), d(1), d(10)).toNumber()).toBe(10);
  });
});

describe("§9 Min-Max: (x − min)/(max − min) × điểm tối đa", () => {
  it("the best unit earns max, the lowest 0, one in between proportionally", () => {
    expect(points(minMaxFraction(d(5), d(1), d(5)), 10)).toBe(10);
    expect(points(minMaxFraction(d(1), d(1), d(5)), 10)).toBe(0);
    expect(points(minMaxFraction(d(2), d(1), d(5)), 10)).toBe(2.5);
  });
  it("all equal: max points when the value is > 0, 0 when it is 0", () => {
    expect(points(minMaxFraction(d(3), d(3), d(3)), 10)).toBe(10);
    expect(points(minMaxFraction(d(0), d(0), d(0)), 10)).toBe(0);
  });
  it("a value outside a reference range is clamped", () => {
    expect(points(minMaxFraction(d(9), d(1), d(5)), 10)).toBe(10);
    expect(points(minMaxFraction(d(0), d(1), d(5)), 10)).toBe(0);
  });
});

describe("§10 ratio to the best unit (7.10: tỷ lệ của địa phương/tỷ lệ của địa phương cao nhất * điểm tối đa)", () => {
  it("half the best earns half of max; the best earns max; a best of 0 gives 0", () => {
    expect(points(ratioToBestFraction(d(1), d(2)), 10)).toBe(5);
    expect(points(ratioToBestFraction(d(2), d(2)), 10)).toBe(10);
    expect(points(ratioToBestFraction(d(0), d(0)), 10)).toBe(0);
  });
});

describe("§14 index", () => {
  it("total / 1000, shown to 4 decimals with a comma as the ministry publishes (0,3048)", () => {
    const index = indexOf(d("304.8"), d(1000));
    expect(index.toString()).toBe("0.3048");
    expect(formatIndexVi(index)).toBe("0,3048");
    expect(formatIndexVi(indexOf(d("512.34567"), d(1000)))).toBe("0,5123");
  });
});

describe("properties", () => {
  const nonNeg = fc.double({ min: 0, max: 1e9, noNaN: true, noDefaultInfinity: true });
  const positive = fc.double({ min: 1e-6, max: 1e9, noNaN: true, noDefaultInfinity: true });
  const threshold = fc.constantFrom("0.05", "0.1", "0.2", "0.25", "0.5", "0.7", "0.8", "0.0025", "0.01");

  it("every ratio-based fraction stays within [0, 1]", () => {
    fc.assert(
      fc.property(nonNeg, positive, threshold, fc.boolean(), (a, b, t, alt) => {
        const r = d(a).div(b);
        for (const f of [
          ratioFraction(r),
          thresholdLiteralFraction(r, exact(t), alt),
          thresholdScaledFraction(r, exact(t)),
          allOrNothingFraction(r),
        ]) {
          expect(f.gte(0) && f.lte(1)).toBe(true);
        }
      }),
    );
  });

  it("scores never decrease when the numerator grows (ratio, scaled threshold, literal threshold)", () => {
    fc.assert(
      fc.property(nonNeg, nonNeg, positive, threshold, fc.boolean(), (a1, extra, b, t, alt) => {
        const lo = d(a1).div(b);
        const hi = d(a1).plus(extra).div(b);
        expect(ratioFraction(hi).gte(ratioFraction(lo))).toBe(true);
        expect(thresholdScaledFraction(hi, exact(t)).gte(thresholdScaledFraction(lo, exact(t)))).toBe(true);
        expect(thresholdLiteralFraction(hi, exact(t), alt).gte(thresholdLiteralFraction(lo, exact(t), alt))).toBe(true);
      }),
    );
  });

  it("min-max and ratio-to-best stay within [0, 1] and grow with x", () => {
    fc.assert(
      fc.property(nonNeg, nonNeg, nonNeg, nonNeg, (x1, dx, m1, dm) => {
        const min = d(m1);
        const max = d(m1).plus(dm);
        const lo = d(x1);
        const hi = d(x1).plus(dx);
        const a = minMaxFraction(lo, min, max);
        const b = minMaxFraction(hi, min, max);
        expect(a.gte(0) && a.lte(1) && b.gte(a)).toBe(true);
        const c = ratioToBestFraction(lo, max);
        const e = ratioToBestFraction(hi, max);
        expect(c.gte(0) && c.lte(1) && e.gte(c)).toBe(true);
      }),
    );
  });
});
