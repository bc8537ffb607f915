import { adminMetadata } from "@/lib/admin/metadata";
import { requireAdmin } from "@/lib/admin/page-guard";
import { reconcileTotals } from "@/lib/admin/reconciliation";
import { PageHeading } from "@/components/admin/page-heading";
import { ReconciliationReport } from "@/components/admin/reconciliation-report";
import { QueryStats } from "@/components/layout/query-stats";

export const generateMetadata = adminMetadata("Reconciliation");

export default async function ReconciliationPage() {
  const viewer = await requireAdmin();
  const report = await reconcileTotals({ viewer });
  return (
    <>
      <PageHeading title="Reconciliation" />
      <ReconciliationReport report={report} />
      <QueryStats />
    </>
  );
}
