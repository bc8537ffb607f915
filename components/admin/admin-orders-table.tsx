import Link from "next/link";

import type { AdminOrderRow } from "@/lib/admin/orders";
import { LocalTime } from "@/components/ui/local-time";
import { Money } from "@/components/ui/money";

import { AdminTable } from "./admin-table";

export function AdminOrdersTable({ rows }: { rows: AdminOrderRow[] }) {
  if (rows.length === 0)
    return (
      <p className="rounded-xl bg-white p-5 text-sm text-stone-600 shadow-sm ring-1 ring-stone-200">No orders match.</p>
    );
  return (
    <AdminTable
      label="Orders"
      columns={["Order", "Placed", "Customer", "Restaurant", "Status", { label: "Total", align: "right" }]}
    >
      {rows.map((o) => (
        <tr key={o.id} data-testid="admin-order-row" data-order-id={o.id}>
          <td className="px-4 py-2">
            <Link href={`/orders/${o.id}`} className="font-medium text-brand-700 underline">
              #{o.id}
            </Link>
          </td>
          <td className="px-4 py-2 whitespace-nowrap">
            <LocalTime date={o.placedAt} />
          </td>
          <td className="px-4 py-2">
            {o.customerName}
            <span className="block text-xs text-stone-600">{o.customerEmail}</span>
          </td>
          <td className="px-4 py-2">{o.restaurantName}</td>
          <td className="px-4 py-2 capitalize">{o.status}</td>
          <td className="px-4 py-2 text-right">
            <Money cents={o.totalCents} />
          </td>
        </tr>
      ))}
    </AdminTable>
  );
}
