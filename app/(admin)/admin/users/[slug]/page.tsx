import Link from "next/link";
import { notFound } from "next/navigation";

import { adminMetadata } from "@/lib/admin/metadata";
import { requireAdmin } from "@/lib/admin/page-guard";
import { getUserForRoles } from "@/lib/admin/roles";
import { pathSlug } from "@/lib/validation";
import { DisableForm } from "@/components/admin/disable-form";
import { PageHeading } from "@/components/admin/page-heading";
import { RoleForm } from "@/components/admin/role-form";
import { QueryStats } from "@/components/layout/query-stats";

export const generateMetadata = adminMetadata("Manage user");

export default async function ManageUserPage({ params }: PageProps<"/admin/users/[slug]">) {
  const viewer = await requireAdmin();
  const { slug } = await params;
  if (!pathSlug.safeParse(slug).success) notFound();
  const managed = await getUserForRoles({ viewer, slug });
  if (!managed) notFound();
  const { target, restaurants, version } = managed;
  const isSelf = target.id === viewer.profileId;
  return (
    <>
      <PageHeading title={target.displayName}>
        <Link href={`/u/${target.slug}`} className="text-sm font-medium text-brand-700 underline">
          View profile and orders
        </Link>
      </PageHeading>
      <p className="mb-6 text-sm text-stone-600">
        {target.user.email} · <span className="capitalize">{target.user.role}</span>
        {target.user.disabled ? " · disabled" : ""}
      </p>
      {isSelf ? (
        <p className="mb-6 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
          This is your own account. You cannot change your own role or disable yourself: another admin must do it. This
          way the platform always keeps an admin who can sign in.
        </p>
      ) : null}
      <section aria-labelledby="role-heading" className="mb-8 rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200">
        <h2 id="role-heading" className="mb-3 text-lg font-semibold">
          Role
        </h2>
        <RoleForm
          profileId={target.id}
          role={target.user.role}
          ownedIds={target.ownedRestaurants.map((o) => o.restaurantId)}
          restaurants={restaurants}
          disabled={isSelf}
          version={version}
        />
      </section>
      <section aria-labelledby="account-heading" className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200">
        <h2 id="account-heading" className="mb-1 text-lg font-semibold">
          Account
        </h2>
        <p className="mb-3 text-sm text-stone-600">
          A disabled user cannot sign in, and is signed out on their next request. Their orders stay in every total.
        </p>
        <DisableForm profileId={target.id} isDisabled={target.user.disabled} locked={isSelf} />
      </section>
      <p className="mt-4 text-xs text-stone-500">
        Changes apply from the user&apos;s next request and are recorded in the audit log. A new role ends their
        sessions: they sign in again.
      </p>
      <QueryStats />
    </>
  );
}
