import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS } from "@/lib/admin/audit-text";

import { errorProps, FilterField, filterInputClass } from "./filter-field";

export type AuditFilterValues = Record<"actor" | "action" | "from" | "to", string>;

/** A plain GET form, like the other admin filters: the URL holds the filter and the keyset position. */
export function AuditFilter({
  values,
  errors,
}: {
  values: Partial<AuditFilterValues>;
  errors: Partial<Record<keyof AuditFilterValues, string[]>>;
}) {
  return (
    <form
      method="get"
      action="/admin/audit"
      role="search"
      aria-label="Filter the audit log"
      className="mb-4 flex flex-wrap items-start gap-3"
    >
      <FilterField id="actor" label="Who (name or email)" errors={errors.actor}>
        <input
          id="actor"
          name="actor"
          type="search"
          defaultValue={values.actor}
          maxLength={100}
          className={`${filterInputClass} w-56`}
          {...errorProps("actor", errors.actor)}
        />
      </FilterField>
      <FilterField id="action" label="What" errors={errors.action}>
        <select
          id="action"
          name="action"
          defaultValue={values.action ?? ""}
          className={filterInputClass}
          {...errorProps("action", errors.action)}
        >
          <option value="">Every action</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {AUDIT_ACTION_LABELS[a]}
            </option>
          ))}
        </select>
      </FilterField>
      <FilterField id="from" label="From" errors={errors.from}>
        <input
          id="from"
          name="from"
          type="date"
          defaultValue={values.from}
          className={filterInputClass}
          {...errorProps("from", errors.from)}
        />
      </FilterField>
      <FilterField id="to" label="To" errors={errors.to}>
        <input
          id="to"
          name="to"
          type="date"
          defaultValue={values.to}
          className={filterInputClass}
          {...errorProps("to", errors.to)}
        />
      </FilterField>
      <button
        type="submit"
        className="mt-6 rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
      >
        Filter
      </button>
    </form>
  );
}
