/**
 * Under a list with a date filter: the zone its days are in, which is also the zone of its rows' times (the viewer's,
 * or on the owner's past orders the restaurant's), so a filter on "Nov 28" must say whose Nov 28 it means.
 */
export function DaysNote({
  zone,
  newestFirst = false,
  className = "",
  testId,
}: {
  zone: string;
  newestFirst?: boolean;
  className?: string;
  testId?: string;
}) {
  return (
    <p className={`text-xs text-stone-600 ${className}`} data-testid={testId}>
      {newestFirst ? "Newest first. " : null}Dates are whole days in {zone}.
    </p>
  );
}
