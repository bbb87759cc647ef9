/**
 * "Thời gian hoàn thành" read as a due date: parseDeadline on the forms the plans write
 * (Ninh Thuận's Phụ lục 1, Bình Dương's task appendix), and the same reading by the plain
 * Excel formula of the hidden "Hạn (ngày)" column, evaluated with HyperFormula (GPL, tests
 * only).
 */
import fc from "fast-check";
import { HyperFormula } from "hyperformula";
import { isSectionRow } from "../../src/catalog/tasks/schema";
import { ninhThuan2022Tasks } from "../../src/catalog/tasks/ninh-thuan-2022";
import { deadlineFormula, fromExcelSerial, parseDeadline, toExcelSerial, type DeadlineKind } from "../../src/layout/deadline";

const ymd = (date: Date | null): string | null => (date === null ? null : date.toISOString().slice(0, 10));
const read = (value: string | number | Date): { due: string | null; kind: DeadlineKind } => {
  const { due, kind } = parseDeadline(value);
  return { due: ymd(due), kind };
};

describe("Excel serial dates", () => {
  it("count days from 30/12/1899", () => {
    expect(toExcelSerial(new Date(Date.UTC(2022, 9, 31)))).toBe(44865);
    expect(toExcelSerial(new Date(Date.UTC(1900, 2, 1)))).toBe(61);
    expect(ymd(fromExcelSerial(44926))).toBe("2022-12-31");
    expect(ymd(fromExcelSerial(44900.75))).toBe("2022-12-05");
  });
});

describe("parseDeadline: the forms the plans write", () => {
  it.each<[string, string, DeadlineKind]>([
    ["Tháng 10/2022", "2022-10-31", "month"],
    ["Tháng 9/2022", "2022-09-30", "month"],
    ["Tháng 2/2024", "2024-02-29", "month"],
    ["Tháng 12/2022", "2022-12-31", "month"],
    ["tháng 02/2023", "2023-02-28", "month"],
    ["10/2022", "2022-10-31", "month"],
    ["Quý I/2023", "2023-03-31", "quarter"],
    ["Quý II/2022", "2022-06-30", "quarter"],
    ["Quý III/2022", "2022-09-30", "quarter"],
    ["Quý IV/2022", "2022-12-31", "quarter"],
    ["Quý 1/2023", "2023-03-31", "quarter"],
    ["Quý 2/2023", "2023-06-30", "quarter"],
    ["Quý 3/2023", "2023-09-30", "quarter"],
    ["Quý 4/2022", "2022-12-31", "quarter"],
    ["Quí iv/2022", "2022-12-31", "quarter"],
    ["QUÝ IV/2022", "2022-12-31", "quarter"],
    ["Quý IV / 2022", "2022-12-31", "quarter"],
    ["2022-2025", "2025-12-31", "range"],
    ["2022 - 2023", "2023-12-31", "range"],
    ["2022–2025", "2025-12-31", "range"],
    ["Giai đoạn 2021-2025", "2025-12-31", "range"],
    ["Năm 2023", "2023-12-31", "year"],
    ["năm 2023", "2023-12-31", "year"],
    ["NĂM 2022", "2022-12-31", "year"],
    ["2023", "2023-12-31", "year"],
    ["30/11/2022", "2022-11-30", "date"],
    ["5/9/2022", "2022-09-05", "date"],
    ["29/02/2024", "2024-02-29", "date"],
    ["ngày 30/11/2022", "2022-11-30", "date"],
    ["  Tháng  10/2022 ", "2022-10-31", "month"],
  ])("%s → %s (%s)", (text, due, kind) => {
    expect(read(text)).toEqual({ due, kind });
  });

  it.each<[string, DeadlineKind]>([
    ["", "none"],
    ["   ", "none"],
    ["Hằng năm", "recurring"],
    ["Hàng năm", "recurring"],
    ["Thường xuyên", "recurring"],
    ["thường xuyên", "recurring"],
  ])("%j has no due date (%s)", (text, kind) => {
    expect(read(text)).toEqual({ due: null, kind });
  });

  it.each([
    "Quý 11/2022", // Bình Dương's misprint of "Quý II/2022": not guessed
    "Quý V/2022",
    "Tháng 13/2022",
    "Tháng 0/2022",
    "31/2/2022",
    "31/04/2022",
    "29/02/2023",
    "0/1/2022",
    "30/11/22",
    "Tháng 10/22",
    "Tháng 10 năm 2022",
    "Trước năm 2023",
    "1899",
    "Theo Phụ lục của Kế hoạch số 3609/KH-BĐHCĐS ngày 18/8/2022",
    "Năm",
    "-",
  ])("%j is not understood, so it has no due date", (text) => {
    expect(read(text)).toEqual({ due: null, kind: "unrecognised" });
  });

  it("takes real dates as dates, and a whole number 1900–9999 as a year", () => {
    expect(read(new Date(Date.UTC(2022, 10, 30)))).toEqual({ due: "2022-11-30", kind: "date" });
    expect(read(44895)).toEqual({ due: "2022-11-30", kind: "date" });
    expect(read(44895.5)).toEqual({ due: "2022-11-30", kind: "date" });
    expect(read(2023)).toEqual({ due: "2023-12-31", kind: "year" });
    expect(read(0)).toEqual({ due: null, kind: "unrecognised" });
    expect(read(-3)).toEqual({ due: null, kind: "unrecognised" });
    expect(read(new Date(Number.NaN))).toEqual({ due: null, kind: "unrecognised" });
  });
});

describe("parseDeadline on the Ninh Thuận task list (Phụ lục 1, KH 4233/KH-UBND)", () => {
  const tasks = ninhThuan2022Tasks.filter((row) => !isSectionRow(row));
  const forms = [...new Set(tasks.map((row) => row.deadline))].sort();

  it("has exactly these deadline forms", () => {
    expect(forms).toEqual(["", "Quý IV/2022", "Tháng 10/2022", "Tháng 11/2022", "Tháng 12/2022", "Tháng 9/2022"]);
  });

  it("reads every deadline it gives", () => {
    for (const row of tasks.filter((r) => r.deadline !== "")) {
      const { due } = parseDeadline(row.deadline);
      expect({ stt: row.stt, deadline: row.deadline, due: due !== null }).toEqual({ stt: row.stt, deadline: row.deadline, due: true });
    }
    expect(read("Tháng 9/2022").due).toBe("2022-09-30");
    expect(read("Tháng 11/2022").due).toBe("2022-11-30");
  });

  it("only A.1 has none: its deadlines are those of Kế hoạch 3609/KH-BĐHCĐS", () => {
    const without = tasks.filter((r) => r.deadline === "");
    expect(without).toHaveLength(1);
    expect(without[0]?.lead).toMatch(/^Theo Phụ lục của Kế hoạch số 3609/);
    expect(read(without[0]?.deadline ?? "").kind).toBe("none");
  });
});

/**
 * Evaluates deadlineFormula with HyperFormula for each input, in one workbook.
 * Text goes in with a leading apostrophe, so that HyperFormula keeps "30/11/2022" and
 * "2023" as text, as the sheet's text-formatted deadline column does.
 */
function evaluateFormula(inputs: readonly (string | number)[]): (number | string)[] {
  const rows = inputs.map((value, i) => [typeof value === "string" ? `'${value}` : value, `=${deadlineFormula(`A${i + 1}`)}`]);
  const hf = HyperFormula.buildFromSheets({ S: rows }, { licenseKey: "gpl-v3" });
  try {
    return inputs.map((_, i) => {
      const value = hf.getCellValue({ sheet: 0, row: i, col: 1 });
      if (typeof value === "number" || typeof value === "string") return value;
      throw new Error(`row ${i + 1} (${JSON.stringify(inputs[i])}): ${JSON.stringify(value)}`);
    });
  } finally {
    hf.destroy();
  }
}

const expected = (value: string | number): number | string => {
  const { due } = parseDeadline(value);
  return due === null ? "" : toExcelSerial(due);
};

describe("deadlineFormula computes what parseDeadline reads (HyperFormula)", () => {
  it("is one formula of plain functions, without the leading =", () => {
    const f = deadlineFormula("E5");
    expect(f.startsWith("=")).toBe(false);
    expect(f).not.toMatch(/_xlfn|\b(IFS|LET|XLOOKUP|TEXTJOIN|DATEVALUE|CONCAT|SWITCH|MAXIFS|MINIFS)\(/);
    expect(f.length).toBeLessThan(8192); // Excel's limit on a formula's length
  });

  const named = [
    "Tháng 10/2022",
    "Tháng 9/2022",
    "Tháng 11/2022",
    "Tháng 12/2022",
    "Tháng 2/2024",
    "tháng 02/2023",
    "10/2022",
    "Quý I/2023",
    "Quý II/2022",
    "Quý III/2022",
    "Quý IV/2022",
    "Quý 1/2023",
    "Quý 4/2022",
    "Quí iv/2022",
    "QUÝ IV/2022",
    "Quý IV / 2022",
    "2022-2025",
    "2022 - 2023",
    "2022–2025",
    "Giai đoạn 2021-2025",
    "Năm 2023",
    "năm 2023",
    "NĂM 2022",
    "2023",
    "30/11/2022",
    "5/9/2022",
    "29/02/2024",
    "ngày 30/11/2022",
    "  Tháng  10/2022 ",
    "",
    "Hằng năm",
    "Thường xuyên",
    "Quý 11/2022",
    "Quý V/2022",
    "Tháng 13/2022",
    "Tháng 0/2022",
    "31/2/2022",
    "31/04/2022",
    "29/02/2023",
    "0/1/2022",
    "30/11/22",
    "Tháng 10 năm 2022",
    "Trước năm 2023",
    "1899",
    "Theo Phụ lục của Kế hoạch số 3609/KH-BĐHCĐS ngày 18/8/2022",
    "Năm",
    "-",
    ...ninhThuan2022Tasks.map((row) => row.deadline),
  ];
  const serials = [44865, 44895, 44895.5, 2023, 1900, 9999, 1899, 0.5, 45000.999];

  it("agrees on every named text and real date", () => {
    const inputs = [...named, ...serials];
    expect(evaluateFormula(inputs)).toEqual(inputs.map(expected));
  });

  it("agrees on generated deadlines (fast-check)", () => {
    const spaces = fc.constantFrom("", " ", "  ");
    // Mostly plausible numbers, some out of range.
    const num = fc.oneof(
      { arbitrary: fc.integer({ min: 1, max: 12 }).map(String), weight: 4 },
      { arbitrary: fc.integer({ min: 0, max: 40 }).map(String), weight: 2 },
      { arbitrary: fc.constantFrom("01", "09", "00", "2022", "1899", "10000"), weight: 1 },
    );
    const year = fc.oneof(
      { arbitrary: fc.integer({ min: 2000, max: 2035 }).map(String), weight: 4 },
      { arbitrary: fc.integer({ min: 1890, max: 2110 }).map(String), weight: 1 },
      { arbitrary: fc.constantFrom("22", "0202", "99999"), weight: 1 },
    );
    const quarter = fc.constantFrom("I", "II", "III", "IV", "V", "iv", "1", "2", "3", "4", "5", "11", "0");
    const deadline = fc.oneof(
      fc.tuple(fc.constantFrom("Tháng", "tháng", "THÁNG", "T", ""), spaces, num, spaces, year).map(([w, s1, m, s2, y]) => `${w}${w ? " " : ""}${s1}${m}${s2}/${s1}${y}`),
      fc.tuple(fc.constantFrom("Quý", "Quí", "QUÝ", "quý"), spaces, quarter, spaces, year).map(([w, s1, q, s2, y]) => `${w} ${s1}${q}${s2}/${y}`),
      fc.tuple(fc.constantFrom("", "ngày ", "Trước ngày "), fc.oneof({ arbitrary: fc.integer({ min: 28, max: 31 }).map(String), weight: 2 }, num), num, year).map(([w, d, m, y]) => `${w}${d}/${m}/${y}`),
      fc.tuple(fc.constantFrom("", "Năm ", "năm ", "NĂM ", "Giai đoạn ", "Trong "), year).map(([w, y]) => `${w}${y}`),
      fc.tuple(year, fc.constantFrom("-", " - ", "–", " – ", " đến "), year).map(([a, dash, b]) => `${a}${dash}${b}`),
      fc.constantFrom("", "Hằng năm", "Thường xuyên", "Hàng năm", "Liên tục"),
      fc.tuple(spaces, fc.string({ maxLength: 12 }), spaces).map(([a, s, b]) => `${a}${s}${b}`),
    );
    const serial = fc.oneof(fc.integer({ min: 1, max: 80000 }), fc.double({ min: 1, max: 80000, noNaN: true }));
    const inputs = [...fc.sample(deadline, { numRuns: 600, seed: 4233 }), ...fc.sample(serial, { numRuns: 60, seed: 1906 })].filter(
      // Outside the grammar VALUE is more lenient than parseDeadline (module comment):
      // leave out generated text that VALUE could read as a number in another way.
      (v) => typeof v === "number" || !/[eE+.,:%$()]|^'/.test(v.replace(/[^\x20-\x7e]/g, "")),
    );
    const actual = evaluateFormula(inputs);
    expect(actual.filter((v) => v !== "").length).toBeGreaterThan(inputs.length / 3);
    const mismatches = inputs.map((v, i) => ({ v, formula: actual[i], ts: expected(v) })).filter((c) => c.formula !== c.ts);
    expect(mismatches).toEqual([]);
  });
});
