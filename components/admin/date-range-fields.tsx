import { FilterInput } from "./filter-field";

type DateRange = Partial<Record<"from" | "to", string>>;

/** The "from"/"to" whole-day pair every dated admin filter has; the pages parse both under these names. */
export function DateRangeFields({
  labels,
  values,
  errors,
}: {
  labels: { from: string; to: string };
  values: DateRange;
  errors: Partial<Record<"from" | "to", string[]>>;
}) {
  return (
    <>
      <FilterInput id="from" label={labels.from} type="date" defaultValue={values.from} errors={errors.from} />
      <FilterInput id="to" label={labels.to} type="date" defaultValue={values.to} errors={errors.to} />
    </>
  );
}
