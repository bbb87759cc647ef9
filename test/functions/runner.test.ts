/**
 * DTI.* through the runner, with the examples of the official text (Phụ lục 2, QĐ 922/QĐ-BTTTT)
 * and the readings of reference/README.md (§n).
 */
import { type ErrorType, type FunctionResult, isFunctionError, run } from "../../src/functions/runner";

function expectPoints(result: FunctionResult, points: number): void {
  if (isFunctionError(result)) throw new Error(`expected ${points}, got ${result.error}: ${result.message}`);
  expect(result).toBeCloseTo(points, 12);
}

function expectError(result: FunctionResult, error: ErrorType, ...fragments: (string | RegExp)[]): void {
  if (!isFunctionError(result)) throw new Error(`expected ${error}, got the number ${result}`);
  expect(result.error).toBe(error);
  for (const fragment of fragments) expect(result.message).toMatch(fragment);
}

/** A column range as Excel passes it: one row per cell. */
const column = (...cells: (number | string | boolean | null)[]) => cells.map((c) => [c]);

describe("DTI.RATIO (§1)", () => {
  it("3.1: a = 450 000 people with a digital account of b = 600 000 earns 7.5 of 10", () => {
    expectPoints(run("RATIO", [450000, 600000, 10]), 7.5);
  });

  it("caps a ratio above 1 at max points", () => {
    expectPoints(run("RATIO", [120, 100, 10]), 10);
  });

  it("with a target it is DTI.SCALED: 6.12, ratio 0.4 against 80 % earns 10 of 20", () => {
    expectPoints(run("RATIO", [40, 100, 20, 0.8]), 10);
    expectPoints(run("SCALED", [40, 100, 0.8, 20]), 10);
  });

  it("an omitted or blank target means 1", () => {
    expectPoints(run("RATIO", [1, 4, 20, undefined]), 5);
    expectPoints(run("RATIO", [1, 4, 20, null]), 5);
    expectPoints(run("RATIO", [1, 4, 20, ""]), 5);
  });

  it("is exact: 1/3 of 30 points is 10, not 9.999…", () => {
    expect(run("RATIO", [1, 3, 30])).toBe(10);
    expect(run("RATIO", [0.1, 0.3, 3])).toBe(1);
  });

  it("text where a number belongs is #VALUE! naming the parameter in Vietnamese", () => {
    expectError(run("RATIO", ["abc", 100, 10]), "#VALUE!", "DTI.RATIO", "numerator", "tử số", 'văn bản "abc"');
    expectError(run("RATIO", [1, "100", 10]), "#VALUE!", "denominator", "mẫu số");
    expectError(run("RATIO", [1, 100, true]), "#VALUE!", "maxPoints", "điểm tối đa", "TRUE");
  });

  it("a negative number is #VALUE!", () => {
    expectError(run("RATIO", [-1, 100, 10]), "#VALUE!", "tử số", "không được âm", "-1");
    expectError(run("RATIO", [1, 100, -10]), "#VALUE!", "điểm tối đa");
  });

  it("NaN and Infinity are #VALUE!", () => {
    expectError(run("RATIO", [Number.NaN, 100, 10]), "#VALUE!", "số hữu hạn");
    expectError(run("RATIO", [1, Number.POSITIVE_INFINITY, 10]), "#VALUE!", "mẫu số", "số hữu hạn");
  });

  it("a zero denominator is #DIV/0!", () => {
    expectError(run("RATIO", [0, 0, 10]), "#DIV/0!", "mẫu số");
  });

  it("a target of 0 or less is #VALUE!", () => {
    expectError(run("RATIO", [1, 2, 10, 0]), "#VALUE!", "target", "mục tiêu", "lớn hơn 0");
    expectError(run("RATIO", [1, 2, 10, -0.5]), "#VALUE!", "mục tiêu");
  });

  it("a blank required argument is #N/A (not entered yet), not 0", () => {
    expectError(run("RATIO", [null, 100, 10]), "#N/A", "tử số", "chưa được nhập");
  });

  it("a 1×1 range is its cell; a larger range where one cell belongs is #VALUE!", () => {
    expectPoints(run("RATIO", [[[1]], [[4]], 10]), 2.5);
    expectError(run("RATIO", [column(1, 2), 4, 10]), "#VALUE!", "một ô");
  });

  it("Excel data types (formatted numbers) are read by their basic value", () => {
    const formatted = { type: "FormattedNumber", basicValue: 450000, numberFormat: "#,##0" };
    expectPoints(run("RATIO", [formatted as unknown as number, 600000, 10]), 7.5);
  });

  it("too many arguments is #VALUE!", () => {
    expectError(run("RATIO", [1, 2, 10, 1, 5]), "#VALUE!", "tối đa 4 đối số");
  });
});

describe("DTI.THRESHOLD (§2)", () => {
  it("7.1 literal reading: ratio 0.1 below T = 0.2 earns 0.1 × 20 = 2", () => {
    expectPoints(run("THRESHOLD", [10, 100, 0.2, 20]), 2);
    expectPoints(run("THRESHOLD", [10, 100, 0.2, 20, false]), 2);
  });

  it("7.1 alternative reading: ratio / T × max = 10", () => {
    expectPoints(run("THRESHOLD", [10, 100, 0.2, 20, true]), 10);
    expectPoints(run("THRESHOLD", [10, 100, 0.2, 20, 1]), 10);
  });

  it("at or above T: full points", () => {
    expectPoints(run("THRESHOLD", [20, 100, 0.2, 20]), 20);
    expectPoints(run("THRESHOLD", [90, 100, 0.2, 20, true]), 20);
  });

  it("alternative must be TRUE or FALSE", () => {
    expectError(run("THRESHOLD", [10, 100, 0.2, 20, "có"]), "#VALUE!", "alternative", "TRUE hoặc FALSE");
  });

  it("threshold 0 is #VALUE!", () => {
    expectError(run("THRESHOLD", [10, 100, 0, 20]), "#VALUE!", "ngưỡng");
  });
});

describe("DTI.SCALED (§3)", () => {
  it("4.9 states no cap, but the score is capped at max", () => {
    expectPoints(run("SCALED", [90, 100, 0.5, 5]), 5);
  });

  it("8.2: ratio 0.6 against 80 % earns 0.75 × 20 = 15", () => {
    expectPoints(run("SCALED", [60, 100, 0.8, 20]), 15);
  });

  it("zero denominator is #DIV/0!", () => {
    expectError(run("SCALED", [0, 0, 0.8, 20]), "#DIV/0!");
  });
});

describe("DTI.MINMAX (§9)", () => {
  it("(x − min) / (max − min) × max over the units compared", () => {
    expectPoints(run("MINMAX", [0.03, column(0.01, 0.03, 0.05), 10]), 5);
  });

  it("ignores blanks and text in the range", () => {
    expectPoints(run("MINMAX", [3, column(1, null, "", "chưa có", 5, true), 10]), 5);
  });

  it("all units equal: max if the value is > 0, 0 if it is 0", () => {
    expectPoints(run("MINMAX", [4, column(4, 4, 4), 10]), 10);
    expectPoints(run("MINMAX", [0, column(0, 0), 10]), 0);
  });

  it("a value outside the range's span clamps to [0, max]", () => {
    expectPoints(run("MINMAX", [9, column(1, 5), 10]), 10);
    expectPoints(run("MINMAX", [0, column(1, 5), 10]), 0);
  });

  it("a range with no numbers is #N/A asking for reference values", () => {
    expectError(run("MINMAX", [3, column(null, "x"), 10]), "#N/A", "cần giá trị tham chiếu");
  });

  it("a negative number in the range is #VALUE!", () => {
    expectError(run("MINMAX", [3, column(1, -5), 10]), "#VALUE!", "values", "vùng so sánh", "không được âm");
  });

  it("a single cell as values works as a one-cell range", () => {
    expectPoints(run("MINMAX", [3, 3, 10]), 10);
  });
});

describe("DTI.TIERS (§5)", () => {
  const amountTiers = [[2, 1, 0.5]];
  const fractions = [[1, 0.7, 0.3]];

  it("5.12.2: 1.5 tỷ đồng reaches the 1 tỷ tier: 0.7 × 2 = 1.4", () => {
    expectPoints(run("TIERS", [1.5, amountTiers, fractions, 2]), 1.4);
  });

  it("at a threshold exactly, and above the top, and below all", () => {
    expectPoints(run("TIERS", [2, amountTiers, fractions, 2]), 2);
    expectPoints(run("TIERS", [10, amountTiers, fractions, 2]), 2);
    expectPoints(run("TIERS", [0.5, amountTiers, fractions, 2]), 0.6);
    expectPoints(run("TIERS", [0.49, amountTiers, fractions, 2]), 0);
  });

  it("5.12.1: (a+b)/c of 8 % reaches 7 %: 0.7 × 5 = 3.5, with columns as ranges", () => {
    expectPoints(run("TIERS", [0.08, column(0.1, 0.07, 0.03), column(1, 0.7, 0.3), 5]), 3.5);
  });

  it("lists of different lengths are #VALUE!", () => {
    expectError(run("TIERS", [1, amountTiers, [[1, 0.7]], 2]), "#VALUE!", "fractions", "cùng số phần tử");
  });

  it("thresholds not in descending order are #VALUE!", () => {
    expectError(run("TIERS", [1, [[0.5, 1, 2]], fractions, 2]), "#VALUE!", "thresholds", "từ cao xuống thấp");
  });

  it("text in a list is #VALUE! naming its position; a fraction above 1 is #VALUE!", () => {
    expectError(run("TIERS", [1, [[2, "một", 0.5]], fractions, 2]), "#VALUE!", "phần tử thứ 2");
    expectError(run("TIERS", [1, amountTiers, [[1, 70, 30]], 2]), "#VALUE!", "fractions", "không được lớn hơn 1");
  });

  it("an empty list is #VALUE!", () => {
    expectError(run("TIERS", [1, [[null]], [[null]], 2]), "#VALUE!", "không có số nào");
  });
});

describe("DTI.COUNTCAP (§8)", () => {
  it("6.21: 1 point per activity, never more than max", () => {
    expectPoints(run("COUNTCAP", [7, 10]), 7);
    expectPoints(run("COUNTCAP", [12, 10]), 10);
  });

  it("pointsEach", () => {
    expectPoints(run("COUNTCAP", [3, 10, 2]), 6);
    expectPoints(run("COUNTCAP", [3, 10, 5]), 10);
  });

  it("negative count is #VALUE!", () => {
    expectError(run("COUNTCAP", [-1, 10]), "#VALUE!", "count", "số lượng");
  });
});

describe("DTI.BEST (§10)", () => {
  it("8.6: x / best × max", () => {
    expectPoints(run("BEST", [5, column(2, 5, 10), 20]), 10);
  });

  it("the best earns max; a value above the range is capped", () => {
    expectPoints(run("BEST", [10, column(2, 5, 10), 20]), 20);
    expectPoints(run("BEST", [12, column(2, 5, 10), 20]), 20);
  });

  it("a best of 0 gives everyone 0", () => {
    expectPoints(run("BEST", [0, column(0, 0), 20]), 0);
  });

  it("no numbers to compare with is #N/A", () => {
    expectError(run("BEST", [1, column(null), 20]), "#N/A", "cần giá trị tham chiếu");
  });
});

describe("DTI.INDEX (§14)", () => {
  it("Ninh Thuận 2021: 304.8 points of 1000 is the published 0.3048, unrounded", () => {
    expectPoints(run("INDEX", [304.8]), 0.3048);
    expect(run("INDEX", [304.83])).toBe(0.30483);
  });

  it("a set with another total", () => {
    expectPoints(run("INDEX", [50, 200]), 0.25);
  });

  it("maxTotal 0 is #VALUE!", () => {
    expectError(run("INDEX", [50, 0]), "#VALUE!", "maxTotal", "tổng điểm tối đa");
  });
});

describe("DTI.LEVEL (§7, §16)", () => {
  it("1.1 by exact label, by position, with loose case and spaces", () => {
    expectPoints(run("LEVEL", ["1.1", "Trưởng ban là Bí thư/Chủ tịch tỉnh"]), 10);
    expectPoints(run("LEVEL", ["1.1", "Trưởng ban là Phó Bí thư/Phó Chủ tịch tỉnh"]), 5);
    expectPoints(run("LEVEL", ["1.1", 2]), 5);
    expectPoints(run("LEVEL", ["1.1", 3]), 0);
    expectPoints(run("LEVEL", ["1.1", "  trưởng ban là bí thư/chủ tịch tỉnh "]), 10);
  });

  it("yes/no rows take TRUE/FALSE (2.1 Đã ban hành / Chưa ban hành)", () => {
    expectPoints(run("LEVEL", ["2.1", true]), 5);
    expectPoints(run("LEVEL", ["2.1", false]), 0);
    expectPoints(run("LEVEL", ["2.1", "Đã ban hành"]), 5);
  });

  it("2.4 'issued but not updated' is read as not issued", () => {
    expectPoints(run("LEVEL", ["2.4", "Đã ban hành nhưng chưa cập nhật"]), 0);
  });

  it("multi-part rows: each part earns its share (3.5: a has three levels, b two; §6)", () => {
    expectPoints(run("LEVEL", ["3.5", 1]), 15);
    expectPoints(run("LEVEL", ["3.5", 2, "a"]), 7.5);
    expectPoints(run("LEVEL", ["3.5", true, "b"]), 15);
    expectPoints(run("LEVEL", ["6.1", true, "b"]), 2);
    expectPoints(run("LEVEL", ["6.1", true, "A"]), 8);
  });

  it("an answer that is not an option is #VALUE! listing the options", () => {
    expectError(run("LEVEL", ["1.1", 4]), "#VALUE!", "Chỉ số 1.1", "không thuộc danh sách lựa chọn", '1 = "Trưởng ban');
    expectError(run("LEVEL", ["1.1", "Có"]), "#VALUE!", "Chỉ số 1.1");
  });

  it("a blank answer is #N/A", () => {
    expectError(run("LEVEL", ["1.1", null]), "#N/A", "Chỉ số 1.1", "chưa nhập");
  });

  it("a part that does not exist, or is not a choice, is #VALUE! naming the indicator", () => {
    expectError(run("LEVEL", ["1.2", true, "z"]), "#VALUE!", "chỉ số 1.2", '"z"', "a, b");
    expectError(run("LEVEL", ["3.1", 1]), "#VALUE!", "chỉ số 3.1", "DTI.SCORE");
    // 1.5's a is a gate on the article count, not scored by itself.
    expectError(run("LEVEL", ["1.5", true]), "#VALUE!", "chỉ số 1.5", "DTI.SCORE");
  });

  it("an unknown indicator is #N/A naming the id", () => {
    expectError(run("LEVEL", ["10.1", true]), "#N/A", '"10.1"', "dti-province-2022");
  });
});

describe("DTI.MAXPOINTS", () => {
  it("reads the catalog", () => {
    expectPoints(run("MAXPOINTS", ["3.5"]), 30);
    expectPoints(run("MAXPOINTS", ["5.12.2"]), 2);
    expectPoints(run("MAXPOINTS", ["9.1"]), 0);
    expectPoints(run("MAXPOINTS", [" 6.12 "]), 20);
  });

  it("accepts a number that names one id only; 4.1 could be 4.10, so it must be text", () => {
    expectPoints(run("MAXPOINTS", [3.5]), 30);
    expectError(run("MAXPOINTS", [4.1]), "#VALUE!", '"4.1"', '"4.10"', "dạng văn bản");
    expectPoints(run("MAXPOINTS", ["4.10"]), 5);
  });

  it("reads a decimal comma as a dot", () => {
    expectPoints(run("MAXPOINTS", ["3,5"]), 30);
  });

  it("an unknown id is #N/A naming it; a blank id is #N/A; TRUE is #VALUE!", () => {
    expectError(run("MAXPOINTS", ["3.99"]), "#N/A", '"3.99"');
    expectError(run("MAXPOINTS", [null]), "#N/A", "mã chỉ số");
    expectError(run("MAXPOINTS", [true]), "#VALUE!", "mã chỉ số");
  });
});

describe("DTI.SCORE", () => {
  it("3.1: a = 450 000, b = 600 000 → 7.5", () => {
    expectPoints(run("SCORE", ["3.1", [[[450000]], [[600000]]]]), 7.5);
  });

  it("takes the variables as one range too", () => {
    expectPoints(run("SCORE", ["3.1", [column(450000, 600000)]]), 7.5);
    expectPoints(run("SCORE", ["3.1", [[[450000, 600000]]]]), 7.5);
  });

  it("accepts scalars for the repeating values (direct calls)", () => {
    expectPoints(run("SCORE", ["3.1", [450000, 600000]]), 7.5);
  });

  it("6.12: (b + c) / a = 0.4 against 80 % → 10 of 20", () => {
    expectPoints(run("SCORE", ["6.12", [1000, 300, 100]]), 10);
  });

  it("7.1 literal threshold: ratio 0.1, T = 0.2 → 2 of 20", () => {
    expectPoints(run("SCORE", ["7.1", [10, 100]]), 2);
  });

  it("5.12.2: 1.5 tỷ đồng → 1.4", () => {
    expectPoints(run("SCORE", ["5.12.2", [1.5]]), 1.4);
  });

  it("choice rows: 1.1 by position, 1.2 two yes/no parts", () => {
    expectPoints(run("SCORE", ["1.1", [2]]), 5);
    expectPoints(run("SCORE", ["1.2", [true, false]]), 5);
    expectPoints(run("SCORE", ["1.2", [true, true]]), 10);
  });

  it("min-max rows take reference min and max after the variables (§9)", () => {
    // 4.6: ratio a/b = 0.3 between 0.1 and 0.5 → half of 10.
    expectPoints(run("SCORE", ["4.6", [30, 100, 0.1, 0.5]]), 5);
  });

  it("ratio-to-best rows use the reference max as the best (§10)", () => {
    expectPoints(run("SCORE", ["8.6", [5, 0, 10]]), 10);
  });

  it("a min-max row without reference values is #N/A 'cần giá trị tham chiếu'", () => {
    expectError(run("SCORE", ["4.6", [30, 100]]), "#N/A", "cần giá trị tham chiếu", "4.6");
    expectError(run("SCORE", ["8.6", [5]]), "#N/A", "cần giá trị tham chiếu");
  });

  it("a reference that is text is #VALUE! naming the indicator", () => {
    expectError(run("SCORE", ["4.6", [30, 100, "thấp", 0.5]]), "#VALUE!", "4.6", "tham chiếu nhỏ nhất");
  });

  it("a zero denominator is the engine's 0 points, never #DIV/0! (§12)", () => {
    expect(run("SCORE", ["3.1", [0, 0]])).toBe(0);
  });

  it("5.5 with no botnet IPs: zero denominator scores 0, 'không phát sinh' answered gives max (§12)", () => {
    expect(run("SCORE", ["5.5", [0, 0]])).toBe(0);
    expectPoints(run("SCORE", ["5.5", [0, 0, true]]), 5);
  });

  it("IX is tracked, not scored: 0", () => {
    expect(run("SCORE", ["9.1"])).toBe(0);
    expect(run("SCORE", ["9.1", undefined])).toBe(0);
  });

  it("a missing variable is #N/A with the engine's message naming it", () => {
    expectError(run("SCORE", ["3.1", [450000]]), "#N/A", "Chỉ số 3.1, biến b", "chưa nhập");
    expectError(run("SCORE", ["3.1", [450000, null]]), "#N/A", "biến b");
  });

  it("text or a negative number is #VALUE! with the engine's message", () => {
    expectError(run("SCORE", ["3.1", ["nhiều", 600000]]), "#VALUE!", "Chỉ số 3.1, biến a", "không phải là số");
    expectError(run("SCORE", ["3.1", [-1, 600000]]), "#VALUE!", "biến a", "số âm");
  });

  it("an answer that is not an option is #VALUE!", () => {
    expectError(run("SCORE", ["1.1", [7]]), "#VALUE!", "Chỉ số 1.1", "không thuộc danh sách");
  });

  it("too many values is #VALUE! listing what the indicator takes", () => {
    expectError(run("SCORE", ["3.1", [1, 2, 3]]), "#VALUE!", "chỉ số 3.1", "tối đa 2 giá trị", "a, b");
    expectPoints(run("SCORE", ["3.1", [450000, 600000, null, ""]]), 7.5);
  });

  it("an unknown id is #N/A naming it", () => {
    expectError(run("SCORE", ["3.8", [1, 2]]), "#N/A", '"3.8"', "dti-province-2022");
  });
});

describe("the runner never throws", () => {
  it("returns #VALUE! for nonsense instead of throwing", () => {
    const weird = [{}, [[{}]], Symbol("x"), () => 1, 10n] as unknown[];
    for (const value of weird) {
      for (const fn of ["RATIO", "MINMAX", "TIERS", "LEVEL", "SCORE", "MAXPOINTS"] as const) {
        const result = run(fn, [value as number, value as number, value as number, value as number]);
        expect(isFunctionError(result) || typeof result === "number").toBe(true);
      }
    }
  });

  it("an unknown function id is #VALUE!", () => {
    expectError(run("NOPE" as "RATIO", [1]), "#VALUE!", "không có hàm");
  });
});

describe("DTI.SCORE on 5.12 (§5)", () => {
  it("5.12 is the sum of its children: #N/A telling to add DTI.SCORE of 5.12.1–5.12.6", () => {
    expectError(run("SCORE", ["5.12"]), "#N/A", "5.12.1", "5.12.6", "DTI.SCORE");
  });
});
