/**
 * A labelled choice of time zone, named `timeZone`, its error announced and tied to it: the owner's hours form and
 * the admin's new restaurant form offer the same list (lib/restaurants/time-zones.ts) the same way.
 */
export function TimeZoneField({
  id,
  zones,
  defaultValue,
  hint,
  errors,
}: {
  id: string;
  zones: string[];
  defaultValue: string;
  hint?: string;
  errors?: string[];
}) {
  const describedBy = [hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(" ");
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-stone-700">
        Time zone
      </label>
      <select
        id={id}
        name="timeZone"
        defaultValue={defaultValue}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy}
        className="block w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-stone-900 shadow-sm"
      >
        {zones.map((zone) => (
          <option key={zone} value={zone}>
            {zone}
          </option>
        ))}
      </select>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-stone-500">
          {hint}
        </p>
      ) : null}
      <div id={`${id}-error`} aria-live="polite">
        {errors?.map((error) => (
          <p key={error} className="text-sm text-red-600">
            {error}
          </p>
        ))}
      </div>
    </div>
  );
}
