import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { requireUser } from "@/lib/auth/session";
import { decodeCursor } from "@/lib/orders/cursor";
import { getOrderHistory, type OrderHistory } from "@/lib/orders/queries";
import { historyFilterSchema } from "@/lib/orders/schema";
import { filterParams, firstParams, parseFilter } from "@/lib/query-params";
import { viewerTimeZone } from "@/lib/time-zone";
import { unknownRestaurantError } from "@/lib/validation";
import { counted } from "@/lib/words";
import { QueryStats } from "@/components/layout/query-stats";
import { HistoryFilters } from "@/components/orders/history-filters";
import { OrderList } from "@/components/orders/order-list";
import { orderListRows } from "@/components/orders/order-row";
import { DaysNote } from "@/components/ui/days-note";
import { FilterErrorsAlert } from "@/components/ui/filter-errors-alert";
import { Money } from "@/components/ui/money";
import { PageLinks } from "@/components/ui/page-links";

export const metadata: Metadata = { title: "Your orders" };

const orders = (n: number) => counted(n, "order", "orders");

/**
 * Counts that agree with the list below, which shows cancelled orders too: without a filter the running totals
 * know how many were cancelled; with one, the day rollups count only orders that count, and the sentence says so.
 */
function HistorySummary({ history }: { history: OrderHistory }) {
  const total = <Money cents={history.matchingTotalCents} className="font-semibold" />;
  const shown = (
    <>
      {" "}
      Shown here: <Money cents={history.shownTotalCents} className="font-semibold" />.
    </>
  );
  if (history.cancelledCount === 0) {
    return (
      <>
        {orders(history.matchingCount)}, totalling {total}.{shown}
      </>
    );
  }
  if (history.cancelledCount !== null) {
    return (
      <>
        {orders(history.matchingCount + history.cancelledCount)} · {history.matchingCount.toLocaleString("en-US")}{" "}
        counted in your total of {total}, {history.cancelledCount.toLocaleString("en-US")} cancelled.{shown}
      </>
    );
  }
  return (
    <>
      {history.matchingCount.toLocaleString("en-US")} counted{" "}
      {history.matchingCount === 1 ? "order matches" : "orders match"} these filters, totalling {total}.{shown}
      <span className="text-stone-500"> Cancelled orders are listed too, but never counted.</span>
    </>
  );
}

export default async function OrdersPage({ searchParams }: PageProps<"/orders">) {
  const raw = await searchParams;
  const values = firstParams(raw, ["restaurant", "from", "to", "before"]);
  const viewer = await requireUser("/orders");
  // A filter with a mistake shows no orders, only what to correct (as the admin's filters do): its total under a
  // form that says otherwise would be wrong, and an "Older orders" link keeping the mistake led back to the first
  // page for ever.
  const parsed = parseFilter(historyFilterSchema, values);
  const filter = parsed.filter ?? {};
  const cursor = decodeCursor(filter.before);
  if (cursor === null) notFound();
  const zone = await viewerTimeZone();
  const history = await getOrderHistory({
    viewer,
    restaurantId: filter.restaurant,
    from: filter.from,
    to: filter.to,
    cursor,
    zone,
  });
  if (!history) notFound();
  // A restaurant the customer never ordered from (an edited or someone else's link) is not among the select's
  // choices, which then showed "All restaurants" above an empty list: a mistake like the others, said under it.
  const unknownRestaurant = unknownRestaurantError(filter.restaurant, history.restaurantOptions);
  const errors = { ...parsed.errors, ...unknownRestaurant };
  const valid = parsed.filter !== null && !unknownRestaurant;

  const keep = filterParams({ restaurant: values.restaurant, from: values.from, to: values.to });
  const older =
    valid && history.nextCursor
      ? `/orders?${new URLSearchParams([...keep, ["before", history.nextCursor]])}`
      : undefined;

  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold tracking-tight">Your orders</h1>
      <HistoryFilters
        options={history.restaurantOptions.map((o) => [o.id, o.name] as const)}
        values={values}
        errors={errors}
      />
      <DaysNote zone={zone} testId="history-days" />
      {!valid ? (
        <FilterErrorsAlert />
      ) : (
        <>
          <p className="text-sm text-stone-700" data-testid="history-summary">
            <HistorySummary history={history} />
          </p>
          {history.orders.length === 0 ? (
            <p className="card text-stone-600">No orders here.</p>
          ) : (
            <OrderList rows={orderListRows(history.orders, zone)} testId="history" />
          )}
        </>
      )}
      <PageLinks
        label="Order history pages"
        className=""
        back={cursor ? { href: `/orders${keep.size ? `?${keep}` : ""}`, text: "← Newest orders" } : null}
        next={older ? { href: older, text: "Older orders →" } : null}
      />
      <QueryStats />
    </div>
  );
}
