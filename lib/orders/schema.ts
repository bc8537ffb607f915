import { z } from "zod";

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-01-31.")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "That date does not exist.");

const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);

/** /orders filters, from the URL. Every field optional; a bad one gets a message rather than being ignored. */
export const historyFilterSchema = z
  .object({
    restaurant: z.preprocess(emptyToUndefined, z.coerce.number().int().positive().max(2_147_483_647).optional()),
    from: z.preprocess(emptyToUndefined, isoDate.optional()),
    to: z.preprocess(emptyToUndefined, isoDate.optional()),
    before: z.preprocess(emptyToUndefined, z.string().max(40).optional()),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "The start date must be on or before the end date.", path: ["to"] });

export type HistoryFilter = z.infer<typeof historyFilterSchema>;
