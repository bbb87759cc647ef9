/**
 * The quarterly report's content (src/layout/quarterly-report.ts): the figures are the engine's,
 * each agency's indicators get their state, tasks are judged at Sở TTTT's due date (30/09/2026
 * for Quý III/2026 in Ninh Thuận), parts are on time, late or not received by the merge log,
 * and every open problem names its agency and indicator or task.
 */
import { dtiProvince2022 as set } from "../../src/catalog";
import { toReport } from "../../src/engine/report";
import { scoreUnits } from "../../src/engine/score";
import { names } from "../../src/layout/names";
import { mergeLogFromGrid, tasksFromGrid, type AgencyLine, type Problem } from "../../src/layout/quarterly-report";
import { compile, masterCells, quarterCells, sample, tasksGrid, value } from "../support/report-fixture";

const agency = (lines: readonly AgencyLine[], name: string): AgencyLine => {
  const a = lines.find((x) => x.agency === name);
  if (!a) throw new Error(`no agency ${name}`);
  return a;
};

describe("the quarterly report: figures", () => {
  it("total, index and main indices equal the engine's report (what dti score prints)", () => {
    const { report, read } = compile();
    const [cli] = toReport(set, scoreUnits(set, [read.unit], read.options), read.options, (m) => m.code).units;
    const total = report.figures.find((f) => f.id === "total");
    expect(total?.score).toBe(cli?.total.score);
    expect(total?.index).toBe(cli?.total.index);
    expect(total?.maxPoints).toBe(1000);
    expect(report.figures.filter((f) => f.id !== "total").map((f) => [f.id, f.score, f.maxPoints])).toEqual(
      set.pillars.map((p) => [p.id, cli?.pillars[p.id]?.score, p.maxPoints]),
    );
    // 3.1 is not typed this quarter: counted as incomplete, not as 0.
    expect(total?.incomplete).toContain("3.1");
    expect(report.summary.indexDisplay).toBe(cli?.total.indexDisplay);
  });

  it("sets targets, the previous period and the published result beside them when typed, null when not", () => {
    const bare = compile().report.figures[0];
    expect([bare?.target, bare?.last, bare?.published]).toEqual([null, null, null]);
    const wb = quarterCells();
    wb.set(names.target("1.1"), value(10));
    wb.set(names.target("1.2"), value("7,5"));
    wb.set("DTI_PUB_PILLAR_I", value("0,8123"));
    wb.set("DTI_PUB_INDEX", value(0.5234));
    wb.set("DTI_LAST_PERIOD", value("Quý II/2026"));
    wb.set("DTI_LAST_PILLAR_I", value(61.5));
    wb.set("DTI_LAST_TOTAL", value(480));
    wb.set("DTI_LAST_INDEX", value(0.48));
    const { report } = compile(wb);
    const first = report.figures[0];
    expect(first).toMatchObject({ id: "I", target: 17.5, targetsTyped: 2, last: 61.5, published: 0.8123 });
    expect(first?.targetsOf).toBe(set.indicators.filter((i) => i.pillar === "I" && !i.parent).length);
    const total = report.figures.find((f) => f.id === "total");
    expect(total).toMatchObject({ target: 17.5, last: 480, lastIndex: 0.48, published: 0.5234 });
    expect(report.lastPeriod).toBe("Quý II/2026");
  });
});

describe("the quarterly report: each agency's indicators", () => {
  it("gives each indicator it leads a state: complete, missing, invalid, no evidence document", () => {
    const { report } = compile();
    const stt = agency(report.agencies, "Sở TTTT");
    const state = (a: AgencyLine, id: string) => a.indicators.find((i) => i.id === id)?.state;
    expect(state(stt, "3.1")).toBe("missing");
    expect(state(stt, "1.1")).toBe("no-evidence");
    expect(state(stt, "1.2")).toBe("complete");
    expect(state(agency(report.agencies, "Sở Nội vụ"), "6.20")).toBe("invalid");
    // It leads exactly what the split gives it (top-level indicators; 5.12's children are 5.12's).
    expect(stt.indicators.map((i) => i.id)).toEqual(set.indicators.filter((i) => !i.parent && i.responsible.split(/[,;]/u).map((s) => s.trim()).includes("Sở TTTT")).map((i) => i.id));
  });

  it("a complete master has every scored indicator complete", () => {
    const { report } = compile(masterCells());
    const states = new Set(report.agencies.flatMap((a) => a.indicators.filter((i) => i.state !== "unscored").map((i) => i.state)));
    expect([...states]).toEqual(["complete"]);
  });
});

describe("the quarterly report: tasks at the period's due date", () => {
  it("judges tasks at Sở TTTT's due date: done, on track, overdue", () => {
    const { report } = compile();
    expect(report.tasksAsOf).toEqual({ year: 2026, month: 9, day: 30 });
    const stt = agency(report.agencies, "Sở TTTT");
    // "Sở TT&TT" is Sở TTTT: the task lists write agencies in several ways.
    expect(stt.tasks.map((t) => [t.stt, t.state])).toEqual([
      ["1", "overdue"], // 25/09/2026, in progress: before 30/09
      ["2", "done"],
      ["3", "on-track"], // due on the day itself
      ["5", "on-track"], // Quý IV/2026
      ["6", "on-track"], // "Quý 11/2026": no due date read, never guessed overdue
    ]);
    // Two lead agencies: the task counts for each.
    expect(agency(report.agencies, "Sở KH&ĐT").tasks.map((t) => [t.stt, t.state])).toEqual([["4", "overdue"]]);
    expect(agency(report.agencies, "Sở Nội vụ").tasks.map((t) => t.stt)).toEqual(["4"]);
  });

  it("reads a task grid from wherever its header is, skipping section headings and blank rows", () => {
    const grid = tasksGrid().map((row) => [null, null, ...row]);
    grid.unshift([], []);
    const tasks = tasksFromGrid(grid);
    expect(tasks?.map((t) => t.stt)).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(tasks?.[0]).toMatchObject({ task: "Nâng cấp Trung tâm tích hợp dữ liệu tỉnh", progress: 0.6, due: { year: 2026, month: 9, day: 25 }, dueKind: "date" });
    expect(tasksFromGrid([["A", "B"]])).toBeNull();
  });
});

describe("the quarterly report: parts back on time, by the merge log", () => {
  it("on time when first merged by the agencies' due date, late after it, not received when never merged this period", () => {
    const { report } = compile();
    expect(report.agenciesDue).toEqual({ year: 2026, month: 9, day: 25 });
    expect(agency(report.agencies, "Sở TTTT").part).toEqual({
      state: "on-time",
      first: { year: 2026, month: 9, day: 25 },
      last: { year: 2026, month: 9, day: 29 },
      files: ["so-tttt.xlsx"],
    });
    expect(agency(report.agencies, "Sở KH&ĐT").part.state).toBe("late");
    // A time Excel stored as a date serial is that day.
    expect(agency(report.agencies, "Sở Nội vụ").part).toMatchObject({ state: "on-time", first: { year: 2026, month: 9, day: 24 } });
    // Merged for Quý II only.
    expect(agency(report.agencies, "Sở Tài chính").part.state).toBe("not-received");
  });

  it("before the due date, a part not yet merged is not due yet rather than missing", () => {
    const { report } = compile(quarterCells(), { year: 2026, month: 9, day: 20 });
    expect(agency(report.agencies, "Sở Tài chính").part.state).toBe("not-due");
    expect(report.problems.some((p) => p.kind === "part-not-received")).toBe(false);
  });

  it("reads no log when the sheet has no log header, and says so", () => {
    expect(mergeLogFromGrid([["Tên", "Giá trị"]])).toBeNull();
    const { report } = compile(quarterCells(), undefined, { log: null, tasks: null });
    expect(report.hasLog).toBe(false);
    expect(report.hasTasks).toBe(false);
    expect(agency(report.agencies, "Sở TTTT").part.state).toBe("not-received");
  });
});

describe("the quarterly report: problems to escalate", () => {
  const about = (p: Problem): string => {
    const who = "agency" in p ? p.agency : p.agencies.join("+");
    const what = "indicator" in p && p.indicator !== undefined ? p.indicator : "task" in p ? `task ${p.task.stt}` : "";
    return `${p.kind} ${who} ${what}`.trim();
  };

  it("lists each open problem with its agency and indicator or task, most urgent first", () => {
    const { report } = compile();
    const list = report.problems.map(about);
    expect(list).toContain("part-late Sở KH&ĐT");
    expect(list).toContain("part-not-received Sở Tài chính");
    expect(list).toContain("invalid Sở Nội vụ 6.20");
    expect(list).toContain("missing Sở TTTT 3.1");
    expect(list).toContain("no-evidence Sở TTTT 1.1");
    expect(list).toContain("overdue-task Sở TTTT task 1");
    expect(list).toContain("overdue-task Sở KH&ĐT+Sở Nội vụ task 4");
    expect(list).toContain("unread-deadline Sở TTTT task 6");
    expect(list).not.toContain("part-not-received Sở TTTT");
    const kinds = report.problems.map((p) => p.kind);
    const rank = ["part-not-received", "part-late", "invalid", "missing", "no-evidence", "overdue-task", "unread-deadline"];
    expect(kinds.map((k) => rank.indexOf(k))).toEqual([...kinds.map((k) => rank.indexOf(k))].sort((a, b) => a - b));
  });

  it("has nothing to escalate about the figures of a complete master", () => {
    const { report } = compile(masterCells(), { year: 2026, month: 9, day: 20 }, { tasks: [], log: [] });
    expect(report.problems.filter((p) => p.kind !== "part-not-received")).toEqual([]);
    expect(sample.name).toBe(report.unit);
  });
});
