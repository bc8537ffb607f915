import { notFound } from "next/navigation";

import { formValues } from "@/lib/admin/filters";
import { adminMetadata } from "@/lib/admin/metadata";
import { requireAdmin } from "@/lib/admin/page-guard";
import { getPlatformTotals, getRevenueByMonth } from "@/lib/admin/revenue";
import { orderRangeSchema } from "@/lib/admin/schema";
import { calendarDay, DAY_MS } from "@/lib/dates";
import { firstParam, parseFilter } from "@/lib/query-params";
import { viewerTimeZone } from "@/lib/time-zone";
import { counted } from "@/lib/words";
import { OrdersExportForm } from "@/components/admin/export-links";
import { PageHeading } from "@/components/admin/page-heading";
import { PlatformTotals } from "@/components/admin/platform-totals";
import { RevenueChart } from "@/components/admin/revenue-chart";
import { RevenueTable } from "@/components/admin/revenue-table";
import { QueryStats } from "@/components/layout/query-stats";
import { PageLinks } from "@/components/ui/page-links";

export const generateMetadata = adminMetadata("Revenue");

/**
 * `?page=` of the table: absent (or 1) for the first, else a page number; anything else is a 404. Not recordId:
 * at most six digits, so that the page's offset (page × 25) stays within the int4 the ranking compares it to.
 */
function pageNumber(raw: string | undefined) {
  if (raw === undefined) return 1;
  return /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : null;
}

function pageNote(restaurants: number, page: number, pages: number) {
  if (restaurants === 0) return "No restaurants yet.";
  const count = counted(restaurants, "restaurant", "restaurants");
  return `${count}, highest revenue first${pages > 1 ? `: page ${page} of ${pages}` : ""}. The last row adds up all of them.`;
}

export default async function RevenuePage({ searchParams }: PageProps<"/admin/revenue">) {
  const viewer = await requireAdmin();
  const params = await searchParams;
  const page = pageNumber(firstParam(params.page));
  if (page === null) notFound();
  // The orders export's dates, when the export sent a browser back with a range it refused (or a link gave them):
  // checked by the export's own schema, so the page says exactly what the export objected to.
  const exportDates = formValues(params, ["from", "to"] as const);
  const exportErrors = parseFilter(orderRangeSchema, { from: params.from, to: params.to }).errors;
  const [totals, revenue, zone] = await Promise.all([
    getPlatformTotals({ viewer }),
    getRevenueByMonth({ viewer, page }),
    viewerTimeZone(),
  ]);
  if (page > revenue.pageCount) notFound();
  const pageHref = (n: number) => (n === 1 ? "/admin/revenue" : `/admin/revenue?page=${n}`);
  const today = new Date();
  return (
    <>
      <PageHeading title="Revenue" />
      <PlatformTotals totals={totals} />
      <section aria-labelledby="monthly-heading" className="mt-8 space-y-3">
        <h2 id="monthly-heading" className="text-lg font-semibold">
          By restaurant and month ({revenue.months[0]} to {revenue.months.at(-1)}, each restaurant&apos;s months in its
          own time zone)
        </h2>
        <RevenueChart data={revenue} />
        <p id="revenue-page" className="text-xs text-stone-600">
          {pageNote(revenue.restaurantCount, revenue.page, revenue.pageCount)}
        </p>
        <RevenueTable data={revenue} describedBy="revenue-page" />
        <PageLinks
          label="Revenue table pages"
          back={page > 1 ? { href: pageHref(page - 1), text: "← Higher revenue" } : null}
          next={page < revenue.pageCount ? { href: pageHref(page + 1), text: "Lower revenue →" } : null}
        />
      </section>
      <section id="orders-export" aria-labelledby="orders-export-heading" className="mt-8 space-y-3">
        <h2 id="orders-export-heading" className="text-lg font-semibold">
          Export orders
        </h2>
        <p className="text-sm text-stone-600">
          Every order placed between the two dates (inclusive, whole days in {zone}), cancelled ones marked as such.
        </p>
        <OrdersExportForm
          values={{
            from: exportDates.from ?? calendarDay(new Date(today.getTime() - 30 * DAY_MS), zone),
            to: exportDates.to ?? calendarDay(today, zone),
          }}
          errors={exportErrors}
        />
      </section>
      <QueryStats />
    </>
  );
}
