import Link from "next/link";

const TABS = [
  { key: "menu", label: "Menu" },
  { key: "orders", label: "Orders" },
  { key: "past-orders", label: "Past orders" },
  { key: "sales", label: "Sales" },
  { key: "hours", label: "Hours" },
] as const;

export type OwnerTab = (typeof TABS)[number]["key"];

const tabClass =
  "rounded-lg px-3 py-1.5 font-medium whitespace-nowrap text-stone-700 ring-1 ring-stone-200 hover:bg-stone-100 " +
  "aria-[current=page]:bg-brand-600 aria-[current=page]:text-white aria-[current=page]:ring-brand-600";

/** The heading of every per-restaurant owner page, with its sibling pages. */
export function OwnerNav({
  slug,
  name,
  current,
  title,
}: {
  slug: string;
  name: string;
  current: OwnerTab;
  title: string;
}) {
  return (
    <header className="mb-6 space-y-3">
      <Link href="/owner" className="text-sm font-medium text-brand-700 hover:underline">
        ← Your restaurants
      </Link>
      <h1 className="text-2xl font-bold tracking-tight">
        {title} <span className="text-stone-500">· {name}</span>
      </h1>
      <nav aria-label={`${name} pages`} className="flex flex-wrap gap-1 text-sm">
        {TABS.map((tab) => (
          <Link
            key={tab.key}
            href={`/owner/${slug}/${tab.key}`}
            aria-current={tab.key === current ? "page" : undefined}
            className={tabClass}
          >
            {tab.label}
          </Link>
        ))}
      </nav>
    </header>
  );
}
