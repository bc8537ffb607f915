"use server";

/**
 * Ends this session: Auth.js clears the cookie and its signOut event revokes the session row (config.ts).
 * The header's sign-out button, on every page. Auth.js (./config) is loaded when someone signs out rather than
 * imported: the root layout would otherwise pull all of it (and every other auth action) into the first compile
 * of any page in `next dev` (decision 0012).
 */
export async function signOutAction() {
  const { signOut } = await import("./config");
  await signOut({ redirectTo: "/" });
}
