import { MAX_MATCHED_CUSTOMERS } from "@/lib/search";

/** Said above a customer search's results when more customers match than the search reads (lib/search.ts). */
export function TooManyMatches({ hint }: { hint: string }) {
  return (
    <p className="mb-3 rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
      More than {MAX_MATCHED_CUSTOMERS} customers match this search, and not all of their orders are shown. {hint}
    </p>
  );
}
