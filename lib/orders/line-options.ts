import { asc } from "drizzle-orm";

import { orderLineOptions } from "@/db/schema";

/**
 * The nested `with` that reads a line's option snapshot, in the order it was chosen, for every relational query
 * that shows order lines: it rides in the same statement, so no page's budget moves.
 */
export const lineOptionsRead = {
  columns: { groupName: true as const, choiceName: true as const, priceDeltaCents: true as const },
  orderBy: [asc(orderLineOptions.id)],
};
