import { Money } from "@/components/ui/money";

export type LineOption = { groupName: string; choiceName: string; priceDeltaCents: number };

/** A line as the receipt and the summaries show it: a snapshot of an order's, or a cart's priced today. */
export type ShownLine = {
  id: number;
  name: string;
  unitPriceCents: number;
  quantity: number;
  options?: readonly LineOption[];
  instructions?: string;
};

/**
 * A line's chosen options and the customer's note, under its name: "Size: Large (+$2.00) · Extras: Cheese". Used
 * wherever a line is shown (cart, order page, history, owner queue), from a snapshot or from the current menu.
 */
export function LineOptions({
  options,
  instructions,
  className = "",
}: {
  options: readonly LineOption[];
  instructions?: string;
  className?: string;
}) {
  if (options.length === 0 && !instructions) return null;
  return (
    <div className={`text-xs text-stone-600 ${className}`} data-testid="line-options">
      {options.length > 0 ? (
        <p>
          {options.map((o, i) => (
            <span key={`${o.groupName}-${o.choiceName}-${i}`}>
              {i > 0 ? " · " : null}
              {o.groupName}: {o.choiceName}
              {o.priceDeltaCents > 0 ? (
                <>
                  {" "}
                  (+
                  <Money cents={o.priceDeltaCents} />)
                </>
              ) : null}
            </span>
          ))}
        </p>
      ) : null}
      {instructions ? <p className="italic">Note: {instructions}</p> : null}
    </div>
  );
}
