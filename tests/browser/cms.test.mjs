// The Decap CMS admin page that `plainleaf new --cms decap` writes (docs/cms.md), in headless
// Chromium with Decap's in-memory `test-repo` backend holding the new site's files: the page
// and glossary collections show their fields, a page's summary is edited and saved, and the
// Markdown the CMS saved (read back from the backend) builds with `plainleaf build`.
//
// Run through ./run.sh (PLAINLEAF_BIN is the release binary; the CMS is the decap-cms package
// installed here from package.json).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "./chromium.mjs";
import { serve } from "./server.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BIN = process.env.PLAINLEAF_BIN;
assert.ok(BIN, "set PLAINLEAF_BIN to the plainleaf binary (run.sh does)");
const WAIT = { timeout: 30_000 };
// Longer than a YAML line, with ": ", quotes and "#", so the CMS's quoting and line folding are
// what the build reads back.
const NEW_SUMMARY =
  'A short guide to this library: what is in it, who checks it, and what "plain words" #1 means for you and your family.';

let dir;
let site;
let server;
let browser;
let page;

/** The site's content/ files as test-repo's `window.repoFiles` tree: { content: { "a.md": { content } } }. */
function repoFiles() {
  const files = {};
  for (const name of fs.readdirSync(path.join(site, "content"))) {
    files[name] = { content: fs.readFileSync(path.join(site, "content", name), "utf8") };
  }
  return { content: files };
}

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "plainleaf-cms-"));
  site = path.join(dir, "site");
  execFileSync(BIN, ["new", site, "--cms", "decap", "--cms-from", path.join(HERE, "node_modules", "decap-cms")]);
  execFileSync(BIN, ["build", "--root", site], { stdio: "pipe" });
  server = await serve(path.join(site, "public"));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  // The generated config.yml as written, with the backend swapped for the in-memory one.
  await page.route("**/admin/config.yml", async (route) => {
    const written = fs.readFileSync(path.join(site, "public", "admin", "config.yml"), "utf8");
    const body = written.replace(/^backend:\n(?: {2}.*\n)+/m, "backend:\n  name: test-repo\n").replace(/^local_backend: true\n/m, "");
    assert.notEqual(body, written, "the backend was swapped");
    await route.fulfill({ status: 200, contentType: "text/yaml", body });
  });
  // Nothing but the local server: the admin page must not need the network.
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  await page.addInitScript((files) => { window.repoFiles = files; }, repoFiles());
  await page.goto(`${server.url}admin/index.html`);
  await page.getByRole("button", { name: /login/i }).click(WAIT);
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test("the admin page lists the page and glossary collections", async () => {
  await page.getByRole("link", { name: "Pages" }).first().waitFor(WAIT);
  await page.getByRole("link", { name: "Glossary" }).first().waitFor(WAIT);
});

test("the glossary opens with its terms and their fields", async () => {
  await page.getByRole("link", { name: "Glossary" }).first().click();
  await page.getByText("Glossary", { exact: true }).last().waitFor(WAIT);
  await page.locator("a", { hasText: /^Glossary$/ }).last().click();
  await page.getByText("vaccine").first().waitFor(WAIT);
  let labels = await page.locator("label").allTextContents();
  assert.ok(labels.some((l) => /Terms/.test(l)), `a Terms list: ${labels.join(" | ")}`);
  if (process.env.CMS_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.CMS_SCREENSHOTS, "cms-glossary-list.png") });
  // Open the entry: its fields come from the glossary schema.
  await page.locator('[class*="ListItemTopBar"] button').first().click();
  await page.locator("label", { hasText: /^Plain/ }).first().waitFor(WAIT);
  labels = (await page.locator("label").allTextContents()).map((l) => l.trim());
  for (const field of ["Term", "Plain", "Also", "More", "See", "Case sensitive"]) {
    assert.ok(labels.some((l) => l.startsWith(field)), `glossary field ${field} in: ${labels.join(" | ")}`);
  }
  if (process.env.CMS_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.CMS_SCREENSHOTS, "cms-glossary.png") });
});

test("a page's summary edited and published builds with plainleaf build", async () => {
  await page.goto(`${server.url}admin/index.html#/collections/pages`);
  await page.getByText("Welcome to your health library").first().click(WAIT);
  const labels = (await page.locator("label").allTextContents()).map((l) => l.trim());
  for (const field of ["Title", "Seed", "Summary", "Key points", "Actions", "Questions to ask", "Topics", "Reviewed", "Body"]) {
    assert.ok(labels.some((l) => l.startsWith(field)), `field ${field} in: ${labels.join(" | ")}`);
  }
  const summary = page.locator("textarea").first();
  await summary.fill(NEW_SUMMARY);
  if (process.env.CMS_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.CMS_SCREENSHOTS, "cms-page.png") });
  await page.getByRole("button", { name: /^publish$/i }).click();
  await page.getByText(/publish now/i).click();
  if (process.env.CMS_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.CMS_SCREENSHOTS, "cms-published.png") });
  const before = fs.readFileSync(path.join(site, "content", "welcome.md"), "utf8");
  await page.waitForFunction((old) => window.repoFiles.content["welcome.md"].content !== old, before, WAIT);
  const saved = await page.evaluate(() => window.repoFiles.content["welcome.md"].content);
  fs.writeFileSync(path.join(dir, "saved-by-decap.md"), saved);
  fs.writeFileSync(path.join(site, "content", "welcome.md"), saved);
  execFileSync(BIN, ["build", "--root", site], { stdio: "pipe" });
  const html = fs.readFileSync(path.join(site, "public", "welcome", "index.html"), "utf8");
  // The page's description is the summary exactly as written, quotes and all.
  const described = `<meta name="description" content="${NEW_SUMMARY.replace(/"/g, "&quot;")}">`;
  assert.ok(html.includes(described), `the built page has the new summary:\n${saved}`);
  assert.ok(html.includes("Who reviews our pages before they are published?"), "and keeps the rest");
  if (process.env.KEEP_CMS_OUTPUT) fs.copyFileSync(path.join(dir, "saved-by-decap.md"), process.env.KEEP_CMS_OUTPUT);
});
