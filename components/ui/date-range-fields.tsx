import { FilterInput } from "./filter-field";

type Bound = "from" | "to";

/**
 * The "from"/"to" whole-day pair every dated filter has; the pages parse both under these names. `idPrefix` is for
 * a form whose fields carry ids of their own (the sales range's `sales-from`); the names stay `from` and `to`.
 */
export function DateRangeFields({
  labels = { from: "From", to: "To" },
  idPrefix = "",
  values,
  errors,
}: {
  labels?: Record<Bound, string>;
  idPrefix?: string;
  values: Partial<Record<Bound, string>>;
  errors: Partial<Record<Bound, string[]>>;
}) {
  return (
    <>
      {(["from", "to"] as const).map((bound) => (
        <FilterInput
          key={bound}
          id={`${idPrefix}${bound}`}
          name={bound}
          label={labels[bound]}
          type="date"
          defaultValue={values[bound]}
          errors={errors[bound]}
        />
      ))}
    </>
  );
}
