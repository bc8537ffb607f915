import Link from "next/link";

import type { PastOrder } from "@/lib/owner/past-orders";
import { OrderLinesSummary } from "@/components/orders/order-lines-summary";
import { StatusBadge } from "@/components/orders/status-badge";
import { LocalTime } from "@/components/ui/local-time";

export function PastOrderRow({ order, slug }: { order: PastOrder; slug: string }) {
  const headingId = `past-order-${order.id}`;
  return (
    <li>
      <article
        aria-labelledby={headingId}
        className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
        data-testid="past-order"
      >
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id={headingId} className="text-base font-semibold">
            Order #{order.id}
          </h2>
          <StatusBadge status={order.status} />
        </div>
        <p className="text-sm text-stone-600">
          {order.customer.displayName} · placed <LocalTime date={order.placedAt} />
        </p>
        <OrderLinesSummary lines={order.lines} totalCents={order.totalCents} className="my-2" />
        <Link
          href={`/owner/${slug}/orders/${order.id}/ticket`}
          className="text-sm font-medium text-brand-700 underline"
        >
          Kitchen ticket<span className="sr-only"> for order #{order.id}</span>
        </Link>
      </article>
    </li>
  );
}
