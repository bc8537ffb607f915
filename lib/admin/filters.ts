import { decodeTimeKey, type TimeKey } from "@/lib/keyset";
import { firstParam } from "@/lib/query-params";

/** The first value of each search parameter, as text: what a filter form shows back. */
export function formValues<K extends string>(
  params: Record<string, string | string[] | undefined>,
  keys: readonly K[],
) {
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const value = firstParam(params[key]);
    // Shown back in an input: keep it short, and drop what no input could have sent.
    if (typeof value === "string") out[key] = value.replace(/[\u0000-\u001f]/g, "").slice(0, 100);
  }
  return out;
}

/** A "before=<ms>.<id>" keyset position from a URL: undefined for the first page, null when it is not one of ours. */
export function decodeBefore(raw: string | string[] | undefined): TimeKey | null | undefined {
  if (raw === undefined || raw === "") return undefined;
  if (Array.isArray(raw)) return null;
  return decodeTimeKey(raw);
}
