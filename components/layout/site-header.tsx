import Link from "next/link";

import type { Viewer } from "@/lib/auth/queries";
import { getViewer } from "@/lib/auth/session";
import { signOutAction } from "@/lib/auth/sign-out";
import { anonymousCartItemCount } from "@/lib/cart/count";
import { anonymousCartId } from "@/lib/cart/owner";

/**
 * The number of items in the visitor's cart: read with the session for a signed-in viewer (no statement of its own);
 * one small statement for an anonymous visitor with a cart cookie; none without one.
 */
async function cartItemCount(viewer: Viewer | null) {
  if (viewer) return viewer.cartItemCount ?? 0;
  const anonymousId = await anonymousCartId();
  return anonymousId ? anonymousCartItemCount(anonymousId) : 0;
}

export async function SiteHeader() {
  const viewer = await getViewer();
  const cartCount = await cartItemCount(viewer);
  return (
    <header className="border-b border-stone-200 bg-white">
      <nav
        aria-label="Main"
        className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-4 gap-y-1 px-4 py-3"
      >
        <Link href="/" className="text-lg font-bold tracking-tight text-brand-700">
          Platter
        </Link>
        <div className="flex flex-wrap items-center gap-1 text-sm">
          <Link href="/cart" className="nav-link">
            Cart
            {/* A space, so that the link reads "Cart 2 items", not "Cart2 items". */}
            {cartCount > 0 ? " " : null}
            {cartCount > 0 ? (
              <span
                data-testid="cart-count"
                className="rounded-full bg-brand-700 px-1.5 py-0.5 text-xs font-semibold text-white"
              >
                {cartCount}
                <span className="sr-only"> {cartCount === 1 ? "item" : "items"}</span>
              </span>
            ) : null}
          </Link>
          {viewer ? (
            <>
              {viewer.role === "admin" ? (
                <Link href="/admin" className="nav-link">
                  Admin
                </Link>
              ) : null}
              {viewer.role === "owner" ? (
                <Link href="/owner" className="nav-link">
                  Your restaurants
                </Link>
              ) : null}
              <Link href="/orders" className="nav-link">
                Orders
              </Link>
              <Link href="/profile" className="nav-link">
                {viewer.displayName}
              </Link>
              <Link href="/account" className="nav-link">
                Account
              </Link>
              <form action={signOutAction}>
                <button type="submit" className="nav-link">
                  Sign out
                </button>
              </form>
            </>
          ) : (
            <>
              <Link href="/sign-in" className="nav-link">
                Sign in
              </Link>
              <Link
                href="/sign-up"
                className="rounded-lg bg-brand-600 px-3 py-2 font-semibold text-white hover:bg-brand-700"
              >
                Sign up
              </Link>
            </>
          )}
        </div>
      </nav>
    </header>
  );
}
