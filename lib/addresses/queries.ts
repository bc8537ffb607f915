import "server-only";

import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";

import { getDb } from "@/db/client";
import { customerAddresses, MAX_SAVED_ADDRESSES, profiles } from "@/db/schema";
import type { Transaction } from "@/db/types";
import type { Viewer } from "@/lib/auth/queries";
import { NOT_FOUND, type Result } from "@/lib/errors";

/**
 * The viewer's saved addresses, default first, then oldest first. Bounded (MAX_SAVED_ADDRESSES), so one statement
 * and no pagination.
 */
export async function listAddresses({ viewer }: { viewer: Viewer }) {
  const db = await getDb();
  return db
    .select({
      id: customerAddresses.id,
      label: customerAddresses.label,
      address: customerAddresses.address,
      isDefault: customerAddresses.isDefault,
    })
    .from(customerAddresses)
    .where(eq(customerAddresses.profileId, viewer.profileId))
    .orderBy(desc(customerAddresses.isDefault), asc(customerAddresses.id));
}

export type SavedAddress = Awaited<ReturnType<typeof listAddresses>>[number];

/** One of the viewer's addresses (the review page's delivery address); undefined when not theirs. */
export async function findAddress({ viewer, addressId }: { viewer: Viewer; addressId: number }) {
  const db = await getDb();
  const [row] = await db
    .select({ id: customerAddresses.id, label: customerAddresses.label, address: customerAddresses.address })
    .from(customerAddresses)
    .where(and(eq(customerAddresses.id, addressId), eq(customerAddresses.profileId, viewer.profileId)));
  return row;
}

export type AddAddressFailure = { reason: "invalid:too-many" };

/**
 * Every write that counts a customer's addresses or moves their default locks the profile row first, so that two
 * of them (two tabs, a double click) run one after the other: the count's bound holds, and the one-default unique
 * index never sees a second default that a concurrent transaction set after this one cleared the old.
 */
async function lockAddressBook(tx: Transaction, profileId: number) {
  await tx.select({ id: profiles.id }).from(profiles).where(eq(profiles.id, profileId)).for("update");
}

/**
 * Saves an address, under the address book's lock. The first address becomes the default, as does one added with `makeDefault`.
 */
export async function addAddress({
  viewer,
  label,
  address,
  makeDefault,
}: {
  viewer: Viewer;
  label: string;
  address: string;
  makeDefault: boolean;
}): Promise<Result<{ addressId: number }, AddAddressFailure>> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await lockAddressBook(tx, viewer.profileId);
    const [held] = await tx
      .select({ n: sql<number>`count(*)::int`, defaults: sql<number>`count(*) filter (where is_default)::int` })
      .from(customerAddresses)
      .where(eq(customerAddresses.profileId, viewer.profileId));
    if ((held?.n ?? 0) >= MAX_SAVED_ADDRESSES) return { ok: false, reason: "invalid:too-many" } as const;
    const isDefault = makeDefault || (held?.defaults ?? 0) === 0;
    if (isDefault) {
      await tx
        .update(customerAddresses)
        .set({ isDefault: false })
        .where(and(eq(customerAddresses.profileId, viewer.profileId), eq(customerAddresses.isDefault, true)));
    }
    const [created] = await tx
      .insert(customerAddresses)
      .values({ profileId: viewer.profileId, label, address, isDefault })
      .returning({ id: customerAddresses.id });
    return { ok: true, addressId: created!.id } as const;
  });
}

/**
 * Rewrites one of the viewer's addresses (a typo, a new door code); another user's id finds nothing ("not-found").
 * Placed orders keep the text they were placed with: checkout copied it onto the order.
 */
export async function updateAddress({
  viewer,
  addressId,
  label,
  address,
}: {
  viewer: Viewer;
  addressId: number;
  label: string;
  address: string;
}): Promise<Result<object, { reason: "not-found" }>> {
  const db = await getDb();
  const updated = await db
    .update(customerAddresses)
    .set({ label, address })
    .where(and(eq(customerAddresses.id, addressId), eq(customerAddresses.profileId, viewer.profileId)))
    .returning({ id: customerAddresses.id });
  return updated.length > 0 ? { ok: true } : NOT_FOUND;
}

/**
 * Deletes one of the viewer's addresses; another user's id finds nothing ("not-found"). Placed orders keep their
 * copy. Deleting the default hands it to the oldest address left, as the first one saved gets it: a customer with
 * addresses always has a default for the cart to preselect. Under the address book's lock, like every default move.
 */
export async function deleteAddress({
  viewer,
  addressId,
}: {
  viewer: Viewer;
  addressId: number;
}): Promise<Result<object, { reason: "not-found" }>> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await lockAddressBook(tx, viewer.profileId);
    const [deleted] = await tx
      .delete(customerAddresses)
      .where(and(eq(customerAddresses.id, addressId), eq(customerAddresses.profileId, viewer.profileId)))
      .returning({ isDefault: customerAddresses.isDefault });
    if (!deleted) return NOT_FOUND;
    if (deleted.isDefault) {
      const oldest = tx
        .select({ id: customerAddresses.id })
        .from(customerAddresses)
        .where(eq(customerAddresses.profileId, viewer.profileId))
        .orderBy(asc(customerAddresses.id))
        .limit(1);
      await tx.update(customerAddresses).set({ isDefault: true }).where(inArray(customerAddresses.id, oldest));
    }
    return { ok: true };
  });
}

/** Makes one of the viewer's addresses the default (and no other); "not-found" when it is not theirs. */
export async function setDefaultAddress({
  viewer,
  addressId,
}: {
  viewer: Viewer;
  addressId: number;
}): Promise<Result<object, { reason: "not-found" }>> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await lockAddressBook(tx, viewer.profileId);
    // The old default is cleared first, then the new one set: a unique index is checked row by row as an UPDATE
    // goes, so one statement flipping both could meet two defaults, depending on the rows' order. Both are
    // scoped to the viewer, and the clearing only happens when the address is theirs.
    const owned = sql`exists (select 1 from customer_addresses a where a.id = ${addressId} and a.profile_id = ${viewer.profileId})`;
    await tx
      .update(customerAddresses)
      .set({ isDefault: false })
      .where(
        and(
          eq(customerAddresses.profileId, viewer.profileId),
          eq(customerAddresses.isDefault, true),
          sql`${customerAddresses.id} <> ${addressId}`,
          owned,
        ),
      );
    const updated = await tx
      .update(customerAddresses)
      .set({ isDefault: true })
      .where(and(eq(customerAddresses.id, addressId), eq(customerAddresses.profileId, viewer.profileId)))
      .returning({ id: customerAddresses.id, isDefault: customerAddresses.isDefault });
    return updated.some((a) => a.isDefault) ? { ok: true } : NOT_FOUND;
  });
}
