import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { requireRole } from "@/lib/auth/session";
import { decodeCursor } from "@/lib/orders/cursor";
import { listPastOrders } from "@/lib/owner/past-orders";
import { pastOrdersFilterSchema, type PastOrdersFilter } from "@/lib/owner/schema";
import { OWNER_ROLES } from "@/lib/owner/scope";
import { filterParams, firstParam, firstParams, parseFilter } from "@/lib/query-params";
import { pathSlug } from "@/lib/validation";
import { QueryStats } from "@/components/layout/query-stats";
import { OwnerNav } from "@/components/owner/owner-nav";
import { PastOrderRow } from "@/components/owner/past-order-row";
import { PastOrdersFilters } from "@/components/owner/past-orders-filters";
import { DaysNote } from "@/components/ui/days-note";
import { FilterErrorsAlert } from "@/components/ui/filter-errors-alert";
import { PageLinks } from "@/components/ui/page-links";
import { TooManyMatches } from "@/components/ui/too-many-matches";

export const metadata: Metadata = { title: "Past orders" };

/**
 * Every order of one restaurant, newest first, a keyset page at a time, searchable by order number or customer
 * name and filtered by status and days. A filter with a mistake is explained next to its field, and nothing is
 * listed until it is corrected (the restaurant is still read, for the page around the form).
 */
export default async function PastOrdersPage({ params, searchParams }: PageProps<"/owner/[slug]/past-orders">) {
  const { slug } = await params;
  if (!pathSlug.safeParse(slug).success) notFound();
  const raw = await searchParams;
  const values = firstParams(raw, ["status", "q", "from", "to"]);
  const viewer = await requireRole(OWNER_ROLES, `/owner/${slug}/past-orders`);
  const parsed = parseFilter(pastOrdersFilterSchema, { ...values, before: firstParam(raw.before) });
  const filter: Partial<PastOrdersFilter> = parsed.filter ?? {};
  const cursor = decodeCursor(filter.before);
  if (cursor === null) notFound();
  const list = await listPastOrders({
    viewer,
    slug,
    status: filter.status,
    search: filter.q,
    from: filter.from,
    to: filter.to,
    cursor,
  });
  if (!list) notFound();

  const keep = parsed.filter ? filterParams(values) : new URLSearchParams();
  const base = `/owner/${slug}/past-orders`;
  const older = list.nextCursor ? `${base}?${new URLSearchParams([...keep, ["before", list.nextCursor]])}` : undefined;

  return (
    <>
      <OwnerNav slug={list.restaurant.slug} name={list.restaurant.name} current="past-orders" title="Past orders" />
      <div className="space-y-4">
        <PastOrdersFilters slug={list.restaurant.slug} values={values} errors={parsed.errors} />
        <DaysNote
          zone={`the restaurant's time zone, ${list.restaurant.timeZone}`}
          newestFirst
          testId="past-orders-days"
        />
        {/* A mistaken filter lists nothing: every order under a search still showing "Dan" read as Dan's orders. */}
        {!parsed.filter ? (
          <FilterErrorsAlert />
        ) : (
          <>
            {list.tooManyCustomers ? <TooManyMatches hint="Type more of the customer's name." /> : null}
            {list.orders.length === 0 ? (
              <p className="rounded-xl bg-white p-6 text-stone-600 ring-1 ring-stone-200">No orders match.</p>
            ) : (
              <ol className="space-y-3" aria-label="Orders, newest first">
                {list.orders.map((order) => (
                  <PastOrderRow
                    key={order.id}
                    order={order}
                    slug={list.restaurant.slug}
                    timeZone={list.restaurant.timeZone}
                  />
                ))}
              </ol>
            )}
            <PageLinks
              label="Past order pages"
              className=""
              back={cursor ? { href: `${base}${keep.size ? `?${keep}` : ""}`, text: "← Newest orders" } : null}
              next={older ? { href: older, text: "Older orders →" } : null}
            />
          </>
        )}
      </div>
      <QueryStats />
    </>
  );
}
