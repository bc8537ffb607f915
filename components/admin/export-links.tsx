import { DateRangeFields } from "@/components/ui/date-range-fields";

/**
 * Downloads are plain links and GET forms to the export route handlers: the browser streams the file to disk,
 * and each handler checks the role itself and records the export in the audit log.
 */
/** The file lists every matching user in account order, whatever the table's sort (lib/admin/export.ts says why). */
export function UsersExportLink({ q }: { q?: string }) {
  const params = new URLSearchParams(q ? { q } : {});
  return (
    <a
      href={`/admin/export/users?${params}`}
      download
      title="Every matching user, in account order"
      className="rounded-lg bg-white px-4 py-2 text-sm font-semibold text-stone-800 ring-1 ring-stone-300 hover:bg-stone-100"
    >
      Download CSV
    </a>
  );
}

/**
 * The orders export's range. The export refuses a bad one before anything is written or recorded, and sends the
 * browser back here with the dates as given: `errors` are its messages, shown next to each date.
 */
export function OrdersExportForm({
  values,
  errors,
}: {
  values: { from: string; to: string };
  errors: Partial<Record<"from" | "to", string[]>>;
}) {
  return (
    <form method="get" action="/admin/export/orders" aria-label="Export orders" className="space-y-3">
      {errors.from || errors.to ? (
        <p role="alert" className="rounded-xl bg-red-50 p-4 text-sm text-red-800 ring-1 ring-red-200">
          Nothing was exported: correct the highlighted dates.
        </p>
      ) : null}
      <div className="flex flex-wrap items-end gap-3">
        <DateRangeFields values={values} errors={errors} />
        <button
          type="submit"
          className="rounded-lg bg-white px-4 py-2 text-sm font-semibold text-stone-800 ring-1 ring-stone-300 hover:bg-stone-100"
        >
          Download orders CSV
        </button>
      </div>
    </form>
  );
}
