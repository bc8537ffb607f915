import type { Fulfilment, OrderStatus } from "@/db/schema";
import type { ShownLine } from "@/components/orders/line-options";
import { OrderLinesSummary } from "@/components/orders/order-lines-summary";
import { StatusBadge } from "@/components/orders/status-badge";
import { Time } from "@/components/ui/local-time";

export type OwnerOrder = {
  id: number;
  status: OrderStatus;
  placedAt: Date;
  totalCents: number;
  deliveryFeeCents: number;
  fulfilment: Fulfilment;
  deliveryAddress: string | null;
  note: string | null;
  customer: { displayName: string };
  lines: ShownLine[];
};

/**
 * An order as the owner's lists show it (the live queue and past orders, read by lib/owner/order-read.ts): number
 * and status, customer and time, how it leaves and where to, the customer's note, then the lines. The time is in
 * the restaurant's zone (`timeZone`), not the viewer's: the kitchen's clock, and the zone of the past orders'
 * date filter and of the sales days (decision 0013).
 */
export function OwnerOrderSummary({
  order,
  headingId,
  timeZone,
}: {
  order: OwnerOrder;
  headingId: string;
  timeZone: string;
}) {
  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={headingId} className="text-base font-semibold">
          Order #{order.id}
        </h2>
        <StatusBadge status={order.status} />
      </div>
      <p className="text-sm text-stone-600">
        {order.customer.displayName} · placed <Time date={order.placedAt} zone={timeZone} />
      </p>
      {/* The address and the note are the customer's words: a long one wraps anywhere, inside the card. */}
      <p className="text-sm wrap-anywhere text-stone-700" data-testid="order-fulfilment">
        {order.fulfilment === "delivery" ? `Delivery to ${order.deliveryAddress}` : "Pickup"}
      </p>
      {order.note ? <p className="text-sm wrap-anywhere text-stone-700 italic">Note: {order.note}</p> : null}
      <OrderLinesSummary
        lines={order.lines}
        deliveryFeeCents={order.deliveryFeeCents}
        totalCents={order.totalCents}
        className="my-3"
      />
    </>
  );
}
