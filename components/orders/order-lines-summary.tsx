import { Money } from "@/components/ui/money";

import { LineOptions, type ShownLine as Line } from "./line-options";

/**
 * An order at a glance, for cards in lists and queues: "2 × Soup  $9.00" per line, then the delivery fee when there
 * is one, so that what is listed adds up to the total row (`totalCents`).
 */
export function OrderLinesSummary({
  lines,
  deliveryFeeCents = 0,
  totalCents,
  className = "",
}: {
  lines: Line[];
  deliveryFeeCents?: number;
  totalCents?: number;
  className?: string;
}) {
  return (
    <ul className={`text-sm ${className}`}>
      {lines.map((line) => (
        <li key={line.id} className="flex justify-between gap-4">
          <span>
            {line.quantity} × {line.name}
            <LineOptions options={line.options ?? []} instructions={line.instructions} />
          </span>
          <Money cents={line.quantity * line.unitPriceCents} />
        </li>
      ))}
      {deliveryFeeCents > 0 ? (
        <li className="flex justify-between gap-4" data-testid="delivery-fee">
          <span>Delivery fee</span>
          <Money cents={deliveryFeeCents} />
        </li>
      ) : null}
      {totalCents !== undefined ? (
        <li className="mt-1 flex justify-between gap-4 border-t border-stone-100 pt-1 font-semibold">
          <span>Total</span>
          <Money cents={totalCents} />
        </li>
      ) : null}
    </ul>
  );
}
