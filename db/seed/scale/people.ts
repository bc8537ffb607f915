/**
 * The scale seed's accounts: customers ranked by order count (customer 1 orders the most) and restaurant owners.
 * Everything a row holds is derived from the seed (user ids too), so two runs write identical rows.
 */
import type { UserRole } from "../../schema";
import { slugify } from "../../slug";
import type { Executor } from "../../types";
import { DEMO_PASSWORD_HASH } from "../accounts";
import type { Random } from "../random";
import { cast, insertColumns, int4, reserveIds, text, timestamps } from "./bulk";
import { DAY_MS } from "./calendar";

const FIRST = [
  "Ava",
  "Ben",
  "Chloé",
  "Dmitri",
  "Elena",
  "Farah",
  "Gabriel",
  "Hana",
  "Ibrahim",
  "Julia",
  "Kenji",
  "Lena",
  "Mateo",
  "Nadia",
  "Oscar",
  "Priya",
  "Quentin",
  "Rosa",
  "Samir",
  "Tova",
  "Uma",
  "Viktor",
  "Wen",
  "Ximena",
  "Yusuf",
  "Zoe",
  "Amara",
  "Bruno",
  "Carmen",
  "Diego",
  "Esther",
  "Felix",
  "Grace",
  "Hugo",
  "Ines",
  "Jonas",
  "Kai",
  "Leila",
  "Marco",
  "Noor",
];
const LAST = [
  "Nguyen",
  "Smith",
  "García",
  "Müller",
  "Rossi",
  "Kim",
  "Okafor",
  "Silva",
  "Cohen",
  "Ivanova",
  "Tanaka",
  "Dubois",
  "Novak",
  "Haddad",
  "Jensen",
  "Kowalski",
  "Lopez",
  "Patel",
  "Quinn",
  "Reyes",
  "Sato",
  "Torres",
  "Underwood",
  "Virtanen",
  "Wong",
  "Yilmaz",
  "Zhang",
  "Andersen",
  "Bianchi",
  "Costa",
];

export const customerEmail = (rank: number, width: number) =>
  `scale-customer-${String(rank).padStart(width, "0")}@platter.test`;
export const ownerEmail = (rank: number) => `scale-owner-${String(rank).padStart(3, "0")}@platter.test`;
/** Zero-padded to at least five digits; wider only past 99,999 customers. */
export const customerEmailWidth = (customers: number) => Math.max(5, String(customers).length);

/** A version-4-shaped UUID from the seeded generator: users.id is normally random, here it must repeat. */
function seededUuid(random: Random): string {
  const hex = Array.from({ length: 4 }, () =>
    Math.floor(random.next() * 2 ** 32)
      .toString(16)
      .padStart(8, "0"),
  ).join("");
  const variant = "89ab"[parseInt(hex[16]!, 16) % 4];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

type Account = { email: string; role: UserRole; slugSuffix: string; createdAt: number };

/**
 * Inserts users and their profiles (all with the demo password) and returns the profile ids in input order.
 * Profile ids are reserved first so that no RETURNING has to be matched back to its input row.
 */
async function insertAccounts(db: Executor, accounts: Account[], random: Random): Promise<number[]> {
  const userIds = accounts.map(() => seededUuid(random));
  const names = accounts.map(() => `${random.pick(FIRST)} ${random.pick(LAST)}`);
  const created = timestamps(accounts.map((a) => a.createdAt));
  await insertColumns(db, "users", {
    id: text(userIds),
    name: text(names),
    email: text(accounts.map((a) => a.email)),
    role: cast(
      "user_role",
      accounts.map((a) => a.role),
    ),
    password_hash: text(accounts.map(() => DEMO_PASSWORD_HASH)),
    created_at: created,
    updated_at: created,
  });
  const profileIds = await reserveIds(db, "profiles", accounts.length);
  await insertColumns(
    db,
    "profiles",
    {
      id: int4(profileIds),
      user_id: text(userIds),
      // The name alone repeats; the suffix (the account's rank) makes the slug unique, and apart from the demo's.
      slug: text(accounts.map((a, i) => `${slugify(names[i]!)}-${a.slugSuffix}`)),
      display_name: text(names),
      created_at: created,
      updated_at: created,
    },
    { overriding: true },
  );
  return profileIds;
}

/** Customers, biggest first: they signed up in the months before the first order of the data set. */
export function insertCustomers(db: Executor, count: number, firstOrderAt: number, random: Random) {
  const width = customerEmailWidth(count);
  const accounts = Array.from({ length: count }, (_, i): Account => ({
    email: customerEmail(i + 1, width),
    role: "customer",
    slugSuffix: String(i + 1),
    createdAt: firstOrderAt - random.int(1, 120) * DAY_MS - random.int(0, DAY_MS - 1),
  }));
  return insertAccounts(db, accounts, random);
}

/**
 * Owners, each with a run of 2 to 6 consecutive restaurants (the last may get fewer). Returns the owner of each
 * restaurant, by index, and the owners' profile ids.
 */
export async function insertOwners(db: Executor, restaurantIds: number[], openedAt: number, random: Random) {
  const ownerOf: number[] = [];
  while (ownerOf.length < restaurantIds.length) {
    const owner = ownerOf.length === 0 ? 0 : ownerOf[ownerOf.length - 1]! + 1;
    const run = Math.min(random.int(2, 6), restaurantIds.length - ownerOf.length);
    for (let k = 0; k < run; k++) ownerOf.push(owner);
  }
  const ownerCount = ownerOf[ownerOf.length - 1]! + 1;
  const accounts = Array.from({ length: ownerCount }, (_, i): Account => ({
    email: ownerEmail(i + 1),
    role: "owner",
    slugSuffix: `owner-${i + 1}`,
    // Before any of their restaurants opened (db/seed/scale/restaurants.ts: up to 90 days before openedAt).
    createdAt: openedAt - random.int(91, 150) * DAY_MS,
  }));
  const profileIds = await insertAccounts(db, accounts, random);
  await insertColumns(db, "restaurant_owners", {
    profile_id: int4(ownerOf.map((owner) => profileIds[owner]!)),
    restaurant_id: int4(restaurantIds),
    created_at: timestamps(ownerOf.map((owner) => accounts[owner]!.createdAt)),
  });
  return { ownerOf, owners: ownerCount };
}
