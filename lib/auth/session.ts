import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import type { UserRole } from "@/db/schema";
import { auth } from "./config";
import { findActiveViewer, type Viewer } from "./queries";

/** The signed-in, enabled user of this request, or null. One statement, shared by everything in the request. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  return userId ? findActiveViewer(userId) : null;
});

/** Sends anonymous (or disabled) visitors to sign in, and back to `returnTo` afterwards. */
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
