import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { requireRole } from "@/lib/auth/session";
import { getHoursForOwner } from "@/lib/owner/hours";
import { ownerPageData } from "@/lib/owner/page-data";
import { OWNER_ROLES } from "@/lib/owner/scope";
import { timeZones } from "@/lib/restaurants/time-zones";
import { pathSlug } from "@/lib/validation";
import { QueryStats } from "@/components/layout/query-stats";
import { HoursForm } from "@/components/owner/hours-form";
import { OwnerNav } from "@/components/owner/owner-nav";

const loadHours = ownerPageData(getHoursForOwner);

export async function generateMetadata({ params }: PageProps<"/owner/[slug]/hours">): Promise<Metadata> {
  const { slug } = await params;
  const hours = pathSlug.safeParse(slug).success ? await loadHours(slug) : null;
  return hours ? { title: `Opening hours · ${hours.name}` } : {};
}

export default async function OwnerHoursPage({ params }: PageProps<"/owner/[slug]/hours">) {
  const { slug } = await params;
  if (!pathSlug.safeParse(slug).success) notFound();
  await requireRole(OWNER_ROLES, `/owner/${slug}/hours`);
  const hours = await loadHours(slug);
  if (!hours) notFound();
  return (
    <>
      <OwnerNav slug={hours.slug} name={hours.name} current="hours" title="Opening hours" />
      <HoursForm hours={hours} timeZones={timeZones(hours.timeZone)} />
      <QueryStats />
    </>
  );
}
