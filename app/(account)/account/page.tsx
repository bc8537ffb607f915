import type { Metadata } from "next";
import Link from "next/link";

import { listAddresses } from "@/lib/addresses/queries";
import { requireUser } from "@/lib/auth/session";
import { listOpenSessions } from "@/lib/auth/sessions";
import { cartReturnHref } from "@/lib/orders/schema";
import { AddressBook } from "@/components/account/address-book";
import { PasswordForm } from "@/components/account/password-form";
import { SessionList } from "@/components/account/session-list";
import { QueryStats } from "@/components/layout/query-stats";

export const metadata: Metadata = { title: "Your account" };

/** `searchParams`: a choice the cart or the review sent along with a customer who came to add an address. */
export default async function AccountPage({ searchParams }: PageProps<"/account">) {
  const viewer = await requireUser("/account");
  const backToCart = cartReturnHref(await searchParams);
  const [sessions, addresses] = await Promise.all([listOpenSessions({ viewer }), listAddresses({ viewer })]);
  return (
    <div className="space-y-10">
      <header>
        <h1 className="text-2xl font-bold">Your account</h1>
        <p className="text-sm text-stone-600">Signed in as {viewer.email}</p>
      </header>
      <section id="addresses" aria-labelledby="addresses-heading" className="space-y-4">
        <h2 id="addresses-heading" className="text-lg font-semibold">
          Delivery addresses
        </h2>
        <AddressBook addresses={addresses} />
        {backToCart ? (
          <p>
            <Link href={backToCart} className="text-sm font-medium text-brand-700 underline">
              ← Back to your cart
            </Link>
          </p>
        ) : null}
      </section>
      <section aria-labelledby="password-heading" className="max-w-md space-y-4">
        <h2 id="password-heading" className="text-lg font-semibold">
          Change password
        </h2>
        <PasswordForm />
      </section>
      <section aria-labelledby="sessions-heading" className="space-y-4">
        <h2 id="sessions-heading" className="text-lg font-semibold">
          Where you are signed in
        </h2>
        <SessionList sessions={sessions} currentSessionId={viewer.sessionId} />
      </section>
      <QueryStats />
    </div>
  );
}
