/** Shown instead of results when a filter doesn't parse: the fields themselves say what is wrong. */
export function FilterErrorsAlert() {
  return (
    <p role="alert" className="rounded-xl bg-red-50 p-4 text-sm text-red-800 ring-1 ring-red-200">
      Please correct the highlighted filters.
    </p>
  );
}
