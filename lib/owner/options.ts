import "server-only";

import { and, eq, inArray, isNull, not, sql, type SQLWrapper } from "drizzle-orm";

import { getDb } from "@/db/client";
import { MAX_OPTION_GROUPS_PER_ITEM, menuItems, menuOptionChoices, menuOptionGroups } from "@/db/schema";
import type { Viewer } from "@/lib/auth/queries";
import { NOT_FOUND, type Result } from "@/lib/errors";

import type { OptionGroupFields } from "./schema";
import { outer, ownedBy } from "./scope";
import { refusingTakenName, type NameTaken } from "./taken-name";

/**
 * An item's option groups and their choices, written by its restaurant's owners only: every statement finds the
 * item or group through `ownedBy` in its WHERE, so another restaurant's id finds nothing ("not-found").
 * Groups and choices are soft-deleted: a cart line may hold a choice id, and checkout names what went away.
 */
type NotFound = { reason: "not-found" };
export type OptionGroupCreateResult = Result<
  { id: number },
  NotFound | NameTaken | { reason: "invalid:too-many-groups"; max: number }
>;
export type OptionGroupWriteResult = Result<object, NotFound>;
/** "conflict": the group has changed since the form was drawn (its `version`); nothing was written. */
export type OptionGroupUpdateResult = Result<object, NotFound | NameTaken | { reason: "conflict" }>;

/**
 * What a group's edit form shows (its name, whether it is required, its numbers of choices, and its live choices with
 * their extra prices, in order) as one text: the version a save from that form must find. `groupId` is the group's id
 * column, qualified (`outer` in a statement over the table; a relational query qualifies it by its own alias), since
 * inside this subquery an unqualified "id" would be the inner group's. Saving replaces the whole list of
 * choices, so a form drawn before another tab's or a co-owner's save took the choices it had added off the menu (and
 * out of every cart holding them) and put their prices back. A choice's sold-out switch is not on the form.
 */
export const groupFormVersion = (groupId: SQLWrapper) =>
  sql<string>`(select md5(row(g.name, g.required, g.min_choices, g.max_choices,
      (select array_agg(row(c.name, c.price_delta_cents) order by c.position, c.id) from menu_option_choices c
        where c.group_id = g.id and c.deleted_at is null))::text)
    from menu_option_groups g where g.id = ${groupId})`;

/** Whether another live group of the item `itemId` (a column) is named `name`, ignoring case; `except` a group. */
const groupNameTaken = (itemId: SQLWrapper, name: string, except?: SQLWrapper) =>
  sql<boolean>`exists (select 1 from menu_option_groups g where g.menu_item_id = ${itemId} and g.deleted_at is null
    and lower(g.name) = lower(${name})${except ? sql` and g.id <> ${except}` : sql``})`;

// Live group names are unique per item (ignoring case): the check in each write says so first, and the index holds
// when two saves name two groups alike at once.
const GROUP_NAME_INDEX = "menu_option_groups_item_name_key";

/** Live groups of one of the viewer's live items, in the SQL of a WHERE (the item: a value or a column). */
const ownedLiveItem = (viewer: Viewer, itemId: number) =>
  and(eq(menuItems.id, itemId), isNull(menuItems.deletedAt), ownedBy(viewer, menuItems.restaurantId));

export async function createOptionGroup({
  viewer,
  itemId,
  fields,
}: {
  viewer: Viewer;
  itemId: number;
  fields: OptionGroupFields;
}): Promise<OptionGroupCreateResult> {
  const db = await getDb();
  return refusingTakenName(GROUP_NAME_INDEX, fields.name, () =>
    db.transaction(async (tx): Promise<OptionGroupCreateResult> => {
      // The item's row lock serializes group appends: two never take the same position, a name or pass the bound
      // together. The figures are read in the next statement: under READ COMMITTED a statement that waited for the
      // lock still sees the rows of its own snapshot, taken before the wait, so read alongside the lock they missed
      // the group the other append had just committed.
      const [locked] = await tx
        .select({ id: menuItems.id })
        .from(menuItems)
        .where(ownedLiveItem(viewer, itemId))
        .for("no key update");
      if (!locked) return NOT_FOUND;
      const [figures] = await tx
        .select({
          groups: sql<number>`(select count(*)::int from menu_option_groups g
          where g.menu_item_id = ${outer(menuItems.id)} and g.deleted_at is null)`.mapWith(Number),
          nextPosition: sql<number>`(select coalesce(max(g.position) + 1, 0)::int from menu_option_groups g
          where g.menu_item_id = ${outer(menuItems.id)})`.mapWith(Number),
          nameTaken: groupNameTaken(outer(menuItems.id), fields.name),
        })
        .from(menuItems)
        .where(eq(menuItems.id, locked.id));
      const { groups, nextPosition, nameTaken } = figures!; // the row is locked: it is there
      if (groups >= MAX_OPTION_GROUPS_PER_ITEM) {
        return { ok: false, reason: "invalid:too-many-groups", max: MAX_OPTION_GROUPS_PER_ITEM };
      }
      if (nameTaken) return { ok: false, reason: "invalid:name-taken", name: fields.name };
      const [group] = await tx
        .insert(menuOptionGroups)
        .values({
          menuItemId: locked.id,
          name: fields.name,
          required: fields.required,
          minChoices: fields.minChoices,
          maxChoices: fields.maxChoices,
          position: nextPosition,
        })
        .returning({ id: menuOptionGroups.id });
      await tx
        .insert(menuOptionChoices)
        .values(fields.choices.map((choice, position) => ({ ...choice, groupId: group!.id, position })));
      return { ok: true, id: group!.id };
    }),
  );
}

/** The live groups of live items of the viewer's restaurants (or one of them), as a WHERE over menu_option_groups. */
const ownedLiveGroups = (viewer: Viewer) =>
  and(
    isNull(menuOptionGroups.deletedAt),
    sql`${menuOptionGroups.menuItemId} in (select mi.id from menu_items mi
      where mi.deleted_at is null and ${ownedBy(viewer, sql.raw("mi.restaurant_id"))})`,
  );
const ownedLiveGroup = (viewer: Viewer, groupId: number) =>
  and(eq(menuOptionGroups.id, groupId), ownedLiveGroups(viewer));

/**
 * Saves a group and its whole list of choices. A choice keeps its id while its name (ignoring case) stays in the
 * list, so renaming "Large" to "large" or changing its price keeps carts that hold it; a name gone from the list is
 * soft-deleted (carts holding it are refused at checkout, naming it), a new name is a new choice. Price changes
 * reach carts at once (they are priced from the menu) and never past orders (their options are snapshots).
 */
export async function updateOptionGroup({
  viewer,
  groupId,
  fields,
  version,
}: {
  viewer: Viewer;
  groupId: number;
  fields: OptionGroupFields;
  /** The form's groupFormVersion; absent, the save overwrites whatever is. */
  version?: string;
}): Promise<OptionGroupUpdateResult> {
  const db = await getDb();
  const self = outer(menuOptionGroups.id);
  return refusingTakenName(GROUP_NAME_INDEX, fields.name, () =>
    db.transaction(async (tx): Promise<OptionGroupUpdateResult> => {
      if (version !== undefined) {
        // Locked first, compared in the next statement: a statement that waits for another save's lock keeps its
        // snapshot from before the wait for the choices it reads, and would compare the list that save replaced.
        const [locked] = await tx
          .select({ id: menuOptionGroups.id })
          .from(menuOptionGroups)
          .where(ownedLiveGroup(viewer, groupId))
          .for("no key update");
        if (!locked) return NOT_FOUND;
      }
      const [group] = await tx
        .update(menuOptionGroups)
        .set({
          name: fields.name,
          required: fields.required,
          minChoices: fields.minChoices,
          maxChoices: fields.maxChoices,
        })
        .where(
          and(
            ownedLiveGroup(viewer, groupId),
            not(groupNameTaken(menuOptionGroups.menuItemId, fields.name, menuOptionGroups.id)),
            version === undefined ? undefined : sql`${groupFormVersion(self)} = ${version}`,
          ),
        )
        .returning({ id: menuOptionGroups.id });
      if (!group) {
        // Refused by the version, the name, or not the viewer's: one more statement on this path only, to say which.
        const [owned] = await tx
          .select({ id: menuOptionGroups.id, version: groupFormVersion(self) })
          .from(menuOptionGroups)
          .where(ownedLiveGroup(viewer, groupId));
        if (!owned) return NOT_FOUND;
        if (version !== undefined && owned.version !== version) return { ok: false, reason: "conflict" };
        return { ok: false, reason: "invalid:name-taken", name: fields.name };
      }
      const current = await tx
        .select({ id: menuOptionChoices.id, name: menuOptionChoices.name })
        .from(menuOptionChoices)
        .where(and(eq(menuOptionChoices.groupId, group.id), isNull(menuOptionChoices.deletedAt)))
        .for("update");
      const byName = new Map(current.map((c) => [c.name.toLowerCase(), c.id]));
      const kept = [];
      const added = [];
      for (const [position, choice] of fields.choices.entries()) {
        const id = byName.get(choice.name.toLowerCase());
        if (id === undefined) added.push({ ...choice, groupId: group.id, position });
        else kept.push({ id, position, ...choice });
      }
      if (kept.length > 0) {
        // Every kept choice in one statement (a group has up to MAX_CHOICES_PER_GROUP): the budget stays flat.
        const rows = kept.map(
          (c) => sql`(${c.id}::integer, ${c.name}::text, ${c.priceDeltaCents}::integer, ${c.position}::integer)`,
        );
        await tx.execute(sql`update ${menuOptionChoices}
        set name = v.name, price_delta_cents = v.price_delta_cents, position = v.position
        from (values ${sql.join(rows, sql`, `)}) as v(id, name, price_delta_cents, position)
        where ${menuOptionChoices.id} = v.id and ${menuOptionChoices.groupId} = ${group.id}`);
      }
      const keptIds = new Set(kept.map((c) => c.id));
      const removed = current.filter((c) => !keptIds.has(c.id)).map((c) => c.id);
      if (removed.length > 0) {
        await tx
          .update(menuOptionChoices)
          .set({ deletedAt: new Date() })
          .where(and(inArray(menuOptionChoices.id, removed), eq(menuOptionChoices.groupId, group.id)));
      }
      if (added.length > 0) await tx.insert(menuOptionChoices).values(added);
      return { ok: true };
    }),
  );
}

/** Takes a group off the item (soft delete); past orders keep their snapshots, carts holding it are refused. */
export async function deleteOptionGroup({
  viewer,
  groupId,
}: {
  viewer: Viewer;
  groupId: number;
}): Promise<OptionGroupWriteResult> {
  const db = await getDb();
  const deleted = await db
    .update(menuOptionGroups)
    .set({ deletedAt: new Date() })
    .where(ownedLiveGroup(viewer, groupId))
    .returning({ id: menuOptionGroups.id });
  return deleted.length > 0 ? { ok: true } : NOT_FOUND;
}

/**
 * The owner's "sold out" switch on one choice of a live group of theirs: it stays on the menu, greyed out, and carts
 * holding it are refused at checkout (naming it) until it is available again. Past orders are snapshots, untouched.
 */
export async function setChoiceAvailability({
  viewer,
  choiceId,
  available,
}: {
  viewer: Viewer;
  choiceId: number;
  available: boolean;
}): Promise<OptionGroupWriteResult> {
  const db = await getDb();
  const updated = await db
    .update(menuOptionChoices)
    .set({ available })
    .where(
      and(
        eq(menuOptionChoices.id, choiceId),
        isNull(menuOptionChoices.deletedAt),
        inArray(
          menuOptionChoices.groupId,
          db.select({ id: menuOptionGroups.id }).from(menuOptionGroups).where(ownedLiveGroups(viewer)),
        ),
      ),
    )
    .returning({ id: menuOptionChoices.id });
  return updated.length > 0 ? { ok: true } : NOT_FOUND;
}
