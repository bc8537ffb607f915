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
      // Not a zone: the page is in UTC and the script is told nothing was received, so the browser overwrites it.
      expect(html).toContain('})("UTC", null);');
    }
  });

  it("passes a zone-shaped name back as it was spelled, so the script never writes the same cookie again", async () => {
    expect(await headFor("Mars/Olympus")).toContain('})("UTC", "Mars/Olympus");');
    expect(await headFor("Europe/Paris")).toContain('})("Europe/Paris", "Europe/Paris");');
  });

  it("names each zone one way, however its letters are cased, so a client cannot mint new zone names per request", async () => {
    const base = "america/argentina/comodrivadavia";
    const letters = [...base].flatMap((c, i) => (/[a-z]/.test(c) ? [i] : []));
    const spellings = Array.from({ length: 200 }, (_, n) =>
      [...base].map((c, i) => ((n >> letters.indexOf(i)) & 1 && letters.includes(i) ? c.toUpperCase() : c)).join(""),
    );
    expect(new Set(spellings).size).toBe(200);
    const zones = new Set<string>();
    for (const spelling of spellings) {
      cookieJar.set(TIME_ZONE_COOKIE, spelling);
      zones.add(await viewerTimeZone());
    }
    expect([...zones]).toEqual(["America/Catamarca"]);
  });
});
