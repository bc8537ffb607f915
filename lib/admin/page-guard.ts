import "server-only";

import { notFound } from "next/navigation";

import type { Viewer } from "@/lib/auth/queries";
import { getViewer } from "@/lib/auth/session";

/**
 * The first lock, for admin pages and the admin layout (the second is ./query-guard.ts, inside every admin query).
 * Admin pages answer 404 to everyone else, anonymous visitors included (requireRole would send them to sign in,
 * which tells them the page exists). Same cached statement as getViewer.
 */
export async function requireAdmin(): Promise<Viewer> {
  const viewer = await getViewer();
  if (viewer?.role !== "admin") notFound();
  return viewer;
}
