import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { requireRole } from "@/lib/auth/session";
import { ownerPageData } from "@/lib/owner/page-data";
import { getSalesReport, SALES_DAYS } from "@/lib/owner/sales";
import { salesRangeSchema } from "@/lib/owner/schema";
import { OWNER_ROLES } from "@/lib/owner/scope";
import { firstParams, parseFilter } from "@/lib/query-params";
import { pathSlug } from "@/lib/validation";
import { counted } from "@/lib/words";
import { QueryStats } from "@/components/layout/query-stats";
import { OwnerNav } from "@/components/owner/owner-nav";
import { SalesChart } from "@/components/owner/sales-chart";
import { SalesRangeForm } from "@/components/owner/sales-range-form";
import { DailySalesTable, TopItemsTable } from "@/components/owner/sales-tables";
import { FilterErrorsAlert } from "@/components/ui/filter-errors-alert";
import { Money } from "@/components/ui/money";

const loadReport = ownerPageData((args, from?: string, to?: string) =>
  getSalesReport({ ...args, range: from && to ? { from, to } : undefined }),
);

/** The range the URL asks for, when it is a good one; a bad one is explained on the page, next to its fields. */
function rangeFrom(raw: Record<string, string | string[] | undefined>) {
  const values = firstParams(raw, ["from", "to"]);
  const { filter, errors } = parseFilter(salesRangeSchema, values);
  const range = filter?.from && filter.to ? { from: filter.from, to: filter.to } : undefined;
  return { values, errors, range, valid: filter !== null };
}

export async function generateMetadata({ params, searchParams }: PageProps<"/owner/[slug]/sales">): Promise<Metadata> {
  const { slug } = await params;
  const { range } = rangeFrom(await searchParams);
  const report = pathSlug.safeParse(slug).success ? await loadReport(slug, range?.from, range?.to) : null;
  return report ? { title: `Sales · ${report.restaurant.name}` } : {};
}

export default async function OwnerSalesPage({ params, searchParams }: PageProps<"/owner/[slug]/sales">) {
  const { slug } = await params;
  if (!pathSlug.safeParse(slug).success) notFound();
  const { values, errors, range, valid } = rangeFrom(await searchParams);
  await requireRole(OWNER_ROLES, `/owner/${slug}/sales`);
  const report = await loadReport(slug, range?.from, range?.to);
  if (!report) notFound();
  const first = report.days[0]?.day;
  const last = report.days.at(-1)?.day;
  const box = "rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200";
  return (
    <>
      <OwnerNav slug={report.restaurant.slug} name={report.restaurant.name} current="sales" title="Sales" />
      <SalesRangeForm slug={report.restaurant.slug} values={values} errors={errors} />
      {/* A range that does not parse is said as the other filter pages say it, instead of a report of other days
          that read as its answer (the last 30 days under the fields' own refusal). The report is still read: its
          statement is also the ownership check. */}
      {!valid ? (
        <FilterErrorsAlert />
      ) : (
        <>
          <p className="mb-4 text-sm text-stone-600" data-testid="sales-summary">
            {range ? `${first} to ${last}` : `Last ${SALES_DAYS} days`} ({report.restaurant.timeZone}), cancelled orders
            excluded: <Money cents={report.totalRevenueCents} className="font-semibold" /> from{" "}
            {counted(report.totalOrders, "order", "orders")}. Revenue includes delivery fees; top items count the items
            alone.
          </p>
          <div className="space-y-6">
            <section className={box}>
              <SalesChart days={report.days} />
            </section>
            <div className="grid gap-6 md:grid-cols-2">
              <section className={box}>
                <DailySalesTable
                  days={report.days}
                  timeZone={report.restaurant.timeZone}
                  totalOrders={report.totalOrders}
                  totalRevenueCents={report.totalRevenueCents}
                />
              </section>
              <section className={box}>
                <TopItemsTable items={report.topItems} />
              </section>
            </div>
          </div>
        </>
      )}
      <QueryStats />
    </>
  );
}
