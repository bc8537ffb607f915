import type { Metadata } from "next";

import { requireRole } from "@/lib/auth/session";
import { listOwnedRestaurants } from "@/lib/owner/queries";
import { OWNER_ROLES } from "@/lib/owner/scope";
import { QueryStats } from "@/components/layout/query-stats";
import { OwnedRestaurantCard } from "@/components/owner/owned-restaurant-card";

export const metadata: Metadata = { title: "Your restaurants" };

export default async function OwnerDashboardPage() {
  const viewer = await requireRole(OWNER_ROLES, "/owner");
  const restaurants = await listOwnedRestaurants({ viewer });
  return (
    <>
      <h1 className="mb-1 text-2xl font-bold tracking-tight">Your restaurants</h1>
      <p className="mb-6 text-sm text-stone-600">
        Today&apos;s figures count orders placed since midnight in each restaurant&apos;s time zone, cancelled orders
        excluded.
      </p>
      {restaurants.length === 0 ? (
        <p className="text-stone-600">
          You do not own a restaurant yet.
          {viewer.role === "admin" && " The owner tools act only on restaurants you are an owner of, admins included."}
        </p>
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          {restaurants.map((restaurant) => (
            <OwnedRestaurantCard key={restaurant.id} restaurant={restaurant} />
          ))}
        </div>
      )}
      <QueryStats />
    </>
  );
}
