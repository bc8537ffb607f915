import Link from "next/link";

import { adminMetadata } from "@/lib/admin/metadata";
import { requireAdmin } from "@/lib/admin/page-guard";
import { getPlatformTotals } from "@/lib/admin/revenue";
import { PageHeading } from "@/components/admin/page-heading";
import { PlatformTotals } from "@/components/admin/platform-totals";
import { QueryStats } from "@/components/layout/query-stats";

export const generateMetadata = adminMetadata("Admin");

const SECTIONS = [
  {
    href: "/admin/users",
    title: "Users' totals",
    text: "Every user's orders and total purchase; search, sort, export, manage roles.",
  },
  {
    href: "/admin/reconciliation",
    title: "Reconciliation",
    text: "Proves that every order's total equals its lines, and every user's too.",
  },
  {
    href: "/admin/revenue",
    title: "Revenue",
    text: "Per restaurant and month, as a chart and a table; orders export by date.",
  },
  {
    href: "/admin/restaurants",
    title: "Restaurants",
    text: "Create restaurants and assign or remove their owners.",
  },
  { href: "/admin/orders", title: "Orders", text: "Every order, by number, customer, restaurant, status or date." },
  { href: "/admin/audit", title: "Audit log", text: "Every role change, account change and export: who, when, what." },
];

export default async function AdminPage() {
  const viewer = await requireAdmin();
  const totals = await getPlatformTotals({ viewer });
  return (
    <>
      <PageHeading title="Admin" />
      <PlatformTotals totals={totals} />
      <ul className="mt-8 grid gap-3 sm:grid-cols-2">
        {SECTIONS.map((s) => (
          <li key={s.href}>
            <Link
              href={s.href}
              className="block rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200 hover:ring-brand-600"
            >
              <span className="font-semibold text-brand-700">{s.title}</span>
              <span className="mt-1 block text-sm text-stone-600">{s.text}</span>
            </Link>
          </li>
        ))}
      </ul>
      <QueryStats />
    </>
  );
}
