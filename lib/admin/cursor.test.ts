import { describe, expect, it } from "vitest";
import { decodeAuditCursor, decodeUsersCursor, encodeUsersCursor } from "./cursor";
import { usersQuerySchema } from "./schema";

describe("admin URL parameters", () => {
  it("falls back to defaults instead of failing on odd search parameters", () => {
    expect(usersQuerySchema.parse({ q: ["carla", "x"], sort: "bogus" })).toEqual({ q: "carla", sort: "total", after: undefined });
    expect(usersQuerySchema.parse({})).toEqual({ sort: "total" });
    expect(usersQuerySchema.parse({ q: "x".repeat(200), sort: "name" })).toEqual({ q: undefined, sort: "name", after: undefined });
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
});
