import type { ReactNode } from "react";

/**
 * A labelled form control with its hint and its errors under it, the errors announced as they appear. The control
 * is the child, and points at them with `describedProps`: a text field, a select, a filter.
 */
export function Field({
  id,
  label,
  hint,
  errors,
  children,
}: {
  id: string;
  label: ReactNode;
  hint?: string;
  errors?: string[];
  children: ReactNode;
}) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-stone-700">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-stone-500">
          {hint}
        </p>
      ) : null}
      <div id={`${id}-error`} aria-live="polite">
        {errors?.map((error) => (
          <p key={error} className="text-sm text-red-700">
            {error}
          </p>
        ))}
      </div>
    </div>
  );
}

/** The props a Field's control needs: invalid while it has errors, described by its hint and errors. */
export function describedProps(id: string, { hint, errors }: { hint?: string; errors?: string[] }) {
  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ");
  return { "aria-invalid": errors?.length ? true : undefined, "aria-describedby": describedBy || undefined };
}
