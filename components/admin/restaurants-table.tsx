import Link from "next/link";

import type { AdminRestaurantRow } from "@/lib/admin/restaurants";
import { openState } from "@/lib/restaurants/hours-format";

import { AdminTable } from "./admin-table";

export function RestaurantsTable({ rows }: { rows: AdminRestaurantRow[] }) {
  if (rows.length === 0)
    return (
      <p className="rounded-xl bg-white p-5 text-sm text-stone-600 shadow-sm ring-1 ring-stone-200">
        No restaurants match.
      </p>
    );
  return (
    <AdminTable label="Restaurants" columns={["Name", "Cuisine", "Owners", "Now"]}>
      {rows.map((r) => (
        <tr key={r.id} data-testid="restaurant-row">
          <td className="px-4 py-2">
            <Link href={`/admin/restaurants/${r.slug}`} className="font-medium text-brand-700 underline">
              {r.name}
            </Link>
            <span className="block text-xs text-stone-600">/{r.slug}</span>
          </td>
          <td className="px-4 py-2">{r.cuisine}</td>
          <td className="px-4 py-2">{r.owners.length ? r.owners.join(", ") : "No owner yet"}</td>
          <td className="px-4 py-2">{openState(r)}</td>
        </tr>
      ))}
    </AdminTable>
  );
}
