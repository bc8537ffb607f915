"use client";

import { useActionState, useOptimistic } from "react";

import { setFavoriteAction } from "@/lib/favorites/actions";
import { submitKeepingFields } from "@/components/ui/action-form";

/**
 * Flips at once (optimistic), then settles on what the server saved; a failure shows why and flips back. Works
 * without JavaScript too, as a plain post.
 */
export function FavoriteButton({
  restaurantId,
  restaurantName,
  isFavorite,
}: {
  restaurantId: number;
  restaurantName: string;
  isFavorite: boolean;
}) {
  const [state, action] = useActionState(setFavoriteAction, {});
  const [optimistic, setOptimistic] = useOptimistic(isFavorite);
  const tone = optimistic
    ? "bg-rose-50 text-rose-700 ring-rose-200"
    : "bg-white text-stone-700 ring-stone-300 hover:bg-stone-50";
  return (
    <form
      // Without JavaScript (or before hydration) the browser posts the form to the action itself; once hydrated,
      // the heart flips at once, in the transition that runs the action.
      {...submitKeepingFields(action, { optimistic: (form) => setOptimistic(form.get("favorite") === "true") })}
    >
      <input type="hidden" name="restaurantId" value={restaurantId} />
      <input type="hidden" name="favorite" value={String(!optimistic)} />
      <button
        type="submit"
        aria-pressed={optimistic}
        className={`rounded-full px-3 py-1.5 text-sm font-medium ring-1 transition ${tone}`}
      >
        {/* The name says what a press does; the visible word is part of it (WCAG 2.5.3, label in name). */}
        <span aria-hidden="true">{optimistic ? "♥" : "♡"} </span>
        <span className="sr-only">{optimistic ? `Remove ${restaurantName} from ` : `Add ${restaurantName} to `}</span>
        Favorites
      </button>
      <p role="status" className={`mt-1 text-xs ${state.ok ? "text-stone-500" : "text-red-600"}`}>
        {state.ok ? (isFavorite ? "Saved to your favorites." : "Removed from your favorites.") : (state.message ?? "")}
      </p>
    </form>
  );
}
