import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

import { connectPostgres, setDatabase } from "@/db/client";
import { probeListen, pruneOrderEvents, stopOrderEvents } from "@/db/notifications";
import { databaseUrl } from "@/db/postgres-admin";
import { countQueries } from "@/db/query-stats";
import { orderEvents, orders, restaurants, type OrderStatus } from "@/db/schema";
import type { DatabaseHandle } from "@/db/types";
import { findActiveViewer, type Viewer } from "@/lib/auth/queries";
import { revokeSession } from "@/lib/auth/sessions";
import { REPLAY_LIMIT } from "@/lib/live/replay";
import { orderStreamResponse } from "@/lib/live/request";
import type { LiveScope } from "@/lib/live/scope";
import { openOrderStream, type StreamSession } from "@/lib/live/stream";
import { moveOrder } from "@/lib/owner/queries";

import { DRIVERS, openTestDatabase, type Driver } from "../fixtures/db";
import { createOrders, createOwner, createRestaurant, createUser } from "../fixtures/factory";
import { openSession } from "../fixtures/open-session";
import { SseReader } from "../fixtures/sse";

// The route's only dependency on a real request: the session cookie. Tests choose it here.
let cookieSession: StreamSession | null = null;
vi.mock("@/lib/auth/session", () => ({ readSessionToken: async () => cookieSession }));

const LINES = [{ menuItemId: null, name: "Soup", unitPriceCents: 500, quantity: 2 }];

describe.each(DRIVERS)("live order streams on %s", (driver: Driver) => {
  let handle: DatabaseHandle;
  const db = () => handle.db;
  const open: SseReader[] = [];

  beforeAll(async () => {
    handle = await openTestDatabase(driver);
    setDatabase(handle);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((reader) => reader.close()));
  });
  afterAll(async () => {
    await stopOrderEvents();
    await handle.close();
  });

  async function viewerOf(userId: string): Promise<Viewer> {
    const viewer = await findActiveViewer(userId);
    if (!viewer) throw new Error("viewer should be active");
    return viewer;
  }
  const sessionOf = async (userId: string): Promise<StreamSession> => ({
    userId,
    sessionId: await openSession(userId),
  });

  async function setup() {
    const a = await createRestaurant(db());
    const b = await createRestaurant(db());
    const ownerA = await createOwner(db(), [a.restaurant.id]);
    const ownerB = await createOwner(db(), [b.restaurant.id]);
    const carla = await createUser(db());
    const dan = await createUser(db());
    const admin = await createUser(db(), { role: "admin" });
    return {
      a: a.restaurant,
      b: b.restaurant,
      ownerA: { viewer: await viewerOf(ownerA.user.id), session: await sessionOf(ownerA.user.id) },
      ownerB: { viewer: await viewerOf(ownerB.user.id), session: await sessionOf(ownerB.user.id) },
      carla: { profileId: carla.profile.id, session: await sessionOf(carla.user.id) },
      dan: { profileId: dan.profile.id, session: await sessionOf(dan.user.id) },
      admin: { session: await sessionOf(admin.user.id) },
    };
  }

  const place = async (restaurantId: number, customerId: number) =>
    (await createOrders(db(), { customerId, restaurantId, count: 1, lines: LINES, status: "placed" }))[0]!;

  async function advance(owner: Viewer, orderId: number, from: OrderStatus, to: OrderStatus) {
    expect(await moveOrder({ viewer: owner, orderId, from, to })).toEqual({ ok: true });
  }

  async function stream(
    session: StreamSession,
    scope: LiveScope,
    afterId?: number,
    options: { heartbeatMs?: number } = {},
  ): Promise<SseReader> {
    const response = await openOrderStream({ session, scope, afterId: afterId ?? (await latestEventId()), ...options });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reader = new SseReader(response.body!);
    open.push(reader);
    return reader;
  }

  const latestEventId = async () =>
    Number(
      (
        await db()
          .select({ id: sql<string>`coalesce(max(id), 0)::text` })
          .from(orderEvents)
      )[0]!.id,
    );

  it("an owner hears their restaurant's new orders and status changes, and nothing of another restaurant", async () => {
    const { a, b, ownerA, ownerB, carla } = await setup();
    const hearsA = await stream(ownerA.session, { kind: "restaurant", slug: a.slug });
    const hearsB = await stream(ownerB.session, { kind: "restaurant", slug: b.slug });

    const inA = await place(a.id, carla.profileId);
    await advance(ownerA.viewer, inA, "placed", "preparing");
    await hearsA.waitFor((r) => r.orders().length === 2);
    expect(hearsA.orders().map(({ orderId, status }) => ({ orderId, status }))).toEqual([
      { orderId: inA, status: "placed" },
      { orderId: inA, status: "preparing" },
    ]);

    // B's first event is B's own order: A's two events, committed before it, never reached B's stream.
    const inB = await place(b.id, carla.profileId);
    await hearsB.waitFor((r) => r.orders().length >= 1);
    expect(hearsB.orders().map((e) => e.orderId)).toEqual([inB]);
  });

  it("a queue or an order that is not the viewer's answers 404 like the page, and no session 401", async () => {
    const { a, b, ownerB, carla, dan, admin } = await setup();
    const carlas = await place(a.id, carla.profileId);
    const deny = (session: StreamSession, scope: LiveScope) => openOrderStream({ session, scope, afterId: 0 });

    expect((await deny(ownerB.session, { kind: "restaurant", slug: a.slug })).status).toBe(404);
    expect((await deny(carla.session, { kind: "restaurant", slug: a.slug })).status).toBe(404);
    expect((await deny(dan.session, { kind: "order", orderId: carlas })).status).toBe(404);
    expect((await deny(ownerB.session, { kind: "order", orderId: carlas })).status).toBe(404);
    expect((await deny(carla.session, { kind: "restaurant", slug: "no-such-place" })).status).toBe(404);
    const forged = { userId: carla.session.userId, sessionId: "x".repeat(43) };
    expect((await deny(forged, { kind: "order", orderId: carlas })).status).toBe(401);
    // The admin may open any order's page, so may follow it.
    const adminStream = await stream(admin.session, { kind: "order", orderId: carlas }, 0);
    await adminStream.waitFor((r) => r.orders().length === 1);
    void b;
  });

  it("a customer hears only the order they follow, which is their own", async () => {
    const { a, ownerA, carla, dan } = await setup();
    const carlas = await place(a.id, carla.profileId);
    const dans = await place(a.id, dan.profileId);
    const hears = await stream(carla.session, { kind: "order", orderId: carlas });

    await advance(ownerA.viewer, dans, "placed", "preparing");
    await advance(ownerA.viewer, carlas, "placed", "preparing");
    await advance(ownerA.viewer, carlas, "preparing", "ready");
    await hears.waitFor((r) => r.orders().length === 2);
    expect(hears.orders().map(({ orderId, status }) => ({ orderId, status }))).toEqual([
      { orderId: carlas, status: "preparing" },
      { orderId: carlas, status: "ready" },
    ]);
  });

  it("a reconnect after Last-Event-ID replays exactly the missed events of its scope, then follows live", async () => {
    const { a, b, ownerA, ownerB, carla } = await setup();
    const first = await place(a.id, carla.profileId);
    const seen = await latestEventId();
    // Missed while disconnected: two changes in A, one in B.
    await advance(ownerA.viewer, first, "placed", "preparing");
    const second = await place(a.id, carla.profileId);
    const elsewhere = await place(b.id, carla.profileId);
    await advance(ownerB.viewer, elsewhere, "placed", "preparing");

    // Through the route, as a reconnecting EventSource asks: Last-Event-ID wins over the page's `after`.
    cookieSession = ownerA.session;
    const response = await orderStreamResponse(
      new Request(`http://platter.test/api/live/orders?restaurant=${a.slug}&after=0`, {
        headers: { "Last-Event-ID": String(seen) },
      }),
    );
    expect(response.status).toBe(200);
    const resumed = new SseReader(response.body!);
    open.push(resumed);
    await resumed.waitFor((r) => r.orders().length === 2);
    const missed = await db()
      .select({ id: orderEvents.id })
      .from(orderEvents)
      .where(sql`${orderEvents.restaurantId} = ${a.id} and ${orderEvents.id} > ${seen}`)
      .orderBy(orderEvents.id);
    expect(resumed.orders()).toEqual([
      { id: missed[0]!.id, orderId: first, status: "preparing" },
      { id: missed[1]!.id, orderId: second, status: "placed" },
    ]);

    await advance(ownerA.viewer, second, "placed", "preparing");
    await resumed.waitFor((r) => r.orders().length === 3);
    expect(resumed.orders()[2]).toMatchObject({ orderId: second, status: "preparing" });
    expect(resumed.orders()[2]!.id).toBeGreaterThan(missed[1]!.id);
  });

  it("a stream too far behind is told to reload once, then follows from the newest event", async () => {
    const { a, ownerA, carla } = await setup();
    const before = await latestEventId();
    await createOrders(db(), {
      customerId: carla.profileId,
      restaurantId: a.id,
      count: REPLAY_LIMIT + 1,
      lines: LINES,
      status: "placed",
    });
    const newest = await latestEventId();
    const hears = await stream(ownerA.session, { kind: "restaurant", slug: a.slug }, before);
    await hears.waitFor((r) => r.events.some((e) => e.event === "reset"));
    expect(hears.events.filter((e) => e.event !== "message")).toEqual([
      { id: String(newest), event: "reset", data: "{}" },
    ]);
  });

  it("a stream resuming after its missed events were pruned is told to reload, then follows from the log's oldest", async () => {
    const { a, b, ownerA, carla } = await setup();
    const first = await place(a.id, carla.profileId);
    const seen = await latestEventId();
    await advance(ownerA.viewer, first, "placed", "preparing"); // missed, then pruned a day later
    const missed = await latestEventId();
    await place(b.id, carla.profileId); // the log's oldest event after the prune, of another restaurant
    const oldest = await latestEventId();
    await db().execute(sql`update order_events set created_at = now() - interval '2 days' where id <= ${missed}`);
    expect(await pruneOrderEvents()).toBeGreaterThanOrEqual(2);
    const hears = await stream(ownerA.session, { kind: "restaurant", slug: a.slug }, seen);
    await hears.waitFor((r) => r.events.some((e) => e.event === "reset"));
    expect(hears.events.filter((e) => e.event !== "message")).toEqual([
      { id: String(oldest - 1), event: "reset", data: "{}" },
    ]);
    // From there, a reconnect has nothing to reload.
    const again = await stream(ownerA.session, { kind: "restaurant", slug: a.slug }, oldest - 1);
    await advance(ownerA.viewer, first, "preparing", "ready");
    await again.waitFor((r) => r.orders().length === 1);
    expect(again.events.filter((e) => e.event === "reset")).toEqual([]);
  });

  it("a quiet day's prune keeps the log's newest event, so a stream that slept through it is told to reload", async () => {
    const { a, ownerA, carla } = await setup();
    const first = await place(a.id, carla.profileId);
    const seen = await latestEventId();
    await advance(ownerA.viewer, first, "placed", "preparing"); // missed, and pruned
    await advance(ownerA.viewer, first, "preparing", "ready"); // missed, and kept: the log's newest
    const last = await latestEventId();
    // Nothing happened anywhere for a day: everything is past the retention. Before, the log was left empty, with
    // no oldest id to compare the resuming stream's with.
    await db().execute(sql`update order_events set created_at = now() - interval '2 days'`);
    await pruneOrderEvents();
    expect((await db().select({ id: orderEvents.id }).from(orderEvents)).map((e) => e.id)).toEqual([last]);
    const hears = await stream(ownerA.session, { kind: "restaurant", slug: a.slug }, seen);
    await hears.waitFor((r) => r.events.some((e) => e.event === "reset"));
    expect(hears.events.filter((e) => e.event !== "message")).toEqual([
      { id: String(last), event: "reset", data: "{}" },
    ]);
    // A page that had heard everything before the prune has nothing to reload.
    const caughtUp = await stream(ownerA.session, { kind: "restaurant", slug: a.slug }, last);
    await advance(ownerA.viewer, first, "ready", "completed");
    await caughtUp.waitFor((r) => r.orders().length === 1);
    expect(caughtUp.events.filter((e) => e.event === "reset")).toEqual([]);
  });

  it("a rolled-back change leaves no event; a committed one is logged in its transaction", async () => {
    const { a, carla } = await setup();
    const id = await place(a.id, carla.profileId);
    const logged = async () => (await db().select().from(orderEvents).where(eq(orderEvents.orderId, id))).length;
    expect(await logged()).toBe(1);
    await expect(
      db().transaction(async (tx) => {
        await tx.update(orders).set({ status: "preparing" }).where(eq(orders.id, id));
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await logged()).toBe(1);
    // A write that leaves the status as it was is no event either.
    await db()
      .update(orders)
      .set({ updatedAt: sql`now()` })
      .where(eq(orders.id, id));
    expect(await logged()).toBe(1);
  });

  it("a revoked session ends the stream at the next heartbeat", async () => {
    const { a, carla } = await setup();
    const id = await place(a.id, carla.profileId);
    const hears = await stream(carla.session, { kind: "order", orderId: id }, undefined, { heartbeatMs: 50 });
    await revokeSession({ ...carla.session, reason: "sign_out" });
    await hears.waitFor((r) => r.ended);
    expect(hears.events.at(-1)).toEqual({ event: "end", data: JSON.stringify({ reason: "signed-out" }) });
  });

  it("opening costs 3 statements (session, scope, replay), whatever the history", async () => {
    const { a, ownerA, carla } = await setup();
    await place(a.id, carla.profileId);
    let reader: SseReader | undefined;
    const { count } = await countQueries(async () => {
      const response = await openOrderStream({
        session: ownerA.session,
        scope: { kind: "restaurant", slug: a.slug },
        afterId: 0,
      });
      reader = new SseReader(response.body!);
      open.push(reader);
      await reader.waitFor((r) => r.orders().length === 1);
    });
    expect(count).toBe(3);
    expect(reader!.orders()).toHaveLength(1);
  });

  it("malformed stream requests get a 400, never a 500", async () => {
    cookieSession = null;
    const ask = (query: string, headers: Record<string, string> = {}) =>
      orderStreamResponse(new Request(`http://platter.test/api/live/orders${query}`, { headers }));
    for (const query of [
      "",
      "?order=0",
      "?order=abc",
      "?order=99999999999",
      "?restaurant=Bad%00Slug",
      "?order=1&restaurant=x",
      "?order=1&after=-1",
    ]) {
      expect((await ask(query)).status, query).toBe(400);
    }
    expect((await ask("?order=1", { "Last-Event-ID": "1e9" })).status).toBe(400);
    expect((await ask("?order=1")).status).toBe(401);
  });

  it("old events are pruned", async () => {
    const { a, carla } = await setup();
    const id = await place(a.id, carla.profileId);
    const recent = await place(a.id, carla.profileId);
    await db().execute(sql`update order_events set created_at = now() - interval '2 days' where order_id = ${id}`);
    expect(await pruneOrderEvents()).toBeGreaterThanOrEqual(1);
    expect(await db().select().from(orderEvents).where(eq(orderEvents.orderId, id))).toEqual([]);
    expect(await db().select().from(orderEvents).where(eq(orderEvents.orderId, recent))).toHaveLength(1);
  });

  if (driver === "postgres") {
    it("a dropped LISTEN connection loses nothing: the hub listens again and streams replay", async () => {
      const { a, ownerA, carla } = await setup();
      const id = await place(a.id, carla.profileId);
      const hears = await stream(carla.session, { kind: "order", orderId: id });
      const killed = await db().execute(sql`select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and query ilike 'listen %' and pid <> pg_backend_pid()`);
      expect([...(killed as unknown as unknown[])]).toHaveLength(1);
      await advance(ownerA.viewer, id, "placed", "preparing");
      await hears.waitFor((r) => r.orders().length === 1);
      expect(hears.orders()[0]).toMatchObject({ orderId: id, status: "preparing" });
      // And the hub hears itself again.
      expect(await probeListen()).toBe(true);
      await advance(ownerA.viewer, id, "preparing", "ready");
      await hears.waitFor((r) => r.orders().length === 2);
    });

    it("opening while the database is unreachable is a 503, on which the page polls, not a 500", async () => {
      const { a, ownerA } = await setup();
      // An instance whose database has gone: nothing listens on this port.
      const gone = await connectPostgres("postgres://postgres@127.0.0.1:5697/platter", { connectTimeoutSeconds: 1 });
      setDatabase(gone);
      try {
        const response = await openOrderStream({
          session: ownerA.session,
          scope: { kind: "restaurant", slug: a.slug },
          afterId: 0,
        });
        expect(response.status).toBe(503);
        expect(await response.text()).toMatch(/the page refreshes itself/);
      } finally {
        setDatabase(handle);
        await gone.close();
      }
    });

    it("an event committed through one instance reaches a stream served by another", async () => {
      const { a, ownerA, carla } = await setup();
      const id = await place(a.id, carla.profileId);
      // Instance B: its own postgres.js client (its own pool and LISTEN connection) on the same database.
      const [current] = await db()
        .select({ name: sql<string>`current_database()` })
        .from(restaurants)
        .limit(1);
      const instanceB = await connectPostgres(databaseUrl(process.env.DATABASE_URL!, current!.name), { max: 2 });
      setDatabase(instanceB);
      try {
        const hears = await stream(carla.session, { kind: "order", orderId: id });
        // Instance A writes: the test's own client, never used by B.
        const started = Date.now();
        await db().transaction(async (tx) => {
          await tx.update(orders).set({ status: "preparing" }).where(eq(orders.id, id));
        });
        await hears.waitFor((r) => r.orders().length === 1, 1_000);
        expect(Date.now() - started).toBeLessThan(1_000);
        expect(hears.orders()[0]).toMatchObject({ orderId: id, status: "preparing" });
        void ownerA;
      } finally {
        await Promise.all(open.splice(0).map((reader) => reader.close()));
        await stopOrderEvents();
        setDatabase(handle);
        await instanceB.close();
      }
    });
  }
});
