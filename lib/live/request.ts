import "server-only";

import { z } from "zod";

import { readSessionToken } from "@/lib/auth/session";
import { pathSlug, recordId } from "@/lib/validation";

import type { LiveScope } from "./scope";
import { openOrderStream } from "./stream";

const eventId = z
  .string()
  .regex(/^\d{1,15}$/)
  .transform(Number);

const query = z.union([
  z.object({ restaurant: pathSlug, order: z.undefined(), after: eventId.optional() }),
  z.object({ order: recordId(), restaurant: z.undefined(), after: eventId.optional() }),
]);

/**
 * GET /api/live/orders?restaurant=<slug>&after=<id> (an owner's queue) or ?order=<id>&after=<id> (a tracking
 * page). `after` is the last event id the page was rendered with; a reconnecting EventSource sends
 * Last-Event-ID instead, which wins. Malformed input: 400; no session: 401; not the viewer's: 404.
 */
export async function orderStreamResponse(request: Request): Promise<Response> {
  const params = new URL(request.url).searchParams;
  const parsed = query.safeParse({
    restaurant: params.get("restaurant") ?? undefined,
    order: params.get("order") ?? undefined,
    after: params.get("after") ?? undefined,
  });
  const lastEventId = request.headers.get("last-event-id");
  const resumed = lastEventId === null ? undefined : eventId.safeParse(lastEventId.trim());
  if (!parsed.success || resumed?.success === false) {
    return new Response("Bad request: expected ?restaurant=<slug> or ?order=<id>, and numeric event ids.", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const scope: LiveScope =
    parsed.data.restaurant !== undefined
      ? { kind: "restaurant", slug: parsed.data.restaurant }
      : { kind: "order", orderId: parsed.data.order! };
  const session = await readSessionToken();
  if (!session) return new Response("Sign in to follow this page.", { status: 401 });
  return openOrderStream({
    session,
    scope,
    afterId: resumed?.data ?? parsed.data.after ?? 0,
    signal: request.signal,
  });
}
