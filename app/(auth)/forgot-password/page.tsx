import type { Metadata } from "next";

import { RESET_TOKEN_MINUTES } from "@/lib/auth/reset-schema";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";

export const metadata: Metadata = { title: "Forgot your password?" };

export default function ForgotPasswordPage() {
  return (
    <>
      <h1 className="mb-2 text-2xl font-bold">Forgot your password?</h1>
      <p className="mb-6 text-sm text-stone-600">
        Enter the email address of your account. We&apos;ll send you a link to choose a new password; it works for{" "}
        {RESET_TOKEN_MINUTES} minutes.
      </p>
      <ForgotPasswordForm />
    </>
  );
}
