import { describe, expect, it } from "vitest";

import { decodeCursor, encodeCursor } from "./cursor";

describe("order history cursor", () => {
  it("round-trips a cursor and refuses forged ones", () => {
    const cursor = { placedAt: new Date("2026-03-01T10:00:00.123Z"), id: 42 };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor(undefined)).toBeUndefined();
    for (const bad of ["", "abc", "1.2.3", "-1.5", "1.99999999999", "1'; drop table orders", ["1.2", "3.4"]]) {
      expect(decodeCursor(bad)).toBeNull();
    }
  });
});
