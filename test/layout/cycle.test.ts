/** The cycle a part inherits from its master's cells (layout/split.ts masterCycle). */
import { formatDate } from "../../src/catalog/calendar";
import { formatPeriod } from "../../src/catalog/period";
import { say } from "../../src/i18n/findings";
import { names } from "../../src/layout/names";
import type { NamedCell } from "../../src/layout/read-inputs";
import { masterCycle } from "../../src/layout/split";

const cells = (values: Record<string, string | null>) => (name: string): NamedCell =>
  Object.prototype.hasOwnProperty.call(values, name) ? { kind: "value", value: values[name] ?? null } : { kind: "missing" };

describe("masterCycle", () => {
  it("reads the period and gives the agencies' due date under the master's calendar", () => {
    const c = masterCycle(cells({ [names.period]: "Quý II/2026", [names.calendar]: "ben-tre" }));
    expect([c.period && formatPeriod(c.period), c.dueDate && formatDate(c.dueDate), c.warnings]).toEqual(["Quý II/2026", "28/06/2026", undefined]);
  });

  it("uses Ninh Thuận's calendar when the master has no calendar cell (an older template)", () => {
    const c = masterCycle(cells({ [names.period]: "Năm 2026" }));
    expect(c.dueDate && formatDate(c.dueDate)).toBe("20/12/2026");
  });

  it("no period, no due date; a period it cannot read is a warning, never a guess", () => {
    expect(masterCycle(cells({}))).toEqual({});
    const bad = masterCycle(cells({ [names.period]: "Quý 5/2026" }));
    expect(bad.period).toBeUndefined();
    expect(bad.warnings).toEqual([{ code: "cycle-unreadable-period", text: "Quý 5/2026" }]);
    expect(say(bad.warnings![0]!, "vi")).toContain('Ô DTI_PERIOD (kỳ báo cáo) ghi "Quý 5/2026"');
  });

  it("a calendar it cannot read falls back to the default with a warning; a day the month lacks is clamped with one", () => {
    const bad = masterCycle(cells({ [names.period]: "Quý III/2026", [names.calendar]: "hằng quý" }));
    expect(bad.dueDate && formatDate(bad.dueDate)).toBe("25/09/2026");
    expect(say(bad.warnings![0]!, "vi")).toMatch(/^Ô DTI_CALENDAR: Lịch báo cáo "hằng quý"/u);
    const clamped = masterCycle(cells({ [names.period]: "Quý II/2026", [names.calendar]: "31, 20/12" }));
    expect(clamped.dueDate && formatDate(clamped.dueDate)).toBe("30/06/2026");
    expect(clamped.warnings).toEqual([{ code: "cycle-day-clamped", calendar: "31, 20/12", wanted: 31, date: "30/06/2026" }]);
    expect(say(clamped.warnings![0]!, "vi")).toBe('Lịch báo cáo "31, 20/12" đặt hạn ngày 31, nhưng tháng đó không có ngày 31: hạn là ngày cuối tháng, 30/06/2026.');
  });
});
