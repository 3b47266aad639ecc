// Site search in headless Chromium, over HTTP and from file:// (where fetch() of JSON is
// blocked, which is why the index is a script). Builds nothing: point it at a built site.
//
//   SITE_DIR=/abs/path/public [SITE_URL=http://127.0.0.1:8000/] node --test search.test.mjs
//
// Without SITE_URL a small static server is started on a free port.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { launchChromium } from "./chromium.mjs";

const SITE_DIR = process.env.SITE_DIR && path.resolve(process.env.SITE_DIR);
const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".xml": "application/xml" };

assert.ok(SITE_DIR, "set SITE_DIR to a built site folder (plainleaf build --output DIR)");
assert.ok(fs.existsSync(path.join(SITE_DIR, "search", "index.js")), `${SITE_DIR} has no search/index.js`);

/** Serve a folder read-only on 127.0.0.1; resolves to [server, base URL]. */
function serveFolder(dir) {
  const server = http.createServer((req, res) => {
    let rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (rel.endsWith("/")) rel += "index.html";
    const file = path.join(dir, rel);
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve([server, `http://127.0.0.1:${server.address().port}/`])));
}

/** Visible text of a page's article body (tags dropped), lowercase. */
function bodyText(rel) {
  const html = fs.readFileSync(path.join(SITE_DIR, rel), "utf8");
  const start = html.indexOf('<div class="content">');
  const main = start >= 0 ? html.slice(start) : html;
  return main.replace(/<script[\s\S]*?<\/script>/g, " ").replace(/<[^>]+>/g, " ").toLowerCase();
}

/** Every article page (top-level folder with index.html, not a site page). */
function articlePages() {
  return fs.readdirSync(SITE_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !["glossary", "topics", "a-z", "css", "js"].includes(e.name))
    .map((e) => `${e.name}/index.html`)
    .filter((rel) => fs.existsSync(path.join(SITE_DIR, rel)));
}

/** The article's title, and a long word from its body that no other page uses. */
function articleFacts(slug) {
  const rel = `${slug}/index.html`;
  const html = fs.readFileSync(path.join(SITE_DIR, rel), "utf8");
  const title = html.match(/<h1>([^<]+)<\/h1>/)[1].trim();
  const others = articlePages().filter((p) => p !== rel).map(bodyText).join(" ")
    + bodyText("glossary/index.html");
  const word = bodyText(rel).split(/[^a-z]+/).find((w) => w.length >= 9 && !others.includes(w.slice(0, 7)));
  assert.ok(word, `no word unique to ${rel}`);
  return { title, word };
}

const modes = [];
let server;
let browser;

before(async () => {
  let siteUrl = process.env.SITE_URL;
  if (!siteUrl) {
    [server, siteUrl] = await serveFolder(SITE_DIR);
  }
  if (!siteUrl.endsWith("/")) siteUrl += "/";
  modes.push(["http", siteUrl], ["file", pathToFileURL(SITE_DIR).href + "/"]);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function openPage(base, rel) {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(base + rel);
  await page.waitForSelector('form[role="search"]:not([hidden])', { timeout: 5000 });
  return { page, errors };
}

async function resultTitles(page, query) {
  const input = page.locator('form[role="search"] input[type="search"]');
  await input.fill("");
  // Forget the last query's status, so the wait below is for this query's.
  await page.evaluate(() => { document.querySelector('[role="status"]').textContent = ""; });
  await input.pressSequentially(query, { delay: 20 });
  await page.waitForFunction(() => /result/.test(document.querySelector('[role="status"]').textContent), null, { timeout: 5000 });
  return page.locator(".search-results .search-title").allTextContents();
}

for (const mode of ["http", "file"]) {
  describe(`search over ${mode}`, () => {
    const base = () => modes.find(([m]) => m === mode)[1];

    test("a word from an article's body finds that article", async () => {
      const { title, word } = articleFacts("gene-therapy-basics");
      const { page, errors } = await openPage(base(), "index.html");
      const titles = await resultTitles(page, word);
      assert.ok(titles.includes(title), `${JSON.stringify(titles)} should include ${title}`);
      const status = await page.locator('[role="status"]').getAttribute("aria-live");
      assert.equal(status, "polite");
      assert.deepEqual(errors, []);
      await page.close();
    });

    test("a glossary synonym (haematopoietic) finds the hematopoietic pages and the entry", async () => {
      const { title } = articleFacts("regenerative-medicine-autoimmune-conditions");
      const { page, errors } = await openPage(base(), "gene-therapy-basics/index.html");
      const titles = await resultTitles(page, "haematopoietic");
      assert.ok(titles.includes(title), `${JSON.stringify(titles)} should include ${title}`);
      assert.ok(titles.some((t) => /hematopoietic stem cells/i.test(t)), `${JSON.stringify(titles)} should include the glossary entry`);
      // Result links are relative to this page, one folder down.
      const href = await page.locator(".search-results a").first().getAttribute("href");
      assert.ok(href.startsWith("../"), href);
      assert.deepEqual(errors, []);
      await page.close();
    });

    test("nothing is loaded before the search box is used, then only the shards the words need", async () => {
      const { page, errors } = await openPage(base(), "index.html");
      const loadedScripts = () => page.evaluate(() =>
        Array.from(document.querySelectorAll("script[src]")).map((s) => s.getAttribute("src")).filter((s) => /search\//.test(s)));
      assert.deepEqual(await loadedScripts(), [], "no part of the index before the box is used");
      await resultTitles(page, "haematopoietic");
      const shards = fs.readdirSync(path.join(SITE_DIR, "search")).filter((f) => f !== "index.js");
      const loaded = await loadedScripts();
      assert.ok(loaded.some((s) => s.endsWith("search/index.js")), JSON.stringify(loaded));
      assert.deepEqual(loaded.filter((s) => !s.endsWith("index.js")).map((s) => s.split("/").pop()), ["ha.js"]);
      assert.ok(shards.length > 20, `the index is split into many shards (${shards.length})`);
      assert.deepEqual(errors, []);
      await page.close();
    });

    test("keyboard: arrows move through results, Enter opens, Esc clears", async () => {
      const { page } = await openPage(base(), "index.html");
      await resultTitles(page, "gene therapy");
      await page.keyboard.press("ArrowDown");
      const first = await page.evaluate(() => document.activeElement.textContent);
      await page.keyboard.press("ArrowDown");
      const second = await page.evaluate(() => document.activeElement.textContent);
      assert.notEqual(first, second);
      await page.keyboard.press("ArrowUp");
      assert.equal(await page.evaluate(() => document.activeElement.textContent), first);
      await page.keyboard.press("Escape");
      assert.equal(await page.locator('input[type="search"]').inputValue(), "");
      assert.equal(await page.locator(".search-results li").count(), 0);
      assert.equal(await page.evaluate(() => document.activeElement.type), "search");
      const { title, word } = articleFacts("gene-therapy-basics");
      assert.deepEqual(await resultTitles(page, word), [title]);
      await page.keyboard.press("ArrowDown");
      await Promise.all([page.waitForURL(/gene-therapy-basics\/index\.html$/), page.keyboard.press("Enter")]);
      await page.close();
    });
  });
}

/** The Spanish article pages of a bilingual site (es/<slug>/index.html), when it has them. */
function spanishPages() {
  const es = path.join(SITE_DIR, "es");
  if (!fs.existsSync(path.join(es, "search", "index.js"))) return [];
  return fs.readdirSync(es, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !["glossary", "topics", "a-z", "search", "css", "js", "accessibility", "images"].includes(e.name))
    .map((e) => `es/${e.name}/index.html`)
    .filter((rel) => fs.existsSync(path.join(SITE_DIR, rel)) && /<h1>/.test(fs.readFileSync(path.join(SITE_DIR, rel), "utf8")));
}

// A bilingual site (languages: [en, es]) has a Spanish index under es/: a Spanish search finds
// a Spanish page by an accented word and by the same word typed without accents, and never
// lists a page outside es/.
describe("Spanish search on a bilingual site", { skip: spanishPages().length === 0 && "the site has no Spanish pages" }, () => {
  for (const mode of ["http", "file"]) {
    test(`accented and unaccented words find the Spanish page, never an English one (${mode})`, async () => {
      const base = modes.find(([m]) => m === mode)[1];
      const rel = spanishPages()[0];
      const html = fs.readFileSync(path.join(SITE_DIR, rel), "utf8");
      const title = html.match(/<h1>([^<]+)<\/h1>/)[1].trim();
      const others = spanishPages().filter((p) => p !== rel).map(bodyText).join(" ");
      const words = bodyText(rel).split(/[^a-záéíóúüñ]+/).filter((w) => w.length >= 7 && /[áéíóú]/.test(w) && !/ñ/.test(w));
      // Best a word no other Spanish page has, so the page is among the first results.
      const accented = words.find((w) => !others.includes(w.slice(0, 6))) || words[0];
      assert.ok(accented, `no accented word on ${rel}`);
      const unique = !others.includes(accented.slice(0, 6));
      const plain = accented.normalize("NFD").replace(/[\u0301\u0308]/g, "");
      const { page, errors } = await openPage(base, "es/index.html");
      for (const query of [accented, plain]) {
        const titles = await resultTitles(page, query);
        if (unique) assert.ok(titles.includes(title), `${query}: ${JSON.stringify(titles)} should include ${title}`);
        else assert.ok(titles.length > 0, `${query} finds nothing`);
        const hrefs = await page.locator(".search-results a").evaluateAll((links) => links.map((a) => a.href));
        for (const href of hrefs) assert.match(new URL(href).pathname, /\/es\//, `${query} lists ${href}, not a Spanish page`);
      }
      assert.deepEqual(errors, []);
      await page.close();
    });
  }
});

test("without JavaScript the A–Z link is offered instead of the search box", async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(modes[0][1] + "index.html");
  assert.equal(await page.locator('form[role="search"]').isVisible(), false);
  const az = page.locator("a.search-az");
  assert.equal(await az.isVisible(), true);
  assert.match(await az.getAttribute("href"), /a-z\/index\.html$/);
  await context.close();
});
