import type { ReactNode } from "react";

/**
 * The admin filters are plain GET forms: the URL holds the filter and the keyset position, so a search can be
 * bookmarked and paged without client code.
 */
export function FilterForm({
  action,
  label,
  submitLabel,
  children,
}: {
  action: string;
  label: string;
  submitLabel: string;
  children: ReactNode;
}) {
  return (
    <form
      method="get"
      action={action}
      role="search"
      aria-label={label}
      className="mb-4 flex flex-wrap items-start gap-3"
    >
      {children}
      <button
        type="submit"
        className="mt-6 rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
      >
        {submitLabel}
      </button>
    </form>
  );
}
