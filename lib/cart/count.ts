import "server-only";

import { and, eq, isNull, sql, type SQL } from "drizzle-orm";

import { getDb } from "@/db/client";
import { cartItems, carts } from "@/db/schema";

/**
 * The number of items (quantities added up) in a signed-in profile's cart, as a scalar subquery over `profileId`:
 * the session's own statement carries it (lib/auth/sessions.ts), so the header's cart count costs no statement.
 */
export const profileCartItemCount = (profileId: SQL) =>
  sql<number>`(select coalesce(sum(ci.quantity), 0)::int from carts c join cart_items ci on ci.cart_id = c.id
    where c.profile_id = ${profileId})`.mapWith(Number);

/** The same for an anonymous visitor's cart (its cookie's id): one statement, only for visitors with a cart cookie. */
export async function anonymousCartItemCount(anonymousId: string): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${cartItems.quantity}), 0)::int`.mapWith(Number) })
    .from(cartItems)
    .innerJoin(carts, eq(carts.id, cartItems.cartId))
    .where(and(eq(carts.id, anonymousId), isNull(carts.profileId)));
  return row?.n ?? 0;
}
