import { z } from "zod";

/**
 * The filled-in fields of a filter form as query parameters: where a filtered list's page links start, so that
 * paging keeps the filter. Empty and missing fields are left out.
 */
export const filterParams = (values: Partial<Record<string, string>>) =>
  new URLSearchParams(Object.entries(values).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ""));

/** A search parameter's first value: `?q=a&q=b` reads as "a", as a form with one such field would have sent it. */
export const firstParam = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** The first value of each of `keys`: a filtered page's filter as the URL gives it, before its schema checks it. */
export const firstParams = <K extends string>(raw: Record<string, string | string[] | undefined>, keys: readonly K[]) =>
  Object.fromEntries(keys.map((key) => [key, firstParam(raw[key])])) as Record<K, string | undefined>;

/** A filter form's parse: the filter, or the field errors to show next to each control (and no results). */
export function parseFilter<S extends z.ZodType>(schema: S, params: Record<string, unknown>) {
  const parsed = schema.safeParse(params);
  return parsed.success
    ? { filter: parsed.data as z.infer<S>, errors: {} as Record<string, string[]> }
    : { filter: null, errors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]> };
}
