/** The words a throttled visitor reads, in the sign-in form, the password form and the 429's body alike. */
export const tooManyAttemptsMessage = (seconds: number) => `Too many attempts, try again in ${seconds} s.`;
