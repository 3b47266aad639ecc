// A second accessibility engine beside axe-core: HTML_CodeSniffer (the engine behind pa11y),
// WCAG2AA standard, over every page of every built site (the bundled site in each theme and
// the callout fixture), in headless Chromium. Errors fail the test; warnings and notices are
// the engine asking a person to check something (is this alt text right, is this contrast
// over an image enough): ACCEPTED_WARNINGS below answers the ones our pages raise, and any
// other warning fails. Notices (a reminder of every manual check, on every page) are counted
// in the test's summary line only.
//
// Run through ./run.sh, which builds the sites into $PLAINLEAF_SITES/<name>/.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { htmlPages, siteSession } from "./chromium.mjs";

const require = createRequire(import.meta.url);
const HTMLCS_SOURCE = fs.readFileSync(
  path.join(path.dirname(require.resolve("html_codesniffer/package.json")), "build", "HTMLCS.js"),
  "utf8",
);
const SITES = process.env.PLAINLEAF_SITES;
const THEMES = (process.env.PLAINLEAF_THEMES || "clinic contrast").split(/\s+/).filter(Boolean);

assert.ok(SITES, "set PLAINLEAF_SITES to the folder holding the built sites (run.sh does)");

/**
 * The warnings our pages raise, each a question for a person that we answered: any other
 * warning fails the test until it is fixed or answered here. `code` is the end of the
 * message code, `element` the element's tag and first class.
 */
const ACCEPTED_WARNINGS = [
  {
    code: /^1_3_1\.H48$/,
    element: /^P(\.|$)/,
    why: "a paragraph of prose with several glossary links is not navigation; the site's navigation is in nav lists",
  },
  {
    code: /^1_4_10\.C32,C31,C33,C38,SCR34,G206$/,
    element: /^SPAN\.term-tip$/,
    why: "glossary bubbles are position: fixed so they stay inside the window; glossary.test.mjs and the 320 px reflow test check them",
  },
  {
    code: /^1_4_3\.(G18|G145)\.Abs$/,
    element: /^SPAN\.visually-hidden/,
    why: "screen-reader-only text (clipped to 1 px, never seen); a callout's label printed on paper is black on white",
  },
];

/** The sites run.sh built: the bundled site per theme, then the callout fixture per theme. */
const sites = THEMES.flatMap((theme) => [theme, `callouts-${theme}`]).filter((name) =>
  fs.existsSync(path.join(SITES, name, "index.html")),
);

for (const name of sites) {
  describe(`HTML_CodeSniffer WCAG2AA: ${name}`, () => {
    const siteDir = path.join(SITES, name);
    const pages = htmlPages(siteDir);
    const { open } = siteSession(siteDir);

    test(`no errors on any of the ${pages.length} pages`, async (t) => {
      assert.ok(pages.length >= 3, `only ${pages.length} pages in ${siteDir}`);
      const failures = [];
      // Warning and notice codes with how often they came, for the summary line.
      const asks = new Map();
      for (const rel of pages) {
        const { page, context } = await open(rel);
        await page.addScriptTag({ content: HTMLCS_SOURCE });
        const messages = await page.evaluate(
          () =>
            new Promise((resolve, reject) => {
              window.HTMLCS.process(
                "WCAG2AA",
                document,
                () =>
                  resolve(
                    window.HTMLCS.getMessages().map((m) => ({
                      type: m.type,
                      code: m.code,
                      msg: m.msg,
                      element: m.element && m.element.outerHTML ? m.element.outerHTML.slice(0, 160) : String(m.element),
                      tag: m.element && m.element.tagName
                        ? [m.element.tagName, ...String(m.element.className || "").split(/\s+/).filter(Boolean)].join(".")
                        : "",
                    })),
                  ),
                () => reject(new Error("HTML_CodeSniffer could not run")),
                "en",
              );
            }),
        );
        const errors = messages.filter((m) => m.type === 1);
        for (const m of messages.filter((m) => m.type !== 1)) {
          const key = `${m.type === 2 ? "warning" : "notice"} ${m.code}`;
          asks.set(key, (asks.get(key) || 0) + 1);
        }
        for (const e of errors) failures.push(`${rel}: error ${e.code}\n    ${e.msg}\n    ${e.element}`);
        for (const w of messages.filter((m) => m.type === 2)) {
          const short = w.code.split(".").slice(3).join(".");
          if (!ACCEPTED_WARNINGS.some((a) => a.code.test(short) && a.element.test(w.tag))) {
            failures.push(`${rel}: warning nobody has answered ${w.code}\n    ${w.msg}\n    ${w.element}`);
          }
        }
        await context.close();
      }
      const summary = [...asks].sort().map(([code, n]) => `${code} x${n}`).join(", ");
      t.diagnostic(`${name}, ${pages.length} pages; not failures: ${summary || "none"}`);
      assert.equal(failures.length, 0, `HTML_CodeSniffer:\n${failures.join("\n")}`);
    });
  });
}
