/**
 * Runs once when the server starts: validates the environment (a bad value stops the start with a clear
 * message) and opens the database, so that the embedded one is migrated, seeded and its demo accounts printed
 * before the first request rather than during it.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { env, authSecret } = await import("./lib/env");
  env();
  authSecret();
  const { getDb } = await import("./db/client");
  await getDb();
}
