import { describe, expect, it } from "vitest";

import { moveOneStep } from "./positions";

describe("moveOneStep", () => {
  it("swaps with the neighbour in the chosen direction", () => {
    expect(moveOneStep([1, 2, 3], 2, "up")).toEqual([2, 1, 3]);
    expect(moveOneStep([1, 2, 3], 2, "down")).toEqual([1, 3, 2]);
  });

  it("refuses to move past either end or an id that is not a sibling", () => {
    expect(moveOneStep([1, 2, 3], 1, "up")).toBeNull();
    expect(moveOneStep([1, 2, 3], 3, "down")).toBeNull();
    expect(moveOneStep([1, 2, 3], 9, "up")).toBeNull();
    expect(moveOneStep([], 1, "down")).toBeNull();
  });
});
