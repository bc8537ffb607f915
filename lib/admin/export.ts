import "server-only";

import { and, asc, eq, sql } from "drizzle-orm";

import { getDb } from "@/db/client";
import { auditLog, orders, profiles, restaurants } from "@/db/schema";
import type { Viewer } from "@/lib/auth/queries";
import { calendarDay, withinInstants, zoneDayRange } from "@/lib/dates";
import { centsToDecimal } from "@/lib/money";

import { recordAudit } from "./audit";
import { csvRow } from "./csv";
import { assertAdmin } from "./query-guard";
import type { OrderRange } from "./schema";
import { listUserTotalsByAccount } from "./users";

/** Rows per statement while streaming: memory holds one batch, whatever the size of the export. */
export const EXPORT_BATCH = 1000;

type Batch<C> = { rows: string[][]; next?: C };

/**
 * What a failed export looks like to the person downloading it: the rows already sent stay, then this line, then
 * the stream is errored so that the browser reports the download as failed (a chunked body that never ends
 * cleanly). The line is for whoever opens the partial file anyway: it must not pass for a complete export.
 */
export const exportFailedLine = (rowsSent: number) =>
  `# export failed: this file is incomplete (${rowsSent} rows written before an error). Download it again.\r\n`;

/**
 * The audit entry of an export that stopped part-way no longer says "exported": it says what happened, and which
 * export it was (as a failure before the first row does).
 */
async function markExportFailed(auditId: number, action: string, rowsSent: number, cancelled = false) {
  const db = await getDb();
  const stopped = { export: action, failed: true, rowsSent, ...(cancelled ? { cancelled: true } : {}) };
  await db
    .update(auditLog)
    .set({
      action: "export.failed",
      details: sql`${auditLog.details} || ${JSON.stringify(stopped)}::jsonb`,
    })
    .where(eq(auditLog.id, auditId));
}

/**
 * A CSV export: the first batch is read before anything is promised (a failure there is a plain 500 and an
 * "export.failed" entry, never an "exported" one), then the export is recorded before the first byte is sent, and
 * the body is read one keyset batch at a time: `pull` runs only when the reader wants more, so a slow download
 * holds at most one batch in memory instead of the whole table.
 */
async function streamCsvExport<C>({
  viewer,
  action,
  details,
  header,
  filename,
  readBatch,
}: {
  viewer: Viewer;
  action: "export.users" | "export.orders";
  details: Record<string, unknown>;
  header: string[];
  filename: string;
  readBatch: (cursor: C | undefined) => Promise<Batch<C>>;
}): Promise<Response> {
  const db = await getDb();
  let first: Batch<C>;
  try {
    first = await readBatch(undefined);
  } catch (error) {
    console.error(`CSV export ${action} failed before its first row`, error);
    await recordAudit(db, {
      actor: viewer,
      action: "export.failed",
      details: { ...details, export: action, failed: true, rowsSent: 0 },
    });
    return new Response("The export failed. Nothing was downloaded; please try again.", {
      status: 500,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const auditId = await recordAudit(db, { actor: viewer, action, details });

  const encoder = new TextEncoder();
  let pending: Batch<C> | undefined = first;
  let cursor: C | undefined;
  let headerSent = false;
  let rowsSent = 0;
  let failure: unknown;
  let done = false;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (failure !== undefined) return controller.error(failure);
      if (!headerSent) {
        headerSent = true;
        controller.enqueue(encoder.encode(csvRow(header)));
        return;
      }
      try {
        const batch: Batch<C> = pending ?? (await readBatch(cursor));
        pending = undefined;
        if (batch.rows.length > 0) controller.enqueue(encoder.encode(batch.rows.map(csvRow).join("")));
        rowsSent += batch.rows.length;
        if (batch.next === undefined) {
          done = true;
          controller.close();
        } else cursor = batch.next;
      } catch (error) {
        console.error(`CSV export ${action} failed mid-stream after ${rowsSent} rows`, error);
        failure = error;
        controller.enqueue(encoder.encode(exportFailedLine(rowsSent)));
        await markExportFailed(auditId, action, rowsSent).catch((auditError: unknown) =>
          console.error("could not record the failed export", auditError),
        );
      }
    },
    // The download was abandoned (the browser went away, the admin cancelled it): the file they have is partial, so
    // the entry must not say "exported" either.
    async cancel() {
      if (failure !== undefined || done) return;
      await markExportFailed(auditId, action, rowsSent, true).catch((auditError: unknown) =>
        console.error("could not record the abandoned export", auditError),
      );
    },
  });
  return csvResponse(body, filename);
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

/** Today in the admin's zone, for file names: the day their own calendar shows. */
const today = (zone: string) => calendarDay(new Date(), zone);

export const USERS_CSV_HEADER = [
  "profile_id",
  "profile_slug",
  "display_name",
  "email",
  "role",
  "disabled",
  "order_count",
  "total_purchase",
  "total_purchase_cents",
];

/**
 * The users' totals as CSV, with the table's figures, a batch at a time. Rows are in account order (the first
 * column, ascending; the file name says so), not by total: totals change while a large export streams, and paging
 * by a changing value would skip or repeat users. Sort the file to taste. The export is recorded before the first
 * byte is sent (streamCsvExport).
 */
export async function exportUsersCsv({
  viewer,
  search,
  zone,
  batchSize = EXPORT_BATCH,
}: {
  viewer: Viewer;
  search?: string;
  /** The admin's zone (lib/time-zone.ts): the file is named after their today. */
  zone: string;
  batchSize?: number;
}) {
  assertAdmin(viewer);
  return streamCsvExport<number>({
    viewer,
    action: "export.users",
    details: { filter: { search: search ?? null }, order: "account" },
    header: USERS_CSV_HEADER,
    filename: `platter-users-by-account-${today(zone)}.csv`,
    readBatch: async (afterId) => {
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
    },
  });
}

export const ORDERS_CSV_HEADER = [
  "order_id",
  "placed_at",
  "status",
  "customer_slug",
  "customer_name",
  "restaurant",
  "total",
  "total_cents",
  // Appended, so that the columns before keep their places: the total includes the fee (decision 0019), and
  // an accountant separating food from delivery needs it apart.
  "fulfilment",
  "delivery_fee_cents",
];

/** One batch of orders placed in [start, end) (a zoneDayRange), after the keyset position, oldest first. */
async function readOrders(
  viewer: Viewer,
  instants: { start?: Date; end?: Date },
  after: { placedAt: string; id: number } | undefined,
) {
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
      fulfilment: orders.fulfilment,
      deliveryFeeCents: orders.deliveryFeeCents,
    })
    .from(orders)
    .innerJoin(profiles, eq(profiles.id, orders.customerId))
    .innerJoin(restaurants, eq(restaurants.id, orders.restaurantId))
    .where(
      and(
        ...withinInstants(orders.placedAt, instants),
        after ? sql`(${orders.placedAt}, ${orders.id}) > (${after.placedAt}::timestamptz, ${after.id})` : undefined,
      ),
    )
    .orderBy(asc(orders.placedAt), asc(orders.id))
    .limit(EXPORT_BATCH);
}

/** Every order placed in the range, cancelled ones included (the status column says so), oldest first. */
export async function exportOrdersCsv({
  viewer,
  range,
  zone,
}: {
  viewer: Viewer;
  range: OrderRange;
  /** The zone whose calendar days the range names: the viewer's (lib/time-zone.ts), recorded with the export. */
  zone: string;
}) {
  assertAdmin(viewer);
  const instants = zoneDayRange(range.from, range.to, zone);
  return streamCsvExport<{ placedAt: string; id: number }>({
    viewer,
    action: "export.orders",
    details: { filter: { from: range.from ?? null, to: range.to ?? null, zone } },
    header: ORDERS_CSV_HEADER,
    filename: `platter-orders-${range.from ?? "start"}-to-${range.to ?? today(zone)}.csv`,
    readBatch: async (after) => {
      const batch = await readOrders(viewer, instants, after);
      const last = batch.at(-1);
      return {
        rows: batch.map((o) => [
          String(o.id),
          o.placedAt,
          o.status,
          o.customerSlug,
          o.customerName,
          o.restaurant,
          centsToDecimal(o.totalCents),
          String(o.totalCents),
          o.fulfilment,
          String(o.deliveryFeeCents),
        ]),
        next: batch.length === EXPORT_BATCH && last ? { placedAt: last.placedAt, id: last.id } : undefined,
      };
    },
  });
}
