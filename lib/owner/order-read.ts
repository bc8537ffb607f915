import { orderLinesRead } from "@/lib/orders/line-options";

/**
 * What the owner's pages read of an order (the queue, past orders, the kitchen ticket), as a relational query's
 * `columns` and `with`: how it leaves and where to (and the delivery fee, so that lines and fee add up to the total
 * shown), the customer's note and name, and each line with its options and instructions as placed. One
 * definition, so that the three pages show the same order the same way.
 */
export const ownerOrderColumns = {
  id: true as const,
  status: true as const,
  totalCents: true as const,
  deliveryFeeCents: true as const,
  placedAt: true as const,
  fulfilment: true as const,
  deliveryAddress: true as const,
  note: true as const,
};

export const ownerOrderWith = {
  customer: { columns: { displayName: true as const } },
  lines: orderLinesRead,
};
