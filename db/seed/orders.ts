import { orderLines, orders, orderStatusEvents, orderTotalCents, type OrderStatus } from "../schema";
import type { Executor } from "../types";

export type SeedLine = { menuItemId: number | null; name: string; unitPriceCents: number; quantity: number };
export type SeedOrder = {
  customerId: number;
  restaurantId: number;
  status: OrderStatus;
  placedAt: Date;
  idempotencyKey: string;
  lines: SeedLine[];
  /** A delivery, with the fee and the address text checkout would have snapshotted; absent: a pickup. */
  delivery?: { feeCents: number; address: string };
  note?: string;
};

const LIFECYCLE: OrderStatus[] = ["placed", "preparing", "ready", "completed"];
const STEP_MS = 4 * 60_000;

/** Every status an order went through to reach `status`, each a few minutes after the last. */
const statusPath = (status: OrderStatus): OrderStatus[] =>
  status === "cancelled" ? ["placed", "cancelled"] : LIFECYCLE.slice(0, LIFECYCLE.indexOf(status) + 1);

// 1,000 orders x 3 lines x 5 columns stays well under Postgres' 65,535 bind parameters per statement.
const BATCH = 1000;

/**
 * Bulk-inserts orders with their lines and status events, a batch per transaction (three statements per batch).
 * Stored totals are always derived from the lines plus the delivery fee, as checkout does.
 */
export async function insertOrders(
  db: Executor,
  rows: readonly SeedOrder[],
  onProgress?: (done: number, total: number) => void,
): Promise<number[]> {
  const ids: number[] = [];
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const inserted = await db.transaction(async (tx) => {
      const created = await tx
        .insert(orders)
        .values(
          batch.map((o) => ({
            customerId: o.customerId,
            restaurantId: o.restaurantId,
            status: o.status,
            placedAt: o.placedAt,
            updatedAt: o.placedAt,
            idempotencyKey: o.idempotencyKey,
            totalCents: orderTotalCents(o.lines, o.delivery?.feeCents ?? 0),
            fulfilment: o.delivery ? ("delivery" as const) : ("pickup" as const),
            deliveryFeeCents: o.delivery?.feeCents ?? 0,
            deliveryAddress: o.delivery?.address ?? null,
            note: o.note ?? "",
          })),
        )
        .returning({ id: orders.id });
      const lineRows = batch.flatMap((o, i) => o.lines.map((line) => ({ ...line, orderId: created[i]!.id })));
      if (lineRows.length > 0) await tx.insert(orderLines).values(lineRows);
      const events = batch.flatMap((o, i) =>
        statusPath(o.status).map((toStatus, step, path) => ({
          orderId: created[i]!.id,
          fromStatus: step === 0 ? null : path[step - 1]!,
          toStatus,
          createdAt: new Date(o.placedAt.getTime() + step * STEP_MS),
        })),
      );
      await tx.insert(orderStatusEvents).values(events);
      return created.map((c) => c.id);
    });
    ids.push(...inserted);
    onProgress?.(Math.min(start + BATCH, rows.length), rows.length);
  }
  return ids;
}
