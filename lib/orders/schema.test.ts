import { describe, expect, it } from "vitest";

import { fulfilmentChoiceQuery, fulfilmentSchema, type FulfilmentChoice } from "./schema";

// "← Back to your cart" writes the review's choice into the cart's URL; the cart reads it with the review's schema.
describe("the fulfilment choice in a URL", () => {
  it.each<FulfilmentChoice>([
    { fulfilment: "delivery", addressId: 42, note: "Ring twice & leave it at #3\nThanks, 100% 🙂" },
    { fulfilment: "pickup", addressId: 7, note: "" },
    { fulfilment: "pickup", addressId: undefined, note: "" },
  ])("comes back as it was chosen: %o", (choice) => {
    const query = new URLSearchParams(fulfilmentChoiceQuery(choice));
    expect(fulfilmentSchema.parse(Object.fromEntries(query))).toEqual(choice);
  });
});
