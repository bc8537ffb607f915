import type { OrderStatus } from "@/db/schema";
import { formatDateTime } from "@/lib/dates";
import { formatCents } from "@/lib/money";
import { orderSummary } from "@/lib/orders/summary";

import type { OrderListRow } from "./order-list";

export type OrderRowData = {
  id: number;
  status: OrderStatus;
  totalCents: number;
  placedAt: Date;
  restaurant: { name: string };
  lines: {
    id: number;
    name: string;
    quantity: number;
    options?: { choiceName: string }[];
    instructions?: string;
  }[];
};

/**
 * What one order's row in a list shows (the profile's recent orders, the purchase history), as text formatted here,
 * on the server, in the viewer's zone: the list (./order-list.tsx) only lays it out. Prices per line are on the
 * order's own page; a list of 20 orders does not repeat a table for each, and sums each order up in a bounded line.
 */
export function orderListRows(orders: OrderRowData[], zone: string): OrderListRow[] {
  return orders.map((order) => ({
    id: order.id,
    title: `Order #${order.id} · ${order.restaurant.name}`,
    placedAt: order.placedAt.toISOString(),
    placed: formatDateTime(order.placedAt, zone),
    status: order.status,
    total: formatCents(order.totalCents),
    summary: orderSummary(order.lines),
  }));
}
