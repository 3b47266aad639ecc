// How every browser test starts Chromium: Debian's /usr/bin/chromium (never a downloaded
// browser), headless, with the flags that keep it off the network this machine does not have.
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
