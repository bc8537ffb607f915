import { z } from "zod";

import { MAX_ADDRESS_LABEL_LENGTH, MAX_ADDRESS_LENGTH } from "@/db/schema";
import { formVersion, plainText, recordId } from "@/lib/validation";

// An unchecked checkbox sends nothing; a checked one sends "on".
const checkbox = z
  .string()
  .optional()
  .transform((value) => value === "on" || value === "true");

export const addAddressSchema = z.object({
  label: plainText({ max: MAX_ADDRESS_LABEL_LENGTH, min: 1, label: "a label, like Home" }),
  address: plainText({ max: MAX_ADDRESS_LENGTH, min: 1, label: "the address", multiline: true }),
  makeDefault: checkbox,
});

export const addressIdSchema = z.object({ addressId: recordId("Choose one of your saved addresses.") });

export const editAddressSchema = addressIdSchema.extend({
  /** The address as its form drew it (lib/addresses/queries.ts addressVersion); absent, the save overwrites it. */
  version: formVersion,
  label: addAddressSchema.shape.label,
  address: addAddressSchema.shape.address,
});
