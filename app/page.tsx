import Link from "next/link";
import { QueryStats } from "@/components/layout/query-stats";
import { getViewer } from "@/lib/auth/session";
import { listRestaurants } from "@/lib/restaurants/queries";

export default async function HomePage() {
  const [viewer, restaurants] = await Promise.all([getViewer(), listRestaurants()]);
  return (
    <div className="space-y-8">
      <section className="rounded-2xl bg-brand-50 p-8 ring-1 ring-brand-100">
        <h1 className="text-3xl font-bold tracking-tight sm:text-4xl">Good food, honest totals.</h1>
        <p className="mt-2 max-w-xl text-stone-700">
          Order from the restaurants around you and see exactly what you have spent, to the cent.
        </p>
        <Link
          href={viewer ? "/profile" : "/sign-in"}
          className="mt-5 inline-block rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700"
        >
          {viewer ? "Your profile" : "Sign in to order"}
        </Link>
      </section>
      <section aria-labelledby="restaurants-heading">
        <h2 id="restaurants-heading" className="mb-3 text-lg font-semibold">
          Restaurants
        </h2>
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {restaurants.map((r) => (
            <li key={r.id} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
              <div className="flex items-baseline justify-between gap-2">
                <span className="font-semibold">{r.name}</span>
                <span className={`text-xs font-medium ${r.isOpen ? "text-emerald-700" : "text-stone-400"}`}>
                  {r.isOpen ? "Open" : "Closed"}
                </span>
              </div>
              <p className="text-sm text-stone-500">{r.cuisine}</p>
              <p className="mt-1 text-sm text-stone-700">{r.description}</p>
            </li>
          ))}
        </ul>
      </section>
      <QueryStats />
    </div>
  );
}
