import { eq } from "drizzle-orm";

import { menuItems, profiles, users } from "../schema";
import type { Database } from "../types";
import { HEAVY_ACCOUNT } from "./accounts";
import { insertAccount, randomOrder, type SeededMenu } from "./demo";
import { insertOrders, type SeedOrder } from "./orders";
import { createRandom } from "./random";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The heavy customer's profile id, created on first use. */
export async function heavyProfileId(db: Database): Promise<number> {
  const [existing] = await db
    .select({ id: profiles.id })
    .from(profiles)
    .innerJoin(users, eq(users.id, profiles.userId))
    .where(eq(users.email, HEAVY_ACCOUNT.email));
  return existing?.id ?? insertAccount(db, HEAVY_ACCOUNT);
}

/**
 * Gives one customer `count` more orders of exactly 3 lines each, spread over the last three years,
 * with bulk inserts (a thousand orders per round trip). Needs the demo menus to exist.
 */
export async function seedHeavyOrders(
  db: Database,
  options: { count: number; profileId?: number; seed?: number; onProgress?: (done: number, total: number) => void },
) {
  const profileId = options.profileId ?? (await heavyProfileId(db));
  const items = await db
    .select({
      id: menuItems.id,
      restaurantId: menuItems.restaurantId,
      name: menuItems.name,
      priceCents: menuItems.priceCents,
    })
    .from(menuItems);
  const menus = new Map<number, SeededMenu>();
  for (const item of items) {
    const menu = menus.get(item.restaurantId) ?? { restaurantId: item.restaurantId, items: [] };
    menu.items.push(item);
    menus.set(item.restaurantId, menu);
  }
  const eligible = [...menus.values()].filter((m) => m.items.length >= 3);
  if (eligible.length === 0) throw new Error("seed the demo data first: no menu has three items");

  const random = createRandom(options.seed ?? 42);
  const now = Date.now();
  const stamp = now.toString(36);
  const rows: SeedOrder[] = [];
  for (let i = 0; i < options.count; i++) {
    const placedAt = new Date(now - random.int(0, 3 * 365 * DAY_MS));
    const order = randomOrder(
      random,
      profileId,
      random.pick(eligible),
      placedAt,
      `heavy-${stamp}-${i}`,
      random.next() < 0.05 ? "cancelled" : "completed",
    );
    // Top up to exactly three distinct lines: the benchmark's shape is "N orders x 3 lines".
    const menu = menus.get(order.restaurantId)!;
    for (const item of menu.items) {
      if (order.lines.length >= 3) break;
      if (!order.lines.some((l) => l.menuItemId === item.id)) {
        order.lines.push({
          menuItemId: item.id,
          name: item.name,
          unitPriceCents: item.priceCents,
          quantity: random.int(1, 3),
        });
      }
    }
    order.lines.length = 3;
    rows.push(order);
  }
  await insertOrders(db, rows, options.onProgress);
  return { profileId, count: rows.length };
}
