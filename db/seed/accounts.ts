import type { UserRole } from "../schema";

export const DEMO_PASSWORD = "platter-demo";
// argon2id (m=19456, t=2, p=1) of DEMO_PASSWORD, precomputed so that seeding is fast and needs no lib/ code.
// tests/integration/auth.test.ts proves that it verifies.
export const DEMO_PASSWORD_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$G/4s4k4QYNyqDod0UOZDFw$v9Ot25sqdbliObR0Ylt00gG+aYx9OwC0ebYzJ0tqlOw";

export type DemoAccount = { email: string; name: string; slug: string; role: UserRole; owns?: string[] };

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: "admin@platter.test", name: "Ada Admin", slug: "ada-admin", role: "admin" },
  {
    email: "olivia@platter.test",
    name: "Olivia Owner",
    slug: "olivia-owner",
    role: "owner",
    owns: ["trattoria-luce", "sakura-house", "le-petit-four"],
  },
  {
    email: "omar@platter.test",
    name: "Omar Owner",
    slug: "omar-owner",
    role: "owner",
    owns: ["taqueria-sol", "spice-route", "green-bowl"],
  },
  { email: "carla@platter.test", name: "Carla Customer", slug: "carla", role: "customer" },
  { email: "dan@platter.test", name: "Dan Diner", slug: "dan", role: "customer" },
  { email: "eve@platter.test", name: "Eve Eater", slug: "eve", role: "customer" },
  { email: "frank@platter.test", name: "Frank Foodie", slug: "frank", role: "customer" },
  { email: "grace@platter.test", name: "Grace Gourmet", slug: "grace", role: "customer" },
];

export const HEAVY_ACCOUNT: DemoAccount = {
  email: "heavy@platter.test",
  name: "Hank Heavy",
  slug: "hank-heavy",
  role: "customer",
};

export function printDemoAccounts(log: (line: string) => void = console.log) {
  log("");
  log("  Platter demo accounts (password for all: " + DEMO_PASSWORD + ")");
  for (const account of DEMO_ACCOUNTS) log(`    ${account.role.padEnd(9)} ${account.email}`);
  log("");
}
