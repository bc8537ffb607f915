import "server-only";

import { and, eq, sql } from "drizzle-orm";

import { getPrimaryDb } from "@/db/client";
import { orders, restaurants } from "@/db/schema";
import type { Viewer } from "@/lib/auth/queries";
import { ownedRestaurantAt } from "@/lib/owner/scope";

/** What a stream asks to hear: an owner's queue (one restaurant, by slug) or a tracking page (one order). */
export type LiveScope = { kind: "restaurant"; slug: string } | { kind: "order"; orderId: number };

/** A scope the viewer may hear, resolved to the id its events carry. */
export type LiveTarget = { kind: "restaurant"; restaurantId: number } | { kind: "order"; orderId: number };

/**
 * One statement, with exactly the pages' rules: a restaurant's queue is heard by its owners (ownedBy, as
 * getOrderQueue), an order by its customer or an admin (as getOrderForViewer). Anything else: null, and the
 * stream answers 404 like the page.
 *
 * On the primary, like the session check before it and the pages it refreshes (decision 0014): a restaurant taken
 * from its owner is written there by an admin, so no read-your-writes position keeps the owner's stream off a
 * replica that has not replayed it, and every heartbeat would find them an owner still, and stream the queue on,
 * for as long as the replica lags (up to the lag limit).
 */
export async function authorizeLiveScope(viewer: Viewer, scope: LiveScope): Promise<LiveTarget | null> {
  const db = await getPrimaryDb();
  if (scope.kind === "restaurant") {
    const [row] = await db
      .select({ id: restaurants.id })
      .from(restaurants)
      .where(ownedRestaurantAt(viewer, scope.slug))
      .limit(1);
    return row ? { kind: "restaurant", restaurantId: row.id } : null;
  }
  const [row] = await db
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(eq(orders.id, scope.orderId), viewer.role === "admin" ? sql`true` : eq(orders.customerId, viewer.profileId)),
    )
    .limit(1);
  return row ? { kind: "order", orderId: row.id } : null;
}

export const targetMatches = (target: LiveTarget, event: { orderId: number; restaurantId: number }) =>
  target.kind === "restaurant" ? event.restaurantId === target.restaurantId : event.orderId === target.orderId;
