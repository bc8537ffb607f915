import "server-only";

import { and, asc, eq, sql } from "drizzle-orm";

import { getDb } from "@/db/client";
import { orderLines, orders } from "@/db/schema";
import type { Viewer } from "@/lib/auth/queries";
import { lineOptionsRead } from "@/lib/orders/line-options";

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
    // The kitchen needs how it leaves (and where to), the customer's note and each line's choices, as placed.
    columns: {
      id: true,
      status: true,
      totalCents: true,
      placedAt: true,
      fulfilment: true,
      deliveryAddress: true,
      note: true,
    },
    with: {
      restaurant: { columns: { slug: true, name: true } },
      customer: { columns: { displayName: true } },
      lines: {
        columns: { id: true, name: true, quantity: true, unitPriceCents: true, instructions: true },
        orderBy: [asc(orderLines.id)],
        with: { options: lineOptionsRead },
      },
    },
  });
  return row ?? null;
}

export type KitchenTicket = NonNullable<Awaited<ReturnType<typeof getKitchenTicket>>>;
