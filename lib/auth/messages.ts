import { counted } from "@/lib/words";

/** The words a throttled visitor reads, in the sign-in form, the password form and the 429's body alike. */
export const tooManyAttemptsMessage = (seconds: number) => `Too many attempts, try again in ${seconds} s.`;

/** After a password change or "sign out everywhere else": how many other sessions ended, none said as such. */
export function otherSessionsSignedOut(count: number): string {
  if (count === 0) return "No other session was signed in.";
  return `${counted(count, "other session was", "other sessions were")} signed out.`;
}
