import { z } from "zod";

import { fulfilment, MAX_ORDER_NOTE_LENGTH } from "@/db/schema";
import {
  dayRangeFields,
  dayRangeInOrder,
  numberText,
  plainText,
  recordId,
  replaceConfirmed,
  UNKNOWN_RESTAURANT,
} from "@/lib/validation";

const emptyToUndefined = (value: unknown) => (value === "" ? undefined : value);

/** /orders filters, from the URL. Every field optional; a bad one gets a message rather than being ignored. */
export const historyFilterSchema = z
  .object({
    restaurant: z.preprocess(emptyToUndefined, recordId(UNKNOWN_RESTAURANT).optional()),
    ...dayRangeFields,
    // Judged by decodeCursor (a cursor that is not ours is a 404); only its size is bounded here.
    before: z.preprocess(emptyToUndefined, z.string().max(40).optional()),
  })
  .refine(...dayRangeInOrder);

export type HistoryFilter = z.infer<typeof historyFilterSchema>;

/**
 * How the order is handed over, as the cart sends it to the review (in the URL) and the review to checkout. Only a
 * choice: whether it is offered, the fee and the address text are read from the database in checkout's transaction.
 */
export const fulfilmentFields = {
  fulfilment: z.enum(fulfilment.enumValues, { error: "Choose pickup or delivery." }),
  addressId: z.preprocess(emptyToUndefined, recordId("Choose one of your saved addresses.").optional()),
  note: plainText({ max: MAX_ORDER_NOTE_LENGTH, multiline: true }),
};
export const fulfilmentSchema = z.object(fulfilmentFields);
export type FulfilmentChoice = z.infer<typeof fulfilmentSchema>;

/**
 * A choice as the cart's GET form writes it in the URL: the review's way back to the cart carries it, and the cart
 * reads it with `fulfilmentSchema`, so the customer finds what they chose instead of the defaults.
 */
export function fulfilmentChoiceQuery({ fulfilment, addressId, note }: FulfilmentChoice): string {
  const query = new URLSearchParams({ fulfilment });
  if (addressId !== undefined) query.set("addressId", String(addressId));
  query.set("note", note);
  return query.toString();
}

/**
 * Where the account page sends back a customer who came to save an address on the way to checkout (from the cart
 * or the review, with their choice in the URL): the cart, for delivery, with the note they typed. Undefined when
 * the page was opened any other way, or with a choice no cart would send.
 */
export function cartReturnHref(searchParams: unknown): string | undefined {
  const choice = fulfilmentSchema.safeParse(searchParams);
  if (!choice.success) return undefined;
  return `/cart?${fulfilmentChoiceQuery({ fulfilment: "delivery", note: choice.data.note })}`;
}

/** A hidden field of the review's form that is not what the review rendered: an old or hand-made form. */
const EXPIRED_FORM = "This checkout form has expired. Reload the page and try again.";

export const checkoutSchema = z.object({
  idempotencyKey: z.string({ error: EXPIRED_FORM }).regex(/^[A-Za-z0-9-]{8,100}$/, EXPIRED_FORM),
  // What the customer saw. Never charged: only compared, so that a price change is shown before anyone pays it.
  // Digits only, as the review renders it.
  expectedTotalCents: numberText(
    /^\d{1,15}$/,
    z.coerce
      .number({ error: EXPIRED_FORM })
      .int(EXPIRED_FORM)
      .min(0, EXPIRED_FORM)
      .max(Number.MAX_SAFE_INTEGER, EXPIRED_FORM),
  ),
  // What the customer saw, line by line: two SHA-256 in base64url (lib/orders/reviewed-cart.ts).
  reviewedCart: z.string().regex(/^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$/, EXPIRED_FORM),
  ...fulfilmentFields,
});

export const orderIdSchema = z.object({ orderId: recordId("Choose a valid order.") });

/** "Order again": `replace` once the customer confirmed that the cart's lines may go. */
export const reorderSchema = orderIdSchema.extend({ replace: replaceConfirmed });
