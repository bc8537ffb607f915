import type { ReactNode } from "react";

import { requireAdmin } from "@/lib/admin/page-guard";
import { AdminNav } from "@/components/admin/admin-nav";

// The layout checks too, so that a non-admin's 404 never shows the admin navigation; each page still checks for
// itself (layouts are not re-run on every navigation). Both share the request's one session statement.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireAdmin();
  return (
    <>
      <AdminNav />
      {children}
    </>
  );
}
