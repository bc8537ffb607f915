"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/admin", label: "Overview" },
  { href: "/admin/users", label: "Users" },
  { href: "/admin/restaurants", label: "Restaurants" },
  { href: "/admin/orders", label: "Orders" },
  { href: "/admin/reconciliation", label: "Reconciliation" },
  { href: "/admin/revenue", label: "Revenue" },
  { href: "/admin/audit", label: "Audit log" },
] as const;

/** The tab a path belongs to: the overview only at /admin itself, every other tab for its pages below it too. */
export function currentAdminTab(pathname: string): string | undefined {
  if (pathname === "/admin") return "/admin";
  return LINKS.find(
    (link) => link.href !== "/admin" && (pathname === link.href || pathname.startsWith(`${link.href}/`)),
  )?.href;
}

// A client component for the pathname only: the layout that renders it is not re-run on navigation.
export function AdminNav() {
  const current = currentAdminTab(usePathname());
  return (
    <nav aria-label="Admin" className="mb-6 flex flex-wrap gap-1 border-b border-stone-200 pb-3 text-sm">
      {LINKS.map((link) => {
        const active = link.href === current;
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={active ? "page" : undefined}
            className={
              active
                ? "rounded-lg bg-brand-700 px-3 py-1.5 font-semibold text-white underline decoration-2 underline-offset-4"
                : "rounded-lg px-3 py-1.5 font-medium text-stone-700 hover:bg-stone-100"
            }
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
