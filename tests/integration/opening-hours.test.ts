import { count, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { countQueries } from "@/db/query-stats";
import { carts, favorites, orders, restaurantHours, restaurants } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { findActiveViewer } from "@/lib/auth/queries";
import { addToCart, getCart } from "@/lib/cart/queries";
import { placeOrder } from "@/lib/orders/checkout";
import { checkoutRefusal, closedRefusal } from "@/lib/orders/messages";
import { getProfileForViewer } from "@/lib/profile/queries";
import { browseRestaurants, getRestaurantPage } from "@/lib/restaurants/queries";

import { DRIVERS, freshDatabase } from "../fixtures/db";
import { createRestaurant, createUser, setOpeningHours } from "../fixtures/factory";
import { captureStatements, explainStatements, postgresClientOf, tableReads } from "../fixtures/plans";

const never = (): never => {
  throw new Error("checkout should have refused");
};

const SUN = 0;
const THU = 4;
const FRI = 5;
const SAT = 6;

/** "Open now", "Opens at" and today's hours at fixed instants, by the SQL the pages and checkout use. */
describe.each(DRIVERS)("opening hours on %s", (driver) => {
  const db = freshDatabase(driver);

  async function restaurantWith(hours: Parameters<typeof setOpeningHours>[2]) {
    const { restaurant, items } = await createRestaurant(db());
    await setOpeningHours(db(), restaurant.id, hours);
    return { restaurant, items };
  }

  /** The restaurant page's status, and whether the home page's "open now" filter lists it, at `iso`. */
  async function statusAt(slug: string, iso: string) {
    const at = new Date(iso);
    const page = (await getRestaurantPage({ slug, at }))!;
    const home = await browseRestaurants({ q: slug, filters: { openNow: true }, at });
    const listed = home.restaurants.some((r) => r.slug === slug);
    expect(listed, `the home filter agrees with the page at ${iso}`).toBe(page.openNow);
    return { open: page.openNow, opensAt: page.opensAt?.toISOString() ?? null, today: page.todaysHours };
  }

  /** When the restaurant page says an open restaurant closes, at `iso`: closesAt's wall-clock text, as the card's. */
  async function closesAt(slug: string, iso: string) {
    const at = new Date(iso);
    const page = (await getRestaurantPage({ slug, at }))!;
    const card = (await browseRestaurants({ q: slug, at })).restaurants.find((r) => r.slug === slug)!;
    expect(card.closesAt, `the home card agrees with the page at ${iso}`).toBe(page.closesAt);
    return page.closesAt;
  }

  it("while open, closes at the local end of the current run of intervals, past midnight and across touching days", async () => {
    // 2026-12-04 is a Friday; Seoul is UTC+9 all year. Friday and Saturday nights 18:00–03:00.
    const overnight = await restaurantWith({
      timeZone: "Asia/Seoul",
      week: [
        [FRI, "18:00", "03:00"],
        [SAT, "18:00", "03:00"],
      ],
    });
    // Saturday 01:00 in Seoul: still Friday night's hours, which end at 03:00; Saturday's have not started.
    expect(await statusAt(overnight.restaurant.slug, "2026-12-04T16:00:00Z")).toEqual({
      open: true,
      opensAt: null,
      today: "18:00–03:00",
    });
    expect(await closesAt(overnight.restaurant.slug, "2026-12-04T16:00:00Z")).toBe("2026-12-05T03:00");
    // Friday 20:00: the same night, said from the day before.
    expect(await closesAt(overnight.restaurant.slug, "2026-12-04T11:00:00Z")).toBe("2026-12-05T03:00");
    // Closed between the nights, and before the first: no closing time.
    expect(await closesAt(overnight.restaurant.slug, "2026-12-05T03:00:00Z")).toBeNull();
    expect(await closesAt(overnight.restaurant.slug, "2026-12-04T08:00:00Z")).toBeNull();

    // Thursday's night overlaps Friday's early shift; Friday 18:00–24:00 touches Saturday 00:00–03:00.
    const chained = await restaurantWith({
      week: [
        [THU, "20:00", "03:00"],
        [FRI, "02:00", "06:00"],
        [FRI, "18:00", "24:00"],
        [SAT, "00:00", "03:00"],
        [SAT, "12:00", "14:00"],
      ],
    });
    expect(await closesAt(chained.restaurant.slug, "2026-12-03T21:00:00Z")).toBe("2026-12-04T06:00");
    expect(await closesAt(chained.restaurant.slug, "2026-12-04T19:00:00Z")).toBe("2026-12-05T03:00");
    expect(await closesAt(chained.restaurant.slug, "2026-12-05T02:59:00Z")).toBe("2026-12-05T03:00");
    expect(await closesAt(chained.restaurant.slug, "2026-12-05T12:30:00Z")).toBe("2026-12-05T14:00");
  });

  it("a closed day cancels the run it would have continued, and the switch or no schedule give no closing", async () => {
    // Friday 00:00–24:00 and Saturday 00:00–24:00, Saturday 2026-12-05 closed: Friday closes at its midnight.
    const { restaurant } = await restaurantWith({
      week: [
        [FRI, "00:00", "24:00"],
        [SAT, "00:00", "24:00"],
      ],
      closedDays: ["2026-12-05"],
    });
    expect(await closesAt(restaurant.slug, "2026-12-04T12:00:00Z")).toBe("2026-12-05T00:00");
    // The next Friday runs on into Saturday.
    expect(await closesAt(restaurant.slug, "2026-12-11T12:00:00Z")).toBe("2026-12-13T00:00");
    await db().update(restaurants).set({ isOpen: false }).where(eq(restaurants.id, restaurant.id));
    expect(await closesAt(restaurant.slug, "2026-12-11T12:00:00Z")).toBeNull();

    // Open around the clock for the whole look-ahead, or without a schedule: nothing to say.
    const always = await restaurantWith({
      week: [0, 1, 2, 3, 4, 5, 6].map((d): [number, string, string] => [d, "00:00", "24:00"]),
    });
    expect(await closesAt(always.restaurant.slug, "2026-12-04T12:00:00Z")).toBeNull();
    const unscheduled = await restaurantWith({ closedDays: ["2026-12-05"] });
    expect(await closesAt(unscheduled.restaurant.slug, "2026-12-04T12:00:00Z")).toBeNull();
  });

  it("says when it closes on the days New York's clocks change, in wall-clock time", async () => {
    const { restaurant } = await restaurantWith({
      timeZone: "America/New_York",
      week: [
        [SAT, "20:00", "02:30"],
        [SUN, "01:00", "03:00"],
      ],
    });
    // Saturday 2026-03-07 23:00 EST: the night runs into Sunday's 01:00–03:00, whose 02:00–03:00 is skipped.
    expect(await closesAt(restaurant.slug, "2026-03-08T04:00:00Z")).toBe("2026-03-08T03:00");
    // Sunday 2026-11-01, in the first 01:30 (EDT) and the second (EST).
    expect(await closesAt(restaurant.slug, "2026-11-01T05:30:00Z")).toBe("2026-11-01T03:00");
    expect(await closesAt(restaurant.slug, "2026-11-01T06:30:00Z")).toBe("2026-11-01T03:00");
  });

  it("without a schedule, follows the switch alone", async () => {
    const { restaurant } = await restaurantWith({});
    expect(await statusAt(restaurant.slug, "2026-12-04T03:00:00Z")).toEqual({ open: true, opensAt: null, today: null });
    await db().update(restaurants).set({ isOpen: false }).where(eq(restaurants.id, restaurant.id));
    expect((await statusAt(restaurant.slug, "2026-12-04T03:00:00Z")).open).toBe(false);
  });

  it("09:00–17:00 in London on the day the clocks go forward starts at nine BST, 08:00 UTC", async () => {
    // 2026-03-29: clocks go from 01:00 GMT to 02:00 BST. A fixed offset of +00:00 would open an hour late.
    const { restaurant } = await restaurantWith({ timeZone: "Europe/London", week: [[SUN, "09:00", "17:00"]] });
    const at = (iso: string) => statusAt(restaurant.slug, iso);
    expect(await at("2026-03-29T07:59:00Z")).toEqual({
      open: false,
      opensAt: "2026-03-29T08:00:00.000Z",
      today: "09:00–17:00",
    });
    expect((await at("2026-03-29T08:00:00Z")).open).toBe(true);
    expect((await at("2026-03-29T15:59:00Z")).open).toBe(true);
    expect(await at("2026-03-29T16:00:00Z")).toMatchObject({ open: false, opensAt: "2026-04-05T08:00:00.000Z" });
    // The Sunday before, in GMT, nine o'clock was 09:00 UTC.
    expect(await at("2026-03-22T08:30:00Z")).toMatchObject({ open: false, opensAt: "2026-03-22T09:00:00.000Z" });
  });

  it("01:00–03:00 in New York lasts one hour when 02:00 is skipped and three when 01:00 repeats", async () => {
    const { restaurant } = await restaurantWith({ timeZone: "America/New_York", week: [[SUN, "01:00", "03:00"]] });
    const at = (iso: string) => statusAt(restaurant.slug, iso);
    // 2026-03-08: 02:00 EST (07:00 UTC) becomes 03:00 EDT.
    expect(await at("2026-03-08T05:59:00Z")).toMatchObject({ open: false, opensAt: "2026-03-08T06:00:00.000Z" });
    expect((await at("2026-03-08T06:00:00Z")).open).toBe(true);
    expect((await at("2026-03-08T06:59:00Z")).open).toBe(true);
    expect((await at("2026-03-08T07:00:00Z")).open).toBe(false);
    // 2026-11-01: 02:00 EDT (06:00 UTC) becomes 01:00 EST; 01:00 EDT is 05:00 UTC, 03:00 EST is 08:00 UTC.
    expect(await at("2026-11-01T04:59:00Z")).toMatchObject({ open: false, opensAt: "2026-11-01T05:00:00.000Z" });
    expect((await at("2026-11-01T05:00:00Z")).open).toBe(true);
    expect((await at("2026-11-01T07:59:00Z")).open).toBe(true);
    expect((await at("2026-11-01T08:00:00Z")).open).toBe(false);
  });

  it("opens at the switch when an interval starts inside the hour New York skips, as 'open now' says", async () => {
    const { restaurant } = await restaurantWith({ timeZone: "America/New_York", week: [[SUN, "02:30", "05:00"]] });
    const at = (iso: string) => statusAt(restaurant.slug, iso);
    // 2026-03-08: 02:00 EST (07:00 UTC) becomes 03:00 EDT, so 02:30 never happens; the first instant past it is 07:00.
    expect(await at("2026-03-08T06:00:00Z")).toMatchObject({ open: false, opensAt: "2026-03-08T07:00:00.000Z" });
    expect((await at("2026-03-08T06:59:00Z")).open).toBe(false);
    expect((await at("2026-03-08T07:00:00Z")).open).toBe(true);
    // A week later 02:30 exists again: 06:30 UTC (EDT).
    expect(await at("2026-03-15T06:00:00Z")).toMatchObject({ open: false, opensAt: "2026-03-15T06:30:00.000Z" });
  });

  it("on Lord Howe Island, where the clocks go back half an hour, opens at the first of a repeated 01:45", async () => {
    // 2026-04-05: 02:00 LHDT (+11:00, 15:00 UTC) becomes 01:30 LHST (+10:30), so 01:30-02:00 happens twice.
    // 01:45 is 14:45 UTC the first time and 15:15 UTC the second; "open now" says yes from the first.
    const { restaurant } = await restaurantWith({ timeZone: "Australia/Lord_Howe", week: [[SUN, "01:45", "03:00"]] });
    const at = (iso: string) => statusAt(restaurant.slug, iso);
    expect(await at("2026-04-04T14:00:00Z")).toMatchObject({ open: false, opensAt: "2026-04-04T14:45:00.000Z" });
    expect((await at("2026-04-04T14:45:00Z")).open).toBe(true);
    expect((await at("2026-04-04T16:29:00Z")).open).toBe(true);
    expect((await at("2026-04-04T16:30:00Z")).open).toBe(false);
  });

  it("once open at the first of a repeated start, stays open when the clocks go back, as its hours say", async () => {
    // Lord Howe Island, 2026-04-05 (the test above): 01:45–03:00 opened at the first 01:45 (14:45 UTC). At 15:00 UTC
    // the clocks go back from 02:00 to 01:30, and nothing has closed it: the hours run until 03:00.
    const lordHowe = await restaurantWith({ timeZone: "Australia/Lord_Howe", week: [[SUN, "01:45", "03:00"]] });
    for (const iso of ["2026-04-04T15:00:00Z", "2026-04-04T15:05:00Z", "2026-04-04T15:14:00Z"]) {
      // It said "Closed · Today 01:45–03:00 · Opens today at 01:45", an opening twenty minutes past, and checkout
      // refused with "It opens Sun at 01:45".
      expect(await statusAt(lordHowe.restaurant.slug, iso), iso).toMatchObject({ open: true, opensAt: null });
    }
    // London, 2026-10-25: 02:00 BST (01:00 UTC) becomes 01:00 GMT. 01:30–03:00 opens at 01:30 BST (00:30 UTC).
    const london = await restaurantWith({ timeZone: "Europe/London", week: [[SUN, "01:30", "03:00"]] });
    expect((await statusAt(london.restaurant.slug, "2026-10-25T00:45:00Z")).open).toBe(true);
    expect(await statusAt(london.restaurant.slug, "2026-10-25T01:10:00Z")).toMatchObject({ open: true, opensAt: null });
  });

  it("a night that ends inside the hour London repeats does not open again after it closed", async () => {
    // Saturday 2026-10-24 18:00–01:30: it closes at 01:30 BST (00:30 UTC); the clocks then go back to 01:00 GMT.
    const { restaurant } = await restaurantWith({ timeZone: "Europe/London", week: [[SAT, "18:00", "01:30"]] });
    expect((await statusAt(restaurant.slug, "2026-10-25T00:15:00Z")).open).toBe(true);
    const closed = await statusAt(restaurant.slug, "2026-10-25T00:45:00Z");
    expect(closed.open).toBe(false);
    // The page says when it opens next ("Opens Sat, Oct 31 at 18:00"), and it is closed until then. It was open
    // again from 01:00 GMT, "Open until 01:30", taking orders.
    expect(closed.opensAt).toBe("2026-10-31T18:00:00.000Z");
    for (const iso of ["2026-10-25T01:00:00Z", "2026-10-25T01:15:00Z", "2026-10-25T01:29:00Z"]) {
      expect((await statusAt(restaurant.slug, iso)).open, iso).toBe(false);
    }
  });

  it("an interval past midnight belongs to the day it starts on", async () => {
    // Fridays 18:00–02:00 UTC; 2026-12-04 is a Friday.
    const { restaurant } = await restaurantWith({ week: [[FRI, "18:00", "02:00"]] });
    const at = (iso: string) => statusAt(restaurant.slug, iso);
    expect(await at("2026-12-04T12:00:00Z")).toEqual({
      open: false,
      opensAt: "2026-12-04T18:00:00.000Z",
      today: "18:00–02:00",
    });
    expect((await at("2026-12-04T18:00:00Z")).open).toBe(true);
    expect(await at("2026-12-05T01:59:00Z")).toMatchObject({ open: true, today: "" });
    expect(await at("2026-12-05T02:00:00Z")).toMatchObject({ open: false, opensAt: "2026-12-11T18:00:00.000Z" });
    // Thursday night is not Friday night.
    expect((await at("2026-12-04T01:00:00Z")).open).toBe(false);
  });

  it("a closed day cancels the intervals that start on it, the night after included", async () => {
    const { restaurant } = await restaurantWith({
      timeZone: "Europe/Paris",
      week: [
        [FRI, "18:00", "02:00"],
        [SAT, "12:00", "14:00"],
      ],
      closedDays: ["2026-12-04"],
    });
    const at = (iso: string) => statusAt(restaurant.slug, iso);
    // 19:00 and 01:00 Paris time (UTC+1) on the closed Friday's evening and night.
    expect(await at("2026-12-04T18:00:00Z")).toEqual({ open: false, opensAt: "2026-12-05T11:00:00.000Z", today: "" });
    expect((await at("2026-12-05T00:00:00Z")).open).toBe(false);
    expect((await at("2026-12-05T11:30:00Z")).open).toBe(true);
    // The next Friday is not closed.
    expect((await at("2026-12-11T18:00:00Z")).open).toBe(true);
  });

  it("without a schedule, a closed day closes the whole local day", async () => {
    const { restaurant } = await restaurantWith({ timeZone: "Asia/Tokyo", closedDays: ["2026-12-25"] });
    // 2026-12-25 00:00 in Tokyo is 2026-12-24T15:00Z.
    expect((await statusAt(restaurant.slug, "2026-12-24T14:59:00Z")).open).toBe(true);
    expect(await statusAt(restaurant.slug, "2026-12-24T15:00:00Z")).toEqual({
      open: false,
      opensAt: "2026-12-25T15:00:00.000Z",
      today: null,
    });
  });

  it("the switch overrides the hours: switched off is closed, with no promise of opening", async () => {
    const { restaurant } = await restaurantWith({ week: [[FRI, "00:00", "24:00"]] });
    expect((await statusAt(restaurant.slug, "2026-12-04T12:00:00Z")).open).toBe(true);
    await db().update(restaurants).set({ isOpen: false }).where(eq(restaurants.id, restaurant.id));
    expect(await statusAt(restaurant.slug, "2026-12-04T12:00:00Z")).toMatchObject({ open: false, opensAt: null });
  });

  it("checkout outside the hours is refused against the database clock, and writes no order", async () => {
    const customer = await createUser(db());
    const viewer = (await findActiveViewer(customer.user.id))!;
    const { restaurant, items } = await restaurantWith({});
    await addToCart({ holder: { profileId: customer.profile.id }, menuItemId: items[0]!.id, quantity: 1 });
    // Closed yesterday, today and tomorrow (UTC, the restaurant's zone), whatever the clock says during the test.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await setOpeningHours(db(), restaurant.id, { closedDays: [day(-1), day(0), day(1)] });
    const result = await placeOrder({ viewer, idempotencyKey: crypto.randomUUID(), expectedTotalCents: 500 });
    expect(result).toEqual({
      ok: false,
      reason: "unavailable:outside-hours",
      restaurantName: restaurant.name,
      opensAt: new Date(`${day(2)}T00:00:00Z`),
      timeZone: "UTC",
    });
    expect(await db().$count(orders, eq(orders.customerId, customer.profile.id))).toBe(0);
    expect(await db().$count(carts, eq(carts.profileId, customer.profile.id))).toBe(1);
    // The cart and the review see the same, and say it in checkout's words before the customer tries.
    const cart = (await getCart({ holder: { profileId: customer.profile.id } }))!;
    expect([cart.withinHours, cart.opensAt]).toEqual([false, new Date(`${day(2)}T00:00:00Z`)]);
    expect(closedRefusal(cart)).toBe(checkoutRefusal(result.ok ? never() : result));
    // Within the hours again, the same cart goes through.
    await setOpeningHours(db(), restaurant.id, {});
    const reopened = (await getCart({ holder: { profileId: customer.profile.id } }))!;
    expect([reopened.withinHours, closedRefusal(reopened)]).toEqual([true, null]);
    const placed = await placeOrder({ viewer, idempotencyKey: crypto.randomUUID(), expectedTotalCents: 500 });
    expect(placed.ok).toBe(true);
  });

  it("the profile's favorites say Open only within the hours, in the profile's one statement", async () => {
    const customer = await createUser(db());
    const viewer = (await findActiveViewer(customer.user.id))!;
    const always = await restaurantWith({});
    const closedToday = await restaurantWith({});
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    await setOpeningHours(db(), closedToday.restaurant.id, { closedDays: [day(-1), day(0), day(1)] });
    await db()
      .insert(favorites)
      .values([
        { profileId: customer.profile.id, restaurantId: always.restaurant.id },
        { profileId: customer.profile.id, restaurantId: closedToday.restaurant.id },
      ]);
    const { result: view, count } = await countQueries(() => getProfileForViewer({ viewer }));
    expect(count).toBe(1);
    const open = Object.fromEntries(view!.favorites.map((f) => [f.restaurant.slug, f.restaurant.isOpen]));
    expect(open).toEqual({ [always.restaurant.slug]: true, [closedToday.restaurant.slug]: false });
  });

  it("the home page and the restaurant page keep their one statement with hours and closed days", async () => {
    for (let i = 0; i < 5; i++) {
      await restaurantWith({
        timeZone: "Europe/London",
        week: [
          [FRI, "09:00", "17:00"],
          [SAT, "18:00", "02:00"],
        ],
        closedDays: ["2026-12-25"],
      });
    }
    const { restaurant } = await restaurantWith({ week: [[FRI, "09:00", "17:00"]] });
    const at = new Date("2026-12-04T12:00:00Z");
    expect((await countQueries(() => browseRestaurants({ filters: { openNow: true }, at }))).count).toBe(1);
    expect((await countQueries(() => getRestaurantPage({ slug: restaurant.slug, at }))).count).toBe(1);
  });
});

describe.each(DRIVERS)("demo opening hours on %s", (driver) => {
  const db = freshDatabase(driver);

  it("gives every demo restaurant a zone and hours; the ones the browser tests order from never close", async () => {
    await seedDemo(db());
    const rows = await db()
      .select({ slug: restaurants.slug, timeZone: restaurants.timeZone, hours: count(restaurantHours.id) })
      .from(restaurants)
      .leftJoin(restaurantHours, eq(restaurantHours.restaurantId, restaurants.id))
      .groupBy(restaurants.id);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.timeZone, row.slug).not.toBe("UTC");
      expect(row.hours, row.slug).toBeGreaterThan(0);
    }
    for (const iso of ["2026-03-08T07:00:00Z", "2026-06-21T23:59:00Z", "2026-12-25T12:00:00Z"]) {
      const open = await browseRestaurants({ filters: { openNow: true }, at: new Date(iso) });
      const slugs = open.restaurants.map((r) => r.slug);
      expect(slugs).toEqual(expect.arrayContaining(["sakura-house", "taqueria-sol", "trattoria-luce"]));
      expect(slugs).not.toContain("le-petit-four");
    }
    // Spice Route (London) closes for Christmas.
    const christmas = await getRestaurantPage({ slug: "spice-route", at: new Date("2026-12-25T12:30:00Z") });
    expect(christmas).toMatchObject({ openNow: false, todaysHours: "", opensAt: new Date("2026-12-28T12:00:00Z") });
  });
});

/*
 * PostgreSQL only, as tests/integration/plans.test.ts (which this belongs beside, but whose skewed data set keeps no
 * schedules): the plan PostgreSQL chooses from its statistics when many restaurants keep hours.
 */
describe.runIf(Boolean(process.env.DATABASE_URL))("opening hours plans on PostgreSQL", () => {
  const db = freshDatabase("postgres");
  const RESTAURANTS = 1_000;

  it("the home page and the restaurant page read hours restaurant by restaurant, never everyone's at once", async () => {
    // Two intervals a day, one past midnight, so that some restaurants are open and some closed at any hour.
    await db().execute(sql`
      with r as (
        insert into restaurants (slug, name, cuisine, address, time_zone)
        select 'plan-hours-' || g, 'Plan hours ' || lpad(g::text, 4, '0'), 'Test', '1 Test Street', 'Europe/London'
        from generate_series(1, ${RESTAURANTS}) g returning id)
      insert into restaurant_hours (restaurant_id, weekday, opens_at, closes_at)
      select r.id, d, t.opens, t.closes from r cross join generate_series(0, 6) d
      cross join (values (time '11:00', time '15:00'), (time '17:00', time '02:00')) t(opens, closes)`);
    await postgresClientOf(db()).unsafe("analyze restaurants, restaurant_hours, restaurant_closed_days");
    const { queries } = await captureStatements(async () => {
      await browseRestaurants({});
      await browseRestaurants({ filters: { openNow: true } });
      await getRestaurantPage({ slug: "plan-hours-1" });
    });
    const explained = await explainStatements(postgresClientOf(db()), queries);
    expect(explained).toHaveLength(3);
    for (const { plan, sql: text } of explained) {
      // Each read of restaurant_hours is one restaurant's week (14 rows) at most, per restaurant it evaluates: a
      // hashed subplan read all 14,000 rows at once.
      for (const read of tableReads(plan, ["restaurant_hours"])) {
        expect(read.rowsTouched / Math.max(read.node["Actual Loops"] ?? 0, 1), text).toBeLessThanOrEqual(14);
      }
    }
  });
});
