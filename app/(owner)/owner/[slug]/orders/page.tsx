import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { requireRole } from "@/lib/auth/session";
import { ownerPageData } from "@/lib/owner/page-data";
import { getOrderQueue } from "@/lib/owner/queries";
import { OWNER_ROLES } from "@/lib/owner/scope";
import { pathSlug } from "@/lib/validation";
import { QueryStats } from "@/components/layout/query-stats";
import { LiveRefresh } from "@/components/live/live-refresh";
import { OrderAlerts } from "@/components/owner/order-alerts";
import { OrderQueue } from "@/components/owner/order-queue";
import { OwnerNav } from "@/components/owner/owner-nav";
import { KeptNotice } from "@/components/ui/kept-notice";

const loadQueue = ownerPageData(getOrderQueue);

export async function generateMetadata({ params }: PageProps<"/owner/[slug]/orders">): Promise<Metadata> {
  const { slug } = await params;
  const queue = pathSlug.safeParse(slug).success ? await loadQueue(slug) : null;
  return queue ? { title: `Order queue · ${queue.name}` } : {};
}

export default async function OwnerOrdersPage({ params }: PageProps<"/owner/[slug]/orders">) {
  const { slug } = await params;
  if (!pathSlug.safeParse(slug).success) notFound();
  await requireRole(OWNER_ROLES, `/owner/${slug}/orders`);
  const queue = await loadQueue(slug);
  if (!queue) notFound();
  return (
    <>
      <OwnerNav slug={queue.slug} name={queue.name} current="orders" title="Order queue" />
      <div className="mb-4">
        <LiveRefresh
          src={`/api/live/orders?restaurant=${encodeURIComponent(queue.slug)}`}
          after={queue.lastEventId}
          seconds={10}
          label="New orders and status changes"
        />
      </div>
      <div className="mb-4">
        <OrderAlerts
          restaurantId={queue.id}
          restaurantName={queue.name}
          newestPlaced={queue.newestPlaced}
          morePlaced={queue.morePlaced}
        />
      </div>
      <KeptNotice>
        <OrderQueue queue={queue} />
      </KeptNotice>
      <QueryStats />
    </>
  );
}
