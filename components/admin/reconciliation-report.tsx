import Link from "next/link";

import { MISMATCHES_LISTED, type ReconciliationReport as Report } from "@/lib/admin/reconciliation";
import { counted } from "@/lib/words";
import { LocalTime } from "@/components/ui/local-time";
import { Money } from "@/components/ui/money";

import { AdminTable } from "./admin-table";

export function ReconciliationReport({ report }: { report: Report }) {
  const drifted = report.rollupDriftCounts.reduce((sum, d) => sum + d.rows, 0);
  const clean =
    report.orderMismatchCount === 0 &&
    report.userMismatchCount === 0 &&
    drifted === 0 &&
    report.linePriceMismatchCount === 0;
  const summaryTone = clean ? "bg-emerald-50 text-emerald-800 ring-emerald-200" : "bg-red-50 text-red-800 ring-red-200";
  return (
    <div className="space-y-6">
      <p data-testid="reconciliation-summary" className={`rounded-xl p-4 text-lg font-semibold ring-1 ${summaryTone}`}>
        {counted(report.ordersChecked, "order", "orders")} checked,{" "}
        {counted(report.orderMismatchCount, "mismatch", "mismatches")}, in {report.ms.toFixed(0)} ms
      </p>
      <p className="text-sm text-stone-600">
        Every order&apos;s stored total against the sum of its lines (quantity × unit price paid), and for each of{" "}
        {counted(report.usersChecked, "customer", "customers")}, the sum of their orders&apos; totals against the sum of
        their lines, cancelled orders excluded as in every total purchase.{" "}
        {counted(report.userMismatchCount, "customer disagrees", "customers disagree")}.
      </p>
      <section aria-labelledby="line-prices" className="space-y-2">
        <h2 id="line-prices" className="text-lg font-semibold">
          Line prices against their options
        </h2>
        <p className="text-sm text-stone-600" data-testid="line-price-summary">
          Each line&apos;s unit price against its item&apos;s price plus the prices of the options chosen, both as
          ordered: {counted(report.linePriceMismatchCount, "line disagrees", "lines disagree")}.
        </p>
        {report.linePriceMismatches.length > 0 ? (
          <ul className="space-y-1 font-mono text-xs text-stone-700">
            {report.linePriceMismatches.map((m) => (
              <li key={m.lineId}>
                <Link href={`/orders/${m.orderId}`} className="underline">
                  Order #{m.orderId}
                </Link>{" "}
                line {m.lineId} ({m.name}): charged <Money cents={m.unitCents} />, base + options{" "}
                <Money cents={m.expectedCents} />
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <section aria-labelledby="rollups" className="space-y-2">
        <h2 id="rollups" className="text-lg font-semibold">
          Rollups against the lines
        </h2>
        <p className="text-sm text-stone-600">
          The running totals the pages read, each row recomputed from the order lines.{" "}
          {drifted === 0 ? "None has drifted." : "Run npm run db:reconcile to rebuild them from the lines."}
        </p>
        <ul className="grid gap-1 text-sm sm:grid-cols-2">
          {report.rollupDriftCounts.map((d) => (
            <li
              key={d.rollup}
              data-testid="rollup-drift"
              className="flex min-w-0 justify-between gap-2 rounded-lg bg-white px-3 py-2 ring-1 ring-stone-200"
            >
              {/* Table names are one long word: they break rather than widen a 360 px screen. */}
              <code className="min-w-0 break-all">{d.rollup}</code>
              <span className={d.rows === 0 ? "text-emerald-800" : "font-semibold text-red-800"}>
                {d.rows === 0 ? "in agreement" : `${counted(d.rows, "row", "rows")} drifted`}
              </span>
            </li>
          ))}
        </ul>
        {report.rollupDrift.length > 0 ? (
          <ul className="space-y-1 font-mono text-xs text-stone-700">
            {report.rollupDrift.map((d) => (
              <li key={`${d.rollup}:${JSON.stringify(d.key)}`}>
                {d.rollup} {JSON.stringify(d.key)}: stored {JSON.stringify(d.stored)}, lines say{" "}
                {JSON.stringify(d.expected)}
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      {report.orderMismatches.length > 0 ? (
        <section aria-labelledby="order-mismatches" className="space-y-2">
          <h2 id="order-mismatches" className="text-lg font-semibold">
            Orders whose total differs from their lines
            {report.orderMismatchCount > MISMATCHES_LISTED ? ` (first ${MISMATCHES_LISTED})` : ""}
          </h2>
          <AdminTable
            label="Mismatched orders"
            muted
            columns={[
              "Order",
              "Customer",
              "Restaurant",
              "Status",
              { label: "Stored total", align: "right" },
              { label: "Sum of lines", align: "right" },
              { label: "Difference", align: "right" },
            ]}
          >
            {report.orderMismatches.map((m) => (
              <tr key={m.orderId} data-testid="order-mismatch">
                <td className="px-4 py-2">
                  #{m.orderId}
                  <span className="ml-2 text-stone-500">
                    <LocalTime date={new Date(m.placedAt)} />
                  </span>
                </td>
                <td className="px-4 py-2">
                  <Link href={`/u/${m.customerSlug}`} className="text-brand-700 underline">
                    {m.customerName}
                  </Link>
                </td>
                <td className="px-4 py-2">{m.restaurantName}</td>
                <td className="px-4 py-2 capitalize">{m.status}</td>
                <td className="px-4 py-2 text-right">
                  <Money cents={m.storedCents} />
                </td>
                <td className="px-4 py-2 text-right">
                  <Money cents={m.linesCents} />
                </td>
                <td className="px-4 py-2 text-right font-semibold">
                  <Money cents={m.storedCents - m.linesCents} />
                </td>
              </tr>
            ))}
          </AdminTable>
        </section>
      ) : null}
      {report.userMismatches.length > 0 ? (
        <section aria-labelledby="user-mismatches" className="space-y-2">
          <h2 id="user-mismatches" className="text-lg font-semibold">
            Customers whose orders do not add up
          </h2>
          <ul className="space-y-2">
            {report.userMismatches.map((m) => (
              <li
                key={m.profileId}
                data-testid="user-mismatch"
                className="rounded-xl bg-white p-4 text-sm shadow-sm ring-1 ring-stone-200"
              >
                <Link href={`/u/${m.slug}`} className="font-medium text-brand-700 underline">
                  {m.displayName}
                </Link>
                : orders total <Money cents={m.storedCents} />, lines total <Money cents={m.linesCents} />. Orders
                involved: {m.orderIds.length > 0 ? m.orderIds.map((id) => `#${id}`).join(", ") : "none individually"}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
