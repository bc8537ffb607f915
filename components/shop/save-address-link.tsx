"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import type { ReactNode } from "react";

/**
 * The cart's link to the address book, for a customer who wants delivery and has no address saved yet. Followed
 * with a plain click it takes the cart's choice along (its form's fields: the note typed so far), and the address
 * book links back to the cart with it (cartReturnHref). A link rather than a second submit button of that form: the
 * first submit button is the one Enter presses, and it must stay "Review order". Without JavaScript, or opened in
 * a new tab, it is the plain link, and the note stays in the cart's form only.
 */
export function SaveAddressLink({ children, className }: { children: ReactNode; className?: string }) {
  const router = useRouter();
  return (
    <Link
      href="/account#addresses"
      className={className}
      onClick={(event) => {
        const form = event.currentTarget.closest("form");
        const plainClick = event.button === 0 && !(event.metaKey || event.ctrlKey || event.shiftKey || event.altKey);
        if (!form || !plainClick) return;
        event.preventDefault();
        const fields = [...new FormData(form)].map(([name, value]) => [name, String(value)]);
        router.push(`/account?${new URLSearchParams(fields)}#addresses`);
      }}
    >
      {children}
    </Link>
  );
}
