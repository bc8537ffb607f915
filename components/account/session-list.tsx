import { signOutEverywhereAction } from "@/lib/auth/actions";
import type { OpenSession } from "@/lib/auth/sessions";
import { Button } from "@/components/ui/button";
import { LocalTime } from "@/components/ui/local-time";

import { SignOutOthersForm } from "./sign-out-others-form";

/** A short, recognisable name for a browser from its user agent; the full string is in the title. */
function describe(userAgent: string | null) {
  if (!userAgent) return "Unknown browser";
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Firefox\//.test(userAgent)
      ? "Firefox"
      : /Chrom(e|ium)\//.test(userAgent)
        ? "Chrome"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : "A browser";
  const system = /Windows/.test(userAgent)
    ? "Windows"
    : /Android/.test(userAgent)
      ? "Android"
      : /iPhone|iPad/.test(userAgent)
        ? "iOS"
        : /Mac OS X/.test(userAgent)
          ? "macOS"
          : /Linux/.test(userAgent)
            ? "Linux"
            : null;
  return system ? `${browser} on ${system}` : browser;
}

const currentBadgeClass =
  "ml-2 rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-semibold text-emerald-700 ring-1 ring-emerald-200";

export function SessionList({ sessions, currentSessionId }: { sessions: OpenSession[]; currentSessionId?: string }) {
  const others = sessions.filter((s) => s.id !== currentSessionId).length;
  return (
    <div className="space-y-4">
      <ul className="divide-y divide-stone-200 rounded-xl bg-white ring-1 ring-stone-200">
        {sessions.map((session) => (
          <li key={session.id} className="flex flex-wrap items-baseline justify-between gap-2 px-4 py-3 text-sm">
            <span title={session.userAgent ?? undefined} className="font-medium text-stone-800">
              {describe(session.userAgent)}
              {session.address ? <span className="font-normal text-stone-500"> · {session.address}</span> : null}
              {session.id === currentSessionId ? <span className={currentBadgeClass}>This device</span> : null}
            </span>
            <span className="text-stone-600">
              Signed in <LocalTime date={session.createdAt} /> · last seen <LocalTime date={session.lastSeenAt} />
            </span>
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap items-start gap-3">
        <SignOutOthersForm others={others} />
        <form action={signOutEverywhereAction}>
          <Button type="submit" variant="secondary">
            Sign out everywhere
          </Button>
        </form>
      </div>
    </div>
  );
}
