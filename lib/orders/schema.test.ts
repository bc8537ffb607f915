import { describe, expect, it } from "vitest";

import { cartReturnHref, fulfilmentChoiceQuery, fulfilmentSchema, type FulfilmentChoice } from "./schema";

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

// The account page's way back to the cart, for a customer who came from it to save an address.
describe("the way back to the cart from the address book", () => {
  it("keeps the note and asks for delivery, whatever was picked on the way", () => {
    expect(cartReturnHref({ fulfilment: "pickup", note: "Gate code 1234 & ring" })).toBe(
      "/cart?fulfilment=delivery&note=Gate+code+1234+%26+ring",
    );
    expect(cartReturnHref({ fulfilment: "delivery", addressId: "9", note: "" })).toBe(
      "/cart?fulfilment=delivery&note=",
    );
  });

  it("is not offered for an account page opened otherwise, or with a choice no cart sends", () => {
    for (const params of [
      {},
      { note: "hi" },
      { fulfilment: "drone", note: "" },
      { fulfilment: ["delivery", "pickup"], note: "" },
      { fulfilment: "delivery", note: "a\u0000b" },
      { fulfilment: "delivery", note: "x".repeat(100_000) },
    ]) {
      expect(cartReturnHref(params), JSON.stringify(params)).toBeUndefined();
    }
  });
});
