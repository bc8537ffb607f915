type Option = { id: number; name: string };
type Values = { restaurant?: string; from?: string; to?: string };

/** A plain GET form: filters live in the URL, so a filtered history can be bookmarked and shared with yourself. */
export function HistoryFilters({ options, values, errors }: { options: Option[]; values: Values; errors: Record<string, string[] | undefined> }) {
  const field = "rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm";
  return (
    <form action="/orders" className="flex flex-wrap items-end gap-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
      <div className="flex flex-col gap-1">
        <label htmlFor="restaurant" className="text-sm font-medium text-stone-700">Restaurant</label>
        <select id="restaurant" name="restaurant" defaultValue={values.restaurant ?? ""} className={field}>
          <option value="">All restaurants</option>
          {options.map((o) => (
            <option key={o.id} value={o.id}>{o.name}</option>
          ))}
        </select>
      </div>
      {(["from", "to"] as const).map((name) => (
        <div key={name} className="flex flex-col gap-1">
          <label htmlFor={name} className="text-sm font-medium text-stone-700">{name === "from" ? "From" : "To"}</label>
          <input id={name} name={name} type="date" defaultValue={values[name]} aria-describedby={`${name}-error`} aria-invalid={errors[name] ? true : undefined} className={field} />
          <span id={`${name}-error`} className="text-xs text-red-600" aria-live="polite">{errors[name]?.[0] ?? ""}</span>
        </div>
      ))}
      <button type="submit" className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">Apply</button>
    </form>
  );
}
