import { ORDER_STATUSES } from "@/lib/admin/schema";

import { errorProps, FilterField, filterInputClass } from "./filter-field";

export type OrdersFilterValues = Record<"status" | "restaurant" | "customer" | "number" | "from" | "to", string>;

/** A plain GET form: the URL holds the filters, so a search can be bookmarked and paged by keyset. */
export function OrdersFilter({
  values,
  restaurants,
  errors,
}: {
  values: Partial<OrdersFilterValues>;
  restaurants: { id: number; name: string }[];
  errors: Partial<Record<keyof OrdersFilterValues, string[]>>;
}) {
  return (
    <form
      method="get"
      action="/admin/orders"
      role="search"
      aria-label="Filter orders"
      className="mb-4 flex flex-wrap items-start gap-3"
    >
      <FilterField id="number" label="Order number" errors={errors.number}>
        <input
          id="number"
          name="number"
          inputMode="numeric"
          defaultValue={values.number}
          maxLength={12}
          className={`${filterInputClass} w-28`}
          {...errorProps("number", errors.number)}
        />
      </FilterField>
      <FilterField id="customer" label="Customer (name or email)" errors={errors.customer}>
        <input
          id="customer"
          name="customer"
          type="search"
          defaultValue={values.customer}
          maxLength={100}
          className={`${filterInputClass} w-56`}
          {...errorProps("customer", errors.customer)}
        />
      </FilterField>
      <FilterField id="restaurant" label="Restaurant" errors={errors.restaurant}>
        <select
          id="restaurant"
          name="restaurant"
          defaultValue={values.restaurant ?? ""}
          className={filterInputClass}
          {...errorProps("restaurant", errors.restaurant)}
        >
          <option value="">All restaurants</option>
          {restaurants.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </select>
      </FilterField>
      <FilterField id="status" label="Status" errors={errors.status}>
        <select
          id="status"
          name="status"
          defaultValue={values.status ?? ""}
          className={filterInputClass}
          {...errorProps("status", errors.status)}
        >
          <option value="">Any status</option>
          {ORDER_STATUSES.map((s) => (
            <option key={s} value={s} className="capitalize">
              {s}
            </option>
          ))}
        </select>
      </FilterField>
      <FilterField id="from" label="Placed from" errors={errors.from}>
        <input
          id="from"
          name="from"
          type="date"
          defaultValue={values.from}
          className={filterInputClass}
          {...errorProps("from", errors.from)}
        />
      </FilterField>
      <FilterField id="to" label="Placed to" errors={errors.to}>
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
        Search orders
      </button>
    </form>
  );
}
