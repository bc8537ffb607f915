import { describe, expect, it } from "vitest";

import { decodeAuditCursor, decodeUsersCursor, encodeUsersCursor, MAX_USERS_CURSOR_LENGTH } from "./cursor";
import { usersQuerySchema } from "./schema";

describe("admin URL parameters", () => {
  it("falls back to defaults instead of failing on odd search parameters", () => {
    expect(usersQuerySchema.parse({ q: ["carla", "x"], sort: "bogus" })).toEqual({
      q: "carla",
      sort: "total",
      after: undefined,
    });
    expect(usersQuerySchema.parse({})).toEqual({ sort: "total" });
    expect(usersQuerySchema.parse({ q: "x".repeat(200), sort: "name" })).toEqual({
      q: undefined,
      sort: "name",
      after: undefined,
    });
  });

  it("accepts only its own cursors, typed for the sort they came from", () => {
    expect(decodeUsersCursor(undefined, "total")).toBeUndefined();
    expect(decodeUsersCursor("garbage!", "total")).toBeNull();
    expect(decodeUsersCursor(encodeUsersCursor({ value: "abc", id: 3 }), "total")).toBeNull();
    expect(decodeUsersCursor(encodeUsersCursor({ value: "abc", id: 3 }), "name")).toEqual({ value: "abc", id: 3 });
    expect(decodeUsersCursor(encodeUsersCursor({ value: "1250", id: 3 }), "total")).toEqual({ value: "1250", id: 3 });
    expect(decodeAuditCursor("1.2")).toEqual({ createdAt: new Date(1), id: 2 });
    expect(decodeAuditCursor("1.99999999999")).toBeNull();
    expect(decodeAuditCursor("x")).toBeNull();
  });

  it("takes back the longest name cursor it can issue, so that Next page never 404s or starts over", () => {
    // 80 characters is the database's limit on display names; these are the longest each can get in a cursor.
    for (const name of ["🍕".repeat(80), "\u0001".repeat(80), '"'.repeat(80), "İ".repeat(80).toLowerCase()]) {
      const raw = encodeUsersCursor({ value: name, id: 2_147_483_647 });
      expect(raw.length).toBeLessThanOrEqual(MAX_USERS_CURSOR_LENGTH);
      expect(decodeUsersCursor(raw, "name")).toEqual({ value: name, id: 2_147_483_647 });
    }
    expect(decodeUsersCursor("A".repeat(MAX_USERS_CURSOR_LENGTH + 1), "name")).toBeNull();
    expect(usersQuerySchema.parse({ after: "x".repeat(1000) }).after).toBe("x".repeat(1000));
  });
});
