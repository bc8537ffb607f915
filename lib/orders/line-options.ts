import { asc } from "drizzle-orm";

import { orderLineOptions, orderLines } from "@/db/schema";

/**
 * The nested `with` that reads a line's option snapshot, in the order it was chosen, for every relational query
 * that shows order lines: it rides in the same statement, so no page's budget moves.
 */
export const lineOptionsRead = {
  columns: { groupName: true as const, choiceName: true as const, priceDeltaCents: true as const },
  orderBy: [asc(orderLineOptions.id)],
};

/**
 * An order's lines as placed, in order, each with its name, price, quantity, instructions and option snapshot: the
 * nested `with` of every page that shows an order's lines (the order page, the lists, the owner's pages).
 */
export const orderLinesRead = {
  columns: {
    id: true as const,
    name: true as const,
    unitPriceCents: true as const,
    quantity: true as const,
    instructions: true as const,
  },
  orderBy: [asc(orderLines.id)],
  with: { options: lineOptionsRead },
};
