import type { Database } from "./types";

/**
 * The statements every request sends (the session check, the profile page) as prepared statements: Drizzle builds
 * their SQL once instead of on every request, and postgres.js sends them as named statements, which PostgreSQL
 * parses once per connection and, after five runs, plans once (a generic plan) when that plan costs no more than
 * the custom ones. Measured on the scale seed (docs/benchmarks.md): the profile statement's server time fell from
 * 2.0 to 0.45 ms, the session check's from 0.34 to 0.12 ms, most of it parsing and planning, not executing.
 *
 * Only statements whose plan does not depend on whose data they read belong here: every lookup by a key, every
 * range bounded by a LIMIT, and the search, whose candidates come from trigram index scans whatever the words. A
 * statement whose best plan changes with the values (a date range over one customer's history) stays unprepared:
 * Drizzle sends it unnamed, and PostgreSQL plans an unnamed statement with its values every time.
 * tests/integration/plans.test.ts and search-plans.test.ts check each prepared statement's generic plan on skewed
 * data. Behind PgBouncer (`prepare: false`) postgres.js sends them unnamed too; the SQL is still built once.
 *
 * A prepared query belongs to the database it was prepared on, so there is one per database: the primary, and the
 * routed database of each replica (db/replicas.ts).
 */
export function preparedPerDatabase<Query>(build: (db: Database) => Query): (db: Database) => Query {
  const built = new WeakMap<Database, Query>();
  return (db) => {
    let query = built.get(db);
    if (!query) {
      query = build(db);
      built.set(db, query);
    }
    return query;
  };
}
