import Link from "next/link";

import type { UserTotalsRow } from "@/lib/admin/users";
import { Money } from "@/components/ui/money";

import { AdminTable } from "./admin-table";

export function UsersTable({ rows }: { rows: UserTotalsRow[] }) {
  if (rows.length === 0) {
    return (
      <p className="rounded-xl bg-white p-5 text-sm text-stone-500 shadow-sm ring-1 ring-stone-200">No users match.</p>
    );
  }
  return (
    <AdminTable
      label="Users' totals"
      muted
      columns={[
        "Name",
        "Email",
        "Role",
        { label: "Orders", align: "right" },
        { label: "Total purchase", align: "right" },
        { label: "Actions", srOnly: true },
      ]}
    >
      {rows.map((row) => (
        <tr key={row.profileId} data-testid="user-row" data-email={row.email}>
          <td className="px-4 py-2">
            <Link href={`/u/${row.slug}`} className="font-medium text-brand-700 underline">
              {row.displayName}
            </Link>
          </td>
          <td className="px-4 py-2 text-stone-600">{row.email}</td>
          <td className="px-4 py-2">
            <span className="capitalize">{row.role}</span>
            {row.disabled ? (
              <span className="ml-2 rounded-full bg-red-50 px-2 py-0.5 text-xs text-red-700 ring-1 ring-red-200">
                disabled
              </span>
            ) : null}
          </td>
          <td className="px-4 py-2 text-right tabular-nums" data-testid="user-order-count">
            {row.orderCount.toLocaleString("en-US")}
          </td>
          <td className="px-4 py-2 text-right font-semibold" data-testid="user-total">
            <Money cents={row.totalPurchaseCents} />
          </td>
          <td className="px-4 py-2 text-right">
            <Link
              href={`/admin/users/${row.slug}`}
              className="text-stone-600 underline"
              aria-label={`Manage ${row.displayName}`}
            >
              Manage
            </Link>
          </td>
        </tr>
      ))}
    </AdminTable>
  );
}
