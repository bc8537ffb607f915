import { saysServerGone } from "./connection-errors";
import { queryLogger } from "./query-stats";

/**
 * One read replica as the router sees it (decision 0014): its connections, whether it may serve reads now, and
 * the furthest WAL position it was seen to have replayed. db/replicas.ts routes between these.
 *
 * A replica is left out of routing while it is *down* (a read or a measure failed: for REPLICA_RETRY_MS) or
 * *behind* (more than maxLagSeconds behind the primary, or not measured since it started or last failed, or last
 * measured so long ago that it may have fallen that far behind since). The lag is measured beside the requests, at
 * most once per LAG_CHECK_MS, started by the requests that route (`checkLag`), never awaited by them.
 */

type Sql = import("postgres").Sql;

/** How long a replica that failed is left out before it is tried again. */
export const REPLICA_RETRY_MS = 5_000;
/** How far behind the primary a replica may be and still serve reads (DATABASE_REPLICA_MAX_LAG_SECONDS). */
export const DEFAULT_MAX_LAG_SECONDS = 30;
/** How often each process measures a replica's lag, at most; only while requests read (an idle app asks nothing). */
export const LAG_CHECK_MS = 1_000;

/** The code of the error `answeredWithin` raises. */
const STALLED = "PLATTER_REPLICA_STALLED";

export type ReplicaSettings = {
  /** Makes a postgres.js client for the replica's URL, with at most `max` connections (default: the pool's). */
  connect: (url: string, max?: number) => Sql;
  /** 0: no limit, and no measuring. */
  maxLagSeconds: number;
  /** How long one statement may go unanswered before the replica counts as stalled; 0: no limit. */
  stallMs: number;
};

export class ReplicaNode {
  /** The read pool. Replaced after a stall: postgres.js queues later queries behind a stuck one. */
  sql: Sql;
  /** One connection of its own for the lag measure, so that the measure never waits behind the reads. */
  private lagSql: Sql;
  private unhealthyUntil = 0;
  /** The furthest WAL position this replica was seen to have replayed, since it last failed. */
  replayedUpTo = BigInt(0);
  /**
   * Until when (Date.now() ms) the last measure vouches that the replica is within the limit; 0 while it is behind.
   * A measure of `lag` seconds vouches for `limit - lag` seconds more, not until the next measure: replay may stop
   * right after it, and an instance that was idle for minutes measures again only when a request comes, which
   * routes on the judgement it finds. Not measured yet counts as behind: a standby that has just (re)started is when
   * it is likeliest to be.
   */
  private trustedUntil = 0;
  /** Seconds behind at the last measure, null before one (since the start or the last failure): for the log. */
  private lastLag: number | null = null;
  /** Bumped by every failure: a measure started before it vouches for nothing after it. */
  private generation = 0;
  private lagCheckedAt = 0;
  private lagCheck?: Promise<void>;
  private closed = false;
  private warnedNotStandby = false;

  constructor(
    readonly name: string,
    private readonly url: string,
    private readonly settings: ReplicaSettings,
  ) {
    this.sql = settings.connect(url);
    this.lagSql = settings.connect(url, 1);
  }

  /** May this replica's reads be routed to it now? */
  usable(): boolean {
    return !this.down() && (this.settings.maxLagSeconds === 0 || Date.now() < this.trustedUntil);
  }

  /** Left out after a failure, for now (a read tries it again once the time is up, when lag is not measured). */
  down(): boolean {
    return this.unhealthyUntil > Date.now();
  }

  /** The limit on one statement's answer (see ReplicaSettings.stallMs). */
  get stallMs(): number {
    return this.settings.stallMs;
  }

  /**
   * After an error a read is sent to the primary for (see isFailover): the replica is left out for
   * REPLICA_RETRY_MS, and counts as behind until measured again. After a stall the stuck client is dropped.
   */
  fail(error: unknown, client: "reads" | "lag" = "reads") {
    const wasUp = !this.down();
    this.unhealthyUntil = Date.now() + REPLICA_RETRY_MS;
    this.generation++;
    // A standby that failed may come back behind where it was (a crash restart replays from its last restart
    // point): what it was seen to have replayed before no longer vouches for it.
    this.replayedUpTo = BigInt(0);
    this.trustedUntil = 0;
    this.lastLag = null;
    if ((error as { code?: unknown } | null)?.code === STALLED && !this.closed) this.reconnect(client);
    if (wasUp) {
      console.warn(`${this.name} failed (${reason(error)}); reading from the primary for ${REPLICA_RETRY_MS / 1000} s`);
    }
  }

  private reconnect(client: "reads" | "lag") {
    const stuck = client === "reads" ? this.sql : this.lagSql;
    const fresh = client === "reads" ? this.settings.connect(this.url) : this.settings.connect(this.url, 1);
    // Drizzle configured the first client when it was wrapped (db/client.ts: timestamps, dates and JSON passed
    // through as text); a new client has postgres.js' defaults and would hand Drizzle Date objects and
    // double-encode JSON parameters. It inherits its predecessor's settings.
    Object.assign(fresh.options.parsers, stuck.options.parsers);
    Object.assign(fresh.options.serializers, stuck.options.serializers);
    if (client === "reads") this.sql = fresh;
    else this.lagSql = fresh;
    // Its pending queries are rejected, and ignored: whoever waited on them has moved on.
    stuck.end({ timeout: 0 }).catch(() => {});
  }

  /**
   * One statement on the replica, counted like any other (a request waits for it): how far it has replayed, or
   * null if it did not answer or is not a standby (a URL pointing at a primary is never trusted with a floor).
   */
  async replayPosition(): Promise<bigint | null> {
    const query = "select pg_last_wal_replay_lsn()::text as lsn";
    queryLogger.logQuery(query, []);
    const generation = this.generation;
    try {
      const [row] = await answeredWithin(this.sql.unsafe<{ lsn: string | null }[]>(query), this.stallMs);
      if (!row?.lsn) return null;
      const replayed = lsnValue(row.lsn);
      if (generation === this.generation) this.sawReplayed(replayed);
      return replayed;
    } catch (error) {
      if (!isFailover(error)) throw error;
      this.fail(error);
      return null;
    }
  }

  /** Starts measuring the lag if it is due. `primaryLsn` asks the primary for its current WAL position. */
  checkLag(primaryLsn: () => PromiseLike<string>) {
    if (this.closed || this.settings.maxLagSeconds === 0 || this.lagCheck || this.down()) return;
    if (Date.now() - this.lagCheckedAt < LAG_CHECK_MS) return;
    this.lagCheckedAt = Date.now();
    this.lagCheck = this.measure(primaryLsn).finally(() => {
      this.lagCheck = undefined;
    });
  }

  /**
   * How old the replica's data may be: 0 s when it has replayed everything the primary had written just before
   * it was asked; else the time since the last transaction it replayed committed on the primary. That is an upper
   * bound (the first transaction it lacks committed later), so a replica is never judged fresher than it is;
   * after a long idle spell a first write may make a healthy replica look behind for one check, which only sends
   * reads to the primary for a second. Two statements, not counted as any request's: they run beside requests.
   */
  private async measure(primaryLsn: () => PromiseLike<string>) {
    const generation = this.generation;
    // Taken before either statement: the age judged below is the data's age at this moment or later, so trust
    // counted from here runs out early rather than late.
    const startedAt = Date.now();
    let written: bigint;
    try {
      written = lsnValue(await answeredWithin(primaryLsn(), this.stallMs));
    } catch (error) {
      // The primary's side failed: nothing is learnt about the replica, which keeps its last judgement (until that
      // runs out).
      console.warn(`measuring the lag of ${this.name}: the primary did not answer (${reason(error)})`);
      return;
    }
    let row: { lsn: string | null; seconds: number | null } | undefined;
    try {
      [row] = await answeredWithin(
        this.lagSql.unsafe<{ lsn: string | null; seconds: number | null }[]>(
          "select pg_last_wal_replay_lsn()::text as lsn, " +
            "extract(epoch from clock_timestamp() - pg_last_xact_replay_timestamp())::float8 as seconds",
        ),
        this.stallMs,
      );
    } catch (error) {
      if (isFailover(error)) this.fail(error, "lag");
      else console.warn(`measuring the lag of ${this.name} failed: ${reason(error)}`);
      return;
    }
    if (this.closed || generation !== this.generation) return;
    this.judge(this.lagOf(row, written), startedAt);
  }

  private lagOf(row: { lsn: string | null; seconds: number | null } | undefined, written: bigint): number {
    if (!row?.lsn) {
      // Not a standby (a URL pointing at a primary: the tests' stand-in, or a mistake): nothing to lag behind.
      if (!this.warnedNotStandby) console.warn(`${this.name} is not a standby: its reads are not checked for lag`);
      this.warnedNotStandby = true;
      return 0;
    }
    const replayed = lsnValue(row.lsn);
    this.sawReplayed(replayed);
    if (replayed >= written) return 0;
    // Nothing replayed since the standby started: how old its data is cannot be told, so it counts as behind.
    return row.seconds ?? Number.POSITIVE_INFINITY;
  }

  /** A replay position only moves forward: the furthest seen vouches for every position before it. */
  private sawReplayed(replayed: bigint) {
    if (replayed > this.replayedUpTo) this.replayedUpTo = replayed;
  }

  private judge(seconds: number, measuredAt: number) {
    const limit = this.settings.maxLagSeconds;
    const behind = seconds > limit;
    if (behind && (this.lastLag === null || this.lastLag <= limit)) {
      console.warn(
        `${this.name} is ${Math.round(seconds)} s behind the primary; reading from the primary until it catches up`,
      );
    } else if (!behind && this.lastLag !== null && this.lastLag > limit) {
      console.warn(`${this.name} caught up with the primary; reading from it again`);
    }
    // Its data was at most `seconds` old at measuredAt, so at most `limit` old until limit - seconds later. Never
    // longer than the limit: a replica whose clock runs behind the primary's measures a negative lag.
    this.trustedUntil = behind ? 0 : measuredAt + (limit - Math.max(seconds, 0)) * 1000;
    this.lastLag = seconds;
  }

  async close() {
    this.closed = true;
    // The clients first: a measure stuck on one of them is then rejected rather than awaited.
    await Promise.all([this.sql.end({ timeout: 5 }), this.lagSql.end({ timeout: 5 })]);
    await this.lagCheck;
  }
}

/**
 * Errors after which a read is sent to the primary instead: the replica is unreachable or shutting down
 * (socket errors, postgres.js' connection errors, class 08, PgBouncer's FATAL 08P01, 57P01-57P03), has no room
 * for the connection (class 53, "too many clients"), cancelled the read because replay needed the rows it was reading (40001 on a standby,
 * "conflict with recovery"), or gave no answer in time (answeredWithin).
 */
export function isFailover(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== "string") return false;
  return saysServerGone(error) || code === "40001" || /^53\d{3}$/.test(code) || code === STALLED;
}

/**
 * `pending`, or an error once `ms` have passed without an answer (0: no limit). A replica's connection can stop
 * answering without closing (a socket left half-open; postgres.js was also seen to leave a read unanswered after
 * the replica stopped): without a deadline, the page waits for ever behind it. The late answer is ignored.
 */
export function answeredWithin<T>(pending: PromiseLike<T>, ms: number): Promise<T> {
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

/** "16/B374D848" → a number that orders like the WAL position. */
export function lsnValue(lsn: string): bigint {
  const match = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(lsn);
  if (!match) throw new Error(`not a WAL position: ${lsn}`);
  return (BigInt(`0x${match[1]}`) << BigInt(32)) + BigInt(`0x${match[2]}`);
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));
