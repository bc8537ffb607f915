import "server-only";

import { sql, type SQL } from "drizzle-orm";

import type { Database } from "@/db/types";

import { searchFindsAny } from "./search";
import { swappedLetterVariants } from "./swaps";

/**
 * "Did you mean …?" for a search that found nothing (decision 0013): the first of `q`'s swapped-letter variants
 * (swaps.ts, earliest swap first) that search would find something for under the page's `filter`, as typed; else
 * undefined. One statement, and none when `q` has no variant: every variant is one element of one array parameter
 * (JSON text, which both drivers pass as it is), each tested as search tests text (searchFindsAny), through the
 * trigram indexes. The variants come out in the array's order, so the first that finds something is the earliest swap.
 */
export async function suggestSwappedQuery(db: Database, q: string, filter: SQL | undefined) {
  const variants = swappedLetterVariants(q);
  if (variants.length === 0) return undefined;
  const variant = sql<string>`v.variant`;
  const [first] = await db
    .select({ variant })
    .from(sql`json_array_elements_text(${JSON.stringify(variants)}::json) with ordinality as v(variant, ord)`)
    .where(searchFindsAny(variant, filter))
    .orderBy(sql`v.ord`)
    .limit(1);
  return first?.variant;
}
