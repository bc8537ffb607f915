import { mkdirSync } from "node:fs";
import path from "node:path";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";

import { queryLogger } from "./query-stats";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type Executor = Database | Transaction;

export type DatabaseHandle = {
  db: Database;
  driver: "postgres" | "pglite";
  close: () => Promise<void>;
  /** With read replicas: the database for this request's reads (db/replicas.ts). */
  route?: () => Promise<Database>;
};

export const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");
export const DEFAULT_PGLITE_DIR = path.join(process.cwd(), ".data", "pglite");

export type PostgresOptions = {
  max?: number;
  /** Seconds to wait for a connection before the query fails (postgres.js' default: 30). */
  connectTimeoutSeconds?: number;
  /** Server-side limit per statement in ms; 0 or unset: none (seeds, migrations and benchmarks run long). */
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
  const client = postgres(url, postgresOptions(url, options));
  const db = drizzle({ client, schema, logger: queryLogger }) as unknown as Database;
  return { db, driver: "postgres", close: () => client.end({ timeout: 5 }) };
}

/** `?prepare=false` in the URL (postgres.js' own spelling) says the same as DATABASE_POOLER=pgbouncer. */
export const isPooledUrl = (url: string) => /[?&]prepare=false(&|$)/.test(url);

function postgresOptions(url: string, options: PostgresOptions): import("postgres").Options<Record<string, never>> {
  const pooled = options.pooled || isPooledUrl(url);
  return {
    max: options.max ?? 10,
    onnotice: () => {},
    ...(options.connectTimeoutSeconds ? { connect_timeout: options.connectTimeoutSeconds } : {}),
    ...(options.idleTimeoutSeconds ? { idle_timeout: options.idleTimeoutSeconds } : {}),
    // postgres.js waits up to 20 s (growing with each failure) before reconnecting; queries queue meanwhile, which
    // turned a database outage into hanging pages. Retry within half a second: a refused connection fails fast.
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 0.5),
    // postgres.js prepares every statement; after five runs PostgreSQL may switch a prepared statement to a
    // generic plan, chosen without the parameter values. On skewed data (one customer with 100,000 orders next to
    // ordinary ones) that plan fits nobody: plan each execution with its values (tests/integration/plans.test.ts).
    // Pooled: nothing is prepared (an unnamed statement is always planned with its values), and PgBouncer neither
    // accepts nor forwards other startup parameters: the statement timeout is set for the app's role or database.
    ...(pooled
      ? { prepare: false }
      : {
          connection: {
            plan_cache_mode: "force_custom_plan",
            ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
          },
        }),
  };
}

/** The app's primary plus its read replicas (DATABASE_REPLICA_URLS): reads routed per request (db/replicas.ts). */
export async function connectReplicated(
  url: string,
  replicaUrls: string[],
  options: PostgresOptions = {},
): Promise<DatabaseHandle> {
  const [{ default: postgres }, { drizzle }, { replicate }] = await Promise.all([
    import("postgres"),
    import("drizzle-orm/postgres-js"),
    import("./replicas"),
  ]);
  const primarySql = postgres(url, postgresOptions(url, options));
  const replicated = replicate({
    primarySql,
    replicaUrls,
    connect: (replicaUrl) => postgres(replicaUrl, postgresOptions(replicaUrl, options)),
    toDb: (client) => drizzle({ client, schema, logger: queryLogger }) as unknown as Database,
  });
  return {
    db: replicated.primary,
    driver: "postgres",
    route: replicated.route,
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

/** Connects to `url` over one connection, applies the migrations, and closes: db:migrate and the test template. */
export async function migrateDatabase(url: string): Promise<void> {
  const handle = await connectPostgres(url, { max: 1 });
  try {
    await migratePostgres(handle.db);
  } finally {
    await handle.close();
  }
}

/** Opens PGlite in `dataDir` (a folder, or "memory://") and applies pending migrations. */
export async function connectPglite(dataDir: string): Promise<DatabaseHandle> {
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
  await migrate(pg, { migrationsFolder: MIGRATIONS_FOLDER });
  return { db: pg as unknown as Database, driver: "pglite", close: () => client.close() };
}

type Holder = { handle?: Promise<DatabaseHandle> };
// One client per process, kept on globalThis so that dev hot reloads reuse it instead of leaking connections.
const holder: Holder = ((globalThis as { __platterDb?: Holder }).__platterDb ??= {});

/**
 * The app's database, opened on first use (never at import: `next build` imports route modules).
 * DATABASE_URL set: that PostgreSQL server. Unset: the embedded PGlite, migrated and seeded on first start.
 */
export function getDb(): Promise<Database> {
  holder.handle ??= openFromEnv().catch((error: unknown) => {
    holder.handle = undefined;
    throw error;
  });
  return holder.handle.then((h) => (h.route ? h.route() : h.db));
}

async function openFromEnv(): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL;
  if (url) {
    // Validated at start-up by lib/env.ts (db/ does not import lib/): a whole number of ms, 0 for none.
    const override = process.env.PLATTER_STATEMENT_TIMEOUT_MS?.trim();
    const statementTimeoutMs = override ? Number(override) : APP_POSTGRES_OPTIONS.statementTimeoutMs;
    const options = {
      ...APP_POSTGRES_OPTIONS,
      statementTimeoutMs,
      pooled: process.env.DATABASE_POOLER === "pgbouncer",
    };
    const replicaUrls = (process.env.DATABASE_REPLICA_URLS ?? "")
      .split(",")
      .map((u) => u.trim())
      .filter(Boolean);
    return replicaUrls.length ? connectReplicated(url, replicaUrls, options) : connectPostgres(url, options);
  }
  const handle = await connectPglite(process.env.PGLITE_DATA_DIR || DEFAULT_PGLITE_DIR);
  const { seedDemoIfEmpty } = await import("./seed/demo");
  const seeded = await seedDemoIfEmpty(handle.db);
  if (seeded) {
    const { printDemoAccounts } = await import("./seed/accounts");
    printDemoAccounts();
  }
  return handle;
}

/**
 * Scripts (seeds, db:reconcile, benchmarks): the app's database, but a server connection without the app's
 * statement timeout, since a rebuild or an audit over a million orders runs longer than any page may.
 */
export async function getScriptDb(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (url && !holder.handle) setDatabase(await connectPostgres(url));
  return getDb();
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
