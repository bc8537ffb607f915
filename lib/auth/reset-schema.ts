import { z } from "zod";

import { emailSchema, passwordSchema } from "./schema";

/** How long a reset link works (decision 0017). */
export const RESET_TOKEN_MINUTES = 30;

/** The one answer to every well-formed request, whether or not the address has an account (or got a mail). */
export const RESET_REQUESTED_MESSAGE =
  `If an account exists for that address, we've sent a link to reset its password. ` +
  `It works for ${RESET_TOKEN_MINUTES} minutes; check your spam folder if it does not arrive.`;

/** Why a reset link does not work, in the words its holder reads (the page and the form alike). */
export const RESET_LINK_PROBLEMS = {
  missing: "This page needs the link from your password reset mail. Ask for a new link below.",
  unknown: "This reset link is not valid: it may be incomplete, or a newer link replaced it. Ask for a new one.",
  used: "This reset link has already been used. Ask for a new one if you still need it.",
  expired: `This reset link has expired (links work for ${RESET_TOKEN_MINUTES} minutes). Ask for a new one.`,
} as const;

export type ResetLinkProblem = keyof typeof RESET_LINK_PROBLEMS;

export const forgotPasswordSchema = z.object({ email: emailSchema });

/** A reset link's token: 32 bytes in base64url, exactly 43 characters of A-Z a-z 0-9 - _. */
export const resetTokenSchema = z
  .string({ error: RESET_LINK_PROBLEMS.missing })
  .min(1, RESET_LINK_PROBLEMS.missing)
  .regex(/^[A-Za-z0-9_-]{43}$/, RESET_LINK_PROBLEMS.unknown);

export const resetPasswordSchema = z
  .object({
    token: resetTokenSchema,
    password: passwordSchema,
    confirmPassword: z.string({ error: "Repeat the new password." }).max(200, "The two passwords do not match."),
  })
  .refine((input) => input.password === input.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two passwords do not match.",
  });

export type ResetPasswordInput = z.infer<typeof resetPasswordSchema>;
