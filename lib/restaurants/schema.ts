import { z } from "zod";

import { isStorableText, MAX_INT4, plainText } from "@/lib/validation";

/** Home page search: free text over name and cuisine, and a keyset cursor after (name, id). */
export const browseSchema = z.object({
  // An unusable search (too long, control characters, repeated) shows every restaurant rather than failing.
  q: plainText({ max: 60 }).optional().catch(undefined),
  after: z.string().max(200).optional(),
});

const cursorShape = z.tuple([
  z.string().min(1).max(120).refine(isStorableText),
  z.number().int().positive().max(MAX_INT4),
]);
export type RestaurantCursor = { name: string; id: number };

export const encodeRestaurantCursor = (c: RestaurantCursor) =>
  Buffer.from(JSON.stringify([c.name, c.id])).toString("base64url");

/** undefined: first page. null: not a cursor of ours. */
export function decodeRestaurantCursor(value: string | undefined): RestaurantCursor | null | undefined {
  if (value === undefined || value === "") return undefined;
  try {
    const [name, id] = cursorShape.parse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return { name, id };
  } catch {
    return null;
  }
}
