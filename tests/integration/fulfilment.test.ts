import { eq, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";

import { countQueries } from "@/db/query-stats";
import { repairRollups } from "@/db/rollups";
import {
  customerAddresses,
  customerTotals,
  MAX_ORDER_NOTE_LENGTH,
  MAX_SAVED_ADDRESSES,
  orderLines,
  orders,
  orderStatusEvents,
  restaurantDayTotals,
  restaurantItemDayTotals,
  restaurants,
} from "@/db/schema";
import {
  addAddressAction,
  deleteAddressAction,
  setDefaultAddressAction,
  updateAddressAction,
} from "@/lib/addresses/actions";
import { addressMessages } from "@/lib/addresses/messages";
import { addAddress, findAddress, listAddresses, setDefaultAddress } from "@/lib/addresses/queries";
import { reconcileTotals } from "@/lib/admin/reconciliation";
import { getPlatformTotals } from "@/lib/admin/revenue";
import { listUserTotals } from "@/lib/admin/users";
import { findActiveViewer, type Viewer } from "@/lib/auth/queries";
import { listOpenSessions } from "@/lib/auth/sessions";
import { addToCart, getCart } from "@/lib/cart/queries";
import { checkoutAction } from "@/lib/orders/actions";
import { cancelOwnOrder } from "@/lib/orders/cancel";
import { placeOrder } from "@/lib/orders/checkout";
import { getOrderForViewer } from "@/lib/orders/queries";
import { reviewAmounts } from "@/lib/orders/review";
import { digestOfCartView } from "@/lib/orders/reviewed-cart";
import { updateRestaurantAction } from "@/lib/owner/actions";
import { getOrderQueue } from "@/lib/owner/queries";
import { getSalesReport } from "@/lib/owner/sales";
import { getProfileForViewer } from "@/lib/profile/queries";

import { DRIVERS, freshDatabase } from "../fixtures/db";
import { createOwner, createRestaurant, createUser } from "../fixtures/factory";
import { signInAs, submit } from "../fixtures/session";

/**
 * "Place order" on the review of the customer's cart as it is now: the form carries the digest the page shows, of
 * the lines and of the delivery address it reads.
 */
async function placeFromReview(viewer: Viewer, fields: Record<string, unknown>) {
  const cart = await getCart({ holder: { profileId: viewer.profileId } });
  const fulfilment = fields.fulfilment === "delivery" ? "delivery" : "pickup";
  const addressId = typeof fields.addressId === "number" ? fields.addressId : undefined;
  const address = addressId === undefined ? undefined : await findAddress({ viewer, addressId });
  const reviewedCart = cart
    ? digestOfCartView(cart, fulfilment, address?.address ?? null)
    : `${"0".repeat(43)}.${"0".repeat(43)}`;
  return submit(checkoutAction, { ...fields, reviewedCart });
}

vi.mock("@/lib/auth/session", async () => (await import("../fixtures/session")).sessionMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

type Offer = { offersPickup?: boolean; offersDelivery?: boolean; deliveryFeeCents?: number; minOrderCents?: number };

const digestOf = (error: unknown) =>
  error && typeof error === "object" && "digest" in error ? String((error as { digest: unknown }).digest) : "";

/** The database's own words for a refused write (Drizzle wraps the driver's error in its `cause`). */
async function refusal(write: PromiseLike<unknown>): Promise<string> {
  try {
    await write;
  } catch (error) {
    const messages: string[] = [];
    for (let e: unknown = error; e instanceof Error; e = e.cause) messages.push(e.message);
    return messages.join(" | ");
  }
  return "accepted";
}

describe.each(DRIVERS)("pickup, delivery, fees and the review on %s", (driver) => {
  const db = freshDatabase(driver);
  const key = () => `key-${crypto.randomUUID()}`;
  const viewerOf = async (userId: string) => (await findActiveViewer(userId))!;

  /** A customer with a saved home address and a cart of 1 Ramen (1999) at a restaurant with `offer`. */
  async function shop(offer: Offer = { offersPickup: true, offersDelivery: true, deliveryFeeCents: 299 }) {
    const customer = await createUser(db());
    const { restaurant, items } = await createRestaurant(db(), [
      { name: "Ramen", priceCents: 1999 },
      { name: "Gyoza", priceCents: 650 },
    ]);
    await db().update(restaurants).set(offer).where(eq(restaurants.id, restaurant.id));
    const owner = await createOwner(db(), [restaurant.id]);
    const viewer = await viewerOf(customer.user.id);
    const [home] = await db()
      .insert(customerAddresses)
      .values({ profileId: customer.profile.id, label: "Home", address: "7 Elm Row, Old Town", isDefault: true })
      .returning();
    const holder = { profileId: customer.profile.id };
    await addToCart({ holder, menuItemId: items[0]!.id, quantity: 1 });
    return { customer, viewer, restaurant, items, owner, home: home!, holder };
  }

  const written = async () => ({
    orders: await db().$count(orders),
    lines: await db().$count(orderLines),
    events: await db().$count(orderStatusEvents),
  });

  it("snapshots fulfilment, fee, address and note: a later fee or address change leaves the order as placed", async () => {
    const { customer, viewer, restaurant, owner, home, holder } = await shop();
    const result = await placeOrder({
      viewer,
      idempotencyKey: key(),
      expectedTotalCents: 1999 + 299,
      fulfilment: "delivery",
      addressId: home.id,
      note: "Ring twice",
    });
    expect(result).toMatchObject({ ok: true, replayed: false });
    const orderId = (result as { orderId: number }).orderId;
    expect(await getCart({ holder })).toBeNull();
    // The owner's queue shows how it leaves, where to, and the note.
    const queue = await getOrderQueue({ viewer: await viewerOf(owner.user.id), slug: restaurant.slug });
    expect(queue?.orders.find((o) => o.id === orderId)).toMatchObject({
      fulfilment: "delivery",
      deliveryAddress: "7 Elm Row, Old Town",
      note: "Ring twice",
      totalCents: 2298,
    });

    // The owner raises the fee and the customer deletes the address afterwards.
    signInAs(await viewerOf(owner.user.id));
    expect(
      await submit(updateRestaurantAction, {
        restaurantId: restaurant.id,
        name: restaurant.name,
        cuisine: "Test",
        address: "1 Test Street",
        offersPickup: "on",
        offersDelivery: "on",
        deliveryFeeCents: "9.99",
        minOrderCents: "50",
        isOpen: "on",
      }),
    ).toEqual({ ok: true, message: "Saved." });
    const [after] = await db().select().from(restaurants).where(eq(restaurants.id, restaurant.id));
    expect([after?.deliveryFeeCents, after?.minOrderCents]).toEqual([999, 5000]);
    signInAs(viewer);
    expect(await submit(deleteAddressAction, { addressId: home.id })).toEqual({
      ok: true,
      message: "Address deleted.",
    });

    const order = await getOrderForViewer({ viewer, orderId });
    expect(order).toMatchObject({
      totalCents: 2298,
      fulfilment: "delivery",
      deliveryFeeCents: 299,
      deliveryAddress: "7 Elm Row, Old Town",
      note: "Ring twice",
    });
    expect(order!.lines.map((l) => l.unitPriceCents * l.quantity)).toEqual([1999]);
    expect((await getProfileForViewer({ viewer }))!.totalPurchaseCents).toBe(2298);
    const [totals] = await db().select().from(customerTotals).where(eq(customerTotals.customerId, customer.profile.id));
    expect(totals?.totalCents).toBe(2298n);
  });

  it("a pickup has no fee and no address, even where delivery costs something", async () => {
    const { viewer, home } = await shop();
    const result = await placeOrder({
      viewer,
      idempotencyKey: key(),
      expectedTotalCents: 1999,
      fulfilment: "pickup",
      addressId: home.id,
    });
    const [order] = await db()
      .select()
      .from(orders)
      .where(eq(orders.id, (result as { orderId: number }).orderId));
    expect(order).toMatchObject({ fulfilment: "pickup", deliveryFeeCents: 0, deliveryAddress: null, totalCents: 1999 });
  });

  it("a pickup reviewed before the delivery fee changed is placed; a delivery is shown its new total", async () => {
    const { viewer, restaurant, home, holder } = await shop();
    const cart = (await getCart({ holder }))!;
    const reviews = { pickup: digestOfCartView(cart, "pickup"), delivery: digestOfCartView(cart, "delivery") };
    await db().update(restaurants).set({ deliveryFeeCents: 349 }).where(eq(restaurants.id, restaurant.id));
    const place = (fulfilment: "pickup" | "delivery", expectedTotalCents: number) =>
      placeOrder({
        viewer,
        idempotencyKey: key(),
        expectedTotalCents,
        fulfilment,
        addressId: home.id,
        reviewedCart: reviews[fulfilment],
      });
    expect(await place("delivery", 1999 + 299)).toEqual({
      ok: false,
      reason: "conflict:price-changed",
      totalCents: 2348,
    });
    expect(await place("pickup", 1999)).toMatchObject({ ok: true, replayed: false });
  });

  it("refuses an order under the minimum (on the items, fees excluded) and writes no row", async () => {
    // 1999 of items + 299 fee = 2298 >= 2100, but the items alone are under the minimum.
    const { viewer, home, holder } = await shop({
      offersPickup: true,
      offersDelivery: true,
      deliveryFeeCents: 299,
      minOrderCents: 2100,
    });
    const before = await written();
    expect(
      await placeOrder({
        viewer,
        idempotencyKey: key(),
        expectedTotalCents: 2298,
        fulfilment: "delivery",
        addressId: home.id,
      }),
    ).toEqual({ ok: false, reason: "invalid:below-minimum", minOrderCents: 2100, subtotalCents: 1999 });
    signInAs(viewer);
    expect(
      await placeFromReview(viewer, {
        idempotencyKey: key(),
        expectedTotalCents: 1999,
        fulfilment: "pickup",
        note: "",
      }),
    ).toEqual({
      message:
        "$21.00 is the minimum order here (fees not included): your items come to $19.99. Add $1.01 more to order.",
    });
    expect(await written()).toEqual(before);
    expect((await getCart({ holder }))?.lines).toHaveLength(1);
  });

  /** Places the customer's cart for pickup with `note` (the action sends them to their order) and reads the note stored. */
  async function placedNote(viewer: Viewer, note: string) {
    await expect(
      placeFromReview(viewer, { idempotencyKey: key(), expectedTotalCents: 1999, fulfilment: "pickup", note }),
    ).rejects.toThrow("NEXT_REDIRECT");
    const [placed] = await db()
      .select({ note: orders.note })
      .from(orders)
      .where(eq(orders.customerId, viewer.profileId));
    return placed?.note;
  }

  it("counts a line break in the note as one character, as the browser's box does, and stores it as one", async () => {
    const { viewer } = await shop();
    signInAs(viewer);
    // 500 characters as the textarea counts them; the form sends the break as CRLF.
    const note = `${"n".repeat(249)}\r\n${"n".repeat(250)}`;
    expect(await placedNote(viewer, note)).toBe(`${"n".repeat(249)}\n${"n".repeat(250)}`);
  });

  it("stores a note with nothing visible in it as no note (the kitchen's ticket printed 'Note: ' and a blank)", async () => {
    const { viewer } = await shop();
    signInAs(viewer);
    expect(await placedNote(viewer, "\u200B\r\n\u2060")).toBe("");
  });

  it("takes an order note of up to 500 characters; one longer is a message on the field, and nothing is written", async () => {
    const { viewer } = await shop();
    signInAs(viewer);
    const before = await written();
    const attempt = (note: string) =>
      placeFromReview(viewer, { idempotencyKey: key(), expectedTotalCents: 1999, fulfilment: "pickup", note });
    const refused = (await attempt("n".repeat(MAX_ORDER_NOTE_LENGTH + 1))) as { fieldErrors?: { note?: string[] } };
    expect(refused.fieldErrors?.note?.[0]).toMatch(/500 characters/);
    expect(await written()).toEqual(before);
    expect(await placedNote(viewer, "n".repeat(MAX_ORDER_NOTE_LENGTH))).toHaveLength(MAX_ORDER_NOTE_LENGTH);
  });

  it("refuses a delivery without an address, or to another customer's address, and writes no row", async () => {
    const { viewer } = await shop();
    const stranger = await createUser(db());
    const [theirs] = await db()
      .insert(customerAddresses)
      .values({ profileId: stranger.profile.id, label: "Theirs", address: "9 Other Road" })
      .returning();
    const before = await written();
    const attempt = (addressId?: number) =>
      placeOrder({ viewer, idempotencyKey: key(), expectedTotalCents: 2298, fulfilment: "delivery", addressId });
    expect(await attempt()).toEqual({ ok: false, reason: "invalid:address-required" });
    expect(await attempt(theirs!.id)).toEqual({ ok: false, reason: "not-found:address" });
    expect(await attempt(2_147_483_647)).toEqual({ ok: false, reason: "not-found:address" });
    signInAs(viewer);
    expect(
      await placeFromReview(viewer, {
        idempotencyKey: key(),
        expectedTotalCents: 2298,
        fulfilment: "delivery",
        addressId: theirs!.id,
      }),
    ).toEqual({ message: "That delivery address is no longer saved. Choose another one." });
    expect(
      await placeFromReview(viewer, { idempotencyKey: key(), expectedTotalCents: 2298, fulfilment: "delivery" }),
    ).toEqual({ message: "Choose a delivery address, or add one on your account page." });
    expect(await written()).toEqual(before);
    // The review page's read finds nothing either (the page says it is not saved), and the address is untouched.
    expect(await findAddress({ viewer, addressId: theirs!.id })).toBeUndefined();
    const notSaved = { gone: true, message: addressMessages.notFound };
    expect(await submit(deleteAddressAction, { addressId: theirs!.id })).toEqual(notSaved);
    expect(await submit(setDefaultAddressAction, { addressId: theirs!.id })).toEqual(notSaved);
    const [still] = await db().select().from(customerAddresses).where(eq(customerAddresses.id, theirs!.id));
    expect(still).toEqual(theirs);
  });

  // Concurrency needs connections of its own: PGlite has one session, so there is no race to lose there.
  if (driver === "postgres")
    it("keeps one default address when two tabs change it at once", async () => {
      const customer = await createUser(db());
      const viewer = (await findActiveViewer(customer.user.id))!;
      const ids: number[] = [];
      for (const label of ["Home", "Work", "Gym"]) {
        const added = await addAddress({ viewer, label, address: `1 ${label} Street`, makeDefault: false });
        if (added.ok) ids.push(added.addressId);
      }
      for (let round = 0; round < 10; round++) {
        const results = await Promise.all([
          setDefaultAddress({ viewer, addressId: ids[1 + (round % 2)]! }),
          setDefaultAddress({ viewer, addressId: ids[(round % 2) * 2]! }),
          addAddress({ viewer, label: `New ${round}`, address: `${round} New Street`, makeDefault: true }),
        ]);
        expect(results.map((r) => r.ok)).toEqual([true, true, true]);
        const added = results[2] as { addressId: number };
        await db().delete(customerAddresses).where(eq(customerAddresses.id, added.addressId));
        const defaults = await db().$count(
          customerAddresses,
          sql`${customerAddresses.profileId} = ${customer.profile.id} and ${customerAddresses.isDefault}`,
        );
        expect(defaults).toBeLessThanOrEqual(1);
      }
    });

  it("offers only what the restaurant offers: pickup-only refuses delivery, delivery-only refuses pickup", async () => {
    const pickupOnly = await shop({ offersPickup: true, offersDelivery: false, deliveryFeeCents: 0 });
    expect(
      await placeOrder({
        viewer: pickupOnly.viewer,
        idempotencyKey: key(),
        expectedTotalCents: 1999,
        fulfilment: "delivery",
        addressId: pickupOnly.home.id,
      }),
    ).toEqual({
      ok: false,
      reason: "unavailable:fulfilment",
      fulfilment: "delivery",
      restaurantName: pickupOnly.restaurant.name,
    });
    expect(
      await placeOrder({ viewer: pickupOnly.viewer, idempotencyKey: key(), expectedTotalCents: 1999 }),
    ).toMatchObject({ ok: true });

    const deliveryOnly = await shop({ offersPickup: false, offersDelivery: true, deliveryFeeCents: 450 });
    signInAs(deliveryOnly.viewer);
    expect(
      await placeFromReview(deliveryOnly.viewer, {
        idempotencyKey: key(),
        expectedTotalCents: 1999,
        fulfilment: "pickup",
      }),
    ).toEqual({
      message: `${deliveryOnly.restaurant.name} does not offer pickup right now. Go back to your cart and choose another way.`,
    });
    expect(
      await placeOrder({
        viewer: deliveryOnly.viewer,
        idempotencyKey: key(),
        expectedTotalCents: 1999 + 450,
        fulfilment: "delivery",
        addressId: deliveryOnly.home.id,
      }),
    ).toMatchObject({ ok: true });
    // Neither offered: the database refuses such a restaurant outright.
    await expect(
      db()
        .update(restaurants)
        .set({ offersPickup: false, offersDelivery: false })
        .where(eq(restaurants.id, deliveryOnly.restaurant.id)),
    ).rejects.toThrow();
  });

  it("the review tells the same refusals and amounts checkout applies", () => {
    const offer = {
      name: "Luce",
      offersPickup: false,
      offersDelivery: true,
      deliveryFeeCents: 299,
      minOrderCents: 2000,
    };
    expect(reviewAmounts({ offer, subtotalCents: 1999, fulfilment: "delivery", hasAddress: false })).toEqual({
      subtotalCents: 1999,
      deliveryFeeCents: 299,
      totalCents: 2298,
      problems: [
        { reason: "invalid:below-minimum", minOrderCents: 2000, subtotalCents: 1999 },
        { reason: "invalid:address-required" },
      ],
    });
    expect(reviewAmounts({ offer, subtotalCents: 2000, fulfilment: "pickup", hasAddress: false })).toEqual({
      subtotalCents: 2000,
      deliveryFeeCents: 0,
      totalCents: 2000,
      problems: [{ reason: "unavailable:fulfilment", fulfilment: "pickup", restaurantName: "Luce" }],
    });
  });

  it("counts the fee in every total: profile, rollups, admin users and revenue, reconciliation; items stay lines only", async () => {
    const { customer, viewer, restaurant, owner, home, holder, items } = await shop();
    await addToCart({ holder, menuItemId: items[1]!.id, quantity: 2 });
    const delivered = await placeOrder({
      viewer,
      idempotencyKey: key(),
      expectedTotalCents: 1999 + 1300 + 299,
      fulfilment: "delivery",
      addressId: home.id,
    });
    await addToCart({ holder, menuItemId: items[1]!.id, quantity: 1 });
    const cancelled = await placeOrder({
      viewer,
      idempotencyKey: key(),
      expectedTotalCents: 650 + 299,
      fulfilment: "delivery",
      addressId: home.id,
    });
    expect([delivered.ok, cancelled.ok]).toEqual([true, true]);
    expect((await cancelOwnOrder({ viewer, orderId: (cancelled as { orderId: number }).orderId })).ok).toBe(true);

    const total = 1999 + 1300 + 299;
    expect((await getProfileForViewer({ viewer }))!.totalPurchaseCents).toBe(total);
    const [day] = await db()
      .select()
      .from(restaurantDayTotals)
      .where(eq(restaurantDayTotals.restaurantId, restaurant.id));
    expect([day?.orderCount, day?.totalCents]).toEqual([1, BigInt(total)]);
    // The item rollup sells items, not fees: Ramen 1999 + Gyoza 1300.
    const itemRows = await db()
      .select({ cents: restaurantItemDayTotals.totalCents })
      .from(restaurantItemDayTotals)
      .where(eq(restaurantItemDayTotals.restaurantId, restaurant.id));
    expect(itemRows.reduce((sum, r) => sum + r.cents, 0n)).toBe(1999n + 1300n);
    const sales = await getSalesReport({ viewer: await viewerOf(owner.user.id), slug: restaurant.slug });
    expect(sales!.totalRevenueCents).toBe(total);
    expect(sales!.topItems.reduce((sum, i) => sum + i.revenueCents, 0)).toBe(1999 + 1300);

    const admin = await viewerOf((await createUser(db(), { role: "admin" })).user.id);
    const rows = (await listUserTotals({ viewer: admin, limit: 100 })).rows;
    expect(rows.find((r) => r.profileId === customer.profile.id)?.totalPurchaseCents).toBe(total);
    const platform = await getPlatformTotals({ viewer: admin });
    const [sum] = await db()
      .select({ cents: sql<string>`coalesce(sum(total_cents), 0)::text` })
      .from(orders)
      .where(sql`status <> 'cancelled'`);
    expect(platform.revenueCents).toBe(Number(sum!.cents));

    const report = await reconcileTotals({ viewer: admin });
    expect([report.orderMismatchCount, report.userMismatchCount]).toEqual([0, 0]);
    expect(report.rollupDriftCounts.every((d) => d.rows === 0)).toBe(true);
    expect(await repairRollups(db(), { dryRun: true })).toEqual({ orderTotals: 0, rollups: [], linePrices: 0 });
  });

  it("refuses at commit any order whose total is not its lines plus its fee, and the reconciliation knows the rule", async () => {
    const { viewer, home, customer } = await shop();
    const placed = await placeOrder({
      viewer,
      idempotencyKey: key(),
      expectedTotalCents: 2298,
      fulfilment: "delivery",
      addressId: home.id,
    });
    const orderId = (placed as { orderId: number }).orderId;
    // The total without the fee, or a fee without its total: both refused by orders_total_equals_lines.
    expect(await refusal(db().update(orders).set({ totalCents: 1999 }).where(eq(orders.id, orderId)))).toMatch(
      /total_cents 1999 does not equal its lines plus its delivery fee \(2298\)/,
    );
    expect(await refusal(db().update(orders).set({ deliveryFeeCents: 500 }).where(eq(orders.id, orderId)))).toMatch(
      /total_cents 2298 does not equal its lines plus its delivery fee \(2499\)/,
    );
    // Both together keep the rule: accepted, and the rollups follow.
    await db().update(orders).set({ deliveryFeeCents: 500, totalCents: 2499 }).where(eq(orders.id, orderId));
    const [totals] = await db().select().from(customerTotals).where(eq(customerTotals.customerId, customer.profile.id));
    expect(totals?.totalCents).toBe(2499n);
    // A line changed in place: the lines' trigger recomputes the total as lines + fee.
    await db().update(orderLines).set({ quantity: 2 }).where(eq(orderLines.orderId, orderId));
    const [order] = await db().select().from(orders).where(eq(orders.id, orderId));
    expect(order?.totalCents).toBe(2 * 1999 + 500);
    const admin = await viewerOf((await createUser(db(), { role: "admin" })).user.id);
    const report = await reconcileTotals({ viewer: admin });
    expect([report.orderMismatchCount, report.userMismatchCount]).toEqual([0, 0]);
    expect(report.rollupDriftCounts.every((d) => d.rows === 0)).toBe(true);
  });

  it("places once from the review whatever the number of submissions of its form", async () => {
    const { customer, viewer, home, holder, items } = await shop();
    signInAs(viewer);
    const form = {
      idempotencyKey: key(),
      expectedTotalCents: 2298,
      fulfilment: "delivery",
      addressId: home.id,
      note: "Leave at the door",
    };
    const redirects: string[] = [];
    for (let i = 0; i < 2; i++) {
      try {
        await placeFromReview(viewer, form);
      } catch (error) {
        redirects.push(digestOf(error));
      }
    }
    expect(redirects).toHaveLength(2);
    expect(redirects[0]).toMatch(/^NEXT_REDIRECT;.*\/orders\/\d+/);
    expect(redirects[1]).toBe(redirects[0]);
    const placed = await db().select().from(orders).where(eq(orders.customerId, customer.profile.id));
    expect(placed).toHaveLength(1);
    expect(placed[0]).toMatchObject({ note: "Leave at the door", totalCents: 2298 });

    // A fresh review submitted twice at once (two tabs, a double click racing itself): still one order.
    await addToCart({ holder, menuItemId: items[1]!.id, quantity: 1 });
    const again = {
      viewer,
      idempotencyKey: key(),
      expectedTotalCents: 650 + 299,
      fulfilment: "delivery" as const,
      addressId: home.id,
    };
    const [a, b] = await Promise.all([placeOrder(again), placeOrder(again)]);
    expect(a).toMatchObject({ ok: true });
    expect((b as { orderId: number }).orderId).toBe((a as { orderId: number }).orderId);
    expect(await db().$count(orders, eq(orders.customerId, customer.profile.id))).toBe(2);
  });

  it("places a delivery only to the address text the review showed: edited or deleted meanwhile, it is refused", async () => {
    const { customer, viewer, home, holder } = await shop();
    signInAs(viewer);
    const work = await addAddress({ viewer, label: "Work", address: "3 Mill Lane", makeDefault: false });
    const workId = (work as { addressId: number }).addressId;
    /** The review's "Place order" form for a delivery to `addressId`, as the page renders it now. */
    const review = async (addressId: number) => {
      const cart = (await getCart({ holder }))!;
      const shown = (await findAddress({ viewer, addressId }))!;
      return {
        idempotencyKey: key(),
        expectedTotalCents: 1999 + 299,
        fulfilment: "delivery",
        addressId,
        note: "",
        reviewedCart: digestOfCartView(cart, "delivery", shown.address),
      };
    };
    const placedCount = () => db().$count(orders, eq(orders.customerId, customer.profile.id));

    // Another tab rewrites the reviewed address: the same id, the same total, a door the review never showed.
    const toHome = await review(home.id);
    expect(
      await submit(updateAddressAction, { addressId: home.id, label: "Home", address: "99 Other Street, New Town" }),
    ).toEqual({ ok: true, message: "Address updated." });
    expect(await submit(checkoutAction, toHome)).toEqual({
      message:
        "Your cart changed since you reviewed it (in another tab?). Here it is as it is now: check it and place the order again.",
    });
    expect(await placedCount()).toBe(0);

    // Another tab deletes the reviewed address: refused by name.
    const toWork = await review(workId);
    expect(await submit(deleteAddressAction, { addressId: workId })).toEqual({ ok: true, message: "Address deleted." });
    expect(await submit(checkoutAction, toWork)).toEqual({
      message: "That delivery address is no longer saved. Choose another one.",
    });
    expect(await placedCount()).toBe(0);

    // Reviewed again, the order goes to the address the review showed this time.
    const { fulfilment, ...again } = await review(home.id);
    expect(await placeOrder({ viewer, fulfilment: fulfilment as "delivery", ...again })).toMatchObject({ ok: true });
    const placed = await db().select().from(orders).where(eq(orders.customerId, customer.profile.id));
    expect(placed.map((o) => [o.deliveryAddress, o.totalCents])).toEqual([["99 Other Street, New Town", 2298]]);
  });

  it("edits a saved address in place: placed orders keep their text, another customer's id finds nothing", async () => {
    const { viewer, home } = await shop();
    const placed = await placeOrder({
      viewer,
      idempotencyKey: key(),
      expectedTotalCents: 1999 + 299,
      fulfilment: "delivery",
      addressId: home.id,
    });
    const orderId = (placed as { orderId: number }).orderId;
    signInAs(viewer);
    expect(
      await submit(updateAddressAction, { addressId: home.id, label: "Home", address: "7 Elm Row, Flat 2, Old Town" }),
    ).toEqual({ ok: true, message: "Address updated." });
    expect((await listAddresses({ viewer })).map((a) => [a.label, a.address, a.isDefault])).toEqual([
      ["Home", "7 Elm Row, Flat 2, Old Town", true],
    ]);
    expect((await getOrderForViewer({ viewer, orderId }))?.deliveryAddress).toBe("7 Elm Row, Old Town");

    expect(await submit(updateAddressAction, { addressId: home.id, label: "", address: "a\u0000b" })).toMatchObject({
      fieldErrors: { label: expect.any(Array), address: ["Remove control or invisible formatting characters."] },
    });
    const other = await viewerOf((await createUser(db())).user.id);
    signInAs(other);
    expect(await submit(updateAddressAction, { addressId: home.id, label: "Mine", address: "1 Thief Lane" })).toEqual({
      gone: true,
      message: addressMessages.notFoundEdit,
    });
    expect((await findAddress({ viewer, addressId: home.id }))?.address).toBe("7 Elm Row, Flat 2, Old Town");
  });

  it("keeps a bounded address book, one default, length-limited fields, owner-only", async () => {
    const customer = await createUser(db());
    const viewer = await viewerOf(customer.user.id);
    signInAs(viewer);
    expect(await submit(addAddressAction, { label: "x".repeat(41), address: "1 Road" })).toEqual({
      message: "Please correct the highlighted fields.",
      fieldErrors: { label: ["Use at most 40 characters."] },
    });
    expect(await submit(addAddressAction, { label: "Home", address: "a\u0000b" })).toMatchObject({
      fieldErrors: { address: ["Remove control or invisible formatting characters."] },
    });
    // A delivery to a blank address reached the kitchen's ticket.
    expect(await submit(addAddressAction, { label: "\u200D", address: "\u200B" })).toMatchObject({
      fieldErrors: { label: ["Enter a label, like Home."], address: ["Enter the address."] },
    });
    expect(await listAddresses({ viewer })).toEqual([]);
    // The same address twice, in other case and spacing: refused, naming the copy kept (it only doubled the choices
    // at checkout).
    expect(await submit(addAddressAction, { label: "Work", address: "5 Rue de l'Église, Paris" })).toMatchObject({
      ok: true,
    });
    expect(await submit(addAddressAction, { label: "Office", address: " 5 rue de l'église,  PARIS " })).toEqual({
      message: "Please correct the highlighted fields.",
      fieldErrors: { address: ['You have already saved this address, as "Work".'] },
    });
    expect((await listAddresses({ viewer })).map((a) => a.label)).toEqual(["Work"]);
    // Nor is an edit that makes another address a copy of it; rewriting an address's own case is an edit like any.
    expect(await submit(addAddressAction, { label: "Gym", address: "9 Dock Road" })).toMatchObject({ ok: true });
    const gym = (await listAddresses({ viewer })).find((a) => a.label === "Gym")!;
    expect(
      await submit(updateAddressAction, { addressId: gym.id, label: "Gym", address: "5 RUE DE L'ÉGLISE, PARIS" }),
    ).toEqual({
      message: "Please correct the highlighted fields.",
      fieldErrors: { address: ['You have already saved this address, as "Work".'] },
    });
    expect(await submit(updateAddressAction, { addressId: gym.id, label: "Gym", address: "9 DOCK ROAD" })).toEqual({
      ok: true,
      message: "Address updated.",
    });
    // Two addresses under one name, in any case ("Work" and "work"), were two look-alike choices at checkout.
    expect(await submit(addAddressAction, { label: " WORK ", address: "1 Other Street" })).toEqual({
      message: "Please correct the highlighted fields.",
      fieldErrors: { label: ['You already have an address called "Work": choose another name.'] },
    });
    expect(await submit(updateAddressAction, { addressId: gym.id, label: "work", address: "9 DOCK ROAD" })).toEqual({
      message: "Please correct the highlighted fields.",
      fieldErrors: { label: ['You already have an address called "Work": choose another name.'] },
    });
    expect((await listAddresses({ viewer })).map((a) => [a.label, a.address])).toEqual([
      ["Work", "5 Rue de l'Église, Paris"],
      ["Gym", "9 DOCK ROAD"],
    ]);
    await submit(deleteAddressAction, { addressId: gym.id });
    await submit(deleteAddressAction, { addressId: (await listAddresses({ viewer }))[0]!.id });
    for (let i = 1; i <= MAX_SAVED_ADDRESSES; i++) {
      expect(await submit(addAddressAction, { label: `Place ${i}`, address: `${i} Road` })).toEqual({
        ok: true,
        message: "Address saved.",
      });
    }
    expect(await submit(addAddressAction, { label: "One more", address: "11 Road" })).toEqual({
      message: "You can keep at most 10 addresses. Delete one to add another.",
    });
    const saved = await listAddresses({ viewer });
    expect(saved).toHaveLength(MAX_SAVED_ADDRESSES);
    // The first became the default; making another the default moves it.
    expect(saved.filter((a) => a.isDefault).map((a) => a.label)).toEqual(["Place 1"]);
    expect(await submit(setDefaultAddressAction, { addressId: saved[4]!.id })).toEqual({
      ok: true,
      message: "Default address changed.",
    });
    const after = await listAddresses({ viewer });
    expect(after.filter((a) => a.isDefault).map((a) => a.label)).toEqual(["Place 5"]);
    expect(after[0]!.label).toBe("Place 5");
    // Deleting the default hands it to the oldest address left.
    expect(await submit(deleteAddressAction, { addressId: after[0]!.id })).toEqual({
      ok: true,
      message: "Address deleted.",
    });
    const remaining = await listAddresses({ viewer });
    expect(remaining.filter((a) => a.isDefault).map((a) => a.label)).toEqual(["Place 1"]);
    expect(remaining).toHaveLength(MAX_SAVED_ADDRESSES - 1);
    // Another customer sees none of them and can change none of them.
    const other = await viewerOf((await createUser(db())).user.id);
    expect(await listAddresses({ viewer: other })).toEqual([]);
    signInAs(other);
    expect(await submit(deleteAddressAction, { addressId: saved[0]!.id })).toEqual({
      gone: true,
      message: addressMessages.notFound,
    });
    expect(await db().$count(customerAddresses, eq(customerAddresses.profileId, customer.profile.id))).toBe(9);
    signInAs(null);
    expect(await submit(addAddressAction, { label: "Home", address: "1 Road" })).toEqual({
      message: "Your session has ended. Please sign in again.",
    });
  });

  it("budgets: review 3, cart 3, account 3 statements, and checkout the same for 1 line or 40, delivery included", async () => {
    const counts = { review: [] as number[], cart: [] as number[], account: [] as number[], checkout: [] as number[] };
    for (const size of [1, 40]) {
      const customer = await createUser(db());
      const { restaurant, items } = await createRestaurant(
        db(),
        Array.from({ length: size }, (_, i) => ({ name: `Dish ${i + 1}`, priceCents: 100 + i })),
      );
      await db()
        .update(restaurants)
        .set({ offersDelivery: true, deliveryFeeCents: 250 })
        .where(eq(restaurants.id, restaurant.id));
      const viewer = await viewerOf(customer.user.id);
      await db()
        .insert(customerAddresses)
        .values(
          Array.from({ length: size === 1 ? 1 : MAX_SAVED_ADDRESSES }, (_, i) => ({
            profileId: customer.profile.id,
            label: `A${i}`,
            address: `${i} Road`,
            isDefault: i === 0,
          })),
        );
      const holder = { profileId: customer.profile.id };
      for (const item of items) await addToCart({ holder, menuItemId: item.id, quantity: 1 });
      const [home] = await listAddresses({ viewer });
      let total = 0;
      // The review page: session check, then the cart and the address side by side.
      counts.review.push(
        (
          await countQueries(async () => {
            const v = (await findActiveViewer(customer.user.id))!;
            const [cart, address] = await Promise.all([
              getCart({ holder }),
              findAddress({ viewer: v, addressId: home!.id }),
            ]);
            total = cart!.totalCents + 250;
            expect(address?.address).toBe("0 Road");
          })
        ).count,
      );
      counts.cart.push(
        (
          await countQueries(async () => {
            const v = (await findActiveViewer(customer.user.id))!;
            await Promise.all([getCart({ holder }), listAddresses({ viewer: v })]);
          })
        ).count,
      );
      counts.account.push(
        (
          await countQueries(async () => {
            const v = (await findActiveViewer(customer.user.id))!;
            await Promise.all([listOpenSessions({ viewer: v }), listAddresses({ viewer: v })]);
          })
        ).count,
      );
      counts.checkout.push(
        (
          await countQueries(async () => {
            const result = await placeOrder({
              viewer,
              idempotencyKey: key(),
              expectedTotalCents: total,
              fulfilment: "delivery",
              addressId: home!.id,
            });
            expect(result).toMatchObject({ ok: true });
          })
        ).count,
      );
    }
    expect(counts.review).toEqual([3, 3]);
    expect(counts.cart).toEqual([3, 3]);
    expect(counts.account).toEqual([3, 3]);
    expect(counts.checkout[0]).toBe(counts.checkout[1]);
    expect(counts.checkout[0]).toBeLessThanOrEqual(11);
  });
});
