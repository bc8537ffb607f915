import { z } from "zod";

import { userRole } from "@/db/schema";
import { dayRangeFields, dayRangeInOrder, plainText, recordId } from "@/lib/validation";

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

/** Orders export range: both ends inclusive, whole days in APP_TIME_ZONE (lib/dates.ts); either end may be left open. */
export const orderRangeSchema = z.object(dayRangeFields).refine(...dayRangeInOrder);

export type OrderRange = z.infer<typeof orderRangeSchema>;

const profileId = recordId();

export const roleChangeSchema = z.object({
  profileId,
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
