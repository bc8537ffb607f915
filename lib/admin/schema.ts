import { z } from "zod";

import { orderStatus, userRole } from "@/db/schema";
import { SLUG_MAX, SLUG_PATTERN, slugify } from "@/db/slug";
import { timeZoneSchema } from "@/lib/restaurants/time-zones";
import {
  dayRangeFields,
  dayRangeInOrder,
  formVersion,
  NO_SUCH_ORDER_NUMBER,
  plainText,
  recordId,
  UNKNOWN_RESTAURANT,
} from "@/lib/validation";

import { AUDIT_ACTIONS } from "./audit-text";
import { USER_SORTS } from "./cursor";

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/**
 * /admin/users?q=&sort=&after= : an odd search or sort falls back to the defaults rather than failing. `after` is
 * passed through as given: decodeUsersCursor judges it, and a cursor that is not ours is a 404, never the first page
 * again (which would make "Next page" loop).
 */
const usersSearch = plainText({ max: 100 }).transform((q) => q || undefined);

export const usersQuerySchema = z.object({
  q: z.preprocess(first, usersSearch.catch(undefined)),
  sort: z.preprocess(first, z.enum(USER_SORTS).catch("total")),
  after: z.preprocess(first, z.string().optional()),
});

/**
 * /admin/export/users?q= : unlike the page, an unusable search is refused (400) rather than dropped, because
 * dropping it would export every user when the admin asked for some.
 */
export const usersExportSchema = z.object({ q: z.preprocess((v) => (v === null ? undefined : v), usersSearch) });

/** Orders export range: both ends inclusive, whole days of the admin's zone (lib/dates.ts); either end may be left open. */
export const orderRangeSchema = z.object(dayRangeFields).refine(...dayRangeInOrder);

export type OrderRange = z.infer<typeof orderRangeSchema>;

const profileId = recordId();

export const roleChangeSchema = z.object({
  profileId,
  /** The role and restaurants as the form drew them (lib/admin/roles.ts roleFormVersion); absent, the save overwrites. */
  version: formVersion,
  role: z.enum(userRole.enumValues, { error: "Choose a role." }),
  // Checkboxes: absent, one value, or many.
  restaurantIds: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(recordId("Choose restaurants from the list.")).max(500),
  ),
});

export const disableSchema = z.object({
  profileId,
  disabled: z.enum(["true", "false"]).transform((v) => v === "true"),
});

const text = (label: string, max: number, { required = true, multiline = false } = {}) =>
  plainText({ max, min: required ? 1 : 0, label, multiline });

/**
 * Slugs that name a static page beside /admin/restaurants/[slug]: a restaurant called so could be created but
 * never managed, its page being the static one.
 */
export const RESERVED_RESTAURANT_SLUGS = ["new"];

/**
 * A new restaurant: the columns restaurants has today (new columns come with defaults), and its time zone, which
 * its hours, "today" and sales days are counted in (UTC by default was wrong for most). The slug may be left blank:
 * it is then derived from the name, and either way must fit the table's check, so a bad one is a field message and
 * never a constraint error.
 */
export const createRestaurantSchema = z
  .object({
    name: text("a name", 120),
    slug: plainText({ max: 200 }),
    cuisine: text("a cuisine", 60),
    address: text("an address", 300),
    description: text("a description", 2000, { required: false, multiline: true }),
    timeZone: timeZoneSchema,
  })
  .transform((input, ctx) => {
    const slug = input.slug === "" ? slugify(input.name) : input.slug;
    const problem =
      slug === ""
        ? "A web address is made of the letters a to z and digits, and this name has none to make one from: enter one, like tokyo-ramen."
        : slug.length > SLUG_MAX
          ? `Use at most ${SLUG_MAX} characters.`
          : !SLUG_PATTERN.test(slug)
            ? "Use lower-case letters, digits and single dashes between words, like thai-corner."
            : RESERVED_RESTAURANT_SLUGS.includes(slug)
              ? `“${slug}” is the address of an admin page (/admin/restaurants/${slug}): enter another web address.`
              : null;
    if (problem) {
      ctx.addIssue({ code: "custom", message: problem, path: ["slug"] });
      return z.NEVER;
    }
    return { ...input, slug };
  });

export type NewRestaurant = z.infer<typeof createRestaurantSchema>;

/** Add or remove one owner of one restaurant. */
export const ownerChangeSchema = z.object({
  restaurantId: recordId("Missing restaurant."),
  profileId: recordId("Choose a user from the list."),
});

/** /admin/restaurants?q=&after= and the owner picker's ?user= : odd values fall back to no search. */
const search = plainText({ max: 100 })
  .transform((q) => q || undefined)
  .catch(undefined);
export const restaurantsQuerySchema = z.object({
  q: z.preprocess(first, search),
  after: z.preprocess(first, z.string().optional().catch(undefined)),
});
export const ownerPickerQuerySchema = z.object({ user: z.preprocess(first, search) });

const blankAsUndefined = (v: unknown) => {
  const value = first(v);
  return value === "" || value === null ? undefined : value;
};

/**
 * /admin/audit?actor=&action=&from=&to=&before= : the filters are checked, and a bad one is a message next to its
 * field (a reversed range, a day that does not exist), never a 500 nor a silently different result.
 */
export const auditQuerySchema = z
  .object({
    actor: z.preprocess(
      blankAsUndefined,
      plainText({ max: 100 }).transform((q) => q || undefined),
    ),
    action: z.preprocess(
      blankAsUndefined,
      z.enum(AUDIT_ACTIONS, { error: "Choose an action from the list." }).optional(),
    ),
    from: z.preprocess(first, dayRangeFields.from),
    to: z.preprocess(first, dayRangeFields.to),
  })
  .refine(...dayRangeInOrder);

export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** The order statuses, for the orders' filter. */
export const ORDER_STATUSES = orderStatus.enumValues;

/**
 * An order number as typed ("#" already dropped). Digits beyond any order's id (0, or past the int4 range) were typed
 * correctly: "digits only" told the admin to fix what was not wrong, so they hear what the owner's search says.
 */
const NOT_DIGITS = "Enter an order number: digits only, like 1234.";
const orderNumber = z.string({ error: NOT_DIGITS }).regex(/^\d+$/, NOT_DIGITS).pipe(recordId(NO_SUCH_ORDER_NUMBER));

/**
 * /admin/orders?status=&restaurant=&customer=&from=&to=&number=&before= : every filter is checked and a bad one is
 * a message next to its field. An order number is a whole number within the database's range.
 */
export const ordersQuerySchema = z
  .object({
    status: z.preprocess(
      blankAsUndefined,
      z.enum(ORDER_STATUSES, { error: "Choose a status from the list." }).optional(),
    ),
    restaurant: z.preprocess(blankAsUndefined, recordId(UNKNOWN_RESTAURANT).optional()),
    customer: z.preprocess(
      blankAsUndefined,
      plainText({ max: 100 }).transform((q) => q || undefined),
    ),
    number: z.preprocess((v) => {
      const value = blankAsUndefined(v);
      return typeof value === "string" ? value.trim().replace(/^#/, "") : value;
    }, orderNumber.optional()),
    from: z.preprocess(first, dayRangeFields.from),
    to: z.preprocess(first, dayRangeFields.to),
  })
  .refine(...dayRangeInOrder);

export type OrdersQuery = z.infer<typeof ordersQuerySchema>;
