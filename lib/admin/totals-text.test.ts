import { describe, expect, it } from "vitest";

import { counted } from "@/lib/words";

import { platformTotalsNote } from "./totals-text";

describe("the note under the platform's totals", () => {
  it("agrees with a count of one", () => {
    const note = platformTotalsNote({ cancelledOrders: 1, disabledUsers: 1 });
    expect(note).toContain("exclude the 1 cancelled order, as every user's total does");
    expect(note).toMatch(/ 1 account is disabled\.$/);
  });

  it("says the others in the plural, with thousands separated", () => {
    expect(platformTotalsNote({ cancelledOrders: 1234, disabledUsers: 0 })).toBe(
      "Revenue and orders are of all time (a table by month counts only its months), and exclude the 1,234 cancelled " +
        "orders, as every user's total does; it is the sum of the users' totals, delivery fees included. " +
        "0 accounts are disabled.",
    );
  });
});

describe("the reconciliation's counts", () => {
  it("say one mismatch, one customer and one drifted row in the singular", () => {
    expect(`${counted(1, "order", "orders")} checked, ${counted(1, "mismatch", "mismatches")}`).toBe(
      "1 order checked, 1 mismatch",
    );
    expect(counted(1, "customer disagrees", "customers disagree")).toBe("1 customer disagrees");
    expect(counted(0, "line disagrees", "lines disagree")).toBe("0 lines disagree");
    expect(counted(12_000, "row", "rows")).toBe("12,000 rows");
  });
});
