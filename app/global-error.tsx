"use client";

import ErrorPage from "./error";

import "./globals.css";

// The root layout itself failed (its header reads the session, so a database outage lands here): no header, the
// same message as app/error.tsx. Must render its own <html> and <body>.
export default function GlobalError(props: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <main id="main" className="mx-auto max-w-5xl px-4 py-8">
          <ErrorPage {...props} />
        </main>
      </body>
    </html>
  );
}
