import { AsyncLocalStorage } from "node:async_hooks";
import type { Logger } from "drizzle-orm/logger";
import { cache } from "react";

/**
 * Counts the statements sent to the database. Every Drizzle client in the app logs through `queryLogger`,
 * so a count covers every driver and every code path (relational queries, transactions, raw SQL).
 *
 * Two scopes see each statement:
 * - `countQueries(fn)` (tests, benchmarks): an AsyncLocalStorage scope around one call;
 * - the current React server request (pages): `cache()` gives one object per request, so a page can
 *   show "2 queries" for everything its request has sent so far.
 */
export type QueryStats = { count: number; statements: string[]; firstAt: number | null };

const newStats = (): QueryStats => ({ count: 0, statements: [], firstAt: null });
const scope = new AsyncLocalStorage<QueryStats>();
// Outside a React request `cache` does not memoize, so this returns a throwaway object: harmless.
export const requestQueryStats = cache(newStats);

function record(stats: QueryStats, query: string) {
  stats.count += 1;
  stats.statements.push(query);
  stats.firstAt ??= performance.now();
}

// Next.js loads this module more than once (instrumentation, server components, route handlers each get their
// own copy and their own React). The client is created by one copy, but the request being rendered belongs to
// another: so every copy registers a listener on one shared registry, keyed by its React so reloads replace it.
type Listener = (query: string) => void;
const listeners: Map<unknown, Listener> = ((globalThis as { __platterQueryListeners?: Map<unknown, Listener> }).__platterQueryListeners ??=
  new Map());
listeners.set(cache, (query) => {
  const scoped = scope.getStore();
  if (scoped) record(scoped, query);
  record(requestQueryStats(), query);
});

export const queryLogger: Logger = {
  logQuery(query) {
    for (const listener of listeners.values()) listener(query);
  },
};

export async function countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; count: number; statements: string[] }> {
  const stats = newStats();
  const result = await scope.run(stats, fn);
  return { result, count: stats.count, statements: stats.statements };
}
