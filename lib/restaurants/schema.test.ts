import { describe, expect, it } from "vitest";

import { browseSchema, SEARCH_MAX } from "./schema";

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
