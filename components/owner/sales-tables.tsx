import type { SalesDay, TopItem } from "@/lib/owner/sales";
import { Money } from "@/components/ui/money";

const cell = "px-3 py-1.5";

/** One row per day of the restaurant's time zone (its sales days, decision 0006). */
export function DailySalesTable({
  days,
  timeZone,
  totalOrders,
  totalRevenueCents,
}: {
  days: SalesDay[];
  timeZone: string;
  totalOrders: number;
  totalRevenueCents: number;
}) {
  return (
    <table className="w-full text-sm" data-testid="daily-sales">
      <caption className="mb-2 text-left font-semibold">Revenue and orders per day ({timeZone})</caption>
      <thead className="text-left text-stone-500">
        <tr>
          <th scope="col" className={cell}>
            Day
          </th>
          <th scope="col" className={`${cell} text-right`}>
            Orders
          </th>
          <th scope="col" className={`${cell} text-right`}>
            Revenue
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-stone-100">
        {[...days].reverse().map((d) => (
          <tr key={d.day}>
            <th scope="row" className={`${cell} text-left font-normal`}>
              {d.day}
            </th>
            <td className={`${cell} text-right tabular-nums`}>{d.orders}</td>
            <td className={`${cell} text-right`}>
              <Money cents={d.revenueCents} />
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot className="border-t border-stone-300 font-semibold">
        <tr>
          <th scope="row" className={`${cell} text-left`}>
            Total
          </th>
          <td className={`${cell} text-right tabular-nums`} data-testid="sales-total-orders">
            {totalOrders}
          </td>
          <td className={`${cell} text-right`} data-testid="sales-total-revenue">
            <Money cents={totalRevenueCents} />
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

export function TopItemsTable({ items }: { items: TopItem[] }) {
  if (items.length === 0) return <p className="text-sm text-stone-500">No items sold in this period.</p>;
  return (
    <table className="w-full text-sm">
      <caption className="mb-2 text-left font-semibold">Top items by revenue</caption>
      <thead className="text-left text-stone-500">
        <tr>
          <th scope="col" className={cell}>
            Item
          </th>
          <th scope="col" className={`${cell} text-right`}>
            Sold
          </th>
          <th scope="col" className={`${cell} text-right`}>
            Revenue
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-stone-100">
        {items.map((item) => (
          <tr key={item.key}>
            <th scope="row" className={`${cell} text-left font-normal`}>
              {item.name}
            </th>
            <td className={`${cell} text-right tabular-nums`}>{item.quantity}</td>
            <td className={`${cell} text-right`}>
              <Money cents={item.revenueCents} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
