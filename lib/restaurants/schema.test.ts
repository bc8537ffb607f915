import { describe, expect, it } from "vitest";

import {
  browseSchema,
  decodeRestaurantCursor,
  encodeRestaurantCursor,
  MAX_RESTAURANT_CURSOR_LENGTH,
  SEARCH_MAX,
} from "./schema";

describe("browseSchema's search", () => {
  const q = (value: unknown) => browseSchema.parse({ q: value }).q;

  it("searches an over-long query by what the box would have kept, not every restaurant", () => {
    expect(q("sushi ".repeat(20))).toBe("sushi ".repeat(10).trim());
    expect(q("x".repeat(100))).toBe("x".repeat(SEARCH_MAX));
  });

  it("cuts the text as it is checked, after normalizing (which can lengthen it)", () => {
    expect(q("\u0958".repeat(SEARCH_MAX))).toBe("\u0958".repeat(SEARCH_MAX).normalize("NFC").slice(0, SEARCH_MAX));
  });

  it("never cuts a character in half", () => {
    const cut = q(`${"a".repeat(SEARCH_MAX - 1)}🍣🍣`);
    expect(cut).toBe("a".repeat(SEARCH_MAX - 1));
  });

  it("still drops what is unusable whatever its length", () => {
    expect(q("pho\u0000")).toBeUndefined();
    expect(q(["pho", "ramen"])).toBeUndefined();
    expect(q("")).toBe("");
  });
});

describe("the home page's cursor", () => {
  it("takes back the longest cursor it can issue, so that More restaurants never starts over", () => {
    // 120 characters is the database's limit on restaurant names; these are the longest each can get in a cursor.
    for (const name of ["寿司".repeat(60), "🍣".repeat(120), "\u0001".repeat(120), '"'.repeat(120)]) {
      for (const search of [false, true]) {
        const cursor = { name, id: 2_147_483_647, ...(search ? { rank: 9_999 } : {}) };
        const raw = encodeRestaurantCursor(cursor);
        expect(raw.length).toBeLessThanOrEqual(MAX_RESTAURANT_CURSOR_LENGTH);
        expect(decodeRestaurantCursor(raw, { search })).toEqual(cursor);
      }
    }
    expect(decodeRestaurantCursor("A".repeat(MAX_RESTAURANT_CURSOR_LENGTH + 1))).toBeNull();
  });

  it("refuses an unusable cursor alone, keeping the search and filters", () => {
    const long = encodeRestaurantCursor({ name: "寿司".repeat(60), id: 7 });
    expect(browseSchema.parse({ q: "sushi", cuisine: "Japanese", open: "1", after: long })).toEqual({
      q: "sushi",
      cuisine: "Japanese",
      open: "1",
      after: long,
    });
    const twice = browseSchema.parse({ q: "sushi", cuisine: "Japanese", after: [long, long] });
    expect(twice).toEqual({ q: "sushi", cuisine: "Japanese", after: null });
    expect(decodeRestaurantCursor(twice.after)).toBeNull();
  });
});
