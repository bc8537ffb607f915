import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";

import { users } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed/accounts";
import { setUserDisabled } from "@/lib/admin/roles";
import { changePassword } from "@/lib/auth/account";
import { authenticate, findActiveViewer } from "@/lib/auth/queries";
import { issueResetToken, newResetToken, resetPassword } from "@/lib/auth/reset-tokens";
import { findSessionViewer } from "@/lib/auth/sessions";

import { freshDatabase } from "../fixtures/db";
import { createUser } from "../fixtures/factory";
import { heldTransaction, untilWaitingOnLocks } from "../fixtures/locks";
import { openSession } from "../fixtures/open-session";

/**
 * Holds a password change or a disable between its update of the account's row and its voiding of the account's
 * reset links (any delay a busy server may add there), so that a reset link used at that moment meets it halfway.
 */
const pause = { reached: () => {}, released: Promise.resolve() };
vi.mock("@/lib/auth/reset-tokens", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/auth/reset-tokens")>();
  return {
    ...real,
    voidResetTokens: async (...args: Parameters<typeof real.voidResetTokens>) => {
      pause.reached();
      await pause.released;
      return real.voidResetTokens(...args);
    },
  };
});

/** Runs `first` until it pauses, then `second`, which must wait for it, then lets `first` go on. */
async function halfway<A, B>(
  first: () => Promise<A>,
  second: () => Promise<B>,
  db: Parameters<typeof untilWaitingOnLocks>[0],
) {
  let release!: () => void;
  const reached = new Promise<void>((resolve) => (pause.reached = resolve));
  pause.released = new Promise<void>((resolve) => (release = resolve));
  const a = first();
  await reached;
  const b = second();
  await untilWaitingOnLocks(db, 1);
  release();
  return Promise.all([a, b]);
}

// PGlite runs one statement at a time: the interleaving exists on the real server only.
describe("an account changed by two hands at once, on postgres", () => {
  const db = freshDatabase("postgres");

  it("waits for a password change under way, which voided the link: the change stands, the link is refused", async () => {
    const { user } = await createUser(db());
    const { token, tokenHash } = newResetToken();
    await issueResetToken({ email: user.email, tokenHash });
    const viewer = (await findSessionViewer({ userId: user.id, sessionId: await openSession(user.id) }))!;

    // Before, the two locked the account and the link in opposite orders: a deadlock, and an error page for one.
    const [changed, reset] = await halfway(
      () => changePassword({ viewer, input: { currentPassword: DEMO_PASSWORD, newPassword: "changed passphrase" } }),
      () => resetPassword({ token, password: "reset passphrase", address: null }),
      db(),
    );
    expect(changed).toEqual({ ok: true, signedOut: 0 });
    expect(reset).toEqual({ ok: false, reason: "unknown" });
    expect(await authenticate(user.email, "changed passphrase")).not.toBeNull();
    expect(await authenticate(user.email, "reset passphrase")).toBeNull();
  });

  it("waits for a disable under way: the account stays disabled and its password unchanged", async () => {
    const admin = await createUser(db(), { role: "admin" });
    const adminViewer = (await findActiveViewer(admin.user.id))!;
    const { user, profile } = await createUser(db());
    const { token, tokenHash } = newResetToken();
    await issueResetToken({ email: user.email, tokenHash });

    const [disabled, reset] = await halfway(
      () => setUserDisabled({ viewer: adminViewer, profileId: profile.id, disabled: true }),
      () => resetPassword({ token, password: "reset passphrase", address: null }),
      db(),
    );
    expect(disabled).toMatchObject({ ok: true, changed: true });
    expect(reset).toEqual({ ok: false, reason: "unknown" });
    await setUserDisabled({ viewer: adminViewer, profileId: profile.id, disabled: false });
    expect(await authenticate(user.email, "reset passphrase")).toBeNull();
    expect(await authenticate(user.email, DEMO_PASSWORD)).not.toBeNull();
  });

  it("a password change that meets a disable under way says the session ended, not that the password is wrong", async () => {
    const { user } = await createUser(db());
    const viewer = (await findSessionViewer({ userId: user.id, sessionId: await openSession(user.id) }))!;
    const disable = heldTransaction(db(), (tx) =>
      tx.update(users).set({ disabled: true }).where(eq(users.id, user.id)),
    );
    await disable.held;
    const change = changePassword({
      viewer,
      input: { currentPassword: DEMO_PASSWORD, newPassword: "changed passphrase" },
    });
    await untilWaitingOnLocks(db(), 1);
    disable.release();
    await disable.done;
    expect(await change).toEqual({ ok: false, reason: "not-found" });
  });
});
