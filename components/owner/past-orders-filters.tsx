import { orderStatus } from "@/db/schema";

type Values = { status?: string; q?: string; from?: string; to?: string };

const field = "rounded-lg border border-stone-300 bg-white px-3 py-2 text-sm";
const label = "text-sm font-medium text-stone-700";

function FieldError({ id, message }: { id: string; message?: string }) {
  return (
    <span id={id} className="text-xs text-red-700" aria-live="polite">
      {message ?? ""}
    </span>
  );
}

/** A plain GET form, like the customers' history filters: a filtered list is a URL that can be bookmarked. */
export function PastOrdersFilters({
  slug,
  values,
  errors,
}: {
  slug: string;
  values: Values;
  errors: Record<string, string[] | undefined>;
}) {
  return (
    <form
      action={`/owner/${slug}/past-orders`}
      aria-label="Find past orders"
      className="flex flex-wrap items-start gap-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
    >
      <div className="flex min-w-56 flex-col gap-1">
        <label htmlFor="q" className={label}>
          Order number or customer
        </label>
        <input
          id="q"
          name="q"
          type="search"
          maxLength={100}
          defaultValue={values.q}
          aria-describedby="q-error"
          aria-invalid={errors.q ? true : undefined}
          className={field}
        />
        <FieldError id="q-error" message={errors.q?.[0]} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="status" className={label}>
          Status
        </label>
        <select
          id="status"
          name="status"
          defaultValue={values.status ?? ""}
          aria-describedby="status-error"
          aria-invalid={errors.status ? true : undefined}
          className={field}
        >
          <option value="">All statuses</option>
          {orderStatus.enumValues.map((status) => (
            <option key={status} value={status}>
              {status[0]!.toUpperCase() + status.slice(1)}
            </option>
          ))}
        </select>
        <FieldError id="status-error" message={errors.status?.[0]} />
      </div>
      {(["from", "to"] as const).map((name) => (
        <div key={name} className="flex flex-col gap-1">
          <label htmlFor={name} className={label}>
            {name === "from" ? "From" : "To"}
          </label>
          <input
            id={name}
            name={name}
            type="date"
            defaultValue={values[name]}
            aria-describedby={`${name}-error`}
            aria-invalid={errors[name] ? true : undefined}
            className={field}
          />
          <FieldError id={`${name}-error`} message={errors[name]?.[0]} />
        </div>
      ))}
      <button
        type="submit"
        className="mt-6 rounded-lg bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700"
      >
        Search
      </button>
    </form>
  );
}
