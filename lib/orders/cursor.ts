import { isCursorInstant } from "@/lib/dates";
import { decodeTimeKey, encodeTimeKey } from "@/lib/keyset";

/** A keyset position in an order history: strictly older than (placedAt, id). */
export type OrderCursor = { placedAt: Date; id: number };

export const encodeCursor = (c: OrderCursor) => encodeTimeKey({ time: c.placedAt, id: c.id });

/** undefined: no cursor given (first page). null: a cursor that is not one of ours. */
export function decodeCursor(value: string | string[] | undefined): OrderCursor | null | undefined {
  if (value === undefined) return undefined;
  const key = typeof value === "string" ? decodeTimeKey(value) : null;
  // The id must be a real one (positive) and the time one PostgreSQL accepts (not after the year 9999).
  return key && key.id > 0 && isCursorInstant(key.time) ? { placedAt: key.time, id: key.id } : null;
}
