import type { Instrumentation } from "next";

/**
 * Runs once when the server starts: validates the environment (a bad value stops the start with a clear
 * message), opens the database, so that the embedded one is migrated, seeded and its demo accounts printed
 * before the first request rather than during it, and starts the database health probe (PostgreSQL only).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { env, authSecret } = await import("./lib/env");
  env();
  authSecret();
  const url = env().DATABASE_URL;
  if (url) {
    // First, so that a server started while PostgreSQL is down serves the 503 page rather than failing to start.
    const { startHealthProbe } = await import("./lib/health");
    await startHealthProbe(url);
  }
  const { getDb } = await import("./db/client");
  await getDb();
}

/** A request that failed because the database went away: probe now, so that the next ones get the 503 at once. */
export const onRequestError: Instrumentation.onRequestError = async (error) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { checkDatabase, isConnectionError } = await import("./lib/health");
  if (isConnectionError(error)) await checkDatabase();
};
