import { z } from "zod";
import { MAX_LINE_QUANTITY } from "@/db/schema";
import { recordId } from "@/lib/validation";

const id = (what: string) => recordId(`Choose a valid ${what}.`);

export const quantitySchema = z.coerce
  .number({ error: "Enter a quantity from 1 to 99." })
  .int("Enter a whole quantity from 1 to 99.")
  .min(1, "Enter a quantity from 1 to 99.")
  .max(MAX_LINE_QUANTITY, "Enter a quantity from 1 to 99.");

export const addToCartSchema = z.object({
  menuItemId: id("menu item"),
  quantity: quantitySchema.default(1),
  // Set when the visitor confirmed that a cart from another restaurant may be replaced.
  replace: z.literal("1").optional(),
});

export const setQuantitySchema = z.object({ menuItemId: id("menu item"), quantity: quantitySchema });
export const removeFromCartSchema = z.object({ menuItemId: id("menu item") });

export const checkoutSchema = z.object({
  idempotencyKey: z.string().regex(/^[A-Za-z0-9-]{8,100}$/, "This checkout form has expired. Reload the page and try again."),
  // What the customer saw. Never charged: only compared, so that a price change is shown before anyone pays it.
  expectedTotalCents: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});

export const orderIdSchema = z.object({ orderId: id("order") });
