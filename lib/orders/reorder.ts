import "server-only";

import { and, eq, sql } from "drizzle-orm";

import { getDb } from "@/db/client";
import { cartItems, carts, MAX_LINE_QUANTITY, menuItems, orderLines, orders, restaurants } from "@/db/schema";
import type { Viewer } from "@/lib/auth/queries";
import { NOT_FOUND, type Result } from "@/lib/errors";

export type ReorderFailure =
  /** No such order of the viewer's. */
  | { reason: "not-found" }
  | { reason: "unavailable:closed"; restaurantName: string }
  /** Every line's item was deleted, is unavailable or moved to another restaurant. */
  | { reason: "unavailable:items" };
export type ReorderResult = Result<{ added: number }, ReorderFailure>;

/**
 * Rebuilds the customer's cart from one of their past orders, with today's menu: lines whose item was deleted,
 * is unavailable or moved to another restaurant are left out (the cart page names them). Prices are not copied:
 * a cart holds ids and quantities, and is always priced from the menu.
 */
export async function reorder({ viewer, orderId }: { viewer: Viewer; orderId: number }): Promise<ReorderResult> {
  const { profileId } = viewer;
  const db = await getDb();
  return db.transaction(async (tx): Promise<ReorderResult> => {
    const [order] = await tx
      .select({ restaurantId: orders.restaurantId, isOpen: restaurants.isOpen, restaurantName: restaurants.name })
      .from(orders)
      .innerJoin(restaurants, eq(restaurants.id, orders.restaurantId))
      .where(and(eq(orders.id, orderId), eq(orders.customerId, profileId)));
    if (!order) return NOT_FOUND;
    if (!order.isOpen) return { ok: false, reason: "unavailable:closed", restaurantName: order.restaurantName };

    const orderable = await tx
      .select({
        menuItemId: menuItems.id,
        quantity: sql<number>`least(sum(${orderLines.quantity}), ${MAX_LINE_QUANTITY})::int`,
      })
      .from(orderLines)
      .innerJoin(menuItems, eq(menuItems.id, orderLines.menuItemId))
      .where(
        and(
          eq(orderLines.orderId, orderId),
          eq(menuItems.restaurantId, order.restaurantId),
          eq(menuItems.available, true),
          sql`${menuItems.deletedAt} is null`,
        ),
      )
      .groupBy(menuItems.id);
    if (orderable.length === 0) return { ok: false, reason: "unavailable:items" };

    await tx.delete(carts).where(eq(carts.profileId, profileId));
    const [cart] = await tx
      .insert(carts)
      .values({ profileId, restaurantId: order.restaurantId })
      .returning({ id: carts.id });
    await tx.insert(cartItems).values(orderable.map((line) => ({ cartId: cart!.id, ...line })));
    return { ok: true, added: orderable.length };
  });
}
