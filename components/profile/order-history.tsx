import Link from "next/link";

import type { ProfileView } from "@/lib/profile/queries";
import { viewerTimeZone } from "@/lib/time-zone";
import { OrderList } from "@/components/orders/order-list";
import { orderListRows } from "@/components/orders/order-row";

export async function OrderHistory({
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
  const zone = await viewerTimeZone();
  return (
    <section aria-labelledby="orders-heading" className="space-y-3">
      <h2 id="orders-heading" className="text-lg font-semibold">
        {isFirstPage ? "Recent orders" : "Older orders"}
      </h2>
      {orders.length === 0 ? (
        <p className="card text-sm text-stone-500">{isFirstPage ? "No orders yet." : "No older orders."}</p>
      ) : (
        <OrderList rows={orderListRows(orders, zone)} testId="orders" />
      )}
      <nav aria-label="Order history pages" className="flex justify-between text-sm">
        {isFirstPage ? (
          <span />
        ) : (
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
