"use client";

import { DateRangeFields } from "@/components/ui/date-range-fields";

import { RestaurantFilter, type RestaurantOption } from "./restaurant-filter";

type Values = { restaurant?: string; from?: string; to?: string };

/**
 * A plain GET form: filters live in the URL, so a filtered history can be bookmarked and shared with yourself.
 * A client component only so that the restaurant list reaches the browser once as data: rendered on the server,
 * each of a whale's 200 options travelled twice, as HTML and again as an element in the RSC payload.
 * The form's text-sm sizes its controls too (they inherit the font): a compact bar above the list.
 */
export function HistoryFilters({
  options,
  values,
  errors,
}: {
  options: RestaurantOption[];
  values: Values;
  errors: Record<string, string[] | undefined>;
}) {
  return (
    <form
      action="/orders"
      className="flex flex-wrap items-start gap-3 rounded-xl bg-white p-4 text-sm shadow-sm ring-1 ring-stone-200"
    >
      <RestaurantFilter options={options} value={values.restaurant} errors={errors.restaurant} />
      <DateRangeFields values={values} errors={errors} />
      <button
        type="submit"
        className="mt-6 rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
      >
        Apply
      </button>
    </form>
  );
}
