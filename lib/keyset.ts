import { isCursorInstant } from "@/lib/dates";

/**
 * A keyset position on (timestamp, id), the order every history in the app is read in (orders newest first,
 * the audit log newest first). Encoded "<epoch ms>.<id>" for URLs; the query decides "before" or "after".
 * Timestamps are stored with millisecond precision, so the position survives a JavaScript Date exactly.
 */
export type TimeKey = { time: Date; id: number };

export const encodeTimeKey = ({ time, id }: TimeKey) => `${time.getTime()}.${id}`;

/**
 * null for anything that is not one of ours: the caller answers 404 rather than guessing. The id must be a real one
 * (positive, an int4) and the time one PostgreSQL accepts (isCursorInstant: 1970 to the end of the year 9999).
 */
export function decodeTimeKey(value: string): TimeKey | null {
  const match = /^(\d{1,15})\.(\d{1,10})$/.exec(value);
  if (!match) return null;
  const time = new Date(Number(match[1]));
  const id = Number(match[2]);
  return id > 0 && id <= 2_147_483_647 && isCursorInstant(time) ? { time, id } : null;
}

/*
 * A cap on a JSON keyset cursor (base64url of JSON holding a name and numbers) must let through the longest one we
 * issue, or a real "next page" link is refused. In the JSON one character takes at most 6 bytes (a control character
 * escaped as \u001f; an emoji takes 4, and lower()'s İ → i + combining dot 3); base64 adds a third.
 */
const MAX_JSON_BYTES_PER_CHAR = 6;

/**
 * The longest cursor whose text holds at most `maxChars` characters (code points, as PostgreSQL's char_length counts
 * a column's limit), `frame` being the cursor's JSON with that text empty and every number at its widest.
 */
export const maxTextCursorLength = (maxChars: number, frame: string) =>
  Math.ceil(((maxChars * MAX_JSON_BYTES_PER_CHAR + frame.length) * 4) / 3);
