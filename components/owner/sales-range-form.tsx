type Values = { from?: string; to?: string };

const field = "rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm";

/** The sales page's days, as a plain GET form: a range is a URL. Empty fields mean the last 30 days. */
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
      className="mb-4 flex flex-wrap items-start gap-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
    >
      {(["from", "to"] as const).map((name) => (
        <div key={name} className="flex flex-col gap-1">
          <label htmlFor={`sales-${name}`} className="text-sm font-medium text-stone-700">
            {name === "from" ? "From" : "To"}
          </label>
          <input
            id={`sales-${name}`}
            name={name}
            type="date"
            defaultValue={values[name]}
            aria-describedby={`sales-${name}-error`}
            aria-invalid={errors[name] ? true : undefined}
            className={field}
          />
          <span id={`sales-${name}-error`} className="text-xs text-red-700" aria-live="polite">
            {errors[name]?.[0] ?? ""}
          </span>
        </div>
      ))}
      <button
        type="submit"
        className="mt-6 rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
      >
        Show
      </button>
    </form>
  );
}
