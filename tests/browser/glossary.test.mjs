// Glossary toggletips (themes/clinic/static/js/glossary.js, docs/glossary.md) in headless
// Chromium, on the built bundled site in every theme, on an English article and on a Spanish
// one (its terms from content/glossary.es.yaml): keyboard, Esc, hover onto the bubble, one
// bubble at a time, touch, narrow screens, print and no JavaScript, and each bubble saying
// its term's plain words from the page's own glossary.
//
// Run through ./run.sh, which builds the site once per theme into $PLAINLEAF_SITES/<theme>/.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import { siteSession } from "./chromium.mjs";

const SITES = process.env.PLAINLEAF_SITES;
const THEMES = (process.env.PLAINLEAF_THEMES || "clinic contrast").split(/\s+/).filter(Boolean);
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** A page with many terms in each language, the glossary its terms come from, and its theme strings. */
const LANGUAGES = [
  { language: "en", article: "gene-therapy-basics/index.html", glossary: "content/glossary.yaml" },
  { language: "es", article: "es/terapia-genica-que-es/index.html", glossary: "content/glossary.es.yaml" },
].map((l) => ({
  ...l,
  entries: YAML.parse(fs.readFileSync(path.join(REPO, l.glossary), "utf8")),
  wordsToKnow: YAML.parse(fs.readFileSync(path.join(REPO, "themes/clinic/i18n", `${l.language}.yaml`), "utf8")).article.words_to_know,
}));

assert.ok(SITES, "set PLAINLEAF_SITES to the folder holding one built site per theme (run.sh does)");

/** Lower case without accents, as the glossary matches words (ñ is not n, so it stays). */
function fold(text) {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/n\u0303/g, "\u00f1")
    .replace(/\p{M}/gu, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Ids of the bubbles that are shown now (offsetParent is always null for position: fixed). */
function openTips(page) {
  return page.locator(".term-tip").evaluateAll((tips) => tips.filter((t) => t.checkVisibility()).map((t) => t.id));
}

/** The bubble of a term, by its aria-describedby. */
async function tipOf(term) {
  const id = await term.getAttribute("aria-describedby");
  return term.page().locator(`[id="${id}"]`);
}

for (const [theme, { language, article: ARTICLE, glossary, entries, wordsToKnow }] of THEMES.flatMap((t) => LANGUAGES.map((l) => [t, l]))) {
  describe(`glossary tooltips, theme ${theme}, ${language} article ${ARTICLE}`, () => {
    const { open } = siteSession(path.join(SITES, theme));

    test("Tab onto a term opens its bubble; Esc closes it and focus stays on the term", async () => {
      const { page, context, errors } = await open(ARTICLE);
      let onTerm = false;
      for (let i = 0; i < 80 && !onTerm; i++) {
        await page.keyboard.press("Tab");
        onTerm = await page.evaluate(() => document.activeElement.matches("a.term"));
      }
      assert.ok(onTerm, "Tab reaches a glossary term");
      const term = page.locator("a.term:focus");
      const tip = await tipOf(term);
      assert.equal(await tip.isVisible(), true, "the focused term's bubble is visible");
      assert.equal(await term.getAttribute("aria-expanded"), "true");
      assert.equal(await tip.getAttribute("role"), "tooltip");
      assert.ok((await tip.textContent()).trim().length > 0, "the bubble has text");
      const box = await tip.boundingBox();
      assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= 1280 && box.y + box.height <= 900, `bubble inside the window: ${JSON.stringify(box)}`);

      const focusedBefore = await page.evaluate(() => document.activeElement.id || document.activeElement.getAttribute("aria-describedby"));
      await page.keyboard.press("Escape");
      assert.equal(await tip.isVisible(), false, "Esc closes the bubble");
      assert.equal(await term.getAttribute("aria-expanded"), "false");
      const focusedAfter = await page.evaluate(() => document.activeElement.matches("a.term") && (document.activeElement.id || document.activeElement.getAttribute("aria-describedby")));
      assert.equal(focusedAfter, focusedBefore, "focus stays on the term after Esc");
      assert.deepEqual(await openTips(page), []);
      assert.deepEqual(errors, []);
      await context.close();
    });

    test("every term with a bubble gets aria-expanded, and bubbles start hidden", async () => {
      const { page, context } = await open(ARTICLE);
      const facts = await page.evaluate(() =>
        [...document.querySelectorAll("a.term")].map((a) => ({
          expanded: a.getAttribute("aria-expanded"),
          tipHidden: document.getElementById(a.getAttribute("aria-describedby")).hidden,
          title: a.hasAttribute("title"),
        })),
      );
      assert.ok(facts.length >= 3, `only ${facts.length} terms`);
      for (const f of facts) assert.deepEqual(f, { expanded: "false", tipHidden: true, title: false });
      await context.close();
    });

    test("each bubble gives its term's plain words from the page's own glossary", async () => {
      const { page, context, errors } = await open(ARTICLE);
      const byForm = new Map();
      for (const e of entries) for (const form of [e.term, ...(e.also || [])]) byForm.set(fold(form), e);
      const glossaryPage = `/${language === "en" ? "" : `${language}/`}glossary/index.html`;
      const terms = page.locator("a.term");
      const count = await terms.count();
      assert.ok(count >= 5, `only ${count} terms`);
      const failures = [];
      for (let i = 0; i < count; i++) {
        const term = terms.nth(i);
        const word = (await term.textContent()).trim();
        const entry = byForm.get(fold(word));
        if (!entry) {
          failures.push(`"${word}" is marked but is no form of an entry of ${glossary}`);
          continue;
        }
        const link = new URL(await term.evaluate((a) => a.href));
        if (link.pathname !== glossaryPage) failures.push(`"${word}" links to ${link.pathname}, not ${glossaryPage}`);
        await term.focus();
        const tip = await tipOf(term);
        if (!(await tip.isVisible())) {
          failures.push(`"${word}": focus does not open its bubble`);
          continue;
        }
        const said = fold(await tip.textContent());
        if (said !== fold(entry.plain)) failures.push(`"${word}": the bubble says "${said}", the glossary "${entry.plain}"`);
      }
      assert.equal(failures.length, 0, failures.join("\n"));
      assert.deepEqual(errors, []);
      await context.close();
    });

    test("hovering a term and moving onto its bubble keeps it open (10 s later too)", async () => {
      const { page, context } = await open(ARTICLE);
      const term = page.locator("a.term").nth(1);
      await term.scrollIntoViewIfNeeded();
      await term.hover();
      const tip = await tipOf(term);
      await tip.waitFor({ state: "visible", timeout: 2000 });
      const box = await tip.boundingBox();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 8 });
      assert.equal(await tip.isVisible(), true, "still open with the pointer on the bubble");
      await page.waitForTimeout(10_000);
      assert.equal(await tip.isVisible(), true, "still open 10 s later");
      assert.equal(await term.getAttribute("aria-expanded"), "true");
      // A click outside both closes it.
      await page.mouse.click(5, 5);
      assert.equal(await tip.isVisible(), false, "a click outside closes it");
      await context.close();
    });

    test("only one bubble is open at a time (hover and focus)", async () => {
      const { page, context } = await open(ARTICLE);
      const terms = page.locator("a.term");
      const count = Math.min(await terms.count(), 5);
      assert.ok(count >= 2);
      for (let i = 0; i < count; i++) {
        await terms.nth(i).scrollIntoViewIfNeeded();
        await terms.nth(i).hover();
        const tips = await openTips(page);
        assert.deepEqual(tips, [await terms.nth(i).getAttribute("aria-describedby")], `after hovering term ${i}`);
        assert.equal(await page.locator('a.term[aria-expanded="true"]').count(), 1);
      }
      await terms.nth(0).focus();
      assert.deepEqual(await openTips(page), [await terms.nth(0).getAttribute("aria-describedby")], "focus opens the focused term only");
      await context.close();
    });

    test("a tap on a 390 px phone opens the bubble without leaving the page", async () => {
      const { page, context, errors } = await open(ARTICLE, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
      const term = page.locator("a.term").first();
      await term.tap();
      const tip = await tipOf(term);
      await tip.waitFor({ state: "visible", timeout: 2000 });
      assert.equal(await term.getAttribute("aria-expanded"), "true");
      assert.ok(page.url().endsWith(ARTICLE), `the first tap does not follow the link: ${page.url()}`);
      // Tapping elsewhere closes it.
      await page.locator("h1").tap();
      assert.equal(await tip.isVisible(), false, "a tap outside closes the bubble");
      // A second tap on an open term follows the link.
      await term.tap();
      await tip.waitFor({ state: "visible", timeout: 2000 });
      await Promise.all([page.waitForURL(/glossary\/index\.html#/, { timeout: 5000 }), term.tap()]);
      assert.deepEqual(errors, []);
      await context.close();
    });

    test("at 320 px every bubble stays inside the screen", async () => {
      const { page, context } = await open(ARTICLE, { viewport: { width: 320, height: 640 }, hasTouch: true, isMobile: true });
      const terms = page.locator("a.term");
      const count = await terms.count();
      const failures = [];
      for (let i = 0; i < count; i++) {
        const term = terms.nth(i);
        await term.tap();
        const tip = await tipOf(term);
        await tip.waitFor({ state: "visible", timeout: 2000 });
        const box = await tip.boundingBox();
        if (box.x < 0 || box.x + box.width > 320 || box.y < 0 || box.y + box.height > 640) {
          failures.push(`${await term.textContent()}: ${JSON.stringify(box)}`);
        }
        assert.equal((await openTips(page)).length, 1);
        // An open bubble may cover the next term, as it would for a reader: close it first.
        await page.keyboard.press("Escape");
      }
      assert.equal(failures.length, 0, failures.join("\n"));
      await context.close();
    });

    test("in print there are no bubbles and a visible Words to know list", async () => {
      const { page, context } = await open(ARTICLE);
      const term = page.locator("a.term").first();
      await term.focus();
      assert.equal(await (await tipOf(term)).isVisible(), true);
      await page.emulateMedia({ media: "print" });
      assert.deepEqual(await openTips(page), [], "no bubble is printed, even an open one");
      const list = page.locator(".words-to-know");
      assert.equal(await list.isVisible(), true);
      assert.ok((await list.textContent()).includes(wordsToKnow), `the list is headed "${wordsToKnow}"`);
      assert.ok((await list.locator("dt, li").count()) >= 3, "the list names the page's terms");
      const underline = await term.evaluate((a) => getComputedStyle(a).textDecorationLine);
      assert.equal(underline, "none", "terms print as plain text");
      await context.close();
    });

    test("without JavaScript a term is a link to its glossary entry", async () => {
      const { page, context } = await open(ARTICLE, { javaScriptEnabled: false });
      const term = page.locator("a.term").first();
      const slug = await term.getAttribute("data-term");
      assert.equal(await term.getAttribute("aria-expanded"), null);
      assert.deepEqual(await openTips(page), []);
      await Promise.all([page.waitForURL(new RegExp(`glossary/index\\.html#${slug}$`), { timeout: 5000 }), term.click()]);
      const entry = page.locator(`[id="${slug}"]`);
      assert.equal(await entry.count(), 1, `the glossary page has an element with id ${slug}`);
      assert.equal(await entry.isVisible(), true);
      await context.close();
    });
  });
}
