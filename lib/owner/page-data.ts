import "server-only";

import { cache } from "react";

import type { Viewer } from "@/lib/auth/queries";
import { getViewer } from "@/lib/auth/session";

import { OWNER_ROLES } from "./scope";

/**
 * An owner page's read, cached for the request so that generateMetadata (the tab's title names the restaurant)
 * and the page share one statement. null for anyone who may not see it, without redirecting: the page itself
 * still sends them to sign in or to a 404 (requireRole), and its metadata then names nothing.
 */
export function ownerPageData<T, A extends (string | undefined)[] = []>(
  load: (args: { viewer: Viewer; slug: string }, ...rest: A) => Promise<T | null | undefined>,
) {
  // Further arguments are strings (a date range): React's cache compares them by value, so the page and its
  // metadata asking for the same range share one statement.
  return cache(async (slug: string, ...rest: A): Promise<T | null> => {
    const viewer = await getViewer();
    if (!viewer || !(OWNER_ROLES as readonly string[]).includes(viewer.role)) return null;
    return (await load({ viewer, slug }, ...rest)) ?? null;
  });
}
