import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { requireUser } from "@/lib/auth/session";
import { cancelOrderAction, reorderAction } from "@/lib/orders/actions";
import { getOrderForViewer } from "@/lib/orders/queries";
import { isOpenStatus } from "@/lib/orders/status";
import { recordId } from "@/lib/validation";
import { QueryStats } from "@/components/layout/query-stats";
import { LiveRefresh } from "@/components/live/live-refresh";
import { CancelOrderButton } from "@/components/orders/cancel-order-button";
import { FulfilmentDetails } from "@/components/orders/fulfilment-details";
import { OrderActionButton } from "@/components/orders/order-action-button";
import { OrderReceipt } from "@/components/orders/order-receipt";
import { StatusBadge } from "@/components/orders/status-badge";
import { StatusTimeline } from "@/components/orders/status-timeline";
import { KeptNotice } from "@/components/ui/kept-notice";
import { LocalTime } from "@/components/ui/local-time";

// The number is the URL's own, so the title costs no read and tells nobody anything the address does not.
export async function generateMetadata({ params }: PageProps<"/orders/[id]">): Promise<Metadata> {
  const id = recordId().safeParse((await params).id);
  return { title: id.success ? `Order #${id.data}` : "Order" };
}

export default async function OrderPage({ params }: PageProps<"/orders/[id]">) {
  const id = recordId().safeParse((await params).id);
  if (!id.success) notFound();
  const viewer = await requireUser(`/orders/${id.data}`);
  const order = await getOrderForViewer({ viewer, orderId: id.data });
  if (!order) notFound();
  const open = isOpenStatus(order.status);
  const own = order.customerId === viewer.profileId;

  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <div>
          <h1 className="text-3xl font-bold tracking-tight">Order #{order.id}</h1>
          <p className="text-stone-600">
            <Link href={`/r/${order.restaurant.slug}`} className="underline">
              {order.restaurant.name}
            </Link>{" "}
            · <LocalTime date={order.placedAt} />
          </p>
        </div>
        <p className="flex items-center gap-2" data-testid="order-status">
          Status: <StatusBadge status={order.status} />
        </p>
      </header>
      {open ? (
        <LiveRefresh
          src={`/api/live/orders?order=${order.id}`}
          after={order.lastEventId}
          seconds={10}
          label="Status changes"
        />
      ) : null}
      <section aria-labelledby="lines-heading" className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200">
        <h2 id="lines-heading" className="sr-only">
          Items
        </h2>
        <OrderReceipt
          lines={order.lines}
          totalCents={order.totalCents}
          deliveryFeeCents={order.deliveryFeeCents}
          delivery={order.fulfilment === "delivery"}
        />
      </section>
      <FulfilmentDetails
        fulfilment={order.fulfilment}
        address={order.deliveryAddress}
        note={order.note}
        restaurantAddress={order.restaurant.address}
      />
      <section aria-labelledby="status-heading" className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200">
        <h2 id="status-heading" className="mb-3 text-base font-semibold">
          Progress
        </h2>
        <StatusTimeline events={order.statusEvents} />
      </section>
      {own ? (
        <KeptNotice>
          <div className="flex flex-wrap gap-3">
            {order.status === "placed" ? <CancelOrderButton action={cancelOrderAction} orderId={order.id} /> : null}
            <OrderActionButton action={reorderAction} orderId={order.id} label="Order again" />
          </div>
        </KeptNotice>
      ) : null}
      <p>
        <Link href="/orders" className="text-sm font-medium text-brand-700 underline">
          ← All your orders
        </Link>
      </p>
      <QueryStats />
    </div>
  );
}
