import { describe, expect, it } from "vitest";

import { createOptionGroupSchema } from "./schema";

describe("option group form", () => {
  const form = (counts: { minChoices: string; maxChoices: string }) =>
    createOptionGroupSchema.safeParse({
      itemId: "1",
      name: "Size",
      required: "on",
      choices: "Regular\nLarge +2.00",
      ...counts,
    });

  it("reads the numbers of choices as a person writes them", () => {
    expect(form({ minChoices: "1", maxChoices: " 2 " }).data).toMatchObject({ minChoices: 1, maxChoices: 2 });
    expect(form({ minChoices: "-1", maxChoices: "1" }).error?.issues.map((i) => i.message)).toContain(
      "The smallest number of choices cannot be negative.",
    );
  });

  it("refuses hexadecimal and exponent notation, which Number() alone would read", () => {
    for (const odd of ["0x1", "1e0", "0b1", "Infinity"]) {
      const parsed = form({ minChoices: "1", maxChoices: odd });
      expect(parsed.success, odd).toBe(false);
      expect(
        parsed.error?.issues.map((i) => i.message),
        odd,
      ).toContain("Enter the largest number of choices.");
    }
  });
});
