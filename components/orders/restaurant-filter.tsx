import { FilterSelect } from "@/components/ui/filter-field";

/** [id, name]: props that may reach the browser as JSON stay compact (a customer may have ordered from hundreds). */
export type RestaurantOption = readonly [id: number, name: string];

/** An order list's "Restaurant" filter: "All restaurants" first, then each one, as its GET form's `restaurant`. */
export function RestaurantFilter({
  options,
  value,
  errors,
}: {
  options: readonly RestaurantOption[];
  value?: string;
  errors?: string[];
}) {
  return (
    <FilterSelect id="restaurant" label="Restaurant" value={value} anyLabel="All restaurants" errors={errors}>
      {options.map(([id, name]) => (
        <option key={id} value={id}>
          {name}
        </option>
      ))}
    </FilterSelect>
  );
}
