import "server-only";

import { and, asc, eq, gt, max } from "drizzle-orm";

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

export type Replay = { events: OrderEventMessage[] } | { overflow: true; latestId: number };

/**
 * The target's events after `afterId`, oldest first, in one statement (a range scan of (restaurant_id, id) or
 * (order_id, id)). More than REPLAY_LIMIT: a second statement finds the newest id, from which the stream goes on
 * after telling the page to reload.
 */
export async function replayOrderEvents(target: LiveTarget, afterId: number): Promise<Replay> {
  // Always the primary, never a read replica: NOTIFY comes from the primary at commit, and a replay from a lagging
  // replica could miss an event committed just before the stream subscribed, for good.
  const { db } = await getDbHandle();
  const rows = await db
    .select(columns)
    .from(orderEvents)
    .where(and(inTarget(target), gt(orderEvents.id, afterId)))
    .orderBy(asc(orderEvents.id))
    .limit(REPLAY_LIMIT + 1);
  if (rows.length <= REPLAY_LIMIT) return { events: rows.map((row) => ({ ...row, id: Number(row.id) })) };
  const [latest] = await db
    .select({ id: max(orderEvents.id) })
    .from(orderEvents)
    .where(inTarget(target));
  return { overflow: true, latestId: Number(latest?.id ?? afterId) };
}
