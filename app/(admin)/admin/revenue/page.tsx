import { adminMetadata } from "@/lib/admin/metadata";
import { requireAdmin } from "@/lib/admin/page-guard";
import { getPlatformTotals, getRevenueByMonth } from "@/lib/admin/revenue";
import { calendarDay, DAY_MS } from "@/lib/dates";
import { viewerTimeZone } from "@/lib/time-zone";
import { OrdersExportForm } from "@/components/admin/export-links";
import { PageHeading } from "@/components/admin/page-heading";
import { PlatformTotals } from "@/components/admin/platform-totals";
import { RevenueChart } from "@/components/admin/revenue-chart";
import { RevenueTable } from "@/components/admin/revenue-table";
import { QueryStats } from "@/components/layout/query-stats";

export const generateMetadata = adminMetadata("Revenue");

export default async function RevenuePage() {
  const viewer = await requireAdmin();
  const [totals, revenue, zone] = await Promise.all([
    getPlatformTotals({ viewer }),
    getRevenueByMonth({ viewer }),
    viewerTimeZone(),
  ]);
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
        <RevenueTable data={revenue} />
      </section>
      <section aria-labelledby="orders-export-heading" className="mt-8 space-y-3">
        <h2 id="orders-export-heading" className="text-lg font-semibold">
          Export orders
        </h2>
        <p className="text-sm text-stone-600">
          Every order placed between the two dates (inclusive, whole days in {zone}), cancelled ones marked as such.
        </p>
        <OrdersExportForm
          from={calendarDay(new Date(today.getTime() - 30 * DAY_MS), zone)}
          to={calendarDay(today, zone)}
        />
      </section>
      <QueryStats />
    </>
  );
}
