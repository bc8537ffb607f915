import "server-only";

import { and, eq, sql } from "drizzle-orm";

import { getDb } from "@/db/client";
import { orders } from "@/db/schema";
import type { Viewer } from "@/lib/auth/queries";

import { ownerOrderColumns, ownerOrderWith } from "./order-read";
import { ownedBy } from "./scope";

/**
 * One order of one of the viewer's restaurants, for its kitchen ticket, in one statement: the order must belong
 * to the restaurant named in the URL and the restaurant to the viewer (both in the WHERE clause). Anything else
 * is null, and the page a 404: a ticket tells no one which order numbers exist elsewhere.
 */
export async function getKitchenTicket({ viewer, slug, orderId }: { viewer: Viewer; slug: string; orderId: number }) {
  const db = await getDb();
  const row = await db.query.orders.findFirst({
    where: and(
      eq(orders.id, orderId),
      sql`${orders.restaurantId} = (select r.id from restaurants r where r.slug = ${slug})`,
      ownedBy(viewer, orders.restaurantId),
    ),
    columns: ownerOrderColumns,
    // The restaurant's zone: the ticket shows its time as the kitchen's clock does (decision 0013).
    with: { restaurant: { columns: { slug: true, name: true, timeZone: true } }, ...ownerOrderWith },
  });
  return row ?? null;
}

export type KitchenTicket = NonNullable<Awaited<ReturnType<typeof getKitchenTicket>>>;
