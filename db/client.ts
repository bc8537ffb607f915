import { mkdirSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";

import { databaseEnv, isPooledUrl, pgliteDataDir } from "./env";
import { POOLED_OPTIONS, withoutPipelining } from "./pooled-client";
import { queryLogger } from "./query-stats";
import { executeRows } from "./rows";
import * as schema from "./schema";
import type { Database, DatabaseHandle, Listen } from "./types";

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

export type PostgresOptions = {
  max?: number;
  /** Seconds to wait for a connection before the query fails (postgres.js' default: 30). */
  connectTimeoutSeconds?: number;
  /** Server-side limit per statement in ms; 0 or unset: none (seeds, migrations and benchmarks run long). Not pooled. */
  statementTimeoutMs?: number;
  /** Seconds an idle connection is kept; unset: forever. */
  idleTimeoutSeconds?: number;
  /**
   * Behind PgBouncer in transaction pooling: no prepared statements and no startup parameters (a pooled server
   * connection serves many clients; decision 0014 says where the settings go instead).
   */
  pooled?: boolean;
};

/** What the app itself uses (openFromEnv); scripts pass their own options or none. Decision 0008. */
export const APP_POSTGRES_OPTIONS = {
  connectTimeoutSeconds: 2,
  statementTimeoutMs: 10_000,
  idleTimeoutSeconds: 60,
} as const;

export async function connectPostgres(url: string, options: PostgresOptions = {}): Promise<DatabaseHandle> {
  const [{ default: postgres }, { drizzle }] = await Promise.all([
    import("postgres"),
    import("drizzle-orm/postgres-js"),
  ]);
  const client = openClient(postgres, url, options);
  const db = drizzle({ client, schema, logger: queryLogger }) as unknown as Database;
  return { db, driver: "postgres", close: () => client.end({ timeout: 5 }), listen: listenOnOwnClient(url, options) };
}

/**
 * LISTEN on a postgres.js client of its own for each listen, ended when its LISTEN fails and when it is taken down.
 * postgres.js keeps every listener it was given, even one whose LISTEN failed, and listens for it again after each
 * reconnect, with no way to remove it: on the app's shared client every live stream opened during an outage left
 * one more behind for the life of the process, each one heard and re-LISTENed ever after. A client of its own costs
 * no more connections: postgres.js LISTENs on a connection of its own anyway. `open` is for tests.
 */
export function listenOnOwnClient(
  url: string,
  options: Pick<PostgresOptions, "connectTimeoutSeconds"> = {},
  open: () => Promise<Pick<import("postgres").Sql, "listen" | "end">> = async () => {
    const { default: postgres } = await import("postgres");
    return postgres(url, {
      max: 1,
      onnotice: () => {},
      backoff: reconnectBackoff,
      ...(options.connectTimeoutSeconds ? { connect_timeout: options.connectTimeoutSeconds } : {}),
      connection: { application_name: "platter-listen" },
    });
  },
): Listen {
  return async (channel, onPayload, onListen) => {
    const client = await open();
    try {
      await listenOn(client)(channel, onPayload, onListen);
    } catch (error) {
      // Ended here, or it would keep its connection and its listener, and retry the LISTEN for ever.
      await client.end({ timeout: 0 });
      throw error;
    }
    // Taken down by ending the client: its connection's LISTEN ends with it. An UNLISTEN first would add nothing,
    // and on a broken connection it fails (or waits on a half-open socket) and would leave the client behind.
    return () => client.end({ timeout: 5 });
  };
}

/**
 * postgres.js waits up to 20 s (growing with each failure) before reconnecting; queries queue meanwhile, which
 * turned a database outage into hanging pages. Retry within half a second: a refused connection fails fast.
 */
const reconnectBackoff = (retries: number) => Math.min(0.05 * 2 ** retries, 0.5);

/**
 * LISTEN through a postgres.js client, which keeps one connection of its own for it and listens again on reconnect.
 * postgres.js also keeps a listener whose LISTEN failed (the database away), gives no way to remove it, and
 * listens for it again after its next reconnect: such a listener must then do nothing, or every failed attempt
 * during an outage would leave one more copy of every notification behind.
 */
export const listenOn =
  (client: Pick<import("postgres").Sql, "listen">): Listen =>
  async (channel, onPayload, onListen) => {
    let live = true;
    try {
      const listening = await client.listen(
        channel,
        (payload) => live && onPayload(payload),
        () => live && onListen?.(),
      );
      return listening.unlisten;
    } catch (error) {
      live = false;
      throw error;
    }
  };

/** A postgres.js client for `url`; behind a pooler, one that never pipelines (db/pooled-client.ts). */
function openClient(postgres: typeof import("postgres"), url: string, options: PostgresOptions) {
  const client = postgres(url, postgresOptions(url, options));
  return isPooled(url, options) ? withoutPipelining(client) : client;
}

const isPooled = (url: string, options: PostgresOptions) => Boolean(options.pooled) || isPooledUrl(url);

function postgresOptions(url: string, options: PostgresOptions): import("postgres").Options<Record<string, never>> {
  const pooled = isPooled(url, options);
  return {
    max: options.max ?? 10,
    onnotice: () => {},
    ...(options.connectTimeoutSeconds ? { connect_timeout: options.connectTimeoutSeconds } : {}),
    ...(options.idleTimeoutSeconds ? { idle_timeout: options.idleTimeoutSeconds } : {}),
    backoff: reconnectBackoff,
    // Drizzle sends its statements unnamed, and PostgreSQL plans an unnamed statement with its values every time:
    // right for skewed data (one customer with 100,000 orders next to ordinary ones). Only the statements prepared
    // on purpose (db/prepared.ts: keys, LIMITs and the search, whose plan fits every value) are named, and those may be
    // planned once. Pooled: nothing is named, and PgBouncer neither accepts nor forwards other startup
    // parameters: the statement timeout is set for the app's role or database instead (decision 0014).
    // Direct: the limit is always sent, 0 (none) included, so that a script's long statement is not cut short by a
    // timeout set on the role or the database for the pooled app (decision 0014).
    // As text (the type says number): postgres.js leaves out a startup parameter whose value is falsy, and 0 is the
    // point here.
    // Pooled, also one statement at a time per connection (db/pooled-client.ts says why).
    ...(pooled
      ? POOLED_OPTIONS
      : { connection: { statement_timeout: String(options.statementTimeoutMs ?? 0) as unknown as number } }),
  };
}

const REPLICA_STALL_MARGIN_MS = 2_000;

/** The app's primary plus its read replicas (DATABASE_REPLICA_URLS): reads routed per request (db/replicas.ts). */
export async function connectReplicated(
  url: string,
  replicaUrls: string[],
  options: PostgresOptions = {},
  maxLagSeconds?: number,
): Promise<DatabaseHandle> {
  const [{ default: postgres }, { drizzle }, { replicate }] = await Promise.all([
    import("postgres"),
    import("drizzle-orm/postgres-js"),
    import("./replicas"),
  ]);
  const primarySql = openClient(postgres, url, options);
  const replicated = replicate({
    primarySql,
    replicaUrls,
    connect: (replicaUrl, max) => openClient(postgres, replicaUrl, { ...options, max: max ?? options.max }),
    toDb: (client) => drizzle({ client, schema, logger: queryLogger }) as unknown as Database,
    maxLagSeconds,
    // A replica's answer, even "statement timeout", comes within its statement timeout; 2 s later it has stalled.
    stallMs: options.statementTimeoutMs ? options.statementTimeoutMs + REPLICA_STALL_MARGIN_MS : 0,
  });
  return {
    db: replicated.primary,
    driver: "postgres",
    route: replicated.route,
    // LISTEN and NOTIFY belong to the primary: replicas neither send nor relay notifications.
    listen: listenOnOwnClient(url, options),
    close: async () => {
      await Promise.all([primarySql.end({ timeout: 5 }), replicated.close()]);
    },
  } satisfies DatabaseHandle;
}

/** Applies the committed migrations to an open PostgreSQL database (the embedded one migrates itself on open). */
export async function migratePostgres(db: Database): Promise<void> {
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  await migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
}

/**
 * Connects to `url` over one connection, applies the migrations, runs `then` on the migrated database if given (a
 * seed), and closes: db:migrate, the test template, and the demo databases of the e2e servers, the local cluster
 * and the outage test.
 */
export async function migrateDatabase(url: string, then?: (db: Database) => Promise<unknown>): Promise<void> {
  const handle = await connectPostgres(url, { max: 1 });
  try {
    await migratePostgres(handle.db);
    await then?.(handle.db);
  } finally {
    await handle.close();
  }
}

/**
 * Opens PGlite in `dataDir` (a folder, or "memory://") and applies pending migrations; `onMigrating` is told when
 * the database is open (creating one takes seconds) and the migrations start.
 */
export async function connectPglite(dataDir: string, onMigrating?: () => void): Promise<DatabaseHandle> {
  const [{ PGlite }, { drizzle }, { migrate }, { pg_trgm }, { unaccent }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("drizzle-orm/pglite"),
    import("drizzle-orm/pglite/migrator"),
    // Search (migration 0006): PGlite ships these contrib extensions but loads only those named here.
    import("@electric-sql/pglite/contrib/pg_trgm"),
    import("@electric-sql/pglite/contrib/unaccent"),
  ]);
  if (!dataDir.startsWith("memory://")) mkdirSync(path.dirname(dataDir), { recursive: true });
  const client = new PGlite(dataDir, { extensions: { pg_trgm, unaccent } });
  const pg = drizzle({ client, schema, logger: queryLogger });
  if (onMigrating) await client.waitReady.then(onMigrating);
  await migrate(pg, { migrationsFolder: MIGRATIONS_FOLDER });
  const listen: Listen = async (channel, onPayload, onListen) => {
    const unlisten = await client.listen(channel, onPayload);
    onListen?.();
    return unlisten;
  };
  return { db: pg as unknown as Database, driver: "pglite", close: () => client.close(), listen };
}

type Holder = { handle?: Promise<DatabaseHandle> };
// One client per process, kept on globalThis so that dev hot reloads reuse it instead of leaking connections.
const holder: Holder = ((globalThis as { __platterDb?: Holder }).__platterDb ??= {});

/**
 * The app's database, opened on first use (never at import: `next build` imports route modules).
 * DATABASE_URL set: that PostgreSQL server. Unset: the embedded PGlite, migrated (the server seeds it on start:
 * db/start-embedded.ts).
 */
export function getDb(): Promise<Database> {
  // With replicas, the handle routes each request's reads (read-your-writes by WAL position, db/replicas.ts).
  return openDatabase(openFromEnv).then((h) => (h.route ? h.route() : h.db));
}

/**
 * The primary, whatever the request's read floor: for the reads a live event refreshes (an order's tracking page,
 * the owner's queue). The event is announced when the primary commits; a replica may not have replayed it when the
 * page re-renders a moment later, and nothing would refresh it again until the next event.
 */
export function getPrimaryDb(): Promise<Database> {
  return openDatabase(openFromEnv).then((h) => h.db);
}

/**
 * Makes `open` the way the app's database is opened, unless it is open or opening already (requests that come
 * meanwhile wait for it). A failed open is forgotten, so that the next use tries again.
 */
export function openDatabase(open: () => Promise<DatabaseHandle>): Promise<DatabaseHandle> {
  holder.handle ??= open().catch((error: unknown) => {
    holder.handle = undefined;
    throw error;
  });
  return holder.handle;
}

async function openFromEnv(): Promise<DatabaseHandle> {
  const {
    DATABASE_URL,
    PLATTER_STATEMENT_TIMEOUT_MS,
    DATABASE_POOLER,
    DATABASE_REPLICA_URLS,
    DATABASE_REPLICA_MAX_LAG_SECONDS,
  } = databaseEnv();
  if (!DATABASE_URL) return connectPglite(pgliteDataDir());
  const options = {
    ...APP_POSTGRES_OPTIONS,
    statementTimeoutMs: PLATTER_STATEMENT_TIMEOUT_MS ?? APP_POSTGRES_OPTIONS.statementTimeoutMs,
    pooled: DATABASE_POOLER === "pgbouncer",
  };
  return DATABASE_REPLICA_URLS.length
    ? connectReplicated(DATABASE_URL, DATABASE_REPLICA_URLS, options, DATABASE_REPLICA_MAX_LAG_SECONDS)
    : connectPostgres(DATABASE_URL, options);
}

/** The open handle behind getDb() (db/notifications.ts listens on it). */
export async function getDbHandle(): Promise<DatabaseHandle> {
  await getDb();
  return holder.handle!;
}

/**
 * Scripts (seeds, db:reconcile, benchmarks): the app's database, but a server connection without the app's
 * statement timeout, since a rebuild or an audit over a million orders runs longer than any page may. A server
 * database is migrated by db:migrate, not here (the embedded one migrates itself on open): on one without tables
 * the script says so and exits with code 2, rather than failing on the first missing table with a stack trace.
 */
export async function getScriptDb(): Promise<Database> {
  const { DATABASE_URL: url, DATABASE_POOLER } = databaseEnv();
  // Through a pooler nothing can be sent at startup, and a timeout set on the role applies: run scripts directly.
  if (url && !holder.handle) setDatabase(await connectPostgres(url, { pooled: DATABASE_POOLER === "pgbouncer" }));
  const db = await getDb();
  const [tables] = await executeRows<{ ready: boolean }>(db, sql`select to_regclass('users') is not null as ready`);
  if (!tables?.ready) {
    console.error("This database has no tables yet. Run `npm run db:migrate` first, then try again.");
    await closeDb();
    process.exit(2);
  }
  return db;
}

/** Tests and scripts choose their database explicitly instead of reading the environment. */
export function setDatabase(handle: DatabaseHandle) {
  holder.handle = Promise.resolve(handle);
}

export async function closeDb() {
  const handle = await holder.handle;
  holder.handle = undefined;
  await handle?.close();
}
