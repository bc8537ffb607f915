import Link from "next/link";

import { cartProblemText } from "@/lib/cart/messages";
import type { CartProblem } from "@/lib/cart/queries";
import { fulfilmentChoiceQuery, type FulfilmentChoice } from "@/lib/orders/schema";

export type UnorderableLine = { lineId: number; name: string; problem: CartProblem };

/**
 * The lines "Place order" would refuse, each named with why: the receipt above leaves them out (its total, and any
 * minimum it falls short of, are what ordering the rest would cost), and the customer removes them in the cart.
 */
export function UnorderableLines({ lines, choice }: { lines: UnorderableLine[]; choice: FulfilmentChoice }) {
  const [these, them] = lines.length === 1 ? ["This item", "it"] : ["These items", "them"];
  return (
    <div className="space-y-1 text-sm text-red-700">
      <p>
        {these} can no longer be ordered, so the total above leaves {them} out:
      </p>
      <ul className="list-disc pl-5">
        {lines.map((line) => (
          <li key={line.lineId}>
            {line.name}: {cartProblemText[line.problem]}
          </li>
        ))}
      </ul>
      <p>
        Remove {them} in{" "}
        <Link href={`/cart?${fulfilmentChoiceQuery(choice)}`} className="font-medium underline">
          your cart
        </Link>{" "}
        to order the rest.
      </p>
    </div>
  );
}
