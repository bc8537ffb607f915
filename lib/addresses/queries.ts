import "server-only";

import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";

import { getDb } from "@/db/client";
import { customerAddresses, MAX_SAVED_ADDRESSES, profiles } from "@/db/schema";
import type { Transaction } from "@/db/types";
import type { Viewer } from "@/lib/auth/queries";
import { NOT_FOUND, type Result } from "@/lib/errors";

/** One of the viewer's addresses, named by id; another customer's id is as good as none ("not-found"). */
type AddressRef = { viewer: Viewer; addressId: number };
type AddressResult = Result<object, { reason: "not-found" }>;

/** An address text as two copies of it compare: case, accents' encoding and runs of spaces aside. */
const comparable = (text: string) => text.normalize("NFC").toLocaleLowerCase("und").replace(/\s+/g, " ").trim();

/**
 * What the edit form saves (the label and the text), as one text: the version a save from that form must find. A
 * save writes both fields, so a form drawn before another tab's edit put that edit's old text back, a door code
 * added meanwhile lost without a word.
 */
const addressVersion = sql<string>`md5(row(${customerAddresses.label}, ${customerAddresses.address})::text)`;

type BookEntry = { id: number; label: string; address: string; isDefault: boolean; version: string };

/** The viewer's saved addresses, at most MAX_SAVED_ADDRESSES: read under the address book's lock by the writes. */
const readBook = (tx: Transaction, viewer: Viewer): Promise<BookEntry[]> =>
  tx
    .select({
      id: customerAddresses.id,
      label: customerAddresses.label,
      address: customerAddresses.address,
      isDefault: customerAddresses.isDefault,
      version: addressVersion,
    })
    .from(customerAddresses)
    .where(eq(customerAddresses.profileId, viewer.profileId));

/**
 * The saved address of `book` (but `except`, the one being edited) that `address` would copy, as a refusal naming its
 * label: a second copy of one only doubled the choices at checkout. Or the one whose label `label` repeats ("Work"
 * and "work" were two choices at checkout, told apart by their text only). Compared here, where case folding knows
 * every alphabet.
 */
function duplicateOf(
  book: readonly BookEntry[],
  { label, address }: { label: string; address: string },
  except?: number,
) {
  const others = book.filter((a) => a.id !== except);
  const same = others.find((a) => comparable(a.address) === comparable(address));
  if (same) return { ok: false, reason: "conflict:duplicate", label: same.label } as const;
  const named = others.find((a) => comparable(a.label) === comparable(label));
  return named && ({ ok: false, reason: "conflict:label", label: named.label } as const);
}

/** The WHERE of every read and write of one address: its id and the viewer's own profile. */
const theirs = ({ viewer, addressId }: AddressRef) =>
  and(eq(customerAddresses.id, addressId), eq(customerAddresses.profileId, viewer.profileId));

/**
 * The viewer's saved addresses, default first, then oldest first, each with the version its edit form sends back.
 * Bounded (MAX_SAVED_ADDRESSES), so one statement and no pagination.
 */
export async function listAddresses({ viewer }: { viewer: Viewer }) {
  const db = await getDb();
  return db
    .select({ ...savedAddressColumns, version: addressVersion })
    .from(customerAddresses)
    .where(eq(customerAddresses.profileId, viewer.profileId))
    .orderBy(...savedAddressOrder);
}

/** What a saved address shows, in the order the address book lists them (the profile reads them the same way). */
export const savedAddressColumns = {
  id: customerAddresses.id,
  label: customerAddresses.label,
  address: customerAddresses.address,
  isDefault: customerAddresses.isDefault,
};
export const savedAddressOrder = [desc(customerAddresses.isDefault), asc(customerAddresses.id)];

export type SavedAddress = Awaited<ReturnType<typeof listAddresses>>[number];

/** One of the viewer's addresses (the review page's delivery address); undefined when not theirs. */
export async function findAddress(ref: AddressRef) {
  const db = await getDb();
  const [row] = await db
    .select({ id: customerAddresses.id, label: customerAddresses.label, address: customerAddresses.address })
    .from(customerAddresses)
    .where(theirs(ref));
  return row;
}

/** The same address text (ignoring case and spacing) is saved already, under `label`. */
export type DuplicateAddress = { reason: "conflict:duplicate" | "conflict:label"; label: string };
export type AddAddressFailure = { reason: "invalid:too-many" } | DuplicateAddress;
/**
 * Why an edit was refused: not one of the viewer's addresses, changed since its form was drawn (its `version`), or
 * a copy of another.
 */
export type AddressFailure = { reason: "not-found" } | { reason: "conflict:changed" } | DuplicateAddress;

/**
 * Runs `write` in a transaction that first locks the viewer's profile row: every write that counts a customer's
 * addresses, compares one with the others or moves their default goes through here, so that two of them (two tabs,
 * a double click) run one after the other. The count's bound holds, and the one-default unique index never sees a
 * second default that a concurrent transaction set after this one cleared the old.
 */
async function inAddressBook<T>(viewer: Viewer, write: (tx: Transaction) => Promise<T>): Promise<T> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.select({ id: profiles.id }).from(profiles).where(eq(profiles.id, viewer.profileId)).for("update");
    return write(tx);
  });
}

/**
 * Saves an address, under the address book's lock. The first address becomes the default, as does one added with
 * `makeDefault`.
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
  return inAddressBook(viewer, async (tx) => {
    const book = await readBook(tx, viewer);
    if (book.length >= MAX_SAVED_ADDRESSES) return { ok: false, reason: "invalid:too-many" } as const;
    const duplicate = duplicateOf(book, { label, address });
    if (duplicate) return duplicate;
    const isDefault = makeDefault || !book.some((a) => a.isDefault);
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
 * A text another of their addresses has already is refused as an add's is ("conflict:duplicate"), under the
 * address book's lock so that an add at the same time cannot slip one in: an edit made the copy that an add refused.
 * With the form's `version`, an address changed since the form was drawn is not written ("conflict:changed"), read
 * under the same lock. Placed orders keep the text they were placed with: checkout copied it onto the order.
 */
export async function updateAddress({
  label,
  address,
  version,
  ...ref
}: AddressRef & { label: string; address: string; version?: string }): Promise<Result<object, AddressFailure>> {
  const { viewer, addressId } = ref;
  return inAddressBook(viewer, async (tx) => {
    // The whole book: the one edited, if it is theirs, and the others to compare.
    const book = await readBook(tx, viewer);
    const edited = book.find((a) => a.id === addressId);
    if (!edited) return NOT_FOUND;
    if (version !== undefined && edited.version !== version) return { ok: false, reason: "conflict:changed" } as const;
    const duplicate = duplicateOf(book, { label, address }, addressId);
    if (duplicate) return duplicate;
    await tx.update(customerAddresses).set({ label, address }).where(theirs(ref));
    return { ok: true } as const;
  });
}

/**
 * Deletes one of the viewer's addresses; another user's id finds nothing ("not-found"). Placed orders keep their
 * copy. Deleting the default hands it to the oldest address left, as the first one saved gets it: a customer with
 * addresses always has a default for the cart to preselect. Under the address book's lock, like every default move.
 */
export async function deleteAddress(ref: AddressRef): Promise<AddressResult> {
  const { viewer } = ref;
  return inAddressBook(viewer, async (tx) => {
    const [deleted] = await tx
      .delete(customerAddresses)
      .where(theirs(ref))
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
export async function setDefaultAddress(ref: AddressRef): Promise<AddressResult> {
  const { viewer, addressId } = ref;
  return inAddressBook(viewer, async (tx) => {
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
      .where(theirs(ref))
      .returning({ id: customerAddresses.id, isDefault: customerAddresses.isDefault });
    return updated.some((a) => a.isDefault) ? { ok: true } : NOT_FOUND;
  });
}
