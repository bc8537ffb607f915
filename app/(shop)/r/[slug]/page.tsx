import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";

import { getViewer } from "@/lib/auth/session";
import { currentCartHolder } from "@/lib/cart/holder";
import { canBeChosen } from "@/lib/cart/options";
import { getRestaurantPage } from "@/lib/restaurants/queries";
import { pathSlug } from "@/lib/validation";
import { QueryStats } from "@/components/layout/query-stats";
import { AddToCartButton } from "@/components/shop/add-to-cart-button";
import { FavoriteButton } from "@/components/shop/favorite-button";
import { ItemOptionsForm } from "@/components/shop/item-options-form";
import { OpenBadge, OpeningHours } from "@/components/shop/opening-status";
import { Disclosure } from "@/components/ui/disclosure";
import { Money } from "@/components/ui/money";

/** The page's one read, shared with generateMetadata for the tab's title (React cache: once per request). */
const loadRestaurant = cache(async (slug: string) => {
  const viewer = await getViewer();
  return getRestaurantPage({ slug, viewer, cartHolder: await currentCartHolder() });
});

export async function generateMetadata({ params }: PageProps<"/r/[slug]">): Promise<Metadata> {
  const { slug } = await params;
  const restaurant = pathSlug.safeParse(slug).success ? await loadRestaurant(slug) : undefined;
  return restaurant ? { title: restaurant.name } : {};
}

export default async function RestaurantPage({ params }: PageProps<"/r/[slug]">) {
  const { slug } = await params;
  if (!pathSlug.safeParse(slug).success) notFound();
  const viewer = await getViewer();
  const restaurant = await loadRestaurant(slug);
  if (!restaurant) notFound();

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold tracking-tight">{restaurant.name}</h1>
          <p className="text-stone-600">
            {restaurant.cuisine} · {restaurant.address} · <OpenBadge openNow={restaurant.openNow} label="Open now" />
          </p>
          <OpeningHours restaurant={restaurant} className="text-sm" />
          <p className="mt-2 max-w-2xl text-stone-700">{restaurant.description}</p>
        </div>
        {viewer ? (
          <FavoriteButton
            restaurantId={restaurant.id}
            restaurantName={restaurant.name}
            isFavorite={restaurant.isFavorite}
          />
        ) : (
          <Link
            href={`/sign-in?callbackUrl=${encodeURIComponent(`/r/${restaurant.slug}`)}`}
            className="text-sm text-brand-700 underline"
          >
            Sign in to save favorites
          </Link>
        )}
      </header>
      {restaurant.cartElsewhere ? (
        <p className="rounded-lg bg-amber-50 px-4 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
          Your cart has items from {restaurant.cartElsewhere}. Adding an item here will ask before starting a new cart.
        </p>
      ) : null}
      {!restaurant.isOpen ? (
        <p className="rounded-lg bg-stone-100 px-4 py-2 text-sm text-stone-700">
          {restaurant.name} is closed: you can browse the menu, but not order.
        </p>
      ) : !restaurant.openNow ? (
        <p className="rounded-lg bg-stone-100 px-4 py-2 text-sm text-stone-700">
          {restaurant.name} is outside its opening hours: you can fill your cart now and order once it opens.
        </p>
      ) : null}
      {restaurant.categories.map((category) => (
        <section
          key={category.id}
          aria-labelledby={`category-${category.id}`}
          className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200"
        >
          <h2 id={`category-${category.id}`} className="text-lg font-semibold">
            {category.name}
          </h2>
          <ul className="mt-2 divide-y divide-stone-100">
            {category.items.map((item) => {
              const blocked = whyNotOrderable(item, restaurant.isOpen);
              return (
                <li key={item.id} className="flex flex-wrap items-start justify-between gap-4 py-3">
                  <div>
                    <p className={`font-medium ${item.available ? "" : "text-stone-600"}`}>{item.name}</p>
                    {item.description ? <p className="text-sm text-stone-500">{item.description}</p> : null}
                    <Money cents={item.priceCents} className="text-sm text-stone-700" />
                  </div>
                  {blocked ? (
                    <span className="text-sm text-stone-600">{blocked}</span>
                  ) : item.optionGroups.length > 0 ? (
                    <ItemOptionsForm menuItemId={item.id} name={item.name} groups={item.optionGroups} />
                  ) : (
                    <div className="flex flex-col items-end gap-1">
                      <AddToCartButton menuItemId={item.id} name={item.name} />
                      <Disclosure className="text-sm">
                        <summary className="min-h-6 cursor-pointer text-right font-medium text-brand-700">
                          Add with a note<span className="sr-only"> for {item.name}</span>
                        </summary>
                        <ItemOptionsForm menuItemId={item.id} name={item.name} groups={[]} />
                      </Disclosure>
                    </div>
                  )}
                </li>
              );
            })}
            {category.items.length === 0 ? <li className="py-3 text-sm text-stone-500">Nothing here yet.</li> : null}
          </ul>
        </section>
      ))}
      <p className="text-right">
        <Link href="/cart" className="font-semibold text-brand-700 underline">
          Go to your cart →
        </Link>
      </p>
      <QueryStats />
    </div>
  );
}

/** What a dish shows in place of its Add when it cannot be ordered now, or null when it can. */
function whyNotOrderable(
  item: { available: boolean; optionGroups: Parameters<typeof canBeChosen>[0] },
  restaurantIsOpen: boolean,
): string | null {
  if (!item.available) return "Unavailable";
  if (!restaurantIsOpen) return "Closed";
  return canBeChosen(item.optionGroups) ? null : "Sold out";
}
