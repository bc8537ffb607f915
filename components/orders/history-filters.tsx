"use client";

/** [id, name]: a customer may have ordered from hundreds of restaurants, and props travel as compact JSON. */
type Option = readonly [id: number, name: string];
type Values = { restaurant?: string; from?: string; to?: string };

/**
 * A plain GET form: filters live in the URL, so a filtered history can be bookmarked and shared with yourself.
 * A client component only so that the restaurant list reaches the browser once as data: rendered on the server,
 * each of a whale's 200 options travelled twice, as HTML and again as an element in the RSC payload.
 */
export function HistoryFilters({
  options,
  values,
  errors,
}: {
  options: Option[];
  values: Values;
  errors: Record<string, string[] | undefined>;
}) {
  const field = "rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm";
  return (
    <form
      action="/orders"
      className="flex flex-wrap items-end gap-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
    >
      <div className="flex flex-col gap-1">
        <label htmlFor="restaurant" className="text-sm font-medium text-stone-700">
          Restaurant
        </label>
        <select id="restaurant" name="restaurant" defaultValue={values.restaurant ?? ""} className={field}>
          <option value="">All restaurants</option>
          {options.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </div>
      {(["from", "to"] as const).map((name) => (
        <div key={name} className="flex flex-col gap-1">
          <label htmlFor={name} className="text-sm font-medium text-stone-700">
            {name === "from" ? "From" : "To"}
          </label>
          <input
            id={name}
            name={name}
            type="date"
            defaultValue={values[name]}
            aria-describedby={`${name}-error`}
            aria-invalid={errors[name] ? true : undefined}
            className={field}
          />
          <span id={`${name}-error`} className="text-xs text-red-600" aria-live="polite">
            {errors[name]?.[0] ?? ""}
          </span>
        </div>
      ))}
      <button
        type="submit"
        className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
      >
        Apply
      </button>
    </form>
  );
}
