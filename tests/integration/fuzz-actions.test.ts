import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { customerAddresses, menuOptionChoices, menuOptionGroups } from "@/db/schema";
import { DEMO_PASSWORD } from "@/db/seed/accounts";
import * as addressActions from "@/lib/addresses/actions";
import * as adminActions from "@/lib/admin/actions";
import * as authActions from "@/lib/auth/actions";
import { findActiveViewer, type Viewer } from "@/lib/auth/queries";
import * as resetActions from "@/lib/auth/reset-actions";
import * as signOutActions from "@/lib/auth/sign-out";
import * as cartActions from "@/lib/cart/actions";
import * as favoriteActions from "@/lib/favorites/actions";
import * as orderActions from "@/lib/orders/actions";
import * as ownerActions from "@/lib/owner/actions";
import * as hoursActions from "@/lib/owner/hours-actions";
import * as menuActions from "@/lib/owner/menu-actions";

import { DRIVERS, freshDatabase } from "../fixtures/db";
import { createOrders, createOwner, createRestaurant, createUser } from "../fixtures/factory";
import { cookieJar } from "../fixtures/next-headers";
import { signInAs } from "../fixtures/session";

/*
 * Every server action is a public endpoint: anyone can POST anything to it. This calls each exported action of
 * lib/<domain>/actions.ts directly, signed in with the role it is meant for, with generated FormData (control
 * characters, lone surrogates, 10,000-character strings, bidi overrides, extreme numbers and dates, repeated and
 * missing fields, files where text belongs) and with second arguments that are not FormData at all (what a JSON,
 * text/plain or empty body decodes to). Each call must return a state or end in Next's redirect/notFound, never
 * throw; a refused call (no `ok: true`, no redirect) must leave every table's row count unchanged, audit log included,
 * and one that succeeded may only have added or removed rows in the tables its target names (`writes`).
 *
 * The auth actions are called too. Auth.js' own signIn and signOut need a real request, so they are replaced by
 * what they do with the action's input (fuzzedAuth below): the credentials check with its throttle, then a redirect.
 * A failed or throttled sign-in, password change or sign-up with a taken email is work that happened: it counts
 * against the throttle and is audited, so those targets may change the throttle and audit tables when refused, and
 * nothing else. The password reset actions (lib/auth/reset-actions.ts) are called as they are: the mail, left for
 * after the response, is dropped.
 */

vi.mock("@/lib/auth/session", async () => (await import("../fixtures/session")).sessionMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
vi.mock("next/headers", async () => (await import("../fixtures/next-headers")).nextHeadersMock);
vi.mock("@/lib/auth/config", async () => (await import("../fixtures/fuzzed-auth")).fuzzedAuth);
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: () => {},
}));

const RUNS = Number(process.env.FUZZ_RUNS ?? 500);

type Role = "admin" | "owner" | "customer" | "anyone";
type AnyAction = (state: unknown, form: unknown) => Promise<unknown>;
/**
 * `attempts`: a refused call is still a counted sign-in attempt (the throttle's rows and its audit entry).
 * `writes`: the tables a call that succeeds may add rows to or remove rows from (none when absent); every other
 * table's row count must stay as it was, so that a stray write shows even when the action reports success.
 */
type Target = { role: Role; fields: string[]; attempts?: boolean; writes?: readonly string[] };
const AUDIT = "audit_log";
const ATTEMPT_TABLES = ["sign_in_throttles", AUDIT];
const CART = ["carts", "cart_items"];
/** An order's status changed: its history and the live-update log (the rollups' rows it updates exist already). */
const STATUS_CHANGE = ["order_status_events", "order_events"];
/** The rollups' rows an order may be the first of (its day, its customer and restaurant that day; decision 0006). */
const ROLLUPS = [
  "customer_totals",
  "customer_day_totals",
  "customer_restaurant_day_totals",
  "restaurant_day_totals",
  "restaurant_item_day_totals",
  "restaurant_customers",
];

const WEEKDAY_FIELDS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/** The form fields each action reads, and who may call it. A new exported action must be added here (a test checks). */
const TARGETS: Record<string, Target> = {
  changeRoleAction: {
    role: "admin",
    fields: ["profileId", "role", "restaurantIds"],
    writes: ["restaurant_owners", AUDIT],
  },
  setDisabledAction: { role: "admin", fields: ["profileId", "disabled"], writes: [AUDIT] },
  createRestaurantAction: {
    role: "admin",
    fields: ["name", "slug", "cuisine", "address", "description", "timeZone"],
    writes: ["restaurants", AUDIT],
  },
  addOwnerAction: { role: "admin", fields: ["restaurantId", "profileId"], writes: ["restaurant_owners", AUDIT] },
  removeOwnerAction: { role: "admin", fields: ["restaurantId", "profileId"], writes: ["restaurant_owners", AUDIT] },
  addToCartAction: {
    role: "anyone",
    fields: ["menuItemId", "quantity", "choiceId", "instructions", "replace"],
    writes: CART,
  },
  setQuantityAction: { role: "anyone", fields: ["lineId", "quantity"], writes: CART },
  removeFromCartAction: { role: "anyone", fields: ["lineId"], writes: CART },
  setFavoriteAction: { role: "customer", fields: ["restaurantId", "favorite"], writes: ["favorites"] },
  checkoutAction: {
    role: "customer",
    fields: ["idempotencyKey", "expectedTotalCents", "reviewedCart", "fulfilment", "addressId", "note"],
    writes: ["orders", "order_lines", "order_line_options", ...STATUS_CHANGE, ...ROLLUPS, ...CART],
  },
  addAddressAction: { role: "customer", fields: ["label", "address", "makeDefault"], writes: ["customer_addresses"] },
  deleteAddressAction: { role: "customer", fields: ["addressId"], writes: ["customer_addresses"] },
  setDefaultAddressAction: { role: "customer", fields: ["addressId"] },
  updateAddressAction: { role: "customer", fields: ["addressId", "label", "address"] },
  cancelOrderAction: { role: "customer", fields: ["orderId"], writes: STATUS_CHANGE },
  reorderAction: { role: "customer", fields: ["orderId"], writes: CART },
  updateRestaurantAction: {
    role: "owner",
    fields: [
      "restaurantId",
      "name",
      "description",
      "cuisine",
      "address",
      "isOpen",
      "offersPickup",
      "offersDelivery",
      "deliveryFeeCents",
      "minOrderCents",
      "version",
    ],
  },
  transitionOrderAction: { role: "owner", fields: ["orderId", "from", "to", "reason"], writes: STATUS_CHANGE },
  createCategoryAction: { role: "owner", fields: ["restaurantId", "name"], writes: ["menu_categories"] },
  renameCategoryAction: { role: "owner", fields: ["categoryId", "name"] },
  moveCategoryAction: { role: "owner", fields: ["categoryId", "direction"] },
  // An empty category goes, with the items deleted from it earlier (their options, and any cart lines naming them).
  deleteCategoryAction: {
    role: "owner",
    fields: ["categoryId"],
    writes: ["menu_categories", "menu_items", "menu_option_groups", "menu_option_choices", "cart_items"],
  },
  createItemAction: {
    role: "owner",
    fields: ["categoryId", "name", "description", "price", "available"],
    writes: ["menu_items"],
  },
  updateItemAction: { role: "owner", fields: ["itemId", "name", "description", "price", "available"] },
  setItemAvailabilityAction: { role: "owner", fields: ["itemId", "available"] },
  moveItemAction: { role: "owner", fields: ["itemId", "direction"] },
  // Marked deleted, not removed: orders and carts keep naming it.
  deleteItemAction: { role: "owner", fields: ["itemId"] },
  saveHoursAction: {
    role: "owner",
    fields: ["restaurantId", "timeZone", ...WEEKDAY_FIELDS, "closedDays"],
    writes: ["restaurant_hours", "restaurant_closed_days"],
  },
  createOptionGroupAction: {
    role: "owner",
    fields: ["itemId", "name", "required", "minChoices", "maxChoices", "choices"],
    writes: ["menu_option_groups", "menu_option_choices"],
  },
  updateOptionGroupAction: {
    role: "owner",
    fields: ["groupId", "name", "required", "minChoices", "maxChoices", "choices"],
    writes: ["menu_option_choices"],
  },
  // Marked deleted, like an item.
  deleteOptionGroupAction: { role: "owner", fields: ["groupId"] },
  setChoiceAvailabilityAction: { role: "owner", fields: ["choiceId", "available"] },
  forgotPasswordAction: {
    role: "anyone",
    fields: ["email"],
    writes: ["password_reset_tokens", "password_reset_throttles"],
  },
  resetPasswordAction: {
    role: "anyone",
    fields: ["token", "password", "confirmPassword"],
    // The token is marked used and the sessions revoked (updates); the account's throttle is cleared.
    writes: ["sign_in_throttles", AUDIT],
  },
  // A sign-in that succeeds opens its session row (lib/auth/sign-in.ts).
  signInAction: {
    role: "anyone",
    fields: ["email", "password", "callbackUrl"],
    attempts: true,
    writes: ["user_sessions"],
  },
  signUpAction: {
    role: "anyone",
    fields: ["name", "email", "password", "callbackUrl"],
    attempts: true,
    writes: ["users", "profiles", "customer_totals", "user_sessions"],
  },
  changePasswordAction: {
    role: "customer",
    fields: ["currentPassword", "newPassword", "confirmPassword"],
    attempts: true,
  },
  // Sessions end by being marked revoked, not by deleting their rows: only the audit entry saying so is added.
  signOutOtherSessionsAction: { role: "customer", fields: [], writes: [AUDIT] },
  signOutEverywhereAction: { role: "customer", fields: [], writes: [AUDIT] },
  signOutAction: { role: "customer", fields: [] },
};

/** Every "use server" module under lib/, by path: the list below must name them all (a test checks). */
const ACTION_MODULES: Record<string, Record<string, unknown>> = {
  "lib/addresses/actions.ts": addressActions,
  "lib/admin/actions.ts": adminActions,
  "lib/auth/actions.ts": authActions,
  "lib/auth/reset-actions.ts": resetActions,
  "lib/auth/sign-out.ts": signOutActions,
  "lib/cart/actions.ts": cartActions,
  "lib/favorites/actions.ts": favoriteActions,
  "lib/orders/actions.ts": orderActions,
  "lib/owner/actions.ts": ownerActions,
  "lib/owner/hours-actions.ts": hoursActions,
  "lib/owner/menu-actions.ts": menuActions,
};

const ACTIONS: Record<string, AnyAction> = Object.fromEntries(
  Object.values(ACTION_MODULES).flatMap((module) =>
    Object.entries(module).filter((entry): entry is [string, AnyAction] => typeof entry[1] === "function"),
  ),
);

// ---- generated input --------------------------------------------------------------------------------------------

const NASTY = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\u0000".repeat(10),
  "\u0001",
  "\u0008",
  "\t",
  "\n",
  "\r\n",
  "\u001b[31m",
  "\u001f",
  "\u007f",
  "\u0085",
  "\u009f",
  "\u200b",
  "\u200d",
  "\u202e",
  "abc\u202Egnp.exe",
  "\u2066x\u2069",
  "\ufeff",
  "\ufffe",
  "\uffff",
  "\ud800",
  "\udfff",
  "a\ud800b",
  "\udc00\ud800",
  "🍕",
  "e\u0301",
  "-1",
  "0",
  "00",
  "1e3",
  " 12",
  "12 ",
  "1.0",
  "1,5",
  "0x10",
  "+1",
  "-0",
  "NaN",
  "Infinity",
  "-Infinity",
  "2147483647",
  "2147483648",
  "4294967296",
  "9999999999",
  "99999999999999999999",
  "1e308",
  "5e-324",
  "9007199254740993",
  "12.505",
  "12.50",
  "-12.50",
  "99999999.99",
  "1000000000",
  ".5",
  "5.",
  "0000-01-01",
  "0001-01-01",
  "9999-12-31",
  "10000-01-01",
  "2026-02-30",
  "-000001-01-01",
  "253402300800000.1",
  "8640000000000001.1",
  "true",
  "false",
  "on",
  "1",
  "up",
  "down",
  "left",
  "placed",
  "preparing",
  "ready",
  "completed",
  "cancelled",
  "admin",
  "owner",
  "customer",
  "superuser",
  "null",
  "undefined",
  "[]",
  "{}",
  '{"a":1}',
  "=1+1",
  "@SUM(A1)",
  "'; drop table users; --",
  "%00",
  "%",
  "_",
  "\\",
  "../../etc/passwd",
  "<script>alert(1)</script>",
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const control = fc
  .integer({ min: 0, max: 0x9f })
  .filter((c) => c < 0x20 || c >= 0x7f)
  .map((c) => String.fromCharCode(c));
const bidi = fc.constantFrom(
  "\u202a",
  "\u202b",
  "\u202c",
  "\u202d",
  "\u202e",
  "\u2066",
  "\u2067",
  "\u2068",
  "\u2069",
  "\u200f",
  "\u061c",
);
const sprinkled = fc
  .tuple(fc.string({ maxLength: 30 }), fc.oneof(control, loneSurrogate, bidi), fc.string({ maxLength: 30 }))
  .map(([a, b, c]) => a + b + c);

// PostgreSQL refuses NUL in text outright: the commonest way bad input turned into a 500.
const withNul = fc.tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 })).map(([a, b]) => `${a}\u0000${b}`);

const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 3, arbitrary: withNul },
  { weight: 3, arbitrary: sprinkled },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 80 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "x".repeat(10_000),
      "\u0000".repeat(10_000),
      "é".repeat(10_000),
      "🍕".repeat(5_000),
      "a".repeat(121),
      "a".repeat(2001),
    ),
  },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.bigInt()).map(String) },
  {
    weight: 1,
    arbitrary: fc
      .date({ noInvalidDate: false })
      .map((d) => (Number.isNaN(d.getTime()) ? "Invalid Date" : d.toISOString().slice(0, 10))),
  },
);

type Fixture = {
  admin: Viewer;
  owner: Viewer;
  customer: Viewer;
  ids: Record<
    | "profileId"
    | "restaurantId"
    | "categoryId"
    | "itemId"
    | "menuItemId"
    | "orderId"
    | "restaurantIds"
    | "groupId"
    | "choiceId"
    | "lineId"
    | "addressId",
    string[]
  >;
};

/** Values that pass a field's own check, so that a nasty value in another field gets past validation of the rest. */
function plausible(field: string, fixture: Fixture): fc.Arbitrary<string> {
  const ids = fixture.ids[field as keyof Fixture["ids"]];
  if (ids) return fc.constantFrom(...ids);
  // Sign-in and sign-up: addresses with no account (new ones, so that sign-up is reached), and the signed-in
  // customer's own (so that sign-in can succeed and sign-up meets a taken address).
  if (field === "email")
    return fc.oneof(
      fc.constantFrom("Carla@Example.TEST", fixture.customer.email),
      fc.integer({ min: 1, max: 2 ** 31 }).map((n) => `fuzz-${n.toString(36)}@example.test`),
    );
  // A restaurant's web address: mostly new ones (so that creating is reached), sometimes one already taken.
  if (field === "slug")
    return fc.oneof(
      fc.constantFrom("", "fuzz-place"),
      fc.integer({ min: 1, max: 2 ** 31 }).map((n) => `fuzz-${n.toString(36)}`),
    );
  // A saved address's name and text: mostly new ones (so that saving is reached), sometimes ones the book holds.
  if (field === "label" || field === "address")
    return fc.oneof(
      fc.constantFrom(...(field === "label" ? ["Home", "Work"] : ["12 Rue des Lilas"])),
      fc
        .integer({ min: 1, max: 2 ** 31 })
        .map((n) => (field === "label" ? `Place ${n.toString(36)}` : `${n} Fuzz Street`)),
    );
  const byField: Record<string, string[]> = {
    role: ["customer", "owner", "admin"],
    disabled: ["true", "false"],
    favorite: ["true", "false"],
    quantity: ["1", "2", "99"],
    replace: ["1"],
    required: ["on"],
    minChoices: ["0", "1"],
    maxChoices: ["1", "2"],
    choices: ["Regular\nLarge +2.00", "Cheese +0.75\nOlives"],
    instructions: ["", "No onions, please"],
    isOpen: ["on"],
    available: ["on"],
    direction: ["up", "down"],
    from: ["placed", "preparing", "ready"],
    to: ["preparing", "ready", "completed", "cancelled"],
    price: ["12.50", "0", "3"],
    expectedTotalCents: ["0", "500", "1000"],
    idempotencyKey: ["fuzz-key-0001", "fuzz-key-0002"],
    // A review's digest in shape, of no cart the fixture holds: checkout gets as far as comparing it.
    reviewedCart: [`${"A".repeat(43)}.${"B".repeat(43)}`, "0123456789abcdefghijklmnopqrstuvwxyz-_ABCDE"],
    // The shape of a reset token, but none that was issued: the link is refused after the format check.
    token: ["A".repeat(43), "abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMNOP_"],
    // The seeded accounts' password, and another: a password change swaps between them, a sign-in meets both.
    password: ["a long passphrase", DEMO_PASSWORD],
    confirmPassword: ["a long passphrase"],
    currentPassword: [DEMO_PASSWORD, "a long passphrase"],
    newPassword: ["a long passphrase", DEMO_PASSWORD],
    callbackUrl: ["/orders", "https://evil.example/x", "//evil.example", ""],
    fulfilment: ["pickup", "delivery"],
    note: ["", "Ring twice"],
    makeDefault: ["on"],
    offersPickup: ["on"],
    offersDelivery: ["on"],
    deliveryFeeCents: ["2.99", "0", ""],
    minOrderCents: ["10", "0", ""],
    timeZone: ["Europe/London", "UTC", "America/New_York"],
    // A details version in shape, of no save that happened: the save gets as far as finding it stale.
    version: ["2026-01-01T00:00:00.000000"],
    // Far ahead: a closed day before today is refused (lib/owner/hours-schema.ts), and these must reach the save.
    closedDays: ["", "2099-12-25", "2099-12-25, 2100-01-01"],
    ...Object.fromEntries(WEEKDAY_FIELDS.map((day) => [day, ["", "09:00-17:00", "12:00-14:00, 18:00-02:00"]])),
  };
  return fc.constantFrom(...(byField[field] ?? ["Soup", "A fine name", "Mains"]));
}

type Entry = [string, string | Blob];

function formArbitrary(fields: string[], fixture: Fixture): fc.Arbitrary<Entry[]> {
  // Ids mostly real (so that the work is reached), everything else mostly nasty.
  const isId = (field: string) => field in fixture.ids;
  const fieldValue = (field: string) =>
    fc.oneof(
      { weight: isId(field) ? 2 : 5, arbitrary: nastyString },
      { weight: isId(field) ? 5 : 2, arbitrary: plausible(field, fixture) },
      { weight: 1, arbitrary: fc.constant(new Blob(["\u0000file"], { type: "application/octet-stream" })) },
    );
  // Each field: absent, once, or repeated (an array after formToObject).
  const perField = fields.map((field) =>
    fc.oneof(
      { weight: 1, arbitrary: fc.constant<Entry[]>([]) },
      { weight: 6, arbitrary: fieldValue(field).map((v): Entry[] => [[field, v]]) },
      {
        weight: 1,
        arbitrary: fc
          .array(fieldValue(field), { minLength: 2, maxLength: 3 })
          .map((vs) => vs.map((v): Entry => [field, v])),
      },
    ),
  );
  const extra = fc.array(
    fc.tuple(
      fc.oneof(nastyString, fc.constantFrom("$ACTION_ID_x", "$ACTION_REF_1", "__proto__", "constructor")),
      nastyString,
    ),
    { maxLength: 2 },
  );
  const anything = fc.tuple(fc.tuple(...perField), extra).map(([entries, more]) => [...entries.flat(), ...more]);
  // Every field valid but one: the shape that gets a bad value furthest in (past the other fields' checks, to the SQL).
  if (fields.length === 0) return anything;
  const onePoisoned = fc
    .integer({ min: 0, max: fields.length - 1 })
    .chain((bad) =>
      fc.tuple(...fields.map((field, i) => (i === bad ? fc.oneof(nastyString, withNul) : plausible(field, fixture)))),
    )
    .map((values) => values.map((value, i): Entry => [fields[i]!, value]));
  const allPlausible = fc
    .tuple(...fields.map((field) => plausible(field, fixture)))
    .map((values) => values.map((value, i): Entry => [fields[i]!, value]));
  return fc.oneof(
    { weight: 2, arbitrary: anything },
    { weight: 2, arbitrary: onePoisoned },
    { weight: 1, arbitrary: allPlausible },
  );
}

/** What a hand-made request's body may decode to instead of FormData. */
const notAForm = fc.oneof(
  fc.constantFrom(undefined, null, "", "name=x", 0, -1, Number.NaN, true, [], {}, Symbol("x")),
  fc.string(),
  fc.jsonValue(),
  fc.dictionary(fc.string({ maxLength: 12 }), nastyString, { maxKeys: 4 }),
  fc.constant(new URLSearchParams("restaurantId=1&name=%00")),
  fc.constant(new Map([["name", "x"]])),
  fc.constant(new Blob(["x"])),
  fc.constant({ get: () => "x", entries: () => [["name", "x"]] }),
);

const input = (fields: string[], fixture: Fixture) =>
  fc.oneof(
    { weight: 5, arbitrary: formArbitrary(fields, fixture).map((entries) => ({ kind: "form" as const, entries })) },
    { weight: 1, arbitrary: notAForm.map((value) => ({ kind: "other" as const, value })) },
  );

const toForm = (entries: Entry[]) => {
  const form = new FormData();
  for (const [key, value] of entries) form.append(key, value);
  return form;
};

// ---- outcome checks ---------------------------------------------------------------------------------------------

/** postgres.js answers `execute` with an array of rows, PGlite with `{ rows }`. */
const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

const digestOf = (error: unknown) =>
  error && typeof error === "object" && "digest" in error ? String((error as { digest: unknown }).digest) : "";
const isRedirect = (error: unknown) => digestOf(error).startsWith("NEXT_REDIRECT");
const isNotFound = (error: unknown) => digestOf(error) === "NEXT_HTTP_ERROR_FALLBACK;404";

describe.each(DRIVERS)("fuzzing every server action on %s", (driver) => {
  const db = freshDatabase(driver);
  let fixture: Fixture;
  let countStatement: ReturnType<typeof sql.raw>;
  let freshOrders: () => Promise<void>;

  const viewerOf = async (userId: string) => (await findActiveViewer(userId))!;

  beforeAll(async () => {
    const { restaurant, category, items } = await createRestaurant(db(), [
      { name: "Soup", priceCents: 500 },
      { name: "Bread", priceCents: 300 },
      { name: "Tea", priceCents: 250 },
    ]);
    const other = await createRestaurant(db(), [{ name: "Taco", priceCents: 400 }]);
    const owner = await createOwner(db(), [restaurant.id]);
    const admin = await createUser(db(), { role: "admin" });
    const customer = await createUser(db());
    const victim = await createUser(db());
    // The customer's own saved address and someone else's: the latter must never be used, changed or deleted.
    const addresses = await db()
      .insert(customerAddresses)
      .values([
        { profileId: customer.profile.id, label: "Home", address: "1 Own Street", isDefault: true },
        { profileId: victim.profile.id, label: "Home", address: "2 Victim Street", isDefault: true },
      ])
      .returning({ id: customerAddresses.id });
    const line = { menuItemId: items[0]!.id, name: "Soup", unitPriceCents: 500, quantity: 2 };
    const done = await createOrders(db(), {
      customerId: customer.profile.id,
      restaurantId: restaurant.id,
      count: 2,
      lines: [line],
    });
    freshOrders = async () => {
      const placed = await createOrders(db(), {
        customerId: customer.profile.id,
        restaurantId: restaurant.id,
        count: 3,
        lines: [line],
        status: "placed",
      });
      fixture.ids.orderId = [...placed, ...done].map(String);
    };
    const menuItemIds = [...items, ...other.items].map((i) => String(i.id));
    // Options on the restaurant's first item and on the other restaurant's (a choice of another item to refuse).
    const [size, salsa] = await db()
      .insert(menuOptionGroups)
      .values([
        { menuItemId: items[0]!.id, name: "Size", required: true, minChoices: 1, maxChoices: 1 },
        { menuItemId: other.items[0]!.id, name: "Salsa", minChoices: 0, maxChoices: 2 },
      ])
      .returning({ id: menuOptionGroups.id });
    const choices = await db()
      .insert(menuOptionChoices)
      .values([
        { groupId: size!.id, name: "Regular", priceDeltaCents: 0 },
        { groupId: size!.id, name: "Large", priceDeltaCents: 200 },
        { groupId: salsa!.id, name: "Verde", priceDeltaCents: 50 },
      ])
      .returning({ id: menuOptionChoices.id });
    fixture = {
      admin: await viewerOf(admin.user.id),
      owner: await viewerOf(owner.user.id),
      customer: await viewerOf(customer.user.id),
      ids: {
        profileId: [String(victim.profile.id)],
        restaurantId: [String(restaurant.id), String(other.restaurant.id)],
        restaurantIds: [String(restaurant.id), String(other.restaurant.id)],
        categoryId: [String(category.id), String(other.category.id)],
        itemId: items.map((i) => String(i.id)),
        menuItemId: menuItemIds,
        orderId: done.map(String),
        groupId: [String(size!.id), String(salsa!.id)],
        choiceId: choices.map((c) => String(c.id)),
        // Lines come and go as the fuzz adds and removes: small ids, some of which exist at any moment.
        lineId: ["1", "2", "3"],
        addressId: addresses.map((a) => String(a.id)),
      },
    };
    // One statement counting the rows of every table, whatever tables the schema has today.
    const tables = await db().execute<{ name: string }>(
      sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    );
    const names = rowsOf<{ name: string }>(tables);
    expect(names.map((t) => t.name)).toContain("audit_log");
    countStatement = sql.raw(
      `select ${names.map((t) => `(select count(*) from "${t.name}")::text as "${t.name}"`).join(", ")}`,
    );
  });

  // Every target starts with orders still "placed": the previous targets may have cancelled or moved them all.
  beforeEach(async () => freshOrders());

  const rowCounts = async () => {
    const result = await db().execute(countStatement);
    return rowsOf<Record<string, string>>(result)[0]!;
  };

  it('fuzzes every exported action of every "use server" module (none is left out)', () => {
    const lib = path.join(process.cwd(), "lib");
    const serverModules = readdirSync(lib, { recursive: true, encoding: "utf8" })
      .filter(
        (file) => /\.tsx?$/.test(file) && /^\s*["']use server["']/.test(readFileSync(path.join(lib, file), "utf8")),
      )
      .map((file) => `lib/${file.split(path.sep).join("/")}`);
    expect(serverModules.sort()).toEqual(Object.keys(ACTION_MODULES).sort());
    expect(Object.keys(ACTIONS).sort()).toEqual(Object.keys(TARGETS).sort());
  });

  it.each(Object.entries(TARGETS))(
    "%s: a state or a redirect for any input, nothing written when refused, only its own tables when done",
    async (name, { role, fields, attempts, writes = [] }) => {
      const action = ACTIONS[name]!;
      const viewers = (): fc.Arbitrary<Viewer | null> =>
        role === "anyone" ? fc.constantFrom(fixture.customer, null) : fc.constant(fixture[role]);
      // The counts after the previous run: re-read only after a run that may have written (one statement per run).
      let counts = await rowCounts();
      // Runs that got past validation to the work itself: the fuzz must not only ever meet zod.
      let reached = 0;
      // The row counts a refusal must leave as they were: all of them, or all but a counted attempt's.
      const without = (all: Record<string, string>, tables: readonly string[]) =>
        Object.fromEntries(Object.entries(all).filter(([table]) => !tables.includes(table)));
      const unattempted = (all: Record<string, string>) => (attempts ? without(all, ATTEMPT_TABLES) : all);
      // What a call that succeeded may not have touched.
      const untouched = (all: Record<string, string>) => without(unattempted(all), writes);
      await fc.assert(
        fc.asyncProperty(
          viewers(),
          input(fields, fixture),
          fc.constantFrom<unknown>({}, undefined, null, "x", { ok: true }),
          async (viewer, arg, previous) => {
            signInAs(viewer);
            cookieJar.clear();
            const before = counts;
            let state: unknown;
            try {
              state = await action(previous, arg.kind === "form" ? toForm(arg.entries) : arg.value);
            } catch (error) {
              counts = await rowCounts();
              if (isRedirect(error)) {
                expect(untouched(counts)).toEqual(untouched(before));
                return void reached++;
              }
              if (!isNotFound(error)) throw error;
              // A 404 is a refusal: nothing written.
              expect(unattempted(counts)).toEqual(unattempted(before));
              return void reached++;
            }
            expect(state).toBeTypeOf("object");
            const { ok, message, fieldErrors } = state as { ok?: unknown; message?: unknown; fieldErrors?: unknown };
            expect(ok === undefined || typeof ok === "boolean").toBe(true);
            expect(message === undefined || typeof message === "string").toBe(true);
            expect(fieldErrors === undefined || typeof fieldErrors === "object").toBe(true);
            // An action that reads no form (sign-out) has nothing to refuse in a body that is not one.
            if (arg.kind === "other" && fields.length > 0)
              expect(state).toEqual({ message: "This form could not be read. Reload the page and try again." });
            counts = await rowCounts();
            if (ok !== true) expect(unattempted(counts)).toEqual(unattempted(before));
            else expect(untouched(counts)).toEqual(untouched(before));
            if (!fieldErrors && arg.kind === "form") reached++;
          },
        ),
        { numRuns: RUNS },
      );
      expect(reached).toBeGreaterThan(RUNS / 50);
    },
  );
});
