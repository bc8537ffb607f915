import Link from "next/link";
import { notFound } from "next/navigation";

import { adminMetadata } from "@/lib/admin/metadata";
import { requireAdmin } from "@/lib/admin/page-guard";
import { listRestaurantsForAdmin } from "@/lib/admin/restaurants";
import { restaurantsQuerySchema } from "@/lib/admin/schema";
import { recordId } from "@/lib/validation";
import { PageHeading } from "@/components/admin/page-heading";
import { RestaurantsTable } from "@/components/admin/restaurants-table";
import { SearchBox } from "@/components/admin/search-box";
import { QueryStats } from "@/components/layout/query-stats";
import { PageLinks } from "@/components/ui/page-links";

export const generateMetadata = adminMetadata("Restaurants");

const cursorSchema = recordId();

export default async function AdminRestaurantsPage({ searchParams }: PageProps<"/admin/restaurants">) {
  const viewer = await requireAdmin();
  const { q, after } = restaurantsQuerySchema.parse(await searchParams);
  const cursor = after === undefined || after === "" ? undefined : cursorSchema.safeParse(after);
  if (cursor && !cursor.success) notFound();
  const { rows, nextBeforeId } = await listRestaurantsForAdmin({ viewer, search: q, beforeId: cursor?.data });
  const base = new URLSearchParams(q ? { q } : {});
  return (
    <>
      <PageHeading title="Restaurants">
        <Link
          href="/admin/restaurants/new"
          className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
        >
          New restaurant
        </Link>
      </PageHeading>
      <div className="mb-4">
        <SearchBox action="/admin/restaurants" label="Search by name or web address" q={q} />
      </div>
      <p className="mb-3 text-xs text-stone-600">Newest first.</p>
      <RestaurantsTable rows={rows} />
      <PageLinks
        label="Restaurants pages"
        back={cursor ? { href: `/admin/restaurants?${base}`, text: "← Newest" } : null}
        next={
          nextBeforeId
            ? {
                href: `/admin/restaurants?${new URLSearchParams({ ...Object.fromEntries(base), after: String(nextBeforeId) })}`,
                text: "Next page →",
              }
            : null
        }
      />
      <QueryStats />
    </>
  );
}
