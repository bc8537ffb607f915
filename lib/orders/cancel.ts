import "server-only";

import { eq } from "drizzle-orm";

import { getDb } from "@/db/client";
import { orders } from "@/db/schema";

import { transitionOrder } from "./status";

/** A customer may cancel their own order while it is still `placed`; someone else's order id finds nothing. */
export async function cancelOwnOrder({ profileId, orderId }: { profileId: number; orderId: number }): Promise<boolean> {
  const db = await getDb();
  return db.transaction((tx) =>
    transitionOrder(tx, {
      orderId,
      from: "placed",
      to: "cancelled",
      actorProfileId: profileId,
      reason: "Cancelled by the customer",
      scope: eq(orders.customerId, profileId),
    }),
  );
}
