import type { RevenueByMonth } from "@/lib/admin/revenue";
import { formatCents } from "@/lib/money";
import { ScrollBox } from "@/components/ui/scroll-box";

/**
 * Exact figures, a page of restaurants at a time: one row per restaurant, one column per month, totals both ways
 * (the last row every restaurant's, as the chart's bars are). Cells are bare text in a padded, tabular table: 25
 * rows of 14 cells travel twice (HTML and RSC payload), so each wrapper and class string counts.
 */
export function RevenueTable({ data, describedBy }: { data: RevenueByMonth; describedBy?: string }) {
  return (
    <ScrollBox label="Revenue by restaurant and month">
      <table aria-describedby={describedBy} className="w-full data-table text-right text-xs tabular-nums">
        <thead className="border-b border-stone-200 font-medium text-stone-500">
          <tr>
            <th scope="col" className="text-left">
              Restaurant
            </th>
            {data.months.map((m) => (
              <th key={m} scope="col">
                {m}
              </th>
            ))}
            <th scope="col" className="font-semibold">
              Total
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {data.restaurants.map((r) => (
            <tr key={r.restaurantId}>
              <th scope="row" className="text-left font-medium">
                {r.name}
              </th>
              {data.months.map((m) => (
                <td key={m} title={`${r.byMonth[m]?.orders ?? 0} orders`}>
                  {formatCents(r.byMonth[m]?.revenueCents ?? 0)}
                </td>
              ))}
              <td className="font-semibold">{formatCents(r.totalCents)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t border-stone-200 font-semibold">
          <tr>
            <th scope="row" className="text-left">
              All restaurants
            </th>
            {data.months.map((m, i) => (
              <td key={m}>{formatCents(data.monthTotalsCents[i] ?? 0)}</td>
            ))}
            <td data-testid="revenue-grand-total">{formatCents(data.totalCents)}</td>
          </tr>
        </tfoot>
      </table>
    </ScrollBox>
  );
}
