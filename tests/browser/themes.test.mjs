// Browser checks of the built-in themes in headless Chromium: axe-core (WCAG 2.2 AA) on every
// page in light and dark mode, reflow at 320 px and at 200% zoom, the print handout, the page
// tools (text size, print, read aloud) with and without JavaScript, and the README
// screenshots compared with the committed ones (UPDATE_SCREENSHOTS=1 writes new ones).
//
// Run through ./run.sh, which builds the site once per theme into $PLAINLEAF_SITES/<theme>/.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import os from "node:os";
import { PNG } from "pngjs";
import pixelmatch from "pixelmatch";
import { describeViolations, htmlPages, runAxe, siteSession } from "./chromium.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const SITES = process.env.PLAINLEAF_SITES;
const THEMES = (process.env.PLAINLEAF_THEMES || "clinic contrast").split(/\s+/).filter(Boolean);
const SCREENSHOTS = process.env.PLAINLEAF_SCREENSHOTS || path.join(here, "screenshots");
/** Write new screenshot baselines instead of comparing with them (UPDATE_SCREENSHOTS=1). */
const UPDATE_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === "1";
/** pixelmatch's per-pixel colour threshold (0 exact .. 1 anything): absorbs anti-aliasing. */
const PIXEL_THRESHOLD = 0.1;
/** Share of pixels that may still differ: about one short word at 1280 x 900. */
const MAX_DIFFERENT_PIXELS = 0.001;
const SCREENSHOT_HELP =
  "\nhelp: if the change is intended, write new baselines with " +
  "UPDATE_SCREENSHOTS=1 bash tests/browser/run.sh, look at them, and commit them";
const ARTICLE = "gene-therapy-basics/index.html";

assert.ok(SITES, "set PLAINLEAF_SITES to the folder holding one built site per theme (run.sh does)");

let failedShots = null;
/** A folder for the actual and diff images of failed screenshot comparisons, made once. */
function failedShotsDir() {
  failedShots ??= fs.mkdtempSync(path.join(os.tmpdir(), "plainleaf-screenshots-"));
  return failedShots;
}

/**
 * Compare a screenshot with the committed baseline `screenshots/NAME.png`: null when it
 * matches within the tolerance, else what differs and where the actual and diff images were
 * written. With UPDATE_SCREENSHOTS=1 the screenshot becomes the new baseline.
 */
function compareScreenshot(name, actualBytes) {
  const baseline = path.join(SCREENSHOTS, `${name}.png`);
  if (UPDATE_SCREENSHOTS) {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    fs.writeFileSync(baseline, actualBytes);
    return null;
  }
  const keepActual = () => {
    const file = path.join(failedShotsDir(), `${name}.actual.png`);
    fs.writeFileSync(file, actualBytes);
    return file;
  };
  if (!fs.existsSync(baseline)) return `${name}: no baseline ${baseline}; actual: ${keepActual()}`;
  const expected = PNG.sync.read(fs.readFileSync(baseline));
  const actual = PNG.sync.read(actualBytes);
  if (expected.width !== actual.width || expected.height !== actual.height) {
    return (
      `${name}: size ${actual.width}x${actual.height}, baseline ${expected.width}x${expected.height}; ` +
      `actual: ${keepActual()}`
    );
  }
  const { width, height } = actual;
  const diff = new PNG({ width, height });
  const different = pixelmatch(expected.data, actual.data, diff.data, width, height, {
    threshold: PIXEL_THRESHOLD,
  });
  if (different <= MAX_DIFFERENT_PIXELS * width * height) return null;
  const diffFile = path.join(failedShotsDir(), `${name}.diff.png`);
  fs.writeFileSync(diffFile, PNG.sync.write(diff));
  const share = ((100 * different) / (width * height)).toFixed(2);
  return `${name}: ${different} pixels (${share}%) differ from ${baseline}; actual: ${keepActual()}, diff: ${diffFile}`;
}

/** Whether the page scrolls sideways; returns the widths for the failure message. */
async function sidewaysScroll(page) {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
}

for (const theme of THEMES) {
  describe(`theme ${theme}`, () => {
    const siteDir = path.join(SITES, theme);
    const pages = htmlPages(siteDir);
    const session = siteSession(siteDir);
    const open = session.open;

    test("the site has the expected pages", () => {
      assert.ok(pages.includes("index.html"));
      assert.ok(pages.includes(ARTICLE));
      assert.ok(pages.includes("404.html"));
      assert.ok(pages.length >= 8, `only ${pages.length} pages`);
    });

    for (const scheme of ["light", "dark"]) {
      // The Spanish pages (es/) have the same run in spanish.test.mjs, with its checks of
      // their language.
      test(`axe-core finds no WCAG 2.2 AA violations on any English page (${scheme})`, async () => {
        const failures = [];
        for (const rel of pages.filter((p) => !p.startsWith("es/"))) {
          const { page, context, errors } = await open(rel, { colorScheme: scheme });
          const result = await runAxe(page);
          if (result.violations.length) failures.push(`${rel}:\n${describeViolations(result.violations)}`);
          if (errors.length) failures.push(`${rel}: script errors: ${errors.join("; ")}`);
          await context.close();
        }
        assert.equal(failures.length, 0, failures.join("\n"));
      });
    }

    test("every page has one h1, no skipped heading levels, landmarks and a working skip link", async () => {
      const failures = [];
      // The code resolver's pages are bare pages that send a patient record's reader on (no
      // site header or footer); governance.test.mjs checks them.
      for (const rel of pages.filter((p) => !p.startsWith("codes/"))) {
        const { page, context } = await open(rel);
        const facts = await page.evaluate(() => {
          const levels = [...document.querySelectorAll("h1,h2,h3,h4,h5,h6")]
            .filter((h) => !h.closest("[hidden]"))
            .map((h) => Number(h.tagName[1]));
          const skipped = [];
          for (let i = 1; i < levels.length; i++) {
            if (levels[i] > levels[i - 1] + 1) skipped.push(`h${levels[i - 1]} then h${levels[i]}`);
          }
          return {
            h1: levels.filter((l) => l === 1).length,
            firstIsH1: levels[0] === 1,
            skipped,
            lang: document.documentElement.lang,
            header: document.querySelectorAll("body > header").length,
            nav: document.querySelectorAll("nav").length,
            main: document.querySelectorAll("main").length,
            footer: document.querySelectorAll("body > footer").length,
          };
        });
        const problems = [];
        if (facts.h1 !== 1) problems.push(`${facts.h1} h1 elements`);
        if (!facts.firstIsH1) problems.push("the first heading is not the h1");
        if (facts.skipped.length) problems.push(`skipped heading levels: ${facts.skipped.join(", ")}`);
        if (!facts.lang) problems.push("no lang on <html>");
        if (facts.header !== 1 || facts.main !== 1 || facts.footer !== 1 || facts.nav < 1) {
          problems.push(`landmarks: ${JSON.stringify(facts)}`);
        }
        await page.keyboard.press("Tab");
        const skip = await page.evaluate(() => {
          const a = document.activeElement;
          const r = a.getBoundingClientRect();
          return { cls: a.className, href: a.getAttribute("href"), visible: r.top >= 0 && r.height > 0 };
        });
        if (skip.cls !== "skip-link" || skip.href !== "#main" || !skip.visible) {
          problems.push(`first Tab does not land on a visible skip link: ${JSON.stringify(skip)}`);
        }
        if (problems.length) failures.push(`${rel}: ${problems.join("; ")}`);
        await context.close();
      }
      assert.equal(failures.length, 0, failures.join("\n"));
    });

    test("no sideways scrolling at 320 px or at 200% zoom of a 1280 px window", async () => {
      const failures = [];
      const sizes = [
        { name: "320 px", viewport: { width: 320, height: 640 }, deviceScaleFactor: 1 },
        { name: "1280 px at 200%", viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 },
      ];
      for (const size of sizes) {
        for (const rel of pages) {
          const { page, context } = await open(rel, {
            viewport: size.viewport,
            deviceScaleFactor: size.deviceScaleFactor,
          });
          const w = await sidewaysScroll(page);
          if (w.scrollWidth > w.innerWidth) failures.push(`${rel} at ${size.name}: ${JSON.stringify(w)}`);
          await context.close();
        }
      }
      // The largest text size a reader can pick must not break the layout either.
      const { page, context } = await open(ARTICLE, { viewport: { width: 320, height: 640 } });
      const larger = page.locator("[data-text-size-step='1']");
      while ((await larger.getAttribute("aria-disabled")) !== "true") await larger.click();
      const w = await sidewaysScroll(page);
      if (w.scrollWidth > w.innerWidth) failures.push(`${ARTICLE} at 320 px, largest text: ${JSON.stringify(w)}`);
      await context.close();
      assert.equal(failures.length, 0, failures.join("\n"));
    });

    test("printing an article gives a clean handout", async () => {
      const { page, context } = await open(ARTICLE);
      await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
      await page.emulateMedia({ media: "print" });
      const shown = (selector) => page.locator(selector).first().isVisible();
      for (const selector of [".site-header", ".breadcrumbs", ".related", "[data-print]", "[data-text-size]", ".skip-link", ".site-footer nav"]) {
        assert.equal(await shown(selector), false, `${selector} should be hidden in print`);
      }
      for (const selector of ["h1", ".key-points", ".content", ".actions", ".questions", ".words-to-know", ".review", "[data-print-date]"]) {
        assert.equal(await shown(selector), true, `${selector} should be printed`);
      }
      const writeLines = await page.locator(".questions li .write-space").count();
      assert.ok(writeLines > 0, "questions have room to write");
      assert.equal(await page.locator(".questions li .write-space").first().isVisible(), true);
      const date = await page.locator(".js-print-date").first().textContent();
      assert.match(date, /\d{4}/, "the print date is filled in");
      // Without a base URL the script prints the address the page was opened at; with one,
      // the page prints its public address.
      if (await page.locator(".js-page-url").count()) {
        const address = await page.locator(".js-page-url").first().textContent();
        assert.ok(address.startsWith(session.url), `the page address is printed: ${address}`);
      } else {
        const printed = await page.locator(".review .print-only").first().textContent();
        assert.match(printed, /https?:\/\/\S+\/gene-therapy-basics\//, `the public address is printed: ${printed}`);
      }
      const tips = await page.locator(".term-tip").evaluateAll((els) => els.filter((e) => e.offsetParent).length);
      assert.equal(tips, 0, "glossary bubbles are not printed");
      await context.close();
    });

    test("text size buttons change the root font size and are remembered", async () => {
      const { page, context } = await open(ARTICLE);
      const rootSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      await page.locator("[data-text-size]").waitFor({ state: "visible" });
      const start = await rootSize();
      assert.ok(start >= 18, `base font size ${start}px is at least 18px`);
      await page.click("[data-text-size-step='1']");
      const bigger = await rootSize();
      assert.ok(bigger > start, `A+ makes text larger (${start} -> ${bigger})`);
      await page.reload();
      assert.equal(await rootSize(), bigger, "the size is remembered on the next page load");
      await page.click("[data-text-size-step='-1']");
      await page.click("[data-text-size-step='-1']");
      assert.ok((await rootSize()) < start, "A− makes text smaller");
      await context.close();
    });

    test("print and read-aloud buttons appear with JavaScript only", async () => {
      const withJs = await open(ARTICLE);
      assert.equal(await withJs.page.locator("[data-print]").isVisible(), true, "print button shown with JS");
      const speech = await withJs.page.evaluate(() => "speechSynthesis" in window);
      assert.equal(await withJs.page.locator("[data-read-aloud]").isVisible(), speech, "read aloud shown when speech exists");
      assert.equal(await withJs.page.locator("[data-read-stop]").isVisible(), false, "stop is hidden until reading");
      assert.deepEqual(withJs.errors, []);
      await withJs.context.close();

      const noJs = await open(ARTICLE, { javaScriptEnabled: false });
      for (const selector of ["[data-print]", "[data-read-aloud]", "[data-read-stop]", "[data-text-size]"]) {
        assert.equal(await noJs.page.locator(selector).count(), 1, `${selector} is in the page`);
        assert.equal(await noJs.page.locator(selector).isVisible(), false, `${selector} is hidden without JS`);
      }
      await noJs.context.close();
    });

    test("screenshots of the home page and an article match the committed ones", async () => {
      const failures = [];
      for (const [name, rel] of [
        ["home", "index.html"],
        ["article", ARTICLE],
      ]) {
        for (const width of [390, 1280]) {
          const height = width === 390 ? 844 : 900;
          const { page, context } = await open(rel, { viewport: { width, height } });
          const problem = compareScreenshot(`${theme}-${name}-${width}`, await page.screenshot());
          if (problem) failures.push(problem);
          await context.close();
        }
      }
      assert.equal(failures.length, 0, failures.join("\n") + SCREENSHOT_HELP);
    });
  });
}
