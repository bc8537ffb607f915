import type { SavedAddress } from "@/lib/addresses/queries";

/**
 * A saved address as a customer reads it: its label, whether it is the default, and its text. Both are typed by the
 * customer and may hold a word longer than a phone is wide: it wraps anywhere rather than push the page sideways.
 */
export function AddressSummary({ address }: { address: Pick<SavedAddress, "label" | "address" | "isDefault"> }) {
  return (
    <div className="min-w-0 wrap-anywhere">
      <p className="font-medium">
        {address.label}
        {address.isDefault ? <span className="ml-2 text-xs font-normal text-emerald-800">Default</span> : null}
      </p>
      <p className="text-sm whitespace-pre-line text-stone-700">{address.address}</p>
    </div>
  );
}
