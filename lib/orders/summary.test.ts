import { describe, expect, it } from "vitest";

import { orderSummary, SUMMARY_MAX_CHARS } from "./summary";

const line = (name: string, quantity = 1, extra: { options?: string[]; instructions?: string } = {}) => ({
  name,
  quantity,
  options: (extra.options ?? []).map((choiceName) => ({ choiceName })),
  instructions: extra.instructions,
});

describe("orderSummary", () => {
  it("names every line of an ordinary order, with its options and note", () => {
    expect(
      orderSummary([
        line("Tagliatelle al ragù", 1, { options: ["Large", "Extra parmesan"], instructions: "Extra hot plate" }),
        line("Bruschetta", 2),
      ]),
    ).toBe("1 × Tagliatelle al ragù (Large, Extra parmesan; note: Extra hot plate) · 2 × Bruschetta");
    expect(orderSummary([])).toBe("");
  });

  it("stops at whole lines and counts the rest, however many lines and notes the order holds", () => {
    const lines = Array.from({ length: 50 }, (_, i) =>
      line(`Dish number ${i + 1}`, 3, { instructions: "x".repeat(200) }),
    );
    const summary = orderSummary(lines);
    // Each line here is longer than the limit alone: the first is cut, the other 49 counted.
    expect(summary).toBe(
      `${`3 × Dish number 1 (note: ${"x".repeat(200)}`.slice(0, SUMMARY_MAX_CHARS - 1)}… · + 49 more`,
    );

    const short = Array.from({ length: 30 }, (_, i) => line(`Taco ${i + 1}`, 2));
    const fitted = orderSummary(short);
    expect(fitted.startsWith("2 × Taco 1 · 2 × Taco 2 · ")).toBe(true);
    const [shown, more] = fitted.split(" · + ");
    expect([...shown!].length).toBeLessThanOrEqual(SUMMARY_MAX_CHARS);
    expect(shown!.split(" · ").length + Number(more!.replace(" more", ""))).toBe(30);
  });

  it("cuts a long first line between code points, never inside an emoji", () => {
    const summary = orderSummary([line("🍕".repeat(200))]);
    expect([...summary]).toHaveLength(SUMMARY_MAX_CHARS);
    expect(summary.endsWith("🍕…")).toBe(true);
    expect(/\p{Cs}/u.test(summary)).toBe(false); // no lone surrogate
  });
});
