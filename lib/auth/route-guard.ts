import "server-only";

import type { NextRequest } from "next/server";

import { clientAddress } from "./client-address";
import { tooManyAttemptsMessage } from "./messages";
import { safeRedirectTarget } from "./redirect-target";
import { emailSchema } from "./schema";
import { checkSignInThrottle, recordSignInEvent, type ThrottleKeys } from "./throttle";

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
    email = type.includes("application/json")
      ? ((await body.json()) as { email?: unknown })?.email
      : (await body.formData()).get("email");
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
  if (audit) {
    await recordSignInEvent("auth.sign_in_throttled", {
      ...keys,
      details: { lockedKey: throttled.kind, retryAfterSeconds: throttled.retryAfterSeconds, via: "http" },
    });
  }
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
