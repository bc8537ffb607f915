import "server-only";

import { cookies, headers } from "next/headers";
import { z } from "zod";

import { getViewer } from "@/lib/auth/session";

/** Whose cart: a signed-in profile's, or an anonymous visitor's found through an httpOnly cookie. */
export type CartOwner = { profileId: number } | { anonymousId: string };

export const CART_COOKIE = "platter_cart";
const uuid = z.uuid();

export async function anonymousCartId(): Promise<string | undefined> {
  const value = (await cookies()).get(CART_COOKIE)?.value;
  return uuid.safeParse(value).success ? value : undefined;
}

/** The current visitor's cart owner, or null for an anonymous visitor who has no cart yet. */
export async function currentCartOwner(): Promise<CartOwner | null> {
  const viewer = await getViewer();
  if (viewer) return { profileId: viewer.profileId };
  const anonymousId = await anonymousCartId();
  return anonymousId ? { anonymousId } : null;
}

/** For writes: an anonymous visitor without a cart gets a fresh id in a cookie (only actions may set cookies). */
export async function cartOwnerForWrite(): Promise<CartOwner> {
  return (await currentCartOwner()) ?? newAnonymousCartOwner();
}

/**
 * A fresh anonymous cart id, set in the cookie. Also what replaces a stale cookie: one naming a cart that has
 * since been adopted by an account (its visitor signed in, then out) is no cart of this visitor's.
 */
export async function newAnonymousCartOwner(): Promise<CartOwner> {
  const anonymousId = crypto.randomUUID();
  // Secure whenever the page was served over https (always in production behind TLS; not on http://localhost).
  const secure = ((await headers()).get("origin") ?? "").startsWith("https://");
  (await cookies()).set(CART_COOKIE, anonymousId, {
    httpOnly: true,
    secure,
    sameSite: "lax",
    path: "/",
    maxAge: 30 * 24 * 60 * 60,
  });
  return { anonymousId };
}

export async function forgetAnonymousCart() {
  (await cookies()).delete(CART_COOKIE);
}
