import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";

import { listUserTotals } from "@/lib/admin/users";
import { findActiveViewer, type Viewer } from "@/lib/auth/queries";

import { freshDatabase } from "../fixtures/db";
import { createUser } from "../fixtures/factory";
import { captureStatements, explainStatements, planNodes, postgresClientOf, tableReads } from "../fixtures/plans";

const ACCOUNTS = 20_000;

/*
 * The staff's account search (admin users; the same accountMatches serves the orders' customer filter, the audit's
 * actor and the owner picker) among as many accounts as the million-order seed has, after ANALYZE: a union of one
 * search per table, each through its trigram index. Written as one OR across the joined profiles and users it
 * could use neither index and read every account, 20,000 here. PostgreSQL only: the plan is the server's choice.
 */
describe.runIf(Boolean(process.env.DATABASE_URL))(`account search plan among ${ACCOUNTS} accounts`, () => {
  const db = freshDatabase("postgres");
  let admin: Viewer;

  beforeAll(async () => {
    // Ten first names, twelve surnames and a number: every name shares its words with thousands of others.
    await db().execute(sql`
      with named as (
        select g,
          (array['Ana','Bruno','Carla','Dmitri','Élodie','Farah','Goran','Hana','Ivo','Jun'])[1 + g % 10] || ' ' ||
          (array['Silva','Novak','Kim','Okafor','Müller','Rossi','Haddad','Tanaka','Larsen','Costa','Petrov','Nguyen'])
            [1 + (g / 10) % 12] || ' ' || g as name
        from generate_series(1, ${ACCOUNTS}) g),
      created as (
        insert into users (id, email, name, role)
        select gen_random_uuid()::text, 'user' || g || '@mail' || (g % 50) || '.example', name, 'customer' from named
        returning id, name, email)
      insert into profiles (user_id, slug, display_name)
      select id, 'account-' || split_part(email, '@', 1), name from created`);
    await postgresClientOf(db()).unsafe("vacuum analyze");
    admin = (await findActiveViewer((await createUser(db(), { role: "admin" })).user.id))!;
  });

  it.each([
    ["a name nobody has", "zzqxv", 0],
    ["a name and number few have", "novak 12", 50],
    ["an accented name typed without its accent", "elodie muller 2", 9],
  ])("%s (%s): both tables searched through their trigram indexes", async (_, q, found) => {
    for (const sort of ["total", "name"] as const) {
      const { result, queries } = await captureStatements(() => listUserTotals({ viewer: admin, sort, search: q }));
      expect(queries).toHaveLength(1);
      expect(result.rows).toHaveLength(found);
      const [explained] = await explainStatements(postgresClientOf(db()), queries);
      const nodes = [...planNodes(explained!.plan)];
      const indexes = nodes.map((n) => n["Index Name"]);
      expect(indexes).toContain("profiles_display_name_search_idx");
      expect(indexes).toContain("users_email_search_idx");
      // Each row the indexes return is re-checked against its stored folded text, not folded again (migration 0026).
      const conditions = nodes.flatMap((n) => [n["Recheck Cond"], n.Filter]).join(" ");
      expect(conditions).toContain("search_text ~~");
      expect(conditions).not.toMatch(/platter_search_text\((\w+\.)?(display_name|email)\)/);
      const reads = tableReads(explained!.plan, ["users", "profiles"]);
      expect(reads.filter((r) => r.node["Node Type"] === "Seq Scan" && r.relation === "users")).toEqual([]);
      // Accounts looked at: the matches (and the index's lossy recheck), not everyone.
      expect(reads.reduce((sum, r) => sum + r.rowsTouched, 0)).toBeLessThan(ACCOUNTS / 20);
    }
  });
});
