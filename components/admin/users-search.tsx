import type { UserSort } from "@/lib/admin/cursor";

/** A plain GET form: the URL holds the search, so results can be bookmarked and paged by keyset. */
export function UsersSearch({ q, sort }: { q?: string; sort: UserSort }) {
  return (
    <form method="get" action="/admin/users" role="search" className="flex flex-wrap items-end gap-3">
      <div className="space-y-1">
        <label htmlFor="q" className="block text-sm font-medium text-stone-700">
          Search by name or email
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
      <div className="space-y-1">
        <label htmlFor="sort" className="block text-sm font-medium text-stone-700">
          Sort by
        </label>
        <select
          id="sort"
          name="sort"
          defaultValue={sort}
          className="block rounded-lg border border-stone-300 bg-white px-3 py-2 text-stone-900 shadow-sm"
        >
          <option value="total">Total purchase (highest first)</option>
          <option value="name">Name (A to Z)</option>
        </select>
      </div>
      <button
        type="submit"
        className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
      >
        Search
      </button>
    </form>
  );
}
