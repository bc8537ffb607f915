import { withReplicas } from "drizzle-orm/pg-core";

import { queryLogger, recordReplicaRead } from "./query-stats";
import { answeredWithin, DEFAULT_MAX_LAG_SECONDS, isFailover, lsnValue, ReplicaNode } from "./replica-node";
import type { Database } from "./types";

export { lsnValue } from "./replica-node";

/**
 * Read replicas with read-your-writes (decision 0014).
 *
 * Reads outside transactions go to a streaming replica (Drizzle's `withReplicas`); writes, raw `execute` and
 * everything inside a transaction go to the primary. A reader who has just written carries the primary's WAL
 * position of that write (lib/consistency.ts keeps it in a cookie); their reads go to a replica only once the
 * replica's `pg_last_wal_replay_lsn()` has passed it, else to the primary.
 *
 * A replica that fails with a connection error (down, restarting, in a conflict with recovery) or does not answer
 * costs nobody an error page: the read is sent again to the primary, and the replica is left out for a few
 * seconds. A replica that lags more than `maxLagSeconds` behind the primary is left out too, for every reader,
 * until it catches up (db/replica-node.ts).
 *
 * db/ does not import lib/: the request's side (reading and setting the cookie) is registered here by
 * lib/consistency.ts through `setConsistencyHooks`.
 */

type Sql = import("postgres").Sql;

/** A replica and the two Drizzle databases that read from it. */
type Replica = {
  node: ReplicaNode;
  /** Its client as Drizzle sees it (withFallback). */
  db: Database;
  /** Primary plus this replica: what a request whose reads this replica may serve gets. */
  routed: Database;
};

/**
 * The request's side: `floor()` is the WAL position this reader must see (null: any replica will do), in a
 * per-request object where the routing decision is kept so that it is made once per request; `written()` runs
 * after a write committed on the primary (to hand the reader its new floor).
 */
export type ReadFloor = { lsn: string; decision?: Promise<Database> };
export type ConsistencyHooks = {
  floor: () => Promise<ReadFloor | null>;
  written: (currentLsn: () => Promise<string>) => Promise<void>;
};

const HOOKS = Symbol.for("platter.consistencyHooks");
type HookHolder = { [HOOKS]?: ConsistencyHooks };

/** lib/consistency.ts registers itself here (on globalThis: Next.js loads modules more than once). */
export function setConsistencyHooks(hooks: ConsistencyHooks) {
  (globalThis as HookHolder)[HOOKS] = hooks;
}
const hooks = () => (globalThis as HookHolder)[HOOKS];

export type ReplicatedDatabase = {
  /** The database for the current request's reads and writes (see the module comment). */
  route: () => Promise<Database>;
  primary: Database;
  close: () => Promise<void>;
};

/**
 * Wraps the primary's client and opens one per replica. `connect` makes a postgres.js client for a URL;
 * `toDb` makes a Drizzle database for a client and its logger.
 */
export function replicate({
  primarySql,
  replicaUrls,
  connect,
  toDb,
  maxLagSeconds = DEFAULT_MAX_LAG_SECONDS,
  stallMs = 0,
}: {
  primarySql: Sql;
  replicaUrls: string[];
  connect: (url: string, max?: number) => Sql;
  toDb: (sql: Sql) => Database;
  /** 0: no limit. */
  maxLagSeconds?: number;
  /**
   * How long a replica may take to answer one statement before it is taken for stalled and the read goes to the
   * primary: its statement timeout and some (a healthy server answers within that, if only with an error). 0: wait.
   */
  stallMs?: number;
}): ReplicatedDatabase {
  // The primary's WAL position: counted when a request waits for it (after its write), not when the lag measure
  // asks beside the requests.
  const PRIMARY_LSN = "select pg_current_wal_lsn()::text as lsn";
  const primaryLsn = async () => (await primarySql.unsafe<{ lsn: string }[]>(PRIMARY_LSN))[0]!.lsn;
  const currentLsn = () => {
    queryLogger.logQuery(PRIMARY_LSN, []);
    return primaryLsn();
  };
  const primary = toDb(afterWrites(primarySql, () => hooks()?.written(currentLsn) ?? Promise.resolve()));
  const replicas: Replica[] = replicaUrls.map((url, index) => {
    const node = new ReplicaNode(`replica ${index + 1} (${new URL(url).host})`, url, {
      connect,
      maxLagSeconds,
      stallMs,
    });
    const db = toDb(withFallback(node, primarySql));
    return { node, db, routed: withReplicas(primary, [db]) as unknown as Database };
  });

  const usable = () => replicas.filter((r) => r.node.usable());
  const pick = () => {
    const candidates = usable();
    return candidates[Math.floor(Math.random() * candidates.length)];
  };

  async function decide(floor: ReadFloor): Promise<Database> {
    const target = lsnValue(floor.lsn);
    // A replica seen past this position stays past it: no statement needed.
    const known = usable().find((r) => r.node.replayedUpTo >= target);
    if (known) return known.routed;
    const replica = pick();
    if (!replica) return primary;
    const replayed = await replica.node.replayPosition();
    return replayed !== null && replayed >= target ? replica.routed : primary;
  }

  return {
    primary,
    async route() {
      for (const replica of replicas) replica.node.checkLag(primaryLsn);
      const floor = await hooks()?.floor();
      if (!floor) return pick()?.routed ?? primary;
      floor.decision ??= decide(floor);
      return floor.decision;
    },
    async close() {
      await Promise.all(replicas.map((r) => r.node.close()));
    },
  };
}

type Pending = PromiseLike<unknown> & { values: () => Pending };
type Unsafe = (query: string, params?: unknown[], options?: unknown) => Pending;

/**
 * The replica's client as Drizzle sees it: `unsafe` (every statement Drizzle sends outside a transaction) runs on
 * the replica and, if the replica fails or gives no answer within `stallMs`, once more on the primary. Only reads
 * reach a replica, so a retry is safe; a read that writes goes to the primary at once.
 */
function withFallback(node: ReplicaNode, primarySql: Sql): Sql {
  const onReplica: Unsafe = (query, params, options) => (node.sql.unsafe as unknown as Unsafe)(query, params, options);
  const onPrimary = primarySql.unsafe.bind(primarySql) as unknown as Unsafe;
  return overrideUnsafe(node.sql, (query, params, options) =>
    deferred(async (values) => {
      const run = (unsafe: Unsafe) => {
        const pending = unsafe(query, params, options);
        return values ? pending.values() : pending;
      };
      if (!node.down() && !writesData(query)) {
        try {
          const result = await answeredWithin(run(onReplica), node.stallMs);
          recordReplicaRead();
          return result;
        } catch (error) {
          if (!isFailover(error)) throw error;
          node.fail(error);
        }
      }
      return run(onPrimary);
    }),
  );
}

/**
 * A statement that writes although Drizzle's `withReplicas` routes it as a read: a `with` query whose CTE inserts,
 * updates or deletes. A standby would refuse it (25006), so it goes to the primary. Drizzle quotes every table
 * name, so a write reads `update "…"`.
 */
export const writesData = (query: string) => /\b(insert\s+into|update|delete\s+from)\s+"/i.test(query);

/**
 * The primary's client as Drizzle sees it: after a transaction commits, or a write outside one succeeds, `written`
 * runs (lib/consistency.ts hands the reader the new WAL position). Statements inside a transaction use the
 * transaction's own client, which is not wrapped: one call per transaction.
 */
function afterWrites(sql: Sql, written: () => Promise<void>): Sql {
  const unsafe = sql.unsafe.bind(sql) as unknown as Unsafe;
  const begin = sql.begin.bind(sql) as (...args: unknown[]) => Promise<unknown>;
  return new Proxy(
    overrideUnsafe(sql, (query, params, options) =>
      /^\s*(insert|update|delete)\b/i.test(query)
        ? deferred(async (values) => {
            const pending = unsafe(query, params, options);
            const result = await (values ? pending.values() : pending);
            await afterCommit(written);
            return result;
          })
        : unsafe(query, params, options),
    ),
    {
      get(target, property, receiver) {
        if (property !== "begin") return Reflect.get(target, property, receiver);
        return async (...args: unknown[]) => {
          const result = await begin(...args);
          await afterCommit(written);
          return result;
        };
      },
    },
  );
}

/** The write has committed whatever the hook does: a failing hook must not turn it into an error for the caller. */
async function afterCommit(written: () => Promise<void>) {
  try {
    await written();
  } catch (error) {
    console.warn("read-your-writes: the hook after a committed write failed", error);
  }
}

function overrideUnsafe(sql: Sql, unsafe: Unsafe): Sql {
  return new Proxy(sql, {
    get(target, property, receiver) {
      return property === "unsafe" ? unsafe : Reflect.get(target, property, receiver);
    },
  });
}

/** A query that runs when awaited, like postgres.js' own, and that Drizzle may switch to array rows with values(). */
function deferred(run: (values: boolean) => Promise<unknown>): Pending {
  let values = false;
  const pending: Pending = {
    values() {
      values = true;
      return pending;
    },
    then(onFulfilled, onRejected) {
      return run(values).then(onFulfilled, onRejected);
    },
  };
  return pending;
}
