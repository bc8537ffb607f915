import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { requireRole } from "@/lib/auth/session";
import { getMenuForOwner } from "@/lib/owner/menu";
import { OWNER_ROLES } from "@/lib/owner/scope";
import { pathSlug } from "@/lib/validation";
import { QueryStats } from "@/components/layout/query-stats";
import { MenuEditor } from "@/components/owner/menu-editor";
import { OwnerNav } from "@/components/owner/owner-nav";

export const metadata: Metadata = { title: "Menu editor" };

export default async function OwnerMenuPage({ params }: PageProps<"/owner/[slug]/menu">) {
  const { slug } = await params;
  if (!pathSlug.safeParse(slug).success) notFound();
  const viewer = await requireRole(OWNER_ROLES, `/owner/${slug}/menu`);
  const menu = await getMenuForOwner({ viewer, slug });
  if (!menu) notFound();
  return (
    <>
      <OwnerNav slug={menu.slug} name={menu.name} current="menu" title="Menu" />
      <MenuEditor menu={menu} />
      <QueryStats />
    </>
  );
}
