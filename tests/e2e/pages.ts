import type { Page } from "@playwright/test";

import type { Role } from "./fixtures";

/**
 * Every page of the app, with a concrete URL for each dynamic route and who may see it (security.spec.ts checks the
 * list against the build's manifest, so a new page must be added here). `/orders/[id]` and the kitchen ticket have no
 * fixed URL (order ids depend on the seed): `linkedUrl` reads the first one from the page that lists them.
 */
export type Viewer = "anonymous" | Role;
export const PAGES: Record<string, { viewer: Viewer; url: string }> = {
  "/": { viewer: "anonymous", url: "/" },
  "/r/[slug]": { viewer: "anonymous", url: "/r/taqueria-sol" },
  "/cart": { viewer: "anonymous", url: "/cart" },
  // With an empty cart it says so; the journey in fulfilment.spec.ts reviews a full one.
  "/cart/review": { viewer: "customer", url: "/cart/review?fulfilment=pickup&note=" },
  "/sign-in": { viewer: "anonymous", url: "/sign-in" },
  "/sign-up": { viewer: "anonymous", url: "/sign-up" },
  "/forgot-password": { viewer: "anonymous", url: "/forgot-password" },
  // Without a token the page explains what is missing (a valid link is tests/e2e/password-reset.spec.ts's).
  "/reset-password": { viewer: "anonymous", url: "/reset-password" },
  "/profile": { viewer: "customer", url: "/profile" },
  "/account": { viewer: "customer", url: "/account" },
  "/orders": { viewer: "customer", url: "/orders" },
  "/orders/[id]": { viewer: "customer", url: "" },
  "/u/[slug]": { viewer: "customer", url: "/u/carla" },
  "/owner": { viewer: "owner", url: "/owner" },
  "/owner/[slug]/menu": { viewer: "owner", url: "/owner/trattoria-luce/menu" },
  "/owner/[slug]/orders": { viewer: "owner", url: "/owner/trattoria-luce/orders" },
  "/owner/[slug]/sales": { viewer: "owner", url: "/owner/trattoria-luce/sales" },
  "/owner/[slug]/hours": { viewer: "owner", url: "/owner/trattoria-luce/hours" },
  "/owner/[slug]/past-orders": { viewer: "owner", url: "/owner/trattoria-luce/past-orders" },
  "/owner/[slug]/orders/[id]/ticket": { viewer: "owner", url: "" },
  "/admin": { viewer: "admin", url: "/admin" },
  "/admin/users": { viewer: "admin", url: "/admin/users" },
  "/admin/users/[slug]": { viewer: "admin", url: "/admin/users/dan" },
  "/admin/reconciliation": { viewer: "admin", url: "/admin/reconciliation" },
  "/admin/revenue": { viewer: "admin", url: "/admin/revenue" },
  "/admin/audit": { viewer: "admin", url: "/admin/audit" },
  "/admin/restaurants": { viewer: "admin", url: "/admin/restaurants" },
  "/admin/restaurants/new": { viewer: "admin", url: "/admin/restaurants/new" },
  "/admin/restaurants/[slug]": { viewer: "admin", url: "/admin/restaurants/trattoria-luce?user=carla" },
  "/admin/orders": { viewer: "admin", url: "/admin/orders?status=completed" },
};

export const VIEWERS = ["anonymous", "customer", "owner", "admin"] as const satisfies readonly Viewer[];

/** The URLs `viewer` visits, in order; the order page's URL is read from `firstOrderHref` when it is needed. */
export function pagesFor(viewer: Viewer): Array<{ route: string; url: string }> {
  return Object.entries(PAGES)
    .filter(([, p]) => p.viewer === viewer)
    .map(([route, { url }]) => ({ route, url }));
}

/** Where the pages without a fixed URL are linked from: the demo customer's orders, the demo owner's past orders. */
const LINKED: Record<string, { from: string; link: string }> = {
  "/orders/[id]": { from: "/orders", link: 'main a[href^="/orders/"]' },
  "/owner/[slug]/orders/[id]/ticket": { from: "/owner/trattoria-luce/past-orders", link: 'main a[href$="/ticket"]' },
};

/** The URLs of `viewer`'s pages without a fixed URL, read from the pages that link to them (with `page`). */
export async function linkedUrls(page: Page, viewer: Viewer): Promise<Record<string, string>> {
  const urls: Record<string, string> = {};
  for (const { route, url } of pagesFor(viewer)) {
    const linked = LINKED[route];
    if (url || !linked) continue;
    await page.goto(linked.from);
    urls[route] = (await page.locator(linked.link).first().getAttribute("href"))!;
  }
  return urls;
}
