import { orderStatus } from "@/db/schema";
import { DateRangeFields } from "@/components/ui/date-range-fields";
import { FilterInput, FilterSelect } from "@/components/ui/filter-field";

type Values = { status?: string; q?: string; from?: string; to?: string };

/**
 * A plain GET form, like the customers' history filters: a filtered list is a URL that can be bookmarked.
 * The form's text-sm sizes its controls too (they inherit the font).
 */
export function PastOrdersFilters({
  slug,
  values,
  errors,
}: {
  slug: string;
  values: Values;
  errors: Record<string, string[] | undefined>;
}) {
  return (
    <form
      action={`/owner/${slug}/past-orders`}
      aria-label="Find past orders"
      className="flex flex-wrap items-start gap-3 rounded-xl bg-white p-4 text-sm shadow-sm ring-1 ring-stone-200"
    >
      <FilterInput
        id="q"
        label="Order number or customer"
        type="search"
        maxLength={100}
        defaultValue={values.q}
        width="w-56"
        errors={errors.q}
      />
      <FilterSelect id="status" label="Status" value={values.status} anyLabel="All statuses" errors={errors.status}>
        {orderStatus.enumValues.map((status) => (
          <option key={status} value={status}>
            {status[0]!.toUpperCase() + status.slice(1)}
          </option>
        ))}
      </FilterSelect>
      <DateRangeFields values={values} errors={errors} />
      <button
        type="submit"
        className="mt-6 rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
      >
        Search
      </button>
    </form>
  );
}
