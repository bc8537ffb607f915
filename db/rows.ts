import type { SQL } from "drizzle-orm";

import type { Executor } from "./types";

/** Rows of a raw statement: postgres.js returns an array, PGlite an object holding `rows`. */
export async function executeRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
