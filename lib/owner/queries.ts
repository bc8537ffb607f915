import "server-only";

import { and, asc, eq, sql } from "drizzle-orm";

import { getDb, getPrimaryDb } from "@/db/client";
import { OPEN_STATUSES, orders, restaurants, type OrderStatus } from "@/db/schema";
import type { Viewer } from "@/lib/auth/queries";
import { zoneDays } from "@/lib/dates";
import { NOT_FOUND, type Result } from "@/lib/errors";
import { centsFromDb } from "@/lib/money";
import { canTransition, statusInScope, transitionOrder } from "@/lib/orders/status";
import { openNow } from "@/lib/restaurants/hours";

import { ownerOrderColumns, ownerOrderWith } from "./order-read";
import { outer, ownedBy, ownedRestaurantAt } from "./scope";

export const QUEUE_LIMIT = 100;
/** How many of the newest placed orders the queue page hands to its new-order alert. */
export const NEWEST_PLACED = 10;

/** OPEN_STATUSES for raw SQL over alias `o`, so that the queue and the dashboard count the same orders. */
const IS_OPEN = sql`o.status in (${sql.join(
  OPEN_STATUSES.map((status) => sql`${status}`),
  sql`, `,
)})`;

/**
 * The owner dashboard in one statement: each restaurant the viewer owns with today's order count and revenue
 * (its restaurant_day_totals row for today, kept by triggers; today in the restaurant's own zone, as its rollup
 * days are) and its open order count (orders_open_queue_idx).
 */
export async function listOwnedRestaurants({ viewer, now = new Date() }: { viewer: Viewer; now?: Date }) {
  const db = await getDb();
  const { lastDay: today } = zoneDays(now, 1, outer(restaurants.timeZone));
  const todayRow = sql`from restaurant_day_totals d where d.restaurant_id = ${outer(restaurants.id)} and d.day = ${today}`;
  const rows = await db
    .select({
      id: restaurants.id,
      slug: restaurants.slug,
      name: restaurants.name,
      timeZone: restaurants.timeZone,
      description: restaurants.description,
      cuisine: restaurants.cuisine,
      address: restaurants.address,
      isOpen: restaurants.isOpen,
      openNow: openNow(now),
      offersPickup: restaurants.offersPickup,
      offersDelivery: restaurants.offersDelivery,
      deliveryFeeCents: restaurants.deliveryFeeCents,
      minOrderCents: restaurants.minOrderCents,
      detailsVersion: detailsVersion(),
      ordersToday: sql<number>`coalesce((select d.order_count ${todayRow}), 0)`.mapWith(Number),
      revenueToday: sql<string>`coalesce((select d.total_cents ${todayRow}), 0)::text`,
      openOrders: sql<number>`(select count(*)::int from orders o
        where o.restaurant_id = ${outer(restaurants.id)} and ${IS_OPEN})`.mapWith(Number),
    })
    .from(restaurants)
    .where(ownedBy(viewer, restaurants.id))
    .orderBy(asc(restaurants.name), asc(restaurants.id));
  return rows.map((row) => ({ ...row, revenueToday: centsFromDb(row.revenueToday) }));
}

export type OwnedRestaurant = Awaited<ReturnType<typeof listOwnedRestaurants>>[number];

export type RestaurantDetails = {
  name: string;
  description: string;
  cuisine: string;
  address: string;
  isOpen: boolean;
  offersPickup: boolean;
  offersDelivery: boolean;
  deliveryFeeCents: number;
  minOrderCents: number;
};

/**
 * The details' last change, as the owner's form saw it: `updated_at` as text in UTC, to the microsecond, whatever
 * the connection's TimeZone (a Date would lose the microseconds, and would never match again). Compared as text,
 * so that a forged version is only a version that matches nothing, never a cast error.
 */
const detailsVersion = () =>
  sql<string>`to_char(${restaurants.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;

/**
 * Writes every detail at once, so a form drawn before someone else's save would put their change back (a second
 * tab or co-owner closing the restaurant, reopened by a description fixed in a stale tab). With `version` (the
 * form's detailsVersion), a restaurant changed since is not written: "conflict", told apart from "not-found" by a
 * second statement on that path only. Returns "not-found" when the restaurant is not the viewer's (or does not
 * exist): nothing is written.
 */
export async function updateRestaurantDetails({
  viewer,
  restaurantId,
  details,
  version,
}: {
  viewer: Viewer;
  restaurantId: number;
  details: RestaurantDetails;
  version?: string;
}): Promise<Result<object, { reason: "not-found" } | { reason: "conflict" }>> {
  const db = await getDb();
  const mine = and(eq(restaurants.id, restaurantId), ownedBy(viewer, restaurants.id));
  const updated = await db
    .update(restaurants)
    .set({ ...details, updatedAt: new Date() })
    .where(and(mine, version === undefined ? undefined : sql`${detailsVersion()} = ${version}`))
    .returning({ id: restaurants.id });
  if (updated.length > 0) return { ok: true };
  if (version === undefined) return NOT_FOUND;
  const [exists] = await db.select({ id: restaurants.id }).from(restaurants).where(mine);
  return exists ? { ok: false, reason: "conflict" } : NOT_FOUND;
}

/**
 * The order queue of one restaurant in one statement: its open orders, oldest first, with their lines and
 * customer's name, and how many are open in all (the page shows the oldest QUEUE_LIMIT; the rest wait their turn).
 */
export async function getOrderQueue({ viewer, slug }: { viewer: Viewer; slug: string }) {
  // The queue re-renders on each live event: read where the event was committed (getPrimaryDb).
  const db = await getPrimaryDb();
  const row = await db.query.restaurants.findFirst({
    where: ownedRestaurantAt(viewer, slug),
    // The zone: the queue shows its orders' times in the restaurant's, as the ticket does (decision 0013).
    columns: { id: true, slug: true, name: true, isOpen: true, timeZone: true },
    extras: {
      openCount: sql<number>`(select count(*)::int from orders o
        where o.restaurant_id = ${restaurants.id} and ${IS_OPEN})`.as("open_count"),
      // The live stream's starting cursor (lib/live/): the queue shows everything up to this event.
      lastEventId: sql<string>`(select coalesce(max(e.id), 0)::text from order_events e
        where e.restaurant_id = ${restaurants.id})`.as("last_event_id"),
      // The newest placed orders, [id, customer name], newest first, for the new-order alert: the queue itself
      // shows the oldest open orders, so a new one can be past its end (orders_restaurant_status_placed_idx).
      // With each, its "placed" event's id, which is drawn under the restaurant's lock and so grows in commit order
      // (migration 0007), where order ids do not: an order whose checkout waited after drawing its id commits after
      // a later one, and would read as already seen. 0 once the event is pruned (a day on): long seen by then.
      newestPlaced: sql<
        [number, string, number][] | null
      >`(select json_agg(json_build_array(n.id, n.display_name, n.seq) order by n.placed_at desc, n.id desc)
        from (select o.id, o.placed_at, p.display_name, coalesce((select max(e.id) from order_events e
            where e.order_id = o.id and e.status = 'placed'), 0) as seq
          from orders o join profiles p on p.id = o.customer_id
          where o.restaurant_id = ${restaurants.id} and o.status = 'placed'
          order by o.placed_at desc, o.id desc limit ${NEWEST_PLACED + 1}) n)`.as("newest_placed"),
    },
    with: {
      orders: {
        columns: ownerOrderColumns,
        where: (o, { inArray }) => inArray(o.status, [...OPEN_STATUSES]),
        orderBy: (o, { asc }) => [asc(o.placedAt), asc(o.id)],
        limit: QUEUE_LIMIT,
        with: ownerOrderWith,
      },
    },
  });
  return row
    ? {
        ...row,
        openCount: Number(row.openCount),
        newestPlaced: (row.newestPlaced ?? [])
          .slice(0, NEWEST_PLACED)
          .map(([id, customerName, seq]) => ({ id, customerName, seq: Number(seq) })),
        // One more was read than is handed on: there are older placed orders, which may be new to the owner too.
        morePlaced: (row.newestPlaced ?? []).length > NEWEST_PLACED,
      }
    : null;
}

export type OrderQueue = NonNullable<Awaited<ReturnType<typeof getOrderQueue>>>;

export type MoveOrderResult = Result<
  object,
  /** "invalid:transition": the lifecycle has no such step; "conflict": someone moved the order first. */
  { reason: "not-found" } | { reason: "invalid:transition" } | { reason: "conflict"; status: OrderStatus }
>;

/**
 * Moves an order of one of the viewer's restaurants from the status they saw to the next one, recording who did
 * it. Ownership is the `scope` of the transition's WHERE clause; a foreign order id finds nothing.
 */
export async function moveOrder({
  viewer,
  orderId,
  from,
  to,
  reason,
}: {
  viewer: Viewer;
  orderId: number;
  from: OrderStatus;
  to: OrderStatus;
  reason?: string;
}): Promise<MoveOrderResult> {
  const db = await getDb();
  const scope = ownedBy(viewer, orders.restaurantId);
  const allowed = canTransition(from, to);
  return db.transaction(async (tx): Promise<MoveOrderResult> => {
    const moved =
      allowed &&
      (await transitionOrder(tx, {
        orderId,
        from,
        to,
        actorProfileId: viewer.profileId,
        reason: to === "cancelled" ? reason : undefined,
        scope,
      }));
    if (moved) return { ok: true };
    // Nothing moved: say why, without telling anyone about orders that are not theirs. In the transaction, so on
    // the primary: a replica may not have the move that this one lost to.
    const status = await statusInScope(tx, orderId, scope);
    if (!status) return NOT_FOUND;
    if (!allowed) return { ok: false, reason: "invalid:transition" };
    return { ok: false, reason: "conflict", status };
  });
}
