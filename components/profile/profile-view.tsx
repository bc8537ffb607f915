import Link from "next/link";

import type { ProfileView as Profile } from "@/lib/profile/queries";
import { AddressSummary } from "@/components/account/address-summary";
import { LocalTime } from "@/components/ui/local-time";
import { Money } from "@/components/ui/money";
import { Stat } from "@/components/ui/stat";

import { OrderHistory } from "./order-history";
import { RestaurantList } from "./restaurant-list";

export function ProfileView({
  profile,
  basePath,
  isFirstPage,
  own = false,
}: {
  profile: Profile;
  basePath: string;
  isFirstPage: boolean;
  /** The viewer's own profile: it points to where addresses are edited, and to the password and devices (/account). */
  own?: boolean;
}) {
  const owned = profile.ownedRestaurants.map((o) => o.restaurant);
  return (
    <div className="space-y-8">
      <header className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-3xl font-bold tracking-tight">{profile.displayName}</h1>
          <p className="text-sm text-stone-500">
            <span className="capitalize">{profile.user.role}</span> · member since{" "}
            <LocalTime date={profile.createdAt} dateOnly />
          </p>
        </div>
      </header>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Stat label="Total purchase" testId="total-purchase">
          <Money cents={profile.totalPurchaseCents} />
        </Stat>
        <Stat label="Orders counted" testId="order-count">
          {profile.orderCount.toLocaleString("en-US")}
        </Stat>
        <Stat label="Restaurants owned">{owned.length}</Stat>
        <Stat label="Favorites">{profile.favoriteCount.toLocaleString("en-US")}</Stat>
      </dl>
      <p className="-mt-5 text-xs text-stone-500">
        Totals count every order except cancelled ones, at the prices paid. Total purchase includes delivery fees.
      </p>
      {own ? (
        <p className="text-sm text-stone-600">
          Your password and signed-in devices are on your{" "}
          <Link href="/account" className="font-medium text-brand-700 underline">
            account page
          </Link>
          .
        </p>
      ) : null}
      <div className="grid gap-4 md:grid-cols-2">
        <RestaurantList title="Restaurants owned" restaurants={owned} empty="Not an owner of any restaurant." />
        <RestaurantList
          title="Favorites"
          restaurants={profile.favorites.map((f) => f.restaurant)}
          empty="No favorites yet."
        />
      </div>
      <section id="addresses" aria-labelledby="addresses-heading" className="space-y-4">
        <h2 id="addresses-heading" className="text-lg font-semibold">
          Delivery addresses
        </h2>
        {profile.addresses.length === 0 ? (
          <p className="text-sm text-stone-600">No saved addresses.</p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2">
            {profile.addresses.map((a) => (
              <li key={a.id} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
                <AddressSummary address={a} />
              </li>
            ))}
          </ul>
        )}
        {own ? (
          <p className="text-sm">
            <Link href="/account#addresses" className="font-medium text-brand-700 underline">
              Add or edit addresses
            </Link>
          </p>
        ) : null}
      </section>
      <OrderHistory
        orders={profile.orders}
        nextCursor={profile.nextCursor}
        basePath={basePath}
        isFirstPage={isFirstPage}
      />
    </div>
  );
}
