import Link from "next/link";

import { addOwnerAction, removeOwnerAction } from "@/lib/admin/actions";
import type { AdminRestaurant } from "@/lib/admin/restaurants";
import { InlineAction } from "@/components/owner/inline-action";
import { KeptNotice } from "@/components/ui/kept-notice";

type Candidate = { profileId: number; slug: string; displayName: string; email: string };

/** The restaurant's owners, each removable; then a search for a user to add. */
export function RestaurantOwners({
  restaurant,
  search,
  candidates,
}: {
  restaurant: AdminRestaurant;
  search?: string;
  candidates: Candidate[] | null;
}) {
  const ownerIds = new Set(restaurant.owners.map((o) => o.profile.id));
  return (
    <div className="space-y-5">
      {/* An owner removed meanwhile leaves no row to answer beside: the answer is kept above the list. */}
      <KeptNotice>
        {restaurant.owners.length === 0 ? (
          <p className="text-sm text-stone-600">
            No owner yet: nobody can manage this restaurant&apos;s menu or orders.
          </p>
        ) : (
          <ul className="divide-y divide-stone-100" aria-label="Owners">
            {restaurant.owners.map(({ profile }) => (
              <li
                key={profile.id}
                data-testid="owner-row"
                className="flex flex-wrap items-center justify-between gap-2 py-2"
              >
                <span className="text-sm">
                  <Link href={`/admin/users/${profile.slug}`} className="font-medium text-brand-700 underline">
                    {profile.displayName}
                  </Link>{" "}
                  <span className="text-stone-600">{profile.user.email}</span>
                </span>
                <InlineAction
                  action={removeOwnerAction}
                  fields={{ restaurantId: restaurant.id, profileId: profile.id }}
                  label={`Remove ${profile.displayName}`}
                  pendingLabel="Removing…"
                  tone="danger"
                  confirmMessage={`Remove ${profile.displayName} as an owner of ${restaurant.name}? They can no longer manage it.`}
                />
              </li>
            ))}
          </ul>
        )}
      </KeptNotice>
      <form method="get" role="search" className="flex flex-wrap items-end gap-3">
        <div className="space-y-1">
          <label htmlFor="user" className="block text-sm font-medium text-stone-700">
            Find a user by name or email
          </label>
          <input
            id="user"
            name="user"
            type="search"
            defaultValue={search}
            maxLength={100}
            className="block w-64 rounded-lg border border-stone-300 bg-white px-3 py-2 text-stone-900 shadow-sm"
          />
        </div>
        <button
          type="submit"
          className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
        >
          Find user
        </button>
      </form>
      {candidates === null ? null : candidates.length === 0 ? (
        <p className="text-sm text-stone-600">No customer or owner matches “{search}”.</p>
      ) : (
        <ul className="divide-y divide-stone-100" aria-label="Matching users">
          {candidates.map((c) => (
            <li
              key={c.profileId}
              data-testid="candidate-row"
              className="flex flex-wrap items-center justify-between gap-2 py-2"
            >
              <span className="text-sm">
                <span className="font-medium">{c.displayName}</span> <span className="text-stone-600">{c.email}</span>
              </span>
              {ownerIds.has(c.profileId) ? (
                <span className="text-xs text-stone-600">Already an owner</span>
              ) : (
                <InlineAction
                  action={addOwnerAction}
                  fields={{ restaurantId: restaurant.id, profileId: c.profileId }}
                  label={`Make ${c.displayName} an owner`}
                  pendingLabel="Adding…"
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
