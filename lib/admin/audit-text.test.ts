import { describe, expect, it } from "vitest";

import { describeAuditEntry } from "./audit-text";

const carla = { displayName: "Carla Customer", email: "carla@platter.test" };

describe("the audit log in words", () => {
  it("names people and restaurants instead of ids, and writes details as key: value", () => {
    expect(
      describeAuditEntry({
        action: "user.role_change",
        details: { from: "customer", to: "owner", restaurantsAdded: [3, 99], restaurantsRemoved: [] },
        target: carla,
        restaurantNames: { "3": "Sakura House" },
      }),
    ).toEqual({
      label: "Role changed",
      sentence: "Changed Carla Customer's role from customer to owner.",
      facts: [
        { label: "Restaurants added", value: "Sakura House, restaurant no. 99 (since deleted)" },
        { label: "Restaurants removed", value: "none" },
      ],
    });
  });

  it("writes exports, failures and sign-in events without JSON", () => {
    expect(
      describeAuditEntry({
        action: "export.orders",
        details: { filter: { from: "2026-01-01", to: null } },
        target: null,
        restaurantNames: {},
      }),
    ).toEqual({
      label: "Orders exported",
      sentence: "Downloaded the orders as CSV.",
      facts: [{ label: "Filter", value: "from 2026-01-01, to —, zone UTC" }],
    });
    // Since 2026-11-29 the zone is recorded: the admin's own.
    expect(
      describeAuditEntry({
        action: "export.orders",
        details: { filter: { from: "2026-01-01", to: "2026-01-31", zone: "Asia/Tokyo" } },
        target: null,
        restaurantNames: {},
      }).facts,
    ).toEqual([{ label: "Filter", value: "from 2026-01-01, to 2026-01-31, zone Asia/Tokyo" }]);
    // An orders export that failed part-way before then recorded neither its name nor its zone.
    expect(
      describeAuditEntry({
        action: "export.failed",
        details: { filter: { from: "2026-01-01", to: null }, failed: true, rowsSent: 2000 },
        target: null,
        restaurantNames: {},
      }).facts[0],
    ).toEqual({ label: "Filter", value: "from 2026-01-01, to —, zone UTC" });
    const failed = describeAuditEntry({
      action: "export.failed",
      details: { export: "export.users", failed: true, rowsSent: 1000 },
      target: null,
      restaurantNames: {},
    });
    expect(failed.sentence).toBe("An export (export.users) stopped before it was complete.");
    expect(failed.facts).toContainEqual({ label: "Rows written before the failure", value: "1000" });
    expect(failed.facts).toContainEqual({ label: "Failed", value: "yes" });
    const throttled = describeAuditEntry({
      action: "auth.sign_in_throttled",
      details: { email: "x@example.test", lockedKey: "account", retryAfterSeconds: 60 },
      target: carla,
      restaurantNames: {},
    });
    expect(throttled.sentence).toBe("Sign-in refused (too many attempts): Carla Customer.");
    expect(throttled.facts).toContainEqual({ label: "Locked for (seconds)", value: "60" });
  });

  it("humanizes an action it does not know rather than hiding it", () => {
    expect(
      describeAuditEntry({ action: "menu.bulk_import", details: { itemCount: 12 }, target: null, restaurantNames: {} }),
    ).toEqual({
      label: "Menu bulk import",
      sentence: "Menu bulk import.",
      facts: [{ label: "Item count", value: "12" }],
    });
  });
});
