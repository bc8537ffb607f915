import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/** A URL with one of `protocols`, or unset (an empty value counts as unset). */
const optionalUrl = (protocols: string[], message: string) =>
  z
    .string()
    .trim()
    .refine((value) => value === "" || (URL.canParse(value) && protocols.includes(new URL(value).protocol)), message)
    .transform((value) => value || undefined)
    .optional();

const schema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\/\S+$/, "must look like postgres://user@host:5432/database")
    .optional()
    .or(z.literal("").transform(() => undefined)),
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
  // The site's public origin (Auth.js reads it too): password reset links point here (decision 0017).
  AUTH_URL: optionalUrl(["http:", "https:"], "must be the site's address, like https://platter.example").transform(
    (url) => url && new URL(url).origin,
  ),
  // Without AUTH_URL, hosts (comma-separated, "name" or "name:port") whose request origin reset links may use.
  PLATTER_ALLOWED_HOSTS: z
    .string()
    .transform((value) =>
      value
        .toLowerCase()
        .split(",")
        .flatMap((host) => host.trim() || []),
    )
    .refine(
      (hosts) => hosts.every((host) => /^[a-z0-9.-]+(:\d{1,5})?$/.test(host)),
      "must be host names separated by commas, like platter.example,www.platter.example",
    )
    .optional(),
  // Mail goes out through this SMTP server (nodemailer); unset: to the console and PLATTER_OUTBOX_DIR.
  SMTP_URL: optionalUrl(["smtp:", "smtps:"], "must look like smtp://user:password@host:587 or smtps://host:465"),
  MAIL_FROM: z
    .string()
    .trim()
    .max(200)
    .regex(/^([^\p{Cc}@]+@[^\p{Cc}@]+)?$/u, 'must be an address, like "Platter <no-reply@platter.example>"')
    .transform((value) => value || undefined)
    .optional(),
  PLATTER_OUTBOX_DIR: z.string().trim().min(1).optional(),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** The validated environment. A bad value stops the app with a message naming the variable. */
export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
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

/** Where mail goes when no SMTP server is configured: a folder of .eml files a developer can open. */
export const outboxDir = () => env().PLATTER_OUTBOX_DIR || path.join(process.cwd(), ".data", "outbox");
