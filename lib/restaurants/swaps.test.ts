import { describe, expect, it } from "vitest";

import { MAX_SWAPS, swappedLetterVariants } from "./swaps";

describe("swappedLetterVariants", () => {
  it("swaps each pair of adjacent letters once, earliest pair first", () => {
    expect(swappedLetterVariants("suhsi")).toEqual(["ushsi", "shusi", "sushi", "suhis"]);
  });

  it("swaps inside words only, never across a space, a digit or punctuation", () => {
    expect(swappedLetterVariants("ab cd")).toEqual(["ba cd", "ab dc"]);
    expect(swappedLetterVariants("a1b-c")).toEqual([]);
  });

  it("leaves out swaps that search the same query: equal letters, or equal but for case or accent", () => {
    expect(swappedLetterVariants("pizza")).toEqual(["ipzza", "pziza", "pizaz"]);
    expect(swappedLetterVariants("Ss")).toEqual([]);
    expect(swappedLetterVariants("eé")).toEqual([]);
  });

  it("moves an accent with its letter, precomposed or combining", () => {
    expect(swappedLetterVariants("crpêe")).toContain("crêpe");
    expect(swappedLetterVariants("crpe\u0302e")).toContain("cre\u0302pe");
  });

  it("gives up on a query with more swaps than the cap", () => {
    const letters = "ab".repeat(MAX_SWAPS);
    expect(swappedLetterVariants(letters.slice(0, MAX_SWAPS + 1))).toHaveLength(MAX_SWAPS);
    expect(swappedLetterVariants(letters.slice(0, MAX_SWAPS + 2))).toEqual([]);
    expect(swappedLetterVariants("")).toEqual([]);
  });
});
