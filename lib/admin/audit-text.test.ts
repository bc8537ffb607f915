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
    // Since 2026-11-29 the zone is recorded: the admin's own. From before to, in whatever order jsonb keeps them.
    expect(
      describeAuditEntry({
        action: "export.orders",
        details: { filter: { to: "2026-01-31", from: "2026-01-01", zone: "Asia/Tokyo" } },
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

  it("says what a user did to their own account's security, and how many other sessions it ended", () => {
    const entry = (action: string, details: Record<string, unknown>) =>
      describeAuditEntry({ action, details, target: carla, restaurantNames: {} });
    expect(entry("auth.password_change", { address: "203.0.113.9", otherSessionsEnded: 2 })).toEqual({
      label: "Password changed",
      sentence: "Carla Customer changed their password, which signed out 2 other sessions.",
      facts: [{ label: "Address", value: "203.0.113.9" }],
    });
    expect(entry("auth.sign_out_everywhere", { address: null, keptThisSession: false, otherSessionsEnded: 1 })).toEqual(
      {
        label: "Signed out everywhere",
        sentence: "Carla Customer signed out everywhere: the session they used and 1 other session.",
        facts: [{ label: "Address", value: "—" }],
      },
    );
    expect(entry("auth.sign_out_everywhere", { keptThisSession: true, otherSessionsEnded: 0 }).sentence).toBe(
      "Carla Customer signed out everywhere else: no other sessions, keeping the session they used.",
    );
  });

  it("tells a wrong current password on the password form from a failed sign-in, under the action name both have", () => {
    const failed = (details: Record<string, unknown>, target: typeof carla | null = carla) =>
      describeAuditEntry({ action: "auth.sign_in_failed", details, target, restaurantNames: {} });
    // Recorded as a failed sign-in (it shares the sign-in throttle), old rows included.
    expect(failed({ email: "carla@platter.test", address: null, via: "password_change" })).toEqual({
      label: "Wrong current password (password change)",
      sentence: "Carla Customer entered a wrong current password on the password change form.",
      facts: [
        { label: "Email", value: "carla@platter.test" },
        { label: "Address", value: "—" },
      ],
    });
    expect(failed({ email: "carla@platter.test", address: "203.0.113.9" })).toEqual({
      label: "Sign-in failed",
      sentence: "Sign-in failed: Carla Customer.",
      facts: [
        { label: "Email", value: "carla@platter.test" },
        { label: "Address", value: "203.0.113.9" },
      ],
    });
    expect(failed({ email: "nobody@example.test", address: null }, null).sentence).toBe("Sign-in failed.");
    // Refused by the throttle, from the password form: said as a password change, not as a sign-in.
    const refused = describeAuditEntry({
      action: "auth.sign_in_throttled",
      details: { email: "carla@platter.test", address: null, via: "password_change", retryAfterSeconds: 30 },
      target: carla,
      restaurantNames: {},
    });
    expect(refused.label).toBe("Password change refused (too many attempts)");
    expect(refused.facts.map((f) => f.label)).not.toContain("Through");
    // A sign-up with an email that has an account asks whether it has one: counted and said as such.
    expect(failed({ email: "carla@platter.test", address: "203.0.113.9", via: "sign_up" })).toEqual({
      label: "Sign-up with an email that has an account",
      sentence: "Someone tried to sign up with the email of Carla Customer's account.",
      facts: [
        { label: "Email", value: "carla@platter.test" },
        { label: "Address", value: "203.0.113.9" },
      ],
    });
    // A via that is no form's, even one named like an object's own property, is only a fact.
    const odd = failed({ email: "carla@platter.test", address: null, via: "constructor", toString: 1 });
    expect(odd.label).toBe("Sign-in failed");
    expect(odd.facts).toEqual([
      { label: "Email", value: "carla@platter.test" },
      { label: "Address", value: "—" },
      { label: "Through", value: "constructor" },
      { label: "To string", value: "1" },
    ]);
  });
});
