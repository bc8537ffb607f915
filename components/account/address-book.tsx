"use client";

import { MAX_ADDRESS_LABEL_LENGTH, MAX_ADDRESS_LENGTH, MAX_SAVED_ADDRESSES } from "@/db/schema";
import type { ActionState } from "@/lib/action";
import {
  addAddressAction,
  deleteAddressAction,
  setDefaultAddressAction,
  updateAddressAction,
} from "@/lib/addresses/actions";
import type { SavedAddress } from "@/lib/addresses/queries";
import { CheckboxField } from "@/components/owner/checkbox-field";
import { InlineAction } from "@/components/owner/inline-action";
import { ActionForm, ActionMessage } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Disclosure } from "@/components/ui/disclosure";
import { useAnswerRegion } from "@/components/ui/focus";
import { KeptNotice } from "@/components/ui/kept-notice";
import { TextField } from "@/components/ui/text-field";
import { tapAnswers, useHydrated } from "@/components/ui/use-hydrated";

import { AddressSummary } from "./address-summary";

type RowAction = (state: ActionState, form: FormData) => Promise<ActionState>;

/**
 * Where "Make default" and "Delete" say that they worked, focused: the refreshed list drops the button that was
 * pressed (the row is gone, or is the default now), so a keyboard user's focus fell back to the page's top and
 * nothing was read out. Returns the region and `announced`, which routes an action's success to it.
 */
function useRowAnswer() {
  const { region, text, say } = useAnswerRegion();
  // Once hydrated (useHydrated): without JavaScript, Make default posts the server action itself.
  const hydrated = useHydrated();
  const announced = (action: RowAction): RowAction =>
    tapAnswers(action, hydrated, (result) => say(result.ok && result.message ? result.message : ""));
  const status = (
    <p ref={region} tabIndex={-1} role="status" className="text-sm text-emerald-700">
      {text}
    </p>
  );
  return { status, announced };
}

/**
 * The customer's saved delivery addresses: the cart offers them for delivery; orders keep a copy of the text.
 * In a KeptNotice: an address deleted in another tab leaves with the refreshed page, and the answer of its form
 * ("no longer saved", an edit not kept) is said above the list instead.
 */
export function AddressBook({ addresses }: { addresses: SavedAddress[] }) {
  const { status, announced } = useRowAnswer();
  return (
    <KeptNotice>
      <div className="space-y-4">
        {status}
        {addresses.length === 0 ? (
          <p className="text-sm text-stone-600">No saved addresses yet. Add one to order for delivery.</p>
        ) : (
          <ul className="divide-y divide-stone-100 rounded-xl bg-white shadow-sm ring-1 ring-stone-200">
            {addresses.map((a) => (
              <li key={a.id} className="flex flex-wrap items-start justify-between gap-3 p-4">
                <AddressSummary address={a} />
                <div className="flex flex-wrap gap-2">
                  {a.isDefault ? null : (
                    <InlineAction
                      action={announced(setDefaultAddressAction)}
                      fields={{ addressId: a.id }}
                      label="Make default"
                      ariaLabel={`Make ${a.label} the default address`}
                    />
                  )}
                  <InlineAction
                    action={announced(deleteAddressAction)}
                    fields={{ addressId: a.id }}
                    label="Delete"
                    ariaLabel={`Delete address ${a.label}`}
                    tone="danger"
                    confirmMessage={`Delete the address "${a.label}"?`}
                  />
                </div>
                <Disclosure className="w-full">
                  <summary className="cursor-pointer text-sm font-medium text-stone-700">
                    Edit<span className="sr-only"> address {a.label}</span>
                  </summary>
                  <EditAddressForm address={a} />
                </Disclosure>
              </li>
            ))}
          </ul>
        )}
        {addresses.length < MAX_SAVED_ADDRESSES ? (
          // Named by its visible heading: the fields alone ("Label", "Delivery address") did not say that they add one.
          <ActionForm
            action={addAddressAction}
            resetOnSuccess
            aria-labelledby="add-address-heading"
            className="max-w-md space-y-3"
          >
            {(state, pending) => (
              <>
                <h3 id="add-address-heading" className="text-base font-semibold">
                  Add an address
                </h3>
                <AddressFields prefix="address" errors={state.fieldErrors} />
                <div className="flex items-center justify-between gap-3">
                  <CheckboxField id="address-default" name="makeDefault" label="Use as my default address" />
                  <Button type="submit" disabled={pending}>
                    {pending ? "Saving…" : "Save address"}
                  </Button>
                </div>
                <ActionMessage state={state} />
              </>
            )}
          </ActionForm>
        ) : (
          <p className="text-sm text-stone-600">
            You have {MAX_SAVED_ADDRESSES} addresses, the most you can keep. Delete one to add another.
          </p>
        )}
      </div>
    </KeptNotice>
  );
}

/** Rewrites a saved address in place; orders already placed keep the text they were placed with. */
function EditAddressForm({ address }: { address: SavedAddress }) {
  return (
    <ActionForm
      action={updateAddressAction}
      aria-label={`Edit address ${address.label}`}
      className="mt-3 max-w-md space-y-3"
    >
      {(state, pending) => (
        <>
          <input type="hidden" name="addressId" value={address.id} />
          {/* The address as drawn: a save from a form drawn before another tab's edit is refused, not written. */}
          <input type="hidden" name="version" value={address.version} />
          <AddressFields prefix={`address-${address.id}`} saved={address} errors={state.fieldErrors} />
          <div className="flex items-center justify-end gap-3">
            <Button type="submit" disabled={pending}>
              {pending ? "Saving…" : "Save changes"}
            </Button>
          </div>
          <ActionMessage state={state} />
        </>
      )}
    </ActionForm>
  );
}

/** The label and text of an address: empty with examples to add one, filled with the saved ones to edit it. */
function AddressFields({
  prefix,
  saved,
  errors,
}: {
  prefix: string;
  saved?: SavedAddress;
  errors?: Partial<Record<string, string[]>>;
}) {
  return (
    <>
      <TextField
        id={`${prefix}-label`}
        name="label"
        label="Label"
        placeholder={saved ? undefined : "Home"}
        defaultValue={saved?.label}
        maxLength={MAX_ADDRESS_LABEL_LENGTH}
        errors={errors?.label}
      />
      <TextField
        id={`${prefix}-text`}
        name="address"
        label="Delivery address"
        placeholder={saved ? undefined : "12 Rue des Lilas, 75011 Paris"}
        defaultValue={saved?.address}
        maxLength={MAX_ADDRESS_LENGTH}
        errors={errors?.address}
      />
    </>
  );
}
