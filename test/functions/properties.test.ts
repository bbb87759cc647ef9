/** Properties of DTI.RATIO and DTI.MINMAX over many inputs (fast-check). */
import fc from "fast-check";
import { isFunctionError, run } from "../../src/functions/runner";

const count = fc.integer({ min: 0, max: 10_000_000 });
const positive = fc.integer({ min: 1, max: 10_000_000 });
const points = fc.integer({ min: 0, max: 200 });
const ratioValue = fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true });

function pointsOf(result: ReturnType<typeof run>): number {
  if (isFunctionError(result)) throw new Error(`${result.error}: ${result.message}`);
  return result;
}

describe("DTI.RATIO", () => {
  it("is within [0, maxPoints]", () => {
    fc.assert(
      fc.property(count, positive, points, (a, b, max) => {
        const p = pointsOf(run("RATIO", [a, b, max]));
        return p >= 0 && p <= max;
      }),
    );
  });

  it("is non-decreasing in the numerator", () => {
    fc.assert(
      fc.property(count, count, positive, points, (x, y, b, max) => {
        const [lo, hi] = x <= y ? [x, y] : [y, x];
        return pointsOf(run("RATIO", [lo, b, max])) <= pointsOf(run("RATIO", [hi, b, max]));
      }),
    );
  });

  it("with a target stays within [0, maxPoints] and equals DTI.SCALED", () => {
    fc.assert(
      fc.property(count, positive, points, fc.double({ min: 0.01, max: 1, noNaN: true }), (a, b, max, target) => {
        const p = pointsOf(run("RATIO", [a, b, max, target]));
        return p >= 0 && p <= max && p === pointsOf(run("SCALED", [a, b, target, max]));
      }),
    );
  });
});

describe("DTI.MINMAX", () => {
  it("is within [0, maxPoints] for any value and any non-empty range", () => {
    fc.assert(
      fc.property(
        ratioValue,
        fc.array(fc.oneof(ratioValue, fc.constant(null), fc.constant("")), { minLength: 1, maxLength: 30 }),
        points,
        (value, cells, max) => {
          const range = [...cells, 0.5].map((c) => [c]);
          const p = pointsOf(run("MINMAX", [value, range, max]));
          return p >= 0 && p <= max;
        },
      ),
    );
  });

  it("gives max to the best unit and 0 to the worst when values differ", () => {
    fc.assert(
      fc.property(fc.uniqueArray(ratioValue, { minLength: 2, maxLength: 20 }), points, (values, max) => {
        const range = values.map((v) => [v]);
        const best = Math.max(...values);
        const worst = Math.min(...values);
        return pointsOf(run("MINMAX", [best, range, max])) === max && pointsOf(run("MINMAX", [worst, range, max])) === 0;
      }),
    );
  });
});
