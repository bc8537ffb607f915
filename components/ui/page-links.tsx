import Link from "next/link";

const linkClass = "font-medium text-brand-700 underline";

/**
 * A way back and a way on: keyset lists go back to their start, numbered ones to the page before. A link is left
 * out when there is nowhere to go (the empty span keeps the next link on the right).
 */
export function PageLinks({
  label,
  back,
  next,
  className = "mt-3",
}: {
  label: string;
  back: { href: string; text: string } | null;
  next: { href: string; text: string } | null;
  className?: string;
}) {
  return (
    <nav aria-label={label} className={`flex justify-between text-sm ${className}`}>
      {back ? (
        <Link href={back.href} className={linkClass}>
          {back.text}
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link href={next.href} className={linkClass}>
          {next.text}
        </Link>
      ) : null}
    </nav>
  );
}

/**
 * The newest-first lists (orders, audit log) page back in time with a `before` cursor and keep the filter in the
 * URL, so both links start from the filter's own parameters.
 */
export function OlderNewerLinks({
  label,
  path,
  filter,
  paged,
  nextBefore,
}: {
  label: string;
  path: string;
  filter: URLSearchParams;
  /** Whether this page is past the newest one. */
  paged: boolean;
  /** The encoded cursor of the next, older page; none on the last page. */
  nextBefore: string | undefined;
}) {
  return (
    <PageLinks
      label={label}
      back={paged ? { href: `${path}?${filter}`, text: "← Newest" } : null}
      next={
        nextBefore
          ? { href: `${path}?${new URLSearchParams([...filter, ["before", nextBefore]])}`, text: "Older →" }
          : null
      }
    />
  );
}
