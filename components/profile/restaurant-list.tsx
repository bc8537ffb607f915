import Link from "next/link";

type Restaurant = { id: number; slug: string; name: string; cuisine: string; isOpen: boolean };

export function RestaurantList({
  title,
  restaurants,
  empty,
}: {
  title: string;
  restaurants: Restaurant[];
  empty: string;
}) {
  const headingId = `${title.toLowerCase().replace(/\W+/g, "-")}-heading`;
  return (
    <section aria-labelledby={headingId} className="rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200">
      <h2 id={headingId} className="text-base font-semibold">
        {title}
      </h2>
      {restaurants.length === 0 ? (
        <p className="mt-2 text-sm text-stone-500">{empty}</p>
      ) : (
        <ul className="mt-3 divide-y divide-stone-100">
          {restaurants.map((r) => (
            <li key={r.id} className="flex items-center justify-between py-2 text-sm">
              <span>
                <Link href={`/r/${r.slug}`} className="font-medium hover:underline">
                  {r.name}
                </Link>{" "}
                <span className="text-stone-500">· {r.cuisine}</span>
              </span>
              <span className={r.isOpen ? "text-emerald-700" : "text-stone-600"}>{r.isOpen ? "Open" : "Closed"}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
