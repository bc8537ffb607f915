import { describe, expect, it } from "vitest";

import { lastMonths } from "@/lib/admin/revenue";

import { APP_TIME_ZONE, appDay, formatDate, formatDateTime, isTimeZone, zoneDayRange, zoneDayStart } from "./dates";

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
