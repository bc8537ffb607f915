import { describe, expect, it } from "vitest";

import { describeToday, formatClosing, formatOpening, openingLine, restaurantToday } from "./hours-format";

describe("formatOpening", () => {
  const now = new Date("2026-11-25T12:00:00Z");

  it("says today and tomorrow, in the restaurant's zone, on the 24-hour clock its hours are written in", () => {
    expect(formatOpening(new Date("2026-11-25T17:00:00Z"), "Europe/London", { now })).toBe("today at 17:00");
    // 18:00 in London on the 25th is already the 26th in Tokyo, and "now" is still the 25th there.
    expect(formatOpening(new Date("2026-11-25T18:00:00Z"), "Asia/Tokyo", { now })).toBe("tomorrow at 03:00");
    expect(formatOpening(new Date("2026-11-26T00:30:00Z"), "Europe/London", { now })).toBe("tomorrow at 00:30");
  });

  it("names the weekday for today and tomorrow too when told not to be relative (a reader in another zone)", () => {
    expect(formatOpening(new Date("2026-11-25T17:00:00Z"), "Europe/London", { now, relative: false })).toBe(
      "Wed at 17:00",
    );
    expect(formatOpening(new Date("2026-11-26T08:00:00Z"), "Europe/London", { now, relative: false })).toBe(
      "Thu at 08:00",
    );
  });

  it("names the weekday within the coming week", () => {
    expect(formatOpening(new Date("2026-11-30T09:00:00Z"), "Europe/London", { now })).toBe("Mon at 09:00");
    expect(formatOpening(new Date("2026-11-30T09:00:00Z"), "Asia/Tokyo", { now })).toBe("Mon at 18:00");
  });

  it("adds the date six days ahead or more, where the weekday alone could mean two days", () => {
    expect(formatOpening(new Date("2026-12-01T12:00:00Z"), "Europe/London", { now })).toBe("Tue, Dec 1 at 12:00");
    expect(formatOpening(new Date("2026-12-07T09:00:00Z"), "Europe/London", { now })).toBe("Mon, Dec 7 at 09:00");
  });

  it("counts calendar days in the restaurant's zone, so a clock change in between changes nothing", () => {
    // Saturday 28 March 2026, 12:00 in London; the clocks go forward that night. Friday at 00:00 is six calendar
    // days on but only 5 days 11 hours away; Thursday at 00:00 is five.
    const saturday = new Date("2026-03-28T12:00:00Z");
    expect(formatOpening(new Date("2026-04-02T23:00:00Z"), "Europe/London", { now: saturday })).toBe(
      "Fri, Apr 3 at 00:00",
    );
    expect(formatOpening(new Date("2026-04-01T23:00:00Z"), "Europe/London", { now: saturday })).toBe("Thu at 00:00");
  });
});

describe("formatClosing", () => {
  // Saturday 2026-12-05, 01:00 in Seoul (UTC+9): Friday night's hours end at 03:00 today.
  const now = new Date("2026-12-04T16:00:00Z");
  const zone = "Asia/Seoul";

  it("says the time alone today, and formatOpening's day words on another day", () => {
    expect(formatClosing("2026-12-05T03:00", zone, { now })).toBe("03:00");
    expect(formatClosing("2026-12-06T03:00", zone, { now })).toBe("tomorrow at 03:00");
    expect(formatClosing("2026-12-08T22:00", zone, { now })).toBe("Tue at 22:00");
    expect(formatClosing("2026-12-11T22:00", zone, { now })).toBe("Fri, Dec 11 at 22:00");
  });

  it("counts days from the restaurant's today", () => {
    // 16:00 UTC is Saturday in Seoul (above: Saturday 03:00 is today) but still Friday in UTC.
    expect(formatClosing("2026-12-05T03:00", "UTC", { now })).toBe("tomorrow at 03:00");
  });

  it("ends a run at midnight at 24:00 of the day before, as the hours write it", () => {
    expect(formatClosing("2026-12-06T00:00", zone, { now })).toBe("24:00");
    expect(formatClosing("2026-12-07T00:00", zone, { now })).toBe("tomorrow at 24:00");
  });

  it("names the weekday even today for a reader in another zone, as describeToday does", () => {
    expect(formatClosing("2026-12-05T03:00", zone, { now, relative: false })).toBe("Sat at 03:00");
    expect(formatClosing("2026-12-06T03:00", zone, { now, relative: false })).toBe("Sun at 03:00");
    expect(formatClosing("2026-12-06T00:00", zone, { now, relative: false })).toBe("Sat at 24:00");
  });
});

describe("describeToday", () => {
  it("says closed today only when the restaurant is not open: open after midnight on last night's hours, it is not", () => {
    expect(describeToday("", false)).toBe("Closed today");
    expect(describeToday("", true)).toBe("No more hours today");
    expect(describeToday("12:00–22:00", true)).toBe("Today 12:00–22:00");
    expect(describeToday(null, true)).toBeNull();
    // For a reader in another zone, the restaurant's today by its weekday, as "Opens Mon at 11:00" names it.
    const monday = new Date("2026-11-30T12:00:00Z");
    const day = restaurantToday("America/New_York", { now: monday, relative: false });
    expect(describeToday("11:00–23:00", false, day)).toBe("Mon 11:00–23:00");
    expect(describeToday("", false, day)).toBe("Closed Mon");
    expect(describeToday("00:00–24:00", true, day)).toBe("Open 24 hours Mon");
    expect(restaurantToday("Pacific/Kiritimati", { now: monday, relative: false })).toBe("Tue");
    expect(restaurantToday("Pacific/Kiritimati", { now: monday })).toBe("today");
  });
});

describe("openingLine", () => {
  // Saturday 2026-12-05, 01:00 in Seoul, on Friday night's 18:00–03:00; Saturday's own are 18:00–03:00 too.
  const now = new Date("2026-12-04T16:00:00Z");
  const facts = { timeZone: "Asia/Seoul", openNow: true, opensAt: null, closesAt: "2026-12-05T03:00" };

  it("says when it closes before today's hours, so that tonight's hours do not read as the ones open now", () => {
    expect(openingLine({ ...facts, todaysHours: "18:00–03:00" }, { now })).toBe("Open until 03:00 · Today 18:00–03:00");
    expect(openingLine({ ...facts, todaysHours: "" }, { now })).toBe("Open until 03:00 · No more hours today");
    expect(openingLine({ ...facts, todaysHours: "18:00–03:00" }, { now, relative: false })).toBe(
      "Open until Sat at 03:00 · Sat 18:00–03:00",
    );
  });

  it("says nothing of closing while closed, around the clock or without a schedule", () => {
    const closed = { ...facts, openNow: false, closesAt: null, opensAt: new Date("2026-12-05T09:00:00Z") };
    expect(openingLine({ ...closed, todaysHours: "18:00–03:00" }, { now })).toBe(
      "Today 18:00–03:00 · Opens today at 18:00",
    );
    expect(openingLine({ ...facts, closesAt: null, todaysHours: "00:00–24:00" }, { now })).toBe("Open 24 hours today");
    expect(openingLine({ ...facts, closesAt: null, todaysHours: null }, { now })).toBeNull();
  });
});
