/**
 * Postgres errors arrive wrapped (Drizzle's DrizzleQueryError around postgres.js' PostgresError or PGlite's
 * DatabaseError, which also name their fields differently). These read through the wrapping.
 */
type PgErrorFields = { code?: string; constraint_name?: string; constraint?: string };

function findPgError(error: unknown): PgErrorFields | null {
  for (
    let e: unknown = error, depth = 0;
    e && typeof e === "object" && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    if (typeof (e as PgErrorFields).code === "string" && /^[0-9A-Z]{5}$/.test((e as PgErrorFields).code!))
      return e as PgErrorFields;
  }
  return null;
}

/** The constraint a unique violation (23505) broke, or null when the error is something else. */
export function uniqueViolation(error: unknown): string | null {
  const pg = findPgError(error);
  return pg?.code === "23505" ? (pg.constraint_name ?? pg.constraint ?? "") : null;
}
