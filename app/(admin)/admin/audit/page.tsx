import Link from "next/link";
import { notFound } from "next/navigation";

import { listAuditLog } from "@/lib/admin/audit";
import { decodeAuditCursor } from "@/lib/admin/cursor";
import { formValues, parseFilter } from "@/lib/admin/filters";
import { adminMetadata } from "@/lib/admin/metadata";
import { requireAdmin } from "@/lib/admin/page-guard";
import { auditQuerySchema } from "@/lib/admin/schema";
import { AuditFilter } from "@/components/admin/audit-filter";
import { AuditTable } from "@/components/admin/audit-table";
import { PageHeading } from "@/components/admin/page-heading";
import { QueryStats } from "@/components/layout/query-stats";

export const generateMetadata = adminMetadata("Audit log");

const FILTER_KEYS = ["actor", "action", "from", "to"] as const;

export default async function AuditPage({ searchParams }: PageProps<"/admin/audit">) {
  const viewer = await requireAdmin();
  const params = await searchParams;
  const raw = params.before;
  const before = decodeAuditCursor(typeof raw === "string" ? raw : undefined);
  if (before === null || Array.isArray(raw)) notFound();
  const { filter, errors } = parseFilter(auditQuerySchema, params);
  const result = filter ? await listAuditLog({ viewer, before, filter }) : null;
  const values = formValues(params, FILTER_KEYS);
  const base = new URLSearchParams(Object.entries(values).filter(([, v]) => v !== ""));
  return (
    <>
      <PageHeading title="Audit log" />
      <AuditFilter values={values} errors={errors} />
      {result === null ? (
        <p role="alert" className="rounded-xl bg-red-50 p-4 text-sm text-red-800 ring-1 ring-red-200">
          Please correct the highlighted filters.
        </p>
      ) : (
        <>
          <AuditTable entries={result.entries} />
          <nav aria-label="Audit log pages" className="mt-3 flex justify-between text-sm">
            {before ? (
              <Link href={`/admin/audit?${base}`} className="font-medium text-brand-700 underline">
                ← Newest
              </Link>
            ) : (
              <span />
            )}
            {result.nextCursor ? (
              <Link
                href={`/admin/audit?${new URLSearchParams([...base, ["before", result.nextCursor]])}`}
                className="font-medium text-brand-700 underline"
              >
                Older →
              </Link>
            ) : null}
          </nav>
        </>
      )}
      <QueryStats />
    </>
  );
}
