import Link from "next/link";

import type { AuditEntryView } from "@/lib/admin/audit";
import { describeAuditEntry } from "@/lib/admin/audit-text";
import { LocalTime } from "@/components/ui/local-time";

import { AdminTable } from "./admin-table";

const person = (p: { slug: string; displayName: string; email: string } | null, nobody: string) =>
  p ? (
    <>
      <Link href={`/u/${p.slug}`} className="text-brand-700 underline">
        {p.displayName}
      </Link>
      <span className="block text-xs text-stone-600">{p.email}</span>
    </>
  ) : (
    <span className="text-stone-600">{nobody}</span>
  );

export function AuditTable({ entries }: { entries: AuditEntryView[] }) {
  if (entries.length === 0)
    return (
      <p className="rounded-xl bg-white p-5 text-sm text-stone-600 shadow-sm ring-1 ring-stone-200">
        Nothing recorded matches.
      </p>
    );
  return (
    <AdminTable label="Audit log" columns={["When", "Who", "What", "User", "Details"]}>
      {entries.map((e) => {
        const text = describeAuditEntry(e);
        return (
          <tr key={e.id} data-testid="audit-entry" data-action={e.action} className="align-top">
            <td className="px-4 py-2 whitespace-nowrap">
              <LocalTime date={e.createdAt} />
            </td>
            <td className="px-4 py-2">{person(e.actor, "the system")}</td>
            <td className="px-4 py-2">
              <span className="font-medium">{text.label}</span>
              <span className="block text-stone-700">{text.sentence}</span>
            </td>
            <td className="px-4 py-2">{person(e.target, "—")}</td>
            <td className="px-4 py-2 text-stone-700">
              {text.facts.length ? (
                <dl className="grid grid-cols-[auto_1fr] gap-x-2">
                  {text.facts.map((f) => (
                    <div key={f.label} className="contents">
                      <dt className="text-stone-600">{f.label}:</dt>
                      <dd>{f.value}</dd>
                    </div>
                  ))}
                </dl>
              ) : (
                <span className="text-stone-600">—</span>
              )}
            </td>
          </tr>
        );
      })}
    </AdminTable>
  );
}
