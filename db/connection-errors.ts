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
 * One error object (not the ones it wraps) says the server is unreachable or going away: socket and postgres.js
 * connection codes, class 08 (connection exception), 57P01-57P03 (shutdown). And 08P01 when FATAL: PgBouncer
 * (1.18) answers every error of its own with 08P01 and drops the connection ("query_wait_timeout", "server login
 * has been failing", "server conn crashed?"); postgres.js passes that on as such in some cases (seen on a new
 * connection's first statement) and as CONNECTION_CLOSED in others. PostgreSQL's own 08P01, a protocol violation such
 * as a bind with the wrong number of parameters, is an ERROR: a fault in the statement, not a missing server, and
 * sending it to another server would only fail again.
 */
export function saysServerGone(error: { code?: unknown; severity?: unknown; severity_local?: unknown }): boolean {
  const { code } = error;
  if (typeof code !== "string") return false;
  if (SOCKET_CODES.has(code) || /^(57P0[123]|08\d{3})$/.test(code)) return true;
  // PgBouncer sends only the localised severity ("S"); PostgreSQL sends both.
  return code === "08P01" && (error.severity ?? error.severity_local) === "FATAL";
}

/** The error, or one it wraps, says the server is not there (rather than that the statement is wrong). */
export function isConnectionError(error: unknown): boolean {
  for (const e of errorChain(error)) {
    if (saysServerGone(e)) return true;
  }
  return false;
}
