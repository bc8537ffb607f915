import { describe, expect, it } from "vitest";

import { describeToday, formatOpening } from "./hours-format";

describe("formatOpening", () => {
  const now = new Date("2026-11-25T12:00:00Z");

  it("names the weekday and the restaurant's wall-clock time within the coming week", () => {
    expect(formatOpening(new Date("2026-11-30T09:00:00Z"), "Europe/London", now)).toBe("Mon 9:00 AM");
    expect(formatOpening(new Date("2026-11-30T09:00:00Z"), "Asia/Tokyo", now)).toBe("Mon 6:00 PM");
  });

  it("adds the date six days ahead or more, where the weekday alone could mean two days", () => {
    expect(formatOpening(new Date("2026-12-01T12:00:00Z"), "Europe/London", now)).toBe("Tue, Dec 1, 12:00 PM");
    expect(formatOpening(new Date("2026-12-07T09:00:00Z"), "Europe/London", now)).toBe("Mon, Dec 7, 9:00 AM");
  });

  it("counts calendar days in the restaurant's zone, so a clock change in between changes nothing", () => {
    // Saturday 28 March 2026, 12:00 in London; the clocks go forward that night. Friday at 00:00 is six calendar
    // days on but only 5 days 11 hours away; Thursday at 00:00 is five.
    const saturday = new Date("2026-03-28T12:00:00Z");
    expect(formatOpening(new Date("2026-04-02T23:00:00Z"), "Europe/London", saturday)).toBe("Fri, Apr 3, 12:00 AM");
    expect(formatOpening(new Date("2026-04-01T23:00:00Z"), "Europe/London", saturday)).toBe("Thu 12:00 AM");
  });
});

describe("describeToday", () => {
  it("says closed today only when the restaurant is not open: open after midnight on last night's hours, it is not", () => {
    expect(describeToday("", false)).toBe("Closed today");
    expect(describeToday("", true)).toBe("No more hours today");
    expect(describeToday("12:00–22:00", true)).toBe("Today 12:00–22:00");
    expect(describeToday(null, true)).toBeNull();
  });
});
