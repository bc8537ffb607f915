import { ORDER_STATUSES } from "@/lib/admin/schema";
import { RestaurantFilter } from "@/components/orders/restaurant-filter";
import { DateRangeFields } from "@/components/ui/date-range-fields";
import { FilterInput, FilterSelect } from "@/components/ui/filter-field";

import { FilterForm } from "./filter-form";

export type OrdersFilterValues = Record<"status" | "restaurant" | "customer" | "number" | "from" | "to", string>;

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
    <FilterForm action="/admin/orders" label="Filter orders" submitLabel="Search orders">
      <FilterInput
        id="number"
        label="Order number"
        inputMode="numeric"
        defaultValue={values.number}
        maxLength={12}
        width="w-28"
        errors={errors.number}
      />
      <FilterInput
        id="customer"
        label="Customer (name or email)"
        type="search"
        defaultValue={values.customer}
        maxLength={100}
        width="w-56"
        errors={errors.customer}
      />
      <RestaurantFilter
        options={restaurants.map((r) => [r.id, r.name] as const)}
        value={values.restaurant}
        errors={errors.restaurant}
      />
      <FilterSelect id="status" label="Status" value={values.status} anyLabel="Any status" errors={errors.status}>
        {ORDER_STATUSES.map((s) => (
          <option key={s} value={s} className="capitalize">
            {s}
          </option>
        ))}
      </FilterSelect>
      <DateRangeFields labels={{ from: "Placed from", to: "Placed to" }} values={values} errors={errors} />
    </FilterForm>
  );
}
