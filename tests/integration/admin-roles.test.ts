import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { countQueries } from "@/db/query-stats";
import { auditLog, restaurantOwners, users } from "@/db/schema";
import type { ActionState } from "@/lib/action";
import { changeRoleAction, setDisabledAction } from "@/lib/admin/actions";
import { listAuditLog } from "@/lib/admin/audit";
import { describeAuditEntry } from "@/lib/admin/audit-text";
import { decodeAuditCursor } from "@/lib/admin/cursor";
import { addRestaurantOwner } from "@/lib/admin/restaurants";
import { changeUserRole, getUserForRoles, setUserDisabled } from "@/lib/admin/roles";
import { findActiveViewer, type Viewer } from "@/lib/auth/queries";

import { DRIVERS, freshDatabase } from "../fixtures/db";
import { createRestaurant, createUser } from "../fixtures/factory";

// Actions read the signed-in user from the Auth.js cookie; here the test chooses who is signed in.
const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/session", () => ({ getViewer: async () => session.viewer }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

function post(
  action: (state: ActionState, form: FormData) => Promise<ActionState>,
  fields: Record<string, string | string[]>,
) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(key, v);
  return action({}, form);
}

describe.each(DRIVERS)("admin roles on %s", (driver) => {
  const db = freshDatabase(driver);
  beforeEach(() => {
    session.viewer = null;
  });

  async function signedIn(role: "customer" | "owner" | "admin") {
    const { user, profile } = await createUser(db(), { role });
    return { viewer: (await findActiveViewer(user.id))!, user, profile };
  }

  const auditCount = async () =>
    (
      await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(auditLog)
    )[0]!.n;

  it("promotes a customer to owner of chosen restaurants, effective on their next request, and records it", async () => {
    const admin = await signedIn("admin");
    const carla = await signedIn("customer");
    const a = await createRestaurant(db());
    const b = await createRestaurant(db());
    const result = await changeUserRole({
      viewer: admin.viewer,
      profileId: carla.profile.id,
      role: "owner",
      restaurantIds: [b.restaurant.id, a.restaurant.id],
    });
    expect(result).toEqual({ ok: true, changed: true });
    expect((await findActiveViewer(carla.user.id))?.role).toBe("owner");
    const owned = await db().select().from(restaurantOwners).where(eq(restaurantOwners.profileId, carla.profile.id));
    expect(owned.map((o) => o.restaurantId).sort((x, y) => x - y)).toEqual(
      [a.restaurant.id, b.restaurant.id].sort((x, y) => x - y),
    );

    const managed = await getUserForRoles({ viewer: admin.viewer, slug: carla.profile.slug });
    expect(managed?.target.user.role).toBe("owner");
    expect(managed?.target.ownedRestaurants).toHaveLength(2);

    const [entry] = (await listAuditLog({ zone: "UTC", viewer: admin.viewer })).entries;
    expect(entry).toMatchObject({
      action: "user.role_change",
      actorProfileId: admin.profile.id,
      targetProfileId: carla.profile.id,
    });
    expect(entry!.details).toMatchObject({ from: "customer", to: "owner" });
  });

  it("demotes an owner (dropping their restaurants) and the demotion applies on the next request", async () => {
    const admin = await signedIn("admin");
    const olivia = await signedIn("customer");
    const { restaurant } = await createRestaurant(db());
    await changeUserRole({
      viewer: admin.viewer,
      profileId: olivia.profile.id,
      role: "owner",
      restaurantIds: [restaurant.id],
    });
    expect((await findActiveViewer(olivia.user.id))?.role).toBe("owner");
    expect(await changeUserRole({ viewer: admin.viewer, profileId: olivia.profile.id, role: "customer" })).toEqual({
      ok: true,
      changed: true,
    });
    expect((await findActiveViewer(olivia.user.id))?.role).toBe("customer");
    expect(await db().select().from(restaurantOwners).where(eq(restaurantOwners.profileId, olivia.profile.id))).toEqual(
      [],
    );
  });

  it("keeps an admin's restaurants when their form is saved as shown, and an owner's when promoted to admin", async () => {
    const admin = await signedIn("admin");
    const otto = await signedIn("owner");
    const { restaurant } = await createRestaurant(db());
    await changeUserRole({
      viewer: admin.viewer,
      profileId: otto.profile.id,
      role: "owner",
      restaurantIds: [restaurant.id],
    });
    const owned = async () =>
      (await db().select().from(restaurantOwners).where(eq(restaurantOwners.profileId, otto.profile.id))).map(
        (o) => o.restaurantId,
      );
    session.viewer = admin.viewer;
    // The page shows his restaurant ticked; promoting him keeps it (it was dropped with every other one).
    const form = async (role: string) => {
      const shown = (await getUserForRoles({ viewer: admin.viewer, slug: otto.profile.slug }))!;
      const ids = shown.target.ownedRestaurants.map((o) => String(o.restaurantId));
      return post(changeRoleAction, { profileId: String(otto.profile.id), role, restaurantIds: ids });
    };
    expect(await form("admin")).toMatchObject({ ok: true });
    expect((await findActiveViewer(otto.user.id))?.role).toBe("admin");
    expect(await owned()).toEqual([restaurant.id]);
    // Saved again unchanged: nothing to change, and still his.
    expect(await form("admin")).toMatchObject({ ok: true, message: "Nothing to change." });
    expect(await owned()).toEqual([restaurant.id]);
    // A customer owns none: with the boxes still ticked the form says so, instead of "Nothing to change."
    expect(await form("customer")).toMatchObject({
      fieldErrors: {
        restaurantIds: ["A customer owns no restaurant: choose Owner or Admin, or untick the restaurants."],
      },
    });
    expect(await owned()).toEqual([restaurant.id]);
    expect(await post(changeRoleAction, { profileId: String(otto.profile.id), role: "customer" })).toMatchObject({
      ok: true,
    });
    expect(await owned()).toEqual([]);
  });

  it("does not save a role form over an ownership change made since it was drawn, and saves once it shows it", async () => {
    const admin = await signedIn("admin");
    const other = await signedIn("admin");
    const olga = await signedIn("customer");
    const r1 = (await createRestaurant(db())).restaurant.id;
    const r2 = (await createRestaurant(db())).restaurant.id;
    await changeUserRole({ viewer: admin.viewer, profileId: olga.profile.id, role: "owner", restaurantIds: [r1] });
    const owned = async () =>
      (await db().select().from(restaurantOwners).where(eq(restaurantOwners.profileId, olga.profile.id)))
        .map((o) => o.restaurantId)
        .sort((x, y) => x - y);
    // The first admin's form for Olga, as drawn: owner of r1.
    const drawn = (await getUserForRoles({ viewer: admin.viewer, slug: olga.profile.slug }))!;
    const form = {
      profileId: String(olga.profile.id),
      version: drawn.version,
      restaurantIds: drawn.target.ownedRestaurants.map((o) => String(o.restaurantId)),
    };
    // Meanwhile another admin makes her an owner of r2 too, on that restaurant's page.
    expect(await addRestaurantOwner({ viewer: other.viewer, restaurantId: r2, profileId: olga.profile.id })).toEqual({
      ok: true,
      changed: true,
    });
    const entries = await auditCount();
    // The first form, which never showed r2, makes her an admin.
    session.viewer = admin.viewer;
    expect(await post(changeRoleAction, { ...form, role: "admin" })).toEqual({
      stale: true,
      message:
        "Nothing was changed: this user's role or restaurants were changed since you opened this page. " +
        "The form now shows them as they are: make your changes again.",
    });
    // Before, the save took r2 from her, unseen by either admin, and recorded it as the first admin's doing.
    expect(await owned()).toEqual([r1, r2].sort((x, y) => x - y));
    expect((await findActiveViewer(olga.user.id))?.role).toBe("owner");
    expect(await auditCount()).toBe(entries);
    // Drawn again, the form shows both and saves.
    const fresh = (await getUserForRoles({ viewer: admin.viewer, slug: olga.profile.slug }))!;
    expect(
      await post(changeRoleAction, {
        ...form,
        version: fresh.version,
        role: "admin",
        restaurantIds: fresh.target.ownedRestaurants.map((o) => String(o.restaurantId)),
      }),
    ).toMatchObject({ ok: true, message: "Role saved. It applies from the user's next request." });
    expect(await owned()).toEqual([r1, r2].sort((x, y) => x - y));
    expect((await findActiveViewer(olga.user.id))?.role).toBe("admin");
  });

  it("records a change of an owner's restaurants alone as that, not as a role change from owner to owner", async () => {
    const admin = await signedIn("admin");
    const otto = await signedIn("customer");
    const a = await createRestaurant(db());
    const b = await createRestaurant(db());
    await changeUserRole({
      viewer: admin.viewer,
      profileId: otto.profile.id,
      role: "owner",
      restaurantIds: [a.restaurant.id],
    });
    // The role form saved with one more restaurant ticked: the role stays "owner".
    expect(
      await changeUserRole({
        viewer: admin.viewer,
        profileId: otto.profile.id,
        role: "owner",
        restaurantIds: [a.restaurant.id, b.restaurant.id],
      }),
    ).toEqual({ ok: true, changed: true });
    expect((await findActiveViewer(otto.user.id))?.role).toBe("owner");
    const [entry] = (await listAuditLog({ zone: "UTC", viewer: admin.viewer })).entries;
    expect(entry!.details).toMatchObject({ from: "owner", to: "owner", restaurantsAdded: [b.restaurant.id] });
    const text = describeAuditEntry(entry!);
    // The log said "Changed Otto's role from owner to owner.": a role change that did not happen, and not a word
    // of the restaurant the admin gave him but in the facts below.
    expect(text.sentence).not.toMatch(/role from owner to owner/);
    expect(text.sentence).toMatch(/restaurants/);
    expect(text.sentence).toContain(otto.profile.displayName);
  });

  it("gives a disabled account no restaurant through the role form, as adding an owner refuses too", async () => {
    const admin = await signedIn("admin");
    const dora = await signedIn("customer");
    const { restaurant } = await createRestaurant(db());
    await setUserDisabled({ viewer: admin.viewer, profileId: dora.profile.id, disabled: true });
    const before = await auditCount();
    session.viewer = admin.viewer;
    expect(
      await post(changeRoleAction, {
        profileId: String(dora.profile.id),
        role: "owner",
        restaurantIds: [String(restaurant.id)],
      }),
    ).toEqual({ message: "Nothing was changed: this account is disabled. Enable it first." });
    expect(await db().select().from(restaurantOwners).where(eq(restaurantOwners.profileId, dora.profile.id))).toEqual(
      [],
    );
    expect(await auditCount()).toBe(before);
  });

  it("disables an account (the next request finds no viewer) and re-enables it, recording both", async () => {
    const admin = await signedIn("admin");
    const dan = await signedIn("customer");
    expect(await setUserDisabled({ viewer: admin.viewer, profileId: dan.profile.id, disabled: true })).toEqual({
      ok: true,
      changed: true,
    });
    expect(await findActiveViewer(dan.user.id)).toBeNull();
    expect(await setUserDisabled({ viewer: admin.viewer, profileId: dan.profile.id, disabled: false })).toEqual({
      ok: true,
      changed: true,
    });
    expect((await findActiveViewer(dan.user.id))?.role).toBe("customer");
    const actions = (await listAuditLog({ zone: "UTC", viewer: admin.viewer })).entries
      .filter((e) => e.targetProfileId === dan.profile.id)
      .map((e) => e.action);
    expect(actions).toEqual(["user.enable", "user.disable"]);
  });

  it("never lets an admin demote or disable themselves", async () => {
    const admin = await signedIn("admin");
    const before = await auditCount();
    expect(await changeUserRole({ viewer: admin.viewer, profileId: admin.profile.id, role: "customer" })).toEqual({
      ok: false,
      reason: "forbidden:self",
    });
    expect(await setUserDisabled({ viewer: admin.viewer, profileId: admin.profile.id, disabled: true })).toEqual({
      ok: false,
      reason: "forbidden:self",
    });
    expect((await findActiveViewer(admin.user.id))?.role).toBe("admin");
    expect(await auditCount()).toBe(before);

    session.viewer = admin.viewer;
    const state = await post(setDisabledAction, { profileId: String(admin.profile.id), disabled: "true" });
    expect(state.message).toMatch(/cannot change your own role or disable your own account/);
  });

  it("lets only one of two admins demoting each other at once succeed, so an active admin always remains", async () => {
    const ann = await signedIn("admin");
    const bob = await signedIn("admin");
    const before = await auditCount();
    // On Postgres both transactions really run at once; each re-reads its caller under lock.
    const results = await Promise.all([
      changeUserRole({ viewer: ann.viewer, profileId: bob.profile.id, role: "customer" }),
      changeUserRole({ viewer: bob.viewer, profileId: ann.profile.id, role: "customer" }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: "not-found" }]);
    const roles = await Promise.all([ann, bob].map(async (a) => (await findActiveViewer(a.user.id))?.role));
    expect(roles.sort()).toEqual(["admin", "customer"]);
    expect(await auditCount()).toBe(before + 1);
  });

  it("lets only one of two admins disabling each other at once succeed", async () => {
    const ann = await signedIn("admin");
    const bob = await signedIn("admin");
    const results = await Promise.all([
      setUserDisabled({ viewer: ann.viewer, profileId: bob.profile.id, disabled: true }),
      setUserDisabled({ viewer: bob.viewer, profileId: ann.profile.id, disabled: true }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const active = await Promise.all([ann, bob].map((a) => findActiveViewer(a.user.id)));
    expect(active.filter((v) => v?.role === "admin")).toHaveLength(1);
  });

  it("refuses a change from an admin who was demoted after signing in, writing nothing", async () => {
    const ann = await signedIn("admin");
    const bob = await signedIn("admin");
    const carl = await signedIn("customer");
    expect(await changeUserRole({ viewer: bob.viewer, profileId: ann.profile.id, role: "customer" })).toEqual({
      ok: true,
      changed: true,
    });
    const before = await auditCount();
    // ann.viewer is the stale viewer read when the request began.
    expect(await changeUserRole({ viewer: ann.viewer, profileId: carl.profile.id, role: "admin" })).toEqual({
      ok: false,
      reason: "not-found",
    });
    expect(await setUserDisabled({ viewer: ann.viewer, profileId: bob.profile.id, disabled: true })).toEqual({
      ok: false,
      reason: "not-found",
    });
    expect((await findActiveViewer(carl.user.id))?.role).toBe("customer");
    expect((await findActiveViewer(bob.user.id))?.role).toBe("admin");
    expect(await auditCount()).toBe(before);
  });

  it("rejects an owner without restaurants and restaurants that do not exist, writing nothing", async () => {
    const admin = await signedIn("admin");
    const eve = await signedIn("customer");
    const before = await auditCount();
    expect(
      await changeUserRole({ viewer: admin.viewer, profileId: eve.profile.id, role: "owner", restaurantIds: [] }),
    ).toEqual({ ok: false, reason: "invalid:owner-needs-restaurant" });
    expect(
      await changeUserRole({
        viewer: admin.viewer,
        profileId: eve.profile.id,
        role: "owner",
        restaurantIds: [2_000_000_000],
      }),
    ).toEqual({ ok: false, reason: "invalid:unknown-restaurant" });
    expect(await changeUserRole({ viewer: admin.viewer, profileId: 2_000_000_000, role: "admin" })).toEqual({
      ok: false,
      reason: "not-found",
    });
    expect((await findActiveViewer(eve.user.id))?.role).toBe("customer");
    expect(await auditCount()).toBe(before);

    session.viewer = admin.viewer;
    const state = await post(changeRoleAction, { profileId: String(eve.profile.id), role: "owner" });
    expect(state.fieldErrors?.restaurantIds).toEqual(["Choose at least one restaurant for an owner."]);
    const bad = await post(changeRoleAction, { profileId: "abc", role: "emperor" });
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["profileId", "role"]);
  });

  it("changes a role through the form action, as a browser post would", async () => {
    const admin = await signedIn("admin");
    const frank = await signedIn("customer");
    const { restaurant } = await createRestaurant(db());
    session.viewer = admin.viewer;
    const state = await post(changeRoleAction, {
      profileId: String(frank.profile.id),
      role: "owner",
      restaurantIds: [String(restaurant.id)],
    });
    expect(state).toMatchObject({ ok: true });
    expect((await findActiveViewer(frank.user.id))?.role).toBe("owner");
    const promoted = await post(changeRoleAction, { profileId: String(frank.profile.id), role: "admin" });
    expect(promoted).toMatchObject({ ok: true });
    expect((await findActiveViewer(frank.user.id))?.role).toBe("admin");
  });

  it("refuses every admin action and query to customers, owners and anonymous visitors, writing nothing", async () => {
    const victim = await signedIn("customer");
    const { restaurant } = await createRestaurant(db());
    const before = await auditCount();
    for (const role of ["customer", "owner"] as const) {
      const { viewer } = await signedIn(role);
      await expect(changeUserRole({ viewer, profileId: victim.profile.id, role: "admin" })).rejects.toThrow(
        "admin only",
      );
      await expect(setUserDisabled({ viewer, profileId: victim.profile.id, disabled: true })).rejects.toThrow(
        "admin only",
      );
      await expect(getUserForRoles({ viewer, slug: victim.profile.slug })).rejects.toThrow("admin only");
      await expect(listAuditLog({ zone: "UTC", viewer })).rejects.toThrow("admin only");

      // A direct POST of the action: the wrapper answers 404 before reading the form.
      session.viewer = viewer;
      await expect(
        post(changeRoleAction, {
          profileId: String(victim.profile.id),
          role: "owner",
          restaurantIds: [String(restaurant.id)],
        }),
      ).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404/);
      await expect(post(setDisabledAction, { profileId: String(victim.profile.id), disabled: "true" })).rejects.toThrow(
        /NEXT_HTTP_ERROR_FALLBACK;404/,
      );
    }
    session.viewer = null;
    expect(await post(setDisabledAction, { profileId: String(victim.profile.id), disabled: "true" })).toEqual({
      message: "Your session has ended. Please sign in again.",
    });
    const [row] = await db()
      .select({ role: users.role, disabled: users.disabled })
      .from(users)
      .where(eq(users.id, victim.user.id));
    expect(row).toEqual({ role: "customer", disabled: false });
    expect(await db().select().from(restaurantOwners).where(eq(restaurantOwners.profileId, victim.profile.id))).toEqual(
      [],
    );
    expect(await auditCount()).toBe(before);
  });

  it("keeps the manage-user and audit pages within 3 statements, session check included", async () => {
    const admin = await signedIn("admin");
    const target = await signedIn("customer");
    const manage = await countQueries(async () => {
      const viewer = (await findActiveViewer(admin.user.id))!;
      return getUserForRoles({ viewer, slug: target.profile.slug });
    });
    expect(manage.count).toBe(3);
    expect(manage.result?.target.id).toBe(target.profile.id);
    expect(manage.result?.restaurants.length).toBeGreaterThan(0);
    const audit = await countQueries(async () =>
      listAuditLog({ zone: "UTC", viewer: (await findActiveViewer(admin.user.id))! }),
    );
    expect(audit.count).toBe(2);
  });

  it("reads the audit log newest first by keyset", async () => {
    const admin = await signedIn("admin");
    const target = await signedIn("customer");
    for (let i = 0; i < 30; i++)
      await setUserDisabled({ viewer: admin.viewer, profileId: target.profile.id, disabled: i % 2 === 0 });
    const total = await auditCount();
    const seen: number[] = [];
    let before: string | undefined;
    do {
      const page = await listAuditLog({
        zone: "UTC",
        viewer: admin.viewer,
        before: before ? decodeAuditCursor(before)! : undefined,
      });
      seen.push(...page.entries.map((e) => e.id));
      before = page.nextCursor;
    } while (before);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
  });
});
