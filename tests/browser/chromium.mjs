// How every browser test starts Chromium: Debian's /usr/bin/chromium (never a downloaded
// browser), headless, with the flags that keep it off the network this machine does not have.
// Also the helpers the tests share: one built site served with one browser per describe()
// block (siteSession), the list of a built site's pages, and an axe-core run.
import { before, after } from "node:test";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { serve } from "./server.mjs";

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

/** The window most tests use: a laptop's, wide enough for the desktop layout. */
export const DESKTOP = { width: 1280, height: 900 };

/**
 * A built site served over HTTP and a Chromium, for the tests of one describe() block: call
 * it at the top of the block, it registers the before() hook that starts both (after
 * `check`, which may assert the site is there) and the after() hook that stops them, so no
 * server or browser outlives its tests. `open(rel)` opens a page of the site (or any
 * address) in a fresh context and collects its script errors. Without `siteDir` there is
 * no server: only full addresses (file://) can be opened.
 */
export function siteSession(siteDir, { check } = {}) {
  const session = {
    /** The running Chromium (set by the before() hook). */
    browser: null,
    /** The HTTP server of `siteDir` (set by the before() hook). */
    server: null,
    /** The site's root over HTTP, with a trailing slash. */
    get url() {
      return session.server.url;
    },
    /** The site's root from file://, with a trailing slash (the built files opened directly). */
    fileUrl: siteDir ? pathToFileURL(siteDir).href + "/" : null,
    /**
     * Open `target` (a path relative to the site root over HTTP, or a full address) in a new
     * context with `contextOptions` (a 1280 x 900 window unless they say otherwise). The
     * caller closes the context.
     */
    async open(target, contextOptions = {}) {
      const context = await session.browser.newContext({ viewport: DESKTOP, ...contextOptions });
      const page = await context.newPage();
      const errors = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      const address = /^[a-z]+:/.test(target) ? target : session.url + target;
      await page.goto(address, { waitUntil: "load" });
      return { page, context, errors };
    },
  };

  before(async () => {
    await check?.();
    if (siteDir) session.server = await serve(siteDir);
    session.browser = await launchChromium();
  });

  after(async () => {
    await session.browser?.close();
    await session.server?.close();
  });

  return session;
}

/** Every HTML page of a built site, as paths relative to its root with "/" separators. */
export function htmlPages(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith(".html")) out.push(path.relative(dir, full).split(path.sep).join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
/** The WCAG 2.2 AA rules (and the 2.0 and 2.1 A and AA ones they include). */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** axe-core's WCAG 2.2 AA run on an open page: its full result (violations, incomplete...). */
export async function runAxe(page) {
  await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate((tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags } }), AXE_TAGS);
}

/** axe violations as readable lines: rule, impact, what it asks, then each element. */
export function describeViolations(violations) {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n` + v.nodes.map((n) => `    ${n.target.join(" ")}`).join("\n"))
    .join("\n");
}
