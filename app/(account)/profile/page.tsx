import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { requireUser } from "@/lib/auth/session";
import { decodeCursor } from "@/lib/orders/cursor";
import { getProfileForViewer } from "@/lib/profile/queries";
import { QueryStats } from "@/components/layout/query-stats";
import { ProfileView } from "@/components/profile/profile-view";

export const metadata: Metadata = { title: "Your profile" };

export default async function ProfilePage({ searchParams }: PageProps<"/profile">) {
  // Signed in first: a visitor is sent to sign in whatever the address holds.
  const viewer = await requireUser("/profile");
  const cursor = decodeCursor((await searchParams).before);
  if (cursor === null) notFound();
  const profile = await getProfileForViewer({ viewer, cursor });
  if (!profile) notFound();
  return (
    <>
      <ProfileView profile={profile} basePath="/profile" isFirstPage={!cursor} own />
      <QueryStats />
    </>
  );
}
