import "server-only";

import { and, asc, eq, gt, max, sql } from "drizzle-orm";

import { getDbHandle } from "@/db/client";
import type { OrderEventMessage } from "@/db/notifications";
import { orderEvents } from "@/db/schema";

import type { LiveTarget } from "./scope";

/** At most this many missed events are replayed; a stream further behind is told to reload instead. */
export const REPLAY_LIMIT = 200;

const inTarget = (target: LiveTarget) =>
  target.kind === "restaurant"
    ? eq(orderEvents.restaurantId, target.restaurantId)
    : eq(orderEvents.orderId, target.orderId);

const columns = {
  id: orderEvents.id,
  orderId: orderEvents.orderId,
  restaurantId: orderEvents.restaurantId,
  customerId: orderEvents.customerId,
  status: orderEvents.status,
};

/** overflow: too far behind to replay (more than REPLAY_LIMIT missed, or missed events already pruned). */
export type Replay = { events: OrderEventMessage[] } | { overflow: true; latestId: number };

/**
 * The target's events after `afterId`, oldest first, in one statement (a range scan of (restaurant_id, id) or
 * (order_id, id), beside the log's oldest id). More than REPLAY_LIMIT: a second statement finds the newest id, from
 * which the stream goes on after telling the page to reload. A cursor older than anything the log still keeps
 * (a laptop asleep for more than the day events are kept) may have missed events that are gone: the page reloads
 * too, and the stream goes on from the log's oldest.
 */
export async function replayOrderEvents(target: LiveTarget, afterId: number): Promise<Replay> {
  // Always the primary, never a read replica: NOTIFY comes from the primary at commit, and a replay from a lagging
  // replica could miss an event committed just before the stream subscribed, for good.
  const { db } = await getDbHandle();
  const oldest = db
    .select({ id: sql<string | null>`min(${orderEvents.id})`.as("oldest_id") })
    .from(orderEvents)
    .as("oldest");
  const missed = db
    .select(columns)
    .from(orderEvents)
    .where(and(inTarget(target), gt(orderEvents.id, afterId)))
    .orderBy(asc(orderEvents.id))
    .limit(REPLAY_LIMIT + 1)
    .as("missed");
  // One row when nothing was missed (the missed columns null), so that the oldest id always comes back.
  const rows = await db
    .select({ oldestId: oldest.id, ...missed._.selectedFields })
    .from(oldest)
    .leftJoin(missed, sql`true`)
    .orderBy(asc(missed.id));
  const events = rows.flatMap((row) =>
    row.id === null || row.orderId === null || row.restaurantId === null || row.customerId === null || !row.status
      ? []
      : [
          {
            id: Number(row.id),
            orderId: row.orderId,
            restaurantId: row.restaurantId,
            customerId: row.customerId,
            status: row.status,
          },
        ],
  );
  const oldestKept = rows[0]?.oldestId == null ? null : Number(rows[0].oldestId);
  if (events.length <= REPLAY_LIMIT) {
    const pruned = afterId > 0 && oldestKept !== null && afterId < oldestKept - 1;
    return pruned ? { overflow: true, latestId: events.at(-1)?.id ?? oldestKept - 1 } : { events };
  }
  const [latest] = await db
    .select({ id: max(orderEvents.id) })
    .from(orderEvents)
    .where(inTarget(target));
  return { overflow: true, latestId: Number(latest?.id ?? afterId) };
}
