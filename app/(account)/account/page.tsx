import type { Metadata } from "next";
import Link from "next/link";

import { requireUser } from "@/lib/auth/session";
import { listOpenSessions } from "@/lib/auth/sessions";
import { PasswordForm } from "@/components/account/password-form";
import { SessionList } from "@/components/account/session-list";
import { QueryStats } from "@/components/layout/query-stats";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const viewer = await requireUser("/account");
  const sessions = await listOpenSessions({ viewer });
  return (
    <div className="space-y-10">
      <header>
        <h1 className="text-2xl font-bold">Your account</h1>
        <p className="text-sm text-stone-600">Signed in as {viewer.email}</p>
        <p className="text-sm text-stone-600">
          Your delivery addresses are on your{" "}
          <Link href="/profile#addresses" className="font-medium text-brand-700 underline">
            profile
          </Link>
          .
        </p>
      </header>
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
