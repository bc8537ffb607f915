import Link from "next/link";

import type { Viewer } from "@/lib/auth/queries";
import { getViewer } from "@/lib/auth/session";
import { signOutAction } from "@/lib/auth/sign-out";
import { anonymousCartId } from "@/lib/cart/cookie";
import { anonymousCartItemCount } from "@/lib/cart/count";

import { MobileMenu } from "./mobile-menu";

/**
 * The number of items in the visitor's cart: read with the session for a signed-in viewer (no statement of its own);
 * one small statement for an anonymous visitor with a cart cookie; none without one.
 */
async function cartItemCount(viewer: Viewer | null) {
  if (viewer) return viewer.cartItemCount ?? 0;
  const anonymousId = await anonymousCartId();
  return anonymousId ? anonymousCartItemCount(anonymousId) : 0;
}

/** Always in sight, at every width: the cart and its count. */
function CartLink({ count }: { count: number }) {
  return (
    <Link href="/cart" className="nav-link text-sm">
      Cart
      {/* A space, so that the link reads "Cart 2 items", not "Cart2 items". */}
      {count > 0 ? " " : null}
      {count > 0 ? (
        <span
          data-testid="cart-count"
          className="rounded-full bg-brand-700 px-1.5 py-0.5 text-xs font-semibold text-white"
        >
          {count}
          <span className="sr-only"> {count === 1 ? "item" : "items"}</span>
        </span>
      ) : null}
    </Link>
  );
}

/**
 * The other links every page carries. Wide screens show them in one row; below the `sm` breakpoint they fold into a
 * "Menu" disclosure so the header stays one row at 360 px. The list is rendered twice (one copy is display:none at
 * each width, so assistive technology and tests see one) rather than re-flowed, because a closed <details> cannot
 * be forced open by CSS alone.
 */
function NavLinks({ viewer, stacked }: { viewer: Viewer | null; stacked: boolean }) {
  const layout = stacked ? "flex flex-col items-stretch gap-1" : "flex items-center gap-1";
  return (
    <div className={`${layout} text-sm`}>
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
            <button type="submit" className="w-full nav-link text-left">
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
  );
}

export async function SiteHeader() {
  const viewer = await getViewer();
  const cartCount = await cartItemCount(viewer);
  return (
    <header className="border-b border-stone-200 bg-white print:hidden">
      <nav aria-label="Main" className="relative mx-auto flex max-w-5xl items-center justify-between gap-x-4 px-4 py-3">
        <Link href="/" className="text-lg font-bold tracking-tight text-brand-700">
          Platter
        </Link>
        <div className="flex items-center gap-1">
          <CartLink count={cartCount} />
          <div className="hidden sm:block">
            <NavLinks viewer={viewer} stacked={false} />
          </div>
          <MobileMenu>
            <NavLinks viewer={viewer} stacked />
          </MobileMenu>
        </div>
      </nav>
    </header>
  );
}
