/**
 * Few, large statements: rows travel as one array per column and are spread out by `unnest`, so a statement
 * holds tens of thousands of rows in a dozen bind parameters (a VALUES list would hit Postgres' 65,535
 * parameter limit at a few thousand rows and cost a parse per row). Works on postgres.js and PGlite alike.
 */
import { sql, type SQL } from "drizzle-orm";

import type { Executor } from "../../types";

/** Rows per statement: big enough that round trips vanish, small enough to keep each statement's memory low. */
export const ROWS_PER_STATEMENT = 25_000;

/**
 * A column's values and the SQL array type they are sent as. Only int4 and text arrays are sent as such: enums,
 * timestamps and booleans travel as text and are cast in SQL (`"text[]::order_status[]"`), because the drivers
 * cannot be trusted to serialize arrays of those types (drizzle makes timestamptz pass-through on postgres.js).
 */
export type Column = { type: string; values: readonly unknown[] };

export const int4 = (values: readonly number[]): Column => ({ type: "int4[]", values });
export const text = (values: readonly string[]): Column => ({ type: "text[]", values });
// Booleans travel as text too: postgres.js types a parameter by its first element, and would declare a boolean
// array a single boolean.
export const bool = (values: readonly boolean[]): Column => ({ type: "text[]::bool[]", values: values.map(String) });
/** Epoch milliseconds, sent as ISO strings. */
export const timestamps = (ms: readonly number[]): Column => ({
  type: "text[]::timestamptz[]",
  values: ms.map((t) => new Date(t).toISOString()),
});
export const cast = (type: string, values: readonly string[]): Column => ({ type: `text[]::${type}[]`, values });

/** `unnest($1::int4[], $2::text[], ...) as alias(a, b, ...)`: the columns as a row source. */
export function unnestColumns(alias: string, columns: Record<string, Column>): SQL {
  const names = Object.keys(columns);
  const args = names.map((name) => sql`${sql.param(columns[name]!.values)}::${sql.raw(columns[name]!.type)}`);
  return sql`unnest(${sql.join(args, sql`, `)}) as ${sql.identifier(alias)}(${sql.join(
    names.map((name) => sql.identifier(name)),
    sql`, `,
  )})`;
}

/**
 * Inserts the rows given as columns, ROWS_PER_STATEMENT at a time. `overriding` lets explicit ids into a
 * `generated always` identity column (ids from reserveIds).
 */
export async function insertColumns(
  db: Executor,
  table: string,
  columns: Record<string, Column>,
  options: { overriding?: boolean } = {},
) {
  const names = Object.keys(columns);
  const length = columns[names[0]!]!.values.length;
  const target = sql.join(
    names.map((name) => sql.identifier(name)),
    sql`, `,
  );
  for (let start = 0; start < length; start += ROWS_PER_STATEMENT) {
    const slice = Object.fromEntries(
      names.map((name) => [
        name,
        { ...columns[name]!, values: columns[name]!.values.slice(start, start + ROWS_PER_STATEMENT) },
      ]),
    );
    await db.execute(
      sql`insert into ${sql.identifier(table)} (${target}) ${options.overriding ? sql`overriding system value` : sql``}
          select ${target} from ${unnestColumns("u", slice)}`,
    );
  }
}

/** Rows of a raw statement: postgres.js returns an array, PGlite an object holding `rows`. */
export async function executeRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * Takes `count` values from the sequence behind `table`.id, in ascending order. A sequence never hands a value
 * out twice, even to concurrent sessions and whether or not this transaction commits, so the ids are ours to
 * insert with `overriding system value`, and are known before the insert: child rows can be built alongside.
 */
export async function reserveIds(db: Executor, table: string, count: number): Promise<number[]> {
  if (count === 0) return [];
  const rows = await executeRows<{ id: number }>(
    db,
    sql`select nextval(pg_get_serial_sequence(${table}, 'id'))::int4 as id from generate_series(1, ${count}::int4)`,
  );
  return rows.map((row) => Number(row.id)).sort((a, b) => a - b);
}
