import { withReplicas } from "drizzle-orm/pg-core";

import { isConnectionErrorCode } from "./connection-errors";
import { queryLogger, recordReplicaRead } from "./query-stats";
import type { Database } from "./types";

/**
 * Read replicas with read-your-writes (decision 0014).
 *
 * Reads outside transactions go to a streaming replica (Drizzle's `withReplicas`); writes, raw `execute` and
 * everything inside a transaction go to the primary. A reader who has just written carries the primary's WAL
 * position of that write (lib/consistency.ts keeps it in a cookie); their reads go to a replica only once the
 * replica's `pg_last_wal_replay_lsn()` has passed it, else to the primary.
 *
 * A replica that fails with a connection error (down, restarting, in a conflict with recovery) costs nobody an
 * error page: the read is sent again to the primary, and the replica is left out for a few seconds. A replica that
 * lags more than `maxLagSeconds` behind the primary is left out too, for every reader, until it catches up: the
 * requests that route measure its lag, at most once a second per process (`checkLag`).
 *
 * db/ does not import lib/: the request's side (reading and setting the cookie) is registered here by
 * lib/consistency.ts through `setConsistencyHooks`.
 */

type Sql = import("postgres").Sql;

/** A connection pool to one replica, with its health and the furthest WAL position it was seen to have replayed. */
type Replica = {
  name: string;
  sql: Sql;
  /** One connection of its own for measuring the lag, so that the measure never waits on, or upsets, the reads. */
  lagSql: Sql;
  db: Database;
  /** Primary plus this replica: what a request whose reads this replica may serve gets. */
  routed: Database;
  unhealthyUntil: number;
  replayedUpTo: bigint;
  /** More than maxLagSeconds behind the primary when last measured. */
  behind: boolean;
  lagCheckedAt: number;
  lagCheck?: Promise<void>;
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

/** How long a replica that failed is left out before it is tried again. */
export const REPLICA_RETRY_MS = 5_000;
/** How far behind the primary a replica may be and still serve reads (DATABASE_REPLICA_MAX_LAG_SECONDS). */
export const DEFAULT_MAX_LAG_SECONDS = 30;
/** How often each process measures a replica's lag, at most; only while requests read (an idle app asks nothing). */
export const LAG_CHECK_MS = 1_000;

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
  const currentLsn = async () => {
    const query = "select pg_current_wal_lsn()::text as lsn";
    queryLogger.logQuery(query, []);
    const [row] = await primarySql.unsafe<{ lsn: string }[]>(query);
    return row!.lsn;
  };
  const primary = toDb(afterWrites(primarySql, () => hooks()?.written(currentLsn) ?? Promise.resolve()));
  const replicas: Replica[] = replicaUrls.map((url, index) => {
    const sql = connect(url);
    const replica: Replica = {
      name: `replica ${index + 1} (${new URL(url).host})`,
      sql,
      lagSql: connect(url, 1),
      db: undefined as unknown as Database,
      routed: undefined as unknown as Database,
      unhealthyUntil: 0,
      replayedUpTo: BigInt(0),
      behind: false,
      lagCheckedAt: 0,
    };
    replica.db = toDb(withFallback(sql, primarySql, replica, stallMs));
    replica.routed = withReplicas(primary, [replica.db]) as unknown as Database;
    return replica;
  });

  const usable = () => replicas.filter((r) => r.unhealthyUntil <= Date.now() && !r.behind);
  const pick = () => {
    const candidates = usable();
    return candidates[Math.floor(Math.random() * candidates.length)];
  };

  async function decide(floor: ReadFloor): Promise<Database> {
    const target = lsnValue(floor.lsn);
    // A replica seen past this position stays past it: no statement needed.
    const known = usable().find((r) => r.replayedUpTo >= target);
    if (known) return known.routed;
    const replica = pick();
    if (!replica) return primary;
    const replayed = await replayPosition(replica);
    return replayed !== null && replayed >= target ? replica.routed : primary;
  }

  /** Starts measuring a replica's lag if it is due; the request does not wait (it routes on the last measure). */
  function checkLag(replica: Replica) {
    if (maxLagSeconds === 0 || replica.lagCheck || Date.now() - replica.lagCheckedAt < LAG_CHECK_MS) return;
    // A replica left out after a failure is tried again by a read once its time is up (withFallback), not here.
    if (replica.unhealthyUntil > Date.now()) return;
    replica.lagCheckedAt = Date.now();
    replica.lagCheck = lagSeconds(replica, primarySql, stallMs)
      .then((seconds) => {
        const behind = seconds > maxLagSeconds;
        if (behind !== replica.behind) {
          console.warn(
            behind
              ? `${replica.name} is ${Math.round(seconds)} s behind the primary; reading from the primary until it catches up`
              : `${replica.name} caught up with the primary; reading from it again`,
          );
        }
        replica.behind = behind;
      })
      .catch((error: unknown) => {
        if (isFailover(error)) markUnhealthy(replica, error);
        else console.warn(`measuring the lag of ${replica.name} failed: ${String(error)}`);
      })
      .finally(() => {
        replica.lagCheck = undefined;
      });
  }

  return {
    primary,
    async route() {
      for (const replica of replicas) checkLag(replica);
      const floor = await hooks()?.floor();
      if (!floor) return pick()?.routed ?? primary;
      floor.decision ??= decide(floor);
      return floor.decision;
    },
    async close() {
      await Promise.all(replicas.map((r) => r.lagCheck));
      await Promise.all(replicas.flatMap((r) => [r.sql.end({ timeout: 5 }), r.lagSql.end({ timeout: 5 })]));
    },
  };
}

/** One statement on the replica (counted like any other): how far it has replayed, or null if it did not answer. */
async function replayPosition(replica: Replica): Promise<bigint | null> {
  const query = "select pg_last_wal_replay_lsn()::text as lsn";
  queryLogger.logQuery(query, []);
  try {
    const [row] = await replica.lagSql.unsafe<{ lsn: string | null }[]>(query);
    // null: not a standby (a misconfigured URL pointing at a primary); never route to it on a floor.
    if (!row?.lsn) return null;
    const replayed = lsnValue(row.lsn);
    if (replayed > replica.replayedUpTo) replica.replayedUpTo = replayed;
    return replayed;
  } catch (error) {
    if (!isFailover(error)) throw error;
    markUnhealthy(replica, error);
    return null;
  }
}

/**
 * How old the replica's data may be, in seconds: 0 when it has replayed everything the primary had written just
 * before it was asked; else the time since the last transaction it replayed committed on the primary. That is an
 * upper bound (the first transaction it lacks committed later), so a replica is never judged fresher than it is;
 * after a long idle spell a first write may make a healthy replica look behind for one check, which only sends
 * reads to the primary for a second. Two statements, not counted as any request's: they run beside requests.
 */
async function lagSeconds(replica: Replica, primarySql: Sql, stallMs: number): Promise<number> {
  const [primary] = await primarySql.unsafe<{ lsn: string }[]>("select pg_current_wal_lsn()::text as lsn");
  const [row] = await answeredWithin(
    replica.lagSql.unsafe<{ lsn: string | null; seconds: number | null }[]>(
      "select pg_last_wal_replay_lsn()::text as lsn, " +
        "extract(epoch from clock_timestamp() - pg_last_xact_replay_timestamp())::float8 as seconds",
    ),
    stallMs,
  );
  // Not a standby (a misconfigured URL pointing at a primary): it lags behind nothing; floors never trust it.
  if (!row?.lsn) return 0;
  const replayed = lsnValue(row.lsn);
  if (replayed > replica.replayedUpTo) replica.replayedUpTo = replayed;
  if (replayed >= lsnValue(primary!.lsn)) return 0;
  // Nothing replayed since the standby started: how old its data is cannot be told, so it counts as behind.
  return row.seconds ?? Number.POSITIVE_INFINITY;
}

/** True when `db` sends its reads to a replica (a request routed there by `route()`), which refuses writes. */
export const readsFromReplica = (db: Database) => "$replicas" in db;

/** "16/B374D848" → a number that orders like the WAL position. */
export function lsnValue(lsn: string): bigint {
  const match = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(lsn);
  if (!match) throw new Error(`not a WAL position: ${lsn}`);
  return (BigInt(`0x${match[1]}`) << BigInt(32)) + BigInt(`0x${match[2]}`);
}

function markUnhealthy(replica: Replica, error: unknown) {
  const wasHealthy = replica.unhealthyUntil <= Date.now();
  replica.unhealthyUntil = Date.now() + REPLICA_RETRY_MS;
  // A standby that failed may come back behind where it was (a crash restart replays from its last restart
  // point): what it was seen to have replayed before no longer vouches for it.
  replica.replayedUpTo = 0n;
  if (wasHealthy) {
    const reason = error instanceof Error ? error.message : String(error);
    console.warn(`${replica.name} failed (${reason}); reading from the primary for ${REPLICA_RETRY_MS / 1000} s`);
  }
}

/**
 * Errors after which a read is sent to the primary instead: the replica is unreachable or shutting down
 * (socket errors, postgres.js' connection errors, classes 08 and 57P), has no room for the connection (class 53,
 * "too many clients"), or cancelled the read because replay needed the rows it was reading (40001 on a standby,
 * "conflict with recovery").
 */
export function isFailover(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return false;
  return isConnectionErrorCode(code) || code === "40001" || /^53\d{3}$/.test(code) || code === STALLED;
}

/** The code of the error `answeredWithin` raises. */
const STALLED = "PLATTER_REPLICA_STALLED";

/**
 * `pending`, or an error once `ms` have passed without an answer (0: no limit). A replica's connection can stop
 * answering without closing (a socket left half-open; postgres.js was also seen to leave a read unanswered after
 * the replica stopped): without a deadline, the page waits for ever behind it. The late answer is ignored.
 */
function answeredWithin<T>(pending: PromiseLike<T>, ms: number): Promise<T> {
  if (ms <= 0) return Promise.resolve(pending);
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(Object.assign(new Error(`no answer within ${ms} ms`), { code: STALLED })),
      ms,
    );
    pending.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

type Pending = PromiseLike<unknown> & { values: () => Pending };
type Unsafe = (query: string, params?: unknown[], options?: unknown) => Pending;

/**
 * The replica's client as Drizzle sees it: `unsafe` (every statement Drizzle sends outside a transaction) runs on
 * the replica and, if the replica fails or gives no answer within `stallMs`, once more on the primary. Only reads
 * reach a replica, so a retry is safe; a read that writes goes to the primary at once.
 */
function withFallback(replicaSql: Sql, primarySql: Sql, replica: Replica, stallMs: number): Sql {
  const onReplica = replicaSql.unsafe.bind(replicaSql) as unknown as Unsafe;
  const onPrimary = primarySql.unsafe.bind(primarySql) as unknown as Unsafe;
  return overrideUnsafe(replicaSql, (query, params, options) =>
    deferred(async (values) => {
      const run = (unsafe: Unsafe) => {
        const pending = unsafe(query, params, options);
        return values ? pending.values() : pending;
      };
      if (replica.unhealthyUntil <= Date.now() && !writesData(query)) {
        try {
          const result = await answeredWithin(run(onReplica), stallMs);
          recordReplicaRead();
          return result;
        } catch (error) {
          if (!isFailover(error)) throw error;
          markUnhealthy(replica, error);
        }
      }
      return run(onPrimary);
    }),
  );
}

/**
 * A statement that writes although Drizzle's `withReplicas` routes it as a read: a `with` query whose CTE updates
 * (the session lookup touches last_seen_at in the same statement, lib/auth/sessions.ts). A standby would refuse it
 * (25006), so it goes to the primary. Drizzle quotes every table name, so a write reads `update "…"`.
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
            await written();
            return result;
          })
        : unsafe(query, params, options),
    ),
    {
      get(target, property, receiver) {
        if (property !== "begin") return Reflect.get(target, property, receiver);
        return async (...args: unknown[]) => {
          const result = await begin(...args);
          await written();
          return result;
        };
      },
    },
  );
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
