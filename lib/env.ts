import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

import { databaseEnvSchema, parseEnv, pgliteDataDir, unsetWhenBlank, withDatabaseRules } from "@/db/env";

/** A URL with one of `protocols`, or unset. */
const optionalUrl = (protocols: string[], message: string) =>
  unsetWhenBlank(
    z
      .string()
      .trim()
      .refine((value) => URL.canParse(value) && protocols.includes(new URL(value).protocol), message),
  );

/** The app's settings on top of the database's (db/env.ts): one validation at start-up names every bad variable. */
const schema = databaseEnvSchema.extend({
  AUTH_SECRET: unsetWhenBlank(z.string().min(32, "must be at least 32 characters (try: openssl rand -base64 33)")),
  PLATTER_QUERY_STATS: unsetWhenBlank(z.enum(["0", "1"])),
  // Names this process in the x-platter-instance header (lib/http/instance.ts). Default: host:pid.
  PLATTER_INSTANCE_ID: unsetWhenBlank(
    z
      .string()
      .trim()
      .regex(/^[\w.:-]{1,100}$/, "must be 1-100 letters, digits, dots, colons, dashes or underscores"),
  ),
  // Read at build time (next.config.ts): one id per build, shared by every instance that runs it.
  NEXT_DEPLOYMENT_ID: unsetWhenBlank(
    z
      .string()
      .trim()
      .regex(/^[\w.-]{1,64}$/, "must be 1-64 letters, digits, dots, dashes or underscores"),
  ),
  // The site's public origin (Auth.js reads it too): password reset links point here (decision 0017).
  AUTH_URL: optionalUrl(["http:", "https:"], "must be the site's address, like https://platter.example").transform(
    (url) => url && new URL(url).origin,
  ),
  // Without AUTH_URL, hosts (comma-separated, "name" or "name:port") whose request origin reset links may use.
  PLATTER_ALLOWED_HOSTS: unsetWhenBlank(
    z
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
      ),
  ),
  // Mail goes out through this SMTP server (nodemailer); unset: to the console and PLATTER_OUTBOX_DIR.
  SMTP_URL: optionalUrl(["smtp:", "smtps:"], "must look like smtp://user:password@host:587 or smtps://host:465"),
  MAIL_FROM: unsetWhenBlank(
    z
      .string()
      .trim()
      .max(200)
      .regex(/^[^\p{Cc}@]+@[^\p{Cc}@]+$/u, 'must be an address, like "Platter <no-reply@platter.example>"'),
  ),
  PLATTER_OUTBOX_DIR: unsetWhenBlank(z.string().trim()),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  // Set by `next dev` / `next start` to the port they listen on; only used to print the app's address.
  PORT: unsetWhenBlank(
    z
      .string()
      .regex(/^\d{1,5}$/, "must be a port number")
      .transform(Number),
  ),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** The validated environment. A bad value stops the app with a message naming the variable. */
export function env(): Env {
  cached ??= parseEnv(withDatabaseRules(schema), process.env);
  return cached;
}

export const showQueryStats = () =>
  env().PLATTER_QUERY_STATS === "1" || (env().NODE_ENV === "development" && env().PLATTER_QUERY_STATS !== "0");

/**
 * AUTH_SECRET signs the session cookies. With a real server (DATABASE_URL) it must be set. On the embedded
 * database a random one is made once and kept beside the data, so that a fresh clone starts with no setup.
 */
export function authSecret(): string {
  const { AUTH_SECRET, DATABASE_URL } = env();
  if (AUTH_SECRET) return AUTH_SECRET;
  if (DATABASE_URL) throw new Error("AUTH_SECRET is required when DATABASE_URL is set (see .env.example).");
  const file = path.join(path.dirname(pgliteDataDir()), "auth-secret");
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
