/**
 * `npm run db:seed -- --scale N`: a production-shaped data set of N orders, for benchmarks and for trying pages
 * at size. About 20,000 customers and 200 restaurants per million orders; order counts per customer follow a
 * long tail (three whales with 100,000+ at a million, a median in the tens); 1 to 5 lines per order, about 5%
 * cancelled, spread over the three years before today.
 *
 * Deterministic: the same N, seed and UTC day give identical rows, ids included on a fresh database. Time is
 * the only outside input, and it is cut to the day (db/seed/scale/calendar.ts, `anchorOf`).
 *
 * Fast: everything is written in one bulkLoad transaction (db/bulk-load.ts), with one unnest statement per
 * 10,000 orders carrying their lines and status events too (db/seed/scale/bulk.ts, orders.ts); ids are
 * reserved from the sequences first, so no row has to be matched back to its parent.
 *
 * Modules under db/seed/scale/: shape (sizes, orders per customer), calendar (when), cuisines and catalog
 * (restaurants and menus), tastes (who orders where), order-rows (the orders themselves), and the writers:
 * bulk (unnest inserts, id reservation), people, restaurants and orders.
 */
import { sql } from "drizzle-orm";

import { bulkLoad } from "../bulk-load";
import type { Database } from "../types";
import { createRandom } from "./random";
import { executeRows, insertColumns, int4, timestamps } from "./scale/bulk";
import { anchorOf, DAY_MS, SPAN_DAYS } from "./scale/calendar";
import { planRestaurants } from "./scale/catalog";
import { insertScaleOrders } from "./scale/orders";
import { customerEmail, customerEmailWidth, insertCustomers, insertOwners, ownerEmail } from "./scale/people";
import { insertRestaurants } from "./scale/restaurants";
import { orderCounts, scaleSizes } from "./scale/shape";
import { createTastes } from "./scale/tastes";

export type ScaleOptions = {
  orders: number;
  /** Different seeds give different data sets of the same shape. */
  seed?: number;
  /** Only its UTC day matters: the orders end at the midnight that starts it. Defaults to now. */
  now?: Date;
  onProgress?: (done: number, total: number) => void;
};

export type ScaleSummary = {
  customers: number;
  owners: number;
  restaurants: number;
  menuItems: number;
  orders: number;
  lines: number;
  cancelled: number;
  /** Customer 1, who has the most orders. */
  whale: { email: string; orders: number };
  /** The customer in the middle of the ranking: what most customers look like. */
  median: { email: string; orders: number };
  busiestRestaurant: { slug: string; orders: number; ownerEmail: string };
  /** Orders fall in [firstDay, anchor): three years of days up to the midnight starting the seed's day. */
  firstDay: Date;
  anchor: Date;
};

const DEFAULT_SEED = 1_000_003;

export async function seedScale(db: Database, options: ScaleOptions): Promise<ScaleSummary> {
  const { customers, restaurants } = scaleSizes(options.orders);
  const counts = orderCounts(options.orders, customers);
  const seed = options.seed ?? DEFAULT_SEED;
  // One generator per concern, so that changing how menus are drawn does not reshuffle every order.
  const stream = (k: number) => createRandom((seed ^ Math.imul(k, 0x9e3779b9)) >>> 0);
  const anchor = anchorOf(options.now ?? new Date());
  const firstDay = anchor - SPAN_DAYS * DAY_MS;
  const planned = planRestaurants(restaurants, stream(1));
  const width = customerEmailWidth(customers);

  return bulkLoad(db, async (tx) => {
    const [taken] = await executeRows<{ email: string }>(
      tx,
      sql`select email from users where lower(email) in (${customerEmail(1, width)}, ${ownerEmail(1)}) limit 1`,
    );
    if (taken) throw new Error(`scale data is already loaded (${taken.email} exists): seed an empty database`);

    const { restaurantIds, menus, menuItems } = await insertRestaurants(tx, planned, firstDay - 30 * DAY_MS, stream(2));
    const { ownerOf, owners } = await insertOwners(tx, restaurantIds, firstDay - 30 * DAY_MS, stream(3));
    const customerIds = await insertCustomers(tx, customers, firstDay, stream(4));

    const tastes = createTastes(counts, restaurants, stream(5));
    const favoriteRows = customerIds.flatMap((profileId, c) =>
      tastes.favorites(c).map((r) => [profileId, restaurantIds[r]!] as const),
    );
    const favoriteRandom = stream(6);
    await insertColumns(tx, "favorites", {
      profile_id: int4(favoriteRows.map((row) => row[0])),
      restaurant_id: int4(favoriteRows.map((row) => row[1])),
      created_at: timestamps(favoriteRows.map(() => firstDay + favoriteRandom.int(0, SPAN_DAYS - 1) * DAY_MS)),
    });

    const written = await insertScaleOrders(
      tx,
      { counts, customerIds, restaurantIds, isOpen: planned.map((r) => r.isOpen), menus, tastes, anchor },
      stream(7),
      options.onProgress,
    );

    let busiest = 0;
    written.perRestaurant.forEach((n, r) => {
      if (n > written.perRestaurant[busiest]!) busiest = r;
    });
    const middle = Math.floor(customers / 2);
    return {
      customers,
      owners,
      restaurants,
      menuItems,
      orders: written.orders,
      lines: written.lines,
      cancelled: written.cancelled,
      whale: { email: customerEmail(1, width), orders: counts[0]! },
      median: { email: customerEmail(middle + 1, width), orders: counts[middle]! },
      busiestRestaurant: {
        slug: planned[busiest]!.slug,
        orders: written.perRestaurant[busiest]!,
        ownerEmail: ownerEmail(ownerOf[busiest]! + 1),
      },
      firstDay: new Date(firstDay),
      anchor: new Date(anchor),
    };
  });
}
