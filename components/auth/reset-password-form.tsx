"use client";

import Link from "next/link";

import { resetPasswordAction } from "@/lib/auth/reset-actions";
import { NewPasswordFields } from "@/components/auth/new-password-fields";
import { ActionForm, ActionMessage } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";

/**
 * The new password, twice. The account's email rides along as a hidden username so that a password manager
 * saves the new password for the right account. On success the action sends the visitor to sign in.
 */
export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  return (
    <ActionForm action={resetPasswordAction} className="space-y-4">
      {(state, pending) => (
        <>
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="username" autoComplete="username" value={email} />
          <NewPasswordFields name="password" errors={state.fieldErrors} />
          <ActionMessage state={state} />
          <Button type="submit" disabled={pending} className="w-full">
            {pending ? "Saving…" : "Set new password"}
          </Button>
          {state.message && !state.fieldErrors ? (
            <p className="text-center text-sm">
              <Link className="font-medium text-brand-700 underline" href="/forgot-password">
                Ask for a new link
              </Link>
            </p>
          ) : null}
        </>
      )}
    </ActionForm>
  );
}
