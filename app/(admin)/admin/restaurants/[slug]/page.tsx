import Link from "next/link";
import { notFound } from "next/navigation";

import { adminMetadata } from "@/lib/admin/metadata";
import { requireAdmin } from "@/lib/admin/page-guard";
import { getRestaurantForAdmin, searchOwnerCandidates } from "@/lib/admin/restaurants";
import { ownerPickerQuerySchema } from "@/lib/admin/schema";
import { openState } from "@/lib/restaurants/hours-format";
import { pathSlug } from "@/lib/validation";
import { PageHeading } from "@/components/admin/page-heading";
import { RestaurantOwners } from "@/components/admin/restaurant-owners";
import { QueryStats } from "@/components/layout/query-stats";

export const generateMetadata = adminMetadata("Manage restaurant");

export default async function AdminRestaurantPage({ params, searchParams }: PageProps<"/admin/restaurants/[slug]">) {
  const viewer = await requireAdmin();
  const { slug } = await params;
  if (!pathSlug.safeParse(slug).success) notFound();
  const { user } = ownerPickerQuerySchema.parse(await searchParams);
  const [restaurant, candidates] = await Promise.all([
    getRestaurantForAdmin({ viewer, slug }),
    user ? searchOwnerCandidates({ viewer, search: user }) : null,
  ]);
  if (!restaurant) notFound();
  return (
    <>
      <PageHeading title={restaurant.name}>
        <Link href={`/r/${restaurant.slug}`} className="text-sm font-medium text-brand-700 underline">
          View the restaurant&apos;s page
        </Link>
      </PageHeading>
      <p className="mb-6 text-sm text-stone-600">
        {restaurant.cuisine} · {restaurant.address} · /{restaurant.slug} · {openState(restaurant)}
      </p>
      <section aria-labelledby="owners-heading" className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200">
        <h2 id="owners-heading" className="mb-3 text-lg font-semibold">
          Owners
        </h2>
        <RestaurantOwners restaurant={restaurant} search={user} candidates={candidates} />
      </section>
      <p className="mt-4 text-xs text-stone-600">
        A customer made an owner becomes an owner; an owner removed from their last restaurant becomes a customer. A
        change of role ends that user&apos;s sessions, so they sign in again; every change is recorded in the audit log.
      </p>
      <QueryStats />
    </>
  );
}
