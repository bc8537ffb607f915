import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { requireRole } from "@/lib/auth/session";
import { getMenuForOwner } from "@/lib/owner/menu";
import { ownerPageData } from "@/lib/owner/page-data";
import { OWNER_ROLES } from "@/lib/owner/scope";
import { pathSlug } from "@/lib/validation";
import { QueryStats } from "@/components/layout/query-stats";
import { MenuEditor } from "@/components/owner/menu-editor";
import { OwnerNav } from "@/components/owner/owner-nav";
import { KeptNotice } from "@/components/ui/kept-notice";

const loadMenu = ownerPageData(getMenuForOwner);

export async function generateMetadata({ params }: PageProps<"/owner/[slug]/menu">): Promise<Metadata> {
  const { slug } = await params;
  const menu = pathSlug.safeParse(slug).success ? await loadMenu(slug) : null;
  return menu ? { title: `Menu editor · ${menu.name}` } : {};
}

export default async function OwnerMenuPage({ params }: PageProps<"/owner/[slug]/menu">) {
  const { slug } = await params;
  if (!pathSlug.safeParse(slug).success) notFound();
  await requireRole(OWNER_ROLES, `/owner/${slug}/menu`);
  const menu = await loadMenu(slug);
  if (!menu) notFound();
  return (
    <>
      <OwnerNav slug={menu.slug} name={menu.name} current="menu" title="Menu" />
      {/* Where a delete says that it worked: the row and its button are gone from the refreshed menu. */}
      <KeptNotice>
        <MenuEditor menu={menu} />
      </KeptNotice>
      <QueryStats />
    </>
  );
}
