import { and, asc, eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { connectPostgres, setDatabase } from "@/db/client";
import { databaseUrl } from "@/db/postgres-admin";
import { countQueries } from "@/db/query-stats";
import { orders, orderStatus, orderStatusEvents, restaurantOwners, restaurants, type OrderStatus } from "@/db/schema";
import { findActiveViewer, type Viewer } from "@/lib/auth/queries";
import { TRANSITIONS } from "@/lib/orders/status";
import { transitionOrderAction, updateRestaurantAction } from "@/lib/owner/actions";
import { getOrderQueue, listOwnedRestaurants } from "@/lib/owner/queries";
import { getSalesReport } from "@/lib/owner/sales";

import { DRIVERS, freshDatabase } from "../fixtures/db";
import { createOrders, createOrdersAt, createOwner, createRestaurant, createUser } from "../fixtures/factory";
import { signInAs, submit } from "../fixtures/session";

vi.mock("@/lib/auth/session", async () => (await import("../fixtures/session")).sessionMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const STATUSES = orderStatus.enumValues;
const LINES = [{ menuItemId: null, name: "Soup", unitPriceCents: 500, quantity: 2 }];

describe.each(DRIVERS)("owner orders and dashboard on %s", (driver) => {
  const db = freshDatabase(driver);

  async function viewerOf(userId: string): Promise<Viewer> {
    const viewer = await findActiveViewer(userId);
    if (!viewer) throw new Error("viewer should be active");
    return viewer;
  }

  async function setup() {
    const a = await createRestaurant(db());
    const b = await createRestaurant(db());
    const ownerA = await createOwner(db(), [a.restaurant.id]);
    const ownerB = await createOwner(db(), [b.restaurant.id]);
    const customer = await createUser(db());
    return { a, b, customer, ownerA: await viewerOf(ownerA.user.id), ownerB: await viewerOf(ownerB.user.id) };
  }

  const orderIn = async (restaurantId: number, customerId: number, status: OrderStatus) =>
    (await createOrders(db(), { customerId, restaurantId, count: 1, lines: LINES, status }))[0]!;
  const orderRow = async (id: number) => (await db().select().from(orders).where(eq(orders.id, id)))[0]!;
  const events = (id: number) =>
    db().select().from(orderStatusEvents).where(eq(orderStatusEvents.orderId, id)).orderBy(asc(orderStatusEvents.id));

  beforeEach(() => signInAs(null));

  /**
   * Runs `fn` with the app's database in a session whose time zone differs from APP_TIME_ZONE. PGlite has one
   * session; on PostgreSQL a separate client sends TimeZone as a startup parameter, like a server set up elsewhere.
   */
  async function inSessionTimeZone<T>(timeZone: string, fn: () => Promise<T>): Promise<T> {
    if (driver === "pglite") {
      await db().execute(sql`select set_config('TimeZone', ${timeZone}, false)`);
      try {
        return await fn();
      } finally {
        await db().execute(sql`reset time zone`);
      }
    }
    const [current] = await db()
      .select({ name: sql<string>`current_database()` })
      .from(restaurants)
      .limit(1);
    const url = new URL(databaseUrl(process.env.DATABASE_URL!, current!.name));
    url.searchParams.set("TimeZone", timeZone);
    const handle = await connectPostgres(url.toString(), { max: 2 });
    setDatabase(handle);
    try {
      return await fn();
    } finally {
      setDatabase({ db: db(), driver, close: async () => {} });
      await handle.close();
    }
  }

  describe("transition table through the owner's action", () => {
    const cases = STATUSES.flatMap((from) =>
      STATUSES.filter((to) => to !== from).map((to) => [from, to, TRANSITIONS[from].includes(to)] as const),
    );

    it.each(cases)("%s -> %s allowed: %s", async (from, to, allowed) => {
      const { a, customer, ownerA } = await setup();
      const orderId = await orderIn(a.restaurant.id, customer.profile.id, from);
      const before = await events(orderId);
      signInAs(ownerA);
      const result = await submit(transitionOrderAction, {
        orderId,
        from,
        to,
        reason: to === "cancelled" ? "Out of basil" : undefined,
      });
      const after = await events(orderId);
      if (allowed) {
        expect(result).toEqual({ ok: true, message: to === "cancelled" ? "Order cancelled." : `Order marked ${to}.` });
        expect((await orderRow(orderId)).status).toBe(to);
        expect(after).toHaveLength(before.length + 1);
        expect(after.at(-1)).toMatchObject({
          fromStatus: from,
          toStatus: to,
          actorProfileId: ownerA.profileId,
          reason: to === "cancelled" ? "Out of basil" : null,
        });
      } else {
        expect(result).toEqual({ message: `An order cannot go from ${from} to ${to}.` });
        expect((await orderRow(orderId)).status).toBe(from);
        expect(after).toEqual(before);
      }
    });
  });

  it("walks an order from placed to completed, recording who moved it and when", async () => {
    const { a, customer, ownerA } = await setup();
    const orderId = await orderIn(a.restaurant.id, customer.profile.id, "placed");
    signInAs(ownerA);
    for (const [from, to] of [
      ["placed", "preparing"],
      ["preparing", "ready"],
      ["ready", "completed"],
    ] as const) {
      expect(await submit(transitionOrderAction, { orderId, from, to })).toMatchObject({ ok: true });
    }
    const history = await events(orderId);
    expect(history.map((e) => [e.fromStatus, e.toStatus])).toEqual([
      [null, "placed"],
      ["placed", "preparing"],
      ["preparing", "ready"],
      ["ready", "completed"],
    ]);
    expect(history.slice(1).every((e) => e.actorProfileId === ownerA.profileId && e.createdAt instanceof Date)).toBe(
      true,
    );
    expect((await orderRow(orderId)).totalCents).toBe(1000);
  });

  it("needs a reason to cancel, and refuses a click on an order that someone already moved", async () => {
    const { a, customer, ownerA } = await setup();
    const orderId = await orderIn(a.restaurant.id, customer.profile.id, "preparing");
    signInAs(ownerA);
    expect(await submit(transitionOrderAction, { orderId, from: "preparing", to: "cancelled", reason: "  " })).toEqual({
      message: "Please correct the highlighted fields.",
      fieldErrors: { reason: ["Tell the customer why the order is cancelled."] },
    });
    expect(await submit(transitionOrderAction, { orderId, from: "placed", to: "preparing" })).toEqual({
      message: "This order is already preparing. The queue has been refreshed.",
    });
    expect(await submit(transitionOrderAction, { orderId, from: "preparing", to: "shipped" })).toMatchObject({
      fieldErrors: { to: ["Unknown status."] },
    });
    expect((await orderRow(orderId)).status).toBe("preparing");
    expect(await events(orderId)).toHaveLength(2);
  });

  it("names an order that left the queue while a stale tab moved it, and says it is gone from the page", async () => {
    const { a, customer, ownerA } = await setup();
    const orderId = await orderIn(a.restaurant.id, customer.profile.id, "ready");
    signInAs(ownerA);
    expect(await submit(transitionOrderAction, { orderId, from: "ready", to: "completed" })).toMatchObject({
      ok: true,
    });
    // The other tab still shows it ready: its form leaves the refreshed queue, so the answer names the order.
    for (const to of ["completed", "cancelled"] as const) {
      expect(await submit(transitionOrderAction, { orderId, from: "ready", to, reason: "Closed early" })).toEqual({
        gone: true,
        message: `Order #${orderId} is already completed, so it has left the queue.`,
      });
    }
    expect((await orderRow(orderId)).status).toBe("completed");
  });

  it("lets exactly one of two simultaneous clicks move an order", async () => {
    const { a, customer, ownerA } = await setup();
    const coOwner = await createOwner(db(), [a.restaurant.id]);
    const orderId = await orderIn(a.restaurant.id, customer.profile.id, "placed");
    const { moveOrder } = await import("@/lib/owner/queries");
    const results = await Promise.all([
      moveOrder({ viewer: ownerA, orderId, from: "placed", to: "preparing" }),
      moveOrder({
        viewer: await viewerOf(coOwner.user.id),
        orderId,
        from: "placed",
        to: "cancelled",
        reason: "Closed early",
      }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const after = await events(orderId);
    expect(after).toHaveLength(2);
    expect((await orderRow(orderId)).status).toBe(after[1]!.toStatus);
  });

  it("refuses another owner's order and restaurant, and changes nothing", async () => {
    const { b, customer, ownerA } = await setup();
    const orderId = await orderIn(b.restaurant.id, customer.profile.id, "placed");
    const [restaurantBefore] = await db().select().from(restaurants).where(eq(restaurants.id, b.restaurant.id));
    signInAs(ownerA);
    for (const to of ["preparing", "cancelled"] as const) {
      expect(await submit(transitionOrderAction, { orderId, from: "placed", to, reason: "mine" })).toEqual({
        message: "Order not found.",
      });
    }
    expect(await submit(transitionOrderAction, { orderId: 999_999, from: "placed", to: "preparing" })).toEqual({
      message: "Order not found.",
    });
    expect(
      await submit(updateRestaurantAction, {
        restaurantId: b.restaurant.id,
        name: "Taken",
        cuisine: "X",
        address: "Y",
        isOpen: "on",
        offersPickup: "on",
      }),
    ).toEqual({ message: "Restaurant not found." });
    expect((await orderRow(orderId)).status).toBe("placed");
    expect(await events(orderId)).toHaveLength(1);
    expect((await db().select().from(restaurants).where(eq(restaurants.id, b.restaurant.id)))[0]).toEqual(
      restaurantBefore,
    );
    expect(await getOrderQueue({ viewer: ownerA, slug: b.restaurant.slug })).toBeNull();
  });

  it("does not save details over a change made since the form was drawn, and saves once the form shows it", async () => {
    const { a, ownerA } = await setup();
    signInAs(ownerA);
    const drawn = (await listOwnedRestaurants({ viewer: ownerA }))[0]!.detailsVersion;
    const form = { restaurantId: a.restaurant.id, version: drawn, cuisine: "Soups", address: "1 Main St" };
    // One tab closes the restaurant; a second one, drawn before that, fixes the name with the restaurant still open.
    expect(await submit(updateRestaurantAction, { ...form, name: "Closed today", offersPickup: "on" })).toEqual({
      ok: true,
      message: "Saved.",
    });
    expect(
      await submit(updateRestaurantAction, { ...form, name: "Soup Corner", isOpen: "on", offersPickup: "on" }),
    ).toEqual({
      stale: true,
      message:
        "Nothing was saved: these details were changed in another tab or by another owner since you opened this page. " +
        "The form now shows them as they are: make your changes again.",
    });
    // Before, the stale tab's save reopened the restaurant.
    const [row] = await db().select().from(restaurants).where(eq(restaurants.id, a.restaurant.id));
    expect([row!.name, row!.isOpen]).toEqual(["Closed today", false]);
    const fresh = (await listOwnedRestaurants({ viewer: ownerA }))[0]!.detailsVersion;
    expect(fresh).not.toBe(drawn);
    expect(
      await submit(updateRestaurantAction, { ...form, version: fresh, name: "Soup Corner", offersPickup: "on" }),
    ).toMatchObject({ ok: true });
    const [saved] = await db().select().from(restaurants).where(eq(restaurants.id, a.restaurant.id));
    expect([saved!.name, saved!.isOpen]).toEqual(["Soup Corner", false]);
  });

  it("gives an admin the owner tools only for restaurants they own: dashboard, queue, transitions, details", async () => {
    const { a, b, customer } = await setup();
    const admin = await createUser(db(), { role: "admin" });
    await db().insert(restaurantOwners).values({ profileId: admin.profile.id, restaurantId: a.restaurant.id });
    const viewer = await viewerOf(admin.user.id);
    const foreign = await orderIn(b.restaurant.id, customer.profile.id, "placed");
    const own = await orderIn(a.restaurant.id, customer.profile.id, "placed");
    const [restaurantBefore] = await db().select().from(restaurants).where(eq(restaurants.id, b.restaurant.id));

    // The dashboard is bounded by ownership, not the size of the platform.
    expect((await listOwnedRestaurants({ viewer })).map((r) => r.id)).toEqual([a.restaurant.id]);
    expect(await getOrderQueue({ viewer, slug: b.restaurant.slug })).toBeNull();
    signInAs(viewer);
    expect(
      await submit(transitionOrderAction, { orderId: foreign, from: "placed", to: "cancelled", reason: "Admin" }),
    ).toEqual({
      message: "Order not found.",
    });
    expect(
      await submit(updateRestaurantAction, {
        restaurantId: b.restaurant.id,
        name: "Closed",
        cuisine: "X",
        address: "Y",
        offersPickup: "on",
      }),
    ).toEqual({ message: "Restaurant not found." });
    expect((await orderRow(foreign)).status).toBe("placed");
    expect(await events(foreign)).toHaveLength(1);
    expect((await db().select().from(restaurants).where(eq(restaurants.id, b.restaurant.id)))[0]).toEqual(
      restaurantBefore,
    );

    expect(await submit(transitionOrderAction, { orderId: own, from: "placed", to: "preparing" })).toMatchObject({
      ok: true,
    });
    expect((await events(own)).at(-1)).toMatchObject({ toStatus: "preparing", actorProfileId: admin.profile.id });
  });

  it("keeps customers out of owner actions and signed-out visitors get a sign-in message", async () => {
    const { a, customer } = await setup();
    const orderId = await orderIn(a.restaurant.id, customer.profile.id, "placed");
    signInAs(await viewerOf(customer.user.id));
    await expect(submit(transitionOrderAction, { orderId, from: "placed", to: "preparing" })).rejects.toThrow(
      /NEXT_HTTP_ERROR_FALLBACK;404/,
    );
    await expect(
      submit(updateRestaurantAction, { restaurantId: a.restaurant.id, name: "X", cuisine: "X", address: "X" }),
    ).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404/);
    signInAs(null);
    expect(await submit(transitionOrderAction, { orderId, from: "placed", to: "preparing" })).toEqual({
      message: "Your session has ended. Please sign in again.",
    });
    expect((await orderRow(orderId)).status).toBe("placed");
  });

  it("edits a restaurant's details, including open/closed, with messages next to bad fields", async () => {
    const { a, ownerA } = await setup();
    signInAs(ownerA);
    expect(
      await submit(updateRestaurantAction, {
        restaurantId: a.restaurant.id,
        name: " Luce ",
        description: "Pasta",
        cuisine: "Italian",
        address: "1 Road",
        offersPickup: "on",
      }),
    ).toEqual({ ok: true, message: "Saved." });
    expect((await db().select().from(restaurants).where(eq(restaurants.id, a.restaurant.id)))[0]).toMatchObject({
      name: "Luce",
      description: "Pasta",
      cuisine: "Italian",
      address: "1 Road",
      isOpen: false,
    });
    expect(
      await submit(updateRestaurantAction, {
        restaurantId: a.restaurant.id,
        name: "",
        cuisine: "x".repeat(61),
        address: "1 Road",
        isOpen: "on",
        offersDelivery: "on",
      }),
    ).toEqual({
      message: "Please correct the highlighted fields.",
      fieldErrors: { name: ["Enter a name."], cuisine: ["Use at most 60 characters."] },
    });
    expect((await db().select().from(restaurants).where(eq(restaurants.id, a.restaurant.id)))[0]?.isOpen).toBe(false);
  });

  it("queues open orders oldest first, only for the owner's restaurant", async () => {
    const { a, b, customer, ownerA } = await setup();
    const ids = await createOrders(db(), {
      customerId: customer.profile.id,
      restaurantId: a.restaurant.id,
      count: 3,
      lines: LINES,
      status: "placed",
    });
    await createOrders(db(), {
      customerId: customer.profile.id,
      restaurantId: a.restaurant.id,
      count: 2,
      lines: LINES,
      status: "completed",
    });
    await createOrders(db(), {
      customerId: customer.profile.id,
      restaurantId: b.restaurant.id,
      count: 2,
      lines: LINES,
      status: "placed",
    });
    const queue = await getOrderQueue({ viewer: ownerA, slug: a.restaurant.slug });
    // createOrders places each later order a minute earlier: the last id is the oldest.
    expect(queue?.orders.map((o) => o.id)).toEqual([...ids].reverse());
    expect(queue?.openCount).toBe(3);
    expect(queue?.orders[0]).toMatchObject({
      status: "placed",
      totalCents: 1000,
      customer: { displayName: customer.profile.displayName },
    });
    expect(queue?.orders[0]?.lines).toEqual([
      expect.objectContaining({ name: "Soup", quantity: 2, unitPriceCents: 500 }),
    ]);
  });

  it.each([1, 60])(
    "reads the order queue in 2 statements, session check included, with %i open orders",
    async (count) => {
      const { a, customer, ownerA } = await setup();
      await createOrders(db(), {
        customerId: customer.profile.id,
        restaurantId: a.restaurant.id,
        count,
        lines: [...LINES, ...LINES.map((l) => ({ ...l, name: "Bread" }))],
        status: "preparing",
      });
      const { result, count: statements } = await countQueries(async () => {
        const viewer = await findActiveViewer(ownerA.userId);
        return getOrderQueue({ viewer: viewer!, slug: a.restaurant.slug });
      });
      expect(statements).toBe(2);
      expect(result?.orders).toHaveLength(count);
      expect(result?.orders.every((o) => o.lines.length === 2)).toBe(true);
    },
  );

  it("shows today's orders and revenue per owned restaurant (non-cancelled, from line snapshots)", async () => {
    const a1 = await createRestaurant(db());
    const a2 = await createRestaurant(db());
    const other = await createRestaurant(db());
    const owner = await createOwner(db(), [a1.restaurant.id, a2.restaurant.id]);
    const customer = await createUser(db());
    const now = new Date("2026-11-25T15:00:00Z");
    const at = (iso: string) => new Date(iso);
    const { insertOrders } = await import("@/db/seed/orders");
    const order = (
      restaurantId: number,
      placedAt: Date,
      status: OrderStatus,
      unitPriceCents: number,
      quantity: number,
    ) => ({
      customerId: customer.profile.id,
      restaurantId,
      status,
      placedAt,
      idempotencyKey: `dash-${restaurantId}-${placedAt.getTime()}-${status}-${unitPriceCents}`,
      lines: [{ menuItemId: null, name: "Dish", unitPriceCents, quantity }],
    });
    await insertOrders(db(), [
      order(a1.restaurant.id, at("2026-11-25T00:00:00Z"), "completed", 1250, 2),
      order(a1.restaurant.id, at("2026-11-25T14:59:00Z"), "placed", 999, 1),
      order(a1.restaurant.id, at("2026-11-25T10:00:00Z"), "cancelled", 50_000, 1),
      order(a1.restaurant.id, at("2026-11-24T23:59:59Z"), "completed", 7777, 1),
      order(a2.restaurant.id, at("2026-11-26T00:00:00Z"), "placed", 100, 1),
      order(other.restaurant.id, at("2026-11-25T12:00:00Z"), "completed", 100, 1),
    ]);
    const viewer = await viewerOf(owner.user.id);
    const { result, count } = await countQueries(async () => {
      const v = await findActiveViewer(owner.user.id);
      return listOwnedRestaurants({ viewer: v!, now });
    });
    expect(count).toBe(2);
    const byId = new Map(result.map((r) => [r.id, r]));
    expect([...byId.keys()].sort()).toEqual([a1.restaurant.id, a2.restaurant.id].sort());
    expect(byId.get(a1.restaurant.id)).toMatchObject({ ordersToday: 2, revenueToday: 2 * 1250 + 999, openOrders: 1 });
    expect(byId.get(a2.restaurant.id)).toMatchObject({ ordersToday: 0, revenueToday: 0, openOrders: 1 });
    expect((await listOwnedRestaurants({ viewer, now })).length).toBe(2);
  });

  it("counts today by the app's time zone, whatever the database session's time zone (a DST day there)", async () => {
    const { restaurant } = await createRestaurant(db());
    const owner = await createOwner(db(), [restaurant.id]);
    const customer = await createUser(db());
    const placed = ["2026-10-31T23:59:59Z", "2026-11-01T00:00:00Z", "2026-11-01T23:59:59Z", "2026-11-02T00:30:00Z"];
    await createOrdersAt(db(), {
      customerId: customer.profile.id,
      restaurantId: restaurant.id,
      placedAt: placed.map((iso) => new Date(iso)),
    });
    const viewer = await viewerOf(owner.user.id);
    // 2026-11-01 is 25 hours long in New York: "midnight + interval '1 day'" in that session ends at 01:00 UTC.
    const now = new Date("2026-11-01T12:00:00Z");
    const { dashboard, sales } = await inSessionTimeZone("America/New_York", async () => ({
      dashboard: await listOwnedRestaurants({ viewer, now }),
      sales: await getSalesReport({ viewer, slug: restaurant.slug, now }),
    }));
    expect(dashboard).toEqual([
      expect.objectContaining({ id: restaurant.id, ordersToday: 2, revenueToday: 200 + 300 }),
    ]);
    expect(sales?.days.at(-1)).toEqual({ day: "2026-11-01", orders: 2, revenueCents: 500 });
  });

  it.each([1, 12])("reads the dashboard in 2 statements, session check included, for %i restaurants", async (n) => {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) ids.push((await createRestaurant(db())).restaurant.id);
    const owner = await createOwner(db(), ids);
    const customer = await createUser(db());
    for (const id of ids)
      await createOrders(db(), {
        customerId: customer.profile.id,
        restaurantId: id,
        count: 3,
        lines: LINES,
        status: "placed",
      });
    const { result, count } = await countQueries(async () => {
      const viewer = await findActiveViewer(owner.user.id);
      return listOwnedRestaurants({ viewer: viewer! });
    });
    expect(count).toBe(2);
    expect(result).toHaveLength(n);
    expect(result.every((r) => r.openOrders === 3)).toBe(true);
    const customerViewer = await viewerOf(customer.user.id);
    expect(await listOwnedRestaurants({ viewer: customerViewer })).toEqual([]);
    expect(
      await db()
        .select()
        .from(orders)
        .where(and(eq(orders.customerId, customer.profile.id), eq(orders.status, "placed"))),
    ).toHaveLength(3 * n);
  });
});
