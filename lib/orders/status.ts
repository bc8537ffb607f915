import { and, eq } from "drizzle-orm";

import { OPEN_STATUSES, orders, orderStatusEvents, type OrderStatus } from "@/db/schema";
import type { Executor } from "@/db/types";

/** The order lifecycle. Anything not listed is refused, whoever asks. */
export const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  placed: ["preparing", "cancelled"],
  preparing: ["ready", "cancelled"],
  ready: ["completed", "cancelled"],
  completed: [],
  cancelled: [],
};

export const canTransition = (from: OrderStatus, to: OrderStatus) => TRANSITIONS[from].includes(to);

export const isOpenStatus = (status: OrderStatus) => (OPEN_STATUSES as readonly OrderStatus[]).includes(status);

/**
 * Moves one order from `from` to `to` and records who did it, in the caller's transaction. The current status is
 * part of the WHERE clause, so two people acting at once cannot both move it: the second finds nothing.
 * `scope` narrows the rows further (the customer's own order, or a restaurant the owner owns): a foreign id
 * finds nothing. Returns false when nothing matched.
 */
export async function transitionOrder(
  tx: Executor,
  args: {
    orderId: number;
    from: OrderStatus;
    to: OrderStatus;
    actorProfileId: number;
    reason?: string;
    scope?: ReturnType<typeof eq>;
  },
): Promise<boolean> {
  if (!canTransition(args.from, args.to)) return false;
  const updated = await tx
    .update(orders)
    .set({ status: args.to, updatedAt: new Date() })
    .where(and(eq(orders.id, args.orderId), eq(orders.status, args.from), args.scope))
    .returning({ id: orders.id });
  if (updated.length === 0) return false;
  await tx.insert(orderStatusEvents).values({
    orderId: args.orderId,
    fromStatus: args.from,
    toStatus: args.to,
    actorProfileId: args.actorProfileId,
    reason: args.reason,
  });
  return true;
}

/**
 * The order's status now, if `scope` lets the caller see it: after a refused transition, to say why without telling
 * anyone about orders that are not theirs (undefined: not found).
 */
export async function statusInScope(
  db: Executor,
  orderId: number,
  scope: ReturnType<typeof eq>,
): Promise<OrderStatus | undefined> {
  const [current] = await db
    .select({ status: orders.status })
    .from(orders)
    .where(and(eq(orders.id, orderId), scope));
  return current?.status;
}
