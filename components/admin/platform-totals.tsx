import type { PlatformTotals as Totals } from "@/lib/admin/revenue";
import { platformTotalsNote } from "@/lib/admin/totals-text";
import { Money } from "@/components/ui/money";
import { Stat } from "@/components/ui/stat";

const count = (n: number) => n.toLocaleString("en-US");

export function PlatformTotals({ totals }: { totals: Totals }) {
  return (
    <>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Stat label="Revenue" testId="platform-revenue">
          <Money cents={totals.revenueCents} />
        </Stat>
        <Stat label="Orders" testId="platform-orders">
          {count(totals.orders)}
        </Stat>
        <Stat label="Users">{count(totals.users)}</Stat>
        <Stat label="Restaurants">{count(totals.restaurants)}</Stat>
      </dl>
      <p className="mt-2 text-xs text-stone-500">{platformTotalsNote(totals)}</p>
    </>
  );
}
