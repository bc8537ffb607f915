import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { connectPostgres, connectReplicated } from "@/db/client";
import { databaseUrl, dropDatabase, recreateDatabase, templateDatabase } from "@/db/postgres-admin";
import { countQueries } from "@/db/query-stats";
import { lsnValue, setConsistencyHooks, type ReadFloor } from "@/db/replicas";
import { restaurants } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import type { DatabaseHandle } from "@/db/types";

import { freezableProxy } from "../fixtures/freezable-proxy";

/**
 * Routing between a primary and its replicas (db/replicas.ts) on a real server. A true streaming replica is tested
 * in tests/cluster/ (npm run test:cluster); here the "replicas" are the primary's own database (a server that is
 * not in recovery: it answers reads, and never passes a read-your-writes check) and a port nobody listens on.
 */
describe("WAL positions", () => {
  it("order as PostgreSQL orders them", () => {
    expect(lsnValue("0/0")).toBe(BigInt(0));
    expect(lsnValue("1/0") > lsnValue("0/FFFFFFFF")).toBe(true);
    expect(lsnValue("16/B374D848") > lsnValue("16/B374D847")).toBe(true);
    expect(() => lsnValue("16/B374D848'; drop table x")).toThrow();
  });
});

const base = process.env.DATABASE_URL;
const DEAD_PORT = 5698;

// PostgreSQL only (PGlite has no replicas); the WAL position tests above run everywhere.
for (const title of base ? ["replicated database on PostgreSQL"] : []) {
  describe(title, () => {
    const name = `platter_test_replicas_${process.pid}`;
    let url: string;
    const handles: DatabaseHandle[] = [];
    let floor: ReadFloor | null = null;
    const written: string[] = [];
    let failAfterWrite = false;

    beforeAll(async () => {
      await recreateDatabase(base!, name, templateDatabase(base!));
      url = databaseUrl(base!, name);
      const seeding = await connectPostgres(url, { max: 1 });
      await seedDemo(seeding.db).finally(() => seeding.close());
      setConsistencyHooks({
        floor: async () => floor,
        written: async (currentLsn) => {
          if (failAfterWrite) throw new Error("the connection dropped after COMMIT");
          written.push(await currentLsn());
        },
      });
    });
    afterAll(async () => {
      setConsistencyHooks({ floor: async () => null, written: async () => {} });
      await Promise.all(handles.map((h) => h.close()));
      await dropDatabase(base!, name);
    });

    // The routing tests turn the lag measure off (0): the "replica" here is no standby, and a replica is only
    // trusted once measured. The measure has a test of its own below.
    async function open(replicaUrls: string[]) {
      const handle = await connectReplicated(url, replicaUrls, { connectTimeoutSeconds: 2 }, 0);
      handles.push(handle);
      return () => handle.route!();
    }

    it("sends reads to a replica and writes to the primary, and hands the writer its WAL position", async () => {
      const route = await open([url]);
      floor = null;
      const read = await countQueries(async () => (await route()).query.restaurants.findMany({ limit: 1 }));
      expect(read.count).toBe(1);
      expect(read.replicaReads).toBe(1);

      written.length = 0;
      const write = await countQueries(async () =>
        (await route()).transaction(async (tx) => {
          await tx.update(restaurants).set({ isOpen: true }).where(eq(restaurants.id, read.result[0]!.id));
        }),
      );
      expect(write.replicaReads).toBe(0);
      // The update, then pg_current_wal_lsn() on the primary once the transaction committed.
      expect(write.count).toBe(2);
      expect(written).toHaveLength(1);
      expect(lsnValue(written[0]!) > BigInt(0)).toBe(true);
    });

    it("hands the writer its WAL position after a lone write outside a transaction too (a cart quantity, a session)", async () => {
      const route = await open([url]);
      floor = null;
      const [first] = await (await route()).query.restaurants.findMany({ limit: 1 });
      written.length = 0;
      const write = await countQueries(async () =>
        (await route()).update(restaurants).set({ isOpen: true }).where(eq(restaurants.id, first!.id)),
      );
      expect(write.replicaReads).toBe(0);
      expect(written).toHaveLength(1);
      expect(lsnValue(written[0]!) > BigInt(0)).toBe(true);
    });

    it("reports a committed write as done even when what follows its commit fails (its WAL position unread)", async () => {
      const route = await open([url]);
      floor = null;
      const [first] = await (await route()).query.restaurants.findMany({ limit: 1 });
      failAfterWrite = true;
      try {
        // Before, the caller saw an error page for a checkout or a status change that had happened.
        await (
          await route()
        ).transaction(async (tx) => {
          await tx.update(restaurants).set({ isOpen: !first!.isOpen }).where(eq(restaurants.id, first!.id));
        });
        await (await route()).update(restaurants).set({ isOpen: first!.isOpen }).where(eq(restaurants.id, first!.id));
      } finally {
        failAfterWrite = false;
      }
      const [after] = await (await route()).query.restaurants.findMany({ where: eq(restaurants.id, first!.id) });
      expect(after!.isOpen).toBe(first!.isOpen);
    });

    it("reads from the primary when the replica has not replayed the reader's last write (one statement to know)", async () => {
      const route = await open([url]);
      const [{ lsn }] = (await (await route()).execute(sql`select pg_current_wal_lsn()::text as lsn`)) as unknown as [
        { lsn: string },
      ];
      floor = { lsn };
      const read = await countQueries(async () => {
        const db = await route();
        const first = await db.query.restaurants.findMany({ limit: 1 });
        // The same request again: the decision is kept on the request's floor, not asked twice.
        await (await route()).query.restaurants.findMany({ limit: 1 });
        return first;
      });
      expect(read.result).toHaveLength(1);
      // pg_last_wal_replay_lsn() is null on a server that is not a standby: never trusted with a floor.
      expect(read.statements[0]).toMatch(/pg_last_wal_replay_lsn/);
      expect(read.count).toBe(3);
      expect(read.replicaReads).toBe(0);
      floor = null;
    });

    it("falls back to the primary, without an error, when a replica is unreachable", async () => {
      const route = await open([databaseUrl(`postgres://postgres@127.0.0.1:${DEAD_PORT}/x`, name)]);
      floor = null;
      const first = await countQueries(async () => (await route()).query.restaurants.findMany({ limit: 2 }));
      expect(first.result).toHaveLength(2);
      expect(first.replicaReads).toBe(0);
      // Marked down: the next read goes straight to the primary, without waiting on the dead replica.
      const started = Date.now();
      const second = await (await route()).select({ n: sql<number>`count(*)::int` }).from(restaurants);
      expect(second[0]!.n).toBeGreaterThan(0);
      expect(Date.now() - started).toBeLessThan(1_000);
    });

    it("reads from a replica only once its lag has been measured", async () => {
      const handle = await connectReplicated(url, [url], { connectTimeoutSeconds: 5 });
      handles.push(handle);
      floor = null;
      // Before any measure (a standby that has just started is when it is likeliest to be behind): the primary.
      const first = await countQueries(async () => (await handle.route!()).query.restaurants.findMany({ limit: 1 }));
      expect(first.replicaReads).toBe(0);
      // The first route started the measure, beside the request; once it is in, reads go to the replica. The
      // measure opens a connection of its own. On a loaded CI machine that connection can be slow or refused (a
      // full server), and a failed measure leaves the replica out for REPLICA_RETRY_MS before the next one: CI once
      // saw no replica read within 10 s. Poll for long enough to cover a few retries.
      await vi.waitFor(
        async () => {
          const read = await countQueries(async () => (await handle.route!()).query.restaurants.findMany({ limit: 1 }));
          expect(read.replicaReads).toBe(1);
        },
        { timeout: 30_000, interval: 200 },
      );
    });

    it("does not route on a lag measure older than the limit allows: a replica that stalled since is left out", async () => {
      // A stand-in standby: a database of its own, seeded as this one was, whose data stops there, and whose replay
      // functions report the primary's position at that time and the time it was made, as a standby's do once its
      // replay has stopped.
      const standbyName = `${name}_standby`;
      await recreateDatabase(base!, standbyName, templateDatabase(base!));
      try {
        const seeding = await connectPostgres(databaseUrl(base!, standbyName), { max: 1 });
        await seedDemo(seeding.db).finally(() => seeding.close());
        const standby = postgres(databaseUrl(base!, standbyName), { max: 1, onnotice: () => {} });
        try {
          await standby.unsafe(`create schema standby;
            create table standby.standby_replay as select pg_current_wal_lsn() as lsn, clock_timestamp() as at;
            create function standby.pg_last_wal_replay_lsn() returns pg_lsn language sql
              as 'select lsn from standby.standby_replay';
            create function standby.pg_last_xact_replay_timestamp() returns timestamptz language sql
              as 'select at from standby.standby_replay';
            alter database "${standbyName}" set search_path = standby, public, pg_catalog`);
        } finally {
          await standby.end();
        }
        const LIMIT_SECONDS = 3;
        const handle = await connectReplicated(url, [databaseUrl(base!, standbyName)], {}, LIMIT_SECONDS);
        handles.push(handle);
        floor = null;
        // Measured within the limit: it serves reads.
        await vi.waitFor(
          async () =>
            expect(
              (await countQueries(async () => (await handle.route!()).query.restaurants.findMany({ limit: 1 })))
                .replicaReads,
            ).toBe(1),
          { timeout: 10_000, interval: 100 },
        );
        const [first] = await handle.db
          .select({ id: restaurants.id, name: restaurants.name })
          .from(restaurants)
          .limit(1);
        const renamed = `${first!.name} (renamed)`;
        await handle.db.update(restaurants).set({ name: renamed }).where(eq(restaurants.id, first!.id));
        try {
          // The instance is idle while the replica, whose replay stopped when it was made, passes the limit. The
          // next request must not trust the last measure, taken before that: the replica may be (and here is)
          // further behind by now. Before, it read the old name from the replica.
          await new Promise((resolve) => setTimeout(resolve, (LIMIT_SECONDS + 1) * 1000));
          const after = await countQueries(async () =>
            (await handle.route!())
              .select({ name: restaurants.name })
              .from(restaurants)
              .where(eq(restaurants.id, first!.id)),
          );
          expect(after.result).toEqual([{ name: renamed }]);
          expect(after.replicaReads).toBe(0);
        } finally {
          await handle.db.update(restaurants).set({ name: first!.name }).where(eq(restaurants.id, first!.id));
        }
      } finally {
        await dropDatabase(base!, standbyName);
      }
    });

    it("sends reads to the primary when the replica's connection stops answering without closing, then reconnects", async () => {
      const proxy = await freezableProxy(Number(new URL(base!).port || 5432));
      try {
        // A 300 ms statement timeout: a replica that has not answered 2 s after it has stalled. One connection per
        // pool, so that a stuck one that was kept would block every later read.
        const handle = await connectReplicated(
          url,
          [databaseUrl(`postgres://postgres@127.0.0.1:${proxy.port}/x`, name)],
          { connectTimeoutSeconds: 2, statementTimeoutMs: 300, max: 1 },
          0,
        );
        handles.push(handle);
        const read = () => countQueries(async () => (await handle.route!()).query.restaurants.findMany({ limit: 1 }));
        floor = null;
        const before = await read();
        expect(before.replicaReads).toBe(1);

        proxy.freeze(); // the connections open now hang; new ones pass
        // A reader with a floor: the replay position check stalls, and the primary answers.
        const [{ lsn }] = (await handle.db.execute(sql`select pg_current_wal_lsn()::text as lsn`)) as unknown as [
          { lsn: string },
        ];
        floor = { lsn };
        const checked = await read();
        expect(checked.result).toEqual(before.result);
        expect(checked.replicaReads).toBe(0);
        // Everyone else, while the replica is left out: the primary, at once.
        floor = null;
        const stalled = await read();
        expect(stalled.result).toEqual(before.result);
        expect(stalled.replicaReads).toBe(0);
        // The stuck client was dropped: once the replica is tried again, a new connection serves it.
        await vi.waitFor(async () => expect((await read()).replicaReads).toBe(1), { timeout: 10_000, interval: 500 });
        // With the settings Drizzle gave the first (dates and times as text): it handed back Date objects instead.
        const day = await countQueries(async () =>
          (await handle.route!())
            .select({ day: sql`current_date`, at: sql`now()` })
            .from(restaurants)
            .limit(1),
        );
        expect(day.replicaReads).toBe(1);
        expect([typeof day.result[0]!.day, typeof day.result[0]!.at]).toEqual(["string", "string"]);
      } finally {
        proxy.close();
      }
    });
  });
}
