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

export function OrdersExportForm({ from, to }: { from: string; to: string }) {
  const input = "block rounded-lg border border-stone-300 bg-white px-3 py-2 text-stone-900 shadow-sm";
  return (
    <form method="get" action="/admin/export/orders" className="flex flex-wrap items-end gap-3">
      <div className="space-y-1">
        <label htmlFor="from" className="block text-sm font-medium text-stone-700">
          From
        </label>
        <input id="from" name="from" type="date" defaultValue={from} className={input} />
      </div>
      <div className="space-y-1">
        <label htmlFor="to" className="block text-sm font-medium text-stone-700">
          To
        </label>
        <input id="to" name="to" type="date" defaultValue={to} className={input} />
      </div>
      <button
        type="submit"
        className="rounded-lg bg-white px-4 py-2 text-sm font-semibold text-stone-800 ring-1 ring-stone-300 hover:bg-stone-100"
      >
        Download orders CSV
      </button>
    </form>
  );
}
