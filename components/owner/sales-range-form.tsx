import { DateRangeFields } from "@/components/ui/date-range-fields";

type Values = { from?: string; to?: string };

/**
 * The sales page's days, as a plain GET form: a range is a URL. Empty fields mean the last 30 days.
 * The form's text-sm sizes its controls too (they inherit the font).
 */
export function SalesRangeForm({
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
      action={`/owner/${slug}/sales`}
      aria-label="Sales dates"
      className="mb-4 flex flex-wrap items-start gap-3 rounded-xl bg-white p-4 text-sm shadow-sm ring-1 ring-stone-200"
    >
      <DateRangeFields idPrefix="sales-" values={values} errors={errors} />
      <button
        type="submit"
        className="mt-6 rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
      >
        Show
      </button>
    </form>
  );
}
