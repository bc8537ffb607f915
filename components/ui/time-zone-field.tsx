import { describedProps, Field } from "./field";

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
  return (
    <Field id={id} label="Time zone" hint={hint} errors={errors}>
      <select
        id={id}
        name="timeZone"
        defaultValue={defaultValue}
        {...describedProps(id, { hint, errors })}
        className="block w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-stone-900 shadow-sm"
      >
        {zones.map((zone) => (
          <option key={zone} value={zone}>
            {zone}
          </option>
        ))}
      </select>
    </Field>
  );
}
