import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { requireUser } from "@/lib/auth/session";
import { decodeCursor } from "@/lib/orders/cursor";
import { getProfileForViewer } from "@/lib/profile/queries";
import { pathSlug } from "@/lib/validation";
import { QueryStats } from "@/components/layout/query-stats";
import { ProfileView } from "@/components/profile/profile-view";

export const metadata: Metadata = { title: "Profile" };

// Someone else's profile is a 404 unless the viewer is an admin: no one learns that it exists.
export default async function UserProfilePage({ params, searchParams }: PageProps<"/u/[slug]">) {
  const { slug } = await params;
  // Signed in first: a visitor is sent to sign in whatever the address holds. A lone surrogate is replaced (U+FFFD)
  // before encoding, as String#toWellFormed would: encodeURIComponent throws on one, a 500 instead of this guard.
  const viewer = await requireUser(`/u/${encodeURIComponent(slug.replace(/\p{Cs}/gu, "\uFFFD"))}`);
  const cursor = decodeCursor((await searchParams).before);
  if (cursor === null || !pathSlug.safeParse(slug).success) notFound();
  const profile = await getProfileForViewer({ viewer, slug, cursor });
  if (!profile) notFound();
  return (
    <>
      {/* The viewer's own, reached by its public address: the same links as /profile. */}
      <ProfileView
        profile={profile}
        basePath={`/u/${profile.slug}`}
        isFirstPage={!cursor}
        own={profile.id === viewer.profileId}
      />
      <QueryStats />
    </>
  );
}
