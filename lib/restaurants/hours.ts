import { sql, type SQL, type SQLWrapper } from "drizzle-orm";

/**
 * The one implementation of opening hours (docs/decisions/0018-opening-hours.md), as SQL fragments over the outer
 * row of `restaurants` (written "restaurants"."…", so that they work in a core select, a join and a relational
 * query alike). The instant is a parameter, `now()` by default: inside a transaction that is the database clock
 * at its start, and tests pass fixed instants instead of faking clocks.
 *
 * Local wall time comes from PostgreSQL's time zone database (`instant AT TIME ZONE zone`), never from offsets we
 * compute: an interval is a range of local wall-clock times on the day it starts, so 01:00–03:00 on the day the
 * clocks skip 02:00 lasts one hour, and 09:00–17:00 still starts at nine whatever the offset that day.
 */

const R = {
  id: sql.raw(`"restaurants"."id"`),
  isOpen: sql.raw(`"restaurants"."is_open"`),
  timeZone: sql.raw(`"restaurants"."time_zone"`),
};

/** The instant the rule is evaluated at: a Date from a test, or the database's clock. */
export const instant = (at?: Date): SQL => (at ? sql`${at.toISOString()}::timestamptz` : sql`now()`);

/** That instant as wall-clock time in the restaurant's zone (a timestamp without time zone). */
const localNow = (at?: Date) => sql`(${instant(at)} at time zone ${R.timeZone})`;

/** The restaurant's UTC offset at `instant` (an interval), from the zone database. */
const utcOffset = (instant: SQL) => sql`(${instant} at time zone ${R.timeZone} - ${instant} at time zone 'UTC')`;

/**
 * How far the restaurant's clocks went back within the day before `instant` (an interval, positive after a switch
 * back): the zone's offset a day before, when the earlier offset was in force (switches are months apart), minus its
 * offset at the instant. An hour in most zones, half an hour on Lord Howe Island; never a size written into the code.
 */
const wentBackBy = (instant: SQL) => sql`(${utcOffset(sql`(${instant} - interval '1 day')`)} - ${utcOffset(instant)})`;

/**
 * The latest wall-clock time the restaurant's clock has shown by the instant: its wall time, except after the clocks
 * go back, while they show again times they showed already (01:00–02:00 in London), when it is the last time shown
 * before the switch (to the minute: hours are whole minutes, and switches fall on whole minutes). Hours are compared
 * with it, so that an interval is open from the first time its start is shown to the first time its end is: one
 * that started at the first 01:45 does not close when the clock reads 01:30 again, and one that ended at the first
 * 01:30 does not open again at 01:00. Going back is read from the zone database as "Opens at" reads it (the offset a
 * day before minus the offset now, wentBackBy); the instants since then are looked through only within the repeated
 * time.
 */
const shownLocalNow = (at?: Date) => {
  const now = instant(at);
  const back = wentBackBy(now);
  return sql`(case when ${back} > interval '0' and ${utcOffset(sql`(${now} - ${back})`)} <> ${utcOffset(now)} then (
      select max(g.t at time zone ${R.timeZone}) from generate_series(${now} - ${back}, ${now}, interval '1 minute') g(t))
    else ${localNow(at)} end)`;
};

/**
 * The restaurant's effective weekly intervals: its rows, or, when it keeps no schedule, every day from 00:00 to
 * 24:00 (open whenever the switch is on, as before hours existed).
 */
const schedule = sql`(
  select h.weekday, h.opens_at, h.closes_at from restaurant_hours h where h.restaurant_id = ${R.id}
  union all
  select w.d::smallint, time '00:00', time '24:00' from generate_series(0, 6) w(d)
  where not exists (select 1 from restaurant_hours h0 where h0.restaurant_id = ${R.id})
)`;

/**
 * Each interval as local [starts, ends) timestamps on the local days `from`..`to` days after today's (an
 * interval belongs to the day it starts on; one whose end is not after its start ends the next day). A closed day
 * cancels the intervals that start on it.
 */
const intervals = (at: Date | undefined, from: number, to: number) => sql`(
  select d.day + s.opens_at as starts,
         d.day + s.closes_at + case when s.closes_at <= s.opens_at then interval '1 day' else interval '0' end as ends
  from generate_series(${sql.raw(String(from))}, ${sql.raw(String(to))}) k(n)
  cross join lateral (select (${localNow(at)})::date + k.n as day) d
  join ${schedule} s on s.weekday = extract(dow from d.day)
  where not exists (select 1 from restaurant_closed_days c where c.restaurant_id = ${R.id} and c.day = d.day)
)`;

/** Within an interval of the schedule at the instant, whatever the switch says (checkout adds its own switch test). */
export const withinHours = (at?: Date): SQL<boolean> =>
  sql<boolean>`exists (select 1 from (select ${shownLocalNow(at)} as shown) n cross join ${intervals(at, -1, 0)} i
    where i.starts <= n.shown and n.shown < i.ends)`;

/** Open for orders: the owner's switch is on AND the schedule is open. The home page's filter and every badge. */
export const openNow = (at?: Date): SQL<boolean> => sql<boolean>`(${R.isOpen} and ${withinHours(at)})`;

/** How far ahead "Opens at" looks: two weeks covers a week of holidays after the next weekend. */
const LOOK_AHEAD_DAYS = 14;

/**
 * While closed by the hours (not by the switch), the next instant an interval starts, as ISO text; else null: open
 * now, switched off (only the owner knows when they will switch back on), or no opening within LOOK_AHEAD_DAYS.
 * A local start the clocks skip (02:30 on a spring switch day) opens when "open now" starts to say yes: the first
 * instant whose local time is past it, the switch itself (03:00 EDT in New York). PostgreSQL places the skipped
 * time a whole switch later (03:30 EDT), so the switch is looked for, minute by minute, in the two hours before
 * (no zone skips more; switches fall on whole minutes). One they repeat (01:00 on an autumn switch day) is the
 * first of the two, when "open now" starts to say yes. PostgreSQL picks the later one; the earlier is the later one
 * moved back by the size of the switch, which the zone database gives (wentBackBy). It is used if it reads as the
 * same local time.
 */
export const nextOpening = (at?: Date): SQL<string | null> =>
  sql<string | null>`case when ${R.isOpen} and not ${withinHours(at)} then (
    select to_char(case
                     when n.later at time zone ${R.timeZone} <> n.starts then (
                       select min(t) from generate_series(n.later - interval '2 hours', n.later, interval '1 minute') g(t)
                       where t at time zone ${R.timeZone} >= n.starts)
                     else least(n.later, case when n.earlier at time zone ${R.timeZone} = n.starts then n.earlier end)
                   end at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
    from (select m.starts, m.later,
                 m.later - ${wentBackBy(sql`m.later`)} as earlier
          from (select min(i.starts) as starts, min(i.starts) at time zone ${R.timeZone} as later
                from ${intervals(at, 0, LOOK_AHEAD_DAYS)} i where i.starts > ${shownLocalNow(at)}) m) n
  ) end`;

/**
 * While open now (the switch on, within the hours), when the current run of opening ends, as local wall-clock text
 * in the restaurant's zone ("2026-12-05T03:00"): intervals that touch or overlap chain into one run (Friday
 * 18:00–24:00 then Saturday 00:00–03:00 ends Saturday 03:00), so the run ends at the first interval end after now
 * that no interval covers. Null when not open now, for a restaurant that keeps no schedule (the switch alone
 * decides, as todaysHours says nothing), and when the run lasts past LOOK_AHEAD_DAYS (open around the clock): an
 * end on the last day looked at could be covered by the day after, which is not looked at. Wall time, not an
 * instant: it is only shown, in the terms the hours are written in ("until 03:00"), so the clock changes need no
 * care here. The intervals are materialized once per restaurant, as each candidate end is checked against them all.
 * The schedule test is inside the subquery, run only for a restaurant open now: in the CASE's condition PostgreSQL
 * hashed it, reading every restaurant's hours for each home page.
 */
export const closesAt = (at?: Date): SQL<string | null> =>
  sql<string | null>`case when ${openNow(at)} then (
    with i as materialized ${intervals(at, -1, LOOK_AHEAD_DAYS)}
    select to_char(min(e.ends), 'YYYY-MM-DD"T"HH24:MI') from i e
    where exists (select 1 from restaurant_hours h0 where h0.restaurant_id = ${R.id})
      and e.ends > ${shownLocalNow(at)} and e.ends < (${localNow(at)})::date + ${sql.raw(String(LOOK_AHEAD_DAYS + 1))}
      and not exists (select 1 from i c where c.starts <= e.ends and e.ends < c.ends)
  ) end`;

/**
 * Today's intervals (today in the restaurant's zone) as "09:00–14:00, 18:00–02:00"; "" on a closed day or a day
 * without hours; null for a restaurant that keeps no schedule. Inside a scalar subquery of its own, so that the
 * schedule test runs per listed restaurant: as the outer CASE's condition PostgreSQL hashed it, reading all of
 * restaurant_hours on every home page.
 */
export const todaysHours = (at?: Date): SQL<string | null> =>
  sql<
    string | null
  >`(select case when exists (select 1 from restaurant_hours h0 where h0.restaurant_id = ${R.id}) then coalesce((
    select string_agg(to_char(h.opens_at, 'HH24:MI') || '–' || to_char(h.closes_at, 'HH24:MI'), ', ' order by h.opens_at)
    from restaurant_hours h
    where h.restaurant_id = ${R.id} and h.weekday = extract(dow from ${localNow(at)})
      and not exists (select 1 from restaurant_closed_days c where c.restaurant_id = ${R.id} and c.day = (${localNow(at)})::date)
  ), '') end)`;

/**
 * One of the fragments above for the restaurant `restaurantId` names, from a query whose restaurant row is not
 * the outer "restaurants" (a cart, a relational query's nested restaurant under its own alias): a scalar subquery
 * gives the rule its row, inside the caller's statement.
 */
export const ofRestaurant = <T>(restaurantId: SQLWrapper, expression: SQL<T>): SQL<T> =>
  sql<T>`(select ${expression} from restaurants where ${R.id} = ${restaurantId})`;

/** nextOpening's ISO text (a raw fragment gets no driver mapping, so both drivers return the same string). */
export const instantFromDb = (value: string | null | undefined): Date | null => (value ? new Date(value) : null);
