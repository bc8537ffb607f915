import Link from "next/link";

/**
 * The cart, or its review, with nothing in it. For a signed-in customer it also points to their orders: the usual
 * way here is Back or reload after placing one, and "empty" alone read as if the order had gone.
 */
export function EmptyCart({ signedIn }: { signedIn: boolean }) {
  return (
    <div className="mx-auto max-w-xl py-12 text-center">
      <h1 className="text-2xl font-bold">Your cart is empty</h1>
      <p className="mt-2 text-stone-600">
        Pick a restaurant and add something good.
        {signedIn ? (
          <>
            {" "}
            Orders you have placed are in{" "}
            <Link href="/orders" className="font-medium text-brand-700 underline">
              your orders
            </Link>
            .
          </>
        ) : null}
      </p>
      <Link href="/" className="mt-6 inline-block font-medium text-brand-700 underline">
        Browse restaurants
      </Link>
    </div>
  );
}
