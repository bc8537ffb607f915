import type { InputHTMLAttributes } from "react";

import { describedProps, Field } from "./field";

type Props = InputHTMLAttributes<HTMLInputElement> & { name: string; label: string; errors?: string[]; hint?: string };

const inputClass =
  "block w-full rounded-lg border border-stone-300 bg-white px-3 py-2 text-stone-900 shadow-sm " +
  "placeholder:text-stone-500 aria-invalid:border-red-500";

/** A labelled input whose errors are announced and tied to it with aria-describedby. */
export function TextField({ name, label, errors, hint, id = name, ...input }: Props) {
  return (
    <Field id={id} label={label} hint={hint} errors={errors}>
      <input id={id} name={name} {...describedProps(id, { hint, errors })} className={inputClass} {...input} />
    </Field>
  );
}
