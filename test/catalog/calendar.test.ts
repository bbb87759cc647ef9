import fc from "fast-check";
import {
  CALENDAR_PRESETS,
  calendarText,
  DEFAULT_CALENDAR,
  dueDate,
  formatDate,
  isLate,
  parseCalendar,
  type ReportingCalendar,
} from "../../src/catalog/calendar";
import { parsePeriod, type Period } from "../../src/catalog/period";

const period = (text: string): Period => {
  const p = parsePeriod(text);
  if (!p) throw new Error(text);
  return p;
};
const preset = (id: string): ReportingCalendar => {
  const c = CALENDAR_PRESETS.find((x) => x.id === id);
  if (!c) throw new Error(id);
  return c;
};
const due = (c: ReportingCalendar, p: string, who: "agencies" | "coordinator" = "agencies"): string => formatDate(dueDate(c, period(p), who).date);

describe("reporting calendar presets, from the plans", () => {
  it("Ninh Thuận (the default): agencies by the 25th of the quarter's last month and by 20/12; Sở TTTT by the 30th and 25/12", () => {
    expect(DEFAULT_CALENDAR.id).toBe("ninh-thuan");
    expect(due(DEFAULT_CALENDAR, "Quý III/2026")).toBe("25/09/2026");
    expect(due(DEFAULT_CALENDAR, "Quý I/2026")).toBe("25/03/2026");
    expect(due(DEFAULT_CALENDAR, "Năm 2026")).toBe("20/12/2026");
    expect(due(DEFAULT_CALENDAR, "Quý III/2026", "coordinator")).toBe("30/09/2026");
    expect(due(DEFAULT_CALENDAR, "Năm 2026", "coordinator")).toBe("25/12/2026");
  });

  it("Bến Tre: the 28th of the quarter's last month; the year with the fourth quarter", () => {
    expect(due(preset("ben-tre"), "Quý II/2026")).toBe("28/06/2026");
    expect(due(preset("ben-tre"), "Năm 2026")).toBe("28/12/2026");
  });

  it("Trà Vinh: the 20th of the quarter's last month and 30/11", () => {
    expect(due(preset("tra-vinh"), "Quý IV/2026")).toBe("20/12/2026");
    expect(due(preset("tra-vinh"), "Năm 2026")).toBe("30/11/2026");
  });
});

describe("impossible days", () => {
  it("the 31st in June does not exist: the due date is 30/06, and says which day it replaced", () => {
    const c = parseCalendar("31, 31/11");
    if ("error" in c) throw new Error(c.error);
    const june = dueDate(c.calendar, period("Quý II/2026"), "agencies");
    expect(formatDate(june.date)).toBe("30/06/2026");
    expect(june.clampedFrom).toBe(31);
    const year = dueDate(c.calendar, period("Năm 2026"), "agencies");
    expect(formatDate(year.date)).toBe("30/11/2026");
    expect(year.clampedFrom).toBe(31);
    expect(dueDate(c.calendar, period("Quý I/2026"), "agencies").clampedFrom).toBeUndefined();
  });

  it("a due date is always a real day, in the period's last month for a quarter (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 2000, max: 2100 }),
        fc.constantFrom(1, 2, 3, 4),
        (qd, d, m, y, q) => {
          const c = parseCalendar(`${qd}, ${d}/${m}`);
          if ("error" in c) throw new Error(c.error);
          for (const p of [{ kind: "quarter", year: y, quarter: q } as Period, { kind: "year", year: y } as Period]) {
            const { date, clampedFrom } = dueDate(c.calendar, p, "agencies");
            const js = new Date(Date.UTC(date.year, date.month - 1, date.day));
            expect([js.getUTCFullYear(), js.getUTCMonth() + 1, js.getUTCDate()]).toEqual([date.year, date.month, date.day]);
            if (p.kind === "quarter") expect(date.month).toBe(q * 3);
            expect(clampedFrom === undefined).toBe(date.day === (p.kind === "quarter" ? qd : d));
          }
        },
      ),
    );
  });
});

describe("calendar settings as text", () => {
  it("takes a preset by id or by name, with or without diacritics", () => {
    for (const text of ["ninh-thuan", "Ninh Thuận", "ninh thuan", "NINH THUẬN"]) {
      expect(parseCalendar(text)).toEqual({ calendar: DEFAULT_CALENDAR });
    }
    expect(parseCalendar("Bến Tre")).toEqual({ calendar: preset("ben-tre") });
    expect(parseCalendar("")).toEqual({ calendar: DEFAULT_CALENDAR });
  });

  it("takes one rule for everyone, or the agencies' and then Sở TTTT's", () => {
    const one = parseCalendar("25, 20/12");
    expect("calendar" in one && one.calendar.coordinator).toEqual({ quarterDay: 25, annual: { day: 20, month: 12 } });
    const two = parseCalendar("25,20/12; 30,25/12");
    if ("error" in two) throw new Error(two.error);
    expect(two.calendar.agencies).toEqual(DEFAULT_CALENDAR.agencies);
    expect(two.calendar.coordinator).toEqual(DEFAULT_CALENDAR.coordinator);
    expect(calendarText(two.calendar)).toBe("25, 20/12; 30, 25/12");
    expect(calendarText(DEFAULT_CALENDAR)).toBe("ninh-thuan");
  });

  it("says what is wrong and how to write it", () => {
    expect(parseCalendar("ngày 25")).toEqual({
      error: 'Lịch báo cáo "ngày 25": "ngày 25" không đúng dạng "ngày trong tháng cuối quý, ngày/tháng của năm" (ví dụ "25, 20/12"). Hoặc dùng một lịch có sẵn: ninh-thuan, ben-tre, tra-vinh.',
    });
    expect(parseCalendar("25, 20/13")).toEqual({ error: expect.stringContaining("tháng 13 phải từ 1 đến 12") });
    expect(parseCalendar("0, 20/12")).toEqual({ error: expect.stringContaining("ngày 0 của tháng cuối quý phải từ 1 đến 31") });
    expect(parseCalendar("25, 20/12; 30, 25/12; 1, 1/1")).toEqual({ error: expect.stringContaining("tối đa hai phần") });
  });

  it("reads back what it writes (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 1, max: 31 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (a, b, m, c) => {
        const parsed = parseCalendar(`${a}, ${b}/${m}; ${c}, ${b}/${m}`);
        if ("error" in parsed) throw new Error(parsed.error);
        const again = parseCalendar(calendarText(parsed.calendar));
        expect("calendar" in again && again.calendar.agencies).toEqual(parsed.calendar.agencies);
        expect("calendar" in again && again.calendar.coordinator).toEqual(parsed.calendar.coordinator);
      }),
    );
  });
});

describe("late parts", () => {
  it("a part that arrives on the due day is on time; the day after is late", () => {
    const d = dueDate(DEFAULT_CALENDAR, period("Quý III/2026"), "agencies").date;
    expect(isLate({ year: 2026, month: 9, day: 25 }, d)).toBe(false);
    expect(isLate({ year: 2026, month: 9, day: 26 }, d)).toBe(true);
    expect(isLate({ year: 2026, month: 8, day: 31 }, d)).toBe(false);
  });
});
