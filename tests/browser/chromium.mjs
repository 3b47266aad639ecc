// How every browser test starts Chromium: Debian's /usr/bin/chromium (never a downloaded
// browser), headless, with the flags that keep it off the network this machine does not have.
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

export const LAUNCH_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A headless Debian Chromium started the one way every browser test starts it. */
export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_ARGS });
}
