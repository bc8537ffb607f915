import { revalidatePath } from "next/cache";
import { describe, expect, it, vi } from "vitest";

import { countQueries } from "@/db/query-stats";
import { findActiveViewer } from "@/lib/auth/queries";
import { findSessionViewer } from "@/lib/auth/sessions";
import { removeFromCartAction, setQuantityAction } from "@/lib/cart/actions";
import { anonymousCartItemCount } from "@/lib/cart/count";
import { addToCart, getCart } from "@/lib/cart/queries";
import { getOrderHistory } from "@/lib/orders/queries";
import { HistoryFilters } from "@/components/orders/history-filters";
import { OrderList, type OrderListRow } from "@/components/orders/order-list";
import { ProfileView } from "@/components/profile/profile-view";
import { FilterErrorsAlert } from "@/components/ui/filter-errors-alert";
import { PageLinks } from "@/components/ui/page-links";
import OrdersPage from "@/app/(account)/orders/page";
import UserProfilePage from "@/app/(account)/u/[slug]/page";

import { DRIVERS, freshDatabase } from "../fixtures/db";
import { createOrders, createRestaurant, createUser } from "../fixtures/factory";
import { openSession } from "../fixtures/open-session";
import { elementsOf } from "../fixtures/page-tree";
import { signInAs, submit } from "../fixtures/session";

vi.mock("@/lib/auth/session", async () => (await import("../fixtures/session")).sessionMock);
vi.mock("next/headers", async () => (await import("../fixtures/next-headers")).nextHeadersMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

/** The rough edges a new customer hit (issue 11): cart quantities, history counts, the header's cart count. */
describe.each(DRIVERS)("customer details on %s", (driver) => {
  const db = freshDatabase(driver);

  it("refuses a quantity of 0 or 1.5 with a sentence, replacing the last success, and keeps the cart", async () => {
    const { user, profile } = await createUser(db());
    const { items } = await createRestaurant(db());
    const holder = { profileId: profile.id };
    await addToCart({ holder, menuItemId: items[0]!.id, quantity: 1 });
    signInAs(await findActiveViewer(user.id));
    const lineId = (await getCart({ holder }))!.lines[0]!.lineId;

    const updated = await submit(setQuantityAction, { lineId, quantity: 2 });
    expect(updated).toMatchObject({ ok: true, message: "Quantity updated." });
    const zero = await submit(setQuantityAction, { lineId, quantity: 0 }, updated);
    expect(zero.ok).toBeFalsy();
    expect(zero.fieldErrors?.quantity).toEqual(["Enter a quantity from 1 to 99."]);
    const half = await submit(setQuantityAction, { lineId, quantity: "1.5" }, zero);
    expect(half.fieldErrors?.quantity).toEqual(["Enter a whole quantity from 1 to 99."]);
    // What Number() reads as a number but nobody writes as a quantity.
    for (const quantity of ["1e1", "0x10", "+5", "5 5", "Infinity"]) {
      const odd = await submit(setQuantityAction, { lineId, quantity }, half);
      expect(odd.fieldErrors?.quantity, quantity).toEqual(["Enter a quantity from 1 to 99."]);
    }
    expect((await submit(setQuantityAction, { lineId, quantity: " 3 " }, half)).ok).toBe(true);
    await submit(setQuantityAction, { lineId, quantity: "2" }, half);
    expect((await getCart({ holder }))?.lines.map((l) => l.quantity)).toEqual([2]);
    signInAs(null);
  });

  it("says a line changed in another tab is gone, and draws the stale cart page again", async () => {
    const { user, profile } = await createUser(db());
    const { items } = await createRestaurant(db(), [
      { name: "Soup", priceCents: 500 },
      { name: "Bread", priceCents: 200 },
    ]);
    const holder = { profileId: profile.id };
    for (const item of items) await addToCart({ holder, menuItemId: item.id, quantity: 1 });
    signInAs(await findActiveViewer(user.id));
    const [soup, bread] = (await getCart({ holder }))!.lines;
    // Another tab removes the soup; this one still shows it.
    expect(await submit(removeFromCartAction, { lineId: soup!.lineId })).toMatchObject({ ok: true });
    vi.mocked(revalidatePath).mockClear();
    const gone = {
      ok: false,
      gone: true,
      message:
        "This item is no longer in your cart: it was changed in another tab or window. Your cart is shown as it is now.",
    };
    expect(await submit(setQuantityAction, { lineId: soup!.lineId, quantity: 3 })).toEqual(gone);
    expect(await submit(removeFromCartAction, { lineId: soup!.lineId })).toEqual(gone);
    // Before, a refusal left the page as it was: the soup still listed, and counted in the subtotal.
    expect(revalidatePath).toHaveBeenCalledTimes(2);
    // The bread's line is untouched.
    expect((await getCart({ holder }))?.lines.map((l) => [l.lineId, l.quantity])).toEqual([[bread!.lineId, 1]]);
    signInAs(null);
  });

  it("the history says how many orders it lists, how many count and how many were cancelled", async () => {
    const { user, profile } = await createUser(db());
    const { restaurant } = await createRestaurant(db());
    const line = [{ menuItemId: null, name: "Dish", unitPriceCents: 1000, quantity: 1 }];
    await createOrders(db(), { customerId: profile.id, restaurantId: restaurant.id, count: 48, lines: line });
    await createOrders(db(), {
      customerId: profile.id,
      restaurantId: restaurant.id,
      count: 7,
      lines: line,
      status: "cancelled",
    });
    const viewer = (await findActiveViewer(user.id))!;
    const all = await getOrderHistory({ viewer });
    expect([all?.matchingCount, all?.cancelledCount, all?.matchingTotalCents]).toEqual([48, 7, 48_000]);
    // Under a filter the day rollups know only the orders that count; the page words it that way.
    const filtered = await getOrderHistory({ viewer, restaurantId: restaurant.id });
    expect([filtered?.matchingCount, filtered?.cancelledCount]).toEqual([48, null]);
  });

  it("a history filter with a mistake lists nothing and asks for a correction; a valid one pages to older orders", async () => {
    const { user, profile } = await createUser(db());
    const a = await createRestaurant(db());
    const b = await createRestaurant(db());
    const line = [{ menuItemId: null, name: "Dish", unitPriceCents: 1000, quantity: 1 }];
    await createOrders(db(), { customerId: profile.id, restaurantId: a.restaurant.id, count: 5, lines: line });
    await createOrders(db(), { customerId: profile.id, restaurantId: b.restaurant.id, count: 30, lines: line });
    signInAs((await findActiveViewer(user.id))!);
    const render = (params: Record<string, string>) =>
      OrdersPage({ searchParams: Promise.resolve(params) } as Parameters<typeof OrdersPage>[0]);
    const listed = (page: Awaited<ReturnType<typeof render>>) =>
      [...elementsOf(page)].filter((e) => e.type === OrderList).flatMap((e) => e.props.rows as OrderListRow[]);
    const olderHref = (page: Awaited<ReturnType<typeof render>>) =>
      ([...elementsOf(page)].find((e) => e.type === PageLinks)?.props.next as { href: string } | undefined)?.href;
    const alerted = (page: Awaited<ReturnType<typeof render>>) =>
      [...elementsOf(page)].some((e) => e.type === FilterErrorsAlert);

    // Restaurant B chosen, the start date mistyped. Before, every restaurant was listed and totalled under the form
    // showing B, and "Older orders" kept the mistake, which dropped its cursor: the first page again, for ever.
    const mistaken: Record<string, string>[] = [
      { restaurant: String(b.restaurant.id), from: "2026-02-30" },
      { restaurant: String(b.restaurant.id), from: "2026-11-01", to: "2026-10-01" },
    ];
    for (const params of mistaken) {
      const page = await render(params);
      expect([listed(page), olderHref(page), alerted(page)]).toEqual([[], undefined, true]);
    }

    // A restaurant that exists but that this customer never ordered from (an edited link): the select has no such
    // choice and showed "All restaurants" above an empty list; it is a mistake said under the select, like "zzz".
    const never = await createRestaurant(db());
    const elsewhere = await render({ restaurant: String(never.restaurant.id) });
    const restaurantErrors = (page: Awaited<ReturnType<typeof render>>) =>
      ([...elementsOf(page)].find((e) => e.type === HistoryFilters)?.props.errors as Record<string, string[]>)
        .restaurant;
    expect([listed(elsewhere), olderHref(elsewhere), alerted(elsewhere), restaurantErrors(elsewhere)]).toEqual([
      [],
      undefined,
      true,
      ["Choose a restaurant from the list."],
    ]);

    const first = await render({ restaurant: String(b.restaurant.id) });
    expect(alerted(first)).toBe(false);
    expect(new Set(listed(first).map((o) => o.title))).toEqual(
      new Set(listed(first).map((o) => `Order #${o.id} · ${b.restaurant.name}`)),
    );
    const second = await render(Object.fromEntries(new URL(olderHref(first)!, "http://platter.test").searchParams));
    const firstIds = listed(first).map((o) => o.id);
    expect(listed(second).filter((o) => firstIds.includes(o.id))).toEqual([]);
    expect(listed(first).length + listed(second).length).toBe(30);
  });

  it("one's own profile at its public address has /profile's links; an admin on someone else's does not", async () => {
    const customer = await createUser(db());
    const admin = await createUser(db(), { role: "admin" });
    const render = async (slug: string) => {
      const page = await UserProfilePage({
        params: Promise.resolve({ slug }),
        searchParams: Promise.resolve({}),
      } as Parameters<typeof UserProfilePage>[0]);
      return [...elementsOf(page)].find((e) => e.type === ProfileView)?.props.own;
    };
    signInAs((await findActiveViewer(customer.user.id))!);
    expect(await render(customer.profile.slug)).toBe(true);
    signInAs((await findActiveViewer(admin.user.id))!);
    expect(await render(customer.profile.slug)).toBe(false);
  });

  it("the header's cart count comes with the session's one statement; anonymous carts cost one", async () => {
    const { user, profile } = await createUser(db());
    const { items } = await createRestaurant(db(), [
      { name: "Soup", priceCents: 500 },
      { name: "Bread", priceCents: 200 },
    ]);
    const sessionId = await openSession(user.id);
    const empty = await countQueries(() => findSessionViewer({ userId: user.id, sessionId }));
    expect([empty.count, empty.result?.cartItemCount]).toEqual([1, 0]);

    await addToCart({ holder: { profileId: profile.id }, menuItemId: items[0]!.id, quantity: 2 });
    await addToCart({ holder: { profileId: profile.id }, menuItemId: items[1]!.id, quantity: 3 });
    const full = await countQueries(() => findSessionViewer({ userId: user.id, sessionId }));
    expect([full.count, full.result?.cartItemCount]).toEqual([1, 5]);

    const anonymousId = crypto.randomUUID();
    await addToCart({ holder: { anonymousId }, menuItemId: items[0]!.id, quantity: 4 });
    const anonymous = await countQueries(() => anonymousCartItemCount(anonymousId));
    expect([anonymous.count, anonymous.result]).toEqual([1, 4]);
    expect(await anonymousCartItemCount(crypto.randomUUID())).toBe(0);
  });
});
