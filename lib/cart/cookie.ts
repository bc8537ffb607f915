import "server-only";

import { cookies, headers } from "next/headers";
import { z } from "zod";

import { cookieIsSecure } from "@/lib/http/security-headers";

/**
 * Whose cart: a signed-in profile's, or an anonymous visitor's found through an httpOnly cookie. "Holder", not
 * "owner": an owner in Platter runs restaurants. Which holder the current request has depends on who is signed in,
 * so that lives in ./holder.ts; this module knows only the cookie, and nothing of auth (lib/auth/config.ts reads it
 * at sign-in to hand the anonymous cart over).
 */
export type CartHolder = { profileId: number } | { anonymousId: string };

export const CART_COOKIE = "platter_cart";
const uuid = z.uuid();

/** The anonymous cart id in this request's cookie, if it is one (anything else in the cookie is no cart). */
export async function anonymousCartId(): Promise<string | undefined> {
  const value = (await cookies()).get(CART_COOKIE)?.value;
  return uuid.safeParse(value).success ? value : undefined;
}

/** A fresh anonymous cart id, set in the cookie (only actions and route handlers may set cookies). */
export async function issueAnonymousCartId(): Promise<string> {
  const anonymousId = crypto.randomUUID();
  (await cookies()).set(CART_COOKIE, anonymousId, {
    httpOnly: true,
    secure: cookieIsSecure(await headers()),
    sameSite: "lax",
    path: "/",
    maxAge: 30 * 24 * 60 * 60,
  });
  return anonymousId;
}

export async function forgetAnonymousCart() {
  (await cookies()).delete(CART_COOKIE);
}
