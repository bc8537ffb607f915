/**
 * The database layer's settings: the one place in db/ that reads the environment. lib/env.ts extends this schema
 * with the app's own settings, so that the server validates both at start-up and names every bad variable at once.
 * A new database setting is one more field in `databaseEnvSchema` (and a line in .env.example).
 */
import path from "node:path";
import { z } from "zod";

/** `VAR=` (as in a copy of .env.example) means "not set", like leaving the line out. */
export function unsetWhenBlank<T extends z.ZodType>(schema: T) {
  return z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    schema.optional(),
  );
}

/** One postgres:// address, optional. */
const postgresUrl = () =>
  unsetWhenBlank(
    z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\/\S+$/, "must look like postgres://user@host:5432/database"),
  );

export const databaseEnvSchema = z.object({
  /** A PostgreSQL server. Unset: the embedded PGlite database in PGLITE_DATA_DIR. */
  DATABASE_URL: postgresUrl(),
  /**
   * Only for LISTEN (live order streams) when DATABASE_URL goes through a transaction-mode pooler, which cannot hold
   * a LISTEN: a direct address of the primary (db/notifications.ts).
   */
  DATABASE_LISTEN_URL: postgresUrl(),
  /**
   * Only for the health probe (lib/health.ts) when DATABASE_URL goes through a pooler: a direct address of the
   * primary, so that an outage shows within a second instead of when the pooler gives up (decision 0014). Unset
   * behind a pooler, the probe uses DATABASE_LISTEN_URL (healthProbeUrl).
   */
  DATABASE_HEALTH_URL: postgresUrl(),
  /** Streaming replicas for reads (db/replicas.ts, decision 0014): comma-separated postgres:// URLs; needs DATABASE_URL. */
  DATABASE_REPLICA_URLS: z
    .string()
    .trim()
    .regex(
      /^(postgres(ql)?:\/\/[^\s,]+)?(\s*,\s*postgres(ql)?:\/\/[^\s,]+)*$/,
      "must be postgres:// URLs separated by commas",
    )
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(",")
        .map((url) => url.trim())
        .filter(Boolean),
    ),
  /**
   * How many seconds behind the primary a replica may be and still serve reads; 0: no limit. Unset:
   * db/replicas.ts' DEFAULT_MAX_LAG_SECONDS. Readers who have just written are routed by their own write anyway.
   */
  DATABASE_REPLICA_MAX_LAG_SECONDS: unsetWhenBlank(
    z
      .string()
      .trim()
      .regex(/^\d{1,6}$/, "must be a whole number of seconds (0: no limit)")
      .transform(Number),
  ),
  /** pgbouncer: DATABASE_URL goes through PgBouncer in transaction pooling: no prepared statements (decision 0014). */
  DATABASE_POOLER: unsetWhenBlank(z.enum(["pgbouncer", "none"])),
  /** Folder of the embedded database; see `pgliteDataDir()` for the default. */
  PGLITE_DATA_DIR: unsetWhenBlank(z.string().trim()),
  /** Per-statement limit of the app's own PostgreSQL connections in ms; 0: none. Unset: APP_POSTGRES_OPTIONS'. */
  PLATTER_STATEMENT_TIMEOUT_MS: unsetWhenBlank(
    z
      .string()
      .trim()
      .regex(/^\d{1,9}$/, "must be a whole number of milliseconds (0: no limit)")
      .transform(Number),
  ),
});

export type DatabaseEnv = z.infer<typeof databaseEnvSchema>;

/** The rules across variables, for db's schema and for lib/env.ts's extension of it. */
export function withDatabaseRules<
  T extends z.ZodType<{
    DATABASE_URL?: string;
    DATABASE_REPLICA_URLS: string[];
    DATABASE_POOLER?: string;
    DATABASE_LISTEN_URL?: string;
  }>,
>(schema: T) {
  return schema
    .refine((env) => env.DATABASE_REPLICA_URLS.length === 0 || Boolean(env.DATABASE_URL), {
      path: ["DATABASE_REPLICA_URLS"],
      message: "needs DATABASE_URL (the primary): replicas are for a PostgreSQL server, not the embedded database",
    })
    .refine((env) => !isPooled(env) || Boolean(env.DATABASE_LISTEN_URL), {
      path: ["DATABASE_LISTEN_URL"],
      message:
        "is needed when DATABASE_URL goes through a transaction-mode pooler (DATABASE_POOLER=pgbouncer or ?prepare=false): " +
        "a LISTEN cannot live there, and live updates would stop; set it to the primary's direct address",
    });
}

/** `?prepare=false` in the URL (postgres.js' own spelling) says the same as DATABASE_POOLER=pgbouncer. */
export const isPooledUrl = (url: string) => /[?&]prepare=false(&|$)/.test(url);

/** DATABASE_URL goes through a transaction-mode pooler: DATABASE_POOLER=pgbouncer, or `?prepare=false` in it. */
const isPooled = (env: { DATABASE_URL?: string; DATABASE_POOLER?: string }) =>
  env.DATABASE_POOLER === "pgbouncer" || (env.DATABASE_URL !== undefined && isPooledUrl(env.DATABASE_URL));

/**
 * The address the health probe asks (lib/health.ts): DATABASE_HEALTH_URL; else, past a transaction-mode pooler, the
 * primary's direct address that LISTEN already needs, since a probe queued in the pooler learns of a dead primary
 * only when the pooler gives up (query_wait_timeout, 120 s by default; decision 0014); else DATABASE_URL.
 */
export function healthProbeUrl(env: {
  DATABASE_URL?: string;
  DATABASE_POOLER?: string;
  DATABASE_LISTEN_URL?: string;
  DATABASE_HEALTH_URL?: string;
}): string | undefined {
  return env.DATABASE_HEALTH_URL ?? (isPooled(env) ? env.DATABASE_LISTEN_URL : undefined) ?? env.DATABASE_URL;
}

/**
 * Whether the probe's URL goes through a transaction-mode pooler, where a slow answer is the probe queued behind
 * busy server connections. DATABASE_POOLER describes DATABASE_URL only: the probe's own address (DATABASE_HEALTH_URL,
 * or DATABASE_LISTEN_URL behind a pooler: healthProbeUrl) is the primary's, where a slow answer is the primary's own
 * and counts as down.
 */
export const isPooledProbe = (url: string, env: { DATABASE_URL?: string; DATABASE_POOLER?: string }) =>
  isPooledUrl(url) || (url === env.DATABASE_URL && isPooled(env));

/** Parses `source` with `schema`, or throws one error naming every bad variable. */
export function parseEnv<T extends z.ZodType>(schema: T, source: NodeJS.ProcessEnv): z.infer<T> {
  const parsed = schema.safeParse(source);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  throw new Error(`Invalid environment (see .env.example):\n${lines.join("\n")}`);
}

let cached: DatabaseEnv | undefined;

/** The database settings, validated on first use. Tests and scripts that pick a database pass it explicitly. */
export function databaseEnv(): DatabaseEnv {
  cached ??= parseEnv(withDatabaseRules(databaseEnvSchema), process.env);
  return cached;
}

export const DEFAULT_PGLITE_DIR = path.join(process.cwd(), ".data", "pglite");

/** Where the embedded database lives (used when DATABASE_URL is unset). */
export function pgliteDataDir(): string {
  return databaseEnv().PGLITE_DATA_DIR ?? DEFAULT_PGLITE_DIR;
}
