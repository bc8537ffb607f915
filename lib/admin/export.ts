import "server-only";
import { and, asc, eq, gte, lt, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { orders, profiles, restaurants } from "@/db/schema";
import type { Viewer } from "@/lib/auth/queries";
import { recordAudit } from "./audit";
import { appDay, dayAfter, dayStart } from "@/lib/dates";
import { centsToDecimal } from "@/lib/money";
import { csvRow } from "./csv";
import { assertAdmin } from "./guard";
import type { OrderRange } from "./schema";
import { listUserTotalsByAccount } from "./users";

/** Rows per statement while streaming: memory holds one batch, whatever the size of the export. */
export const EXPORT_BATCH = 1000;

/**
 * A CSV body read one keyset batch at a time. `pull` runs only when the reader wants more, so a slow download
 * holds at most one batch in memory instead of the whole table.
 */
function batchedCsv<C>(header: string[], readBatch: (cursor: C | undefined) => Promise<{ rows: string[][]; next?: C }>) {
  const encoder = new TextEncoder();
  let cursor: C | undefined;
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvRow(header)));
        return;
      }
      try {
        const batch = await readBatch(cursor);
        if (batch.rows.length > 0) controller.enqueue(encoder.encode(batch.rows.map(csvRow).join("")));
        if (batch.next === undefined) controller.close();
        else cursor = batch.next;
      } catch (error) {
        console.error("CSV export failed mid-stream", error);
        controller.error(error);
      }
    },
  });
}

function csvResponse(body: ReadableStream<Uint8Array>, filename: string) {
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

const today = () => appDay(new Date());

export const USERS_CSV_HEADER = ["profile_id", "profile_slug", "display_name", "email", "role", "disabled", "order_count", "total_purchase", "total_purchase_cents"];

/**
 * The users' totals as CSV, with the table's figures, a batch at a time. Rows are in account order (the first
 * column, ascending; the file name says so), not by total: totals change while a large export streams, and paging
 * by a changing value would skip or repeat users. Sort the file to taste. The export is recorded before the first
 * byte is sent.
 */
export async function exportUsersCsv({ viewer, search, batchSize = EXPORT_BATCH }: { viewer: Viewer; search?: string; batchSize?: number }) {
  assertAdmin(viewer);
  const db = await getDb();
  await recordAudit(db, { actor: viewer, action: "export.users", details: { filter: { search: search ?? null }, order: "account" } });
  const body = batchedCsv<number>(USERS_CSV_HEADER, async (afterId) => {
    const batch = await listUserTotalsByAccount({ viewer, search, afterId, limit: batchSize });
    const last = batch.at(-1);
    return {
      rows: batch.map((u) => [
        String(u.profileId),
        u.slug,
        u.displayName,
        u.email,
        u.role,
        u.disabled ? "true" : "false",
        String(u.orderCount),
        centsToDecimal(u.totalPurchaseCents),
        String(u.totalPurchaseCents),
      ]),
      next: batch.length === batchSize && last ? last.profileId : undefined,
    };
  });
  return csvResponse(body, `platter-users-by-account-${today()}.csv`);
}

export const ORDERS_CSV_HEADER = ["order_id", "placed_at", "status", "customer_slug", "customer_name", "restaurant", "total", "total_cents"];


/** One batch of orders in [from, to] (whole days in APP_TIME_ZONE), after the keyset position, oldest first. */
async function readOrders(viewer: Viewer, range: OrderRange, after: { placedAt: string; id: number } | undefined) {
  assertAdmin(viewer);
  const db = await getDb();
  return db
    .select({
      id: orders.id,
      // An instant, written in ISO 8601 with "Z": the literal 'UTC' goes with that "Z", whatever APP_TIME_ZONE is.
      placedAt: sql<string>`to_char(${orders.placedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
      status: orders.status,
      customerSlug: profiles.slug,
      customerName: profiles.displayName,
      restaurant: restaurants.name,
      totalCents: orders.totalCents,
    })
    .from(orders)
    .innerJoin(profiles, eq(profiles.id, orders.customerId))
    .innerJoin(restaurants, eq(restaurants.id, orders.restaurantId))
    .where(
      and(
        range.from ? gte(orders.placedAt, dayStart(range.from)) : undefined,
        range.to ? lt(orders.placedAt, dayAfter(range.to)) : undefined,
        after ? sql`(${orders.placedAt}, ${orders.id}) > (${after.placedAt}::timestamptz, ${after.id})` : undefined,
      ),
    )
    .orderBy(asc(orders.placedAt), asc(orders.id))
    .limit(EXPORT_BATCH);
}

/** Every order placed in the range, cancelled ones included (the status column says so), oldest first. */
export async function exportOrdersCsv({ viewer, range }: { viewer: Viewer; range: OrderRange }) {
  assertAdmin(viewer);
  const db = await getDb();
  await recordAudit(db, { actor: viewer, action: "export.orders", details: { filter: { from: range.from ?? null, to: range.to ?? null } } });
  const body = batchedCsv<{ placedAt: string; id: number }>(ORDERS_CSV_HEADER, async (after) => {
    const batch = await readOrders(viewer, range, after);
    const last = batch.at(-1);
    return {
      rows: batch.map((o) => [String(o.id), o.placedAt, o.status, o.customerSlug, o.customerName, o.restaurant, centsToDecimal(o.totalCents), String(o.totalCents)]),
      next: batch.length === EXPORT_BATCH && last ? { placedAt: last.placedAt, id: last.id } : undefined,
    };
  });
  const suffix = `${range.from ?? "start"}-to-${range.to ?? today()}`;
  return csvResponse(body, `platter-orders-${suffix}.csv`);
}
