import { adminMetadata } from "@/lib/admin/metadata";
import { requireAdmin } from "@/lib/admin/page-guard";
import { timeZones } from "@/lib/restaurants/time-zones";
import { viewerTimeZone } from "@/lib/time-zone";
import { PageHeading } from "@/components/admin/page-heading";
import { RestaurantForm } from "@/components/admin/restaurant-form";
import { QueryStats } from "@/components/layout/query-stats";

export const generateMetadata = adminMetadata("New restaurant");

export default async function NewRestaurantPage() {
  await requireAdmin();
  // The admin's own zone (their browser's, once it has told us; UTC before) is the likeliest: chosen at first.
  const zone = await viewerTimeZone();
  return (
    <>
      <PageHeading title="New restaurant" />
      <p className="mb-4 text-sm text-stone-600">
        The restaurant starts closed, with an empty menu; its owners, assigned on its page, build the menu and open it
        in the owner tools.
      </p>
      <RestaurantForm zones={timeZones(zone)} zone={zone} />
      <QueryStats />
    </>
  );
}
