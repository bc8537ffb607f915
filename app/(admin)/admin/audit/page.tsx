import { notFound } from "next/navigation";

import { listAuditLog } from "@/lib/admin/audit";
import { decodeAuditCursor } from "@/lib/admin/cursor";
import { formValues } from "@/lib/admin/filters";
import { adminMetadata } from "@/lib/admin/metadata";
import { requireAdmin } from "@/lib/admin/page-guard";
import { auditQuerySchema } from "@/lib/admin/schema";
import { filterParams, parseFilter } from "@/lib/query-params";
import { viewerTimeZone } from "@/lib/time-zone";
import { AuditFilter } from "@/components/admin/audit-filter";
import { AuditTable } from "@/components/admin/audit-table";
import { PageHeading } from "@/components/admin/page-heading";
import { QueryStats } from "@/components/layout/query-stats";
import { DaysNote } from "@/components/ui/days-note";
import { FilterErrorsAlert } from "@/components/ui/filter-errors-alert";
import { OlderNewerLinks } from "@/components/ui/page-links";

export const generateMetadata = adminMetadata("Audit log");

const FILTER_KEYS = ["actor", "action", "from", "to"] as const;

export default async function AuditPage({ searchParams }: PageProps<"/admin/audit">) {
  const viewer = await requireAdmin();
  const params = await searchParams;
  const raw = params.before;
  const before = decodeAuditCursor(typeof raw === "string" ? raw : undefined);
  if (before === null || Array.isArray(raw)) notFound();
  const { filter, errors } = parseFilter(auditQuerySchema, params);
  const zone = await viewerTimeZone();
  const result = filter ? await listAuditLog({ viewer, before, filter, zone }) : null;
  const values = formValues(params, FILTER_KEYS);
  const base = filterParams(values);
  return (
    <>
      <PageHeading title="Audit log" />
      <AuditFilter values={values} errors={errors} />
      <DaysNote zone={zone} newestFirst className="mt-3 mb-3" />
      {result === null ? (
        <FilterErrorsAlert />
      ) : (
        <>
          <AuditTable entries={result.entries} />
          <OlderNewerLinks
            label="Audit log pages"
            path="/admin/audit"
            filter={base}
            paged={Boolean(before)}
            nextBefore={result.nextCursor}
          />
        </>
      )}
      <QueryStats />
    </>
  );
}
