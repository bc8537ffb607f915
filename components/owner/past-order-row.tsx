import Link from "next/link";

import type { PastOrder } from "@/lib/owner/past-orders";

import { OwnerOrderSummary } from "./owner-order-summary";

/** `timeZone`: the restaurant's, whose days the list's date filter means. */
export function PastOrderRow({ order, slug, timeZone }: { order: PastOrder; slug: string; timeZone: string }) {
  const headingId = `past-order-${order.id}`;
  return (
    <li>
      <article
        aria-labelledby={headingId}
        className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
        data-testid="past-order"
      >
        <OwnerOrderSummary order={order} headingId={headingId} timeZone={timeZone} />
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
