import { Money } from "@/components/ui/money";

import { LineOptions, type ShownLine as Line } from "./line-options";

/**
 * The order page's itemised receipt: a table of each line at the unit price paid (the snapshot), then the items'
 * subtotal, the delivery fee snapshotted on the order (when there is one) and the stored total, which includes it.
 * The review page shows the same table before the order exists.
 */
export function OrderReceipt({
  lines,
  totalCents,
  deliveryFeeCents = 0,
  delivery = false,
}: {
  lines: Line[];
  totalCents: number;
  deliveryFeeCents?: number;
  delivery?: boolean;
}) {
  // The number columns keep a gap and never wrap: at 390 px the item's name and options take what is left.
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Items</caption>
      <thead className="text-left text-stone-500">
        <tr>
          <th scope="col" className="py-1 font-medium">
            Item
          </th>
          <th scope="col" className="py-1 pl-3 text-right font-medium whitespace-nowrap">
            Qty
          </th>
          <th scope="col" className="py-1 pl-3 text-right font-medium whitespace-nowrap">
            Price
          </th>
          <th scope="col" className="py-1 pl-3 text-right font-medium whitespace-nowrap">
            Subtotal
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-stone-100">
        {lines.map((line) => (
          <tr key={line.id}>
            <td className="py-1.5">
              {line.name}
              <LineOptions options={line.options ?? []} instructions={line.instructions} />
            </td>
            <td className="py-1.5 pl-3 text-right tabular-nums">{line.quantity}</td>
            <td className="py-1.5 pl-3 text-right whitespace-nowrap">
              <Money cents={line.unitPriceCents} />
            </td>
            <td className="py-1.5 pl-3 text-right whitespace-nowrap">
              <Money cents={line.quantity * line.unitPriceCents} />
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        {delivery ? (
          <>
            <tr className="border-t border-stone-200">
              <th scope="row" colSpan={3} className="py-1.5 text-left font-medium">
                Items subtotal
              </th>
              <td className="py-1.5 text-right" data-testid="order-subtotal">
                <Money cents={totalCents - deliveryFeeCents} />
              </td>
            </tr>
            <tr>
              <th scope="row" colSpan={3} className="py-1.5 text-left font-medium">
                Delivery fee
              </th>
              <td className="py-1.5 text-right" data-testid="order-delivery-fee">
                <Money cents={deliveryFeeCents} />
              </td>
            </tr>
          </>
        ) : null}
        <tr className="border-t border-stone-200 font-semibold">
          <th scope="row" colSpan={3} className="py-2 text-left">
            Total
          </th>
          <td className="py-2 text-right" data-testid="order-total">
            <Money cents={totalCents} />
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
