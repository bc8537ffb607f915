import Link from "next/link";

import type { AuditEntryView } from "@/lib/admin/audit";
import { LocalTime } from "@/components/ui/local-time";
import { ScrollBox } from "@/components/ui/scroll-box";

const person = (p: { slug: string; displayName: string } | null) =>
  p ? (
    <Link href={`/u/${p.slug}`} className="text-brand-700 underline">
      {p.displayName}
    </Link>
  ) : (
    <span className="text-stone-600">—</span>
  );

export function AuditTable({ entries }: { entries: AuditEntryView[] }) {
  if (entries.length === 0)
    return (
      <p className="rounded-xl bg-white p-5 text-sm text-stone-500 shadow-sm ring-1 ring-stone-200">
        Nothing recorded yet.
      </p>
    );
  return (
    <ScrollBox label="Audit log">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-stone-200 text-stone-500">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              When
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Who
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              What
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              User
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Details
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {entries.map((e) => (
            <tr key={e.id} data-testid="audit-entry">
              <td className="px-4 py-2 whitespace-nowrap">
                <LocalTime date={e.createdAt} />
              </td>
              <td className="px-4 py-2">{person(e.actor)}</td>
              <td className="px-4 py-2 font-mono text-xs">{e.action}</td>
              <td className="px-4 py-2">{person(e.target)}</td>
              <td className="px-4 py-2 font-mono text-xs text-stone-600">{JSON.stringify(e.details)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollBox>
  );
}
