import { describe, expect, it } from "vitest";

import { centsFromDb, formatCents, parseMoney } from "./money";

describe("money", () => {
  it.each([
    ["12", 1200],
    ["12.5", 1250],
    ["12.50", 1250],
    [" 0.99 ", 99],
    ["0", 0],
  ])("parses %j as %i cents", (input, cents) => expect(parseMoney(input)).toBe(cents));

  it.each(["-1", "12.345", "abc", "1e3", "", "12,50", "1234567890"])("refuses %j", (input) =>
    expect(parseMoney(input)).toBeNull(),
  );

  it("formats cents at the edge only", () => {
    expect(formatCents(17994)).toBe("$179.94");
    expect(formatCents(2_475_000_000)).toBe("$24,750,000.00");
    expect(formatCents(0)).toBe("$0.00");
  });

  it("reads bigint sums as exact numbers and refuses what it cannot hold", () => {
    expect(centsFromDb("2475000000")).toBe(2_475_000_000);
    expect(() => centsFromDb("9007199254740993")).toThrow(RangeError);
    expect(() => centsFromDb("12.5")).toThrow(RangeError);
  });
});
