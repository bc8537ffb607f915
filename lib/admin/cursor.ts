import { z } from "zod";

import { decodeTimeKey, encodeTimeKey, maxTextCursorLength } from "@/lib/keyset";
import { isStorableText, MAX_INT4 } from "@/lib/validation";

/** Users' totals are read in one of two orders; a cursor remembers the last row shown in that order. */
export const USER_SORTS = ["total", "name"] as const;
export type UserSort = (typeof USER_SORTS)[number];

/** Keyset position after the last row: its sort value (cents as text, or lower-cased name) and profile id. */
export type UsersCursor = { value: string; id: number };

/*
 * Sized from the longest cursor we can issue (maxTextCursorLength), so that no real "Next page" link is refused.
 * Display names are at most 80 characters (profiles_display_name_length counts code points).
 */
const MAX_NAME_CHARS = 80;
export const MAX_USERS_CURSOR_LENGTH = maxTextCursorLength(MAX_NAME_CHARS, '{"v":"","i":2147483647}');

// UTF-16 units: two per astral character, and lower() may double the characters.
// A name compared in SQL: it must be text PostgreSQL can hold (no NUL, no lone surrogate), or the query fails.
const cursorSchema = z.object({
  v: z
    .string()
    .max(MAX_NAME_CHARS * 2 * 2)
    .refine(isStorableText),
  i: z.number().int().positive().max(MAX_INT4),
});

export const encodeUsersCursor = (c: UsersCursor) =>
  Buffer.from(JSON.stringify({ v: c.value, i: c.id })).toString("base64url");

/** undefined: first page. null: not one of ours (the page answers 404 rather than guessing or starting over). */
export function decodeUsersCursor(raw: string | undefined, sort: UserSort): UsersCursor | null | undefined {
  if (raw === undefined || raw === "") return undefined;
  if (raw.length > MAX_USERS_CURSOR_LENGTH) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    if (!parsed.success) return null;
    if (sort === "total" && !/^\d{1,18}$/.test(parsed.data.v)) return null;
    return { value: parsed.data.v, id: parsed.data.i };
  } catch {
    return null;
  }
}

/** Audit log keyset: newest first, (created_at, id). */
export type AuditCursor = { createdAt: Date; id: number };

export const encodeAuditCursor = (c: AuditCursor) => encodeTimeKey({ time: c.createdAt, id: c.id });

export function decodeAuditCursor(raw: string | undefined): AuditCursor | null | undefined {
  if (raw === undefined || raw === "") return undefined;
  const key = decodeTimeKey(raw);
  return key && { createdAt: key.time, id: key.id };
}
