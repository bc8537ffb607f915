import { describe, expect, it } from "vitest";

import { orderStatus } from "@/db/schema";

import { canTransition } from "./status";

const allowed = new Set([
  "placed>preparing",
  "placed>cancelled",
  "preparing>ready",
  "preparing>cancelled",
  "ready>completed",
  "ready>cancelled",
]);

describe("order transitions", () => {
  for (const from of orderStatus.enumValues) {
    for (const to of orderStatus.enumValues) {
      const key = `${from}>${to}`;
      it(`${allowed.has(key) ? "allows" : "refuses"} ${from} -> ${to}`, () =>
        expect(canTransition(from, to)).toBe(allowed.has(key)));
    }
  }
});
