import { headers } from "next/headers";

import { TIME_ZONE_COOKIE } from "@/lib/time-zone";

const YEAR_SECONDS = 365 * 24 * 60 * 60;
/** The zone this tab last reloaded for (sessionStorage). */
const RELOADED_KEY = "platter_tz_reloaded";

/** A value as a JavaScript literal that cannot end the <script> element it is written into. */
const scriptLiteral = (value: string | null) =>
  JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");

/**
 * Tells the server the browser's time zone, so that it renders times in it (components/ui/local-time.tsx), before
 * anything of the page is shown. It runs in <head>, ahead of the body: on a first visit, or after travelling, the
 * page was rendered in another zone, so it stores the browser's zone, stops this document before its body is
 * parsed and loads the same address again, now rendered in the right zone. One more request on a browser's first
 * page, and no time ever painted in the wrong zone (the issue asked for no flash).
 *
 * It never loops: it reloads only when the zone differs from the one this request's cookie carried (a zone the
 * server received and could not use stays in UTC) and the cookie really was stored (cookies may be off), and at
 * most once per zone in a tab: a cookie of the same name planted for the parent domain by a neighbouring site is
 * sent after ours, wins on the server, and is never overwritten by ours, so the zone would never arrive.
 */
export async function TimeZoneScript({
  renderedZone,
  receivedZone,
}: {
  renderedZone: string;
  receivedZone: string | null;
}) {
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  const script = `(function (rendered, received) {
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === rendered || zone === received) return;
    var stored = ${JSON.stringify(`${TIME_ZONE_COOKIE}=`)} + encodeURIComponent(zone);
    var secure = location.protocol === "https:" ? "; secure" : "";
    document.cookie = stored + "; path=/; max-age=${YEAR_SECONDS}; samesite=lax" + secure;
    if (document.cookie.split("; ").indexOf(stored) < 0) return;
    if (sessionStorage.getItem(${JSON.stringify(RELOADED_KEY)}) === zone) return;
    sessionStorage.setItem(${JSON.stringify(RELOADED_KEY)}, zone);
    window.stop();
    location.replace(location.href);
  } catch (error) {}
})(${scriptLiteral(renderedZone)}, ${scriptLiteral(receivedZone)});`;
  return <script nonce={nonce} dangerouslySetInnerHTML={{ __html: script }} />;
}
