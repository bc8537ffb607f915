import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const schema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\/\S+$/, "must look like postgres://user@host:5432/database")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  // Streaming replicas for reads (db/replicas.ts, decision 0014): comma-separated postgres:// URLs; needs DATABASE_URL.
  DATABASE_REPLICA_URLS: z
    .string()
    .trim()
    .regex(
      /^(postgres(ql)?:\/\/[^\s,]+)(\s*,\s*postgres(ql)?:\/\/[^\s,]+)*$/,
      "must be postgres:// URLs separated by commas",
    )
    .optional()
    .or(z.literal("").transform(() => undefined)),
  // pgbouncer: DATABASE_URL (and the replicas) go through PgBouncer in transaction pooling: no prepared statements.
  DATABASE_POOLER: z.enum(["pgbouncer", "none"]).optional(),
  PGLITE_DATA_DIR: z.string().trim().min(1).optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 33)").optional(),
  PLATTER_QUERY_STATS: z.enum(["0", "1"]).optional(),
  // Per-statement limit of the app's PostgreSQL connections (db/client.ts reads it); 0: none. Default 10000.
  PLATTER_STATEMENT_TIMEOUT_MS: z
    .string()
    .trim()
    .regex(/^(\d{1,9})?$/, "must be a whole number of milliseconds (0: no limit)")
    .transform((value) => (value === "" ? undefined : Number(value)))
    .optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

export type Env = z.infer<typeof schema>;

const checked = schema.refine((e) => !e.DATABASE_REPLICA_URLS || e.DATABASE_URL, {
  path: ["DATABASE_REPLICA_URLS"],
  message: "needs DATABASE_URL (the primary): replicas are for a PostgreSQL server, not the embedded database",
});

let cached: Env | undefined;

/** The validated environment. A bad value stops the app with a message naming the variable. */
export function env(): Env {
  if (cached) return cached;
  const parsed = checked.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment (see .env.example):\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

export const showQueryStats = () =>
  env().PLATTER_QUERY_STATS === "1" || (env().NODE_ENV === "development" && env().PLATTER_QUERY_STATS !== "0");

/**
 * AUTH_SECRET signs the session cookies. With a real server (DATABASE_URL) it must be set. On the embedded
 * database a random one is made once and kept beside the data, so that a fresh clone starts with no setup.
 */
export function authSecret(): string {
  const { AUTH_SECRET, DATABASE_URL, PGLITE_DATA_DIR } = env();
  if (AUTH_SECRET) return AUTH_SECRET;
  if (DATABASE_URL) throw new Error("AUTH_SECRET is required when DATABASE_URL is set (see .env.example).");
  const file = path.join(path.dirname(PGLITE_DATA_DIR || path.join(process.cwd(), ".data", "pglite")), "auth-secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    const secret = randomBytes(33).toString("base64");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
    return secret;
  }
}
