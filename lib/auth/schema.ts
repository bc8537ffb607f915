import { z } from "zod";

import { codePoints } from "@/lib/validation";

// Control and format characters (including zero-width and bidi overrides) have no place in a name, nor half of a
// surrogate pair, which is no text PostgreSQL can hold (the drivers would store U+FFFD in its place).
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address, like name@example.com."))
  .transform((email) => email.toLowerCase());

export const passwordSchema = z
  .string({ error: "Enter a password." })
  .min(8, "Use at least 8 characters.")
  .max(200, "Use at most 200 characters.");

export const displayNameSchema = z
  .string({ error: "Enter your name." })
  .transform((name) => name.normalize("NFC").trim().replace(/\s+/g, " "))
  .pipe(
    z
      .string()
      .min(1, "Enter your name.")
      // In characters, as the database's check counts them: 41 emoji are 82 UTF-16 units but 41 characters.
      .refine((name) => codePoints(name) <= 80, "Use at most 80 characters.")
      .refine((name) => !INVISIBLE.test(name), "Remove invisible or control characters."),
  );

export const signUpSchema = z.object({ name: displayNameSchema, email: emailSchema, password: passwordSchema });

// Sign-in does not explain what is wrong with a password beyond "missing": any other failure is the same message.
export const signInSchema = z.object({
  email: emailSchema,
  password: z
    .string({ error: "Enter your password." })
    .min(1, "Enter your password.")
    .max(200, "Invalid email or password."),
});

export type SignUpInput = z.infer<typeof signUpSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: "Enter your current password." })
      .min(1, "Enter your current password.")
      .max(200, "Your current password is wrong."),
    newPassword: passwordSchema,
    confirmPassword: z.string({ error: "Repeat the new password." }),
  })
  .refine((input) => input.newPassword === input.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two new passwords do not match.",
  })
  .refine((input) => input.newPassword !== input.currentPassword, {
    path: ["newPassword"],
    message: "Choose a password different from the current one.",
  });

export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
