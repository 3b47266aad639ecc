// Clinical governance in headless Chromium, from file:// (no server): the review dashboard
// (`plainleaf review --html`) passes axe-core and sorts and filters; the code resolver
// (codes/infobutton/index.html) sends Infobutton links for a bundled page's ICD-10-CM and
// SNOMED CT codes to that page, in Spanish when the record asks for Spanish and a Spanish page
// exists, and shows the fallback for an unknown code.
//
// Run through ./run.sh: it builds the site into $PLAINLEAF_SITES/<theme>/ and writes the
// dashboard to $PLAINLEAF_DASHBOARD.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { runAxe, siteSession } from "./chromium.mjs";

const SITES = process.env.PLAINLEAF_SITES;
const THEME = (process.env.PLAINLEAF_THEMES || "clinic").split(/\s+/).filter(Boolean)[0];
const DASHBOARD = process.env.PLAINLEAF_DASHBOARD;
assert.ok(SITES && DASHBOARD, "set PLAINLEAF_SITES and PLAINLEAF_DASHBOARD (run.sh does)");
const SITE = path.join(SITES, THEME);
const INDEX = JSON.parse(fs.readFileSync(path.join(SITE, "codes/index.json"), "utf8"));
const RESOLVER = pathToFileURL(path.join(SITE, "codes/infobutton/index.html")).href;
const OIDS = { icd10cm: "2.16.840.1.113883.6.90", snomed: "2.16.840.1.113883.6.96" };

/** A code of `system` that exactly one bundled page carries (so the resolver goes straight there). */
function codeOfOnePage(system) {
  // One page in each language it has (a translation carries its original's codes).
  const entry = INDEX.codes.find((c) => c.system === system && Object.values(c.pages).every((list) => list.length === 1));
  assert.ok(entry, `a ${system} code with one page in codes/index.json`);
  return entry;
}

function infobutton(code, oid, language) {
  const q = new URLSearchParams({ "mainSearchCriteria.v.c": code, "mainSearchCriteria.v.cs": oid });
  if (language) q.set("informationRecipient.languageCode.c", language);
  return `${RESOLVER}?${q}`;
}

describe("review dashboard and code resolver from file://", () => {
  const { open } = siteSession(null);

  async function axe(page) {
    const result = await runAxe(page);
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  }

  test("the dashboard passes axe-core and sorts and filters", async () => {
    const { page, context, errors } = await open(pathToFileURL(DASHBOARD).href);
    assert.deepEqual(await axe(page), [], "axe violations on the dashboard");
    const titles = () => page.locator("#pages tbody tr:not([hidden]) td:nth-child(4) strong").allTextContents();
    const all = await titles();
    assert.ok(all.length >= 5, `rows: ${all.length}`);
    assert.match(await page.locator("#shown").textContent(), new RegExp(`Showing ${all.length} of ${all.length} pages`));

    // Sort by page title, both ways; the heading says which.
    const button = page.getByRole("button", { name: "Page" });
    await button.click();
    const up = await titles();
    assert.deepEqual(up, [...all].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)));
    assert.equal(await page.locator("th", { has: button }).getAttribute("aria-sort"), "ascending");
    await button.click();
    assert.deepEqual(await titles(), [...up].reverse());
    assert.equal(await page.locator("th", { has: button }).getAttribute("aria-sort"), "descending");

    // Sort by grade numerically.
    await page.getByRole("button", { name: "Grade" }).click();
    const grades = (await page.locator("#pages tbody tr td:nth-child(7)").evaluateAll((tds) => tds.map((td) => Number(td.dataset.sort))));
    assert.deepEqual(grades, [...grades].sort((a, b) => a - b));

    // Filter by text, then by a status no page has, then back.
    // The page and its Spanish translation (same file name, and it names its original) stay.
    await page.getByLabel("Search title, path, owner or reviewer").fill("inherited");
    const filtered = await titles();
    assert.ok(filtered.includes("Gene therapy for inherited immune deficiencies"), `${filtered}`);
    assert.ok(filtered.length < all.length && filtered.length <= 2, `${filtered}`);
    assert.match(await page.locator("#shown").textContent(), new RegExp(`Showing ${filtered.length} of`));
    await page.getByLabel("Search title, path, owner or reviewer").fill("");
    await page.getByLabel("Status").selectOption("overdue");
    assert.deepEqual(await titles(), []);
    await page.getByLabel("Status").selectOption("ok");
    assert.equal((await titles()).length, all.length);
    assert.deepEqual(errors, []);
    await context.close();
  });

  for (const system of ["icd10cm", "snomed"]) {
    test(`an Infobutton link for a ${system} code lands on its page`, async () => {
      const entry = codeOfOnePage(system);
      // Without a language in the request the resolver goes to the main language's page.
      const language = entry.pages.en ? "en" : Object.keys(entry.pages)[0];
      const target = entry.pages[language][0].url;
      // ICD-10-CM codes often come from the record without their dot.
      const code = system === "icd10cm" ? entry.code.replace(".", "") : entry.code;
      const { page, context, errors } = await open(infobutton(code, OIDS[system], "en-US"));
      await page.waitForURL((url) => url.href.endsWith(target));
      assert.equal(page.url(), pathToFileURL(path.join(SITE, target)).href);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }

  for (const system of ["icd10cm", "snomed"]) {
    test(`Spanish: a ${system} code with es or es-MX in the request lands on the Spanish page`, async () => {
      const entry = INDEX.codes.find((c) => c.system === system && c.pages.es?.length === 1 && c.pages.en?.length === 1);
      assert.ok(entry, `a ${system} code of a bundled page that has a Spanish translation`);
      assert.notEqual(entry.pages.es[0].url, entry.pages.en[0].url);
      for (const language of ["es", "es-MX"]) {
        const { page, context, errors } = await open(infobutton(entry.code, OIDS[system], language));
        await page.waitForURL((url) => url.href.endsWith(entry.pages.es[0].url));
        assert.equal(page.url(), pathToFileURL(path.join(SITE, entry.pages.es[0].url)).href);
        assert.equal(await page.evaluate(() => document.documentElement.lang), "es");
        assert.deepEqual(errors, []);
        await context.close();
      }
    });
  }

  test("Spanish: an unknown code shows the fallback in Spanish", async () => {
    const { page, context } = await open(infobutton("Z99.99", OIDS.icd10cm, "es"));
    await page.locator("#heading", { hasText: "Todavía no hay una página para este código" }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), "es");
    await context.close();
  });

  test("an unknown code shows the fallback with a home link, and passes axe-core", async () => {
    const { page, context, errors } = await open(infobutton("Q99.8", OIDS.icd10cm, "en"));
    await page.locator("#heading", { hasText: "No page for this code yet" }).waitFor();
    const home = page.getByRole("link", { name: /home page/ });
    assert.equal(await home.getAttribute("href"), "../../index.html");
    assert.deepEqual(await axe(page), [], "axe violations on the fallback");
    assert.deepEqual(errors, []);
    await context.close();
  });

  test("a code's own page links to its page and passes axe-core", async () => {
    const entry = codeOfOnePage("snomed");
    const { page, context } = await open(pathToFileURL(path.join(SITE, entry.url)).href);
    const link = page.getByRole("link", { name: Object.values(entry.pages).flat()[0].title });
    await link.click();
    await page.waitForURL((url) => url.href.endsWith(Object.values(entry.pages).flat()[0].url));
    await context.close();
    const again = await open(pathToFileURL(path.join(SITE, entry.url)).href);
    assert.deepEqual(await axe(again.page), []);
    await again.context.close();
  });
});
