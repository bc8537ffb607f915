import Link from "next/link";

import { TRANSITIONS } from "@/lib/orders/status";
import type { OrderQueue as Queue } from "@/lib/owner/queries";
import { counted } from "@/lib/words";

import { OrderActions } from "./order-actions";
import { OwnerOrderSummary } from "./owner-order-summary";

type QueuedOrder = Queue["orders"][number];

export function OrderQueue({ queue }: { queue: Queue }) {
  if (queue.orders.length === 0)
    return <p className="rounded-xl bg-white p-6 text-stone-600 ring-1 ring-stone-200">No open orders right now.</p>;
  return (
    <div className="space-y-3">
      <p className="text-sm text-stone-600">
        {counted(queue.openCount, "open order", "open orders")}, oldest first
        {queue.openCount > queue.orders.length ? ` (showing the oldest ${queue.orders.length})` : ""}.
      </p>
      <ol className="space-y-3">
        {queue.orders.map((order) => (
          <li key={order.id}>
            <OrderCard order={order} slug={queue.slug} timeZone={queue.timeZone} />
          </li>
        ))}
      </ol>
    </div>
  );
}

function OrderCard({ order, slug, timeZone }: { order: QueuedOrder; slug: string; timeZone: string }) {
  const headingId = `order-${order.id}-heading`;
  const next = TRANSITIONS[order.status].find((s) => s !== "cancelled");
  return (
    <article
      aria-labelledby={headingId}
      className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200"
      data-testid="queued-order"
    >
      <OwnerOrderSummary order={order} headingId={headingId} timeZone={timeZone} />
      <p className="mb-3 text-sm">
        <Link href={`/owner/${slug}/orders/${order.id}/ticket`} className="font-medium text-brand-700 underline">
          Kitchen ticket<span className="sr-only"> for order #{order.id}</span>
        </Link>
      </p>
      <OrderActions
        orderId={order.id}
        status={order.status}
        next={next}
        canCancel={TRANSITIONS[order.status].includes("cancelled")}
      />
    </article>
  );
}
