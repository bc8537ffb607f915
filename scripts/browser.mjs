import { existsSync } from "node:fs";

/**
 * The Chromium the browser tests drive: PLAYWRIGHT_CHROMIUM_PATH, else a system Chromium (Debian's package on
 * machines that cannot download Playwright's build), else undefined for Playwright's own download.
 */
export function systemChromium() {
  const candidates = [process.env.PLAYWRIGHT_CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((candidate) => candidate && existsSync(candidate));
}
