import { NextResponse, type NextRequest } from "next/server";

import {
  ACTION_BODY_LIMIT_BYTES,
  isActionRequest,
  isCrossSiteAction,
  isDecodableActionBody,
  isDecodableFormActionBody,
  isFormActionRequest,
  isOversizedActionBody,
} from "@/lib/http/action-body";
import { isDatabaseDown } from "@/lib/http/database-state";
import { INSTANCE_HEADER, instanceId } from "@/lib/http/instance";
import { isDecodablePath } from "@/lib/http/path";
import { isReadableRouterState } from "@/lib/http/router-state";
import { createNonce, isHttps, securityHeaders } from "@/lib/http/security-headers";
import { RETRY_AFTER_SECONDS, UNAVAILABLE_MESSAGE, unavailablePage } from "@/lib/http/unavailable";

/**
 * Runs before every request but static files (Next.js 16 proxy, Node.js runtime, same process as the app):
 *   1. security headers on every answer, with a fresh CSP nonce that Next.js puts on its own scripts, and the
 *      instance that answered (x-platter-instance, lib/http/instance.ts);
 *   2. a 400 for a path that does not percent-decode, for a client navigation whose router state Next.js could not
 *      parse, and for server action requests whose body Next.js could not decode, a 403 for a server action
 *      posted from another site, and a 413 for one whose body is past Next.js' limit (Next.js would answer all
 *      five with a 500, or a 200 carrying an error); forms posted without JavaScript included;
 *   3. a 503 "temporarily unavailable" while the health probe (lib/health.ts) finds the database down, so that
 *      pages and actions answer at once instead of waiting on a connection.
 * Authorization is not done here: every page and action checks for itself.
 */
export async function proxy(request: NextRequest) {
  const nonce = createNonce();
  const headers: Record<string, string> = {
    ...securityHeaders({ nonce, https: isHttps(request), dev: process.env.NODE_ENV === "development" }),
    [INSTANCE_HEADER]: instanceId(),
  };
  const path = request.nextUrl.pathname;
  // A plain-text refusal, with the same headers as any answer.
  const refuse = (status: 400 | 403 | 413, text: string) =>
    withHeaders(new NextResponse(text, { status, headers: TEXT }), headers);

  if (!isDecodablePath(path)) return refuse(400, "Bad request: this address is not validly encoded.");
  if (!isReadableRouterState(request.headers)) {
    return refuse(400, "Bad request: this navigation's router state is not readable.");
  }
  if (isDatabaseDown() && !ALWAYS_SERVED.has(path)) return withHeaders(unavailable(request, nonce), headers);

  // A form posted without JavaScript is a server action to Next.js too, and gets the same checks.
  const fetchAction = isActionRequest(request);
  const formAction = isFormActionRequest(request);
  if ((fetchAction || formAction) && isCrossSiteAction(request)) {
    return refuse(403, "Forbidden: a server action posted from another site.");
  }
  if ((fetchAction || formAction) && (await isOversizedActionBody(request))) {
    return refuse(413, `Payload too large: a server action's body may be at most ${ACTION_BODY_LIMIT_BYTES} bytes.`);
  }
  if (fetchAction && !(await isDecodableActionBody(request))) {
    return refuse(400, "Bad request: this is not a server action body.");
  }
  if (formAction && !(await isDecodableFormActionBody(request))) {
    return refuse(400, "Bad request: this is not a form Next.js can read.");
  }

  // Next.js reads the nonce from the request's CSP header while rendering (x-nonce is for our own components).
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), headers);
}

/** Liveness and readiness answer for themselves: load balancers must see the truth, not the 503 page. */
const ALWAYS_SERVED = new Set(["/api/health", "/api/ready"]);
const TEXT = { "Content-Type": "text/plain; charset=utf-8" };

function unavailable(request: NextRequest, nonce: string): NextResponse {
  const common = { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" };
  // Next's client turns a text/plain error answer to an action into an Error carrying this text (error.tsx shows it).
  // A client navigation (RSC header) that gets no RSC answer reloads the URL as a page, which gets the page below.
  const wantsPage =
    (request.method === "GET" || request.method === "HEAD") &&
    !request.headers.has("rsc") &&
    !request.nextUrl.pathname.startsWith("/api/");
  if (!wantsPage) {
    return new NextResponse(UNAVAILABLE_MESSAGE, { status: 503, headers: { ...common, "Content-Type": "text/plain" } });
  }
  return new NextResponse(unavailablePage(nonce), {
    status: 503,
    headers: { ...common, "Content-Type": "text/html; charset=utf-8" },
  });
}

function withHeaders(response: NextResponse, headers: Record<string, string>): NextResponse {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
