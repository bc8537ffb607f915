import "server-only";

import { eq } from "drizzle-orm";

import { getDb } from "@/db/client";
import { orders } from "@/db/schema";
import type { Viewer } from "@/lib/auth/queries";
import type { Result } from "@/lib/errors";

import { transitionOrder } from "./status";

/**
 * "conflict": no order of the viewer's is still `placed` under this id. Someone else's order id gets the same
 * answer, so it tells no one that the order exists.
 */
export type CancelResult = Result<object, { reason: "conflict" }>;

/** A customer may cancel their own order while it is still `placed`; someone else's order id finds nothing. */
export async function cancelOwnOrder({ viewer, orderId }: { viewer: Viewer; orderId: number }): Promise<CancelResult> {
  const db = await getDb();
  const cancelled = await db.transaction((tx) =>
    transitionOrder(tx, {
      orderId,
      from: "placed",
      to: "cancelled",
      actorProfileId: viewer.profileId,
      reason: "Cancelled by the customer",
      scope: eq(orders.customerId, viewer.profileId),
    }),
  );
  return cancelled ? { ok: true } : { ok: false, reason: "conflict" };
}
