import Link from "next/link";
import { notFound } from "next/navigation";

import { listAuditLog } from "@/lib/admin/audit";
import { decodeAuditCursor } from "@/lib/admin/cursor";
import { adminMetadata } from "@/lib/admin/metadata";
import { requireAdmin } from "@/lib/admin/page-guard";
import { AuditTable } from "@/components/admin/audit-table";
import { PageHeading } from "@/components/admin/page-heading";
import { QueryStats } from "@/components/layout/query-stats";

export const generateMetadata = adminMetadata("Audit log");

export default async function AuditPage({ searchParams }: PageProps<"/admin/audit">) {
  const viewer = await requireAdmin();
  const raw = (await searchParams).before;
  const before = decodeAuditCursor(typeof raw === "string" ? raw : undefined);
  if (before === null || Array.isArray(raw)) notFound();
  const { entries, nextCursor } = await listAuditLog({ viewer, before });
  return (
    <>
      <PageHeading title="Audit log" />
      <AuditTable entries={entries} />
      <nav aria-label="Audit log pages" className="mt-3 flex justify-between text-sm">
        {before ? (
          <Link href="/admin/audit" className="font-medium text-brand-700 underline">
            ← Newest
          </Link>
        ) : (
          <span />
        )}
        {nextCursor ? (
          <Link href={`/admin/audit?before=${nextCursor}`} className="font-medium text-brand-700 underline">
            Older →
          </Link>
        ) : null}
      </nav>
      <QueryStats />
    </>
  );
}
