import { describe, expect, it } from "vitest";

import { plainText } from "./validation";

describe("plainText", () => {
  const name = plainText({ max: 60, min: 1, label: "a name" });

  it("requires something visible: zero-width characters, lone marks and blank letters alone are no name", () => {
    for (const invisible of ["\u200B", "\u200D", "\u2060\u200C", " \u200B ", "\u0301", "\u3164", "\u2800", "\uFEFF"]) {
      const result = name.safeParse(invisible);
      expect(result.success, JSON.stringify(invisible)).toBe(false);
      expect(result.error?.issues.map((i) => i.message)).toContain("Enter a name.");
    }
  });

  it("keeps format characters inside visible text (emoji sequences, scripts that need joiners)", () => {
    expect(name.parse("Family 👨\u200D👩\u200D👧")).toBe("Family 👨\u200D👩\u200D👧");
    expect(name.parse("\u0915\u094D\u200D\u0937")).toBe("\u0915\u094D\u200D\u0937");
    expect(name.parse("é")).toBe("é");
  });

  it("reads an optional field with nothing visible in it as empty (an order's note, a search)", () => {
    expect(plainText({ max: 10 }).parse("")).toBe("");
    expect(plainText({ max: 10, multiline: true }).parse("\u200B\n\u200D")).toBe("");
    expect(plainText({ max: 10 }).parse(" a\u200B ")).toBe("a\u200B");
  });
});

describe("plainText's length", () => {
  it("counts characters as PostgreSQL's char_length does, not UTF-16 units", () => {
    const name = plainText({ max: 120, min: 1, label: "a name" });
    expect(name.safeParse("🍣".repeat(120)).success).toBe(true);
    expect(name.safeParse("🍣".repeat(121)).error?.issues.map((i) => i.message)).toEqual([
      "Use at most 120 characters.",
    ]);
  });
});
