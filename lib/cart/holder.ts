import "server-only";

import { getViewer } from "@/lib/auth/session";

import { anonymousCartId, issueAnonymousCartId, type CartHolder } from "./cookie";

/** The current visitor's cart holder: the signed-in profile, else the cookie's anonymous id, else null (no cart yet). */
export async function currentCartHolder(): Promise<CartHolder | null> {
  const viewer = await getViewer();
  if (viewer) return { profileId: viewer.profileId };
  const anonymousId = await anonymousCartId();
  return anonymousId ? { anonymousId } : null;
}

/** For writes: an anonymous visitor without a cart gets a fresh id in a cookie (only actions may set cookies). */
export async function cartHolderForWrite(): Promise<CartHolder> {
  return (await currentCartHolder()) ?? newAnonymousCartHolder();
}

/**
 * A fresh anonymous holder. Also what replaces a stale cookie: one naming a cart that has since been adopted by an
 * account (its visitor signed in, then out) is no cart of this visitor's.
 */
export async function newAnonymousCartHolder(): Promise<CartHolder> {
  return { anonymousId: await issueAnonymousCartId() };
}
