import type { InputHTMLAttributes } from "react";

export function CheckboxField({
  label,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { name: string; label: string }) {
  return (
    <label className="inline-flex items-center gap-2 text-sm font-medium text-stone-700">
      <input type="checkbox" className="size-4 rounded border-stone-300" {...input} />
      {label}
    </label>
  );
}
