import { z } from "zod";

import { MAX_DELIVERY_FEE_CENTS, MAX_MIN_ORDER_CENTS, MAX_PRICE_CENTS, orderStatus } from "@/db/schema";
import { formatCents, parseMoney } from "@/lib/money";
import { plainText, recordId } from "@/lib/validation";

export const idSchema = recordId();

const text = (label: string, max: number, { required = true, multiline = false } = {}) =>
  plainText({ max, min: required ? 1 : 0, label, multiline });

// An unchecked checkbox sends nothing; a checked one sends "on".
const checkbox = z
  .string()
  .optional()
  .transform((value) => value === "on" || value === "true");

/**
 * Money typed by a person: "12.50", "12", "12.5". Each kind of mistake gets its own message, because "invalid
 * price" does not tell anyone what to fix.
 */
export const priceSchema = z.string({ error: "Enter a price." }).transform((value, ctx) => {
  const input = value.trim();
  const fail = (message: string) => {
    ctx.addIssue({ code: "custom", message });
    return z.NEVER;
  };
  if (input === "") return fail("Enter a price.");
  if (input.startsWith("-")) return fail("A price cannot be negative.");
  if (/^\d+\.\d{3,}$/.test(input)) return fail("Use at most two decimals, like 12.50.");
  if (/^\d{10,}(\.\d{1,2})?$/.test(input)) return fail(`The highest price is ${formatCents(MAX_PRICE_CENTS)}.`);
  const cents = parseMoney(input);
  if (cents === null) return fail("Enter a price in dollars and cents, like 12.50.");
  if (cents > MAX_PRICE_CENTS) return fail(`The highest price is ${formatCents(MAX_PRICE_CENTS)}.`);
  return cents;
});

/** An optional amount of money ("", "0", "2.50"); blank means none (0). Same mistakes, same words as a price. */
const amountSchema = (what: string, max: number) =>
  z
    .string({ error: `Enter ${what}.` })
    .optional()
    .transform((value, ctx) => {
      const input = (value ?? "").trim();
      const fail = (message: string) => {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      };
      if (input === "") return 0;
      if (input.startsWith("-")) return fail(`${what[0]!.toUpperCase()}${what.slice(1)} cannot be negative.`);
      if (/^\d+\.\d{3,}$/.test(input)) return fail("Use at most two decimals, like 2.50.");
      const cents = parseMoney(input);
      if (cents === null) return fail("Enter an amount in dollars and cents, like 2.50.");
      if (cents > max) return fail(`The highest is ${formatCents(max)}.`);
      return cents;
    });

export const restaurantDetailsSchema = z
  .object({
    restaurantId: idSchema,
    name: text("a name", 120),
    description: text("a description", 2000, { required: false, multiline: true }),
    cuisine: text("a cuisine", 60),
    address: text("an address", 300),
    isOpen: checkbox,
    offersPickup: checkbox,
    offersDelivery: checkbox,
    deliveryFeeCents: amountSchema("a delivery fee", MAX_DELIVERY_FEE_CENTS),
    minOrderCents: amountSchema("a minimum order", MAX_MIN_ORDER_CENTS),
  })
  .refine((d) => d.offersPickup || d.offersDelivery, {
    path: ["offersPickup"],
    message: "Offer pickup, delivery or both.",
  });

export const createCategorySchema = z.object({ restaurantId: idSchema, name: text("a category name", 80) });
export const renameCategorySchema = z.object({ categoryId: idSchema, name: text("a category name", 80) });
export const categoryIdSchema = z.object({ categoryId: idSchema });

const itemFields = {
  name: text("a name", 120),
  description: text("a description", 1000, { required: false, multiline: true }),
  price: priceSchema,
  available: checkbox,
};
export const createItemSchema = z.object({ categoryId: idSchema, ...itemFields });
export const updateItemSchema = z.object({ itemId: idSchema, ...itemFields });
export const itemIdSchema = z.object({ itemId: idSchema });
export const itemAvailabilitySchema = z.object({ itemId: idSchema, available: checkbox });

export const directionSchema = z.enum(["up", "down"], { error: "Choose up or down." });
export const moveCategorySchema = z.object({ categoryId: idSchema, direction: directionSchema });
export const moveItemSchema = z.object({ itemId: idSchema, direction: directionSchema });

const status = z.enum(orderStatus.enumValues, { error: "Unknown status." });

/**
 * `from` is the status the owner saw when they clicked: it goes into the WHERE clause, so a click on a card that
 * someone else has already moved changes nothing instead of skipping a step.
 */
export const transitionSchema = z
  .object({
    orderId: idSchema,
    from: status,
    to: status,
    reason: plainText({ max: 500, multiline: true }),
  })
  .superRefine((input, ctx) => {
    if (input.to === "cancelled" && input.reason === "") {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "Tell the customer why the order is cancelled." });
    }
  });

export type Direction = z.infer<typeof directionSchema>;
export type TransitionInput = z.infer<typeof transitionSchema>;
