import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { countQueries } from "@/db/query-stats";
import { auditLog, restaurantOwners, restaurants, users, userSessions } from "@/db/schema";
import { addOwnerAction, createRestaurantAction, removeOwnerAction } from "@/lib/admin/actions";
import { listAuditLog } from "@/lib/admin/audit";
import { describeAuditEntry } from "@/lib/admin/audit-text";
import {
  addRestaurantOwner,
  createRestaurant,
  getRestaurantForAdmin,
  listRestaurantsForAdmin,
  removeRestaurantOwner,
  searchOwnerCandidates,
} from "@/lib/admin/restaurants";
import { findActiveViewer } from "@/lib/auth/queries";
import { listOwnedRestaurants } from "@/lib/owner/queries";
import { openState } from "@/lib/restaurants/hours-format";

import { DRIVERS, freshDatabase } from "../fixtures/db";
import { createRestaurant as createRestaurantRow, createUser } from "../fixtures/factory";
import { signInAs, submit } from "../fixtures/session";

vi.mock("@/lib/auth/session", async () => (await import("../fixtures/session")).sessionMock);
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const digestOf = (error: unknown) => String((error as { digest?: unknown })?.digest ?? "");

describe.each(DRIVERS)("admin restaurants and owners on %s", (driver) => {
  const db = freshDatabase(driver);
  beforeEach(() => signInAs(null));

  async function signedIn(role: "customer" | "owner" | "admin", name?: string) {
    const { user, profile } = await createUser(db(), { role, name });
    return { viewer: (await findActiveViewer(user.id))!, user, profile };
  }
  const count = async (table: typeof auditLog | typeof restaurants | typeof restaurantOwners) =>
    (
      await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(table)
    )[0]!.n;

  it("Admin creates a restaurant and makes a customer its owner, who then runs it in the owner tools", async () => {
    const admin = await signedIn("admin", "Ada Admin");
    const olga = await signedIn("customer", "Olga Newowner");
    await db()
      .insert(userSessions)
      .values({ id: `s-${olga.user.id}`, userId: olga.user.id });

    signInAs(admin.viewer);
    // The form says what was made, that it starts closed, and links to its page, where owners are assigned.
    expect(
      await submit(createRestaurantAction, {
        name: "Crêperie du Coin",
        slug: "",
        cuisine: "French",
        address: "3 Rue Test",
        description: "Galettes and crêpes.",
        timeZone: "Europe/Paris",
      }),
    ).toEqual({
      ok: true,
      message:
        "Created Crêperie du Coin. It starts closed: customers cannot order until one of its owners opens it in the owner tools.",
      link: { href: "/admin/restaurants/creperie-du-coin", text: "Manage Crêperie du Coin and assign its owners" },
    });
    const restaurant = await getRestaurantForAdmin({ viewer: admin.viewer, slug: "creperie-du-coin" });
    expect(restaurant).toMatchObject({ name: "Crêperie du Coin", cuisine: "French", owners: [] });
    // Closed until its owner opens it: no menu and no hours yet. Its days are those of the zone chosen.
    const [row] = await db()
      .select({ isOpen: restaurants.isOpen, timeZone: restaurants.timeZone })
      .from(restaurants)
      .where(eq(restaurants.id, restaurant!.id));
    expect(row).toEqual({ isOpen: false, timeZone: "Europe/Paris" });

    // The picker finds her by name or by email.
    expect((await searchOwnerCandidates({ viewer: admin.viewer, search: "newowner" })).map((c) => c.profileId)).toEqual(
      [olga.profile.id],
    );

    expect(await submit(addOwnerAction, { restaurantId: restaurant!.id, profileId: olga.profile.id })).toMatchObject({
      ok: true,
    });
    // Promoted in the same transaction, her old sessions ended (she signs in again as an owner).
    const owner = (await findActiveViewer(olga.user.id))!;
    expect(owner.role).toBe("owner");
    const [session] = await db().select().from(userSessions).where(eq(userSessions.userId, olga.user.id));
    expect(session!.revokedReason).toBe("role_change");
    expect((await listOwnedRestaurants({ viewer: owner })).map((r) => r.slug)).toEqual(["creperie-du-coin"]);
    // Adding her again changes nothing and records nothing.
    const audits = await count(auditLog);
    expect(await submit(addOwnerAction, { restaurantId: restaurant!.id, profileId: olga.profile.id })).toEqual({
      ok: true,
      message: "Nothing to change.",
    });
    expect(await count(auditLog)).toBe(audits);

    // The audit log says it in words, with names: no ids, no JSON.
    const { entries } = await listAuditLog({ zone: "UTC", viewer: admin.viewer });
    const [added, create] = entries.map(describeAuditEntry);
    expect(added).toMatchObject({
      label: "Owner added",
      sentence: "Made Olga Newowner an owner of Crêperie du Coin.",
      facts: [{ label: "Role", value: "customer → owner" }],
    });
    expect(create).toMatchObject({ label: "Restaurant created", sentence: "Created the restaurant Crêperie du Coin." });
    expect(create!.facts).toEqual([
      { label: "Web address", value: "creperie-du-coin" },
      { label: "Time zone", value: "Europe/Paris" },
    ]);
    expect(entries[0]).toMatchObject({
      actor: { displayName: "Ada Admin" },
      target: { displayName: "Olga Newowner", email: olga.user.email },
    });

    // Removed from her only restaurant, she is a customer again, and the owner tools show her nothing.
    expect(await submit(removeOwnerAction, { restaurantId: restaurant!.id, profileId: olga.profile.id })).toMatchObject(
      {
        ok: true,
        message: "Owner removed.",
      },
    );
    // A second tab removing her again finds nothing to do, and says so above the list its row has left.
    const audited = await count(auditLog);
    expect(await submit(removeOwnerAction, { restaurantId: restaurant!.id, profileId: olga.profile.id })).toEqual({
      ok: true,
      gone: true,
      message: "That user was no longer an owner: removed in another tab or by another admin. The list is up to date.",
    });
    expect(await count(auditLog)).toBe(audited);
    const after = (await findActiveViewer(olga.user.id))!;
    expect(after.role).toBe("customer");
    expect(await listOwnedRestaurants({ viewer: after })).toEqual([]);
    const [removed] = (await listAuditLog({ zone: "UTC", viewer: admin.viewer })).entries.map(describeAuditEntry);
    expect(removed).toMatchObject({
      label: "Owner removed",
      sentence: "Removed Olga Newowner as an owner of Crêperie du Coin.",
      facts: [{ label: "Role", value: "owner → customer" }],
    });
  });

  it("makes an admin an owner without changing their role, so they run the restaurant as decision 0004 has it", async () => {
    const admin = await signedIn("admin");
    const other = await signedIn("admin", "Otto Admin");
    const { restaurant } = await createRestaurantRow(db());
    expect(
      (await searchOwnerCandidates({ viewer: admin.viewer, search: "Otto Admin" })).map((c) => c.profileId),
    ).toEqual([other.profile.id]);
    expect(
      await addRestaurantOwner({ viewer: admin.viewer, restaurantId: restaurant.id, profileId: other.profile.id }),
    ).toEqual({
      ok: true,
      changed: true,
    });
    const otto = (await findActiveViewer(other.user.id))!;
    expect(otto.role).toBe("admin");
    expect((await listOwnedRestaurants({ viewer: otto })).map((r) => r.id)).toEqual([restaurant.id]);
    expect(
      await removeRestaurantOwner({ viewer: admin.viewer, restaurantId: restaurant.id, profileId: other.profile.id }),
    ).toEqual({
      ok: true,
      changed: true,
    });
    expect((await findActiveViewer(other.user.id))!.role).toBe("admin");
    expect(await listOwnedRestaurants({ viewer: otto })).toEqual([]);
  });

  it("refuses to make a disabled account an owner, which the picker does not offer either", async () => {
    const admin = await signedIn("admin");
    const gone = await signedIn("customer", "Dora Disabled");
    await db().update(users).set({ disabled: true }).where(eq(users.id, gone.user.id));
    const { restaurant } = await createRestaurantRow(db());
    expect(await searchOwnerCandidates({ viewer: admin.viewer, search: "Dora Disabled" })).toEqual([]);
    const before = await count(auditLog);
    signInAs(admin.viewer);
    expect(await submit(addOwnerAction, { restaurantId: restaurant.id, profileId: gone.profile.id })).toEqual({
      message: "Nothing was changed: this account is disabled. Enable it first.",
    });
    expect(await db().$count(restaurantOwners, eq(restaurantOwners.profileId, gone.profile.id))).toBe(0);
    expect(await count(auditLog)).toBe(before);
    const [still] = await db().select({ role: users.role }).from(users).where(eq(users.id, gone.user.id));
    expect(still?.role).toBe("customer");
  });

  it("keeps an owner's other restaurants and role when one is added or removed", async () => {
    const admin = await signedIn("admin");
    const owner = await signedIn("owner");
    const a = await createRestaurantRow(db());
    const b = await createRestaurantRow(db());
    await db().insert(restaurantOwners).values({ profileId: owner.profile.id, restaurantId: a.restaurant.id });
    expect(
      await addRestaurantOwner({ viewer: admin.viewer, restaurantId: b.restaurant.id, profileId: owner.profile.id }),
    ).toEqual({
      ok: true,
      changed: true,
    });
    expect(
      await removeRestaurantOwner({ viewer: admin.viewer, restaurantId: a.restaurant.id, profileId: owner.profile.id }),
    ).toEqual({
      ok: true,
      changed: true,
    });
    const viewer = (await findActiveViewer(owner.user.id))!;
    expect(viewer.role).toBe("owner");
    expect((await listOwnedRestaurants({ viewer })).map((r) => r.id)).toEqual([b.restaurant.id]);
    const [entry] = (await listAuditLog({ zone: "UTC", viewer: admin.viewer })).entries;
    expect(describeAuditEntry(entry!).facts).toEqual([]);
  });

  it("refuses a taken slug, a bad slug and an admin as owner with clear messages, writing nothing", async () => {
    const admin = await signedIn("admin");
    const other = await signedIn("admin");
    const taken = await createRestaurantRow(db());
    signInAs(admin.viewer);
    const [audits, rows] = [await count(auditLog), await count(restaurants)];
    const fields = { name: "Again", cuisine: "Thai", address: "1 Street", description: "", timeZone: "Asia/Bangkok" };
    expect(await submit(createRestaurantAction, { ...fields, slug: taken.restaurant.slug })).toEqual({
      message: "Please correct the highlighted fields.",
      fieldErrors: { slug: ["Another restaurant already uses this web address: choose another."] },
    });
    for (const [slug, message] of [
      ["Thai Corner", /lower-case letters, digits and single dashes/],
      ["a--b", /single dashes/],
      ["x".repeat(65), /at most 64 characters/],
      ["bad\u0000slug", /control or invisible/],
    ] as const) {
      const state = await submit(createRestaurantAction, { ...fields, slug });
      expect(state.fieldErrors?.slug?.[0], slug).toMatch(message);
    }
    // "new" is the create page's address: a restaurant there could never be managed, typed or made from the name.
    for (const input of [{ slug: "new" }, { name: "New", slug: "" }]) {
      expect((await submit(createRestaurantAction, { ...fields, ...input })).fieldErrors?.slug).toEqual([
        "“new” is the address of an admin page (/admin/restaurants/new): enter another web address.",
      ]);
    }
    // A name with nothing to make a slug from asks for one.
    expect((await submit(createRestaurantAction, { ...fields, name: "🍕🍕", slug: "" })).fieldErrors?.slug).toEqual([
      "A web address is made of the letters a to z and digits, and this name has none to make one from: enter one, like tokyo-ramen.",
    ]);
    expect(
      (await submit(createRestaurantAction, { ...fields, name: "", cuisine: "\u0000" })).fieldErrors,
    ).toMatchObject({
      name: ["Enter a name."],
      cuisine: ["Remove control or invisible formatting characters."],
    });
    expect(
      await createRestaurant({ viewer: admin.viewer, restaurant: { ...fields, slug: taken.restaurant.slug } }),
    ).toEqual({ ok: false, reason: "conflict:slug-taken" });
    // A zone is chosen from the list: none, one no runtime knows, or one PostgreSQL reads as a fixed abbreviation
    // (CET is UTC+1 all year there, while Intl keeps summer time) is a message next to the zone, and nothing is made.
    const zoneError = async (timeZone?: string) =>
      (await submit(createRestaurantAction, { ...fields, slug: "zoned", timeZone })).fieldErrors?.timeZone;
    expect(await zoneError(undefined)).toEqual(["Choose a time zone."]);
    expect(await zoneError("Mars/Olympus_Mons")).toEqual(["Choose a time zone from the list."]);
    expect(await zoneError("CET")).toEqual([
      "This server's database does not know that time zone by that name. Choose a city's zone from the list.",
    ]);
    expect(await submit(addOwnerAction, { restaurantId: taken.restaurant.id, profileId: 2_147_483_647 })).toEqual({
      message: "Nothing was changed: that user no longer exists, or you are no longer an active admin.",
    });
    expect(
      (await submit(addOwnerAction, { restaurantId: "99999999999", profileId: other.profile.id })).fieldErrors,
    ).toMatchObject({ restaurantId: ["Missing restaurant."] });
    const customer = await signedIn("customer");
    expect(await submit(addOwnerAction, { restaurantId: 2_147_483_647, profileId: customer.profile.id })).toEqual({
      message: "Nothing was changed: this restaurant no longer exists.",
    });
    expect((await findActiveViewer(customer.user.id))!.role).toBe("customer");
    expect([await count(auditLog), await count(restaurants)]).toEqual([audits, rows]);
  });

  it("refuses a restaurant from an admin disabled or demoted since their session was checked, writing nothing", async () => {
    const fields = { name: "Late", cuisine: "Thai", address: "1 Street", description: "", timeZone: "UTC" };
    for (const [i, change] of [{ disabled: true }, { role: "customer" as const }].entries()) {
      const admin = await signedIn("admin");
      signInAs(admin.viewer); // the viewer as the request's session check read it, before the change
      await db().update(users).set(change).where(eq(users.id, admin.user.id));
      const [audits, rows] = [await count(auditLog), await count(restaurants)];
      expect(await submit(createRestaurantAction, { ...fields, slug: `late-${i}` })).toEqual({
        message: "Nothing was created: you are no longer an active admin.",
      });
      expect([await count(auditLog), await count(restaurants)]).toEqual([audits, rows]);
    }
  });

  it("answers 404 to customers and owners, and their calls to the queries read and write nothing", async () => {
    const { restaurant } = await createRestaurantRow(db());
    const customer = await signedIn("customer");
    for (const who of [await signedIn("customer"), await signedIn("owner")]) {
      signInAs(who.viewer);
      const before = [await count(auditLog), await count(restaurants), await count(restaurantOwners)];
      for (const attempt of [
        submit(createRestaurantAction, {
          name: "Mine",
          slug: "",
          cuisine: "Thai",
          address: "1 Street",
          timeZone: "UTC",
        }),
        submit(addOwnerAction, { restaurantId: restaurant.id, profileId: customer.profile.id }),
        submit(addOwnerAction, { restaurantId: restaurant.id, profileId: who.profile.id }),
        submit(removeOwnerAction, { restaurantId: restaurant.id, profileId: customer.profile.id }),
      ])
        await expect(attempt).rejects.toSatisfy((e) => digestOf(e) === "NEXT_HTTP_ERROR_FALLBACK;404");
      const refused = await countQueries(async () =>
        Promise.allSettled([
          listRestaurantsForAdmin({ viewer: who.viewer }),
          getRestaurantForAdmin({ viewer: who.viewer, slug: restaurant.slug }),
          searchOwnerCandidates({ viewer: who.viewer, search: "a" }),
          addRestaurantOwner({ viewer: who.viewer, restaurantId: restaurant.id, profileId: who.profile.id }),
        ]),
      );
      expect(refused.count).toBe(0);
      expect(refused.result.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected", "rejected"]);
      expect([await count(auditLog), await count(restaurants), await count(restaurantOwners)]).toEqual(before);
    }
    signInAs(null);
    expect(await submit(addOwnerAction, { restaurantId: restaurant.id, profileId: customer.profile.id })).toEqual({
      message: "Your session has ended. Please sign in again.",
    });
  });

  it("says whether each restaurant is open as customers see it: the switch and the opening hours", async () => {
    const admin = await signedIn("admin");
    const open = (await createRestaurantRow(db())).restaurant;
    const off = (await createRestaurantRow(db())).restaurant;
    const outOfHours = (await createRestaurantRow(db())).restaurant;
    await db().update(restaurants).set({ isOpen: false }).where(eq(restaurants.id, off.id));
    // Closed all of today in its own zone: switched on, yet closed for customers.
    await db().execute(sql`insert into restaurant_closed_days (restaurant_id, day)
      select id, (now() at time zone time_zone)::date from restaurants where id = ${outOfHours.id}`);
    const { rows } = await listRestaurantsForAdmin({ viewer: admin.viewer });
    const state = (id: number) => openState(rows.find((r) => r.id === id)!);
    expect([state(open.id), state(off.id), state(outOfHours.id)]).toEqual([
      "Open",
      "Closed (switched off)",
      "Closed (outside its hours)",
    ]);
    // So does the restaurant's own admin page, and the owner's dashboard of the restaurants they own.
    const detail = await getRestaurantForAdmin({ viewer: admin.viewer, slug: outOfHours.slug });
    expect(openState(detail!)).toBe("Closed (outside its hours)");
    const owner = await createUser(db(), { role: "owner" });
    await db()
      .insert(restaurantOwners)
      .values([open, off, outOfHours].map((r) => ({ profileId: owner.profile.id, restaurantId: r.id })));
    const owned = await listOwnedRestaurants({ viewer: (await findActiveViewer(owner.user.id))! });
    expect([open, off, outOfHours].map((r) => openState(owned.find((o) => o.id === r.id)!))).toEqual([
      "Open",
      "Closed (switched off)",
      "Closed (outside its hours)",
    ]);
  });

  it("lists restaurants newest first by keyset, with their owners, within the admin pages' budget", async () => {
    const admin = await signedIn("admin");
    for (let i = 0; i < 7; i++) await createRestaurantRow(db());
    const owner = await signedIn("owner", "Zed Owner");
    const { restaurant } = await createRestaurantRow(db());
    await db().insert(restaurantOwners).values({ profileId: owner.profile.id, restaurantId: restaurant.id });
    const seen: number[] = [];
    let beforeId: number | undefined;
    do {
      const page = await listRestaurantsForAdmin({ viewer: admin.viewer, beforeId, limit: 3 });
      seen.push(...page.rows.map((r) => r.id));
      beforeId = page.nextBeforeId;
    } while (beforeId);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(seen).toHaveLength(await count(restaurants));
    const first = await listRestaurantsForAdmin({ viewer: admin.viewer });
    expect(first.rows[0]).toMatchObject({ id: restaurant.id, owners: ["Zed Owner"] });

    // Session check + one statement for the list; session + restaurant with owners + user search for the manage page.
    for (const size of [1, 30]) {
      for (let i = 0; i < size; i++) await createRestaurantRow(db());
      const list = await countQueries(async () =>
        listRestaurantsForAdmin({ viewer: (await findActiveViewer(admin.user.id))!, search: "resto" }),
      );
      expect(list.count).toBe(2);
      const manage = await countQueries(async () => {
        const viewer = (await findActiveViewer(admin.user.id))!;
        return Promise.all([
          getRestaurantForAdmin({ viewer, slug: restaurant.slug }),
          searchOwnerCandidates({ viewer, search: "owner" }),
        ]);
      });
      expect(manage.count).toBe(3);
    }
  });
});
