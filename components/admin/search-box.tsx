import type { ReactNode } from "react";

/**
 * An admin list's search, as a plain GET form: the URL holds the search, so results can be bookmarked and paged by
 * keyset. `children` are further controls that travel with the search (the users' sort).
 */
export function SearchBox({
  action,
  label,
  q,
  children,
}: {
  action: string;
  label: string;
  q?: string;
  children?: ReactNode;
}) {
  return (
    <form method="get" action={action} role="search" className="flex flex-wrap items-end gap-3">
      <div className="space-y-1">
        <label htmlFor="q" className="block text-sm font-medium text-stone-700">
          {label}
        </label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={q}
          maxLength={100}
          className="block w-64 rounded-lg border border-stone-300 bg-white px-3 py-2 text-stone-900 shadow-sm"
        />
      </div>
      {children}
      <button
        type="submit"
        className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
      >
        Search
      </button>
    </form>
  );
}
