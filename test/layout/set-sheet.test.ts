/**
 * An indicator set as a sheet of a workbook (issue 5, item 4): every known set goes to a grid
 * and comes back equal; what a person may do to the sheet in Excel (numbers typed as text, ids
 * typed as numbers, rows inserted) still reads; and every mistake is reported on its cell.
 */
import { join } from "path";
import { dtiProvince2020, dtiProvince2022 } from "../../src/catalog";
import { loadIndicatorSetFile } from "../../src/cli/set-file";
import type { IndicatorSet } from "../../src/catalog/schema";
import {
  indicatorSetToSheet,
  isIndicatorSetSheet,
  parseIndicatorSetSheet,
  SET_SHEET_COLUMNS,
  SET_SHEET_NAME,
  SET_SHEET_TITLE,
} from "../../src/layout/set-sheet";

const DISTRICT = loadIndicatorSetFile(join(__dirname, "..", "fixtures", "sets", "district-example.json"));
/** The quoted texts of issue 13: best-of, capped counts as parts, a capped group. */
const AUTHORING = loadIndicatorSetFile(join(__dirname, "..", "fixtures", "sets", "authoring-examples.json"));
const WHERE = { file: "huyen.xlsx", sheet: SET_SHEET_NAME };

type Grid = (string | number | boolean | null)[][];

const gridOf = (set: IndicatorSet): Grid => indicatorSetToSheet(set).grid.map((row) => [...row]);
const col = (header: string): number => SET_SHEET_COLUMNS.findIndex((c) => c.header === header);
const letter = (header: string): string => String.fromCharCode(65 + col(header));

/** The 0-based row whose "Loại" and "Mã" are these. */
function rowOf(grid: Grid, kind: string, id: string, after = 0): number {
  const r = grid.findIndex((row, n) => n >= after && row[0] === kind && String(row[1]) === id);
  if (r < 0) throw new Error(`no row ${kind} ${id}`);
  return r;
}

function errorsOf(grid: Grid): string[] {
  const parsed = parseIndicatorSetSheet(grid, WHERE);
  if ("set" in parsed) throw new Error("expected errors");
  return parsed.errors;
}

describe("set → sheet → set", () => {
  it.each([
    ["dti-province-2022", dtiProvince2022],
    ["dti-province-2020", dtiProvince2020],
    ["huyen-2023 (test/fixtures/sets/district-example.json)", DISTRICT],
    ["vi-du-soan-bo (test/fixtures/sets/authoring-examples.json: best-of, capped parts, groups)", AUTHORING],
  ])("%s comes back equal, key order included", (_name, set) => {
    const parsed = parseIndicatorSetSheet(gridOf(set), WHERE);
    expect(parsed).toEqual({ set });
    expect(JSON.stringify("set" in parsed ? parsed.set : null)).toBe(JSON.stringify(set));
  });

  it("lays out a readable sheet: title, the set's fields, one header, a row per item", () => {
    const sheet = indicatorSetToSheet(DISTRICT);
    const grid = sheet.grid;
    expect(grid[0]?.[0]).toBe(SET_SHEET_TITLE);
    expect(grid.slice(2, 7).map((r) => [r[0], r[1]])).toEqual([
      ["Mã bộ", "huyen-2023"],
      ["Tên", DISTRICT.name],
      ["Nguồn", DISTRICT.source],
      ["Năm", 2023],
      ["Tổng điểm tối đa", 100],
    ]);
    expect(grid[sheet.headerRow]?.slice(0, 6)).toEqual(["Loại", "Mã", "Tên / mô tả", "Chỉ số chính", "Chỉ số cha", "Điểm tối đa"]);
    expect(new Set(grid.map((r) => r.length))).toEqual(new Set([SET_SHEET_COLUMNS.length]));
    // Each pillar heads its indicators; each variable follows its indicator.
    const kinds = grid.slice(sheet.headerRow + 1).map((r) => `${r[0]} ${r[1]}`);
    expect(kinds.slice(0, 8)).toEqual([
      "Thông tin chung 1",
      "Thông tin chung 2",
      "Thông tin chung 3",
      "Thông tin chung 4",
      "Chỉ số chính I",
      "Chỉ số 1.1",
      "Biến a",
      "Biến b",
    ]);
    const b = rowOf(gridOf(DISTRICT), "Biến", "b", rowOf(gridOf(DISTRICT), "Chỉ số", "1.4"));
    expect(grid[b]?.[col("Lấy từ Thông tin chung (mục)")]).toBe("4");
    expect(isIndicatorSetSheet(grid)).toBe(true);
    expect(isIndicatorSetSheet([["Thông tin chung"]])).toBe(false);
  });

  it("reads what Excel may hand back: numbers as text, ids as numbers, blank rows and extra rows above", () => {
    const grid = gridOf(DISTRICT);
    const ind = rowOf(grid, "Chỉ số", "1.1");
    (grid[ind] as (string | number | null)[])[col("Điểm tối đa")] = "15";
    const pillar = rowOf(grid, "Chỉ số chính", "I");
    (grid[pillar] as (string | number | null)[])[col("Điểm tối đa")] = "60,0";
    (grid[ind] as (string | number | null)[])[col("Mã")] = 1.1;
    (grid[5] as (string | number | null)[])[1] = "2023"; // Năm
    grid.splice(ind, 0, Array.from({ length: SET_SHEET_COLUMNS.length }, () => ""));
    grid.splice(2, 0, ["Ghi chú của tỉnh: bản nháp"]);
    expect(parseIndicatorSetSheet(grid, WHERE)).toEqual({ set: DISTRICT });
  });

  it("keeps exact numbers of a rule exact: a fraction typed in the JSON stays the string", () => {
    const grid = gridOf(DISTRICT);
    const r = rowOf(grid, "Chỉ số", "1.2");
    const rule = JSON.parse(String(grid[r]?.[col("Quy tắc tính điểm (JSON)")])) as { threshold: string };
    rule.threshold = "9/10";
    (grid[r] as (string | number | null)[])[col("Quy tắc tính điểm (JSON)")] = JSON.stringify(rule);
    const parsed = parseIndicatorSetSheet(grid, WHERE);
    if (!("set" in parsed)) throw new Error(parsed.errors.join("\n"));
    expect(parsed.set.indicators.find((i) => i.id === "1.2")?.rule).toMatchObject({ kind: "threshold-literal", threshold: "9/10" });
  });
});

describe("every mistake is reported on its cell, in Vietnamese", () => {
  it("bad JSON in a rule cell names the cell and what is wrong", () => {
    const grid = gridOf(DISTRICT);
    const r = rowOf(grid, "Chỉ số", "1.2");
    (grid[r] as (string | number | null)[])[col("Quy tắc tính điểm (JSON)")] = '{"kind": "ratio", ';
    const [error] = errorsOf(grid);
    expect(error).toMatch(new RegExp(`^huyen\\.xlsx: 'Bộ chỉ số'!${letter("Quy tắc tính điểm (JSON)")}${r + 1}: quy tắc tính điểm không phải JSON hợp lệ \\(`));
  });

  it("a rule that names an unknown variable is reported on the rule cell, with the path inside the JSON", () => {
    const grid = gridOf(DISTRICT);
    const r = rowOf(grid, "Chỉ số", "1.1");
    (grid[r] as (string | number | null)[])[col("Quy tắc tính điểm (JSON)")] =
      '{"kind":"ratio","ratio":{"numerator":["x"],"denominator":["b"],"subset":true}}';
    expect(errorsOf(grid)).toContain(
      `huyen.xlsx: 'Bộ chỉ số'!M${r + 1} (Quy tắc tính điểm (JSON), chỉ số 1.1; trong JSON: ratio.numerator[0]): biến "x" không có trong chỉ số 1.1 (có: a, b).`,
    );
  });

  it("an unknown Loại", () => {
    const grid = gridOf(DISTRICT);
    const r = rowOf(grid, "Chỉ số", "1.3");
    (grid[r] as (string | number | null)[])[0] = "Chi tieu";
    expect(errorsOf(grid)).toEqual([
      `huyen.xlsx: 'Bộ chỉ số'!A${r + 1}: "Loại" không hợp lệ: "Chi tieu"; chỉ dùng một trong: "Thông tin chung", "Chỉ số chính", "Chỉ số", "Biến".`,
    ]);
  });

  it("missing max points of an indicator", () => {
    const grid = gridOf(DISTRICT);
    const r = rowOf(grid, "Chỉ số", "2.1");
    (grid[r] as (string | number | null)[])[col("Điểm tối đa")] = null;
    expect(errorsOf(grid)).toContain(
      `huyen.xlsx: 'Bộ chỉ số'!F${r + 1} (Điểm tối đa, chỉ số 2.1): phải là số hữu hạn, nhận được không có (thiếu trường).`,
    );
  });

  it("text where max points belong", () => {
    const grid = gridOf(DISTRICT);
    const r = rowOf(grid, "Chỉ số chính", "II");
    (grid[r] as (string | number | null)[])[col("Điểm tối đa")] = "bốn mươi";
    expect(errorsOf(grid)).toEqual([
      `huyen.xlsx: 'Bộ chỉ số'!F${r + 1} (Điểm tối đa, chỉ số chính thứ 2): phải là số hữu hạn, nhận được chuỗi "bốn mươi".`,
    ]);
  });

  it("a Biến row before any Chỉ số", () => {
    const grid = gridOf(DISTRICT);
    const first = rowOf(grid, "Chỉ số chính", "I");
    const variable = [...(grid[rowOf(grid, "Biến", "a")] as (string | number | null)[])];
    grid.splice(first, 0, variable);
    expect(errorsOf(grid)).toEqual([
      `huyen.xlsx: 'Bộ chỉ số'!A${first + 1}: dòng "Biến" phải nằm dưới dòng "Chỉ số" mà nó thuộc về, nhưng phía trên chưa có dòng "Chỉ số" nào.`,
    ]);
  });

  it("a variable's problem names the variable and its indicator", () => {
    const grid = gridOf(DISTRICT);
    const r = rowOf(grid, "Biến", "b", rowOf(grid, "Chỉ số", "1.1"));
    (grid[r] as (string | number | null)[])[col("Đơn vị tính")] = null;
    expect(errorsOf(grid)).toContain(
      `huyen.xlsx: 'Bộ chỉ số'!G${r + 1} (Đơn vị tính, biến b của chỉ số 1.1): biến dạng số phải có đơn vị tính (ví dụ "người", "hồ sơ", "tỷ đồng").`,
    );
  });

  it("a bad Kiểu, a bad link and content in a column the row does not use", () => {
    const grid = gridOf(DISTRICT);
    const r = rowOf(grid, "Biến", "a", rowOf(grid, "Chỉ số", "1.1"));
    const row = grid[r] as (string | number | null)[];
    row[col("Kiểu")] = "So";
    row[col("Giống biến (chỉ số, biến)")] = "1.2";
    row[col("Quy tắc tính điểm (JSON)")] = "{}";
    expect(errorsOf(grid)).toEqual([
      `huyen.xlsx: 'Bộ chỉ số'!M${r + 1}: dòng loại "Biến" không dùng cột "Quy tắc tính điểm (JSON)"; hãy để trống ô này.`,
      `huyen.xlsx: 'Bộ chỉ số'!H${r + 1}: "Kiểu" "So" không hợp lệ; ghi "Số" hoặc "Lựa chọn".`,
      `huyen.xlsx: 'Bộ chỉ số'!P${r + 1}: "1.2" không đúng dạng "mã chỉ số tên biến" (ví dụ "3.1 b").`,
    ]);
  });

  it("the set's own fields are reported on their value cells", () => {
    const grid = gridOf(DISTRICT);
    (grid[6] as (string | number | null)[])[1] = 90;
    (grid[2] as (string | number | null)[])[1] = "Huyện 2023";
    const errors = errorsOf(grid);
    expect(errors).toContain(`huyen.xlsx: 'Bộ chỉ số'!B7 (Tổng điểm tối đa): bằng 90 nhưng tổng điểm tối đa của các trụ cột là 100.`);
    expect(errors.some((e) => e.startsWith(`huyen.xlsx: 'Bộ chỉ số'!B3 (Mã bộ): "Huyện 2023" không phải mã bộ chỉ số hợp lệ`))).toBe(true);
  });

  it("a sheet without the header row, or without a column", () => {
    expect(errorsOf([["Tổng hợp"], ["Mã", "Tên"]])).toEqual([
      `huyen.xlsx: trang "Bộ chỉ số": không tìm thấy dòng tiêu đề của bảng chỉ số (ô cột A là "Loại", cùng dòng có cột "Mã"); trang này không có dạng bộ chỉ số (${SET_SHEET_TITLE}).`,
    ]);
    const grid = gridOf(DISTRICT);
    const header = indicatorSetToSheet(DISTRICT).headerRow;
    (grid[header] as (string | number | null)[])[col("Kiểu")] = "Kieu";
    expect(errorsOf(grid)).toEqual([
      `huyen.xlsx: 'Bộ chỉ số'!H${header + 1}: cột "Kieu" không phải cột của bộ chỉ số (các cột: ${SET_SHEET_COLUMNS.map((c) => `"${c.header}"`).join(", ")}).`,
      `huyen.xlsx: 'Bộ chỉ số'!${header + 1}:${header + 1}: dòng tiêu đề thiếu cột "Kiểu".`,
    ]);
  });

  it("without a file, messages start at the sheet", () => {
    const grid = gridOf(DISTRICT);
    const r = rowOf(grid, "Chỉ số", "1.3");
    (grid[r] as (string | number | null)[])[0] = "?";
    expect(parseIndicatorSetSheet(grid, { sheet: "Sheet1" })).toEqual({
      errors: [`Sheet1!A${r + 1}: "Loại" không hợp lệ: "?"; chỉ dùng một trong: "Thông tin chung", "Chỉ số chính", "Chỉ số", "Biến".`],
    });
  });
});

describe("proofreading: the verbatim text beside the rule as read (issue 13, point 7)", () => {
  const described = col("Quy tắc như đã đọc");

  it("the column stands right after the verbatim method and says each rule in Vietnamese", () => {
    expect(described).toBe(col("Phương pháp tính điểm (nguyên văn)") + 1);
    const grid = gridOf(AUTHORING);
    const r = rowOf(grid, "Chỉ số", "1.2");
    expect(grid[r]?.[described - 1]).toBe("Điểm = Tỷ lệ * 45 điểm + 1 điểm mỗi ứng dụng, tổng không quá 5 điểm");
    expect(grid[r]?.[described]).toBe(
      "Tỷ lệ * 45 điểm: min(a/b, 1) × 9/10 điểm tối đa + 1 điểm mỗi ứng dụng, tổng không quá 5 điểm: 1 điểm cho mỗi n, không quá 1/10 điểm tối đa",
    );
    expect(grid[rowOf(grid, "Chỉ số", "1.3")]?.[described]).toMatch(/^Điểm cao nhất trong các trường hợp: \(1\) Theo tỷ lệ hồ sơ: .*; \(2\) Theo số dịch vụ: 1 điểm cho mỗi d/);
  });

  it("reading ignores it: edited, emptied or the whole column removed, the set is the same", () => {
    const edited = gridOf(AUTHORING);
    edited[rowOf(edited, "Chỉ số", "1.1")]![described] = "anything a person typed here";
    expect(parseIndicatorSetSheet(edited, WHERE)).toEqual({ set: AUTHORING });
    const without = gridOf(AUTHORING).map((row) => row.filter((_, n) => n !== described));
    expect(parseIndicatorSetSheet(without, WHERE)).toEqual({ set: AUTHORING });
  });

  it("a variable row with something in it is told to leave it empty", () => {
    const grid = gridOf(AUTHORING);
    const r = rowOf(grid, "Biến", "n");
    grid[r]![described] = "x";
    expect(errorsOf(grid)).toEqual([`huyen.xlsx: 'Bộ chỉ số'!${letter("Quy tắc như đã đọc")}${r + 1}: dòng loại "Biến" không dùng cột "Quy tắc như đã đọc"; hãy để trống ô này.`]);
  });
});
