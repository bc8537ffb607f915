import type { SavedAddress } from "@/lib/addresses/queries";

/** A saved address as a customer reads it: its label, whether it is the default, and its text. */
export function AddressSummary({ address }: { address: SavedAddress }) {
  return (
    <div>
      <p className="font-medium">
        {address.label}
        {address.isDefault ? <span className="ml-2 text-xs font-normal text-emerald-800">Default</span> : null}
      </p>
      <p className="text-sm whitespace-pre-line text-stone-700">{address.address}</p>
    </div>
  );
}
