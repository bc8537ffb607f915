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
export type QueryStats = {
  count: number;
  statements: string[];
  firstAt: number | null;
  /** Statements a read replica answered (db/replicas.ts); the others went to the primary. */
  replicaReads: number;
};
/** A statement with the parameters it was sent with (countQueries only: tests EXPLAIN exactly what was sent). */
export type LoggedQuery = { sql: string; params: unknown[] };
type ScopedStats = QueryStats & { queries: LoggedQuery[] };

const newStats = (): QueryStats => ({ count: 0, statements: [], firstAt: null, replicaReads: 0 });

function record(stats: QueryStats, query: string) {
  stats.count += 1;
  stats.statements.push(query);
  stats.firstAt ??= performance.now();
}

// Next.js loads this module more than once (instrumentation, server components, route handlers each get their
// own copy, and not always their own React). The client is created by one copy, while the request being rendered
// is read by another. So the state lives on globalThis: one AsyncLocalStorage, and per React instance (keyed by
// its `cache`) one per-request stats function and one listener, which every copy sharing that React reuses.
type Listener = (query: string | { replicaRead: true }) => void;
type Shared = {
  scope: AsyncLocalStorage<ScopedStats>;
  perRequest: Map<unknown, () => QueryStats>;
  listeners: Map<unknown, Listener>;
};
const shared: Shared = ((globalThis as { __platterQueryStats?: Shared }).__platterQueryStats ??= {
  scope: new AsyncLocalStorage<ScopedStats>(),
  perRequest: new Map(),
  listeners: new Map(),
});
const scope = shared.scope;

if (!shared.perRequest.has(cache)) shared.perRequest.set(cache, cache(newStats));
/** This request's stats (React `cache`: one object per server request; outside a request, a throwaway one). */
export const requestQueryStats = shared.perRequest.get(cache)!;

shared.listeners.set(cache, (query) => {
  if (typeof query === "string") record(requestQueryStats(), query);
  else requestQueryStats().replicaReads += 1;
});

export const queryLogger: Logger = {
  logQuery(query, params) {
    const scoped = scope.getStore();
    if (scoped) {
      record(scoped, query);
      scoped.queries.push({ sql: query, params });
    }
    for (const listener of shared.listeners.values()) listener(query);
  },
};

/** A statement logged above was answered by a replica rather than the primary (db/replicas.ts calls it). */
export function recordReplicaRead() {
  const scoped = scope.getStore();
  if (scoped) scoped.replicaReads += 1;
  for (const listener of shared.listeners.values()) listener({ replicaRead: true });
}

export async function countQueries<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; count: number; statements: string[]; queries: LoggedQuery[]; replicaReads: number }> {
  const stats: ScopedStats = { ...newStats(), queries: [] };
  const result = await scope.run(stats, fn);
  return {
    result,
    count: stats.count,
    statements: stats.statements,
    queries: stats.queries,
    replicaReads: stats.replicaReads,
  };
}
