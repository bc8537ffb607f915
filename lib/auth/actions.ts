"use server";
import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn, signOut } from "./config";
import { createAccount } from "./queries";
import { safeRedirectTarget } from "./redirect-target";
import { signInSchema, signUpSchema } from "./schema";

export type FormState = {
  message?: string;
  fieldErrors?: Partial<Record<"name" | "email" | "password", string[]>>;
  values?: { name?: string; email?: string };
};

const field = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
};

async function signInAndRedirect(email: string, password: string, redirectTo: string): Promise<FormState | never> {
  try {
    await signIn("credentials", { email, password, redirectTo });
  } catch (error) {
    // signIn redirects by throwing; only Auth.js' own errors mean "not signed in".
    if (error instanceof AuthError) return { message: "Invalid email or password.", values: { email } };
    throw error;
  }
  return {};
}

export async function signInAction(_state: FormState, form: FormData): Promise<FormState> {
  const email = field(form, "email");
  const parsed = signInSchema.safeParse({ email, password: field(form, "password") });
  if (!parsed.success) return { fieldErrors: z.flattenError(parsed.error).fieldErrors, values: { email } };
  return signInAndRedirect(parsed.data.email, parsed.data.password, safeRedirectTarget(field(form, "callbackUrl")));
}

export async function signUpAction(_state: FormState, form: FormData): Promise<FormState> {
  const values = { name: field(form, "name"), email: field(form, "email") };
  const parsed = signUpSchema.safeParse({ ...values, password: field(form, "password") });
  if (!parsed.success) return { fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  const created = await createAccount(parsed.data);
  if (!created.ok) {
    return { fieldErrors: { email: ["An account with this email already exists. Sign in instead?"] }, values };
  }
  return signInAndRedirect(parsed.data.email, parsed.data.password, safeRedirectTarget(field(form, "callbackUrl")));
}

export async function signOutAction() {
  await signOut({ redirectTo: "/" });
}
