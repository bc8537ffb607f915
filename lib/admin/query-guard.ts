import type { Viewer } from "@/lib/auth/queries";

/**
 * Thrown by every admin query before it sends a statement. Pages (./page-guard.ts) and actions check the role
 * first (and answer 404); this is the second lock, so that a query called from anywhere else cannot read or write
 * for a non-admin.
 */
export class AdminOnlyError extends Error {
  constructor() {
    super("admin only");
    this.name = "AdminOnlyError";
  }
}

export function assertAdmin(viewer: Viewer | null | undefined): asserts viewer is Viewer {
  if (viewer?.role !== "admin") throw new AdminOnlyError();
}
