import net from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";

import { closeDb, connectPostgres, getDb } from "@/db/client";
import { databaseUrl, dropDatabase, recreateDatabase, withAdmin } from "@/db/postgres-admin";

/*
 * Fail fast (issue 10): the app's own connection to PostgreSQL, opened from DATABASE_URL as the server opens it,
 * carries a statement timeout, and a server that accepts the connection but never answers is given up on after the
 * connect timeout instead of holding requests. PostgreSQL only: PGlite has no connection to time out.
 */
const url = process.env.DATABASE_URL;

describe.runIf(url)("the app's PostgreSQL connection", () => {
  afterAll(() => closeDb());

  const errorCode = (error: unknown) => {
    for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
      if (typeof e.code === "string") return e.code;
    }
    return undefined;
  };

  it("runs every statement under a 10 s statement timeout", async () => {
    const db = await getDb();
    const rows = (await db.execute(sql`show statement_timeout`)) as unknown as Array<{ statement_timeout: string }>;
    expect(rows[0]?.statement_timeout).toBe("10s");
  });

  it("sends a script's 'no limit' (0) at startup, so that a timeout set on the database or role does not apply", async () => {
    const name = `platter_test_timeout_${process.pid}`;
    await recreateDatabase(url!, name);
    try {
      await withAdmin(url!, (admin) => admin.unsafe(`alter database ${name} set statement_timeout = 1234`));
      for (const [statementTimeoutMs, expected] of [
        [undefined, "0"],
        [0, "0"],
        [5_000, "5s"],
      ] as const) {
        const handle = await connectPostgres(databaseUrl(url!, name), { max: 1, statementTimeoutMs });
        try {
          const rows = (await handle.db.execute(sql`show statement_timeout`)) as unknown as [
            { statement_timeout: string },
          ];
          expect(rows[0].statement_timeout, String(statementTimeoutMs)).toBe(expected);
        } finally {
          await handle.close();
        }
      }
    } finally {
      await dropDatabase(url!, name);
    }
  });

  it("cancels a statement that runs past its timeout (57014), and the connection goes on working", async () => {
    const handle = await connectPostgres(url!, { max: 1, statementTimeoutMs: 200 });
    try {
      const slow = handle.db.execute(sql`select pg_sleep(5)`);
      await expect(slow.then(() => "finished", errorCode)).resolves.toBe("57014");
      expect(await handle.db.execute(sql`select 1 as one`)).toEqual([{ one: 1 }]);
    } finally {
      await handle.close();
    }
  });

  it("gives up on a server that never answers after the connect timeout (CONNECT_TIMEOUT)", async () => {
    // Accepts the TCP connection and then says nothing, as a hung host or a full backlog does.
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as net.AddressInfo;
    const handle = await connectPostgres(`postgres://nobody@127.0.0.1:${port}/none`, {
      max: 1,
      connectTimeoutSeconds: 1,
    });
    try {
      const query = handle.db.execute(sql`select 1`);
      await expect(query.then(() => "answered", errorCode)).resolves.toBe("CONNECT_TIMEOUT");
    } finally {
      await handle.close().catch(() => {});
      silent.close();
    }
  });
});
