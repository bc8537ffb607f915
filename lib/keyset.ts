/**
 * A keyset position on (timestamp, id), the order every history in the app is read in (orders newest first,
 * the audit log newest first). Encoded "<epoch ms>.<id>" for URLs; the query decides "before" or "after".
 * Timestamps are stored with millisecond precision, so the position survives a JavaScript Date exactly.
 */
export type TimeKey = { time: Date; id: number };

export const encodeTimeKey = ({ time, id }: TimeKey) => `${time.getTime()}.${id}`;

/** null for anything that is not one of ours: the caller answers 404 rather than guessing. */
export function decodeTimeKey(value: string): TimeKey | null {
  const match = /^(\d{1,15})\.(\d{1,10})$/.exec(value);
  if (!match) return null;
  const time = new Date(Number(match[1]));
  const id = Number(match[2]);
  return id <= 2_147_483_647 && !Number.isNaN(time.getTime()) ? { time, id } : null;
}
