import type { ComponentProps, ReactNode } from "react";

export const filterInputClass =
  "block rounded-lg border border-stone-300 bg-white px-3 py-2 text-stone-900 shadow-sm aria-invalid:border-red-500";

/** A labelled filter control with its error under it, announced and tied to it (aria-describedby on the control). */
export function FilterField({
  id,
  label,
  errors,
  children,
}: {
  id: string;
  label: string;
  errors?: string[];
  children: ReactNode;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-stone-700">
        {label}
      </label>
      {children}
      <div id={`${id}-error`} aria-live="polite">
        {errors?.map((e) => (
          <p key={e} className="text-sm text-red-700">
            {e}
          </p>
        ))}
      </div>
    </div>
  );
}

/** The props a control needs to point at its error. */
export const errorProps = (id: string, errors?: string[]) =>
  errors?.length ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {};

type ControlProps = { id: string; label: string; errors?: string[]; width?: string };

/**
 * A labelled text-like filter input. The id doubles as the query parameter's name unless a name is given, so the
 * URL the GET form builds matches what the page parses.
 */
export function FilterInput({
  id,
  name = id,
  label,
  errors,
  width,
  ...input
}: ControlProps & { name?: string } & Omit<ComponentProps<"input">, "id" | "name" | "className">) {
  return (
    <FilterField id={id} label={label} errors={errors}>
      <input
        id={id}
        name={name}
        {...input}
        className={width ? `${filterInputClass} ${width}` : filterInputClass}
        {...errorProps(id, errors)}
      />
    </FilterField>
  );
}

/** A labelled filter select whose first, empty choice means "don't filter on this". */
export function FilterSelect({
  id,
  label,
  errors,
  value,
  anyLabel,
  children,
}: ControlProps & { value?: string; anyLabel: string; children: ReactNode }) {
  return (
    <FilterField id={id} label={label} errors={errors}>
      <select id={id} name={id} defaultValue={value ?? ""} className={filterInputClass} {...errorProps(id, errors)}>
        <option value="">{anyLabel}</option>
        {children}
      </select>
    </FilterField>
  );
}
