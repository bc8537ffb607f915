import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { connectPostgres } from "@/db/client";
import { databaseUrl, dropDatabase, recreateDatabase } from "@/db/postgres-admin";
import type { DatabaseHandle } from "@/db/types";

/*
 * The client the app uses behind a transaction-mode pooler (`?prepare=false`, db/pooled-client.ts): one statement
 * at a time per connection, and transactions on a reserved connection. Here against PostgreSQL directly (the pooler
 * itself is in tests/cluster, whose 500 concurrent requests through PgBouncer lost answers to pipelining before).
 */
const base = process.env.DATABASE_URL;

describe.runIf(base)("the pooled PostgreSQL client", () => {
  const name = `platter_test_pooled_${process.pid}`;
  let handle: DatabaseHandle;
  let observer: postgres.Sql;
  const seen = async () => (await observer`select n from pooled_probe order by n`).map((r) => r.n as number);

  beforeAll(async () => {
    await recreateDatabase(base!, name);
    const url = databaseUrl(base!, name);
    observer = postgres(url, { max: 1, onnotice: () => {} });
    await observer`create table pooled_probe (n int not null)`;
    handle = await connectPostgres(`${url}?prepare=false`, { max: 2 });
  });
  afterAll(async () => {
    await handle?.close();
    await observer?.end();
    await dropDatabase(base!, name);
  });

  it("commits a transaction, rolls back a failing one, and leaves no connection inside a transaction", async () => {
    const { db } = handle;
    const result = await db.transaction(async (tx) => {
      await tx.execute(sql`insert into pooled_probe values (1)`);
      await tx.execute(sql`insert into pooled_probe values (2)`);
      return "done";
    });
    expect(result).toBe("done");
    expect(await seen()).toEqual([1, 2]);

    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`insert into pooled_probe values (3)`);
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await seen()).toEqual([1, 2]);

    // Statements after the transactions run on the pool outside any transaction: seen at once by another session.
    await Promise.all([4, 5, 6].map((n) => db.execute(sql`insert into pooled_probe values (${n})`)));
    expect(await seen()).toEqual([1, 2, 4, 5, 6]);
    const idleInTransaction = await observer`select count(*)::int as n from pg_stat_activity
      where datname = ${name} and state like 'idle in transaction%'`;
    expect(idleInTransaction[0]!.n).toBe(0);
  });

  it("reports a transaction PostgreSQL rolled back as failed, even when its body caught the failing statement", async () => {
    const { db } = handle;
    // A failed statement leaves the transaction aborted, and PostgreSQL answers the COMMIT with ROLLBACK, not an
    // error. postgres.js' own begin rejects then; the pooled one resolved, and its caller took the lost insert for
    // a committed one.
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`insert into pooled_probe values (50)`);
        await tx.execute(sql`select 1 / 0`).catch(() => {});
        return "done";
      }),
    ).rejects.toThrow();
    expect(await seen()).not.toContain(50);
  });

  it("keeps concurrent transactions apart, each on its own connection", async () => {
    const { db } = handle;
    await Promise.all(
      [10, 20, 30, 40].map((n) =>
        db.transaction(async (tx) => {
          await tx.execute(sql`insert into pooled_probe values (${n})`);
          const [row] = (await tx.execute(
            sql`select count(*)::int as mine from pooled_probe where n = ${n}`,
          )) as unknown as [{ mine: number }];
          expect(row.mine).toBe(1);
          await tx.execute(sql`insert into pooled_probe values (${n + 1})`);
        }),
      ),
    );
    expect((await seen()).filter((n) => n >= 10)).toEqual([10, 11, 20, 21, 30, 31, 40, 41]);
  });
});
