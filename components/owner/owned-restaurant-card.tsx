import Link from "next/link";
import type { ReactNode } from "react";

import type { OwnedRestaurant } from "@/lib/owner/queries";
import { openState } from "@/lib/restaurants/hours-format";
import { Disclosure } from "@/components/ui/disclosure";
import { Money } from "@/components/ui/money";

import { RestaurantDetailsForm } from "./restaurant-details-form";

const TOOLS = [
  { path: "orders", label: "Orders" },
  { path: "past-orders", label: "Past orders" },
  { path: "menu", label: "Menu" },
  { path: "sales", label: "Sales" },
  { path: "hours", label: "Hours" },
];

/** One of the owner's restaurants on /owner: its figures, its tools and its details form (the shop's RestaurantCard is a customer's). */
export function OwnedRestaurantCard({ restaurant }: { restaurant: OwnedRestaurant }) {
  const headingId = `restaurant-${restaurant.id}-heading`;
  const link = "rounded-lg px-3 py-1.5 text-sm font-medium text-stone-700 ring-1 ring-stone-200 hover:bg-stone-100";
  return (
    <section aria-labelledby={headingId} className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={headingId} className="text-lg font-semibold">
          {restaurant.name}
        </h2>
        <span className={`text-sm font-medium ${restaurant.openNow ? "text-emerald-700" : "text-stone-600"}`}>
          {openState(restaurant)}
        </span>
      </div>
      <p className="text-sm text-stone-500">
        {restaurant.cuisine} · {restaurant.address} · <span data-testid="time-zone">{restaurant.timeZone}</span>
      </p>
      <dl className="my-4 grid grid-cols-3 gap-3 text-center">
        <Figure label="Orders today" testId="orders-today">
          {restaurant.ordersToday}
        </Figure>
        <Figure label="Revenue today" testId="revenue-today">
          <Money cents={restaurant.revenueToday} />
        </Figure>
        <Figure label="Open orders" testId="open-orders">
          {restaurant.openOrders}
        </Figure>
      </dl>
      <nav aria-label={`Manage ${restaurant.name}`} className="flex flex-wrap gap-2">
        {TOOLS.map(({ path, label }) => (
          <Link key={path} href={`/owner/${restaurant.slug}/${path}`} className={link}>
            {label}
            {/* Each card has the same four links: a list of links read aloud should say whose each one is. */}
            <span className="sr-only"> for {restaurant.name}</span>
          </Link>
        ))}
      </nav>
      <Disclosure className="mt-4">
        <summary className="cursor-pointer text-sm font-medium text-stone-700">Edit details</summary>
        <div className="mt-3">
          <RestaurantDetailsForm restaurant={restaurant} />
        </div>
      </Disclosure>
    </section>
  );
}

function Figure({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <div className="rounded-lg bg-stone-50 p-3">
      <dt className="text-xs text-stone-500">{label}</dt>
      <dd className="text-lg font-semibold" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}
