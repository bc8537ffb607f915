import { z } from "zod";

import { MAX_PRICE_CENTS, orderStatus } from "@/db/schema";
import { formatCents, parseMoney } from "@/lib/money";
import { dayRangeFields, dayRangeInOrder, MAX_INT4, plainText, recordId } from "@/lib/validation";

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

export const restaurantDetailsSchema = z.object({
  restaurantId: idSchema,
  name: text("a name", 120),
  description: text("a description", 2000, { required: false, multiline: true }),
  cuisine: text("a cuisine", 60),
  address: text("an address", 300),
  isOpen: checkbox,
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

const emptyToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

/** The longest sales range: a year and a day, so that a range read stays a page of days (the rollups are per day). */
export const MAX_SALES_RANGE_DAYS = 366;

const dayCount = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/** /owner/[slug]/sales?from=&to=: both or neither (then the last SALES_DAYS days), in order, at most a year long. */
export const salesRangeSchema = z
  .object(dayRangeFields)
  .refine(...dayRangeInOrder)
  .superRefine((range, ctx) => {
    if (Boolean(range.from) !== Boolean(range.to)) {
      ctx.addIssue({
        code: "custom",
        path: [range.from ? "to" : "from"],
        message: "Choose both a start and an end date.",
      });
    } else if (
      range.from &&
      range.to &&
      range.from <= range.to &&
      dayCount(range.from, range.to) > MAX_SALES_RANGE_DAYS
    ) {
      ctx.addIssue({ code: "custom", path: ["to"], message: `Choose at most ${MAX_SALES_RANGE_DAYS} days.` });
    }
  });

export type SalesRange = z.infer<typeof salesRangeSchema>;

/** "#1234" or "1234": the order with that number; anything else is part of a customer's name. */
const ORDER_NUMBER = /^#?\s*(\d+)$/;

/**
 * /owner/[slug]/past-orders filters, from the URL: a status (or all), a search (an order number or part of a
 * customer's name), a day range. Every field optional; a bad one gets a message rather than being ignored.
 */
export const pastOrdersFilterSchema = z
  .object({
    status: z.preprocess(emptyToUndefined, status.optional()),
    q: plainText({ max: 100 }).transform((q, ctx) => {
      if (q === "") return undefined;
      const number = ORDER_NUMBER.exec(q)?.[1];
      if (number === undefined) return { name: q };
      const orderId = Number(number);
      if (!/^\d{1,10}$/.test(number) || orderId < 1 || orderId > MAX_INT4) {
        ctx.addIssue({ code: "custom", message: "No order has that number." });
        return z.NEVER;
      }
      return { orderId };
    }),
    ...dayRangeFields,
    // Judged by decodeCursor (a cursor that is not ours is a 404); only its size is bounded here.
    before: z.preprocess(emptyToUndefined, z.string().max(40).optional()),
  })
  .refine(...dayRangeInOrder);

export type PastOrdersFilter = z.infer<typeof pastOrdersFilterSchema>;
