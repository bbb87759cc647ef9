/**
 * The @customfunction wrappers and toExcelResult, with a fake CustomFunctions global that
 * behaves as the runtime's: an Error class taking (code, message?) and the ErrorCode enum.
 */
import * as functions from "../../src/functions/functions";
import { toExcelResult } from "../../src/functions/functions";

class FakeCustomFunctionsError {
  constructor(
    readonly code: string,
    readonly message?: string,
  ) {}
}

const fakeCustomFunctions = {
  Error: FakeCustomFunctionsError,
  ErrorCode: {
    invalidValue: "#VALUE!",
    notAvailable: "#N/A",
    divisionByZero: "#DIV/0!",
    invalidNumber: "#NUM!",
    nullReference: "#NULL!",
  },
};

type Global = { CustomFunctions?: unknown };

describe("functions.ts", () => {
  it("has no import-time side effects: importing it needed no CustomFunctions global", () => {
    expect((globalThis as Global).CustomFunctions).toBeUndefined();
    expect(typeof functions.ratio).toBe("function");
  });

  describe("with the CustomFunctions runtime", () => {
    beforeAll(() => {
      (globalThis as Global).CustomFunctions = fakeCustomFunctions;
    });
    afterAll(() => {
      delete (globalThis as Global).CustomFunctions;
    });

    function expectExcelError(value: unknown, code: string, message?: RegExp): void {
      expect(value).toBeInstanceOf(FakeCustomFunctionsError);
      const error = value as FakeCustomFunctionsError;
      expect(error.code).toBe(code);
      if (message) expect(error.message).toMatch(message);
      else expect(error.message).toBeUndefined();
    }

    describe("toExcelResult", () => {
      it("passes numbers through", () => {
        expect(toExcelResult(7.5)).toBe(7.5);
        expect(toExcelResult(0)).toBe(0);
      });

      it("#VALUE! → invalidValue with the message", () => {
        expectExcelError(toExcelResult({ error: "#VALUE!", message: "sai" }), "#VALUE!", /^sai$/);
      });

      it("#N/A → notAvailable with the message", () => {
        expectExcelError(toExcelResult({ error: "#N/A", message: "thiếu" }), "#N/A", /^thiếu$/);
      });

      it("#DIV/0! → divisionByZero, without a message (Excel shows none)", () => {
        expectExcelError(toExcelResult({ error: "#DIV/0!", message: "mẫu số bằng 0" }), "#DIV/0!");
      });

      it("#NUM! → invalidNumber, without a message", () => {
        expectExcelError(toExcelResult({ error: "#NUM!", message: "quá lớn" }), "#NUM!");
      });

      it("reads the global at call time", () => {
        const other = { ...fakeCustomFunctions, ErrorCode: { ...fakeCustomFunctions.ErrorCode, invalidValue: "X" } };
        (globalThis as Global).CustomFunctions = other;
        try {
          expectExcelError(toExcelResult({ error: "#VALUE!", message: "m" }), "X", /^m$/);
        } finally {
          (globalThis as Global).CustomFunctions = fakeCustomFunctions;
        }
      });
    });

    describe("the wrappers", () => {
      it("DTI.RATIO: 3.1 → 7.5; text → #VALUE! with a Vietnamese message; b = 0 → #DIV/0!", () => {
        expect(functions.ratio(450000, 600000, 10)).toBe(7.5);
        expectExcelError(functions.ratio("nhiều", 600000, 10), "#VALUE!", /numerator \(tử số\).*văn bản/);
        expectExcelError(functions.ratio(-3, 600000, 10), "#VALUE!", /không được âm/);
        expectExcelError(functions.ratio(0, 0, 10), "#DIV/0!");
      });

      it("DTI.MINMAX: no numbers in the range → #N/A with 'cần giá trị tham chiếu'", () => {
        expect(functions.minMax(3, [[1], [5]], 10)).toBe(5);
        expectExcelError(functions.minMax(3, [[null], ["x"]], 10), "#N/A", /cần giá trị tham chiếu/);
      });

      it("DTI.THRESHOLD: 7.1 literal 2, alternative 10", () => {
        expect(functions.threshold(10, 100, 0.2, 20)).toBe(2);
        expect(functions.threshold(10, 100, 0.2, 20, true)).toBe(10);
      });

      it("DTI.SCALED: 6.12 → 10", () => {
        expect(functions.scaled(40, 100, 0.8, 20)).toBe(10);
      });

      it("DTI.TIERS: 5.12.2, 1.5 tỷ → 1.4", () => {
        expect(functions.tiers(1.5, [[2, 1, 0.5]], [[1, 0.7, 0.3]], 2)).toBeCloseTo(1.4, 12);
      });

      it("DTI.LEVEL, DTI.COUNTCAP, DTI.BEST, DTI.INDEX, DTI.MAXPOINTS", () => {
        expect(functions.level("1.1", 2)).toBe(5);
        expect(functions.level("1.2", true, "b")).toBe(5);
        expect(functions.countCap(12, 10)).toBe(10);
        expect(functions.best(5, [[2], [5], [10]], 20)).toBe(10);
        expect(functions.index(304.8)).toBeCloseTo(0.3048, 12);
        expect(functions.maxPoints("3.5")).toBe(30);
      });

      it("DTI.SCORE: ranges per repeating argument; unknown id → #N/A naming it", () => {
        expect(functions.score("3.1", [[[450000]], [[600000]]])).toBe(7.5);
        expect(functions.score("3.1", [[[0]], [[0]]])).toBe(0);
        expectExcelError(functions.score("3.99", [[[1]]]), "#N/A", /"3\.99"/);
        expectExcelError(functions.maxPoints("X"), "#N/A", /"X"/);
        expectExcelError(functions.score("4.6", [[[30]], [[100]]]), "#N/A", /cần giá trị tham chiếu/);
      });

      it("omitted optionals arrive as null or undefined and take their defaults", () => {
        expect(functions.ratio(1, 4, 20, null)).toBe(5);
        expect(functions.countCap(3, 10, null)).toBe(3);
        expect(functions.index(500, undefined)).toBe(0.5);
        expect(functions.score("9.1")).toBe(0);
      });
    });
  });
});
