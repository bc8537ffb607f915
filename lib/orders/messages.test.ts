import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { addToCartRefusal } from "@/lib/cart/messages";

import type { CheckoutFailure } from "./checkout-failure";
import { checkoutRefusal, reorderNote, reorderRefusal } from "./messages";

// The words customers read (the browser tests check some of them on the pages): the domain returns reasons, and
// these are the only places that turn them into sentences.
describe("checkout and cart messages", () => {
  // Opening times are said from today: a Friday, three days before the Monday below.
  beforeAll(() => vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-03-27T12:00:00Z") }));
  afterAll(() => vi.useRealTimers());

  it.each<[CheckoutFailure, string]>([
    [{ reason: "invalid:empty-cart" }, "Nothing was ordered: your cart is empty now (emptied in another tab?)."],
    [{ reason: "unavailable:closed", restaurantName: "Ramen Ya" }, "Ramen Ya is closed right now. Your cart is saved."],
    [
      {
        reason: "unavailable:outside-hours",
        restaurantName: "Ramen Ya",
        opensAt: new Date("2026-03-30T08:00:00Z"),
        timeZone: "Europe/London",
      },
      "Ramen Ya is outside its opening hours. It opens Mon at 09:00 (Europe/London time). Your cart is saved.",
    ],
    [
      { reason: "unavailable:outside-hours", restaurantName: "Ramen Ya", opensAt: null, timeZone: "UTC" },
      "Ramen Ya is outside its opening hours. It has no opening hours in the next two weeks. Your cart is saved.",
    ],
    [
      { reason: "conflict:foreign-item", itemName: "Taco", restaurantName: "Ramen Ya" },
      "Taco is not on Ramen Ya's menu. Remove it to continue.",
    ],
    [{ reason: "unavailable:items", itemNames: ["Ramen"] }, "No longer available: Ramen. Remove it to continue."],
    [
      { reason: "unavailable:items", itemNames: ["Ramen", "Gyoza"] },
      "No longer available: Ramen, Gyoza. Remove them to continue.",
    ],
    [
      { reason: "conflict:price-changed", totalCents: 2500 },
      "The total changed since you reviewed your order: it is now $25.00. Please review it and place the order again.",
    ],
    [
      { reason: "unavailable:fulfilment", fulfilment: "delivery", restaurantName: "Ramen Ya" },
      "Ramen Ya does not offer delivery right now. Go back to your cart and choose another way.",
    ],
    [
      { reason: "invalid:below-minimum", minOrderCents: 1500, subtotalCents: 450 },
      "$15.00 is the minimum order here (fees not included): your items come to $4.50. Add $10.50 more to order.",
    ],
    [{ reason: "invalid:address-required" }, "Choose a delivery address, or add one on your account page."],
    [{ reason: "not-found:address" }, "That delivery address is no longer saved. Choose another one."],
    [
      { reason: "invalid:too-large", maxTotalCents: 100_000_000, totalCents: 2_970_000_000 },
      "An order can come to at most $1,000,000.00: this one comes to $29,700,000.00. Remove some items to order.",
    ],
  ])("checkout refusal %j", (failure, message) => expect(checkoutRefusal(failure)).toBe(message));

  it("names the order whose items can no longer be ordered", () => {
    expect(reorderRefusal({ reason: "unavailable:items", itemNames: ["Pizza", "Salad"] }, 42)).toBe(
      "None of the items of order #42 can be ordered now: Pizza, Salad.",
    );
    expect(reorderRefusal({ reason: "not-found" }, 42)).toBe("Order not found.");
  });

  it("notes on a rebuilt cart what did not make it, lines and options", () => {
    expect(reorderNote(42, { leftOut: [], droppedChoices: [], capped: [] })).toBe(
      "Your cart was rebuilt from order #42 with today's prices. Everything is still available.",
    );
    expect(
      reorderNote(42, { leftOut: ["Salad"], droppedChoices: ["Olives (Pizza)", "Large (Pizza)"], capped: [] }),
    ).toBe(
      "Your cart was rebuilt from order #42 with today's prices. Left out, no longer available: Salad. " +
        "Options not available now, left out: Olives (Pizza), Large (Pizza).",
    );
    // Every line made it but an option did not: not "Everything is still available", which the list then belies.
    expect(reorderNote(42, { leftOut: [], droppedChoices: ["Burrata (Tagliatelle al ragù)"], capped: [] })).toBe(
      "Your cart was rebuilt from order #42 with today's prices. " +
        "Options not available now, left out: Burrata (Tagliatelle al ragù).",
    );
  });

  it("names the lines a rebuilt cart holds fewer of than the order had, at the most one line can hold", () => {
    expect(reorderNote(42, { leftOut: [], droppedChoices: [], capped: ["Pizza", "Soda"] })).toBe(
      "Your cart was rebuilt from order #42 with today's prices. Everything is still available. " +
        "Up to 99, the most one line can hold: Pizza, Soda.",
    );
  });

  it("asks before replacing a cart from another restaurant", () => {
    expect(
      addToCartRefusal({
        reason: "conflict:other-restaurant",
        cartRestaurantId: 1,
        cartRestaurantName: "Pho Co",
        restaurantName: "Ramen Ya",
      }),
    ).toBe("Your cart has items from Pho Co. Start a new cart from Ramen Ya?");
    expect(addToCartRefusal({ reason: "unavailable:item", itemName: "Gone" })).toBe("Gone is not available right now.");
  });
});
