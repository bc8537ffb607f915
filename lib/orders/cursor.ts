import { decodeTimeKey, encodeTimeKey } from "@/lib/keyset";

/** A keyset position in an order history: strictly older than (placedAt, id). */
export type OrderCursor = { placedAt: Date; id: number };

export const encodeCursor = (c: OrderCursor) => encodeTimeKey({ time: c.placedAt, id: c.id });

/** undefined: no cursor given (first page). null: a cursor that is not one of ours. */
export function decodeCursor(value: string | string[] | undefined): OrderCursor | null | undefined {
  if (value === undefined) return undefined;
  const key = typeof value === "string" ? decodeTimeKey(value) : null;
  return key && { placedAt: key.time, id: key.id };
}
