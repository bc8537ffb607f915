/**
 * The pages bench/scale.ts measures, as a table: each case calls the app's own lib function(s) the way the page
 * does, with a Viewer, and wraps only the page's statements in `measure` (anything read to set the case up, such
 * as the cursor of a second page, is sent outside it and not measured). When the lib functions change name or
 * signature, this is the one file to adapt; bench/scale.ts captures whatever statements they send.
 */
import { getPlatformTotals, getRevenueByMonth } from "@/lib/admin/revenue";
import { listUserTotals } from "@/lib/admin/users";
import { findActiveViewer, type Viewer } from "@/lib/auth/queries";
import { appDay, DAY_MS } from "@/lib/dates";
import { decodeCursor } from "@/lib/orders/cursor";
import { getOrderHistory } from "@/lib/orders/queries";
import { listPastOrders } from "@/lib/owner/past-orders";
import { getOrderQueue, listOwnedRestaurants } from "@/lib/owner/queries";
import { getSalesReport } from "@/lib/owner/sales";
import { getProfileForViewer } from "@/lib/profile/queries";

import type { Subjects } from "./subjects";

export type Who = "ordinary" | "whale" | "owner" | "admin";

export type CaseContext = {
  who: Who;
  viewer: Viewer;
  subjects: Subjects;
  /** Runs `fn` with statement capture on: only what it sends is explained and timed. */
  measure: <T>(fn: () => Promise<T>) => Promise<T>;
  /** A remark printed with the row (e.g. "no second page"). */
  note: (text: string) => void;
};

/** The issue's budget for a page: the sum of its statements' median execution times must stay under `ms`. */
export type Target = { ms: number; text: string };

export type PageCase = {
  page: string;
  variant: string;
  who: Who[];
  target?: Target;
  run: (ctx: CaseContext) => Promise<unknown>;
};

const PROFILE: Target = { ms: 5, text: "< 5 ms" };
const ORDERS: Target = { ms: 10, text: "< 10 ms" };
const ADMIN_USERS: Target = { ms: 50, text: "< 50 ms" };
const SALES: Target = { ms: 10, text: "< 10 ms" };

const CUSTOMERS: Who[] = ["ordinary", "whale"];
/** The date filter: the last 90 days, today included, as the filter form sends them. */
const lastDays = (days: number) => ({
  from: appDay(new Date(Date.now() - (days - 1) * DAY_MS)),
  to: appDay(new Date()),
});
const favorite = (ctx: CaseContext) => ctx.subjects.favoriteRestaurant[ctx.who as "ordinary" | "whale"];
/** What the admin types into the users' search: a customer's email, less its domain. */
const searchTerm = (ctx: CaseContext) => ctx.subjects.ordinary.email.split("@")[0]!;

export const CASES: PageCase[] = [
  {
    page: "(every signed-in page)",
    variant: "viewer re-read",
    who: ["ordinary", "whale"],
    run: (ctx) => ctx.measure(() => findActiveViewer(ctx.viewer.userId)),
  },
  {
    page: "/profile",
    variant: "first page",
    who: CUSTOMERS,
    target: PROFILE,
    run: (ctx) => ctx.measure(() => getProfileForViewer({ viewer: ctx.viewer })),
  },
  {
    page: "/profile",
    variant: "second page (cursor)",
    who: CUSTOMERS,
    target: PROFILE,
    async run(ctx) {
      const first = await getProfileForViewer({ viewer: ctx.viewer });
      const cursor = decodeCursor(first?.nextCursor);
      if (!cursor) ctx.note("no second page: measured the first page again");
      return ctx.measure(() => getProfileForViewer({ viewer: ctx.viewer, cursor: cursor ?? undefined }));
    },
  },
  {
    page: "/orders",
    variant: "no filter",
    who: CUSTOMERS,
    target: ORDERS,
    run: (ctx) => ctx.measure(() => getOrderHistory({ viewer: ctx.viewer })),
  },
  {
    page: "/orders",
    variant: "restaurant filter",
    who: CUSTOMERS,
    target: ORDERS,
    run: (ctx) => ctx.measure(() => getOrderHistory({ viewer: ctx.viewer, restaurantId: favorite(ctx) })),
  },
  {
    page: "/orders",
    variant: "last 90 days",
    who: CUSTOMERS,
    target: ORDERS,
    run: (ctx) => ctx.measure(() => getOrderHistory({ viewer: ctx.viewer, ...lastDays(90) })),
  },
  {
    page: "/orders",
    variant: "restaurant + last 90 days",
    who: CUSTOMERS,
    target: ORDERS,
    run: (ctx) =>
      ctx.measure(() => getOrderHistory({ viewer: ctx.viewer, restaurantId: favorite(ctx), ...lastDays(90) })),
  },
  {
    page: "/orders",
    variant: "second page (cursor)",
    who: CUSTOMERS,
    target: ORDERS,
    async run(ctx) {
      const first = await getOrderHistory({ viewer: ctx.viewer });
      const cursor = decodeCursor(first?.nextCursor);
      if (!cursor) ctx.note("no second page: measured the first page again");
      return ctx.measure(() => getOrderHistory({ viewer: ctx.viewer, cursor: cursor ?? undefined }));
    },
  },
  {
    page: "/owner",
    variant: "dashboard",
    who: ["owner"],
    run: (ctx) => ctx.measure(() => listOwnedRestaurants({ viewer: ctx.viewer })),
  },
  {
    page: "/owner/[slug]/orders",
    variant: "queue (busiest)",
    who: ["owner"],
    run: (ctx) => ctx.measure(() => getOrderQueue({ viewer: ctx.viewer, slug: ctx.subjects.busiest.slug })),
  },
  {
    page: "/owner/[slug]/sales",
    variant: "sales (busiest)",
    who: ["owner"],
    target: SALES,
    run: (ctx) => ctx.measure(() => getSalesReport({ viewer: ctx.viewer, slug: ctx.subjects.busiest.slug })),
  },
  ...(
    [
      ["newest first (busiest)", () => undefined],
      ["?q=a: a letter nearly every name has", () => "a"],
      ["?q=: the ordinary customer's name", (ctx) => ctx.subjects.ordinary.displayName],
      ["?q=zzzz: a name no one has", () => "zzzz"],
    ] as const satisfies readonly (readonly [string, (ctx: CaseContext) => string | undefined])[]
  ).map(([variant, nameOf]): PageCase => ({
    page: "/owner/[slug]/past-orders",
    variant,
    who: ["owner"],
    run: (ctx) => {
      const name = nameOf(ctx);
      const search = name === undefined ? undefined : { name };
      return ctx.measure(() => listPastOrders({ viewer: ctx.viewer, slug: ctx.subjects.busiest.slug, search }));
    },
  })),
  {
    page: "/admin/users",
    variant: "by total",
    who: ["admin"],
    target: ADMIN_USERS,
    run: (ctx) => ctx.measure(() => listUserTotals({ viewer: ctx.viewer })),
  },
  {
    page: "/admin/users",
    variant: "by name",
    who: ["admin"],
    target: ADMIN_USERS,
    run: (ctx) => ctx.measure(() => listUserTotals({ viewer: ctx.viewer, sort: "name" })),
  },
  {
    page: "/admin/users",
    variant: "search, by total",
    who: ["admin"],
    target: ADMIN_USERS,
    run: (ctx) => ctx.measure(() => listUserTotals({ viewer: ctx.viewer, search: searchTerm(ctx) })),
  },
  {
    page: "/admin/users",
    variant: "search, by name",
    who: ["admin"],
    target: ADMIN_USERS,
    run: (ctx) => ctx.measure(() => listUserTotals({ viewer: ctx.viewer, sort: "name", search: searchTerm(ctx) })),
  },
  {
    page: "/admin/revenue",
    variant: "totals + by month",
    who: ["admin"],
    run: (ctx) =>
      ctx.measure(() =>
        Promise.all([getPlatformTotals({ viewer: ctx.viewer }), getRevenueByMonth({ viewer: ctx.viewer })]),
      ),
  },
];
