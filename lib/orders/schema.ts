import { z } from "zod";
import { dayRangeFields, dayRangeInOrder, recordId } from "@/lib/validation";

const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);

/** /orders filters, from the URL. Every field optional; a bad one gets a message rather than being ignored. */
export const historyFilterSchema = z
  .object({
    restaurant: z.preprocess(emptyToUndefined, recordId("Choose a restaurant from the list.").optional()),
    ...dayRangeFields,
    before: z.preprocess(emptyToUndefined, z.string().max(40).optional()),
  })
  .refine(...dayRangeInOrder);

export type HistoryFilter = z.infer<typeof historyFilterSchema>;
