"use server";

import { revalidatePath } from "next/cache";

import { fieldError, formAction, refusal } from "@/lib/action";

import { addressMessages } from "./messages";
import { addAddress, deleteAddress, setDefaultAddress, updateAddress, type DuplicateAddress } from "./queries";
import { addAddressSchema, addressIdSchema, editAddressSchema } from "./schema";

// The account page edits them, the profile lists them, the cart offers them for delivery.
const refresh = () => {
  revalidatePath("/account");
  revalidatePath("/profile");
  revalidatePath("/cart", "layout");
};

/**
 * Not the viewer's address (any more): the page is drawn again without it, and the answer goes above the list
 * (`gone`), since the row whose form asked is no longer there to show it.
 */
const gone = (message: string) => {
  refresh();
  return refusal(message, { gone: true });
};

const duplicateError = ({ reason, label }: DuplicateAddress) =>
  reason === "conflict:label"
    ? fieldError("label", addressMessages.labelTaken(label))
    : fieldError("address", addressMessages.duplicate(label));

export const addAddressAction = formAction(addAddressSchema, async (input, viewer) => {
  const result = await addAddress({ viewer, ...input });
  if (!result.ok) {
    if (result.reason === "invalid:too-many") return { message: addressMessages.tooMany };
    return duplicateError(result);
  }
  refresh();
  return { ok: true, message: addressMessages.added };
});

export const updateAddressAction = formAction(editAddressSchema, async (input, viewer) => {
  const result = await updateAddress({ viewer, ...input });
  if (!result.ok) {
    if (result.reason === "not-found") return gone(addressMessages.notFoundEdit);
    if (result.reason === "conflict:changed") {
      // Drawn again, the form is reset to the address as it is now, with its new version.
      refresh();
      return { stale: true, message: addressMessages.changed };
    }
    return duplicateError(result);
  }
  refresh();
  return { ok: true, message: addressMessages.updated };
});

export const deleteAddressAction = formAction(addressIdSchema, async ({ addressId }, viewer) => {
  if (!(await deleteAddress({ viewer, addressId })).ok) return gone(addressMessages.notFound);
  refresh();
  return { ok: true, message: addressMessages.deleted };
});

export const setDefaultAddressAction = formAction(addressIdSchema, async ({ addressId }, viewer) => {
  if (!(await setDefaultAddress({ viewer, addressId })).ok) return gone(addressMessages.notFound);
  refresh();
  return { ok: true, message: addressMessages.defaultSet };
});
