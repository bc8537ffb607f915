import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { countQueries } from "@/db/query-stats";
import { customerAddresses, favorites, menuItems, userSessions } from "@/db/schema";
import { EXPORT_BATCH } from "@/lib/admin/export";
import { findActiveViewer, type Viewer } from "@/lib/auth/queries";
import { addToCart } from "@/lib/cart/queries";
import AccountPage from "@/app/(account)/account/page";
import OrderPage from "@/app/(account)/orders/[id]/page";
import OrdersPage from "@/app/(account)/orders/page";
import ProfilePage from "@/app/(account)/profile/page";
import UserProfilePage from "@/app/(account)/u/[slug]/page";
import AuditPage from "@/app/(admin)/admin/audit/page";
import { GET as exportOrders } from "@/app/(admin)/admin/export/orders/route";
import { GET as exportUsers } from "@/app/(admin)/admin/export/users/route";
import AdminOrdersPage from "@/app/(admin)/admin/orders/page";
import AdminPage from "@/app/(admin)/admin/page";
import ReconciliationPage from "@/app/(admin)/admin/reconciliation/page";
import AdminRestaurantPage from "@/app/(admin)/admin/restaurants/[slug]/page";
import NewRestaurantPage from "@/app/(admin)/admin/restaurants/new/page";
import AdminRestaurantsPage from "@/app/(admin)/admin/restaurants/page";
import RevenuePage from "@/app/(admin)/admin/revenue/page";
import ManageUserPage from "@/app/(admin)/admin/users/[slug]/page";
import AdminUsersPage from "@/app/(admin)/admin/users/page";
import ForgotPasswordPage from "@/app/(auth)/forgot-password/page";
import ResetPasswordPage from "@/app/(auth)/reset-password/page";
import SignInPage from "@/app/(auth)/sign-in/page";
import SignUpPage from "@/app/(auth)/sign-up/page";
import OwnerHoursPage from "@/app/(owner)/owner/[slug]/hours/page";
import OwnerMenuPage from "@/app/(owner)/owner/[slug]/menu/page";
import KitchenTicketPage from "@/app/(owner)/owner/[slug]/orders/[id]/ticket/page";
import OwnerOrdersPage from "@/app/(owner)/owner/[slug]/orders/page";
import PastOrdersPage from "@/app/(owner)/owner/[slug]/past-orders/page";
import OwnerSalesPage from "@/app/(owner)/owner/[slug]/sales/page";
import OwnerDashboardPage from "@/app/(owner)/owner/page";
import CartPage from "@/app/(shop)/cart/page";
import ReviewPage from "@/app/(shop)/cart/review/page";
import RestaurantPage from "@/app/(shop)/r/[slug]/page";
import { GET as health } from "@/app/api/health/route";
import NotFound from "@/app/not-found";
import HomePage from "@/app/page";

import { DRIVERS, freshDatabase } from "../fixtures/db";
import { createOrders, createOwner, createRestaurant, createUser } from "../fixtures/factory";
import { cookieJar } from "../fixtures/next-headers";

/**
 * The session as a real request has it: the signed-in user's one statement (React's cache shares it between the
 * layout, the page and its data loaders), sent the first time anything asks for the viewer, and never again in the
 * same request. `request()` starts a new request.
 */
const session = vi.hoisted(() => ({
  userId: null as string | null,
  viewer: undefined as Promise<unknown> | undefined,
}));
vi.mock("@/lib/auth/session", async () => {
  const { findActiveViewer } = await import("@/lib/auth/queries");
  const { notFound, redirect } = await import("next/navigation");
  const getViewer = () =>
    (session.viewer ??= session.userId
      ? findActiveViewer(session.userId)
      : Promise.resolve(null)) as Promise<Viewer | null>;
  const requireUser = async () => (await getViewer()) ?? redirect("/sign-in");
  return {
    getViewer,
    requireUser,
    requireRole: async (roles: readonly string[]) => {
      const viewer = await requireUser();
      if (!roles.includes(viewer.role)) notFound();
      return viewer;
    },
  };
});
vi.mock("next/headers", async () => (await import("../fixtures/next-headers")).nextHeadersMock);

/**
 * Every page as Next.js calls it, counted whole (the session check included), once on a small database and again
 * after the data grew where it can grow: a whale customer with thousands of orders, dozens of favorites, a full
 * address book and more open sessions than the account page lists; the busiest restaurant with a big menu and
 * those thousands of orders; more restaurants, users and owners. The house rule: the count never moves. Other
 * files pin the data functions; this one pins what the pages add around them (a second loader, a metadata read).
 */
describe.each(DRIVERS)("every page's statement budget on %s", (driver) => {
  const db = freshDatabase(driver);
  const LINES = [
    { menuItemId: null, name: "Soup", unitPriceCents: 250, quantity: 2 },
    { menuItemId: null, name: "Bread", unitPriceCents: 100, quantity: 1 },
  ];
  const menu = (n: number, from = 0) =>
    Array.from({ length: n }, (_, i) => ({ name: `Dish ${from + i + 1}`, priceCents: 100 + i }));

  let admin: Viewer;
  let whale: { userId: string; profileId: number; slug: string };
  let owner: { userId: string };
  let restaurant: { id: number; slug: string };
  let orderId: number;
  let categoryId: number;

  const params = (p: Record<string, string>) => Promise.resolve(p);
  const none = () => Promise.resolve({});
  type Page = { who: () => string | null; render: () => Promise<unknown> };

  const pages: Record<string, Page> = {
    "/": { who: () => whale.userId, render: () => HomePage({ searchParams: none() } as never) },
    "/r/[slug]": {
      who: () => whale.userId,
      render: () => RestaurantPage({ params: params({ slug: restaurant.slug }) } as never),
    },
    "/cart": { who: () => whale.userId, render: () => CartPage({ searchParams: none() } as never) },
    "/cart/review": {
      who: () => whale.userId,
      render: () => ReviewPage({ searchParams: params({ fulfilment: "pickup" }) } as never),
    },
    "/orders": { who: () => whale.userId, render: () => OrdersPage({ searchParams: none() } as never) },
    "/orders/[id]": {
      who: () => whale.userId,
      render: () => OrderPage({ params: params({ id: String(orderId) }) } as never),
    },
    "/profile": { who: () => whale.userId, render: () => ProfilePage({ searchParams: none() } as never) },
    "/u/[slug]": {
      who: () => admin.userId,
      render: () => UserProfilePage({ params: params({ slug: whale.slug }), searchParams: none() } as never),
    },
    "/account": { who: () => whale.userId, render: () => AccountPage({ searchParams: none() } as never) },
    "/sign-in": { who: () => null, render: () => SignInPage({ searchParams: none() } as never) },
    "/sign-up": { who: () => null, render: () => SignUpPage({ searchParams: none() } as never) },
    "/forgot-password": { who: () => null, render: async () => ForgotPasswordPage() },
    "/reset-password": {
      who: () => null,
      render: () => ResetPasswordPage({ searchParams: params({ token: "A".repeat(43) }) } as never),
    },
    "not-found": { who: () => whale.userId, render: async () => NotFound() },
    "/owner": { who: () => owner.userId, render: () => OwnerDashboardPage() },
    "/owner/[slug]/menu": {
      who: () => owner.userId,
      render: () => OwnerMenuPage({ params: params({ slug: restaurant.slug }) } as never),
    },
    "/owner/[slug]/orders": {
      who: () => owner.userId,
      render: () => OwnerOrdersPage({ params: params({ slug: restaurant.slug }) } as never),
    },
    "/owner/[slug]/orders/[id]/ticket": {
      who: () => owner.userId,
      render: () => KitchenTicketPage({ params: params({ slug: restaurant.slug, id: String(orderId) }) } as never),
    },
    "/owner/[slug]/past-orders": {
      who: () => owner.userId,
      render: () => PastOrdersPage({ params: params({ slug: restaurant.slug }), searchParams: none() } as never),
    },
    "/owner/[slug]/sales": {
      who: () => owner.userId,
      render: () => OwnerSalesPage({ params: params({ slug: restaurant.slug }), searchParams: none() } as never),
    },
    "/owner/[slug]/hours": {
      who: () => owner.userId,
      render: () => OwnerHoursPage({ params: params({ slug: restaurant.slug }) } as never),
    },
    "/admin": { who: () => admin.userId, render: () => AdminPage() },
    "/admin/users": { who: () => admin.userId, render: () => AdminUsersPage({ searchParams: none() } as never) },
    "/admin/users/[slug]": {
      who: () => admin.userId,
      render: () => ManageUserPage({ params: params({ slug: whale.slug }) } as never),
    },
    "/admin/restaurants": {
      who: () => admin.userId,
      render: () => AdminRestaurantsPage({ searchParams: none() } as never),
    },
    "/admin/restaurants/new": { who: () => admin.userId, render: () => NewRestaurantPage() },
    "/admin/restaurants/[slug]": {
      who: () => admin.userId,
      render: () =>
        AdminRestaurantPage({
          params: params({ slug: restaurant.slug }),
          searchParams: params({ user: "user" }),
        } as never),
    },
    "/admin/orders": {
      who: () => admin.userId,
      render: () => AdminOrdersPage({ searchParams: params({ customer: whale.slug }) } as never),
    },
    "/admin/audit": { who: () => admin.userId, render: () => AuditPage({ searchParams: none() } as never) },
    "/admin/revenue": { who: () => admin.userId, render: () => RevenuePage({ searchParams: none() } as never) },
    "/admin/reconciliation": { who: () => admin.userId, render: () => ReconciliationPage() },
    // Route handlers, their bodies read to the end. An export reads its rows in keyset batches of EXPORT_BATCH:
    // measured here less its batches after the first (see `batchesAfterTheFirst`).
    "GET /admin/export/orders": {
      who: () => admin.userId,
      render: async () => (await exportOrders(new Request("http://localhost:3000/admin/export/orders"))).text(),
    },
    "GET /admin/export/users": {
      who: () => admin.userId,
      render: async () => (await exportUsers(new Request("http://localhost:3000/admin/export/users"))).text(),
    },
    "GET /api/health": { who: () => null, render: async () => health().text() },
  };

  /** The budget of each page: DESIGN.md's (2 for a customer's pages, 3 for owners' and admins'), or less. */
  const BUDGET: Record<string, number> = {
    "/": 2,
    "/r/[slug]": 2,
    "/cart": 3,
    "/cart/review": 2,
    "/orders": 2,
    "/orders/[id]": 2,
    "/profile": 2,
    "/u/[slug]": 2,
    "/account": 3,
    "/sign-in": 0,
    "/sign-up": 0,
    "/forgot-password": 0,
    "/reset-password": 1,
    "not-found": 0,
    "/owner": 2,
    "/owner/[slug]/menu": 2,
    "/owner/[slug]/orders": 2,
    "/owner/[slug]/orders/[id]/ticket": 2,
    "/owner/[slug]/past-orders": 2,
    "/owner/[slug]/sales": 2,
    "/owner/[slug]/hours": 2,
    "/admin": 2,
    "/admin/users": 2,
    "/admin/users/[slug]": 3,
    "/admin/restaurants": 2,
    "/admin/restaurants/new": 1,
    "/admin/restaurants/[slug]": 3,
    "/admin/orders": 3,
    "/admin/audit": 2,
    "/admin/revenue": 3,
    "/admin/reconciliation": 3,
    // The session, the first batch, the audit entry.
    "GET /admin/export/orders": 3,
    "GET /admin/export/users": 3,
    "GET /api/health": 0,
  };

  /** Each page's count, in one request each, as the viewer the page is for. */
  async function measureAll() {
    const counts: Record<string, number> = {};
    for (const [path, page] of Object.entries(pages)) {
      session.userId = page.who();
      session.viewer = undefined;
      const { result, count } = await countQueries(page.render);
      counts[path] = count - (path.includes("/export/") ? batchesAfterTheFirst(result as string) : 0);
    }
    return counts;
  }

  /** A CSV's statements past its first batch: one per EXPORT_BATCH rows (a full last batch asks once more). */
  const batchesAfterTheFirst = (csv: string) =>
    Math.floor((csv.split("\r\n").filter(Boolean).length - 1) / EXPORT_BATCH);

  const viewerOf = async (userId: string) => (await findActiveViewer(userId))!;

  beforeEach(() => {
    cookieJar.clear();
  });

  beforeAll(async () => {
    const a = await createUser(db(), { role: "admin" });
    admin = await viewerOf(a.user.id);
    const made = await createRestaurant(db(), menu(2));
    restaurant = made.restaurant;
    categoryId = made.category.id;
    owner = { userId: (await createOwner(db(), [restaurant.id])).user.id };
    const w = await createUser(db());
    whale = { userId: w.user.id, profileId: w.profile.id, slug: w.profile.slug };
    const [first] = await createOrders(db(), {
      customerId: whale.profileId,
      restaurantId: restaurant.id,
      count: 2,
      lines: LINES,
      status: "placed",
    });
    orderId = first!;
    await db().insert(favorites).values({ profileId: whale.profileId, restaurantId: restaurant.id });
    await addToCart({ holder: { profileId: whale.profileId }, menuItemId: made.items[0]!.id, quantity: 1 });
  });

  it("the same count for every page on a small database and after a whale's history and the busiest restaurant", async () => {
    const small = await measureAll();

    // The whale: 3,000 more orders (a few hundred still open, in the busiest restaurant's queue), 40 favorites,
    // a full address book, 60 open sessions; the busiest restaurant: 150 more dishes; 40 more restaurants, each
    // with its own owner, and as many customers with an order each.
    await createOrders(db(), {
      customerId: whale.profileId,
      restaurantId: restaurant.id,
      count: 2_700,
      lines: LINES,
    });
    await createOrders(db(), {
      customerId: whale.profileId,
      restaurantId: restaurant.id,
      count: 300,
      lines: LINES,
      status: "placed",
    });
    const dishes = await db()
      .insert(menuItems)
      .values(menu(150, 2).map((d, position) => ({ ...d, position, restaurantId: restaurant.id, categoryId })))
      .returning({ id: menuItems.id });
    for (const dish of dishes.slice(0, 30))
      await addToCart({ holder: { profileId: whale.profileId }, menuItemId: dish.id, quantity: 1 });
    for (let i = 0; i < 40; i++) {
      const { restaurant: r } = await createRestaurant(db());
      await createOwner(db(), [r.id]);
      await db().insert(favorites).values({ profileId: whale.profileId, restaurantId: r.id });
      const { profile } = await createUser(db());
      await createOrders(db(), { customerId: profile.id, restaurantId: r.id, count: 1, lines: LINES });
    }
    await db()
      .insert(customerAddresses)
      .values(
        Array.from({ length: 9 }, (_, i) => ({
          profileId: whale.profileId,
          label: `Home ${i + 1}`,
          address: `${i + 1} Long Road`,
        })),
      );
    await db()
      .insert(userSessions)
      .values(Array.from({ length: 60 }, () => ({ id: crypto.randomUUID(), userId: whale.userId })));
    const large = await measureAll();

    expect(large).toEqual(small);
    expect(small).toEqual(BUDGET);
  });
});
