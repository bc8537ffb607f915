import Link from "next/link";
import { Money } from "@/components/ui/money";
import { formatDateTime } from "@/lib/dates";
import type { ProfileView } from "@/lib/profile/queries";
import { LineList } from "@/components/orders/line-list";
import { StatusBadge } from "@/components/orders/status-badge";

export function OrderHistory({
  orders,
  nextCursor,
  basePath,
  isFirstPage,
}: {
  orders: ProfileView["orders"];
  nextCursor?: string;
  basePath: string;
  isFirstPage: boolean;
}) {
  return (
    <section aria-labelledby="orders-heading" className="space-y-3">
      <h2 id="orders-heading" className="text-lg font-semibold">
        {isFirstPage ? "Recent orders" : "Older orders"}
      </h2>
      {orders.length === 0 ? (
        <p className="rounded-xl bg-white p-5 text-sm text-stone-500 shadow-sm ring-1 ring-stone-200">
          {isFirstPage ? "No orders yet." : "No older orders."}
        </p>
      ) : (
        <ol className="space-y-3">
          {orders.map((order) => (
            <li key={order.id} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200" data-testid="order">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <div>
                  <span className="font-medium">{order.restaurant.name}</span>
                  <span className="ml-2 text-sm text-stone-500">
                    Order #{order.id} · <time dateTime={order.placedAt.toISOString()}>{formatDateTime(order.placedAt)}</time>
                  </span>
                </div>
                <div className="flex items-center gap-3">
                  <StatusBadge status={order.status} />
                  <Money cents={order.totalCents} className="font-semibold" />
                </div>
              </div>
              <LineList lines={order.lines} className="mt-2 space-y-0.5 text-stone-600" />
            </li>
          ))}
        </ol>
      )}
      <nav aria-label="Order history pages" className="flex justify-between text-sm">
        {isFirstPage ? <span /> : (
          <Link href={basePath} className="font-medium text-brand-700 underline">
            ← Newest orders
          </Link>
        )}
        {nextCursor ? (
          <Link href={`${basePath}?before=${nextCursor}`} className="font-medium text-brand-700 underline">
            Older orders →
          </Link>
        ) : null}
      </nav>
    </section>
  );
}
