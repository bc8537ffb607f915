import {
  customerAddresses,
  favorites,
  menuCategories,
  menuItems,
  OPEN_STATUSES,
  profiles,
  restaurantClosedDays,
  restaurantHours,
  restaurantOwners,
  restaurants,
  users,
} from "../schema";
import type { Database, Executor } from "../types";
import { DEMO_ACCOUNTS, DEMO_PASSWORD_HASH, type DemoAccount } from "./accounts";
import { DEMO_HOURS, demoHourRows } from "./hours";
import { insertDemoOptions } from "./options";
import { insertOrders, type SeedOrder } from "./orders";
import { createRandom, type Random } from "./random";
import { DEMO_RESTAURANTS } from "./restaurants";

const DAY_MS = 24 * 60 * 60 * 1000;
/** How far back the demo accounts were made; their orders begin a month later, up to a year ago. */
const DEMO_HISTORY_DAYS = 400;
export const DEMO_ORDER_COUNT = 360;

export type SeededMenu = { restaurantId: number; items: { id: number; name: string; priceCents: number }[] };

/** Each demo customer's saved home address (the default), which their seeded deliveries were sent to. */
export const demoHomeAddress = (slug: string, index: number) =>
  `${10 + index * 7} ${slug[0]!.toUpperCase()}${slug.slice(1)} Lane, Old Town`;

/** Seeds the demo data set unless users already exist (`onSeeding` is told first). Returns whether it seeded. */
export async function seedDemoIfEmpty(db: Database, onSeeding?: () => void): Promise<boolean> {
  const existing = await db.select({ id: users.id }).from(users).limit(1);
  if (existing.length > 0) return false;
  onSeeding?.();
  await seedDemo(db);
  return true;
}

/** `joined`: when the account was made (its "member since"); now unless the seed dates its history back. */
export async function insertAccount(db: Executor, account: DemoAccount, joined = new Date()): Promise<number> {
  const [user] = await db
    .insert(users)
    .values({
      email: account.email,
      name: account.name,
      role: account.role,
      passwordHash: DEMO_PASSWORD_HASH,
      createdAt: joined,
    })
    .returning({ id: users.id });
  const [profile] = await db
    .insert(profiles)
    .values({ userId: user!.id, slug: account.slug, displayName: account.name, createdAt: joined })
    .returning({ id: profiles.id });
  return profile!.id;
}

export async function insertRestaurants(db: Executor): Promise<Map<string, SeededMenu>> {
  const created = await db
    .insert(restaurants)
    .values(
      DEMO_RESTAURANTS.map((r) => ({
        slug: r.slug,
        name: r.name,
        cuisine: r.cuisine,
        description: r.description,
        address: r.address,
        isOpen: r.isOpen,
        offersPickup: r.offer?.pickup ?? true,
        offersDelivery: r.offer?.delivery ?? false,
        deliveryFeeCents: r.offer?.deliveryFeeCents ?? 0,
        minOrderCents: r.offer?.minOrderCents ?? 0,
        timeZone: DEMO_HOURS[r.slug]?.timeZone,
      })),
    )
    .returning({ id: restaurants.id, slug: restaurants.slug });
  const idBySlug = new Map(created.map((r) => [r.slug, r.id]));
  const hourRows = created.flatMap((r) => demoHourRows(r.id, DEMO_HOURS[r.slug]));
  if (hourRows.length) await db.insert(restaurantHours).values(hourRows);
  const closedRows = created.flatMap((r) =>
    (DEMO_HOURS[r.slug]?.closedDays ?? []).map((day) => ({ restaurantId: r.id, day })),
  );
  if (closedRows.length) await db.insert(restaurantClosedDays).values(closedRows);
  const categoryRows = DEMO_RESTAURANTS.flatMap((r) =>
    r.menu.map((c, position) => ({ restaurantId: idBySlug.get(r.slug)!, name: c.name, position })),
  );
  const categories = await db
    .insert(menuCategories)
    .values(categoryRows)
    .returning({ id: menuCategories.id, restaurantId: menuCategories.restaurantId });
  const itemRows = DEMO_RESTAURANTS.flatMap((r) => r.menu).flatMap((c, i) =>
    c.items.map(([name, description, priceCents], position) => ({
      categoryId: categories[i]!.id,
      restaurantId: categories[i]!.restaurantId,
      name,
      description,
      priceCents,
      position,
    })),
  );
  const items = await db.insert(menuItems).values(itemRows).returning({
    id: menuItems.id,
    restaurantId: menuItems.restaurantId,
    name: menuItems.name,
    priceCents: menuItems.priceCents,
  });
  const menus = new Map<string, SeededMenu>();
  for (const [slug, restaurantId] of idBySlug) {
    menus.set(slug, { restaurantId, items: items.filter((item) => item.restaurantId === restaurantId) });
  }
  return menus;
}

export function randomOrder(
  random: Random,
  customerId: number,
  menu: SeededMenu,
  placedAt: Date,
  key: string,
  status: SeedOrder["status"],
): SeedOrder {
  const lineCount = random.int(1, 4);
  const chosen = new Map<number, SeededMenu["items"][number]>();
  while (chosen.size < Math.min(lineCount, menu.items.length)) {
    const item = random.pick(menu.items);
    chosen.set(item.id, item);
  }
  return {
    customerId,
    restaurantId: menu.restaurantId,
    status,
    placedAt,
    idempotencyKey: key,
    lines: [...chosen.values()].map((item) => ({
      menuItemId: item.id,
      name: item.name,
      unitPriceCents: item.priceCents,
      quantity: random.int(1, 3),
    })),
  };
}

/** Deterministic demo data: the same accounts, menus and orders on every run (dates relative to today). */
export async function seedDemo(db: Database, now = new Date()) {
  const random = createRandom(20261125);
  await db.transaction(async (tx) => {
    const menus = await insertRestaurants(tx);
    // The accounts joined before their first order (the orders go back a year), not on the day of the seed.
    const joined = new Date(now.getTime() - DEMO_HISTORY_DAYS * DAY_MS);
    const profileIds = new Map<string, number>();
    for (const account of DEMO_ACCOUNTS) profileIds.set(account.email, await insertAccount(tx, account, joined));

    await tx.insert(restaurantOwners).values(
      DEMO_ACCOUNTS.flatMap((a) =>
        (a.owns ?? []).map((slug) => ({
          profileId: profileIds.get(a.email)!,
          restaurantId: menus.get(slug)!.restaurantId,
        })),
      ),
    );

    const customerAccounts = DEMO_ACCOUNTS.filter((a) => a.role !== "admin");
    const customers = customerAccounts.map((a) => profileIds.get(a.email)!);
    const homes = new Map(customerAccounts.map((a, i) => [profileIds.get(a.email)!, demoHomeAddress(a.slug, i)]));
    await tx.insert(customerAddresses).values(
      customerAccounts.map((a) => ({
        profileId: profileIds.get(a.email)!,
        label: "Home",
        address: homes.get(profileIds.get(a.email)!)!,
        isDefault: true,
      })),
    );
    const allMenus = [...menus.values()];
    const offers = new Map(DEMO_RESTAURANTS.map((r) => [menus.get(r.slug)!.restaurantId, r.offer]));
    await tx
      .insert(favorites)
      .values(
        customers.flatMap((profileId, i) =>
          [0, 3, 5]
            .slice(0, 2 + (i % 2))
            .map((offset) => ({ profileId, restaurantId: allMenus[(i + offset) % allMenus.length]!.restaurantId })),
        ),
      );

    const today = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
    const orderRows: SeedOrder[] = [];
    for (let i = 0; i < DEMO_ORDER_COUNT; i++) {
      // The last dozen orders land today, so that order queues and "today" figures have something to show.
      const recent = i >= DEMO_ORDER_COUNT - 12;
      const ageMs = recent
        ? random.int(15, 8 * 60) * 60_000
        : random.int(1, DEMO_HISTORY_DAYS - 35) * DAY_MS + random.int(0, DAY_MS);
      const status = recent ? random.pick(OPEN_STATUSES) : random.next() < 0.08 ? "cancelled" : "completed";
      const menu = random.pick(allMenus);
      const order = randomOrder(
        random,
        random.pick(customers),
        menu,
        new Date(today.getTime() - ageMs),
        `seed-${String(i).padStart(4, "0")}`,
        status,
      );
      // Every third order of a restaurant that delivers (every one where it only delivers) went to the customer's
      // home, at the restaurant's fee. Decided by position, not by the random stream, so the rest of the demo
      // data stays what it was.
      const offer = offers.get(menu.restaurantId);
      if (offer?.delivery && (!offer.pickup || i % 3 === 0)) {
        order.delivery = { feeCents: offer.deliveryFeeCents, address: homes.get(order.customerId)! };
        if (i % 6 === 0) order.note = "Please ring the bell twice.";
      }
      orderRows.push(order);
    }
    orderRows.sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime());
    await insertOrders(tx, orderRows);
    await insertDemoOptions(tx);
  });
}
