import { describe, expect, it } from "vitest";

import { lastMonths } from "@/lib/admin/revenue";

import { APP_TIME_ZONE, appDay, formatDate, formatDateTime, isTimeZone } from "./dates";

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
