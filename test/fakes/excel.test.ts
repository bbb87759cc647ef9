/**
 * The fake Excel host against the documented behaviour of the Excel JavaScript API:
 * proxies are empty until loaded and synced, writes are queued until sync, batches are not
 * transactions, null objects, names, validation limits, protection, requirement sets.
 */
import { FakeExcel, FakeExcelError } from "./excel";

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
  } catch (e) {
    return (e as FakeExcelError).code;
  }
  return "resolved";
};

const thrownCode = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return (e as FakeExcelError).code;
  }
  return "no error";
};

describe("load before read", () => {
  it("a property is unavailable until it is loaded and synced (PropertyNotLoaded)", async () => {
    const fake = new FakeExcel();
    const ws = fake.context.workbook.worksheets.getItem("Sheet1");
    expect(thrownCode(() => ws.name)).toBe("PropertyNotLoaded");
    ws.load("name");
    expect(thrownCode(() => ws.name)).toBe("PropertyNotLoaded"); // loaded only at sync
    await fake.context.sync();
    expect(ws.name).toBe("Sheet1");
    expect(thrownCode(() => ws.visibility)).toBe("PropertyNotLoaded"); // not in the load list
  });

  it("load() without arguments loads every scalar property; nested paths load navigation properties", async () => {
    const fake = new FakeExcel();
    const ws = fake.context.workbook.worksheets.getItem("Sheet1");
    ws.load();
    const sheets = fake.context.workbook.worksheets;
    sheets.load("items/name,items/protection/protected");
    await fake.context.sync();
    expect([ws.name, ws.visibility, ws.position]).toEqual(["Sheet1", "Visible", 0]);
    expect(sheets.items.map((s) => [s.name, s.protection.protected])).toEqual([["Sheet1", false]]);
    expect(thrownCode(() => sheets.items[0]?.visibility)).toBe("PropertyNotLoaded");
  });

  it("a collection's items are unavailable before load and sync", async () => {
    const fake = new FakeExcel();
    const names = fake.context.workbook.names;
    expect(thrownCode(() => names.items)).toBe("PropertyNotLoaded");
    names.load("items/name");
    await fake.context.sync();
    expect(names.items).toEqual([]);
  });

  it("a value set on a proxy reads back from that proxy, as office.js keeps it", () => {
    const fake = new FakeExcel();
    const range = fake.context.workbook.worksheets.getItem("Sheet1").getRange("A1");
    range.values = [[5]];
    expect(range.values).toEqual([[5]]);
  });
});

describe("writes are queued until sync", () => {
  it("nothing reaches the workbook before context.sync()", async () => {
    const fake = new FakeExcel();
    const ws = fake.context.workbook.worksheets.getItem("Sheet1");
    ws.getRange("A1:B1").values = [[1, "x"]];
    fake.context.workbook.worksheets.add("New");
    expect(fake.sheet("Sheet1").value("A1")).toBe("");
    expect(fake.hasSheet("New")).toBe(false);
    const again = ws.getRange("A1");
    again.load("values");
    await fake.context.sync();
    expect(fake.sheet("Sheet1").values("A1:B1")).toEqual([[1, "x"]]);
    expect(again.values).toEqual([[1]]); // loads run in queue order, after the write
    expect(fake.hasSheet("New")).toBe(true);
    expect(fake.syncCount).toBe(1);
  });

  it("sync counts every round trip and returns the pass-through value", async () => {
    const fake = new FakeExcel();
    await fake.context.sync();
    await expect(fake.context.sync("done")).resolves.toBe("done");
    expect(fake.syncCount).toBe(2);
  });

  it("a failing batch keeps what ran before the failure and drops the rest", async () => {
    const fake = new FakeExcel();
    const ws = fake.context.workbook.worksheets.getItem("Sheet1");
    ws.getRange("A1").values = [["before"]];
    fake.context.workbook.worksheets.getItem("Nowhere").getRange("A1").values = [[1]];
    ws.getRange("A2").values = [["after"]];
    expect(await codeOf(fake.context.sync())).toBe("ItemNotFound");
    expect(fake.sheet("Sheet1").value("A1")).toBe("before");
    expect(fake.sheet("Sheet1").value("A2")).toBe("");
    expect(fake.syncLog[0]?.failed).toBe("ItemNotFound");
  });

  it("a 2-D array must match the range", async () => {
    const fake = new FakeExcel();
    fake.context.workbook.worksheets.getItem("Sheet1").getRange("A1:B2").values = [[1, 2]];
    expect(await codeOf(fake.context.sync())).toBe("InvalidArgument");
  });

  it("a request larger than the payload limit is refused whole", async () => {
    const fake = new FakeExcel({ payloadLimit: 1000 });
    fake.context.workbook.worksheets.getItem("Sheet1").getRange("A1:A100").values = Array.from({ length: 100 }, () => ["a fairly long text"]);
    expect(await codeOf(fake.context.sync())).toBe("RequestPayloadSizeLimitExceeded");
    expect(fake.sheet("Sheet1").value("A1")).toBe("");
  });
});

describe("cell content as Excel reads what is written", () => {
  it("formulas, text, numbers, booleans, errors; null leaves a cell, '' clears it", async () => {
    const fake = new FakeExcel().seed({ sheets: [{ name: "Sheet1", cells: { F1: "keep", G1: "clear me" } }] });
    fake.context.workbook.worksheets.getItem("Sheet1").getRange("A1:G1").formulas = [["=SUM(1,2)", "3.1", "'3.1", "TRUE", "#N/A", null, ""]];
    await fake.context.sync();
    const s = fake.sheet("Sheet1");
    expect(s.formula("A1")).toBe("=SUM(1,2)");
    expect(s.value("A1")).toBe(""); // the fake does not calculate
    expect(s.value("B1")).toBe(3.1);
    expect(s.value("C1")).toBe("3.1");
    expect(s.cell("C1").valueType).toBe("String");
    expect(s.value("D1")).toBe(true);
    expect(s.cell("E1").valueType).toBe("Error");
    expect(s.value("F1")).toBe("keep");
    expect(s.value("G1")).toBe("");
  });

  it("a formula written into a cell formatted as text stays text", async () => {
    const fake = new FakeExcel().seed({ sheets: [{ name: "Sheet1", cells: { A1: { value: "", numberFormat: "@" } } }] });
    fake.context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").formulas = [["=1+1", "=1+1"]];
    await fake.context.sync();
    expect(fake.sheet("Sheet1").cell("A1")).toMatchObject({ value: "=1+1", formula: undefined, valueType: "String" });
    expect(fake.sheet("Sheet1").cell("B1").formula).toBe("=1+1");
  });

  it("values, formulas and valueTypes read back as the API returns them", async () => {
    const fake = new FakeExcel().seed({
      sheets: [{ name: "Sheet1", rows: [[1, "a", { formula: "=A1*2", value: 2 }, { error: "#DIV/0!" }, null]] }],
    });
    const range = fake.context.workbook.worksheets.getItem("Sheet1").getRange("A1:E1");
    range.load("values,formulas,valueTypes,address,rowCount,columnCount");
    await fake.context.sync();
    expect(range.values).toEqual([[1, "a", 2, "#DIV/0!", ""]]);
    expect(range.formulas).toEqual([[1, "a", "=A1*2", "#DIV/0!", ""]]);
    expect(range.valueTypes).toEqual([["Double", "String", "Double", "Error", "Empty"]]);
    expect([range.address, range.rowCount, range.columnCount]).toEqual(["Sheet1!A1:E1", 1, 5]);
  });

  it("merging keeps only the top-left value", async () => {
    const fake = new FakeExcel().seed({ sheets: [{ name: "Sheet1", rows: [["top", "lost"]] }] });
    fake.context.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").merge();
    await fake.context.sync();
    expect(fake.sheet("Sheet1").merges).toEqual(["A1:B1"]);
    expect(fake.sheet("Sheet1").values("A1:B1")).toEqual([["top", ""]]);
  });
});

describe("null objects", () => {
  it("isNullObject is known only after sync; a missing item is a null object", async () => {
    const fake = new FakeExcel();
    const missing = fake.context.workbook.worksheets.getItemOrNullObject("Nope");
    const present = fake.context.workbook.worksheets.getItemOrNullObject("sheet1"); // names ignore case
    expect(thrownCode(() => missing.isNullObject)).toBe("PropertyNotLoaded");
    await fake.context.sync();
    expect(missing.isNullObject).toBe(true);
    expect(present.isNullObject).toBe(false);
  });

  it("methods of a null object do nothing (getItemOrNullObject(…).delete() before add)", async () => {
    const fake = new FakeExcel();
    fake.context.workbook.worksheets.getItemOrNullObject("Sample").delete();
    fake.context.workbook.worksheets.add("Sample");
    await fake.context.sync();
    expect(fake.sheetNames()).toEqual(["Sheet1", "Sample"]);
  });
});

describe("worksheets", () => {
  it("sheet names are unique regardless of case, at most 31 characters, without []:*?/\\", async () => {
    const fake = new FakeExcel();
    fake.context.workbook.worksheets.add("SHEET1");
    expect(await codeOf(fake.context.sync())).toBe("ItemAlreadyExists");
    fake.context.workbook.worksheets.add("x".repeat(32));
    expect(await codeOf(fake.context.sync())).toBe("InvalidArgument");
    fake.context.workbook.worksheets.add("a/b");
    expect(await codeOf(fake.context.sync())).toBe("InvalidArgument");
  });

  it("the last visible sheet cannot be hidden", async () => {
    const fake = new FakeExcel();
    fake.context.workbook.worksheets.getItem("Sheet1").visibility = "Hidden";
    expect(await codeOf(fake.context.sync())).toBe("InvalidOperation");
    fake.context.workbook.worksheets.add("Lists").visibility = "VeryHidden";
    await fake.context.sync();
    expect(fake.sheet("Lists").visibility).toBe("VeryHidden");
  });

  it("freeze panes, widths, heights, hidden columns", async () => {
    const fake = new FakeExcel();
    const ws = fake.context.workbook.worksheets.getItem("Sheet1");
    ws.freezePanes.freezeAt("A1:B3");
    ws.getRange("B:C").format.columnWidth = 105;
    ws.getRange("D:D").columnHidden = true;
    ws.getRange("2:2").format.rowHeight = 30;
    await fake.context.sync();
    const s = fake.sheet("Sheet1");
    expect(s.freeze).toEqual({ rows: 3, columns: 2 });
    expect([s.columnWidth("A"), s.columnWidth("B"), s.columnWidth("C"), s.columnHidden("D")]).toEqual([48, 105, 105, true]);
    expect([s.rowHeight(1), s.rowHeight(2)]).toEqual([15, 30]);
  });

  it("pageLayout is ExcelApi 1.9: an older host throws at once", async () => {
    const old = new FakeExcel({ excelApi: "1.8" });
    expect(old.supports("ExcelApi", "1.9")).toBe(false);
    expect(old.supports("ExcelApi", "1.8")).toBe(true);
    expect(thrownCode(() => old.context.workbook.worksheets.getItem("Sheet1").pageLayout)).toBe("ApiNotFound");
    const fake = new FakeExcel();
    const page = fake.context.workbook.worksheets.getItem("Sheet1").pageLayout;
    page.orientation = "Landscape";
    page.paperSize = "A4";
    page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    page.setPrintTitleRows("$4:$4");
    await fake.context.sync();
    expect(fake.sheet("Sheet1").pageLayout).toEqual({
      orientation: "Landscape",
      paperSize: "A4",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      printTitleRows: "$4:$4",
    });
    page.setPrintTitleRows("A1:B2");
    expect(await codeOf(fake.context.sync())).toBe("InvalidArgument"); // must span entire rows
  });
});

describe("protection", () => {
  it("locked cells of a protected sheet refuse writes; unlocked ones accept them", async () => {
    const fake = new FakeExcel();
    const ws = fake.context.workbook.worksheets.getItem("Sheet1");
    ws.getRange("B2").format.protection.locked = false;
    ws.protection.protect();
    await fake.context.sync();
    expect(fake.sheet("Sheet1").protection.protected).toBe(true);
    ws.getRange("B2").values = [[1]];
    await fake.context.sync();
    ws.getRange("A1").values = [[1]];
    expect(await codeOf(fake.context.sync())).toBe("AccessDenied");
    ws.getRange("A1").format.fill.color = "#FF0000";
    expect(await codeOf(fake.context.sync())).toBe("AccessDenied");
    expect(fake.sheet("Sheet1").value("B2")).toBe(1);
    expect(fake.sheet("Sheet1").cell("B2").locked).toBe(false);
    expect(fake.sheet("Sheet1").cell("A1").locked).toBe(true);
  });

  it("protect() fails on a sheet already protected; unprotect needs the password", async () => {
    const fake = new FakeExcel().seed({ sheets: [{ name: "Secret", protection: { password: "pw" } }] });
    const ws = fake.context.workbook.worksheets.getItem("Secret");
    ws.protection.protect();
    expect(await codeOf(fake.context.sync())).toBe("InvalidOperation");
    ws.protection.unprotect();
    expect(await codeOf(fake.context.sync())).toBe("BadPassword");
    ws.protection.unprotect("pw");
    await fake.context.sync();
    expect(fake.sheet("Secret").protection.protected).toBe(false);
  });
});

describe("defined names", () => {
  it("names.add with a sheet-qualified reference resolves to that range", async () => {
    const fake = new FakeExcel().seed({ sheets: [{ name: "Chỉ số DTI 2022", cells: { F14: 42 } }] });
    const names = fake.context.workbook.names;
    names.add("DTI_3_1_a", "='Chỉ số DTI 2022'!$F$14");
    await fake.context.sync();
    expect(fake.resolveName("dti_3_1_A")).toEqual({ sheet: "Chỉ số DTI 2022", address: "$F$14" });
    const item = names.getItem("DTI_3_1_A");
    item.load("name,type,value,formula");
    const range = item.getRange();
    range.load("values,address");
    names.load("items/name");
    await fake.context.sync();
    expect([item.name, item.type, item.value, item.formula]).toEqual(["DTI_3_1_a", "Range", "'Chỉ số DTI 2022'!$F$14", "='Chỉ số DTI 2022'!$F$14"]);
    expect(range.values).toEqual([[42]]);
    expect(range.address).toBe("'Chỉ số DTI 2022'!F14");
    expect(names.items.map((n) => n.name)).toEqual(["DTI_3_1_a"]);
  });

  it("names are unique and must not look like a cell address or hold spaces", async () => {
    const fake = new FakeExcel().seed({ names: [{ name: "DTI_TOTAL", ref: "=Sheet1!$A$1" }] });
    const names = fake.context.workbook.names;
    names.add("dti_total", "=Sheet1!$B$1");
    expect(await codeOf(fake.context.sync())).toBe("ItemAlreadyExists");
    names.add("AB12", "=Sheet1!$B$1");
    expect(await codeOf(fake.context.sync())).toBe("InvalidArgument");
    names.add("two words", "=Sheet1!$B$1");
    expect(await codeOf(fake.context.sync())).toBe("InvalidArgument");
  });

  it("a deleted sheet leaves its names broken (#REF!), and getRangeOrNullObject gives a null object", async () => {
    const fake = new FakeExcel().seed({ sheets: [{ name: "Gone" }], names: [{ name: "X", ref: "=Gone!$A$1" }, { name: "Y", ref: "=#REF!" }] });
    fake.context.workbook.worksheets.getItem("Gone").delete();
    await fake.context.sync();
    expect(fake.resolveName("X")).toBe("#REF!");
    const x = fake.context.workbook.names.getItem("X");
    x.load("type,value,formula");
    const range = x.getRangeOrNullObject();
    await fake.context.sync();
    expect([x.type, x.value, x.formula]).toEqual(["Error", "#REF!", "=#REF!$A$1"]);
    expect(range.isNullObject).toBe(true);
    fake.context.workbook.names.getItem("Y").getRange();
    expect(await codeOf(fake.context.sync())).toBe("InvalidReference");
  });

  it("delete then add in one batch re-points a name", async () => {
    const fake = new FakeExcel().seed({ sheets: [{ name: "S" }], names: [{ name: "N", ref: "=S!$A$5" }] });
    fake.context.workbook.names.getItem("N").delete();
    fake.context.workbook.names.add("N", "=S!$A$2");
    await fake.context.sync();
    expect(fake.resolveName("N")).toEqual({ sheet: "S", address: "$A$2" });
  });
});

describe("formats, validation, conditional formats, charts", () => {
  it("format properties apply to every cell; a non-uniform read gives null", async () => {
    const fake = new FakeExcel();
    const ws = fake.context.workbook.worksheets.getItem("Sheet1");
    const r = ws.getRange("A1:B2");
    r.format.fill.color = "#FFF2CC";
    r.format.font.bold = true;
    r.numberFormat = [["0.00", "0.00"], ["0.00", "0.00"]];
    r.format.borders.getItem("EdgeTop").style = "Continuous";
    r.format.borders.getItem("InsideHorizontal").style = "Continuous";
    ws.getRange("A1").format.font.italic = true;
    const read = ws.getRange("A1:B2");
    read.load("format/font/italic,format/fill/color,numberFormat");
    await fake.context.sync();
    const s = fake.sheet("Sheet1");
    expect(s.cell("B2")).toMatchObject({ fill: "#FFF2CC", bold: true, numberFormat: "0.00", borders: { top: "Continuous" } });
    expect(s.cell("A1").borders).toEqual({ top: "Continuous", bottom: "Continuous" });
    expect(read.format.font.italic).toBeNull();
    expect(read.format.fill.color).toBe("#FFF2CC");
  });

  it("data validation keeps rule, prompt and alert, within Excel's length limits", async () => {
    const fake = new FakeExcel().seed({ sheets: [{ name: "L", rows: [["Có"], ["Không"]] }], names: [{ name: "YESNO", ref: "=L!$A$1:$A$2" }] });
    const dv = fake.context.workbook.worksheets.getItem("Sheet1").getRange("C3:C4").dataValidation;
    dv.rule = { list: { inCellDropDown: true, source: "=YESNO" } };
    dv.prompt = { showPrompt: true, title: "Chọn", message: "Chọn Có hoặc Không." };
    dv.errorAlert = { showAlert: true, style: "Stop", title: "Sai", message: "Chỉ Có hoặc Không." };
    await fake.context.sync();
    expect(fake.sheet("Sheet1").validation("C4")).toMatchObject({
      rule: { list: { source: "=YESNO" } },
      prompt: { title: "Chọn" },
      errorAlert: { style: "Stop", title: "Sai" },
    });
    dv.prompt = { showPrompt: true, title: "x".repeat(33), message: "m" };
    expect(await codeOf(fake.context.sync())).toBe("InvalidArgument");
    dv.errorAlert = { showAlert: true, style: "Stop", title: "t", message: "x".repeat(226) };
    expect(await codeOf(fake.context.sync())).toBe("InvalidArgument");
    dv.rule = { list: { inCellDropDown: true, source: "=NO_SUCH_NAME" } };
    expect(await codeOf(fake.context.sync())).toBe("InvalidArgument");
    dv.clear();
    await fake.context.sync();
    expect(fake.sheet("Sheet1").validation("C4")).toBeUndefined();
  });

  it("custom conditional formats record their formula and colours", async () => {
    const fake = new FakeExcel();
    const cf = fake.context.workbook.worksheets.getItem("Sheet1").getRange("D2:D9").conditionalFormats.add("Custom");
    cf.custom.rule.formula = '=D2<>""';
    cf.custom.format.fill.color = "#FCE4D6";
    cf.custom.format.font.color = "#9C0006";
    await fake.context.sync();
    expect(fake.sheet("Sheet1").conditionalFormats).toEqual([{ ref: "D2:D9", type: "Custom", formula: '=D2<>""', fill: "#FCE4D6", fontColor: "#9C0006" }]);
  });

  it("charts.add records type and source; the series can take category labels", async () => {
    const fake = new FakeExcel();
    const ws = fake.context.workbook.worksheets.getItem("Sheet1");
    const chart = ws.charts.add("BarClustered", ws.getRange("C2:C7"), "Columns");
    chart.title.text = "Điểm";
    chart.series.getItemAt(0).setXAxisValues(ws.getRange("A2:A7"));
    chart.setPosition("A10", "F30");
    ws.charts.add("BarClustered", ws.getRange("C2:C7"), "Columns").series.getItemAt(1);
    expect(await codeOf(fake.context.sync())).toBe("ItemNotFound"); // one series only
    expect(fake.sheet("Sheet1").charts[0]).toMatchObject({
      type: "BarClustered",
      source: "Sheet1!C2:C7",
      title: "Điểm",
      categories: "Sheet1!A2:A7",
      position: { from: "A10", to: "F30" },
    });
  });
});

describe("calculation", () => {
  it("suspendApiCalculationUntilNextSync holds for one batch only", async () => {
    const fake = new FakeExcel();
    const ws = fake.context.workbook.worksheets.getItem("Sheet1");
    fake.context.application.suspendApiCalculationUntilNextSync();
    ws.getRange("A1").formulas = [["=1+1"]];
    await fake.context.sync();
    expect(fake.contentWritesWhileCalculating).toBe(0);
    ws.getRange("A2").formulas = [["=1+1"]];
    fake.context.application.calculate("Full");
    await fake.context.sync();
    expect(fake.contentWritesWhileCalculating).toBe(1);
    expect(fake.recalculations).toEqual([{ type: "Full", whileSuspended: false }]);
  });
});

describe("seed and snapshot", () => {
  it("a read-only batch leaves the snapshot unchanged; a write changes it", async () => {
    const fake = new FakeExcel().seed({
      sheets: [{ name: "Data", rows: [["a", 1]], merges: ["C1:D1"], charts: [{ name: "User chart", source: "B1:B1" }] }],
      names: [{ name: "MINE", ref: "=Data!$B$1" }],
    });
    const before = JSON.stringify(fake.snapshot());
    const sheets = fake.context.workbook.worksheets;
    sheets.load("items/name");
    fake.context.workbook.names.load("items/name,items/value");
    await fake.context.sync();
    expect(JSON.stringify(fake.snapshot())).toBe(before);
    sheets.getItem("Data").getRange("A1").values = [["b"]];
    await fake.context.sync();
    expect(JSON.stringify(fake.snapshot())).not.toBe(before);
    expect(fake.sheet("Data").contents()).toEqual({ A1: "b", B1: 1 });
    expect(fake.sheet("Data").charts.map((c) => c.name)).toEqual(["User chart"]);
  });
});

describe("fills and patterns (ExcelApi 1.9)", () => {
  it("no fill reads #FFFFFF and pattern None; a white fill reads #FFFFFF and Solid; clear() removes the fill", async () => {
    const fake = new FakeExcel().seed({ sheets: [{ name: "Sheet1", cells: { B1: { fill: "#FFFFFF" }, C1: { fill: "#FFFF00", pattern: "Gray50" } } }] });
    const ws = fake.context.workbook.worksheets.getItem("Sheet1");
    const read = (ref: string): Excel.RangeFill => ws.getRange(ref).format.fill.load("color,pattern");
    const [a, b, c] = [read("A1"), read("B1"), read("C1")];
    await fake.context.sync();
    expect([a.color, a.pattern]).toEqual(["#FFFFFF", "None"]);
    expect([b.color, b.pattern]).toEqual(["#FFFFFF", "Solid"]);
    expect([c.color, c.pattern]).toEqual(["#FFFF00", "Gray50"]);

    ws.getRange("A1").format.fill.color = "#FFC7CE"; // a colour on a cell without fill: solid
    ws.getRange("B1").format.fill.clear();
    ws.getRange("C1").format.fill.pattern = "None";
    ws.getRange("D1").format.fill.pattern = "Gray25"; // a pattern on a cell without fill: white background
    await fake.context.sync();
    const s = fake.sheet("Sheet1");
    expect([s.cell("A1").fill, s.cell("A1").pattern]).toEqual(["#FFC7CE", "Solid"]);
    expect([s.cell("B1").fill, s.cell("B1").pattern]).toEqual([undefined, "None"]);
    expect([s.cell("C1").fill, s.cell("C1").pattern]).toEqual([undefined, "None"]);
    expect([s.cell("D1").fill, s.cell("D1").pattern]).toEqual(["#FFFFFF", "Gray25"]);
    expect(s.contents()).toEqual({}); // formats only

    (ws.getRange("A1:B1").format.fill as unknown as { pattern: string }).pattern = "Diagonal"; // not an Excel.FillPattern
    expect(await codeOf(fake.context.sync())).toBe("InvalidArgument");
  });

  it("a protected sheet that does not allow formatting cells refuses fill changes", async () => {
    const fake = new FakeExcel().seed({ sheets: [{ name: "Sheet1", protection: { options: { allowFormatColumns: true } } }] });
    fake.context.workbook.worksheets.getItem("Sheet1").getRange("A1").format.fill.clear();
    expect(await codeOf(fake.context.sync())).toBe("AccessDenied");
  });

  it("on an ExcelApi 1.8 host: pattern throws at once, loading it fails the batch, load() without names skips it", async () => {
    const old = new FakeExcel({ excelApi: "1.8" });
    const fill = old.context.workbook.worksheets.getItem("Sheet1").getRange("A1").format.fill;
    expect(thrownCode(() => (fill.pattern = "Solid"))).toBe("ApiNotFound");
    fill.load("pattern");
    expect(await codeOf(old.context.sync())).toBe("ApiNotFound");
    const again = old.context.workbook.worksheets.getItem("Sheet1").getRange("A1").format.fill.load();
    await old.context.sync();
    expect(again.color).toBe("#FFFFFF");
    expect(thrownCode(() => again.pattern)).toBe("ApiNotFound");
  });
});

describe("comments (ExcelApi 1.10)", () => {
  it("one thread per cell: add by Range or by full address, read content and location, delete", async () => {
    const fake = new FakeExcel().seed({ sheets: [{ name: "Số liệu", comments: { B2: "của người dùng" } }] });
    const comments = fake.context.workbook.comments;
    const ws = fake.context.workbook.worksheets.getItem("Số liệu");
    const added = comments.add(ws.getRange("C3"), "Thiếu số liệu");
    added.load("id,content");
    comments.add("'Số liệu'!D4", "Khác");
    await fake.context.sync();
    expect(added.content).toBe("Thiếu số liệu");
    expect(fake.sheet("Số liệu").comments()).toEqual({ B2: "của người dùng", C3: "Thiếu số liệu", D4: "Khác" });

    comments.load("items/id,items/content");
    await fake.context.sync();
    const where = comments.items.map((c) => c.getLocation().load("address"));
    await fake.context.sync();
    expect(where.map((r) => r.address)).toEqual(["'Số liệu'!B2", "'Số liệu'!C3", "'Số liệu'!D4"]);

    const byCell = comments.getItemByCell("'Số liệu'!C3");
    byCell.content = "Đã sửa";
    comments.getItem(added.id).load("content");
    await fake.context.sync();
    expect(fake.sheet("Số liệu").comment("C3")).toBe("Đã sửa");
    comments.items[2]?.delete();
    await fake.context.sync();
    expect(fake.comments().map((c) => c.address)).toEqual(["B2", "C3"]);
  });

  it("adding where a thread exists fails; a cell without one fails getItemByCell; one cell only; the sheet must be named", async () => {
    const fake = new FakeExcel().seed({ sheets: [{ name: "Sheet1", comments: { A1: "x" } }] });
    const comments = fake.context.workbook.comments;
    comments.add("Sheet1!A1", "again");
    expect(await codeOf(fake.context.sync())).toBe("InvalidOperation");
    comments.getItemByCell("Sheet1!B1");
    expect(await codeOf(fake.context.sync())).toBe("ItemNotFound");
    comments.add("Sheet1!B1:B2", "two cells");
    expect(await codeOf(fake.context.sync())).toBe("InvalidArgument");
    comments.add("B1", "no sheet");
    expect(await codeOf(fake.context.sync())).toBe("InvalidArgument");
    expect(fake.comments()).toEqual([{ sheet: "Sheet1", address: "A1", content: "x" }]);
  });

  it("a protected sheet refuses comments unless it allows editing objects; comments go with their sheet", async () => {
    const fake = new FakeExcel().seed({ sheets: [{ name: "Locked", protection: {} }, { name: "Open", protection: { options: { allowEditObjects: true } } }] });
    fake.context.workbook.comments.add("Locked!A1", "x");
    expect(await codeOf(fake.context.sync())).toBe("AccessDenied");
    fake.context.workbook.comments.add("Open!A1", "y");
    await fake.context.sync();
    fake.context.workbook.worksheets.getItem("Open").delete();
    await fake.context.sync();
    expect(fake.comments()).toEqual([]);
  });

  it("an older host throws ApiNotFound at once: comments before 1.10, getItemOrNullObject before 1.14", async () => {
    expect(thrownCode(() => new FakeExcel({ excelApi: "1.9" }).context.workbook.comments)).toBe("ApiNotFound");
    const v12 = new FakeExcel({ excelApi: "1.12" });
    expect(thrownCode(() => v12.context.workbook.comments.getItemOrNullObject("x"))).toBe("ApiNotFound");
    const fake = new FakeExcel();
    const none = fake.context.workbook.comments.getItemOrNullObject("{nope}");
    await fake.context.sync();
    expect(none.isNullObject).toBe(true);
  });
});

describe("the selection, cells of a range, used range", () => {
  it("activate() and select() move the selection; a hidden sheet refuses both", async () => {
    const fake = new FakeExcel().seed({ sheets: [{ name: "Data" }, { name: "Lists", visibility: "Hidden" }] });
    expect(fake.activeSelection).toEqual({ sheet: "Sheet1", address: "A1" });
    const data = fake.context.workbook.worksheets.getItem("Data");
    data.activate();
    data.getRange("C5:D6").select();
    await fake.context.sync();
    expect(fake.activeSelection).toEqual({ sheet: "Data", address: "C5:D6" });
    fake.context.workbook.worksheets.getItem("Sheet1").getRange("B2").select(); // its sheet becomes the active one
    await fake.context.sync();
    expect(fake.activeSelection).toEqual({ sheet: "Sheet1", address: "B2" });
    expect(fake.sheet("Data").selection).toBe("C5:D6"); // each sheet keeps its own
    fake.context.workbook.worksheets.getItem("Lists").getRange("A1").select();
    expect(await codeOf(fake.context.sync())).toBe("InvalidOperation");
    fake.context.workbook.worksheets.getItem("Lists").activate();
    expect(await codeOf(fake.context.sync())).toBe("InvalidOperation");
    expect(fake.activeSelection).toEqual({ sheet: "Sheet1", address: "B2" });
  });

  it("range.worksheet, getCell (relative to the range), getUsedRangeOrNullObject", async () => {
    const fake = new FakeExcel().seed({ sheets: [{ name: "Data", cells: { B2: 1, D5: "x", F9: { fill: "#FFFF00" } } }, { name: "Empty" }] });
    const data = fake.context.workbook.worksheets.getItem("Data");
    const cell = data.getRange("B2:D4").getCell(1, 2).load("address,worksheet/name");
    const values = data.getUsedRangeOrNullObject(true).load("address");
    const all = data.getUsedRangeOrNullObject().load("address");
    const empty = fake.context.workbook.worksheets.getItem("Empty").getUsedRangeOrNullObject(true);
    empty.load("address");
    await fake.context.sync();
    expect([cell.address, cell.worksheet.name]).toEqual(["Data!D3", "Data"]);
    expect([values.address, all.address]).toEqual(["Data!B2:D5", "Data!B2:F9"]);
    expect(empty.isNullObject).toBe(true);
  });
});

describe("reopen", () => {
  it("a copy of the committed workbook, with nothing of the session, optionally in another Excel", async () => {
    const fake = new FakeExcel().seed({ sheets: [{ name: "Data", cells: { A1: 1 }, comments: { A1: "x" } }], names: [{ name: "ONE", ref: "=Data!$A$1" }] });
    await fake.context.sync();
    const again = fake.reopen({ excelApi: "1.8" });
    expect(again.snapshot()).toEqual(fake.snapshot());
    expect(again.syncCount).toBe(0);
    expect(again.supports("ExcelApi", "1.9")).toBe(false);
    again.context.workbook.worksheets.getItem("Data").getRange("A1").values = [[2]];
    await again.context.sync();
    expect([fake.sheet("Data").value("A1"), again.sheet("Data").value("A1")]).toEqual([1, 2]);
    expect(again.resolveName("ONE")).toEqual({ sheet: "Data", address: "$A$1" });
  });
});

describe("sheet-level names (Worksheet.names, ExcelApi 1.4)", () => {
  it("are apart from the workbook's names, carry their scope, and go with their sheet", async () => {
    const fake = new FakeExcel().seed({
      sheets: [{ name: "Data", cells: { A1: 1, A2: 2 } }, { name: "Copy", cells: { A1: 3 } }],
      names: [
        { name: "ONE", ref: "=Data!$A$1" },
        { name: "ONE", ref: "=Copy!$A$1", sheet: "Copy" },
      ],
    });
    const wb = fake.context.workbook;
    const copy = wb.worksheets.getItem("Copy");
    copy.names.add("TWO", "=Data!$A$2");
    wb.names.load("items/name,items/scope");
    copy.names.load("items/name,items/scope,items/value");
    await fake.context.sync();
    expect(wb.names.items.map((n) => [n.name, n.scope])).toEqual([["ONE", "Workbook"]]);
    expect(copy.names.items.map((n) => [n.name, n.scope, n.value])).toEqual([
      ["ONE", "Worksheet", "Copy!$A$1"],
      ["TWO", "Worksheet", "Data!$A$2"],
    ]);
    // Unique within the sheet, regardless of case.
    copy.names.add("two", "=Data!$A$1");
    await expect(fake.context.sync()).rejects.toMatchObject({ code: "ItemAlreadyExists" });
    copy.delete();
    const names = wb.worksheets.getItem("Data").names.load("items/name");
    await fake.context.sync();
    expect(names.items).toEqual([]);
    expect(fake.resolveName("ONE")).toEqual({ sheet: "Data", address: "$A$1" });
  });

  it("need ExcelApi 1.4", () => {
    const old = new FakeExcel({ excelApi: "1.3" }).seed({ sheets: [{ name: "Data" }] });
    expect(() => old.context.workbook.worksheets.getItem("Data").names).toThrow(/ExcelApi 1\.4/);
  });
});
