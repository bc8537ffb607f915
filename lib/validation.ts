import { z } from "zod";

/**
 * An id from a form field or URL: digits only (no "1e3", " 12", "-1" or "1.0"), within Postgres' integer range.
 * Whether the record exists, and is the caller's, is for the query to decide.
 */
export const recordId = (message = "Missing id.") =>
  z
    .string({ error: message })
    .regex(/^\d{1,10}$/, message)
    .transform(Number)
    .refine((id) => id > 0 && id <= 2_147_483_647, message);
