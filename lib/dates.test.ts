import { describe, expect, it } from "vitest";

import { lastMonths } from "@/lib/admin/revenue";

import { APP_TIME_ZONE, appDay } from "./dates";

describe("admin calendar days and months", () => {
  const noon = new Date("2026-01-15T12:00:00Z");
  const inZone = (date: Date, options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat("en-US", { ...options, timeZone: APP_TIME_ZONE }).format(date);

  it("names the day and the months as APP_TIME_ZONE's calendar does", () => {
    expect(appDay(noon)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Number(appDay(noon).slice(8))).toBe(Number(inZone(noon, { day: "numeric" })));
    const months = lastMonths(3, noon);
    expect(months.at(-1)).toBe(appDay(noon).slice(0, 7));
  });

  it("steps back across a year", () => {
    expect(lastMonths(3, noon)).toEqual(["2025-11", "2025-12", "2026-01"]);
    expect(lastMonths(14, noon)).toHaveLength(14);
    expect(lastMonths(14, noon)[0]).toBe("2024-12");
  });
});
