import { describe, expect, it } from "vitest";

import { lastMonths } from "@/lib/admin/revenue";

import {
  APP_TIME_ZONE,
  appDay,
  formatDate,
  formatDateTime,
  isTimeZone,
  splitAtUtcDays,
  zoneDayRange,
  zoneDayStart,
} from "./dates";

describe("admin calendar days and months", () => {
  const noon = new Date("2026-01-15T12:00:00Z");
  const inZone = (date: Date, options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat("en-US", { ...options, timeZone: APP_TIME_ZONE }).format(date);

  it("names the day as APP_TIME_ZONE's calendar does", () => {
    expect(appDay(noon)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Number(appDay(noon).slice(8))).toBe(Number(inZone(noon, { day: "numeric" })));
    expect(lastMonths(3, noon).at(-1)).toBe(appDay(noon).slice(0, 7));
  });

  it("ends the months with the month of the zone furthest ahead: a restaurant in Kiribati is in December first", () => {
    expect(lastMonths(2, new Date("2026-11-30T09:59:00Z"))).toEqual(["2026-10", "2026-11"]);
    expect(lastMonths(2, new Date("2026-11-30T10:00:00Z"))).toEqual(["2026-11", "2026-12"]);
  });

  it("steps back across a year", () => {
    expect(lastMonths(3, noon)).toEqual(["2025-11", "2025-12", "2026-01"]);
    expect(lastMonths(14, noon)).toHaveLength(14);
    expect(lastMonths(14, noon)[0]).toBe("2024-12");
  });
});

describe("times in the viewer's zone", () => {
  const instant = new Date("2026-11-28T23:30:00.000Z");
  it("formats an instant in the zone asked for, naming it", () => {
    expect(formatDateTime(instant)).toBe("Nov 28, 2026, 11:30 PM UTC");
    expect(formatDateTime(instant, "Asia/Tokyo")).toBe("Nov 29, 2026, 8:30 AM GMT+9");
    expect(formatDate(instant, "America/New_York")).toBe("November 28, 2026");
  });
  it("accepts only zone names the runtime knows", () => {
    expect(["Europe/Paris", "UTC", "America/Argentina/Buenos_Aires", "Etc/GMT+5"].every(isTimeZone)).toBe(true);
    for (const bad of [undefined, "", "Mars/Olympus", "../etc", "Europe/Paris\u0000", "x".repeat(100)]) {
      expect(isTimeZone(bad)).toBe(false);
    }
  });
});

describe("a viewer's calendar day as instants (the history's date filter)", () => {
  const start = (day: string, zone: string) => zoneDayStart(day, zone).toISOString();

  it("starts at the zone's midnight, whole-hour, half-hour and far from UTC", () => {
    expect(start("2026-03-02", "UTC")).toBe("2026-03-02T00:00:00.000Z");
    expect(start("2026-03-02", "Asia/Tokyo")).toBe("2026-03-01T15:00:00.000Z");
    expect(start("2026-03-02", "Asia/Kolkata")).toBe("2026-03-01T18:30:00.000Z");
    expect(start("2026-03-02", "Pacific/Kiritimati")).toBe("2026-03-01T10:00:00.000Z");
    expect(start("2026-03-02", "Pacific/Pago_Pago")).toBe("2026-03-02T11:00:00.000Z");
  });

  it("follows daylight saving time, a midnight that happens twice, and a day that was skipped", () => {
    // New York: the day clocks go forward still starts at 00:00 EST; the day after at 00:00 EDT.
    expect(start("2026-03-08", "America/New_York")).toBe("2026-03-08T05:00:00.000Z");
    expect(start("2026-03-09", "America/New_York")).toBe("2026-03-09T04:00:00.000Z");
    expect(start("2026-11-02", "America/New_York")).toBe("2026-11-02T05:00:00.000Z");
    // The Azores go back from 01:00 to 00:00: the day starts at the first 00:00 (UTC+0), not the second.
    expect(start("2026-10-25", "Atlantic/Azores")).toBe("2026-10-25T00:00:00.000Z");
    // Samoa skipped 30 December 2011: that day is empty, starting where the 31st does.
    expect(start("2011-12-30", "Pacific/Apia")).toBe(start("2011-12-31", "Pacific/Apia"));
  });

  it("leaves out an end that bounds nothing, where a Date would not print as a PostgreSQL timestamp", () => {
    expect(zoneDayRange("0001-01-01", "9999-12-31", "Pacific/Kiritimati")).toEqual({
      start: undefined,
      end: undefined,
    });
    const { start: from, end: to } = zoneDayRange("2026-03-02", "2026-03-02", "Asia/Tokyo");
    expect([from?.toISOString(), to?.toISOString()]).toEqual(["2026-03-01T15:00:00.000Z", "2026-03-02T15:00:00.000Z"]);
    expect(zoneDayRange("9999-12-30", "9999-12-30", "Etc/GMT+12").end?.toISOString()).toBe("9999-12-31T12:00:00.000Z");
  });
});

describe("a range cut at the rollups' UTC days", () => {
  const iso = (parts: { from: Date; to?: Date }[]) => parts.map((p) => [p.from.toISOString(), p.to?.toISOString()]);
  const split = (from: string, to: string, zone: string) => {
    const { start, end } = zoneDayRange(from, to, zone);
    const { whole, partial } = splitAtUtcDays(start, end);
    return { whole, partial: iso(partial) };
  };

  it("leaves no partial day in UTC, and one at each end elsewhere", () => {
    expect(split("2026-03-02", "2026-03-04", "UTC")).toEqual({
      whole: { from: "2026-03-02", to: "2026-03-05" },
      partial: [],
    });
    // Tokyo's 2–4 March: 1 March from 15:00 UTC, 2 and 3 March whole, 4 March until 15:00 UTC.
    expect(split("2026-03-02", "2026-03-04", "Asia/Tokyo")).toEqual({
      whole: { from: "2026-03-02", to: "2026-03-04" },
      partial: [
        ["2026-03-01T15:00:00.000Z", "2026-03-02T00:00:00.000Z"],
        ["2026-03-04T00:00:00.000Z", "2026-03-04T15:00:00.000Z"],
      ],
    });
  });

  it("has no whole day in a range shorter than one, and keeps a range inside one UTC day as the head", () => {
    // Kolkata's 2 March runs 1 March 18:30 to 2 March 18:30 UTC: two partial UTC days and no whole one.
    expect(split("2026-03-02", "2026-03-02", "Asia/Kolkata")).toEqual({
      whole: null,
      partial: [
        ["2026-03-01T18:30:00.000Z", "2026-03-02T00:00:00.000Z"],
        ["2026-03-02T00:00:00.000Z", "2026-03-02T18:30:00.000Z"],
      ],
    });
    const inside = splitAtUtcDays(new Date("2026-03-02T03:00:00Z"), new Date("2026-03-02T09:00:00Z"));
    expect({ whole: inside.whole, partial: iso(inside.partial) }).toEqual({
      whole: null,
      partial: [["2026-03-02T03:00:00.000Z", "2026-03-02T09:00:00.000Z"]],
    });
    // Samoa skipped 30 December 2011: nothing at all.
    expect(split("2011-12-30", "2011-12-30", "Pacific/Apia")).toEqual({ whole: null, partial: [] });
  });

  it("keeps an open end open, on either side", () => {
    expect(split("2026-03-02", "", "America/New_York")).toEqual({
      whole: { from: "2026-03-03", to: undefined },
      partial: [["2026-03-02T05:00:00.000Z", "2026-03-03T00:00:00.000Z"]],
    });
    expect(split("", "2026-03-02", "America/New_York")).toEqual({
      whole: { from: undefined, to: "2026-03-03" },
      partial: [["2026-03-03T00:00:00.000Z", "2026-03-03T05:00:00.000Z"]],
    });
    expect(splitAtUtcDays(undefined, undefined)).toEqual({ whole: { from: undefined, to: undefined }, partial: [] });
  });

  it("never names an instant past the year 9999, nor one before 1970", () => {
    // 31 December 9999 in Los Angeles starts at 08:00 UTC; the midnight after it is in the year 10000.
    expect(split("9999-12-31", "", "America/Los_Angeles")).toEqual({
      whole: null,
      partial: [["9999-12-31T08:00:00.000Z", undefined]],
    });
    expect(split("9999-12-31", "9999-12-31", "Etc/GMT+12")).toEqual({
      whole: null,
      partial: [["9999-12-31T12:00:00.000Z", undefined]],
    });
    // Days before 1970 end before every order: at the epoch.
    expect(zoneDayRange(undefined, "0001-01-01", "Asia/Tokyo").end?.toISOString()).toBe("1970-01-01T00:00:00.000Z");
    expect(split("", "1969-12-31", "Pacific/Kiritimati")).toEqual({
      whole: { from: undefined, to: "1970-01-01" },
      partial: [],
    });
  });
});
