import type { ComponentProps, ReactNode } from "react";

import { describedProps, Field } from "./field";

export const filterInputClass =
  "block rounded-lg border border-stone-300 bg-white px-3 py-2 text-stone-900 shadow-sm aria-invalid:border-red-500";

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
    <Field id={id} label={label} errors={errors}>
      <input
        id={id}
        name={name}
        {...input}
        className={width ? `${filterInputClass} ${width}` : filterInputClass}
        {...describedProps(id, { errors })}
      />
    </Field>
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
    <Field id={id} label={label} errors={errors}>
      {/* Keyed on its value: a link to the same list with another filter (the menu's unfiltered "Orders", Back)
          renders it again with a new defaultValue, which React does not apply to a select already drawn, so it
          went on showing the old choice above a list that no longer had it. */}
      <select
        key={value ?? ""}
        id={id}
        name={id}
        defaultValue={value ?? ""}
        className={filterInputClass}
        {...describedProps(id, { errors })}
      >
        <option value="">{anyLabel}</option>
        {children}
      </select>
    </Field>
  );
}
