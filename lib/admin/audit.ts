import "server-only";

import { desc, sql } from "drizzle-orm";

import { getDb } from "@/db/client";
import { auditLog } from "@/db/schema";
import type { Executor } from "@/db/types";
import type { Viewer } from "@/lib/auth/queries";

import { encodeAuditCursor, type AuditCursor } from "./cursor";
import { assertAdmin } from "./query-guard";

export const AUDIT_PAGE_SIZE = 50;

/** Names match the table's check constraint (^[a-z]+(\.[a-z_]+)+$). */
export type AuditAction =
  | "user.role_change"
  | "user.disable"
  | "user.enable"
  | "export.users"
  | "export.orders"
  // An export that stopped part-way: its "export.*" entry becomes this one (lib/admin/export.ts).
  | "export.failed";

/** Written inside the caller's transaction, so the change and its record commit or fail together. Returns the entry's id. */
export async function recordAudit(
  db: Executor,
  entry: { actor: Viewer; action: AuditAction; targetProfileId?: number; details?: Record<string, unknown> },
): Promise<number> {
  const [row] = await db
    .insert(auditLog)
    .values({
      actorProfileId: entry.actor.profileId,
      action: entry.action,
      targetProfileId: entry.targetProfileId ?? null,
      details: entry.details ?? {},
    })
    .returning({ id: auditLog.id });
  return row!.id;
}

/** The audit log, newest first, one keyset page (and its actor and target names) per statement. */
export async function listAuditLog({ viewer, before }: { viewer: Viewer; before?: AuditCursor }) {
  assertAdmin(viewer);
  const db = await getDb();
  const rows = await db.query.auditLog.findMany({
    where: before
      ? sql`(${auditLog.createdAt}, ${auditLog.id}) < (${before.createdAt.toISOString()}::timestamptz, ${before.id})`
      : undefined,
    orderBy: [desc(auditLog.createdAt), desc(auditLog.id)],
    limit: AUDIT_PAGE_SIZE + 1,
    with: {
      actor: { columns: { slug: true, displayName: true } },
      target: { columns: { slug: true, displayName: true } },
    },
  });
  const last = rows.length > AUDIT_PAGE_SIZE ? rows[AUDIT_PAGE_SIZE - 1] : undefined;
  return { entries: rows.slice(0, AUDIT_PAGE_SIZE), nextCursor: last ? encodeAuditCursor(last) : undefined };
}

export type AuditEntryView = Awaited<ReturnType<typeof listAuditLog>>["entries"][number];
