import type { Instrumentation } from "next";

/**
 * Runs once when the server starts, before it serves a request: validates the environment (a bad value stops the
 * start with a clear message), then
 * - on the embedded database: opens, migrates and seeds it, printing each step, the demo accounts and the address;
 * - on PostgreSQL (DATABASE_URL, migrated by `npm run db:migrate`): starts the database health probe.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { env, authSecret } = await import("./lib/env");
  const { DATABASE_URL, PORT } = env();
  authSecret();
  if (DATABASE_URL) {
    // First, so that a server started while PostgreSQL is down serves the 503 page rather than failing to start.
    const { startHealthProbe } = await import("./lib/health");
    await startHealthProbe(DATABASE_URL);
    const { getDb } = await import("./db/client");
    await getDb();
    return;
  }
  const { startEmbeddedDatabase } = await import("./db/start-embedded");
  await startEmbeddedDatabase();
  console.log(`   Platter is at http://localhost:${PORT ?? 3000}\n`);
}

/** A request that failed because the database went away: probe now, so that the next ones get the 503 at once. */
export const onRequestError: Instrumentation.onRequestError = async (error) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkDatabase, isConnectionError } = await import("./lib/health");
  if (isConnectionError(error)) await checkDatabase();
};
