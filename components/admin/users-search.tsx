import type { UserSort } from "@/lib/admin/cursor";

import { SearchBox } from "./search-box";

/** The users' search, with the sort beside it so that a search keeps its order and the order its search. */
export function UsersSearch({ q, sort }: { q?: string; sort: UserSort }) {
  return (
    <SearchBox action="/admin/users" label="Search by name or email" q={q}>
      <div className="space-y-1">
        <label htmlFor="sort" className="block text-sm font-medium text-stone-700">
          Sort by
        </label>
        {/* Keyed on the sort, as FilterSelect is: a select already drawn ignores a new defaultValue. */}
        <select
          key={sort}
          id="sort"
          name="sort"
          defaultValue={sort}
          className="block rounded-lg border border-stone-300 bg-white px-3 py-2 text-stone-900 shadow-sm"
        >
          <option value="total">Total purchase (highest first)</option>
          <option value="name">Name (A to Z)</option>
        </select>
      </div>
    </SearchBox>
  );
}
