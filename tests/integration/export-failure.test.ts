import { desc, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";

import { auditLog } from "@/db/schema";
import { exportFailedLine, exportOrdersCsv, exportUsersCsv } from "@/lib/admin/export";
import { findActiveViewer, type Viewer } from "@/lib/auth/queries";
import { GET as exportOrders } from "@/app/(admin)/admin/export/orders/route";
import { GET as exportUsers } from "@/app/(admin)/admin/export/users/route";

import { DRIVERS, freshDatabase } from "../fixtures/db";
import { createUser } from "../fixtures/factory";
import { signInAs } from "../fixtures/session";

vi.mock("@/lib/auth/session", async () => (await import("../fixtures/session")).sessionMock);
// The export reads the admin's time zone from its cookie (none here: UTC).
vi.mock("next/headers", async () => (await import("../fixtures/next-headers")).nextHeadersMock);

/*
 * An export is audited as done only when it is: bad parameters are a 400 before anything is recorded, a failure
 * before the first row is a 500 recorded as "export.failed", and a failure part-way ends the file with a line
 * saying so, errors the download, and turns its "export.*" entry into "export.failed".
 */
describe.each(DRIVERS)("exports that cannot finish on %s", (driver) => {
  const db = freshDatabase(driver);
  let admin: Viewer;
  const audit = () => db().select().from(auditLog).orderBy(desc(auditLog.id));

  beforeAll(async () => {
    const created = await createUser(db(), { role: "admin" });
    for (let i = 0; i < 4; i++) await createUser(db());
    admin = (await findActiveViewer(created.user.id))!;
  });

  it("answers 400 to parameters PostgreSQL would refuse, before recording anything", async () => {
    signInAs(admin);
    const before = (await audit()).length;
    for (const query of ["from=0000-01-01", "to=0000-12-31", "from=2026-01-01&from=2026-02-01", "from=2026-01-01%00"]) {
      const response = await exportOrders(new Request(`http://platter.test/admin/export/orders?${query}`));
      expect(response.status, query).toBe(400);
    }
    for (const query of ["q=a%00b", "q=%E2%80%AEevil", `q=${"x".repeat(101)}`, "q=a&q=b"]) {
      const response = await exportUsers(new Request(`http://platter.test/admin/export/users?${query}`));
      expect(response.status, query).toBe(400);
    }
    expect(await audit()).toHaveLength(before);
    // The years PostgreSQL does take are still exported.
    const ok = await exportOrders(new Request("http://platter.test/admin/export/orders?from=0001-01-01&to=9999-12-31"));
    expect(ok.status).toBe(200);
    await ok.text();
  });

  it("answers 500 and records export.failed, not an export, when the first batch cannot be read", async () => {
    // The first statement fails: the database has lost a table the export reads.
    await db().execute(sql`alter table restaurants rename to restaurants_gone`);
    let response: Response;
    try {
      response = await exportOrdersCsv({ zone: "UTC", viewer: admin, range: { from: "2026-01-01" } });
    } finally {
      await db().execute(sql`alter table restaurants_gone rename to restaurants`);
    }
    expect(response.status).toBe(500);
    expect(await response.text()).toMatch(/export failed/i);
    const [entry] = await audit();
    expect(entry).toMatchObject({
      action: "export.failed",
      details: { export: "export.orders", failed: true, rowsSent: 0 },
    });
  });

  it("ends a file that fails part-way with a line saying so, fails the download, and audits it as failed", async () => {
    const response = await exportUsersCsv({ zone: "UTC", viewer: admin, batchSize: 2 });
    expect(response.status).toBe(200);
    const [started] = await audit();
    expect(started).toMatchObject({ action: "export.users" });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    text += decoder.decode((await reader.read()).value); // header
    text += decoder.decode((await reader.read()).value); // first batch (2 rows)
    // The database loses a table the export reads, between two batches.
    await db().execute(sql`alter table customer_totals rename to customer_totals_gone`);
    let failed: unknown;
    try {
      for (let reads = 0; reads < 10; reads++) {
        const { done, value } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
      }
    } catch (error) {
      failed = error;
    } finally {
      await db().execute(sql`alter table customer_totals_gone rename to customer_totals`);
    }
    expect(failed).toBeDefined();
    expect(text.endsWith(exportFailedLine(2))).toBe(true);
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(1 + 2 + 1);
    const entries = await audit();
    expect(entries[0]).toMatchObject({
      id: started!.id,
      action: "export.failed",
      details: { export: "export.users", filter: { search: null }, failed: true, rowsSent: 2 },
    });
    expect(entries.filter((e) => e.action === "export.users")).toHaveLength(0);
  });

  it("audits a download the browser abandons part-way as stopped, not as exported", async () => {
    const response = await exportUsersCsv({ zone: "UTC", viewer: admin, batchSize: 2 });
    const [started] = await audit();
    expect(started).toMatchObject({ action: "export.users" });
    const reader = response.body!.getReader();
    await reader.read(); // header
    await reader.read(); // first batch (2 rows)
    await reader.cancel(new Error("the browser went away"));
    const [entry] = await audit();
    expect(entry).toMatchObject({
      id: started!.id,
      action: "export.failed",
      details: { export: "export.users", failed: true, cancelled: true, rowsSent: 2 },
    });
  });

  it("leaves a download read to its end audited as exported", async () => {
    const response = await exportUsersCsv({ zone: "UTC", viewer: admin, batchSize: 2 });
    const [started] = await audit();
    const text = await response.text();
    expect(text.split("\r\n").filter(Boolean).length).toBeGreaterThan(1);
    const [entry] = await audit();
    expect(entry).toMatchObject({ id: started!.id, action: "export.users" });
  });
});
