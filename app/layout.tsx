import type { Metadata } from "next";
import type { ReactNode } from "react";

import { receivedTimeZone, viewerTimeZone } from "@/lib/time-zone";
import { SiteHeader } from "@/components/layout/site-header";
import { TimeZoneScript } from "@/components/layout/time-zone-script";

import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Platter", template: "%s · Platter" },
  description: "Order from the restaurants you love, and know exactly what you spent.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const timeZone = await viewerTimeZone();
  return (
    <html lang="en">
      <head>
        <TimeZoneScript renderedZone={timeZone} receivedZone={await receivedTimeZone()} />
      </head>
      <body className="min-h-screen">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:rounded focus:bg-white focus:p-2"
        >
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" className="mx-auto max-w-5xl px-4 py-8">
          {children}
        </main>
      </body>
    </html>
  );
}
