import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS } from "@/lib/admin/audit-text";
import { DateRangeFields } from "@/components/ui/date-range-fields";
import { FilterInput, FilterSelect } from "@/components/ui/filter-field";

import { FilterForm } from "./filter-form";

export type AuditFilterValues = Record<"actor" | "action" | "from" | "to", string>;

export function AuditFilter({
  values,
  errors,
}: {
  values: Partial<AuditFilterValues>;
  errors: Partial<Record<keyof AuditFilterValues, string[]>>;
}) {
  return (
    <FilterForm action="/admin/audit" label="Filter the audit log" submitLabel="Filter">
      <FilterInput
        id="actor"
        label="Done by (name or email)"
        type="search"
        defaultValue={values.actor}
        maxLength={100}
        width="w-56"
        errors={errors.actor}
      />
      <FilterSelect id="action" label="What" value={values.action} anyLabel="Every action" errors={errors.action}>
        {AUDIT_ACTIONS.map((a) => (
          <option key={a} value={a}>
            {AUDIT_ACTION_LABELS[a]}
          </option>
        ))}
      </FilterSelect>
      <DateRangeFields values={values} errors={errors} />
    </FilterForm>
  );
}
