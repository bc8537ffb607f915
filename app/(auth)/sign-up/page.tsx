import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { safeRedirectTarget } from "@/lib/auth/redirect-target";
import { getViewer } from "@/lib/auth/session";
import { SignUpForm } from "@/components/auth/sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: PageProps<"/sign-up">) {
  const callbackUrl = safeRedirectTarget((await searchParams).callbackUrl);
  if (await getViewer()) redirect(callbackUrl);
  return (
    <>
      <h1 className="mb-6 text-2xl font-bold">Create your account</h1>
      <SignUpForm callbackUrl={callbackUrl} />
    </>
  );
}
