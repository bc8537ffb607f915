import { notFound } from "next/navigation";

import { decodeUsersCursor, encodeUsersCursor } from "@/lib/admin/cursor";
import { adminMetadata } from "@/lib/admin/metadata";
import { requireAdmin } from "@/lib/admin/page-guard";
import { usersQuerySchema } from "@/lib/admin/schema";
import { listUserTotals } from "@/lib/admin/users";
import { UsersExportLink } from "@/components/admin/export-links";
import { PageHeading } from "@/components/admin/page-heading";
import { UsersSearch } from "@/components/admin/users-search";
import { UsersTable } from "@/components/admin/users-table";
import { QueryStats } from "@/components/layout/query-stats";
import { PageLinks } from "@/components/ui/page-links";

export const generateMetadata = adminMetadata("Users' totals");

export default async function AdminUsersPage({ searchParams }: PageProps<"/admin/users">) {
  const viewer = await requireAdmin();
  const { q, sort, after } = usersQuerySchema.parse(await searchParams);
  const cursor = decodeUsersCursor(after, sort);
  if (cursor === null) notFound();
  const { rows, nextCursor } = await listUserTotals({ viewer, sort, search: q, after: cursor });
  const base = new URLSearchParams({ sort, ...(q ? { q } : {}) });
  return (
    <>
      <PageHeading title="Users' totals">
        <UsersExportLink q={q} />
      </PageHeading>
      <div className="mb-4">
        <UsersSearch q={q} sort={sort} />
      </div>
      <p className="mb-3 text-xs text-stone-500">
        Totals count every order except cancelled ones, at the prices paid: the same figure as each profile page. The
        CSV lists every matching user with the same figures, in account order.
      </p>
      <UsersTable rows={rows} />
      <PageLinks
        label="Users pages"
        back={cursor ? { href: `/admin/users?${base}`, text: "← First page" } : null}
        next={
          nextCursor
            ? { href: `/admin/users?${base}&after=${encodeUsersCursor(nextCursor)}`, text: "Next page →" }
            : null
        }
      />
      <QueryStats />
    </>
  );
}
