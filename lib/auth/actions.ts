"use server";

import { AuthError } from "next-auth";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";

import { fieldError, formAction, SESSION_ENDED, UNREADABLE_FORM, type ActionState } from "@/lib/action";

import { changePassword, signOutSessions } from "./account";
import { clientAddress } from "./client-address";
import { signIn, signOut } from "./config";
import { otherSessionsSignedOut, tooManyAttemptsMessage } from "./messages";
import { safeRedirectTarget } from "./redirect-target";
import { changePasswordSchema, signInSchema, signUpSchema } from "./schema";
import { getViewer } from "./session";
import { signUp } from "./sign-up";

export type FormState = {
  /** Set when something was done although the visitor stays on the form (an account created, not signed in). */
  ok?: true;
  message?: string;
  fieldErrors?: Partial<Record<"name" | "email" | "password", string[]>>;
  values?: { name?: string; email?: string };
};

const field = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
};

/** The lock's remaining seconds when Auth.js rethrew authorize's refusal (config.ts ThrottledSignIn), else null. */
function retryAfter(error: AuthError): number | null {
  const { code, retryAfterSeconds } = error as AuthError & { code?: string; retryAfterSeconds?: unknown };
  return code === "throttled" && typeof retryAfterSeconds === "number" ? retryAfterSeconds : null;
}

async function signInAndRedirect(email: string, password: string, redirectTo: string): Promise<FormState | never> {
  try {
    await signIn("credentials", { email, password, redirectTo });
  } catch (error) {
    // signIn redirects by throwing; only Auth.js' own errors mean "not signed in".
    if (error instanceof AuthError) {
      const seconds = retryAfter(error);
      if (seconds !== null) return { message: tooManyAttemptsMessage(seconds), values: { email } };
      return { message: "Invalid email or password.", values: { email } };
    }
    throw error;
  }
  return {};
}

export async function signInAction(_state: FormState, form: FormData): Promise<FormState> {
  // A public endpoint: anything can arrive as its second argument.
  if (!(form instanceof FormData)) return { message: UNREADABLE_FORM.message };
  const email = field(form, "email");
  const parsed = signInSchema.safeParse({ email, password: field(form, "password") });
  if (!parsed.success) return { fieldErrors: z.flattenError(parsed.error).fieldErrors, values: { email } };
  return signInAndRedirect(parsed.data.email, parsed.data.password, safeRedirectTarget(field(form, "callbackUrl")));
}

export async function signUpAction(_state: FormState, form: FormData): Promise<FormState> {
  if (!(form instanceof FormData)) return { message: UNREADABLE_FORM.message };
  const values = { name: field(form, "name"), email: field(form, "email") };
  const parsed = signUpSchema.safeParse({ ...values, password: field(form, "password") });
  if (!parsed.success) return { fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  const created = await signUp({ input: parsed.data, address: clientAddress(await headers()) });
  if (!created.ok) {
    if (created.reason === "throttled") return { message: tooManyAttemptsMessage(created.retryAfterSeconds), values };
    return { fieldErrors: { email: ["An account with this email already exists. Sign in instead?"] }, values };
  }
  const refused = await signInAndRedirect(
    parsed.data.email,
    parsed.data.password,
    safeRedirectTarget(field(form, "callbackUrl")),
  );
  // Still here: the account exists, but signing in was refused (this address is locked out, say). Say both.
  return {
    ok: true,
    message: `Your account was created, but you could not be signed in yet. ${refused.message ?? ""}`.trim(),
    values,
  };
}

export const changePasswordAction = formAction(changePasswordSchema, async (input, viewer): Promise<ActionState> => {
  const result = await changePassword({ viewer, input, address: clientAddress(await headers()) });
  if (!result.ok) {
    if (result.reason === "throttled") return { message: tooManyAttemptsMessage(result.retryAfterSeconds) };
    if (result.reason === "wrong-password") {
      return fieldError("currentPassword", "Your current password is wrong.");
    }
    return SESSION_ENDED;
  }
  revalidatePath("/account");
  return { ok: true, message: `Password changed. ${otherSessionsSignedOut(result.signedOut)}` };
});

export async function signOutOtherSessionsAction(): Promise<ActionState> {
  const viewer = await getViewer();
  if (!viewer) return SESSION_ENDED;
  const ended = await signOutSessions({ viewer, keepCurrent: true, address: clientAddress(await headers()) });
  revalidatePath("/account");
  return {
    ok: true,
    message: otherSessionsSignedOut(ended),
  };
}

/** Every session, this one included; then this browser's cookie goes too. */
export async function signOutEverywhereAction(): Promise<void> {
  const viewer = await getViewer();
  if (viewer) await signOutSessions({ viewer, keepCurrent: false, address: clientAddress(await headers()) });
  // The sign-in page says what happened: landing on it with no word looked like being thrown out.
  await signOut({ redirectTo: "/sign-in?signed-out=everywhere" });
}
