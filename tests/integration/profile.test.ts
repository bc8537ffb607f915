import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { countQueries } from "@/db/query-stats";
import { menuItems, users } from "@/db/schema";
import { addAddress } from "@/lib/addresses/queries";
import { findActiveViewer } from "@/lib/auth/queries";
import { formatCents } from "@/lib/money";
import { decodeCursor } from "@/lib/orders/cursor";
import { getProfileForViewer, RECENT_ORDERS } from "@/lib/profile/queries";

import { DRIVERS, freshDatabase } from "../fixtures/db";
import { createOrders, createRestaurant, createUser } from "../fixtures/factory";

describe.each(DRIVERS)("profile page data on %s", (driver) => {
  const db = freshDatabase(driver);

  /** What the /profile page does for a request: re-read the signed-in user, then the profile. */
  async function profileRequest(userId: string, slug?: string, before?: string) {
    const viewer = await findActiveViewer(userId);
    if (!viewer) throw new Error("viewer should be active");
    return getProfileForViewer({ viewer, slug, cursor: decodeCursor(before) ?? undefined });
  }

  async function customerWithOrders(
    count: number,
    lines = [{ menuItemId: null, name: "Soup", unitPriceCents: 1999, quantity: 3 }],
  ) {
    const customer = await createUser(db());
    const { restaurant } = await createRestaurant(db());
    await createOrders(db(), { customerId: customer.profile.id, restaurantId: restaurant.id, count, lines });
    return { ...customer, restaurant };
  }

  it("totals every non-cancelled order to the cent", async () => {
    const { user, profile, restaurant } = await customerWithOrders(3, [
      { menuItemId: null, name: "Soup", unitPriceCents: 1999, quantity: 3 },
      { menuItemId: null, name: "Mint", unitPriceCents: 1, quantity: 1 },
    ]);
    const lines = [{ menuItemId: null, name: "Feast", unitPriceCents: 100_000, quantity: 1 }];
    await createOrders(db(), {
      customerId: profile.id,
      restaurantId: restaurant.id,
      count: 2,
      lines,
      status: "cancelled",
    });

    const view = await profileRequest(user.id);
    expect(view?.totalPurchaseCents).toBe(3 * (3 * 1999 + 1));
    expect(formatCents(view!.totalPurchaseCents)).toBe("$179.94");
    expect(view?.orderCount).toBe(3);
    expect(view?.orders).toHaveLength(5);
    expect(view?.orders.filter((o) => o.status === "cancelled")).toHaveLength(2);
  });

  it("sums beyond 2^31 cents without overflow", async () => {
    const { user, profile } = await customerWithOrders(25, [
      { menuItemId: null, name: "Gold leaf", unitPriceCents: 1_000_000, quantity: 99 },
    ]);
    const expected = 25 * 99 * 1_000_000;
    expect(expected).toBeGreaterThan(2 ** 31);
    const view = await profileRequest(user.id);
    expect(view?.totalPurchaseCents).toBe(expected);
    const [hand] = await db()
      .select({ total: sql<string>`sum(ol.quantity::bigint * ol.unit_price_cents)::text` })
      .from(sql`order_lines ol join orders o on o.id = ol.order_id`)
      .where(sql`o.customer_id = ${profile.id}`);
    expect(Number(hand!.total)).toBe(expected);
  });

  it("keeps past totals when a menu price changes", async () => {
    const customer = await createUser(db());
    const { restaurant, items } = await createRestaurant(db(), [{ name: "Pho", priceCents: 1350 }]);
    const item = items[0]!;
    await createOrders(db(), {
      customerId: customer.profile.id,
      restaurantId: restaurant.id,
      count: 2,
      lines: [{ menuItemId: item.id, name: item.name, unitPriceCents: item.priceCents, quantity: 2 }],
    });
    await db().update(menuItems).set({ priceCents: 9999 }).where(eq(menuItems.id, item.id));
    const view = await profileRequest(customer.user.id);
    expect(view?.totalPurchaseCents).toBe(2 * 2 * 1350);
    expect(view?.orders[0]?.lines[0]).toMatchObject({ name: "Pho", unitPriceCents: 1350, quantity: 2 });
  });

  it.each([0, 10, 5000])(
    "stays within 3 statements (session check included) for a user with %i orders",
    async (count) => {
      const { user } = await customerWithOrders(count);
      const { result, count: statements } = await countQueries(() => profileRequest(user.id));
      expect(statements).toBeLessThanOrEqual(3);
      expect(statements).toBe(2);
      expect(result?.orderCount).toBe(count);
      expect(result?.totalPurchaseCents).toBe(count * 3 * 1999);
      expect(result?.orders).toHaveLength(Math.min(count, RECENT_ORDERS));
    },
  );

  it("pages through the whole history by keyset, newest first, with a constant statement count", async () => {
    const { user } = await customerWithOrders(45);
    const seen: number[] = [];
    let before: string | undefined;
    for (let page = 0; page < 5; page++) {
      const { result, count } = await countQueries(() => profileRequest(user.id, undefined, before));
      expect(count).toBe(2);
      seen.push(...result!.orders.map((o) => o.id));
      before = result!.nextCursor;
      if (!before) break;
    }
    expect(seen).toHaveLength(45);
    expect(new Set(seen).size).toBe(45);
    expect(before).toBeUndefined();
  });

  it("shows the restaurants a user owns and their favorites", async () => {
    const owner = await createUser(db(), { role: "owner" });
    const { restaurant } = await createRestaurant(db());
    const favorite = await createRestaurant(db());
    await db().execute(
      sql`insert into restaurant_owners (profile_id, restaurant_id) values (${owner.profile.id}, ${restaurant.id})`,
    );
    await db().execute(
      sql`insert into favorites (profile_id, restaurant_id) values (${owner.profile.id}, ${favorite.restaurant.id})`,
    );
    const view = await profileRequest(owner.user.id);
    expect(view?.ownedRestaurants.map((o) => o.restaurant.slug)).toEqual([restaurant.slug]);
    expect(view?.favorites.map((f) => f.restaurant.slug)).toEqual([favorite.restaurant.slug]);
    expect(view?.user.role).toBe("owner");
  });

  it("counts every favorite in the figure while listing the newest 50", async () => {
    const fan = await createUser(db());
    await db().execute(sql`insert into restaurants (slug, name, cuisine, address)
      select 'fav-' || ${fan.profile.id} || '-' || g, 'Fav ' || g, 'Test', '1 Street' from generate_series(1, 55) g`);
    await db().execute(sql`insert into favorites (profile_id, restaurant_id)
      select ${fan.profile.id}, id from restaurants where slug like ${`fav-${fan.profile.id}-%`}`);
    const view = await profileRequest(fan.user.id);
    expect(view?.favorites).toHaveLength(50);
    expect(view?.favoriteCount).toBe(55);
  });

  it("lists the saved delivery addresses, default first, in the same statement", async () => {
    const { user } = await customerWithOrders(2);
    const viewer = (await findActiveViewer(user.id))!;
    await addAddress({ viewer, label: "Office", address: "1 Quay Street", makeDefault: false });
    await addAddress({ viewer, label: "Home", address: "42 Harbour Road", makeDefault: true });
    await addAddress({ viewer, label: "Gran's", address: "3 Mill Lane", makeDefault: false });
    const { result, count } = await countQueries(() => profileRequest(user.id));
    expect(count).toBe(2);
    expect(result?.addresses.map((a) => [a.label, a.address, a.isDefault])).toEqual([
      ["Home", "42 Harbour Road", true],
      ["Office", "1 Quay Street", false],
      ["Gran's", "3 Mill Lane", false],
    ]);
    const stranger = await customerWithOrders(0);
    expect((await profileRequest(stranger.user.id))?.addresses).toEqual([]);
  });

  it("lets a customer see only their own profile, and an admin anyone's", async () => {
    const alice = await customerWithOrders(2);
    const bob = await customerWithOrders(1);
    const admin = await createUser(db(), { role: "admin" });
    expect(await profileRequest(alice.user.id, bob.profile.slug)).toBeNull();
    expect(await profileRequest(alice.user.id, "no-such-user")).toBeNull();
    expect((await profileRequest(alice.user.id, alice.profile.slug))?.orderCount).toBe(2);
    const seenByAdmin = await profileRequest(admin.user.id, bob.profile.slug);
    expect(seenByAdmin?.totalPurchaseCents).toBe(3 * 1999);
  });

  it("re-reads role and disabled flag on every request", async () => {
    const { user } = await createUser(db(), { role: "admin" });
    expect((await findActiveViewer(user.id))?.role).toBe("admin");
    await db().update(users).set({ role: "customer" }).where(eq(users.id, user.id));
    expect((await findActiveViewer(user.id))?.role).toBe("customer");
    await db().update(users).set({ disabled: true }).where(eq(users.id, user.id));
    expect(await findActiveViewer(user.id)).toBeNull();
  });
});
