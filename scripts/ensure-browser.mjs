/** Makes sure a Chromium is there for the browser tests: a system one, or Playwright's own (downloaded once). */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";

import { systemChromium } from "./browser.mjs";

const system = systemChromium();
if (system) {
  console.log(`Browser tests use ${system}.`);
} else if (!existsSync(chromium.executablePath())) {
  console.log("No Chromium found: installing Playwright's (npx playwright install chromium).");
  execFileSync("npx", ["playwright", "install", "chromium"], { stdio: "inherit" });
}
