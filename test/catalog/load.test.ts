/**
 * Indicator sets as data (issue 5, part 4): the checks of `parseIndicatorSet`, one test per kind
 * of error on a broken copy of a valid set; the 2020 framework of seed 000 (QĐ 1726/QĐ-BTTTT as
 * Kế hoạch 3526/KH-UBND of Bến Tre lists it); the district example set scored across 4 districts;
 * templates for both; and DTI.* functions with a set-qualified indicator id.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import {
  dtiProvince2020,
  dtiProvince2022,
  getIndicatorSet,
  indicatorSets,
  pillarIndicators,
  registerIndicatorSet,
} from "../../src/catalog";
import { parseIndicatorSet } from "../../src/catalog/load";
import { parseTemplateSet } from "../../src/layout/template-set";
import { loadIndicatorSetFile, resolveSet } from "../../src/cli/set-file";
import { setFromFile, type IndicatorSet, type IndicatorSetFile } from "../../src/catalog/schema";
import { DtiError } from "../../src/engine/errors";
import { scoreIndicator, scoreUnits } from "../../src/engine/score";
import type { UnitInput } from "../../src/engine/types";
import { run } from "../../src/functions/runner";
import { buildWorkbookLayout } from "../../src/layout/build";

const FIXTURES = join(__dirname, "..", "fixtures");
const DISTRICT_FILE = join(FIXTURES, "sets", "district-example.json");
const UNITS_FILE = join(FIXTURES, "district-units.json");
// A copy of ../shared/seeds/000 (QĐ 1726 as Bến Tre's plan lists it), so a checkout tests on its own.
const SEED = readFileSync(join(FIXTURES, "seeds", "000_9abc022ba52a1126.txt"), "utf8");
const SRC = "sets/huyen.json";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const districtData = (): Json => JSON.parse(readFileSync(DISTRICT_FILE, "utf8")) as Json;

/** The errors of a copy of the district set after `mutate`. */
function errorsOf(mutate: (d: Json) => void, base: () => Json = districtData): string[] {
  const d = base();
  mutate(d);
  // As a file or sheet is read: with the template names' length check (layout/template-set.ts).
  const result = parseTemplateSet(d, SRC);
  return "errors" in result ? result.errors : [];
}

/** Exactly this message among the errors. */
function expectMessage(mutate: (d: Json) => void, message: string): void {
  expect(errorsOf(mutate)).toContain(`${SRC}: ${message}`);
}

/** A message at this JSON path containing `fragment`. */
function expectAt(mutate: (d: Json) => void, path: string, fragment: string): void {
  const errors = errorsOf(mutate);
  const at = errors.filter((e) => e.startsWith(`${SRC}: ${path}: `));
  if (!at.some((e) => e.includes(fragment))) {
    throw new Error(`no error at ${path} containing ${JSON.stringify(fragment)}; errors:\n${errors.join("\n")}`);
  }
}

const ind = (d: Json, id: string): Json => (d.indicators as Json[]).find((i) => i.id === id) as Json;

// ---------------------------------------------------------------------------------------------

describe("parseIndicatorSet: valid sets", () => {
  it("accepts the district example and returns it", () => {
    const data = districtData();
    const result = parseIndicatorSet(data, SRC);
    // In memory the set carries the tags its file leaves out (a measure's and a denominator's kind).
    expect(result).toEqual({ set: setFromFile(data as IndicatorSetFile) });
  });

  it("accepts the 2022 provincial set (the typed one, as JSON) and the 2020 set", () => {
    expect(parseIndicatorSet(JSON.parse(JSON.stringify(dtiProvince2022)), "2022.json")).toHaveProperty("set");
    expect(parseIndicatorSet(JSON.parse(JSON.stringify(dtiProvince2020)), "2020.json")).toHaveProperty("set");
  });

  it("reports every problem, not only the first, each naming the file", () => {
    const errors = errorsOf((d) => {
      d.year = "2023";
      d.pillars[0].name = "";
      ind(d, "1.1").rule.ratio.numerator = ["x"];
    });
    expect(errors.length).toBeGreaterThanOrEqual(3);
    for (const e of errors) expect(e.startsWith(`${SRC}: `)).toBe(true);
  });
});

describe("parseIndicatorSet: the set header", () => {
  it("rejects data that is not an object", () => {
    const result = parseIndicatorSet([1, 2], SRC);
    expect(result).toEqual({
      errors: [`${SRC}: tệp phải chứa một đối tượng JSON bộ chỉ số {"id": …, "name": …, "pillars": […], "indicators": […]}, nhận được một mảng.`],
    });
  });

  it("rejects fields the schema does not have (a misspelt name)", () => {
    expectAt((d) => (d.indicator = []), "indicator", 'trường "indicator" không có trong lược đồ');
    expectAt((d) => (ind(d, "1.1").rule.ratio.numerater = ["a"]), "chỉ số 1.1, rule.ratio.numerater", "không có trong lược đồ");
  });

  it("checks the set id (no spaces, capitals or ':')", () => {
    expectMessage((d) => (d.id = "Huyện 2023"), 'id: "Huyện 2023" không phải mã bộ chỉ số hợp lệ (chữ thường, số và dấu "-", ví dụ "huyen-2023").');
    expectAt((d) => (d.id = "huyen:2023"), "id", "không phải mã bộ chỉ số hợp lệ");
  });

  it("requires name and source", () => {
    expectMessage((d) => delete d.name, "name: phải là chuỗi văn bản, nhận được không có (thiếu trường).");
    expectMessage((d) => (d.source = "  "), "source: không được để trống.");
  });

  it("requires the year as an integer", () => {
    expectMessage((d) => (d.year = "2023"), 'year: phải là năm dạng số nguyên (ví dụ 2023), nhận được chuỗi "2023".');
  });

  it("requires maxTotal > 0, equal to the sum of the pillar maxima", () => {
    expectMessage((d) => (d.maxTotal = 1000), "maxTotal: bằng 1000 nhưng tổng điểm tối đa của các trụ cột là 100.");
    expectAt((d) => (d.maxTotal = 0), "maxTotal", "phải lớn hơn 0");
  });
});

describe("parseIndicatorSet: general-information items", () => {
  it("unique positive integer ids", () => {
    expectMessage((d) => (d.infoItems[1].id = 1), "mục thông tin chung 1 (thứ 2), id: mục thông tin chung 1 bị trùng.");
    expectAt((d) => (d.infoItems[1].id = "2"), "mục thông tin chung thứ 2, id", "phải là số thứ tự nguyên dương");
  });

  it("type text or number; text items have no unit", () => {
    expectMessage((d) => (d.infoItems[1].type = "integer"), 'mục thông tin chung 2, type: phải là "text" hoặc "number", nhận được chuỗi "integer".');
    expectAt((d) => (d.infoItems[0].unit = "tên"), "mục thông tin chung 1, unit", "mục dạng văn bản không có đơn vị tính");
  });
});

describe("parseIndicatorSet: pillars", () => {
  it("at least one pillar", () => {
    expectMessage((d) => (d.pillars = []), "pillars: không được là mảng rỗng.");
  });

  it("unique, name-safe ids", () => {
    expectMessage((d) => (d.pillars[1].id = "I"), 'chỉ số chính I (thứ 2), id: mã trụ cột "I" bị trùng.');
    expectAt((d) => (d.pillars[1].id = "II b"), "chỉ số chính thứ 2, id", "không phải mã trụ cột hợp lệ");
  });

  it("maxPoints a number ≥ 0", () => {
    expectMessage((d) => (d.pillars[0].maxPoints = -60), "chỉ số chính I, maxPoints: không được âm (nhận được -60).");
    expectAt((d) => (d.pillars[0].maxPoints = "60"), "chỉ số chính I, maxPoints", "phải là số hữu hạn");
  });

  it("a scored pillar's max equals the sum of its indicators' maxima (children not counted)", () => {
    expectMessage(
      (d) => (ind(d, "1.1").maxPoints = 20),
      "chỉ số chính I, maxPoints: trụ cột I có điểm tối đa 60 nhưng tổng điểm tối đa các chỉ số của nó (không kể chỉ số con) là 65.",
    );
  });

  it("every pillar has indicators", () => {
    expectMessage(
      (d) => {
        d.pillars.push({ id: "III", name: "ĐÔ THỊ THÔNG MINH", maxPoints: 0 });
      },
      "chỉ số chính III: trụ cột III không có chỉ số nào.",
    );
  });
});

describe("parseIndicatorSet: indicators", () => {
  it("at least one indicator", () => {
    expectMessage((d) => (d.indicators = []), "indicators: không được là mảng rỗng.");
  });

  it("unique ids", () => {
    expectMessage((d) => (d.indicators[1].id = "1.1"), 'chỉ số 1.1 (thứ 2), id: mã chỉ số "1.1" bị trùng (đã có ở chỉ số thứ 1).');
  });

  it("ids are numbers joined by dots (they become defined names)", () => {
    expectMessage(
      (d) => (d.indicators[0].id = "1-1"),
      'chỉ số thứ 1, id: "1-1" không phải mã chỉ số hợp lệ (các số cách nhau bởi dấu chấm, ví dụ "1.2" hoặc "5.12.1").',
    );
  });

  it("the pillar exists", () => {
    expectMessage((d) => (ind(d, "1.1").pillar = "IV"), 'chỉ số 1.1, pillar: trụ cột "IV" của chỉ số 1.1 không có trong "pillars" (có: I, II).');
  });

  it("name, scoringText, maxPoints, responsible, coordinating, reading have their types", () => {
    expectMessage((d) => (ind(d, "1.1").name = ""), "chỉ số 1.1, name: không được để trống.");
    expectAt((d) => delete ind(d, "1.1").scoringText, "chỉ số 1.1, scoringText", "phải là chuỗi văn bản");
    expectAt((d) => (ind(d, "1.1").maxPoints = null), "chỉ số 1.1, maxPoints", "phải là số hữu hạn, nhận được null");
    expectAt((d) => (ind(d, "1.1").responsible = ["Phòng Nội vụ"]), "chỉ số 1.1, responsible", "phải là chuỗi văn bản, nhận được một mảng");
    expectAt((d) => delete ind(d, "1.1").coordinating, "chỉ số 1.1, coordinating", "thiếu trường");
    expectAt((d) => (ind(d, "1.4").reading = ""), "chỉ số 1.4, reading", "không được để trống");
  });

  it("unscored rows have 0 points", () => {
    expectMessage(
      (d) => {
        const row = ind(d, "1.5");
        row.rule = { kind: "unscored" };
        row.variables = [];
      },
      'chỉ số 1.5, maxPoints: chỉ số 1.5 không tính điểm ("unscored") nên điểm tối đa phải là 0 (nhận được 10).',
    );
  });
});

describe("parseIndicatorSet: parents and sums of children", () => {
  /** 1.5 becomes the sum of two children 1.5.1 and 1.5.2 (5 points each). */
  const withChildren = (): Json => {
    const d = districtData();
    const row = ind(d, "1.5");
    const child = (id: string): Json => ({ ...JSON.parse(JSON.stringify(row)), id, parent: "1.5", maxPoints: 5 });
    delete row.reading;
    const children = [child("1.5.1"), child("1.5.2")];
    row.rule = { kind: "sum-of-children", children: ["1.5.1", "1.5.2"] };
    row.variables = [];
    (d.indicators as Json[]).splice(5, 0, ...children);
    return d;
  };
  const broken = (mutate: (d: Json) => void): string[] => errorsOf(mutate, withChildren);

  it("a valid sum of children passes", () => {
    expect(broken(() => undefined)).toEqual([]);
  });

  it("the parent exists, and is not the row itself", () => {
    expect(broken((d) => (ind(d, "1.5.2").parent = "1.6"))).toContain(
      `${SRC}: chỉ số 1.5.2, parent: chỉ số cha "1.6" của chỉ số 1.5.2 không có trong bộ chỉ số.`,
    );
    expect(broken((d) => (ind(d, "1.5.2").parent = "1.5.2"))).toContain(
      `${SRC}: chỉ số 1.5.2, parent: chỉ số 1.5.2 không thể là chỉ số cha của chính nó.`,
    );
  });

  it("the parent is in the same pillar", () => {
    const errors = broken((d) => (ind(d, "1.5.2").pillar = "II"));
    expect(errors).toContain(`${SRC}: chỉ số 1.5.2, parent: chỉ số 1.5.2 thuộc trụ cột II nhưng chỉ số cha 1.5 thuộc trụ cột I.`);
  });

  it("only one level of children", () => {
    const errors = broken((d) => {
      (d.indicators as Json[]).push({ ...JSON.parse(JSON.stringify(ind(d, "1.5.1"))), id: "1.5.1.1", parent: "1.5.1" });
    });
    expect(errors.some((e) => e.startsWith(`${SRC}: chỉ số 1.5.1.1, parent: chỉ số cha 1.5.1 lại là chỉ số con của 1.5`))).toBe(true);
  });

  it("a parent is a sum of children or an unscored group", () => {
    const errors = errorsOf((d) => (ind(d, "1.2").parent = "1.1"));
    expect(errors.some((e) => e.startsWith(`${SRC}: chỉ số 1.2, parent: chỉ số cha 1.1 phải có rule "sum-of-children"`))).toBe(true);
  });

  it("children of an unscored group are unscored", () => {
    const errors = errorsOf((d) => {
      const group = ind(d, "1.5");
      group.rule = { kind: "unscored" };
      group.variables = [];
      group.maxPoints = 0;
      ind(d, "1.4").parent = "1.5";
    });
    expect(errors.some((e) => e.startsWith(`${SRC}: chỉ số 1.4, rule.kind: chỉ số 1.4 là con của chỉ số không tính điểm 1.5`))).toBe(true);
  });

  it("every child names the sum as parent, and the sum lists every child", () => {
    expect(broken((d) => delete ind(d, "1.5.2").parent)).toContain(`${SRC}: chỉ số 1.5, rule.children[1]: chỉ số con 1.5.2 phải có "parent": "1.5".`);
    expect(broken((d) => (ind(d, "1.5").rule.children = ["1.5.1"]))).toContain(
      `${SRC}: chỉ số 1.5, rule.children: chỉ số 1.5.2 có "parent": "1.5" nhưng không có trong danh sách chỉ số con của 1.5.`,
    );
    expect(broken((d) => ind(d, "1.5").rule.children.push("1.5.9"))).toContain(
      `${SRC}: chỉ số 1.5, rule.children[2]: chỉ số con "1.5.9" không có trong bộ chỉ số.`,
    );
  });

  it("the children's maxima add up to the sum's", () => {
    expect(broken((d) => (ind(d, "1.5.2").maxPoints = 4))).toContain(
      `${SRC}: chỉ số 1.5, rule.children: tổng điểm tối đa các chỉ số con là 9, khác điểm tối đa của chỉ số 1.5 (10).`,
    );
  });

  it("a sum has no variables of its own", () => {
    const errors = broken((d) => (ind(d, "1.5").variables = [{ key: "a", description: "x", unit: "cái", type: "number" }]));
    expect(errors).toContain(`${SRC}: chỉ số 1.5, variables: chỉ số 1.5 là tổng các chỉ số con nên không có biến riêng.`);
  });
});

describe("parseIndicatorSet: variables", () => {
  it("keys are unique, well formed, not reserved", () => {
    expectMessage((d) => (ind(d, "1.1").variables[1].key = "a"), 'chỉ số 1.1, biến a (thứ 2), key: biến "a" của chỉ số 1.1 bị trùng (đã có ở biến thứ 1).');
    expectAt((d) => (ind(d, "1.1").variables[1].key = "B"), "chỉ số 1.1, biến thứ 2, key", "không phải tên biến hợp lệ");
    expectAt((d) => (ind(d, "1.5").variables[0].key = "score"), "chỉ số 1.5, biến score, key", "là tên dành riêng");
  });

  it("description is required", () => {
    expectMessage((d) => delete ind(d, "1.1").variables[0].description, "chỉ số 1.1, biến a, description: phải là chuỗi văn bản, nhận được không có (thiếu trường).");
  });

  it("type is number or choice", () => {
    expectMessage((d) => (ind(d, "1.1").variables[0].type = "integer"), 'chỉ số 1.1, biến a, type: phải là "number" hoặc "choice", nhận được chuỗi "integer".');
  });

  it("numbers have a unit and no options; choices have no unit", () => {
    expectAt((d) => (ind(d, "1.1").variables[0].unit = ""), "chỉ số 1.1, biến a, unit", "biến dạng số phải có đơn vị tính");
    expectAt((d) => (ind(d, "1.1").variables[0].options = []), "chỉ số 1.1, biến a, options", "chỉ biến dạng lựa chọn");
    expectAt((d) => (ind(d, "1.3").variables[0].unit = "mức"), "chỉ số 1.3, biến a, unit", "biến dạng lựa chọn không có đơn vị tính");
  });

  it("optional is a boolean", () => {
    expectMessage((d) => (ind(d, "1.1").variables[0].optional = "có"), 'chỉ số 1.1, biến a, optional: phải là true hoặc false, nhận được chuỗi "có".');
  });

  it("every variable is read by the rule", () => {
    expectMessage(
      (d) => ind(d, "1.1").variables.push({ key: "c", description: "Số hồ sơ trễ hạn", unit: "hồ sơ", type: "number" }),
      'chỉ số 1.1, biến c, key: biến "c" của chỉ số 1.1 không được quy tắc tính điểm dùng đến; bỏ biến này hoặc dùng nó trong "rule".',
    );
  });
});

describe("parseIndicatorSet: choice options", () => {
  const opts = (d: Json): Json[] => ind(d, "1.3").variables[0].options as Json[];

  it("at least 2 options", () => {
    expectMessage((d) => opts(d).splice(1), "chỉ số 1.3, biến a, options: biến lựa chọn 1.3 a phải có ít nhất 2 phương án.");
  });

  it("fractions are exact numbers in [0, 1]", () => {
    expectMessage(
      (d) => (opts(d)[1]!.fraction = "3/2"),
      'chỉ số 1.3, biến a, phương án 2, fraction: "3/2" phải nằm trong [0, 1] (phần điểm tối đa mà phương án này đạt).',
    );
    expectMessage(
      (d) => (opts(d)[1]!.fraction = 0.5),
      'chỉ số 1.3, biến a, phương án 2, fraction: phải là số viết dạng chuỗi, ví dụ "0.8" hoặc "1/2", điểm như "15 điểm", phần trăm như "90%", nhận được số 0.5.',
    );
  });

  it("exact-number strings parse", () => {
    expectMessage(
      (d) => (opts(d)[1]!.fraction = "một nửa"),
      'chỉ số 1.3, biến a, phương án 2, fraction: "một nửa" không phải số chính xác (số thập phân không âm như "0.8" hoặc phân số như "1/2", mẫu khác 0; hoặc điểm như "15 điểm", phần trăm như "90%").',
    );
    expectAt((d) => (opts(d)[1]!.fraction = "1/0"), "chỉ số 1.3, biến a, phương án 2, fraction", "không phải số chính xác");
  });

  it("labels are unique (ignoring case and spaces)", () => {
    expectMessage((d) => (opts(d)[0]!.label = " chưa CÓ ban  chỉ đạo "), 'chỉ số 1.3, biến a, phương án 3, label: phương án "Chưa có Ban chỉ đạo" bị trùng.');
  });

  it("one option earns full points", () => {
    expectMessage((d) => (opts(d)[0]!.fraction = "3/4"), 'chỉ số 1.3, biến a, options: biến lựa chọn 1.3 a không có phương án nào đạt điểm tối đa ("fraction": "1").');
  });

  it("yes/no values are booleans, each used once", () => {
    const yesNo = (d: Json): Json[] => ind(d, "2.3").variables[0].options as Json[];
    expectMessage((d) => (yesNo(d)[1]!.value = true), 'chỉ số 2.3, biến a, phương án 2, value: hai phương án cùng có "value": true.');
    expectAt((d) => (yesNo(d)[1]!.value = "không"), "chỉ số 2.3, biến a, phương án 2, value", "phải là true hoặc false");
  });
});

describe("parseIndicatorSet: links (§15)", () => {
  it("info links name existing number items of the same unit", () => {
    expectMessage((d) => (ind(d, "1.4").variables[1].info = [9]), 'chỉ số 1.4, biến b, info[0]: mục thông tin chung số 9 không có trong "infoItems".');
    expectMessage((d) => (ind(d, "1.4").variables[1].info = [1]), "chỉ số 1.4, biến b, info[0]: mục thông tin chung 1 là văn bản, không phải số.");
    expectMessage((d) => (ind(d, "1.4").variables[1].info = [3]), 'chỉ số 1.4, biến b, info[0]: mục thông tin chung 3 tính bằng "hộ", biến b tính bằng "xã".');
  });

  it("sameAs targets exist", () => {
    expectMessage(
      (d) => (ind(d, "2.1").variables[1].sameAs = { indicator: "9.9", variable: "a" }),
      'chỉ số 2.1, biến b, sameAs.indicator: chỉ số "9.9" không có trong bộ chỉ số.',
    );
    expectMessage(
      (d) => (ind(d, "2.3").variables[2].sameAs = { indicator: "1.1", variable: "z" }),
      'chỉ số 2.3, biến c, sameAs.variable: biến "z" không có trong chỉ số 1.1.',
    );
  });

  it("sameAs is not the variable itself, not a choice, not a chain, and of the same unit", () => {
    expectMessage(
      (d) => (ind(d, "2.3").variables[2].sameAs = { indicator: "2.3", variable: "c" }),
      "chỉ số 2.3, biến c, sameAs: biến 2.3 c không thể liên kết với chính nó.",
    );
    expectMessage(
      (d) => (ind(d, "2.3").variables[2].sameAs = { indicator: "2.3", variable: "a" }),
      "chỉ số 2.3, biến c, sameAs.variable: biến 2.3 a không phải biến dạng số.",
    );
    expectMessage(
      (d) => {
        ind(d, "2.3").variables[1].sameAs = { indicator: "2.3", variable: "c" };
        ind(d, "2.3").variables[2].sameAs = { indicator: "1.1", variable: "b" };
      },
      "chỉ số 2.3, biến b, sameAs: biến 2.3 c lại liên kết tới biến khác; hãy trỏ thẳng tới nơi nhập gốc.",
    );
    expectMessage(
      (d) => (ind(d, "2.3").variables[2].sameAs = { indicator: "1.1", variable: "b" }),
      'chỉ số 2.3, biến c, sameAs: biến 1.1 b tính bằng "hồ sơ", biến 2.3 c tính bằng "người".',
    );
  });

  it("a variable links to info or sameAs, not both; choices link to nothing", () => {
    expectAt(
      (d) => (ind(d, "2.1").variables[1].sameAs = { indicator: "2.3", variable: "c" }),
      "chỉ số 2.1, biến b, sameAs",
      'một biến chỉ liên kết một nơi: "info" hoặc "sameAs"',
    );
    expectAt((d) => (ind(d, "1.3").variables[0].info = [2]), "chỉ số 1.3, biến a, info", "chỉ biến dạng số");
  });
});

describe("parseIndicatorSet: rules", () => {
  it("the rule is an object of a known kind", () => {
    expectMessage((d) => (ind(d, "1.1").rule = "ratio"), 'chỉ số 1.1, rule: phải là một đối tượng {…}, nhận được chuỗi "ratio".');
    expectAt((d) => (ind(d, "1.1").rule.kind = "percentage"), "chỉ số 1.1, rule.kind", 'loại quy tắc chuỗi "percentage" không hợp lệ');
  });

  it("each kind's required fields are there", () => {
    expectMessage((d) => delete ind(d, "1.2").rule.threshold, 'chỉ số 1.2, rule.threshold: thiếu trường bắt buộc của quy tắc "threshold-literal".');
    expectMessage((d) => delete ind(d, "1.5").rule.pointsEach, 'chỉ số 1.5, rule.pointsEach: thiếu trường bắt buộc của quy tắc "capped-count".');
  });

  it("variables referenced by rules exist in the row", () => {
    expectMessage((d) => (ind(d, "1.1").rule.ratio.numerator[0] = "x"), 'chỉ số 1.1, rule.ratio.numerator[0]: biến "x" không có trong chỉ số 1.1 (có: a, b).');
    expectAt((d) => (ind(d, "1.3").rule.variable = "b"), "chỉ số 1.3, rule.variable", 'biến "b" không có trong chỉ số 1.3');
    expectAt((d) => (ind(d, "2.2").rule.measure.amount = "b"), "chỉ số 2.2, rule.measure.amount", 'biến "b" không có trong chỉ số 2.2');
  });

  it("number slots name number variables and choice slots choice variables", () => {
    expectMessage(
      (d) => (ind(d, "2.3").rule.parts[1].rule.ratio.numerator = ["a"]),
      'chỉ số 2.3, phần 2, rule.ratio.numerator[0]: biến "a" của chỉ số 2.3 phải là biến dạng số ("type": "number").',
    );
    expectMessage(
      (d) => (ind(d, "2.3").rule.parts[0].rule.variable = "b"),
      'chỉ số 2.3, phần 1, rule.variable: biến "b" của chỉ số 2.3 phải là biến dạng lựa chọn ("type": "choice").',
    );
  });

  it("ratio: a numerator, a denominator (keys or a constant > 0), subset, zeroDenominator, noneAnswer", () => {
    expectMessage((d) => (ind(d, "1.1").rule.ratio.numerator = []), "chỉ số 1.1, rule.ratio.numerator: không được là mảng rỗng.");
    expectMessage((d) => (ind(d, "1.1").rule.ratio.denominator = { constant: "0" }), 'chỉ số 1.1, rule.ratio.denominator.constant: "0" phải lớn hơn 0.');
    expectAt((d) => (ind(d, "1.1").rule.ratio.denominator = "b"), "chỉ số 1.1, rule.ratio.denominator", "phải là mảng tên biến");
    expectAt((d) => delete ind(d, "1.1").rule.ratio.subset, "chỉ số 1.1, rule.ratio.subset", "thiếu trường");
    expectMessage((d) => (ind(d, "1.1").rule.ratio.zeroDenominator = "zero"), 'chỉ số 1.1, rule.ratio.zeroDenominator: phải là "status" hoặc "scores-zero", nhận được chuỗi "zero".');
    expectAt((d) => (ind(d, "1.1").rule.ratio.noneAnswer = "b"), "chỉ số 1.1, rule.ratio.noneAnswer", "phải là biến dạng lựa chọn");
  });

  it("thresholds are exact numbers > 0", () => {
    // "90%" is accepted since issue 13 (test/catalog/written.test.ts); words are not.
    expectMessage((d) => (ind(d, "1.2").rule.threshold = "chín mươi"), 'chỉ số 1.2, rule.threshold: "chín mươi" không phải số chính xác (số thập phân không âm như "0.8" hoặc phân số như "1/2", mẫu khác 0; hoặc phần trăm như "90%").');
    expectMessage((d) => (ind(d, "2.1").rule.threshold = "0"), 'chỉ số 2.1, rule.threshold: "0" phải lớn hơn 0.');
  });

  it("tiers: floors and fractions strictly descending, fractions in (0, 1]", () => {
    const tiers = (d: Json): void => {
      const row = ind(d, "2.2");
      row.rule = { kind: "tiers-amount", amount: "a", tiers: [{ atLeast: "20", fraction: "1" }, { atLeast: "30", fraction: "1/2" }] };
    };
    expectMessage(tiers, 'chỉ số 2.2, bậc 2, atLeast: các bậc phải xếp từ cao xuống thấp: "30" không nhỏ hơn bậc trước.');
    expectMessage(
      (d) => {
        tiers(d);
        ind(d, "2.2").rule.tiers = [{ atLeast: "20", fraction: "1/2" }, { atLeast: "10", fraction: "1/2" }];
      },
      'chỉ số 2.2, bậc 2, fraction: bậc thấp hơn phải được ít điểm hơn: "1/2" không nhỏ hơn bậc trước.',
    );
    expectAt(
      (d) => {
        tiers(d);
        ind(d, "2.2").rule.tiers = [{ atLeast: "20", fraction: "0" }];
      },
      "chỉ số 2.2, bậc 1, fraction",
      "phải nằm trong (0, 1]",
    );
    expectAt((d) => {
      tiers(d);
      ind(d, "2.2").rule.gate = "a";
    }, "chỉ số 2.2, rule.gate", "phải là biến dạng lựa chọn");
  });

  it("multi-part: ≥ 2 parts of ratio or choice, shares in (0, 1] adding up to 1, each with a label", () => {
    expectMessage((d) => (ind(d, "2.3").rule.parts[1].share = "1/4"), "chỉ số 2.3, rule.parts: tổng \"share\" của các phần phải bằng 1 (nhận được 0.75 = 11,25 trên 15 điểm).");
    expectAt((d) => (ind(d, "2.3").rule.parts[1].share = "0"), "chỉ số 2.3, phần 2, share", "phải nằm trong (0, 1]");
    expectMessage((d) => (ind(d, "2.3").rule.parts[0].label = ""), "chỉ số 2.3, phần 1, label: không được để trống.");
    expectAt(
      (d) => (ind(d, "2.3").rule.parts[1].rule = { kind: "min-max", measure: { amount: "b" } }),
      "chỉ số 2.3, phần 2, rule.kind",
      "một phần của quy tắc nhiều phần là: ratio, choice",
    );
    expectAt((d) => ind(d, "2.3").rule.parts.splice(1), "chỉ số 2.3, rule.parts", "ít nhất 2 phần");
  });

  it("capped-count: pointsEach > 0", () => {
    expectMessage((d) => (ind(d, "1.5").rule.pointsEach = "0"), 'chỉ số 1.5, rule.pointsEach: "0" phải lớn hơn 0.');
  });

  it("min-max / ratio-to-best: a measure that is a ratio or an amount, not both", () => {
    expectMessage(
      (d) => (ind(d, "2.2").rule.measure = { amount: "a", ratio: { numerator: ["a"], denominator: { constant: "1" }, subset: false } }),
      'chỉ số 2.2, rule.measure: phải có đúng một trong hai: {"ratio": {…}} (so sánh tỷ lệ) hoặc {"amount": "a"} (so sánh một số lượng).',
    );
    expectAt((d) => (ind(d, "1.4").rule = { kind: "ratio-to-best", measure: { ratio: { numerator: ["a"], denominator: ["c"], subset: true } } }), "chỉ số 1.4, rule.measure.ratio.denominator[0]", 'biến "c" không có');
  });
});

// ---------------------------------------------------------------------------------------------

describe("parseIndicatorSet: what a template in Excel can hold (issue 9, point 6)", () => {
  /** Renames indicator 1.5 (no links to it) to `id`. */
  const renamed15 = (d: Json, id: string): void => {
    ind(d, "1.5").id = id;
  };

  it("an indicator id whose defined names exceed Excel's 255 characters is refused, naming the indicator", () => {
    const id = `1.${"2".repeat(248)}`;
    expectAt((d) => renamed15(d, id), `chỉ số ${id}, id`, `chỉ số ${id}: tên ô DTI_1_222`);
    expect(errorsOf((d) => renamed15(d, id)).join("\n")).toMatch(/dài 263 ký tự, vượt giới hạn 255 ký tự của tên trong Excel/);
  });

  it("an id of 150 characters with a long variable key: the variable's names are too long", () => {
    const id = `1.${"5".repeat(148)}`;
    const key = `a${"b".repeat(99)}`;
    const mutate = (d: Json): void => {
      renamed15(d, id);
      ind(d, id).variables[0].key = key;
      ind(d, id).rule.count = key;
    };
    expectAt(mutate, `chỉ số ${id}, biến ${key}, key`, `biến ${key} của chỉ số ${id}: tên ô DTI_LIST_1_555`);
  });

  it("names within the limit are accepted", () => {
    const id = `1.${"5".repeat(148)}`;
    expect(errorsOf((d) => renamed15(d, id))).toEqual([]);
  });

  it("a pillar id whose names exceed 255 characters is refused", () => {
    const pillar = `P${"x".repeat(240)}`;
    const mutate = (d: Json): void => {
      d.pillars[1].id = pillar;
      for (const i of d.indicators as Json[]) if (i.pillar === "II") i.pillar = pillar;
    };
    expectAt(mutate, `chỉ số chính ${pillar}, id`, `chỉ số chính ${pillar}: tên ô DTI_PREV_PILLAR_Pxxx`);
  });

  it("a text longer than a cell takes is refused, naming the item and the field", () => {
    expectAt((d) => (ind(d, "1.2").scoringText = "x".repeat(40000)), "chỉ số 1.2, scoringText", 'chỉ số 1.2: "scoringText" dài 40.000 ký tự, vượt giới hạn 31.767 ký tự');
    expectAt((d) => (ind(d, "1.1").variables[1].description = "y".repeat(33000)), "chỉ số 1.1, biến b, description", "biến b của chỉ số 1.1");
    expectAt((d) => (ind(d, "1.3").variables[0].options[1].label = "z".repeat(32000)), "chỉ số 1.3, biến a, phương án 2, label", "phương án 2");
    expectAt((d) => (d.name = "n".repeat(32000)), "name", "bộ chỉ số");
    expect(errorsOf((d) => (ind(d, "1.2").scoringText = "x".repeat(30000)))).toEqual([]);
  });

  it("options whose JSON exceeds a cell of the sheet Bộ chỉ số are refused", () => {
    const mutate = (d: Json): void => {
      const v = ind(d, "1.3").variables[0];
      v.options = [...v.options, ...Array.from({ length: 40 }, (_, n) => ({ label: `${n} ${"o".repeat(1000)}`, fraction: "0" }))];
    };
    expectAt(mutate, "chỉ số 1.3, biến a, options", "danh sách phương án viết dạng JSON dài");
  });

  it("a rule whose description (with the reading) exceeds a cell is refused", () => {
    // The reading fits a cell, and so does the rule's JSON; the row's cell "Cách hiểu áp dụng"
    // holds the rule described (both part labels) and then the reading.
    const mutate = (d: Json): void => {
      for (const part of ind(d, "2.3").rule.parts as Json[]) part.label = "p".repeat(600);
      ind(d, "2.3").reading = "r".repeat(31700);
    };
    expectAt(mutate, "chỉ số 2.3, reading", 'chỉ số 2.3: ô "Cách hiểu áp dụng" (mô tả quy tắc và "reading") dài');
  });
});

// ---------------------------------------------------------------------------------------------

describe("the 2020 framework (seed 000: QĐ 1726/QĐ-BTTTT in Kế hoạch 3526/KH-UBND, Bến Tre)", () => {
  const set = dtiProvince2020;
  const mains = set.indicators.filter((i) => i.parent === undefined);
  const components = set.indicators.filter((i) => i.parent !== undefined);

  it("is registered and found by id", () => {
    expect(indicatorSets).toContain(set);
    expect(getIndicatorSet("dti-province-2020")).toBe(set);
    expect(indicatorSets[0]).toBe(dtiProvince2022); // the default stays first
    expect(set.source).toContain("1726/QĐ-BTTTT");
    expect(set.source).toContain("3526/KH-UBND");
    expect(set.year).toBe(2020);
  });

  it("has 3 pillars: Chính quyền số 400, Kinh tế số 300, Xã hội số 300 (maxTotal 1000)", () => {
    expect(set.pillars.map((p) => [p.id, p.name, p.maxPoints])).toEqual([
      ["I", "Chính quyền số", 400],
      ["II", "Kinh tế số", 300],
      ["III", "Xã hội số", 300],
    ]);
    expect(set.maxTotal).toBe(1000);
    for (const p of set.pillars) expect(SEED).toContain(`- ${p.name} gồm 07 chỉ số chính`);
  });

  it("has 21 main indices, 7 per pillar, the same 7 names in each pillar's order as the text", () => {
    expect(mains).toHaveLength(21);
    for (const p of set.pillars) expect(pillarIndicators(set, p.id)).toHaveLength(7);
    expect(mains.filter((m) => m.pillar === "I").map((m) => m.name)).toEqual([
      "Chỉ số Chuyển đổi nhận thức",
      "Chỉ số Kiến tạo thể chế",
      "Chỉ số Hạ tầng và nền tảng số",
      "Chỉ số Thông tin và Dữ liệu số",
      "Chỉ số Hoạt động Chính quyền số",
      "Chỉ số An toàn, an ninh mạng",
      "Chỉ số Đào tạo và phát triển nhân lực Chính quyền số",
    ]);
    expect(mains.map((m) => m.id).slice(0, 8)).toEqual(["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "2.1"]);
  });

  it("lists the components as child rows: 45 for Chính quyền số and 36 for Kinh tế số, as the text counts; 26 for Xã hội số", () => {
    const count = (pillar: string) => components.filter((c) => c.pillar === pillar).length;
    expect([count("I"), count("II"), count("III")]).toEqual([45, 36, 26]);
    expect(SEED).toContain("Chính quyền số gồm 07 chỉ số chính, 45 chỉ số thành phần");
    expect(SEED).toContain("Kinh tế số gồm 07 chỉ số chính, 36 chỉ số thành phần");
    // The text announces 27 for Xã hội số but its seven lists name 26 (see the report).
    expect(SEED).toContain("Xã hội số gồm 07 chỉ số chính, 27 chỉ số thành phần");
    for (const c of components) {
      const parent = mains.find((m) => m.id === c.parent);
      expect(parent?.pillar).toBe(c.pillar);
      expect(c.id.startsWith(`${c.parent}.`)).toBe(true);
    }
    expect(components.filter((c) => c.parent === "1.5").map((c) => c.name).slice(0, 3)).toEqual([
      "Thư điện tử",
      "Hệ thống Quản lý văn bản điều hành",
      "Chữ ký điện tử, chữ ký số",
    ]);
  });

  it("names are verbatim from the seed; each main index's line holds its components", () => {
    const lines = SEED.split("\n");
    for (const m of mains) {
      const line = lines.find((l) => /^[a-zđ]\) /.test(l) && l.includes(m.name) && components.filter((c) => c.parent === m.id).every((c) => l.includes(c.name)));
      expect([m.id, line !== undefined]).toEqual([m.id, true]);
    }
    for (const c of components) expect([c.id, SEED.includes(c.name)]).toEqual([c.id, true]);
  });

  it("nothing is scored: the seed gives no points or method below the pillars", () => {
    for (const i of set.indicators) {
      expect([i.id, i.rule.kind, i.maxPoints, i.variables.length, i.scoringText]).toEqual([i.id, "unscored", 0, 0, ""]);
    }
    for (const m of mains) expect(m.reading).toContain("không tính điểm");
    const [result] = scoreUnits(set, [{ name: "Bến Tre", values: {} }]);
    expect(result?.total.score.toNumber()).toBe(0);
    expect(result?.total.maxPoints).toBe(1000);
    expect(result?.indicators["1.1"]?.status).toBe("unscored");
    expect(result?.indicators["1.1.1"]?.status).toBe("unscored");
  });

  it("agencies come from the assignment lines and tables; components take their main index's", () => {
    const byId = (id: string) => set.indicators.find((i) => i.id === id);
    expect(byId("1.1")?.responsible).toBe("Sở Thông tin và Truyền thông");
    expect(byId("1.1")?.coordinating).toBe("Sở, ban, ngành, Ủy ban nhân dân các huyện, thành phố");
    // Kiến tạo thể chế: the table's six rows, distinct agencies in order.
    expect(byId("1.2")?.responsible).toBe(
      "Sở Thông tin và Truyền thông; Các Sở Y tế, Giáo dục và Đào tạo, Nông nghiệp và phát triển nông thôn, Giao thông Vận tải, Công thương, Tài nguyên và Môi trường, Ngân hàng nhà nước; Sở Khoa học và Công nghệ; Sở Kế hoạch và đầu tư; Sở Tài chính",
    );
    expect(byId("1.2")?.reading).toContain("nhiệm vụ (8): chủ trì Sở Tài chính; phối hợp Sở Kế hoạch và Đầu tư, Sở Thông tin và Truyền thông");
    expect(byId("3.7")?.responsible).toBe("Sở Giáo dục và Đào tạo");
    // Thông tin và Dữ liệu số (CQS) and An toàn, an ninh mạng (KTS) have no assignment in the text.
    for (const id of ["1.4", "2.6"]) {
      expect([id, byId(id)?.responsible, byId(id)?.coordinating]).toEqual([id, "", ""]);
      expect(byId(id)?.reading).toContain("không phân công");
    }
    for (const c of components) {
      const parent = byId(c.parent as string);
      expect([c.id, c.responsible, c.coordinating]).toEqual([c.id, parent?.responsible, parent?.coordinating]);
    }
    for (const a of set.indicators.flatMap((i) => [i.responsible, i.coordinating])) {
      for (const part of a.split("; ").filter(Boolean)) expect([part, SEED.includes(part)]).toEqual([part, true]);
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe("the district example set (test/fixtures/sets/district-example.json)", () => {
  const set = loadIndicatorSetFile(DISTRICT_FILE);
  const input = JSON.parse(readFileSync(UNITS_FILE, "utf8")) as { indicatorSet: string; units: UnitInput[] };
  const results = scoreUnits(set, input.units);
  const score = (unit: number, id: string): number | undefined => results[unit]?.indicators[id]?.score?.toNumber();

  it("loads: 2 pillars, 8 indicators of real rule kinds, maxTotal 100", () => {
    expect(set.id).toBe("huyen-2023");
    expect(input.indicatorSet).toBe(set.id);
    expect(set.pillars.map((p) => p.maxPoints)).toEqual([60, 40]);
    expect(set.maxTotal).toBe(100);
    expect(set.indicators.map((i) => i.rule.kind)).toEqual([
      "ratio",
      "threshold-literal",
      "choice",
      "min-max",
      "capped-count",
      "threshold-scaled",
      "min-max",
      "multi-part",
    ]);
    expect(input.units).toHaveLength(4);
  });

  it("min-max 1.4 across the 4 districts, by hand: ratios 0.8, 0.5, 0.75, 0.4 → (x − 0.4)/(0.8 − 0.4) × 15", () => {
    // b is linked to general item 4 (số xã): 20/25, 9/18, 12/16, 6/15.
    expect([0, 1, 2, 3].map((n) => results[n]?.indicators["1.4"]?.ratio?.toNumber())).toEqual([0.8, 0.5, 0.75, 0.4]);
    expect([0, 1, 2, 3].map((n) => score(n, "1.4"))).toEqual([15, 3.75, 13.125, 0]);
  });

  it("min-max 2.2 on an amount: 40, 10, 25, 70 → (x − 10)/60 × 15", () => {
    expect([0, 1, 2, 3].map((n) => score(n, "2.2"))).toEqual([7.5, 0, 3.75, 15]);
  });

  it("scores every rule kind and totals, by hand for Huyện Ba Tri and Huyện Giồng Trôm", () => {
    expect(results.map((r) => r.name)).toEqual(["Huyện Ba Tri", "Huyện Giồng Trôm", "Huyện Mỏ Cày Nam", "Thành phố Bến Tre"]);
    // Ba Tri: 8000/10000 × 15; 95 % ≥ 90 %; Bí thư/Chủ tịch; 0.8 is the best; 3 × 2; 0.6/0.8 × 10; (40−10)/60 × 15; 1/2 × 15 + 18/24 × 7.5
    expect(["1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "2.2", "2.3"].map((id) => score(0, id))).toEqual([12, 10, 10, 15, 6, 7.5, 7.5, 13.125]);
    expect(results[0]?.pillars.I?.score.toNumber()).toBe(53);
    expect(results[0]?.total.score.toNumber()).toBe(81.125);
    expect(results[0]?.total.index.toNumber()).toBe(0.81125);
    // Giồng Trôm: 0.5 × 15; 70 % < 90 % → 0.7 × 10 (literal, §2); Phó → 1/2; 3.75; 7 × 2 capped at 10; 0.83 ≥ 0.8; 0; no + 10/20 × 7.5
    expect(["1.1", "1.2", "1.3", "1.4", "1.5", "2.1", "2.2", "2.3"].map((id) => score(1, id))).toEqual([7.5, 7, 5, 3.75, 10, 10, 0, 3.75]);
    expect(results[1]?.total.score.toNumber()).toBe(47);
    for (const r of results) {
      expect(r.total.incomplete).toEqual([]);
      for (const o of Object.values(r.indicators)) expect([r.name, o.id, o.status]).toEqual([r.name, o.id, "ok"]);
    }
  });

  it("a district alone needs reference values for its min-max rows", () => {
    const [alone] = scoreUnits(set, [input.units[0] as UnitInput]);
    expect(alone?.indicators["1.4"]?.status).toBe("needs-reference");
    const withRef = scoreIndicator(set, "1.4", { a: 20, b: 25 }, { reference: { min: 0.4, max: 0.8 } });
    expect(withRef.score?.toNumber()).toBe(15);
  });
});

// ---------------------------------------------------------------------------------------------

describe("templates for any valid set", () => {
  const district = loadIndicatorSetFile(DISTRICT_FILE);

  it.each([
    ["dti-province-2020", dtiProvince2020],
    ["huyen-2023", district],
  ] as const)("%s: buildWorkbookLayout works, every defined name is unique (Excel ignores case)", (_id, set: IndicatorSet) => {
    const layout = buildWorkbookLayout(set);
    expect(layout.indicatorSet).toBe(set.id);
    const names = layout.names.map((n) => n.name.toUpperCase());
    const dupes = names.filter((n, k) => names.indexOf(n) !== k);
    expect(dupes).toEqual([]);
    for (const ind of set.indicators) expect(names).toContain(`DTI_${ind.id.replace(/\./g, "_")}_SCORE`);
    // Every name a formula refers to is defined.
    const defined = new Set(names);
    const referenced = new Set<string>();
    for (const sheet of layout.sheets) {
      for (const row of sheet.grid) {
        for (const cell of row) {
          if (cell && typeof cell === "object" && "f" in cell) for (const m of cell.f.match(/\bDTI_[A-Z0-9_]+\b/gi) ?? []) referenced.add(m.toUpperCase());
        }
      }
    }
    expect([...referenced].filter((n) => !defined.has(n))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------

describe("resolveSet and loadIndicatorSetFile (Node)", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "dti-sets-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const codeOf = async (f: () => unknown): Promise<string | undefined> => {
    try {
      await f();
    } catch (e) {
      return e instanceof DtiError ? e.code : `not a DtiError: ${String(e)}`;
    }
    return undefined;
  };

  it("a registered id gives the registered set", async () => {
    expect(await resolveSet("dti-province-2022")).toBe(dtiProvince2022);
    expect(await resolveSet(" dti-province-2020 ")).toBe(dtiProvince2020);
  });

  it("a path to a .json set file loads and checks it", async () => {
    expect((await resolveSet(DISTRICT_FILE)).id).toBe("huyen-2023");
  });

  it("an unknown id or a missing file is unknown-indicator-set, in Vietnamese", async () => {
    await expect(resolveSet("huyen-2099")).rejects.toThrow(/không có bộ chỉ số "huyen-2099"\. Có: dti-province-2022, dti-province-2020/);
    expect(await codeOf(() => resolveSet("huyen-2099"))).toBe("unknown-indicator-set");
    expect(await codeOf(() => resolveSet(join(dir, "none.json")))).toBe("unknown-indicator-set");
  });

  it("a file that is not JSON is unreadable-input; an invalid set is invalid-input listing every error", async () => {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, "{ not json");
    expect(await codeOf(() => loadIndicatorSetFile(bad))).toBe("unreadable-input");
    const invalid = join(dir, "invalid.json");
    const data = districtData();
    data.maxTotal = 90;
    data.indicators[0].rule.ratio.numerator = ["x"];
    writeFileSync(invalid, JSON.stringify(data));
    expect(await codeOf(() => resolveSet(invalid))).toBe("invalid-input");
    expect(() => loadIndicatorSetFile(invalid)).toThrow(`${invalid}: chỉ số 1.1, rule.ratio.numerator[0]: biến "x" không có trong chỉ số 1.1 (có: a, b).`);
    // The unknown "x" leaves "a" unread, which is not a second mistake: 2 errors, all listed.
    expect(() => loadIndicatorSetFile(invalid)).toThrow(/\(2 lỗi\):\n- .*maxTotal: bằng 90/);
  });

  it("a file may not reuse a registered id with other content", async () => {
    const clash = join(dir, "clash.json");
    writeFileSync(clash, JSON.stringify({ ...districtData(), id: "dti-province-2022" }));
    expect(await codeOf(() => resolveSet(clash))).toBe("invalid-input");
  });
});

// ---------------------------------------------------------------------------------------------

describe("DTI.* with a set-qualified indicator id", () => {
  const district = loadIndicatorSetFile(DISTRICT_FILE);
  beforeAll(() => registerIndicatorSet(district));

  it("a bare id is the 2022 set; a qualified id names the set", () => {
    expect(run("MAXPOINTS", ["1.1"])).toBe(10);
    expect(run("MAXPOINTS", ["dti-province-2022:1.1"])).toBe(10);
    expect(run("MAXPOINTS", ["dti-province-2020:1.1"])).toBe(0);
    expect(run("MAXPOINTS", ["huyen-2023:2.3"])).toBe(15);
  });

  it("DTI.SCORE scores by the named set's rule", () => {
    expect(run("SCORE", ["huyen-2023:1.1", [8000, 10000]])).toBe(12);
    expect(run("SCORE", ["huyen-2023:1.2", [700, 1000]])).toBe(7);
    expect(run("SCORE", ["huyen-2023:1.4", [20, 25, 0.4, 0.8]])).toBe(15);
    expect(run("SCORE", ["huyen-2023:2.3", [true, 18, 24]])).toBe(13.125);
    expect(run("SCORE", ["dti-province-2020:1.1.1", []])).toBe(0);
    // The same id in the 2022 set is another indicator (1.1 there is a choice).
    expect(run("SCORE", ["1.1", [1]])).toBe(10);
  });

  it("DTI.LEVEL reads the named set's options", () => {
    expect(run("LEVEL", ["huyen-2023:1.3", "Trưởng ban là Phó Bí thư/Phó Chủ tịch UBND huyện"])).toBe(5);
    expect(run("LEVEL", ["huyen-2023:2.3", true])).toBe(7.5);
  });

  it("unknown sets and ids say which, as #N/A", () => {
    expect(run("SCORE", ["huyen-2099:1.1", [1, 2]])).toEqual({
      error: "#N/A",
      message: 'DTI.SCORE: không có bộ chỉ số "huyen-2099" (trong "huyen-2099:1.1"); các bộ chỉ số: dti-province-2022, dti-province-2020, huyen-2023.',
    });
    expect(run("MAXPOINTS", ["huyen-2023:9.9"])).toEqual({ error: "#N/A", message: 'DTI.MAXPOINTS: không có chỉ số "9.9" trong bộ chỉ số huyen-2023.' });
    expect(run("MAXPOINTS", ["huyen-2023:"])).toMatchObject({ error: "#VALUE!" });
  });
});
