import AxeBuilder from "@axe-core/playwright";
import {
  test as base,
  expect,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
  type TestInfo,
} from "@playwright/test";

import { DEMO_PASSWORD } from "@/db/seed/accounts";

/**
 * The house fixtures for the browser tests. Import `test` and `expect` from here, never from @playwright/test:
 * - every page a test opens is checked with axe (WCAG 2.x A/AA and best practices) after each `goto`/`reload` and
 *   once more in its final state; any violation fails the test (`axeAudit`, automatic);
 * - `test.use({ signedInAs: "admin" })` starts the test's page signed in, from a session made once per worker
 *   through Auth.js's HTTP endpoints and reused as a storageState (no typing into the sign-in form, which only
 *   sign-in.spec.ts exercises);
 * - `pageAs(who)` opens another signed-in browser, `newContext()` another anonymous one, both audited and closed;
 * - `newCustomer()` signs up a fresh customer through the sign-up form's HTTP endpoint, so a test that changes a
 *   customer's data changes its own, never the demo accounts other specs read;
 * - `newRestaurant()` makes a restaurant, its owner and a menu as an admin and an owner would, for the same reason.
 */

export type Role = "customer" | "owner" | "admin";
/** The demo accounts, read-only: specs read their seeded figures but change nothing of theirs. */
export const DEMO_ACCOUNTS: Record<Role, string> = {
  customer: "carla@platter.test",
  owner: "olivia@platter.test",
  admin: "admin@platter.test",
};
export type Account = { name: string; email: string; password: string };
/** Who to sign in as: a role's demo account, or any account (a factory-made customer). */
export type Who = Role | Account;

const SESSION_COOKIE = "authjs.session-token";

function credentials(who: Who): { email: string; password: string } {
  return typeof who === "string" ? { email: DEMO_ACCOUNTS[who], password: DEMO_PASSWORD } : who;
}

/**
 * Signs in over HTTP the way the sign-in form does: a CSRF token from GET /api/auth/csrf, then the credentials
 * callback. A context's (or page's) `request` shares the browser context's cookies, so the browser is signed in too.
 */
export async function signInOverHttp(request: APIRequestContext, who: Who): Promise<void> {
  const { email, password } = credentials(who);
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const answer = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, callbackUrl: "/profile" },
    maxRedirects: 0,
  });
  expect(answer.status(), `signing in ${email}`).toBe(302);
  expect(answer.headers()["location"], `signing in ${email}`).not.toContain("error=");
  const session = (await (await request.get("/api/auth/session")).json()) as { user?: unknown } | null;
  expect(session?.user, `a session for ${email}`).toBeTruthy();
}

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;
/** One session per server and account for the whole worker; a test that signs it out gets it replaced. */
const sessions = new Map<string, Promise<StorageState>>();

async function sessionState(
  request: (storageState?: StorageState) => Promise<APIRequestContext>,
  baseURL: string,
  who: Who,
): Promise<StorageState> {
  const key = `${baseURL} ${credentials(who).email}`;
  const cached = sessions.get(key);
  if (cached) {
    const state = await cached.catch(() => undefined);
    if (state) {
      const api = await request(state);
      try {
        const session = (await (await api.get("/api/auth/session")).json()) as { user?: unknown } | null;
        if (session?.user) return state;
      } finally {
        await api.dispose();
      }
    }
  }
  const fresh = (async () => {
    const api = await request();
    try {
      await signInOverHttp(api, who);
      return await api.storageState();
    } finally {
      await api.dispose();
    }
  })();
  sessions.set(key, fresh);
  return fresh;
}

/**
 * The sign-up form's server action, posted as a browser without JavaScript posts it: the form's hidden action
 * fields (rendered by React for progressive enhancement) plus the fields a person fills. The action signs the new
 * customer in and redirects; that session is signed out again here, and callers sign in themselves.
 */
let created = 0;
export async function signUpCustomer(
  request: APIRequestContext,
  baseURL: string,
  label = "customer",
): Promise<Account> {
  const account: Account = {
    name: `Test ${label[0]!.toUpperCase()}${label.slice(1)}`,
    email: `${label}-${process.pid}-${Date.now()}-${++created}@example.test`,
    password: "a long passphrase",
  };
  const html = await (await request.get("/sign-up")).text();
  // The sign-up form itself (the one asking for a password), not another form on the page such as the header's.
  const form =
    [...html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/g)].find((f) => f[1]!.includes('name="password"'))?.[1] ?? "";
  const fields: Record<string, string> = {};
  for (const [tag] of form.matchAll(/<input\b[^>]*type="hidden"[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(tag)?.[1];
    if (name) fields[unescapeHtml(name)] = unescapeHtml(/\bvalue="([^"]*)"/.exec(tag)?.[1] ?? "");
  }
  expect(
    Object.keys(fields).some((name) => name.startsWith("$ACTION")),
    "the sign-up form's action fields",
  ).toBe(true);
  const answer = await request.post("/sign-up", {
    multipart: { ...fields, name: account.name, email: account.email, password: account.password },
    headers: { origin: new URL(baseURL).origin },
    maxRedirects: 0,
  });
  expect(answer.status(), `signing up ${account.email}: ${await answer.text().catch(() => "")}`.slice(0, 300)).toBe(
    303,
  );
  // The action signed the new account in on this request context: proof that it exists before anyone signs in.
  const session = (await (await request.get("/api/auth/session")).json()) as { user?: { name?: string } } | null;
  expect(session?.user?.name, `a session for the new ${account.email}`).toBe(account.name);
  // Signed out again, so the account starts with no open session (the sessions specs count them).
  const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const signOut = await request.post("/api/auth/signout", { form: { csrfToken }, maxRedirects: 0 });
  expect(signOut.status(), `signing ${account.email} out of the factory`).toBe(302);
  return account;
}

function unescapeHtml(text: string): string {
  return text
    .replaceAll("&quot;", '"')
    .replaceAll("&#x27;", "'")
    .replaceAll("&#39;", "'")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&amp;", "&");
}

/** Adds each item from the restaurant's page with its "Add" button, as a customer does, waiting for each answer. */
export async function addToCart(page: Page, restaurantSlug: string, items: string[]): Promise<void> {
  await page.goto(`/r/${restaurantSlug}`);
  for (const item of items) {
    await page.getByRole("button", { name: `Add ${item} to cart` }).click();
    await expect(page.getByText(`Added ${item} to your cart.`)).toBeVisible();
  }
}

/** Adds each named item of one restaurant to the page's cart and places the order from the review; returns its id. */
export async function placeOrder(page: Page, restaurantSlug: string, items: string[]): Promise<string> {
  await addToCart(page, restaurantSlug, items);
  await page.goto("/cart");
  // Pickup, as the cart preselects where it is offered; "Place order" is on the review.
  await page.getByRole("button", { name: "Review order" }).click();
  await expect(page).toHaveURL(/\/cart\/review\?/);
  await page.getByRole("button", { name: "Place order" }).click();
  await expect(page).toHaveURL(/\/orders\/\d+$/);
  return page.url().split("/").pop()!;
}

/* ---------------------------------------------------------------- accessibility ---------------------------------- */

type Violation = { url: string; id: string; impact: string; help: string; targets: string[] };

/**
 * Runs axe on the pages of the contexts it watches. After a navigation it skips a page already checked in this
 * worker for the same role and width (a check takes seconds), so that specs revisiting a page do not pay twice;
 * a page's final state is always checked, since that is where forms show their messages.
 */
class AxeAudit {
  static readonly checked = new Set<string>();
  readonly violations: Violation[] = [];
  private readonly pages = new Set<Page>();
  private readonly instrumented = new WeakSet<Page>();

  watch(context: BrowserContext): BrowserContext {
    for (const page of context.pages()) this.instrument(page);
    context.on("page", (page) => this.instrument(page));
    return context;
  }

  private instrument(page: Page) {
    this.pages.add(page);
    if (this.instrumented.has(page)) return;
    this.instrumented.add(page);
    const goto = page.goto.bind(page);
    const reload = page.reload.bind(page);
    page.goto = async (...args) => {
      const response = await goto(...args);
      await this.afterNavigation(page, response);
      return response;
    };
    page.reload = async (...args) => {
      const response = await reload(...args);
      await this.afterNavigation(page, response);
      return response;
    };
  }

  private async afterNavigation(page: Page, response: Awaited<ReturnType<Page["goto"]>>) {
    if (!response || !(response.headers()["content-type"] ?? "").includes("text/html")) return;
    const header = await page
      .locator("header")
      .first()
      .innerText({ timeout: 1_000 })
      .catch(() => "");
    // One check per page template, role (the header names it) and width: /orders/12 and /orders/34 are one page.
    const path = new URL(page.url()).pathname.replace(/\/\d+(?=\/|$)/g, "/:id");
    const key = `${new URL(page.url()).origin}${path} ${page.viewportSize()?.width ?? 0} ${header}`;
    if (AxeAudit.checked.has(key)) return;
    AxeAudit.checked.add(key);
    await this.check(page);
  }

  async check(page: Page) {
    if (page.isClosed() || !page.url().startsWith("http")) return;
    // Next.js streams a dynamic page's metadata after its body, and a server action's refresh replaces it: wait
    // for the title to be back before judging it (one that never comes is still reported, as document-title).
    await page.waitForFunction(() => document.title !== "", undefined, { timeout: 5_000 }).catch(() => undefined);
    const url = page.url();
    // Legacy mode runs axe in the page itself; the default opens a second page per check, twice as slow here.
    const results = await new AxeBuilder({ page })
      .setLegacyMode(true)
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"])
      .analyze();
    for (const v of results.violations) {
      this.violations.push({
        url,
        id: v.id,
        impact: v.impact ?? "",
        help: v.help,
        targets: v.nodes.map((node) => `${node.target.join(" ")} ${node.failureSummary ?? ""}`.trim()),
      });
    }
  }

  /** Checks each watched page still open, once; skipped when the test already failed (its state is no evidence). */
  async checkOpenPages(testInfo: TestInfo) {
    const pages = [...this.pages];
    this.pages.clear();
    if (testInfo.status !== testInfo.expectedStatus) return;
    for (const page of pages) {
      if (page.isClosed()) continue;
      await page.waitForLoadState("load").catch(() => undefined);
      await this.check(page).catch((error: unknown) => {
        // A page closing or navigating under axe is not a finding.
        if (!page.isClosed() && !String(error).includes("navigat")) throw error;
      });
    }
  }
}

/* ---------------------------------------------------------------- fixtures ---------------------------------------- */

export type Fixtures = {
  /** Who the test's own `page` is signed in as; unset: anonymous. */
  signedInAs: Who | undefined;
  axeAudit: AxeAudit;
  /** Another browser context (its own cookies), audited and closed after the test. */
  newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
  /** A page in a new browser context signed in as `who`. */
  pageAs: (who: Who, options?: BrowserContextOptions) => Promise<Page>;
  /** A fresh customer account, made through the sign-up endpoint; not signed in anywhere. */
  newCustomer: (label?: string) => Promise<Account>;
  /**
   * A fresh restaurant with one category and these items, owned by a fresh account: made as an admin and an owner
   * make one (the admin's new-restaurant form and owner search, then the owner's menu editor), for a test that
   * changes a restaurant (its hours, its switch) instead of a demo one other specs order from. It is searchable
   * like any other: give its items names no other spec searches for.
   */
  newRestaurant: (label: string, items: { name: string; price: string }[]) => Promise<NewRestaurant>;
};
export type NewRestaurant = { name: string; slug: string; owner: Account };

async function newApi(
  playwright: { request: { newContext: (o: object) => Promise<APIRequestContext> } },
  baseURL: string | undefined,
) {
  return (storageState?: StorageState) => playwright.request.newContext({ baseURL, storageState });
}

export const test = base.extend<Fixtures>({
  signedInAs: [undefined, { option: true }],

  axeAudit: [
    async ({}, provide, testInfo) => {
      const audit = new AxeAudit();
      await provide(audit);
      await audit.checkOpenPages(testInfo);
      if (audit.violations.length > 0) {
        const lines = audit.violations.map(
          (v) => `${v.url}: [${v.impact}] ${v.id}: ${v.help}\n    ${v.targets.slice(0, 5).join("\n    ")}`,
        );
        throw new Error(`axe found ${audit.violations.length} accessibility violation(s):\n${lines.join("\n")}`);
      }
    },
    { auto: true },
  ],

  storageState: async ({ signedInAs, baseURL, playwright, storageState }, provide) => {
    if (!signedInAs) return provide(storageState);
    await provide(await sessionState(await newApi(playwright, baseURL), baseURL!, signedInAs));
  },

  // The checks run before the context closes (fixtures tear down in reverse order of setup).
  context: async ({ context, axeAudit }, provide, testInfo) => {
    await provide(axeAudit.watch(context));
    await axeAudit.checkOpenPages(testInfo);
  },

  // Other contexts get the test's base URL and viewport (test.use) like its own page, unless told otherwise.
  newContext: async ({ browser, baseURL, viewport, axeAudit }, provide, testInfo) => {
    const contexts: BrowserContext[] = [];
    await provide(async (options) => {
      const context = await (browser as Browser).newContext({ baseURL, viewport, ...options });
      contexts.push(context);
      return axeAudit.watch(context);
    });
    await axeAudit.checkOpenPages(testInfo);
    for (const context of contexts) await context.close();
  },

  pageAs: async ({ newContext, baseURL, playwright }, provide) => {
    await provide(async (who, options) => {
      const storageState = await sessionState(await newApi(playwright, baseURL), baseURL!, who);
      const context = await newContext({ ...options, storageState });
      return context.newPage();
    });
  },

  newRestaurant: async ({ pageAs, newCustomer }, provide) => {
    await provide(async (label, items) => {
      const owner = await newCustomer(`${label}-owner`);
      // "Zz" first: a spec's restaurants sort after the demo's, so the home page's first page stays the demo's one
      // (specs click demo restaurants there) however many restaurants the specs have made.
      const name = `Zz ${label[0]!.toUpperCase()}${label.slice(1)} ${Date.now().toString(36)}`;
      const admin = await pageAs("admin");
      await admin.goto("/admin/restaurants/new");
      const form = admin.getByRole("form", { name: "New restaurant" });
      await form.getByLabel("Name", { exact: true }).fill(name);
      // A cuisine of its own: the home page's cuisine filter test counts the demo's restaurants per cuisine.
      await form.getByLabel("Cuisine").fill("Test kitchen");
      await form.getByLabel("Address", { exact: true }).fill("1 Test Street");
      await form.getByRole("button", { name: "Create restaurant" }).click();
      await form.getByRole("link", { name: `Manage ${name} and assign its owners` }).click();
      await expect(admin.getByRole("heading", { level: 1, name })).toBeVisible();
      const slug = new URL(admin.url()).pathname.split("/").at(-1)!;
      await admin.getByLabel("Find a user by name or email").fill(owner.email);
      await admin.getByRole("button", { name: "Find user" }).click();
      await admin.getByRole("button", { name: `Make ${owner.name} an owner` }).click();
      await expect(admin.getByTestId("owner-row")).toContainText(owner.email);
      await admin.close();

      const menu = await pageAs(owner);
      await menu.goto(`/owner/${slug}/menu`);
      const categoryForm = menu.getByRole("form", { name: "Add a category" });
      await categoryForm.getByLabel("New category").fill("Mains");
      await categoryForm.getByRole("button", { name: "Add category" }).click();
      const itemForm = menu.getByRole("form", { name: "Add an item to Mains" });
      for (const item of items) {
        await itemForm.getByLabel("Name").fill(item.name);
        await itemForm.getByLabel("Price").fill(item.price);
        await itemForm.getByRole("button", { name: "Add item" }).click();
        await expect(itemForm.getByText(`Added ${item.name}.`)).toBeVisible();
      }
      // A new restaurant is closed until its owner opens it.
      await menu.goto("/owner");
      await menu.getByRole("region", { name, exact: true }).getByText("Edit details").click();
      const details = menu.getByRole("form", { name: `Details of ${name}` });
      await details.getByLabel("Open for orders").check();
      await details.getByRole("button", { name: "Save details" }).click();
      await expect(details.getByText("Saved.")).toBeVisible();
      await menu.close();
      return { name, slug, owner };
    });
  },

  newCustomer: async ({ playwright, baseURL }, provide) => {
    await provide(async (label) => {
      // Anonymous whatever the test's `signedInAs`: the runner applies the test's storageState to new contexts too.
      const api = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
      try {
        return await signUpCustomer(api, baseURL!, label);
      } finally {
        await api.dispose();
      }
    });
  },
});

export { expect, SESSION_COOKIE };
