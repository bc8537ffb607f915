import { Money } from "@/components/ui/money";

import { LineOptions, type LineOption } from "./line-options";

type Line = {
  id: number;
  name: string;
  unitPriceCents: number;
  quantity: number;
  options?: readonly LineOption[];
  instructions?: string;
};

/** The order page's itemised receipt: a table of each line at the unit price paid (the snapshot), and the stored total. */
export function OrderReceipt({ lines, totalCents }: { lines: Line[]; totalCents: number }) {
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Items</caption>
      <thead className="text-left text-stone-500">
        <tr>
          <th scope="col" className="py-1 font-medium">
            Item
          </th>
          <th scope="col" className="py-1 text-right font-medium">
            Qty
          </th>
          <th scope="col" className="py-1 text-right font-medium">
            Price
          </th>
          <th scope="col" className="py-1 text-right font-medium">
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
            <td className="py-1.5 text-right tabular-nums">{line.quantity}</td>
            <td className="py-1.5 text-right">
              <Money cents={line.unitPriceCents} />
            </td>
            <td className="py-1.5 text-right">
              <Money cents={line.quantity * line.unitPriceCents} />
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
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
