import "server-only";

import type { NextRequest } from "next/server";

import { clientAddress } from "./client-address";
import { tooManyAttemptsMessage } from "./messages";
import { safeRedirectTarget } from "./redirect-target";
import { emailSchema } from "./schema";
import { checkSignInThrottle, recordThrottledAttempt, type ThrottleKeys } from "./throttle";

const CALLBACK_COOKIES = ["__Secure-authjs.callback-url", "authjs.callback-url"];

const isSafePath = (value: string) => safeRedirectTarget(value, "") === value;
const isHttpUrl = (value: string) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);

/**
 * Auth.js refuses a callbackUrl it cannot parse (`?callbackUrl=abc`) as a configuration error: a 500, and a stack
 * trace in the log. A visitor's typo is a 400. The query parameter must be a same-site path ("/orders"); the
 * callback-url cookie holds what Auth.js itself wrote there (an absolute URL of this site, see the redirect callback
 * in config.ts), so it may be either, and a broken one is cleared.
 */
export function authRequestProblem(request: NextRequest): Response | null {
  // Every value: Auth.js reads the query as an object, so of a repeated parameter the last one counts, not the first.
  if (request.nextUrl.searchParams.getAll("callbackUrl").some((callbackUrl) => !isSafePath(callbackUrl))) {
    return Response.json(
      { error: "InvalidCallbackUrl", message: "callbackUrl must be a path on this site, like /orders." },
      { status: 400 },
    );
  }
  for (const name of CALLBACK_COOKIES) {
    const value = request.cookies.get(name)?.value;
    if (value !== undefined && !isSafePath(value) && !isHttpUrl(value)) {
      const response = Response.json({ error: "InvalidCallbackUrl", message: "Please try again." }, { status: 400 });
      response.headers.append("Set-Cookie", `${name}=; Path=/; Max-Age=0; SameSite=Lax`);
      return response;
    }
  }
  return null;
}

/**
 * The Auth.js endpoints this app serves, by method: one provider (credentials), no adapter, no e-mail or WebAuthn
 * sign-in. Anything else reached Auth.js and ended as its "Configuration" error, a 500 page, with a stack trace in
 * the log: `GET /api/auth/callback/credentials` (a POST endpoint), `/signin/nope`, `/webauthn-options/...`.
 */
const AUTH_ENDPOINTS: Record<string, ReadonlySet<string>> = {
  GET: new Set(["session", "csrf", "providers", "signin", "signout", "error"]),
  POST: new Set(["session", "signin/credentials", "callback/credentials", "signout"]),
};

/**
 * 404 for an endpoint nobody serves, 405 for one asked with the other method, and Auth.js' own error page
 * (`/api/auth/error?error=Configuration` answers 500 to anyone who types it) replaced by the sign-in page: the
 * failure itself is in the log already (config.ts' logger), and the visitor can only try again there.
 */
export function unservedAuthEndpoint(request: NextRequest): Response | null {
  const endpoint = request.nextUrl.pathname.replace(/^\/api\/auth\/?/, "").replace(/\/$/, "");
  // A relative Location: the request's own URL names the host as the app sees it, not as the browser does.
  if (request.method === "GET" && endpoint === "error") {
    return new Response(null, { status: 303, headers: { Location: "/sign-in" } });
  }
  if (AUTH_ENDPOINTS[request.method]?.has(endpoint)) return null;
  const allowed = Object.keys(AUTH_ENDPOINTS)
    .filter((method) => AUTH_ENDPOINTS[method]!.has(endpoint))
    // HEAD is answered as GET (app/api/auth/[...nextauth]/route.ts).
    .flatMap((method) => (method === "GET" ? ["GET", "HEAD"] : [method]));
  if (allowed.length > 0) {
    return Response.json(
      { error: "MethodNotAllowed", message: `Use ${allowed.join(" or ")}.` },
      { status: 405, headers: { Allow: allowed.join(", ") } },
    );
  }
  return Response.json({ error: "NotFound", message: "No such sign-in endpoint." }, { status: 404 });
}

/**
 * A JSON body that does not parse: Auth.js answers it with a 400 already, but logs the SyntaxError with its stack
 * as if it were a server fault. Checked here so that a malformed post is a one-line 400 and the log keeps its stack
 * traces for real errors. Only JSON is checked: forms never fail to parse, they only lack fields.
 */
export async function malformedJsonBody(request: NextRequest): Promise<Response | null> {
  if (!(request.headers.get("content-type") ?? "").includes("application/json")) return null;
  try {
    JSON.parse(await request.clone().text());
    return null;
  } catch {
    return Response.json({ error: "MalformedBody", message: "The request body is not valid JSON." }, { status: 400 });
  }
}

/** The throttle keys of a credentials sign-in post (POST /api/auth/callback/credentials), else null. */
export async function credentialsKeys(request: NextRequest): Promise<ThrottleKeys | null> {
  if (!request.nextUrl.pathname.endsWith("/callback/credentials")) return null;
  let email: unknown;
  try {
    const type = request.headers.get("content-type") ?? "";
    const body = request.clone();
    // Of a repeated form field, the last, as Auth.js reads a form (Object.fromEntries): keyed by the first, a post
    // naming an unlocked email before the locked one it signs in with passed the guard and got no 429.
    email = type.includes("application/json")
      ? ((await body.json()) as { email?: unknown })?.email
      : (await body.formData()).getAll("email").at(-1);
  } catch {
    email = undefined;
  }
  // Only an address sign-in would accept is a throttle key: anything else (a NUL byte, which PostgreSQL refuses in
  // text, was a 500 here, before Auth.js and its own checks) cannot sign in, so there is nothing to throttle.
  const parsed = emailSchema.safeParse(email);
  if (!parsed.success) return null;
  return { email: parsed.data, address: clientAddress(request.headers) };
}

/** 429 with Retry-After while the account or the address is locked (recorded in the audit log when `audit`). */
export async function tooManyAttempts(keys: ThrottleKeys, { audit = true } = {}): Promise<Response | null> {
  const throttled = await checkSignInThrottle(keys);
  if (!throttled) return null;
  if (audit) await recordThrottledAttempt(keys, throttled, "http");
  return Response.json(
    {
      error: "TooManyAttempts",
      message: tooManyAttemptsMessage(throttled.retryAfterSeconds),
      retryAfter: throttled.retryAfterSeconds,
    },
    { status: 429, headers: { "Retry-After": String(throttled.retryAfterSeconds), "Cache-Control": "no-store" } },
  );
}

/** Auth.js answered a refusal from authorize (a lock that began while this request was on its way) with a redirect. */
export function refusedAsThrottled(response: Response): boolean {
  const location = response.headers.get("location");
  return (
    response.status >= 300 && response.status < 400 && Boolean(location && /[?&]code=throttled(&|$)/.test(location))
  );
}
