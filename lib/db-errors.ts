import { errorChain } from "@/db/connection-errors";

/**
 * Postgres errors arrive wrapped (Drizzle's DrizzleQueryError around postgres.js' PostgresError or PGlite's
 * DatabaseError, which also name their fields differently). These read through the wrapping.
 */
type PgErrorFields = { code?: string; constraint_name?: string; constraint?: string };

function findPgError(error: unknown): PgErrorFields | null {
  for (const e of errorChain(error)) {
    const { code } = e as PgErrorFields;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return e as PgErrorFields;
  }
  return null;
}

/** The constraint a unique violation (23505) broke, or null when the error is something else. */
export function uniqueViolation(error: unknown): string | null {
  const pg = findPgError(error);
  return pg?.code === "23505" ? (pg.constraint_name ?? pg.constraint ?? "") : null;
}
