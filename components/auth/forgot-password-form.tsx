"use client";

import Link from "next/link";

import { forgotPasswordAction } from "@/lib/auth/reset-actions";
import { ActionForm, ActionMessage } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";

/** The email to send a reset link to. Every valid address gets the same answer (lib/auth/reset-actions.ts). */
export function ForgotPasswordForm() {
  return (
    <ActionForm action={forgotPasswordAction} className="space-y-4">
      {(state, pending) => (
        <>
          <TextField
            name="email"
            type="email"
            label="Email"
            autoComplete="email"
            required
            errors={state.fieldErrors?.email}
          />
          <ActionMessage state={state} />
          <Button type="submit" disabled={pending} className="w-full">
            {pending ? "Sending…" : "Send me a reset link"}
          </Button>
          <p className="text-center text-sm text-stone-600">
            Remembered it?{" "}
            <Link className="font-medium text-brand-700 underline" href="/sign-in">
              Sign in
            </Link>
          </p>
        </>
      )}
    </ActionForm>
  );
}
