import type { ReactNode } from "react";

import { ScrollBox } from "@/components/ui/scroll-box";

/** A column heading: plain text, a right-aligned figure column, or a column named for screen readers only. */
export type Column = string | { label: string; align: "right" } | { label: string; srOnly: true };

const columnLabel = (c: Column) => (typeof c === "string" ? c : c.label);

function HeaderCell({ column }: { column: Column }) {
  if (typeof column !== "string" && "srOnly" in column)
    return (
      <th scope="col" className="px-4 py-2">
        <span className="sr-only">{column.label}</span>
      </th>
    );
  const right = typeof column !== "string" && "align" in column;
  return (
    <th scope="col" className={right ? "px-4 py-2 text-right font-medium" : "px-4 py-2 font-medium"}>
      {columnLabel(column)}
    </th>
  );
}

/**
 * The admin's lists share one table frame (a labelled scroll box, the column headings, divided rows), so they read
 * and scroll alike; each list renders only its rows. `muted` keeps the lighter headings some lists were given.
 */
export function AdminTable({
  label,
  columns,
  muted = false,
  children,
}: {
  label: string;
  columns: readonly Column[];
  muted?: boolean;
  children: ReactNode;
}) {
  return (
    <ScrollBox label={label}>
      <table className="w-full text-left text-sm">
        <thead className={`border-b border-stone-200 ${muted ? "text-stone-500" : "text-stone-600"}`}>
          <tr>
            {columns.map((c) => (
              <HeaderCell key={columnLabel(c)} column={c} />
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">{children}</tbody>
      </table>
    </ScrollBox>
  );
}
