import "server-only";

import { eq } from "drizzle-orm";

import { getDb } from "@/db/client";
import { orders, type OrderStatus } from "@/db/schema";
import type { Viewer } from "@/lib/auth/queries";
import { NOT_FOUND, type Result } from "@/lib/errors";

import { statusInScope, transitionOrder } from "./status";

/**
 * "conflict": the viewer's order is no longer `placed` (cancelled in another tab, or the kitchen started on it),
 * with the status it has now. "not-found": no order of the viewer's has this id; someone else's order id gets the
 * same answer, so it tells no one that the order exists.
 */
export type CancelResult = Result<object, typeof NOT_FOUND | { reason: "conflict"; status: OrderStatus }>;

/** A customer may cancel their own order while it is still `placed`; someone else's order id finds nothing. */
export async function cancelOwnOrder({ viewer, orderId }: { viewer: Viewer; orderId: number }): Promise<CancelResult> {
  const db = await getDb();
  const scope = eq(orders.customerId, viewer.profileId);
  return db.transaction(async (tx): Promise<CancelResult> => {
    const cancelled = await transitionOrder(tx, {
      orderId,
      from: "placed",
      to: "cancelled",
      actorProfileId: viewer.profileId,
      reason: "Cancelled by the customer",
      scope,
    });
    if (cancelled) return { ok: true };
    // Nothing moved: say why, from the order as it is now. In the transaction, so on the primary: a replica may not
    // have the cancel from another tab that this one lost to (one more statement, on refusals only).
    const status = await statusInScope(tx, orderId, scope);
    return status ? { ok: false, reason: "conflict", status } : NOT_FOUND;
  });
}
