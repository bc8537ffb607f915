import { z } from "zod";

/** A keyset position in an order history: strictly older than (placedAt, id). Encoded "<epoch ms>.<id>". */
export type OrderCursor = { placedAt: Date; id: number };

const cursorSchema = z
  .string()
  .max(40)
  .regex(/^\d{1,15}\.\d{1,10}$/)
  .transform((value) => {
    const [ms, id] = value.split(".").map(Number) as [number, number];
    return { placedAt: new Date(ms), id };
  })
  .refine((c) => c.id <= 2_147_483_647 && !Number.isNaN(c.placedAt.getTime()));

export const encodeCursor = (c: OrderCursor) => `${c.placedAt.getTime()}.${c.id}`;

/** undefined: no cursor given (first page). null: a cursor that is not one of ours. */
export function decodeCursor(value: string | string[] | undefined): OrderCursor | null | undefined {
  if (value === undefined) return undefined;
  const parsed = cursorSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
