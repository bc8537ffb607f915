import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import { closeDb, connectPostgres, connectReplicated, setDatabase } from "@/db/client";
import { stopOrderEvents } from "@/db/notifications";
import { databaseUrl, dropDatabase, recreateDatabase, templateDatabase } from "@/db/postgres-admin";
import { setConsistencyHooks } from "@/db/replicas";
import { restaurantOwners } from "@/db/schema";
import type { DatabaseHandle } from "@/db/types";
import { openOrderStream, type StreamSession } from "@/lib/live/stream";

import { createOwner, createRestaurant } from "../fixtures/factory";
import { openSession } from "../fixtures/open-session";
import { SseReader } from "../fixtures/sse";

/**
 * Live streams (decision 0015) on an instance that reads from a replica (decision 0014). The "replica" is a copy of
 * the primary taken once the data was in place: it stands for a standby whose replay stalled there, as a real one
 * does for as long as it lags (up to DATABASE_REPLICA_MAX_LAG_SECONDS, 30 s by default, before it is left out).
 * PostgreSQL only: PGlite has no replicas.
 */
const base = process.env.DATABASE_URL;

for (const title of base ? ["live streams beside a lagging replica"] : []) {
  describe(title, () => {
    const prefix = `${new URL(base!).pathname.slice(1) || "postgres"}_streams_${process.pid}`;
    const primaryName = `${prefix}_primary`;
    const replicaName = `${prefix}_replica`;
    let handle: DatabaseHandle;
    const open: SseReader[] = [];
    let slugs: { a: string; b: string };
    let owner: { profileId: number; session: StreamSession };
    let restaurantA: number;

    beforeAll(async () => {
      await recreateDatabase(base!, primaryName, templateDatabase(base!));
      const seeding = await connectPostgres(databaseUrl(base!, primaryName), { max: 2 });
      setDatabase(seeding);
      try {
        const a = (await createRestaurant(seeding.db)).restaurant;
        const b = (await createRestaurant(seeding.db)).restaurant;
        // An owner of two restaurants: losing one leaves their role, and so their sessions, as they are.
        const created = await createOwner(seeding.db, [a.id, b.id]);
        slugs = { a: a.slug, b: b.slug };
        restaurantA = a.id;
        owner = {
          profileId: created.profile.id,
          session: { userId: created.user.id, sessionId: await openSession(created.user.id) },
        };
      } finally {
        await closeDb();
      }
      await recreateDatabase(base!, replicaName, primaryName);
      // Nobody here wrote anything: every read may go to the replica. No lag limit, so it is used at once.
      setConsistencyHooks({ floor: async () => null, written: async () => {} });
      handle = await connectReplicated(
        databaseUrl(base!, primaryName),
        [databaseUrl(base!, replicaName)],
        { connectTimeoutSeconds: 2 },
        0,
      );
      setDatabase(handle);
    });
    afterEach(async () => {
      await Promise.all(open.splice(0).map((reader) => reader.close()));
    });
    afterAll(async () => {
      await stopOrderEvents();
      await closeDb();
      await dropDatabase(base!, primaryName);
      await dropDatabase(base!, replicaName);
    });

    async function stream(slug: string): Promise<Response> {
      return openOrderStream({
        session: owner.session,
        scope: { kind: "restaurant", slug },
        afterId: 0,
        heartbeatMs: 50,
      });
    }

    it("an owner who loses a restaurant stops hearing its queue at the next heartbeat, whatever the replica says", async () => {
      const response = await stream(slugs.a);
      expect(response.status).toBe(200);
      const hears = new SseReader(response.body!);
      open.push(hears);

      // An admin takes restaurant A from them (as removeRestaurantOwner does, on the primary); the replica has not
      // replayed it. Before, the heartbeat's scope check read the replica, found them still an owner, and went on
      // streaming A's new orders and status changes until the replica caught up.
      await handle.db
        .delete(restaurantOwners)
        .where(and(eq(restaurantOwners.profileId, owner.profileId), eq(restaurantOwners.restaurantId, restaurantA)));

      await hears.waitFor((r) => r.ended, 2_000);
      expect(hears.events.at(-1)).toEqual({ event: "end", data: JSON.stringify({ reason: "not-found" }) });
      // A new stream is refused as the page is (the page reads the primary), and their other queue still opens.
      expect((await stream(slugs.a)).status).toBe(404);
      const other = await stream(slugs.b);
      expect(other.status).toBe(200);
      open.push(new SseReader(other.body!));
    });
  });
}
