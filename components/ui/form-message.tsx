export function FormMessage({ message }: { message?: string }) {
  return (
    <div aria-live="polite" role="status">
      {message ? (
        <p className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200">{message}</p>
      ) : null}
    </div>
  );
}
