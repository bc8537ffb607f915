import { adminMetadata } from "@/lib/admin/metadata";
import { requireAdmin } from "@/lib/admin/page-guard";
import { PageHeading } from "@/components/admin/page-heading";
import { RestaurantForm } from "@/components/admin/restaurant-form";
import { QueryStats } from "@/components/layout/query-stats";

export const generateMetadata = adminMetadata("New restaurant");

export default async function NewRestaurantPage() {
  await requireAdmin();
  return (
    <>
      <PageHeading title="New restaurant" />
      <p className="mb-4 text-sm text-stone-600">
        The restaurant opens with an empty menu; its owners, assigned on the next page, build the menu in the owner
        tools.
      </p>
      <RestaurantForm />
      <QueryStats />
    </>
  );
}
