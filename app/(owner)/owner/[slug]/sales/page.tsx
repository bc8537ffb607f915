import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { requireRole } from "@/lib/auth/session";
import { APP_TIME_ZONE } from "@/lib/dates";
import { ownerPageData } from "@/lib/owner/page-data";
import { getSalesReport, SALES_DAYS } from "@/lib/owner/sales";
import { OWNER_ROLES } from "@/lib/owner/scope";
import { pathSlug } from "@/lib/validation";
import { QueryStats } from "@/components/layout/query-stats";
import { OwnerNav } from "@/components/owner/owner-nav";
import { SalesChart } from "@/components/owner/sales-chart";
import { DailySalesTable, TopItemsTable } from "@/components/owner/sales-tables";
import { Money } from "@/components/ui/money";

const loadReport = ownerPageData(getSalesReport);

export async function generateMetadata({ params }: PageProps<"/owner/[slug]/sales">): Promise<Metadata> {
  const { slug } = await params;
  const report = pathSlug.safeParse(slug).success ? await loadReport(slug) : null;
  return report ? { title: `Sales · ${report.restaurant.name}` } : {};
}

export default async function OwnerSalesPage({ params }: PageProps<"/owner/[slug]/sales">) {
  const { slug } = await params;
  if (!pathSlug.safeParse(slug).success) notFound();
  await requireRole(OWNER_ROLES, `/owner/${slug}/sales`);
  const report = await loadReport(slug);
  if (!report) notFound();
  const box = "rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200";
  return (
    <>
      <OwnerNav slug={report.restaurant.slug} name={report.restaurant.name} current="sales" title="Sales" />
      <p className="mb-4 text-sm text-stone-600">
        Last {SALES_DAYS} days ({APP_TIME_ZONE}), cancelled orders excluded:{" "}
        <Money cents={report.totalRevenueCents} className="font-semibold" /> from {report.totalOrders}{" "}
        {report.totalOrders === 1 ? "order" : "orders"}. Revenue includes delivery fees; top items count the items
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
              totalOrders={report.totalOrders}
              totalRevenueCents={report.totalRevenueCents}
            />
          </section>
          <section className={box}>
            <TopItemsTable items={report.topItems} />
          </section>
        </div>
      </div>
      <QueryStats />
    </>
  );
}
