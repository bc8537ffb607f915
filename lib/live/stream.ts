import "server-only";

import { isConnectionError } from "@/db/connection-errors";
import { subscribeOrderEvents, type OrderEventMessage } from "@/db/notifications";
import { findSessionViewer } from "@/lib/auth/sessions";
import { checkDatabase } from "@/lib/health";

import { replayOrderEvents } from "./replay";
import { authorizeLiveScope, targetMatches, type LiveScope, type LiveTarget } from "./scope";

/** Between heartbeats: a comment line that keeps proxies from closing an idle stream, and a fresh session check. */
export const HEARTBEAT_MS = 20_000;
/** A stream ends after this long and the browser reconnects (Last-Event-ID): streams rebalance across instances. */
export const MAX_STREAM_MS = 30 * 60_000;
/** What EventSource waits before reconnecting after a dropped stream. */
const RETRY_MS = 3_000;

export type StreamSession = { userId: string; sessionId: string };

export type OrderStreamOptions = {
  session: StreamSession;
  scope: LiveScope;
  /** Events with an id above this are sent (replayed first, then live). */
  afterId: number;
  signal?: AbortSignal;
  heartbeatMs?: number;
  maxStreamMs?: number;
};

const SSE_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  // no-transform: Next.js' compression (and any proxy's) leaves the stream unbuffered.
  "Cache-Control": "no-cache, no-transform",
  "X-Accel-Buffering": "no",
};

const UNAVAILABLE_HERE = "Live updates are unavailable here; the page refreshes itself instead.";

const text = (status: number, body: string) =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/**
 * An owner's queue or a customer's order as Server-Sent Events (decision 0015). On open: the session is checked
 * and the scope authorized exactly as the page does (401 / 404 otherwise); the process-wide LISTEN is joined; the
 * events after `afterId` are replayed from order_events; then live events follow, filtered to the authorized
 * target. Every heartbeat re-checks session and scope, and a revoked session or a lost restaurant ends the stream
 * with an `end` event. 3 statements to open, 2 per heartbeat, none per event.
 */
export async function openOrderStream(options: OrderStreamOptions): Promise<Response> {
  const { session, scope, signal } = options;
  let target: LiveTarget | null;
  try {
    const viewer = await findSessionViewer(session);
    if (!viewer) return text(401, "Sign in to follow this page.");
    target = await authorizeLiveScope(viewer, scope);
  } catch (error) {
    // The database went away before the health probe noticed: the same 503, on which the page polls, rather than a
    // 500; and the probe runs now, as instrumentation.ts's onRequestError has it run for an error that escapes, so
    // that the proxy answers 503 from the next request on.
    if (isConnectionError(error)) {
      void checkDatabase();
      return text(503, UNAVAILABLE_HERE);
    }
    throw error;
  }
  if (!target) return text(404, "Not found.");

  const follower = new Follower(target, options);
  try {
    await follower.subscribe();
  } catch {
    return text(503, UNAVAILABLE_HERE);
  }
  const stream = new ReadableStream<Uint8Array>({
    start: (controller) => follower.start(controller),
    cancel: () => follower.close(),
  });
  signal?.addEventListener("abort", () => follower.close(), { once: true });
  if (signal?.aborted) follower.close();
  return new Response(stream, { headers: SSE_HEADERS });
}

const encoder = new TextEncoder();

/** One open stream: replays, then forwards live events in id order, never one twice. */
class Follower {
  private lastId: number;
  private controller?: ReadableStreamDefaultController<Uint8Array>;
  private unsubscribe?: () => void;
  /** Live events that arrive while a replay runs wait here, then go out if the replay did not already send them. */
  private pending: OrderEventMessage[] = [];
  private catchingUp?: Promise<void>;
  private catchUpAgain = false;
  private timers: ReturnType<typeof setTimeout>[] = [];
  private closed = false;

  constructor(
    private readonly target: LiveTarget,
    private readonly options: OrderStreamOptions,
  ) {
    this.lastId = options.afterId;
  }

  async subscribe() {
    // Subscribed before the replay reads: an event committed in between is either in the replay or pending.
    this.unsubscribe = await subscribeOrderEvents({
      onEvent: (event) => {
        if (this.closed || !targetMatches(this.target, event)) return;
        if (this.catchingUp || !this.controller) this.pending.push(event);
        else this.send(event);
      },
      onResync: () => this.catchUp(),
    });
  }

  start(controller: ReadableStreamDefaultController<Uint8Array>) {
    this.controller = controller;
    this.write(`retry: ${RETRY_MS}\n\n`);
    this.catchUp();
    const heartbeat = setInterval(() => void this.heartbeat(), this.options.heartbeatMs ?? HEARTBEAT_MS);
    const lifetime = setTimeout(() => this.close(), this.options.maxStreamMs ?? MAX_STREAM_MS);
    this.timers.push(heartbeat, lifetime);
  }

  /** Replays from lastId; runs again if a resync arrives meanwhile. */
  private catchUp() {
    if (this.closed) return;
    if (this.catchingUp) {
      this.catchUpAgain = true;
      return;
    }
    this.catchingUp = (async () => {
      do {
        this.catchUpAgain = false;
        const replay = await replayOrderEvents(this.target, this.lastId);
        if ("overflow" in replay) {
          // Too far behind to replay: the page reloads its state once, and the stream goes on from now.
          this.lastId = Math.max(this.lastId, replay.latestId);
          this.write(`id: ${this.lastId}\nevent: reset\ndata: {}\n\n`);
        } else {
          for (const event of replay.events) this.send(event);
        }
      } while (this.catchUpAgain && !this.closed);
    })()
      .catch(() => this.close())
      .finally(() => {
        this.catchingUp = undefined;
        const pending = this.pending;
        this.pending = [];
        for (const event of pending) this.send(event);
      });
  }

  private send(event: OrderEventMessage) {
    // Within one restaurant or one order, ids commit in increasing order (migration 0007), so the highest id
    // sent is a complete cursor.
    if (event.id <= this.lastId) return;
    this.lastId = event.id;
    const data = JSON.stringify({ orderId: event.orderId, status: event.status });
    this.write(`id: ${event.id}\nevent: order\ndata: ${data}\n\n`);
  }

  private async heartbeat() {
    try {
      const viewer = await findSessionViewer(this.options.session);
      const allowed = viewer ? await authorizeLiveScope(viewer, this.options.scope) : null;
      if (this.closed) return;
      if (!allowed) {
        this.write(`event: end\ndata: ${JSON.stringify({ reason: viewer ? "not-found" : "signed-out" })}\n\n`);
        this.close();
        return;
      }
      this.write(`: ping\n\n`);
    } catch {
      // The database is away: end the stream; the browser reconnects (and polls meanwhile) and replays.
      this.close();
    }
  }

  private write(chunk: string) {
    if (this.closed || !this.controller) return;
    try {
      this.controller.enqueue(encoder.encode(chunk));
    } catch {
      this.close();
    }
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.unsubscribe?.();
    try {
      this.controller?.close();
    } catch {
      // Already closed by the reader.
    }
  }
}
