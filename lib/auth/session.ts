import "server-only";

import { decode } from "next-auth/jwt";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";

import type { UserRole } from "@/db/schema";
import { authSecret, env } from "@/lib/env";
import { forwardedProto } from "@/lib/http/security-headers";

import type { Viewer } from "./queries";
import { findSessionViewer } from "./sessions";

/** Auth.js' session cookie: the __Secure- name over https (only a secure page can set it), the plain one otherwise. */
export const SESSION_COOKIE_NAMES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

/** The cookie's value, joined from Auth.js' chunks (name.0, name.1, ...) when it was split. */
function cookieValue(jar: Awaited<ReturnType<typeof cookies>>, name: string): string | undefined {
  const whole = jar.get(name)?.value;
  if (whole) return whole;
  const chunks = jar
    .getAll()
    .filter((c) => c.name.startsWith(`${name}.`))
    .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
  return chunks.length ? chunks.map((c) => c.value).join("") : undefined;
}

type SessionToken = { userId: string; sessionId: string };

/**
 * Tokens already decoded, by cookie name and value. Decrypting one (key derivation, AES and HMAC through WebCrypto)
 * cost about 0.4 ms of CPU, a twentieth of a signed-in page, and a cookie decodes to the same ids every time, so
 * each is decoded once and kept until its own expiry. Nothing here vouches for a session: the session statement
 * still checks it against the database on every request. The oldest entries make room for new ones.
 */
const decodedTokens = new Map<string, SessionToken & { expiresAtMs: number }>();
const DECODED_TOKENS_KEPT = 10_000;

async function decodeSessionToken(name: string, token: string): Promise<SessionToken | null> {
  const key = `${name}=${token}`;
  const known = decodedTokens.get(key);
  if (known && known.expiresAtMs > Date.now()) return { userId: known.userId, sessionId: known.sessionId };
  decodedTokens.delete(key);
  try {
    const payload = await decode({ token, secret: authSecret(), salt: name });
    if (typeof payload?.sub !== "string" || typeof payload.sid !== "string") return null;
    const ids = { userId: payload.sub, sessionId: payload.sid };
    if (typeof payload.exp === "number") {
      if (decodedTokens.size >= DECODED_TOKENS_KEPT) decodedTokens.delete(decodedTokens.keys().next().value!);
      decodedTokens.set(key, { ...ids, expiresAtMs: payload.exp * 1000 });
    }
    return ids;
  } catch {
    // A cookie that does not decode (forged, or signed with an old secret) is no session.
    return null;
  }
}

/**
 * The JWT's user and session ids, decoded here rather than through Auth.js' `auth()`: that one runs the jwt
 * callback, which asks the database (for /api/auth/session), and the request's only statement is getViewer's.
 * Also read by the live streams (lib/live/), which re-check the session on every heartbeat.
 */
export async function readSessionToken(): Promise<SessionToken | null> {
  const jar = await cookies();
  // Over https only the __Secure- cookie, which only a secure page of this host can set, and the one Auth.js reads
  // and clears there. A plain-named one is a cookie someone else could plant (a sibling subdomain, a plain-http
  // answer) or one left from before: Auth.js ignores it and sign-out would leave it. Where the scheme cannot be
  // told (a proxy that says nothing), both names are read as before; browsers send __Secure- ones over https only.
  const names = (await authUsesSecureCookies()) ? SESSION_COOKIE_NAMES.slice(0, 1) : SESSION_COOKIE_NAMES;
  for (const name of names) {
    const token = cookieValue(jar, name);
    if (token) return decodeSessionToken(name, token);
  }
  return null;
}

/**
 * Whether Auth.js names its cookies __Secure- for this request: by AUTH_URL's scheme when set, else by the proxy's
 * x-forwarded-proto (trustHost). Not by the browser's Origin, as Platter's own cookies may be: behind a proxy that
 * says nothing Auth.js uses the plain name, which must then still be read.
 */
async function authUsesSecureCookies(): Promise<boolean> {
  const configured = env().AUTH_URL;
  if (configured) return new URL(String(configured)).protocol === "https:";
  return forwardedProto(await headers()) === "https";
}

/**
 * The signed-in, enabled user of this request with a live session, or null. One statement (the session row, the
 * user and the profile), shared by everything in the request.
 */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const token = await readSessionToken();
  return token ? findSessionViewer(token) : null;
});

/** Sends anonymous (or disabled, or signed-out) visitors to sign in, and back to `returnTo` afterwards. */
export async function requireUser(returnTo = "/"): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  return viewer;
}

/** A signed-in user without the role gets a 404: no one learns that the page exists. */
export async function requireRole(roles: readonly UserRole[], returnTo = "/"): Promise<Viewer> {
  const viewer = await requireUser(returnTo);
  if (!roles.includes(viewer.role)) notFound();
  return viewer;
}
