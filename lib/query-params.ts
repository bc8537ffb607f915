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
