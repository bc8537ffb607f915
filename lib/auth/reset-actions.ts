"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { after } from "next/server";

import { formToObject, invalid, UNREADABLE_FORM, type ActionState } from "@/lib/action";
import { sendMail, type Mail } from "@/lib/mail";

import { clientAddress } from "./client-address";
import { resetLinkOrigin } from "./reset-link";
import { requestPasswordReset } from "./reset-request";
import {
  forgotPasswordSchema,
  RESET_LINK_PROBLEMS,
  RESET_REQUESTED_MESSAGE,
  resetPasswordSchema,
} from "./reset-schema";
import { pruneResetThrottles } from "./reset-throttle";
import { pruneResetTokens, resetPassword } from "./reset-tokens";

/**
 * After the response: the mail (so that an address with an account answers as fast as one without, however slow
 * the mail server) and the pruning of old rows. Failures are logged, never shown: the visitor has had their answer.
 */
async function afterResetRequest(mail: Mail | null) {
  if (mail) {
    try {
      await sendMail(mail);
    } catch (error) {
      console.error(`[reset] the password reset mail to ${mail.to} could not be sent:`, (error as Error).message);
    }
  }
  try {
    await pruneResetThrottles();
    await pruneResetTokens();
  } catch (error) {
    console.error("[reset] pruning old reset rows failed:", (error as Error).message);
  }
}

/** "Forgot your password?": the same answer for every valid email (decision 0017). A public endpoint. */
export async function forgotPasswordAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const input = formToObject(form);
  if (!input) return UNREADABLE_FORM;
  const parsed = forgotPasswordSchema.safeParse(input);
  if (!parsed.success) return invalid(parsed.error);
  const request = await headers();
  const { mail } = await requestPasswordReset({
    email: parsed.data.email,
    address: clientAddress(request),
    origin: resetLinkOrigin(request),
  });
  after(() => afterResetRequest(mail));
  return { ok: true, message: RESET_REQUESTED_MESSAGE };
}

/**
 * A new password from a reset link: on success every session of the account has ended, and the visitor signs in
 * with the new password. A link that is missing, malformed, unknown, used or expired gets its own message.
 */
export async function resetPasswordAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const input = formToObject(form);
  if (!input) return UNREADABLE_FORM;
  const parsed = resetPasswordSchema.safeParse(input);
  if (!parsed.success) {
    const tokenProblem = parsed.error.issues.find((issue) => issue.path[0] === "token");
    return tokenProblem ? { message: tokenProblem.message } : invalid(parsed.error);
  }
  const outcome = await resetPassword({
    token: parsed.data.token,
    password: parsed.data.password,
    address: clientAddress(await headers()),
  });
  if (!outcome.ok) return { message: RESET_LINK_PROBLEMS[outcome.reason] };
  redirect("/sign-in?reset=done");
}
