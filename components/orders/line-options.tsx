import type { LineOption } from "@/lib/cart/options";
import { Money } from "@/components/ui/money";

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
 * A line's options by group, groups in the order their first choice comes (the order chosen): a group's name is
 * said once however many of its choices were picked.
 */
export function optionsByGroup(options: readonly LineOption[]): { groupName: string; choices: LineOption[] }[] {
  const groups = new Map<string, LineOption[]>();
  for (const option of options) groups.set(option.groupName, [...(groups.get(option.groupName) ?? []), option]);
  return [...groups].map(([groupName, choices]) => ({ groupName, choices }));
}

/**
 * A line's chosen options and the customer's note, under its name: "Size: Large (+$2.00) · Extras: Cheese, Bacon
 * (+$1.00)". Used wherever a line is shown (cart, review, order page, history, owner queue, kitchen ticket), from a
 * snapshot or from the current menu.
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
          {optionsByGroup(options).map((group, i) => (
            <span key={group.groupName}>
              {i > 0 ? " · " : null}
              {group.groupName}:{" "}
              {group.choices.map((o, j) => (
                <span key={`${o.choiceName}-${j}`}>
                  {j > 0 ? ", " : null}
                  {o.choiceName}
                  {o.priceDeltaCents > 0 ? (
                    <>
                      {" "}
                      (+
                      <Money cents={o.priceDeltaCents} />)
                    </>
                  ) : null}
                </span>
              ))}
            </span>
          ))}
        </p>
      ) : null}
      {/* The customer's words, maybe one long word: it wraps anywhere rather than widen the page. */}
      {instructions ? <p className="wrap-anywhere italic">Note: {instructions}</p> : null}
    </div>
  );
}
