type Sql = import("postgres").Sql;

/**
 * postgres.js' options for a client behind a transaction-mode pooler: no named (prepared) statements, which a pooled
 * server connection would not keep, and no pipelining (below). Such a client is then wrapped by withoutPipelining.
 */
export const POOLED_OPTIONS = { prepare: false, max_pipeline: 0 } as const;

/**
 * A postgres.js client behind a transaction-mode pooler sends one statement at a time per connection, transactions
 * included (decision 0014).
 *
 * postgres.js pipelines statements on a busy connection (`max_pipeline`, 100 by default). PgBouncer 1.18 (Debian
 * 12's) hands the server connection back at a transaction's ReadyForQuery while the next pipelined statement's
 * answer is still on its way, drops that answer ("got packet from server when not linked", pgbouncer#759), and the
 * statement waits for ever. `max_pipeline: 0` (POOLED_OPTIONS) stops the pipelining, but postgres.js' `begin` takes
 * its connection out of the pool only past that same check, and with it at 0 refuses every transaction
 * (UNSAFE_TRANSACTION) with the connection left inside one. So a transaction here runs on a connection held with
 * `reserve()`, which sends its statements one at a time too, and goes back to the pool when it ends.
 */
export function withoutPipelining(sql: Sql): Sql {
  return new Proxy(sql, {
    get(target, property, receiver) {
      if (property !== "begin") return Reflect.get(target, property, receiver);
      return (...args: unknown[]) => beginOnReservedConnection(target, args);
    },
  });
}

/** `sql.begin([options,] fn)`, as Drizzle calls it: BEGIN, `fn` with the transaction's client, COMMIT or ROLLBACK. */
async function beginOnReservedConnection(sql: Sql, args: unknown[]): Promise<unknown> {
  const fn = args.pop() as (tx: Sql) => unknown;
  // What postgres.js' own begin keeps of its options ("isolation level serializable", "read only").
  const options = typeof args[0] === "string" ? args[0].replace(/[^a-z ]/gi, "") : "";
  const tx = await sql.reserve();
  try {
    await tx.unsafe(`begin ${options}`);
    let result: unknown;
    try {
      const pending = fn(tx);
      result = await (Array.isArray(pending) ? Promise.all(pending) : pending);
    } catch (error) {
      await tx.unsafe("rollback").catch(() => {});
      throw error;
    }
    const committed = await tx.unsafe("commit");
    // A statement that failed inside `fn`, its error caught there, left the transaction aborted, and PostgreSQL
    // answers such a COMMIT with ROLLBACK rather than an error. postgres.js' own begin rejects then (with that
    // statement's error); so must this one, or its caller takes a lost transaction for a committed one.
    if (committed.command === "ROLLBACK") {
      throw Object.assign(new Error("the transaction was rolled back: a statement in it failed"), { code: "25P02" });
    }
    return result;
  } finally {
    tx.release();
  }
}
