// The Spanish pages of the bilingual bundled site (site.yaml `languages: [en, es]`,
// docs/languages.md) in headless Chromium, in every theme: axe-core (WCAG 2.2 AA) on every
// page under es/ in light and dark mode, each in Spanish (`lang` on <html>) with every link
// into the other language marked with that language; and the header's language switcher,
// over HTTP and from file://: it goes to the paired page both ways, and on a page with no
// translation it says so in the other language and offers that language's home. The
// switcher is also checked on tests/fixtures/bilingual, built here: a site with a public
// address (its switcher must still work from file://, and its 404 pages' from any address)
// and a page without a pair in each direction.
// Glossary tooltips on Spanish pages are in glossary.test.mjs, Spanish search in
// search-es.test.mjs.
//
// Run through ./run.sh, which builds the bundled site once per theme into
// $PLAINLEAF_SITES/<theme>/ and sets PLAINLEAF_BIN.
import { test, describe, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import { describeViolations, htmlPages, runAxe, siteSession } from "./chromium.mjs";

const SITES = process.env.PLAINLEAF_SITES;
const THEMES = (process.env.PLAINLEAF_THEMES || "clinic contrast").split(/\s+/).filter(Boolean);
const BIN = process.env.PLAINLEAF_BIN;
const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
assert.ok(SITES && BIN, "set PLAINLEAF_SITES and PLAINLEAF_BIN (run.sh does)");

/** The theme strings of a language (themes/clinic/i18n; the contrast theme extends clinic). */
function strings(language) {
  return YAML.parse(fs.readFileSync(path.join(REPO, "themes/clinic/i18n", `${language}.yaml`), "utf8"));
}
const EN = strings("en");
const ES = strings("es");

/** A content file's front matter. */
function frontMatter(file) {
  const text = fs.readFileSync(file, "utf8");
  const m = text.match(/^---\n([\s\S]*?)\n---\n/);
  assert.ok(m, `${file} starts with front matter`);
  return YAML.parse(m[1]);
}

/** A page's output path from its content file (its slug, else its file name; under es/ for Spanish). */
function outputPath(file, prefix) {
  const slug = frontMatter(file).slug || path.basename(file, ".md");
  return `${prefix}${slug}/index.html`;
}

/**
 * The bundled site's pairs, read from content/ (not from the built pages): each Spanish
 * translation with the English page it names (`translation.of`, else the same file name),
 * and the English pages no Spanish page translates.
 */
function bundledPairs() {
  const esDir = path.join(REPO, "content/es");
  const pairs = [];
  const translated = new Set();
  for (const name of fs.readdirSync(esDir).filter((n) => n.endsWith(".md")).sort()) {
    const fm = frontMatter(path.join(esDir, name));
    if (!fm.translation) continue;
    const of = fm.translation.of || name;
    translated.add(of);
    pairs.push({
      en: outputPath(path.join(REPO, "content", of), ""),
      es: outputPath(path.join(esDir, name), "es/"),
      enTitle: frontMatter(path.join(REPO, "content", of)).title,
      esTitle: fm.title,
    });
  }
  const englishOnly = fs
    .readdirSync(path.join(REPO, "content"))
    .filter((n) => n.endsWith(".md") && !translated.has(n))
    .sort()
    .map((n) => outputPath(path.join(REPO, "content", n), ""));
  return { pairs, englishOnly };
}

/** The index pages every language has, paired by the same path under es/ (docs/languages.md). */
const INDEX_PAGES = ["index.html", "glossary/index.html", "a-z/index.html", "topics/index.html", "accessibility/index.html"];

/** The language of an element's text: its own or its nearest ancestor's `lang`, primary tag only. */
function primary(lang) {
  return String(lang || "").split(/[-_]/)[0].toLowerCase();
}

/**
 * The page's language switcher: for each entry, the language it offers, whether it links to
 * the same page (`pair`) or says there is none (`missing`), and the language its words are
 * marked with.
 */
function switcherOf(page) {
  return page.locator("nav.language-switch li").evaluateAll((items) =>
    items.map((li) => {
      const link = li.querySelector("a[hreflang]");
      const missing = li.querySelector(".language-missing");
      return {
        language: link?.getAttribute("hreflang"),
        marked: link?.closest("[lang]")?.getAttribute("lang"),
        text: link?.textContent.trim(),
        href: link?.href,
        missing: missing ? missing.textContent.trim() : null,
        missingMarked: missing?.closest("[lang]")?.getAttribute("lang"),
      };
    }),
  );
}

/**
 * Click the switcher's link to `language` on the open page and wait for the other page: the
 * switcher is a real link (it works without a server and without JavaScript state).
 */
async function switchTo(page, language) {
  const link = page.locator(`nav.language-switch a[hreflang="${language}"]`);
  assert.equal(await link.count(), 1, `one switcher link to ${language} on ${page.url()}`);
  const href = await link.evaluate((a) => a.href);
  await Promise.all([page.waitForURL(href, { timeout: 5000 }), link.click()]);
  return page.url();
}

/** What a landed page is: its address relative to the site root, its language and its h1. */
async function landed(page, root) {
  assert.ok(page.url().startsWith(root), `${page.url()} is inside the site ${root}`);
  return {
    rel: decodeURIComponent(page.url().slice(root.length)),
    lang: primary(await page.evaluate(() => document.documentElement.lang)),
    h1: (await page.locator("h1").first().textContent()).trim(),
  };
}

/**
 * Go en -> es -> en through the switcher from `enRel`, from `root` (http:// or file://):
 * returns the problems found.
 */
async function roundTrip(session, root, enRel, esRel, titles = {}) {
  const problems = [];
  const { page, context, errors } = await session.open(root + enRel);
  const [entry] = await switcherOf(page);
  if (entry?.language !== "es" || entry.marked !== "es" || entry.text !== ES.language.name || entry.missing !== null) {
    problems.push(`${enRel}: the switcher's entry is not a link "${ES.language.name}" marked lang="es": ${JSON.stringify(entry)}`);
  }
  if (!problems.length) {
    await switchTo(page, "es");
    const es = await landed(page, root);
    if (es.rel !== esRel || es.lang !== "es" || (titles.es && es.h1 !== titles.es)) {
      problems.push(`${enRel}: Español went to ${JSON.stringify(es)}, not ${esRel}${titles.es ? ` "${titles.es}"` : ""}`);
    } else {
      const [back] = await switcherOf(page);
      if (back?.language !== "en" || back.marked !== "en" || back.text !== EN.language.name) {
        problems.push(`${esRel}: the switcher's entry is not a link "${EN.language.name}" marked lang="en": ${JSON.stringify(back)}`);
      } else {
        await switchTo(page, "en");
        const en = await landed(page, root);
        if (en.rel !== enRel || en.lang !== "en" || (titles.en && en.h1 !== titles.en)) {
          problems.push(`${esRel}: English went to ${JSON.stringify(en)}, not back to ${enRel}`);
        }
      }
    }
  }
  if (errors.length) problems.push(`${enRel}: script errors: ${errors.join("; ")}`);
  await context.close();
  return problems;
}

/**
 * On a page with no version in `other`, the switcher says so in that language and its link
 * goes to that language's home (`homeRel`): returns the problems found.
 */
async function noPair(session, root, rel, other, homeRel) {
  const words = strings(other).language;
  const name = strings(other).language.name;
  const expected = words.not_yet.replace("{language}", name);
  const problems = [];
  const { page, context } = await session.open(root + rel);
  const [entry] = await switcherOf(page);
  if (entry?.missing !== expected || primary(entry.missingMarked) !== other) {
    problems.push(`${rel}: the switcher does not say "${expected}" marked lang="${other}": ${JSON.stringify(entry)}`);
  }
  const label = words.home.replace("{language}", name);
  if (entry?.language !== other || entry.text !== label || primary(entry.marked) !== other) {
    problems.push(`${rel}: the switcher does not offer "${label}" (a link to ${other}): ${JSON.stringify(entry)}`);
  } else {
    await switchTo(page, other);
    const home = await landed(page, root);
    if (home.rel !== homeRel || home.lang !== other) problems.push(`${rel}: "${label}" went to ${JSON.stringify(home)}, not ${homeRel}`);
  }
  await context.close();
  return problems;
}

const { pairs, englishOnly } = bundledPairs();

for (const theme of THEMES) {
  describe(`Spanish pages, theme ${theme}`, () => {
    const siteDir = path.join(SITES, theme);
    const pages = htmlPages(siteDir);
    const spanish = pages.filter((p) => p.startsWith("es/"));
    const session = siteSession(siteDir);

    test("the Spanish site has every kind of page", () => {
      const expected = [
        ...INDEX_PAGES.map((p) => `es/${p}`),
        "es/404.html",
        ...pairs.map((p) => p.es),
        ...pairs.map((p) => p.es.replace(/index\.html$/, "handout/index.html")),
      ];
      assert.deepEqual(expected.filter((p) => !spanish.includes(p)), [], "Spanish pages missing from the build");
      assert.ok(pairs.length >= 3, `only ${pairs.length} Spanish translations in content/es`);
      assert.ok(pairs.some((p) => p.en === "language-assistance/index.html"), "the language assistance page is translated");
      assert.ok(spanish.some((p) => /^es\/topics\/[^/]+\/index\.html$/.test(p)), "a Spanish topic page");
    });

    for (const scheme of ["light", "dark"]) {
      test(`axe-core finds no WCAG 2.2 AA violations on any Spanish page, each in Spanish (${scheme})`, async () => {
        const failures = [];
        for (const rel of spanish) {
          const { page, context, errors } = await session.open(rel, { colorScheme: scheme });
          const lang = await page.evaluate(() => document.documentElement.lang);
          if (primary(lang) !== "es") failures.push(`${rel}: <html lang="${lang}">, not Spanish`);
          const result = await runAxe(page);
          if (result.violations.length) failures.push(`${rel}:\n${describeViolations(result.violations)}`);
          if (errors.length) failures.push(`${rel}: script errors: ${errors.join("; ")}`);
          await context.close();
        }
        assert.ok(spanish.length >= 15, `only ${spanish.length} Spanish pages`);
        assert.equal(failures.length, 0, failures.join("\n"));
      });
    }

    test("on every page, each link into the other language is marked with that language", async () => {
      const failures = [];
      for (const rel of pages.filter((p) => !p.startsWith("codes/"))) {
        const { page, context } = await session.open(rel, { javaScriptEnabled: false });
        const links = await page.locator("a[hreflang]").evaluateAll((as) =>
          as.map((a) => ({ hreflang: a.getAttribute("hreflang"), lang: a.closest("[lang]").getAttribute("lang"), text: a.textContent.trim() })),
        );
        for (const l of links) {
          if (primary(l.lang) !== primary(l.hreflang)) failures.push(`${rel}: "${l.text}" goes to ${l.hreflang} but is marked lang="${l.lang}"`);
        }
        await context.close();
      }
      assert.equal(failures.length, 0, failures.join("\n"));
    });

    for (const mode of ["http", "file"]) {
      const root = () => (mode === "http" ? session.url : session.fileUrl);

      test(`the switcher goes from each article to its translation and back (${mode})`, async () => {
        const failures = [];
        for (const p of pairs) failures.push(...(await roundTrip(session, root(), p.en, p.es, { en: p.enTitle, es: p.esTitle })));
        assert.equal(failures.length, 0, failures.join("\n"));
      });

      test(`the switcher pairs each language's home, glossary, A–Z, topics and accessibility pages (${mode})`, async () => {
        const failures = [];
        for (const rel of INDEX_PAGES) failures.push(...(await roundTrip(session, root(), rel, `es/${rel}`)));
        assert.equal(failures.length, 0, failures.join("\n"));
      });

      test(`on an English-only page the switcher says so in Spanish and offers the Spanish home (${mode})`, async () => {
        assert.ok(englishOnly.includes("gene-therapy-rare-diseases-review/index.html"), `English-only pages: ${englishOnly}`);
        const failures = [];
        for (const rel of englishOnly) failures.push(...(await noPair(session, root(), rel, "es", "es/index.html")));
        assert.equal(failures.length, 0, failures.join("\n"));
      });
    }
  });
}

/** The two-language fixture site of tests/languages.rs: it has a public address (base_url). */
const BILINGUAL = path.join(REPO, "tests/fixtures/bilingual");
const BILINGUAL_BASE = YAML.parse(fs.readFileSync(path.join(BILINGUAL, "site.yaml"), "utf8")).base_url;

for (const theme of THEMES) {
  describe(`the language switcher on tests/fixtures/bilingual (a site with a public address), theme ${theme}`, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plainleaf-switch-"));
    const output = path.join(dir, "public");
    const session = siteSession(output, {
      check: () => {
        fs.cpSync(BILINGUAL, path.join(dir, "site"), { recursive: true });
        execFileSync(BIN, ["build", "--root", path.join(dir, "site"), "--theme", theme, "--output", output, "--allow-stale"], { stdio: "pipe" });
      },
    });

    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    for (const mode of ["http", "file"]) {
      const root = () => (mode === "http" ? session.url : session.fileUrl);

      // A public address makes the head's links absolute; the switcher's must stay relative
      // to work from file:// and on a copy of the site.
      test(`a translation with its own address is reached both ways (${mode})`, async () => {
        const failures = await roundTrip(session, root(), "gene-therapy/index.html", "es/terapia-genica/index.html", {
          en: "Gene therapy",
          es: "Terapia génica",
        });
        failures.push(...(await roundTrip(session, root(), "index.html", "es/index.html")));
        assert.equal(failures.length, 0, failures.join("\n"));
      });

      test(`a page in one language only offers the other language's home (${mode})`, async () => {
        const failures = await noPair(session, root(), "asthma/index.html", "es", "es/index.html");
        failures.push(...(await noPair(session, root(), "es/solo-en-espanol/index.html", "en", "index.html")));
        assert.equal(failures.length, 0, failures.join("\n"));
      });
    }

    // A 404 page is served at any address, so with a public address all its links are
    // absolute (src/render/pages.rs not_found): the switcher's too.
    test("the 404 pages' switcher links to the other language's home at its public address", async () => {
      const failures = [];
      for (const [rel, other, home] of [
        ["404.html", "es", "es/index.html"],
        ["es/404.html", "en", "index.html"],
      ]) {
        const { page, context } = await session.open(rel);
        const [entry] = await switcherOf(page);
        if (entry?.language !== other || entry.href !== BILINGUAL_BASE + home) {
          failures.push(`${rel}: the switcher links to ${entry?.href}, not ${BILINGUAL_BASE + home}`);
        }
        // A missing page is missing in every language: no "not in English yet" note.
        if (entry?.missing !== null) failures.push(`${rel}: the switcher says "${entry?.missing}"`);
        await context.close();
      }
      assert.equal(failures.length, 0, failures.join("\n"));
    });
  });
}
