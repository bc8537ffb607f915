import type { Metadata } from "next";
import Link from "next/link";

import { RESET_LINK_PROBLEMS, resetTokenSchema } from "@/lib/auth/reset-schema";
import { checkResetToken, hashResetToken } from "@/lib/auth/reset-tokens";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { FormMessage } from "@/components/ui/form-message";

// The token is in this page's address: no Referer may carry it anywhere, not even to this site's other pages.
export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

/** What the link is worth now, in one statement. Nothing is spent until the form is sent. */
async function readLink(token: unknown): Promise<{ token: string; email: string } | { problem: string }> {
  const parsed = resetTokenSchema.safeParse(token);
  if (!parsed.success) return { problem: parsed.error.issues[0]!.message };
  const check = await checkResetToken(hashResetToken(parsed.data));
  if (check.status !== "valid") return { problem: RESET_LINK_PROBLEMS[check.status] };
  return { token: parsed.data, email: check.email };
}

export default async function ResetPasswordPage({ searchParams }: PageProps<"/reset-password">) {
  const link = await readLink((await searchParams).token);
  return (
    <>
      <h1 className="mb-6 text-2xl font-bold">Choose a new password</h1>
      {"problem" in link ? (
        <>
          <FormMessage message={link.problem} />
          <p className="mt-4 text-center text-sm">
            <Link className="font-medium text-brand-700 underline" href="/forgot-password">
              Ask for a new link
            </Link>
          </p>
        </>
      ) : (
        <>
          <p className="mb-4 text-sm text-stone-600">
            For <span className="font-medium text-stone-900">{link.email}</span>. Setting it signs the account out
            everywhere.
          </p>
          <ResetPasswordForm token={link.token} email={link.email} />
        </>
      )}
    </>
  );
}
