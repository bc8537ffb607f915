import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { safeRedirectTarget } from "@/lib/auth/redirect-target";
import { getViewer } from "@/lib/auth/session";
import { SignInForm } from "@/components/auth/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: PageProps<"/sign-in">) {
  const params = await searchParams;
  const callbackUrl = safeRedirectTarget(params.callbackUrl);
  if (await getViewer()) redirect(callbackUrl);
  const notice =
    params.reset === "done"
      ? "Your password has been changed and the account signed out everywhere. Sign in with your new password."
      : params["signed-out"] === "everywhere"
        ? "You have been signed out on every device."
        : undefined;
  return (
    <>
      <h1 className="mb-6 text-2xl font-bold">Sign in</h1>
      {notice ? (
        <p
          role="status"
          className="mb-4 rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-emerald-200"
        >
          {notice}
        </p>
      ) : null}
      <SignInForm callbackUrl={callbackUrl} />
    </>
  );
}
