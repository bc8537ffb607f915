import { randomUUID } from "node:crypto";
import { and, lt, sql } from "drizzle-orm";

import { APP_POSTGRES_OPTIONS, getDbHandle, listenOnOwnClient } from "./client";
import { databaseEnv } from "./env";
import { outsideRequests } from "./outside-requests";
import { orderEvents, type OrderStatus } from "./schema";
import type { DatabaseHandle, Listen } from "./types";

/** The NOTIFY channel of the orders trigger (migration 0007); its payload is one order_events row as JSON. */
export const ORDER_EVENTS_CHANNEL = "platter_order_events";

export type OrderEventMessage = {
  id: number;
  orderId: number;
  restaurantId: number;
  customerId: number;
  status: OrderStatus;
};

/** What a subscriber (one open stream) hears: events, and "you may have missed some, replay from your last id". */
export type OrderEventSubscriber = {
  onEvent: (event: OrderEventMessage) => void;
  onResync: () => void;
};

/** Events are kept this long for reconnecting streams; a stream away longer reloads instead (decision 0015). */
export const ORDER_EVENTS_RETENTION_HOURS = 24;
const PRUNE_EVERY_MS = 60 * 60 * 1000;
const PROBE_EVERY_MS = 30_000;
const PROBE_TIMEOUT_MS = 5_000;

type Hub = {
  handle: DatabaseHandle;
  subscribers: Set<OrderEventSubscriber>;
  ready: Promise<void>;
  unlisten?: () => Promise<void>;
  relisten?: () => Promise<void>;
  probe?: { nonce: string; heard: () => void };
  timers: ReturnType<typeof setInterval>[];
};
const KEY = Symbol.for("platter.orderEventsHub");
type Holder = { [KEY]?: Hub };

/**
 * Subscribes to the order events of every instance. One LISTEN per process, on a connection of its own, shared by
 * all subscribers: a thousand open tracking pages cost one connection, not a thousand. Resolves once the
 * LISTEN is in place (so nothing committed after it resolves is missed); returns the unsubscribe. Rejects when
 * this database cannot listen (a handle built without `listen`), and the caller falls back to polling.
 */
export async function subscribeOrderEvents(subscriber: OrderEventSubscriber): Promise<() => void> {
  const hub = await currentHub();
  hub.subscribers.add(subscriber);
  return () => {
    hub.subscribers.delete(subscriber);
  };
}

async function currentHub(): Promise<Hub> {
  const holder = globalThis as Holder;
  const handle = await getDbHandle();
  let hub = holder[KEY];
  if (hub?.handle !== handle) {
    // A new database (tests switch per file): the old hub's subscribers belonged to the old one.
    if (hub) void stopHub(hub);
    // Its connection and timers serve the process: made outside the request that happens to start it, they do not
    // run inside that request for ever.
    hub = outsideRequests(() => startHub(handle));
    holder[KEY] = hub;
  }
  try {
    await hub.ready;
  } catch (error) {
    if (holder[KEY] === hub) holder[KEY] = undefined;
    throw error;
  }
  return hub;
}

function startHub(handle: DatabaseHandle): Hub {
  const hub: Hub = { handle, subscribers: new Set(), ready: Promise.resolve(), timers: [] };
  const listen = listenerFor(handle);
  if (!listen) {
    hub.ready = Promise.reject(new Error("this database handle cannot LISTEN"));
    hub.ready.catch(() => {});
    return hub;
  }
  let listens = 0;
  const onPayload = (payload: string) => {
    const message = parseMessage(payload);
    if (!message) return;
    if ("ping" in message) {
      if (hub.probe?.nonce === message.ping) hub.probe.heard();
      return;
    }
    for (const subscriber of hub.subscribers) subscriber.onEvent(message);
  };
  const onListen = () => {
    // postgres.js re-LISTENs after its connection drops; NOTIFYs sent while it was away are lost, so every
    // stream replays from its last id (the log has them).
    listens += 1;
    if (listens > 1) for (const subscriber of hub.subscribers) subscriber.onResync();
  };
  hub.relisten = async () => {
    await hub.unlisten?.().catch(() => {});
    hub.unlisten = await listen(ORDER_EVENTS_CHANNEL, onPayload, onListen);
  };
  hub.ready = listen(ORDER_EVENTS_CHANNEL, onPayload, onListen).then((unlisten) => {
    hub.unlisten = unlisten;
    hub.timers.push(
      setInterval(() => void pruneOrderEvents(handle).catch(() => {}), PRUNE_EVERY_MS),
      setInterval(() => void probeListen(hub), PROBE_EVERY_MS),
    );
    for (const timer of hub.timers) timer.unref();
  });
  return hub;
}

/**
 * postgres.js re-LISTENs after a dropped connection only if that one reconnect works; if PostgreSQL was away
 * longer, the LISTEN is gone and nothing says so. So while streams are open the hub NOTIFYs itself now and then,
 * and LISTENs again (every stream then replays) when its own ping does not come back.
 */
export async function probeListen(hub?: Hub): Promise<boolean> {
  hub ??= (globalThis as Holder)[KEY];
  if (!hub?.relisten || hub.probe || hub.subscribers.size === 0) return true;
  const nonce = randomUUID();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const heard = new Promise<boolean>((resolve) => {
    hub.probe = { nonce, heard: () => resolve(true) };
    timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
  });
  try {
    await hub.handle.db.execute(sql`select pg_notify(${ORDER_EVENTS_CHANNEL}, ${JSON.stringify({ ping: nonce })})`);
    if (await heard) return true;
    await hub.relisten();
    for (const subscriber of hub.subscribers) subscriber.onResync();
    return false;
  } catch {
    return false; // The database is away: the streams end on their heartbeats; try again next time.
  } finally {
    clearTimeout(timer);
    hub.probe = undefined;
  }
}

/**
 * The LISTEN goes to DATABASE_URL's server (the handle's own `listen`, a client of its own) unless DATABASE_URL goes
 * through a transaction-mode pooler (PgBouncer), which hands each transaction any server connection and so loses a
 * LISTEN: then DATABASE_LISTEN_URL (required then by db/env.ts) names the primary directly, for this one connection
 * per instance. NOTIFY is sent by a trigger and
 * works through the pooler.
 */
function listenerFor(handle: DatabaseHandle): Listen | undefined {
  const direct = databaseEnv().DATABASE_LISTEN_URL;
  if (!direct || handle.driver !== "postgres") return handle.listen;
  return listenOnOwnClient(direct, APP_POSTGRES_OPTIONS);
}

async function stopHub(hub: Hub) {
  for (const timer of hub.timers) clearInterval(timer);
  hub.subscribers.clear();
  await hub.unlisten?.().catch(() => {});
}

/** Stops this process' LISTEN (tests, before they drop their database). */
export async function stopOrderEvents(): Promise<void> {
  const holder = globalThis as Holder;
  const hub = holder[KEY];
  holder[KEY] = undefined;
  if (hub) await stopHub(hub);
}

function parseMessage(payload: string): OrderEventMessage | { ping: string } | null {
  try {
    const value = JSON.parse(payload) as Partial<OrderEventMessage> & { ping?: unknown };
    if (typeof value.ping === "string") return { ping: value.ping };
    const ints = [value.id, value.orderId, value.restaurantId, value.customerId];
    if (!ints.every((n) => Number.isSafeInteger(n)) || typeof value.status !== "string") return null;
    return value as OrderEventMessage;
  } catch {
    return null;
  }
}

/**
 * Deletes events older than the retention, but never the newest: it marks where the log stands, so that a stream
 * resuming from before it after a quiet day learns it missed events that are gone (lib/live/replay.ts compares with
 * the oldest id kept), where an empty log said nothing. Every instance runs it hourly; the deletes are idempotent,
 * and the created_at index keeps each one a range delete.
 */
export async function pruneOrderEvents(handle?: DatabaseHandle): Promise<number> {
  const db = (handle ?? (await getDbHandle())).db;
  const rows = await db
    .delete(orderEvents)
    .where(
      and(
        lt(orderEvents.createdAt, sql`now() - make_interval(hours => ${ORDER_EVENTS_RETENTION_HOURS})`),
        lt(orderEvents.id, sql`(select max(${orderEvents.id}) from ${orderEvents})`),
      ),
    )
    .returning({ id: orderEvents.id });
  return rows.length;
}
