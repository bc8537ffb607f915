import type { Metadata } from "next";

import { listAddresses } from "@/lib/addresses/queries";
import { requireUser } from "@/lib/auth/session";
import { listOpenSessions } from "@/lib/auth/sessions";
import { AddressBook } from "@/components/account/address-book";
import { PasswordForm } from "@/components/account/password-form";
import { SessionList } from "@/components/account/session-list";
import { QueryStats } from "@/components/layout/query-stats";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const viewer = await requireUser("/account");
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
