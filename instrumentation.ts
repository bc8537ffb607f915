import type { Instrumentation } from "next";

/**
 * Runs once when the server starts: validates the environment (a bad value stops the start with a clear message),
 * then
 * - on PostgreSQL (DATABASE_URL; `npm run db:migrate` and `db:seed` prepare it): starts the database health probe;
 * - on the embedded database: opens, migrates and seeds it, printing each step, the demo accounts and the address.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  // Before anything else: process-wide timers made later, during a request, are made in this context instead.
  (await import("./db/outside-requests")).captureStartupContext();
  const { env, authSecret } = await import("./lib/env");
  const settings = env();
  const { DATABASE_URL, NODE_ENV, PORT } = settings;
  authSecret();
  if (DATABASE_URL) {
    // First, so that a server started while PostgreSQL is down serves the 503 page rather than failing to start.
    const [{ startHealthProbe }, { healthProbeUrl }] = await Promise.all([import("./lib/health"), import("./db/env")]);
    await startHealthProbe(healthProbeUrl(settings) ?? DATABASE_URL);
    const { getDb } = await import("./db/client");
    await getDb();
    return;
  }
  const { startEmbeddedDatabase } = await import("./db/start-embedded");
  const address = `http://localhost:${PORT ?? 3000}`;
  // Not awaited: Next.js serves nothing until register() returns, and creating the database is CPU work (initdb in
  // WebAssembly) that can run while `next dev` compiles the first page. Requests meanwhile wait for it in getDb().
  void startEmbeddedDatabase().then(
    () => console.log(`   Platter is at ${address}\n`),
    (error: unknown) => console.error(" ⨯ Platter: the embedded database could not be opened:", error),
  );
  // In development, compile the home page now rather than when the first visitor asks for it (decision 0012).
  if (NODE_ENV === "development") void warmUp(`http://127.0.0.1:${PORT ?? 3000}/`);
}

/** Only a head start: if it fails, the first real request compiles the page as usual. */
async function warmUp(url: string) {
  try {
    await (await fetch(url)).arrayBuffer();
  } catch {}
}

/** A request that failed because the database went away: probe now, so that the next ones get the 503 at once. */
export const onRequestError: Instrumentation.onRequestError = async (error) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { isConnectionError } = await import("./db/connection-errors");
  if (!isConnectionError(error)) return;
  const { checkDatabase } = await import("./lib/health");
  await checkDatabase();
};
