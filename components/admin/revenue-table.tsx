import type { RevenueByMonth } from "@/lib/admin/revenue";
import { Money } from "@/components/ui/money";
import { ScrollBox } from "@/components/ui/scroll-box";

/** The chart's exact figures: one row per restaurant, one column per month, totals both ways. */
export function RevenueTable({ data }: { data: RevenueByMonth }) {
  return (
    <ScrollBox label="Revenue by restaurant and month">
      <table className="w-full text-right text-xs tabular-nums">
        <thead className="border-b border-stone-200 text-stone-500">
          <tr>
            <th scope="col" className="px-3 py-2 text-left font-medium">
              Restaurant
            </th>
            {data.months.map((m) => (
              <th key={m} scope="col" className="px-3 py-2 font-medium">
                {m}
              </th>
            ))}
            <th scope="col" className="px-3 py-2 font-semibold">
              Total
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {data.restaurants.map((r) => (
            <tr key={r.restaurantId}>
              <th scope="row" className="px-3 py-2 text-left font-medium">
                {r.name}
              </th>
              {data.months.map((m) => (
                <td key={m} className="px-3 py-2" title={`${r.byMonth[m]?.orders ?? 0} orders`}>
                  <Money cents={r.byMonth[m]?.revenueCents ?? 0} />
                </td>
              ))}
              <td className="px-3 py-2 font-semibold">
                <Money cents={r.totalCents} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t border-stone-200 font-semibold">
          <tr>
            <th scope="row" className="px-3 py-2 text-left">
              All restaurants
            </th>
            {data.months.map((m, i) => (
              <td key={m} className="px-3 py-2">
                <Money cents={data.monthTotalsCents[i] ?? 0} />
              </td>
            ))}
            <td className="px-3 py-2" data-testid="revenue-grand-total">
              <Money cents={data.totalCents} />
            </td>
          </tr>
        </tfoot>
      </table>
    </ScrollBox>
  );
}
