import { beforeAll, describe, expect, it } from "vitest";

import { auditLog } from "@/db/schema";
import { listAuditLog } from "@/lib/admin/audit";
import { listOrdersForAdmin } from "@/lib/admin/orders";
import { listRestaurantsForAdmin, searchOwnerCandidates } from "@/lib/admin/restaurants";
import { listUserTotals } from "@/lib/admin/users";
import { findActiveViewer } from "@/lib/auth/queries";
import { listPastOrders } from "@/lib/owner/past-orders";

import { DRIVERS, freshDatabase } from "../fixtures/db";
import { createOrders, createOwner, createRestaurant, createUser } from "../fixtures/factory";

/**
 * The staff's searches by name find people as the customers' search finds food: without case or accents. "zoe"
 * found no "Zoë" in any of them while the home page found "Phở" for "pho".
 */
describe.each(DRIVERS)("the staff's name searches ignore case and accents on %s", (driver) => {
  const db = freshDatabase(driver);

  async function world() {
    const zoe = await createUser(db(), { name: "Zoë Ångström", email: "zoë@example.test" });
    const other = await createUser(db(), { name: "Zed Other" });
    const { restaurant } = await createRestaurant(db());
    const owner = await createOwner(db(), [restaurant.id]);
    for (const customer of [zoe, other]) {
      await createOrders(db(), {
        customerId: customer.profile.id,
        restaurantId: restaurant.id,
        count: 2,
        lines: [{ menuItemId: null, name: "Soup", unitPriceCents: 500, quantity: 1 }],
      });
    }
    const admin = await createUser(db(), { role: "admin", name: "Ådmin Çelik" });
    await db().insert(auditLog).values({ actorProfileId: admin.profile.id, action: "user.role_changed" });
    const viewer = async (userId: string) => (await findActiveViewer(userId))!;
    return {
      zoe,
      restaurant,
      admin: await viewer(admin.user.id),
      owner: await viewer(owner.user.id),
    };
  }

  let w: Awaited<ReturnType<typeof world>>;
  beforeAll(async () => {
    w = await world();
  });

  it.each(["zoe", "ZOE ANGSTROM", "Zoë", "zoe@example"])(
    "finds Zoë Ångström by %j everywhere staff look",
    async (q) => {
      const { zoe, restaurant, admin, owner } = w;
      const slugs = (await listUserTotals({ viewer: admin, search: q })).rows.map((r) => r.slug);
      expect(slugs).toEqual([zoe.profile.slug]);
      const adminOrders = await listOrdersForAdmin({ viewer: admin, zone: "UTC", filter: { customer: q } });
      expect(adminOrders.rows.map((r) => r.customerId)).toEqual([zoe.profile.id, zoe.profile.id]);
      expect((await searchOwnerCandidates({ viewer: admin, search: q })).map((c) => c.profileId)).toEqual([
        zoe.profile.id,
      ]);
      if (!q.includes("@")) {
        // The owner searches their customers by name only.
        const past = await listPastOrders({ viewer: owner, slug: restaurant.slug, search: { name: q } });
        expect(past?.orders.map((o) => o.customer.displayName)).toEqual(["Zoë Ångström", "Zoë Ångström"]);
      }
    },
  );

  it("finds an admin's audit entries by an unaccented name, and restaurants by an unaccented name", async () => {
    const { admin } = w;
    const { entries } = await listAuditLog({ viewer: admin, zone: "UTC", filter: { actor: "admin celik" } });
    expect(entries.map((e) => e.actor?.displayName)).toEqual(["Ådmin Çelik"]);
    const { restaurant } = await createRestaurant(db());
    await db().execute(`update restaurants set name = 'Phở Sài Gòn ${restaurant.id}' where id = ${restaurant.id}`);
    const found = await listRestaurantsForAdmin({ viewer: admin, search: `pho sai gon ${restaurant.id}` });
    expect(found.rows.map((r) => r.id)).toEqual([restaurant.id]);
  });

  it.each(["%", "z_e", "％", "＿", "z＿d", "z％r", "＼"])("takes %j literally, fullwidth forms included", async (q) => {
    // unaccent folds the fullwidth ％ ＿ ＼ into % _ \: escaped before the folding, they came out as wildcards.
    const { admin } = w;
    expect((await listUserTotals({ viewer: admin, search: q })).rows).toEqual([]);
    expect(await searchOwnerCandidates({ viewer: admin, search: q })).toEqual([]);
  });
});
