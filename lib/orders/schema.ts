import { z } from "zod";

import { dayRangeFields, dayRangeInOrder, recordId } from "@/lib/validation";

const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);

/** /orders filters, from the URL. Every field optional; a bad one gets a message rather than being ignored. */
export const historyFilterSchema = z
  .object({
    restaurant: z.preprocess(emptyToUndefined, recordId("Choose a restaurant from the list.").optional()),
    ...dayRangeFields,
    // Judged by decodeCursor (a cursor that is not ours is a 404); only its size is bounded here.
    before: z.preprocess(emptyToUndefined, z.string().max(40).optional()),
  })
  .refine(...dayRangeInOrder);

export type HistoryFilter = z.infer<typeof historyFilterSchema>;

export const checkoutSchema = z.object({
  idempotencyKey: z
    .string()
    .regex(/^[A-Za-z0-9-]{8,100}$/, "This checkout form has expired. Reload the page and try again."),
  // What the customer saw. Never charged: only compared, so that a price change is shown before anyone pays it.
  expectedTotalCents: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});

export const orderIdSchema = z.object({ orderId: recordId("Choose a valid order.") });
