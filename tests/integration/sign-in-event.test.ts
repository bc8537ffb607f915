import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { userSessions } from "@/db/schema";
import { adoptCartAtSignIn } from "@/lib/auth/callbacks";
import { findSessionViewer } from "@/lib/auth/sessions";
import { CART_COOKIE } from "@/lib/cart/cookie";
import { addToCart, adoptAnonymousCart, getCart } from "@/lib/cart/queries";

import { DRIVERS, freshDatabase } from "../fixtures/db";
import { createRestaurant, createUser } from "../fixtures/factory";
import { cookieJar } from "../fixtures/next-headers";
import { openSession } from "../fixtures/open-session";

vi.mock("next/headers", async () => (await import("../fixtures/next-headers")).nextHeadersMock);
vi.mock("@/lib/cart/queries", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/cart/queries")>();
  return { ...real, adoptAnonymousCart: vi.fn(real.adoptAnonymousCart) };
});

describe.each(DRIVERS)("the sign-in event on %s", (driver) => {
  const db = freshDatabase(driver);
  beforeEach(() => cookieJar.clear());

  async function visitorWithCart() {
    const { user } = await createUser(db());
    const { items } = await createRestaurant(db(), [{ name: "Soup", priceCents: 500 }]);
    const anonymousId = crypto.randomUUID();
    await addToCart({ holder: { anonymousId }, menuItemId: items[0]!.id, quantity: 2 });
    cookieJar.set(CART_COOKIE, anonymousId);
    return { user, sid: await openSession(user.id) };
  }

  it("hands the visitor's cart to the account and forgets the anonymous cookie", async () => {
    const { user, sid } = await visitorWithCart();
    await adoptCartAtSignIn({ user: { id: user.id, sid } });
    expect(cookieJar.has(CART_COOKIE)).toBe(false);
    const viewer = await findSessionViewer({ userId: user.id, sessionId: sid });
    expect(await getCart({ holder: { profileId: viewer!.profileId } })).toMatchObject({
      lines: [{ name: "Soup", quantity: 2 }],
    });
  });

  it("ends the session row it was opened with when the hand-over fails, since no cookie will carry it", async () => {
    const { user, sid } = await visitorWithCart();
    vi.mocked(adoptAnonymousCart).mockRejectedValueOnce(new Error("connection lost"));
    await expect(adoptCartAtSignIn({ user: { id: user.id, sid } })).rejects.toThrow("connection lost");
    const [row] = await db().select().from(userSessions).where(eq(userSessions.id, sid));
    expect(row?.revokedReason).toBe("sign_in_failed");
    expect(await findSessionViewer({ userId: user.id, sessionId: sid })).toBeNull();
  });
});
