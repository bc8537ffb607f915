import { eq, sql } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";

import { countQueries } from "@/db/query-stats";
import { restaurantClosedDays, restaurantHours, restaurants } from "@/db/schema";
import { DEMO_HOURS } from "@/db/seed/hours";
import { findActiveViewer, type Viewer } from "@/lib/auth/queries";
import { addDays, calendarDay } from "@/lib/dates";
import { updateRestaurantAction } from "@/lib/owner/actions";
import { getHoursForOwner } from "@/lib/owner/hours";
import { saveHoursAction } from "@/lib/owner/hours-actions";
import { WEEK } from "@/lib/owner/hours-week";
import { ownerMessages } from "@/lib/owner/messages";
import { listOwnedRestaurants } from "@/lib/owner/queries";
import { getRestaurantPage } from "@/lib/restaurants/queries";
import { timeZones } from "@/lib/restaurants/time-zones";

import { DRIVERS, freshDatabase } from "../fixtures/db";
import { createOwner, createRestaurant, createUser, setOpeningHours } from "../fixtures/factory";
import { heldTransaction, untilWaitingOnLocks } from "../fixtures/locks";
import { signInAs, submit } from "../fixtures/session";

vi.mock("@/lib/auth/session", async () => (await import("../fixtures/session")).sessionMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const NOT_FOUND = /NEXT_HTTP_ERROR_FALLBACK;404/;

describe.each(DRIVERS)("owner opening hours on %s", (driver) => {
  const db = freshDatabase(driver);

  const viewerOf = async (userId: string): Promise<Viewer> => (await findActiveViewer(userId))!;

  async function ownRestaurant() {
    const { restaurant } = await createRestaurant(db());
    const owner = await createOwner(db(), [restaurant.id]);
    return { restaurant, owner: await viewerOf(owner.user.id) };
  }

  /** What the save wrote: the zone, the week as "dow opens-closes", the closed days. */
  async function stored(restaurantId: number) {
    const [row] = await db().select().from(restaurants).where(eq(restaurants.id, restaurantId));
    const hours = await db()
      .select()
      .from(restaurantHours)
      .where(eq(restaurantHours.restaurantId, restaurantId))
      .orderBy(restaurantHours.weekday, restaurantHours.opensAt);
    const closed = await db()
      .select()
      .from(restaurantClosedDays)
      .where(eq(restaurantClosedDays.restaurantId, restaurantId))
      .orderBy(restaurantClosedDays.day);
    return {
      timeZone: row!.timeZone,
      week: hours.map((h) => `${h.weekday} ${h.opensAt.slice(0, 5)}-${h.closesAt.slice(0, 5)}`),
      closedDays: closed.map((c) => c.day),
    };
  }

  const week = { monday: "09:00-17:00", friday: "12:00-14:00, 18:00-02:00", sunday: "00:00-24:00" };

  it("an owner saves a week, closed days and a zone, and customers see them by the same rule", async () => {
    const { restaurant, owner } = await ownRestaurant();
    signInAs(owner);
    const state = await submit(saveHoursAction, {
      restaurantId: restaurant.id,
      timeZone: "Europe/London",
      ...week,
      closedDays: "2099-12-25, 2099-12-24 2099-12-25",
    });
    expect(state).toEqual({ ok: true, message: "Opening hours saved." });
    expect(await stored(restaurant.id)).toEqual({
      timeZone: "Europe/London",
      week: ["0 00:00-24:00", "1 09:00-17:00", "5 12:00-14:00", "5 18:00-02:00"],
      closedDays: ["2099-12-24", "2099-12-25"],
    });
    // Friday 2026-12-04, 23:00 in London (GMT): the night shift.
    const page = await getRestaurantPage({ slug: restaurant.slug, at: new Date("2026-12-04T23:00:00Z") });
    expect(page).toMatchObject({ openNow: true, todaysHours: "12:00–14:00, 18:00–02:00" });
    // Saving again replaces everything; an empty week means the switch alone decides, and the owner is told so
    // (each empty day's box reads "Closed", which an owner clearing every day to close for a while took at its word).
    expect(await submit(saveHoursAction, { restaurantId: restaurant.id, timeZone: "UTC" })).toEqual({
      ok: true,
      message:
        "Saved with no weekly hours: customers can order whenever “Open for orders” is on. " +
        "To close on some days, give the others their hours.",
    });
    expect(await stored(restaurant.id)).toEqual({ timeZone: "UTC", week: [], closedDays: [] });
  });

  it("offers, keeps and saves a zone under a name Intl does not list (the demo's Asia/Ho_Chi_Minh, Europe/Kyiv)", async () => {
    const { restaurant, owner } = await ownRestaurant();
    signInAs(owner);
    for (const zone of ["Asia/Ho_Chi_Minh", "Europe/Kyiv", "Asia/Kolkata"]) {
      await setOpeningHours(db(), restaurant.id, { timeZone: zone });
      // The form offers the stored name, so the browser preselects it instead of the first option (UTC).
      expect(timeZones(zone)).toContain(zone);
      const hours = await getHoursForOwner({ viewer: owner, slug: restaurant.slug });
      expect(hours?.timeZone).toBe(zone);
      expect(
        await submit(saveHoursAction, { restaurantId: restaurant.id, timeZone: zone, closedDays: "2099-12-25" }),
      ).toEqual({ ok: true, message: ownerMessages.noHoursSaved(true) });
      expect(await stored(restaurant.id)).toEqual({ timeZone: zone, week: [], closedDays: ["2099-12-25"] });
    }
    // A name PostgreSQL reads as a fixed abbreviation (CET: UTC+1 all year) while Intl keeps summer time is refused:
    // hours and "opens at" would disagree every summer.
    for (const zone of ["CET", "EET", "MET", "WET"]) {
      expect(await submit(saveHoursAction, { restaurantId: restaurant.id, timeZone: zone }), zone).toEqual({
        message:
          "This server's database does not know that time zone by that name. Choose a city's zone from the list.",
      });
    }
    expect(await stored(restaurant.id)).toMatchObject({ timeZone: "Asia/Kolkata" });
    // Every zone the demo restaurants are seeded with is one the form offers for them.
    for (const { timeZone } of Object.values(DEMO_HOURS)) expect(timeZones(timeZone)).toContain(timeZone);
  });

  it.each<[string, Record<string, string>, Record<string, string[]>]>([
    ["an unknown zone", { timeZone: "Mars/Olympus_Mons" }, { timeZone: ["Choose a time zone from the list."] }],
    // Today is unknowable without a zone: only the zone is explained (and no Intl error becomes a 500).
    [
      "an unknown zone with a past closed day",
      { timeZone: "Mars/Olympus_Mons", closedDays: "2020-01-01" },
      { timeZone: ["Choose a time zone from the list."] },
    ],
    ["a zone with a NUL", { timeZone: "Europe/London\u0000" }, { timeZone: ["Choose a time zone from the list."] }],
    [
      "an end equal to the start",
      { monday: "09:00-09:00" },
      { monday: ["09:00-09:00 ends when it starts: give it some length (all day is 00:00-24:00)."] },
    ],
    [
      "an hour out of range",
      { tuesday: "09:00-25:00" },
      { tuesday: ['"25:00" is not a time of day: hours go from 00 to 23, minutes from 00 to 59.'] },
    ],
    [
      "minutes out of range",
      { tuesday: "09:60-17:00" },
      { tuesday: ['"09:60" is not a time of day: hours go from 00 to 23, minutes from 00 to 59.'] },
    ],
    [
      "a huge number",
      { wednesday: "99999999999999999999:00-17:00" },
      { wednesday: ['"99999999999999999999:00" is not a time: use 24-hour times like 09:00.'] },
    ],
    [
      "a NUL byte in the hours",
      { thursday: "09:00-\u000017:00" },
      { thursday: ["Remove control or invisible formatting characters."] },
    ],
    [
      "not an interval",
      { friday: "noon till late" },
      { friday: ['"noon till late" is not an interval: write it like 09:00-17:00.'] },
    ],
    [
      "overlapping intervals",
      { saturday: "09:00-14:00, 13:00-18:00" },
      { saturday: ["Intervals overlap: give each its own time."] },
    ],
    [
      "an interval after one past midnight",
      { sunday: "18:00-02:00, 20:00-21:00" },
      { sunday: ["Intervals overlap: give each its own time."] },
    ],
    ["a malformed date", { closedDays: "2026-13-01" }, { closedDays: ['"2026-13-01": That date does not exist.'] }],
    [
      "a date that is not one",
      { closedDays: "25/12/2026" },
      { closedDays: ['"25/12/2026": Use a date like 2026-01-31.'] },
    ],
    ["a date with a NUL", { closedDays: "2026-12-25\u0000" }, { closedDays: ["A date: Use a date like 2026-01-31."] }],
    [
      "a year out of range",
      { closedDays: "0000-01-01" },
      { closedDays: ['"0000-01-01": Use a date from the year 1 on.'] },
    ],
  ])("refuses %s with a message and writes nothing", async (_case, fields, fieldErrors) => {
    const { restaurant, owner } = await ownRestaurant();
    await setOpeningHours(db(), restaurant.id, { timeZone: "Asia/Tokyo", week: [[1, "10:00", "11:00"]] });
    const before = await stored(restaurant.id);
    signInAs(owner);
    const state = await submit(saveHoursAction, { restaurantId: restaurant.id, timeZone: "UTC", ...fields });
    expect(state).toEqual({ message: "Please correct the highlighted fields.", fieldErrors });
    expect(await stored(restaurant.id)).toEqual(before);
  });

  // Today in a zone, as the form means it. Pacific/Kiritimati (UTC+14) is 25 hours ahead of Pacific/Pago_Pago
  // (UTC−11), neither with summer time: at any instant Pago Pago's today is already past in Kiritimati.
  const today = (zone: string) => calendarDay(new Date(), zone);

  it("refuses a closed day before today in the zone submitted with it, next to the other mistakes, and writes nothing", async () => {
    const { restaurant, owner } = await ownRestaurant();
    await setOpeningHours(db(), restaurant.id, {
      timeZone: "Pacific/Pago_Pago",
      week: [[1, "10:00", "11:00"]],
      closedDays: ["2099-12-25"],
    });
    const before = await stored(restaurant.id);
    signInAs(owner);
    const pagoToday = today("Pacific/Pago_Pago");
    // Moving to Kiritimati in the same save: its today decides, not the stored zone's (where this day is today).
    expect(
      await submit(saveHoursAction, {
        restaurantId: restaurant.id,
        timeZone: "Pacific/Kiritimati",
        monday: "09:00-09:00",
        closedDays: `2099-12-25, ${pagoToday}`,
      }),
    ).toEqual({
      message: "Please correct the highlighted fields.",
      fieldErrors: {
        monday: ["09:00-09:00 ends when it starts: give it some length (all day is 00:00-24:00)."],
        closedDays: [
          `${pagoToday} is in the past (today is ${today("Pacific/Kiritimati")} in Pacific/Kiritimati): remove it.`,
        ],
      },
    });
    expect(
      await submit(saveHoursAction, {
        restaurantId: restaurant.id,
        timeZone: "UTC",
        closedDays: "2020-02-29 2020-01-01",
      }),
    ).toEqual({
      message: "Please correct the highlighted fields.",
      fieldErrors: {
        closedDays: [`2020-01-01, 2020-02-29 are in the past (today is ${today("UTC")} in UTC): remove them.`],
      },
    });
    expect(await stored(restaurant.id)).toEqual(before);

    // Today itself is a closed day to come (it lasts until midnight there): kept in Pago Pago.
    expect(
      await submit(saveHoursAction, {
        restaurantId: restaurant.id,
        timeZone: "Pacific/Pago_Pago",
        closedDays: `${pagoToday}, 2099-12-25`,
      }),
    ).toEqual({ ok: true, message: ownerMessages.noHoursSaved(true) });
    expect(await stored(restaurant.id)).toEqual({
      timeZone: "Pacific/Pago_Pago",
      week: [],
      closedDays: [pagoToday, "2099-12-25"],
    });
  });

  it("the form lists closed days from today in the restaurant's zone; saving it drops the past ones", async () => {
    const { restaurant, owner } = await ownRestaurant();
    const days = ["2020-01-01", "2026-12-24", "2026-12-25", "2099-12-25"];
    await setOpeningHours(db(), restaurant.id, { timeZone: "Asia/Tokyo", closedDays: days });
    const shown = async (now?: Date) =>
      (await getHoursForOwner({ viewer: owner, slug: restaurant.slug, now }))?.closedDays;
    // Tokyo's midnight into 25 December is 15:00 UTC on the 24th: the 24th is today until then, past after.
    expect(await shown(new Date("2026-12-24T14:59:59.999Z"))).toEqual(days.slice(1));
    expect(await shown(new Date("2026-12-24T15:00:00Z"))).toEqual(days.slice(2));
    // In London the 24th is still today then.
    await setOpeningHours(db(), restaurant.id, { timeZone: "Europe/London", closedDays: days });
    expect(await shown(new Date("2026-12-24T15:00:00Z"))).toEqual(days.slice(1));

    // Today, by the clock: the form shows what is to come, and saving it as shown removes the rest.
    const now = new Date();
    const todayInLondon = calendarDay(now, "Europe/London");
    await setOpeningHours(db(), restaurant.id, {
      timeZone: "Europe/London",
      closedDays: ["2020-01-01", todayInLondon, "2099-12-25"],
    });
    const form = await shown(now);
    expect(form).toEqual([todayInLondon, "2099-12-25"]);
    signInAs(owner);
    expect(
      await submit(saveHoursAction, {
        restaurantId: restaurant.id,
        timeZone: "Europe/London",
        closedDays: form!.join(", "),
      }),
    ).toMatchObject({ ok: true });
    expect((await stored(restaurant.id)).closedDays).toEqual([todayInLondon, "2099-12-25"]);
  });

  it("after midnight, yesterday's closed day still closes its night: the form keeps it, and saving it stays closed", async () => {
    // A zone where it is now between 00:00 and 01:00 (Etc/GMT-N is UTC+N), whatever the clock says during the test.
    const utcHour = new Date().getUTCHours();
    const offset = utcHour <= 12 ? -utcHour : 24 - utcHour;
    const zone = offset === 0 ? "UTC" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`;
    const now = new Date();
    const todayThere = calendarDay(now, zone);
    const yesterday = addDays(todayThere, -1);
    const { field, dow } = WEEK.find((d) => d.dow === new Date(`${yesterday}T00:00:00Z`).getUTCDay())!;
    // Yesterday's night runs 18:00–03:00, and yesterday is a closed day: closed now, at 00:xx, until 18:00 tonight.
    const { restaurant, owner } = await ownRestaurant();
    await setOpeningHours(db(), restaurant.id, {
      timeZone: zone,
      week: [[dow, "18:00", "03:00"]],
      closedDays: [yesterday, "2099-12-25"],
    });
    expect((await getRestaurantPage({ slug: restaurant.slug, at: now }))!.openNow).toBe(false);

    // The owner opens the form and saves it as it is shown (to add a day, say).
    const form = (await getHoursForOwner({ viewer: owner, slug: restaurant.slug, now }))!;
    signInAs(owner);
    expect(
      await submit(saveHoursAction, {
        restaurantId: restaurant.id,
        timeZone: zone,
        [field]: "18:00-03:00",
        closedDays: form.closedDays.join(", "),
      }),
    ).toMatchObject({ ok: true });
    // It was open again until 03:00, taking orders on the night its owner had closed: the form had left yesterday
    // out (a day before today "closes nothing"), and typing it back in was refused as "in the past".
    expect((await getRestaurantPage({ slug: restaurant.slug, at: now }))!.openNow).toBe(false);
    expect(form.closedDays).toEqual([yesterday, "2099-12-25"]);
  });

  it("does not save hours over a change made since the form was drawn, and saves once the form shows it", async () => {
    const { restaurant, owner } = await ownRestaurant();
    await setOpeningHours(db(), restaurant.id, { timeZone: "Europe/London", week: [[1, "09:00", "17:00"]] });
    signInAs(owner);
    const drawn = async () => (await getHoursForOwner({ viewer: owner, slug: restaurant.slug }))!.version;
    // The form as it was drawn: Mondays 09:00-17:00, no closed day.
    const form = {
      restaurantId: restaurant.id,
      version: await drawn(),
      timeZone: "Europe/London",
      monday: "09:00-17:00",
    };
    // Another tab (or a co-owner) closes the restaurant on Christmas Day.
    expect(await submit(saveHoursAction, { ...form, version: await drawn(), closedDays: "2099-12-25" })).toMatchObject({
      ok: true,
    });
    // The first form, which never showed that closed day, opens on Mondays until 18:00.
    expect(await submit(saveHoursAction, { ...form, monday: "09:00-18:00" })).toEqual({
      stale: true,
      message:
        "Nothing was saved: these hours were changed in another tab or by another owner since you opened this page. " +
        "The form now shows them as they are: make your changes again.",
    });
    // Before, that save dropped the closed day, and the restaurant took orders on Christmas Day.
    expect(await stored(restaurant.id)).toEqual({
      timeZone: "Europe/London",
      week: ["1 09:00-17:00"],
      closedDays: ["2099-12-25"],
    });
    // Drawn again, the form saves.
    expect(
      await submit(saveHoursAction, {
        ...form,
        version: await drawn(),
        monday: "09:00-18:00",
        closedDays: "2099-12-25",
      }),
    ).toMatchObject({ ok: true });
    expect(await stored(restaurant.id)).toEqual({
      timeZone: "Europe/London",
      week: ["1 09:00-18:00"],
      closedDays: ["2099-12-25"],
    });
  });

  it("saving the hours leaves the details form current: it still saves, and says nothing changed under it", async () => {
    const { restaurant, owner } = await ownRestaurant();
    signInAs(owner);
    // The dashboard's details form, drawn before the hours are saved in another tab.
    const drawn = (await listOwnedRestaurants({ viewer: owner }))[0]!.detailsVersion;
    const hours = (await getHoursForOwner({ viewer: owner, slug: restaurant.slug }))!.version;
    for (const timeZone of ["UTC", "Europe/London"]) {
      const version = (await getHoursForOwner({ viewer: owner, slug: restaurant.slug }))!.version;
      expect(
        await submit(saveHoursAction, { restaurantId: restaurant.id, version, timeZone, monday: "09:00-17:00" }),
      ).toMatchObject({ ok: true });
    }
    expect((await getHoursForOwner({ viewer: owner, slug: restaurant.slug }))!.version).not.toBe(hours);
    // Before, the save was refused: "these details were changed in another tab or by another owner".
    expect(
      await submit(updateRestaurantAction, {
        restaurantId: restaurant.id,
        version: drawn,
        name: "Soup Corner",
        cuisine: "Soups",
        address: "1 Main St",
        offersPickup: "on",
      }),
    ).toEqual({ ok: true, message: "Saved." });
    const [row] = await db().select().from(restaurants).where(eq(restaurants.id, restaurant.id));
    expect([row!.name, row!.timeZone]).toEqual(["Soup Corner", "Europe/London"]);
  });

  if (driver === "postgres")
    it("refuses a stale hours save that waited for another save of the hours to commit", async () => {
      const { restaurant, owner } = await ownRestaurant();
      const { version } = (await getHoursForOwner({ viewer: owner, slug: restaurant.slug }))!;
      // Another save under way, as saveHours makes it: the restaurant locked, a closed day added, not yet committed.
      const other = heldTransaction(db(), async (tx) => {
        await tx.execute(sql`select 1 from restaurants where id = ${restaurant.id} for no key update`);
        await tx.insert(restaurantClosedDays).values({ restaurantId: restaurant.id, day: "2099-12-25" });
      });
      await other.held;
      signInAs(owner);
      const stale = submit(saveHoursAction, {
        restaurantId: restaurant.id,
        version,
        timeZone: "UTC",
        monday: "09:00-17:00",
      });
      await untilWaitingOnLocks(db(), 1);
      other.release();
      await other.done;
      expect(await stale).toMatchObject({ stale: true });
      expect(await stored(restaurant.id)).toEqual({ timeZone: "UTC", week: [], closedDays: ["2099-12-25"] });
    });

  it("refuses too many intervals and closed days", async () => {
    const { restaurant, owner } = await ownRestaurant();
    signInAs(owner);
    const many = Array.from({ length: 7 }, (_, i) => `${String(i + 10)}:00-${String(i + 10)}:30`).join(", ");
    const days = Array.from({ length: 101 }, (_, i) => new Date(Date.UTC(2027, 0, 1 + i)).toISOString().slice(0, 10));
    const state = await submit(saveHoursAction, {
      restaurantId: restaurant.id,
      timeZone: "UTC",
      monday: many,
      closedDays: days.join(","),
    });
    expect(state.fieldErrors).toEqual({
      monday: ["Use at most 6 intervals a day."],
      closedDays: ["List at most 100 closed days."],
    });
    expect(await stored(restaurant.id)).toEqual({ timeZone: "UTC", week: [], closedDays: [] });
  });

  it("another owner's restaurant, an admin who does not own it and a customer change nothing", async () => {
    const { restaurant, owner } = await ownRestaurant();
    await setOpeningHours(db(), restaurant.id, { timeZone: "Asia/Tokyo", week: [[1, "10:00", "11:00"]] });
    const before = await stored(restaurant.id);
    const stranger = await ownRestaurant();
    const admin = await viewerOf((await createUser(db(), { role: "admin" })).user.id);
    const customer = await viewerOf((await createUser(db())).user.id);
    const fields = { restaurantId: restaurant.id, timeZone: "UTC", monday: "00:00-24:00" };

    signInAs(stranger.owner);
    expect(await submit(saveHoursAction, fields)).toEqual({ message: "Restaurant not found." });
    expect(await getHoursForOwner({ viewer: stranger.owner, slug: restaurant.slug })).toBeUndefined();
    signInAs(admin);
    expect(await submit(saveHoursAction, fields)).toEqual({ message: "Restaurant not found." });
    signInAs(customer);
    await expect(submit(saveHoursAction, fields)).rejects.toThrow(NOT_FOUND);
    signInAs(null);
    expect(await submit(saveHoursAction, fields)).toEqual({ message: "Your session has ended. Please sign in again." });
    expect(await stored(restaurant.id)).toEqual(before);

    // The owner can, and an admin made one of its owners can too (decision 0004).
    signInAs(owner);
    expect(await submit(saveHoursAction, fields)).toMatchObject({ ok: true });
  });

  it("the hours page: 2 statements with the session check, whatever the number of intervals and closed days", async () => {
    const counts: number[] = [];
    for (const size of [1, 6]) {
      const { restaurant, owner } = await ownRestaurant();
      const intervals = Array.from({ length: size }, (_, i): [number, string, string] => [i, "09:00", "17:00"]);
      const closedDays = Array.from({ length: size * 10 }, (_, i) => `2027-01-${String(i + 1).padStart(2, "0")}`);
      await setOpeningHours(db(), restaurant.id, {
        timeZone: "Europe/Paris",
        week: intervals,
        closedDays: closedDays.slice(0, 31),
      });
      counts.push(
        (
          await countQueries(async () => {
            const viewer = await findActiveViewer(owner.userId);
            const hours = await getHoursForOwner({ viewer: viewer!, slug: restaurant.slug });
            expect(hours?.hours).toHaveLength(size);
          })
        ).count,
      );
    }
    expect(counts).toEqual([2, 2]);
  });
});
