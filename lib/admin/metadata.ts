import "server-only";

import type { Metadata } from "next";

import { getViewer } from "@/lib/auth/session";

/**
 * An admin page's title, for admins only. Everyone else gets a 404, and Next.js resolves a page's metadata even
 * when the page calls notFound(): a static `metadata.title` would name the page in the 404's HTML and RSC payload.
 * Same cached viewer statement as the page's own check.
 */
export function adminMetadata(title: string): () => Promise<Metadata> {
  return async function generateMetadata() {
    const viewer = await getViewer();
    return viewer?.role === "admin" ? { title } : {};
  };
}
