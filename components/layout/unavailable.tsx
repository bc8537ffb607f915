import { UNAVAILABLE_MESSAGE, UNAVAILABLE_TITLE } from "@/lib/http/unavailable";

/** The error boundaries' words for a database outage (proxy.ts serves the same as a 503 page). */
export function Unavailable({ onRetry }: { onRetry: () => void }) {
  return (
    <div className="mx-auto max-w-md py-16 text-center">
      <h1 className="text-2xl font-bold">{UNAVAILABLE_TITLE}</h1>
      <p className="mt-2 text-stone-600">{UNAVAILABLE_MESSAGE.slice(UNAVAILABLE_TITLE.length + 2)}</p>
      <button
        type="button"
        onClick={onRetry}
        className="mt-6 rounded-lg bg-brand-600 px-4 py-2 font-semibold text-white"
      >
        Try again
      </button>
    </div>
  );
}

/** An action answered 503 by proxy.ts: Next's client throws an Error carrying the answer's text. */
export const isUnavailableError = (error: Error) => error.message === UNAVAILABLE_MESSAGE;
