/**
 * The database's types, apart from the code that opens it: everything that runs statements takes one of these, and
 * importing a type must never pull in the connection module (that made db/client.ts part of import cycles).
 */
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";

import type * as schema from "./schema";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** A database or an open transaction: whatever a statement can run on. */
export type Executor = Database | Transaction;

/** LISTEN on a channel; `onListen` runs each time the listen is (re)established. Resolves to an unlisten. */
export type Listen = (
  channel: string,
  onPayload: (payload: string) => void,
  onListen?: () => void,
) => Promise<() => Promise<void>>;

export type DatabaseHandle = {
  db: Database;
  driver: "postgres" | "pglite";
  close: () => Promise<void>;
  /**
   * For db/notifications.ts (absent on handles built by hand: no live streams there): postgres.js' own LISTEN
   * connection, or PGlite's in-process one.
   */
  listen?: Listen;
  /** With read replicas: the database for this request's reads (db/replicas.ts). */
  route?: () => Promise<Database>;
};
