import { notFound } from "next/navigation";

import { decodeBefore, formValues } from "@/lib/admin/filters";
import { adminMetadata } from "@/lib/admin/metadata";
import { listOrdersForAdmin } from "@/lib/admin/orders";
import { requireAdmin } from "@/lib/admin/page-guard";
import { listRestaurantChoices } from "@/lib/admin/restaurants";
import { ordersQuerySchema } from "@/lib/admin/schema";
import { encodeTimeKey } from "@/lib/keyset";
import { filterParams, parseFilter } from "@/lib/query-params";
import { viewerTimeZone } from "@/lib/time-zone";
import { unknownRestaurantError } from "@/lib/validation";
import { AdminOrdersTable } from "@/components/admin/admin-orders-table";
import { OrdersFilter } from "@/components/admin/orders-filter";
import { PageHeading } from "@/components/admin/page-heading";
import { QueryStats } from "@/components/layout/query-stats";
import { DaysNote } from "@/components/ui/days-note";
import { FilterErrorsAlert } from "@/components/ui/filter-errors-alert";
import { OlderNewerLinks } from "@/components/ui/page-links";
import { TooManyMatches } from "@/components/ui/too-many-matches";

export const generateMetadata = adminMetadata("Orders");

const FILTER_KEYS = ["number", "customer", "restaurant", "status", "from", "to"] as const;

export default async function AdminOrdersPage({ searchParams }: PageProps<"/admin/orders">) {
  const viewer = await requireAdmin();
  const params = await searchParams;
  const before = decodeBefore(params.before);
  if (before === null) notFound();
  const parsed = parseFilter(ordersQuerySchema, params);
  const zone = await viewerTimeZone();
  const [restaurants, listed] = await Promise.all([
    listRestaurantChoices({ viewer }),
    parsed.filter ? listOrdersForAdmin({ viewer, filter: parsed.filter, before, zone }) : null,
  ]);
  // A restaurant id that names none (an edited link, a restaurant since gone) is not among the select's choices,
  // which then showed "All restaurants" above an empty list: a mistake like the others, said under the field.
  const unknownRestaurant = unknownRestaurantError(parsed.filter?.restaurant, restaurants);
  const errors = { ...parsed.errors, ...unknownRestaurant };
  const result = unknownRestaurant ? null : listed;
  const values = formValues(params, FILTER_KEYS);
  const base = filterParams(values);
  return (
    <>
      <PageHeading title="Orders" />
      <OrdersFilter values={values} restaurants={restaurants} errors={errors} />
      {result === null ? (
        <FilterErrorsAlert />
      ) : (
        <>
          {result.tooManyCustomers ? <TooManyMatches hint="Type more of the name or email." /> : null}
          <DaysNote zone={zone} newestFirst className="mb-3" />
          <AdminOrdersTable rows={result.rows} />
          <OlderNewerLinks
            label="Orders pages"
            path="/admin/orders"
            filter={base}
            paged={Boolean(before)}
            nextBefore={result.nextCursor && encodeTimeKey(result.nextCursor)}
          />
        </>
      )}
      <QueryStats />
    </>
  );
}
