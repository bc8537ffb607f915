/*
 * Database errors arrive wrapped: Drizzle's DrizzleQueryError around postgres.js' PostgresError or PGlite's
 * DatabaseError, or a socket error as the cause of a driver's. These read through the wrapping, and tell "the
 * server is not there" from "this statement is wrong": the health probe (lib/health.ts) and replica failover
 * (db/replicas.ts) both ask the first question.
 */

/** The error and the causes it wraps, outermost first; at most five deep, so that a cycle of causes ends. */
export function* errorChain(error: unknown): Generator<object> {
  for (
    let e: unknown = error, depth = 0;
    e && typeof e === "object" && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    yield e;
  }
}

/** Node's socket errors and postgres.js' own connection errors. */
const SOCKET_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "EAI_AGAIN",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
]);

/**
 * A code meaning the server is unreachable or going away: sockets, class 08 (connection), 57P01-57P03 (shutdown).
 * Class 08 includes 08P01, which is what PgBouncer answers when it cannot reach its server ("query_wait_timeout",
 * "server conn crashed?", "pgbouncer cannot connect to server"): through a pooler, that is how a dead primary or
 * replica shows.
 */
export const isConnectionErrorCode = (code: string) =>
  SOCKET_CODES.has(code) || /^(57P0[123]|08[0-9A-Z]{3})$/.test(code);

/** The error, or one it wraps, says the server is not there (rather than that the statement is wrong). */
export function isConnectionError(error: unknown): boolean {
  for (const e of errorChain(error)) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && isConnectionErrorCode(code)) return true;
  }
  return false;
}
