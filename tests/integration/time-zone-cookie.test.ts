import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it, vi } from "vitest";

import { receivedTimeZone, TIME_ZONE_COOKIE, viewerTimeZone } from "@/lib/time-zone";
import { TimeZoneScript } from "@/components/layout/time-zone-script";

import { cookieJar } from "../fixtures/next-headers";

vi.mock("next/headers", async () => (await import("../fixtures/next-headers")).nextHeadersMock);

/** The root layout's <head> script for a request carrying `cookie` as its platter_tz. */
async function headFor(cookie: string) {
  cookieJar.set(TIME_ZONE_COOKIE, cookie);
  const script = await TimeZoneScript({ renderedZone: await viewerTimeZone(), receivedZone: await receivedTimeZone() });
  return renderToStaticMarkup(createElement("head", null, script));
}

/**
 * The platter_tz cookie is the client's to write, and a cookie can be planted for a host by a neighbour on another
 * port or a sibling subdomain: its value reaches an inline script on every page and the zone of every time shown.
 */
describe("the platter_tz cookie", () => {
  beforeEach(() => cookieJar.clear());

  it("cannot end the <head> script and add markup, whatever it holds (Next.js hands cookies over percent-decoded)", async () => {
    for (const planted of [
      '</script><meta http-equiv="refresh" content="0;url=https://evil.example/">',
      "Europe/Paris</script><base href=//evil.example>",
      "\u2028</SCRIPT >",
    ]) {
      const html = await headFor(planted);
      expect(html.match(/<\/script/gi), planted).toHaveLength(1);
      expect(html).not.toMatch(/<meta|<base/i);
      // Not a zone: the page is in UTC, and the browser overwrites the cookie with its own zone.
      expect(html).toContain('})("UTC", ');
    }
  });

  it("passes what it received back as it was spelled, so the script never writes the same cookie again", async () => {
    expect(await headFor("Europe/Paris")).toContain('})("Europe/Paris", "Europe/Paris");');
    expect(await headFor("europe/PARIS")).toContain('})("europe/PARIS", "europe/PARIS");');
    // Zones the server cannot use (a browser may report an offset): shown in UTC, and not written again, since the
    // browser's zone is the one received. Returning null here made the script reload for ever.
    expect(await headFor("+05:30")).toContain('})("UTC", "+05:30");');
    expect(await headFor("Mars/Olympus")).toContain('})("UTC", "Mars/Olympus");');
    // Longer than any zone name: nobody's zone, so the browser's own replaces it.
    expect(await headFor("x".repeat(65))).toContain('})("UTC", null);');
  });

  it("reloads a tab at most once for a zone, when a cookie planted for the parent domain keeps winning on the server", async () => {
    // The browser is in Tokyo and stores its cookie; the server keeps reading the neighbour's Europe/Paris.
    const planted = await headFor("Europe/Paris");
    const script = planted.replace(/^<head><script[^>]*>/, "").replace(/<\/script><\/head>$/, "");
    const cookies: string[] = [];
    const session = new Map<string, string>();
    let reloads = 0;
    const browser = {
      Intl: { DateTimeFormat: () => ({ resolvedOptions: () => ({ timeZone: "Asia/Tokyo" }) }) },
      document: {
        get cookie() {
          return cookies.join("; ");
        },
        set cookie(value: string) {
          cookies.push(value.split(";")[0]!);
        },
      },
      location: { protocol: "https:", href: "https://platter.example/orders", replace: () => reloads++ },
      window: { stop: () => {} },
      sessionStorage: {
        getItem: (k: string) => session.get(k) ?? null,
        setItem: (k: string, v: string) => session.set(k, v),
      },
    };
    const load = () => new Function(...Object.keys(browser), script)(...Object.values(browser));
    for (let page = 0; page < 3; page++) load();
    expect(reloads).toBe(1);
    expect(cookies).toContain("platter_tz=Asia%2FTokyo");
  });
});
