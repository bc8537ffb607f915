import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { safeRedirectTarget } from "@/lib/auth/redirect-target";
import { getViewer } from "@/lib/auth/session";
import { SignInForm } from "@/components/auth/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: PageProps<"/sign-in">) {
  const callbackUrl = safeRedirectTarget((await searchParams).callbackUrl);
  if (await getViewer()) redirect(callbackUrl);
  return (
    <>
      <h1 className="mb-6 text-2xl font-bold">Sign in</h1>
      <SignInForm callbackUrl={callbackUrl} />
    </>
  );
}
