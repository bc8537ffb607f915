import Link from "next/link";

import type { PastOrder } from "@/lib/owner/past-orders";

import { OwnerOrderSummary } from "./owner-order-summary";

/** `timeZone`: the restaurant's, whose days the list's date filter means. */
export function PastOrderRow({ order, slug, timeZone }: { order: PastOrder; slug: string; timeZone: string }) {
  const headingId = `past-order-${order.id}`;
  const cancelReason = order.status === "cancelled" ? order.statusEvents[0]?.reason : null;
  return (
    <li>
      <article
        aria-labelledby={headingId}
        className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
        data-testid="past-order"
      >
        <OwnerOrderSummary order={order} headingId={headingId} timeZone={timeZone} />
        {cancelReason ? (
          <p className="mb-2 text-sm wrap-anywhere text-stone-700" data-testid="cancel-reason">
            Cancelled: {cancelReason}
          </p>
        ) : null}
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
