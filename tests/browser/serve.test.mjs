// `plainleaf serve` in a real browser: a page edit reloads the page, a stylesheet edit
// applies without a reload, and a broken site.yaml shows the error overlay until it is fixed.
//
//   PLAINLEAF_BIN=target/release/plainleaf node --test serve.test.mjs
//
// Works on a copy of the bundled site in a temporary folder, never on the repository.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { CHROMIUM, LAUNCH_ARGS } from "./chromium.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(here, "../..");
const BIN = process.env.PLAINLEAF_BIN || path.join(process.env.CARGO_TARGET_DIR || path.join(REPO, "target"), "release/plainleaf");
const ARTICLE_SLUG = "gene-therapy-basics";
const WAIT = { timeout: 10_000 };

assert.ok(fs.existsSync(BIN), `no plainleaf binary at ${BIN} (set PLAINLEAF_BIN)`);

let root;
let server;
let serverOutput = "";
let baseUrl;
let browser;
let userDataDir;
let context;
let page;

/** The Markdown file of the article with this slug (its file name, or its `slug:`). */
function articleFile(slug) {
  const dir = path.join(root, "content");
  const named = path.join(dir, `${slug}.md`);
  if (fs.existsSync(named)) return named;
  const found = fs.readdirSync(dir).find((f) => f.endsWith(".md") && new RegExp(`^slug:\\s*${slug}\\s*$`, "m").test(fs.readFileSync(path.join(dir, f), "utf8")));
  assert.ok(found, `no content file for ${slug}`);
  return path.join(dir, found);
}

/** The stylesheet the article page links to, as a file of the copied theme. */
async function linkedStylesheet() {
  const hrefs = await page.locator('link[rel~="stylesheet"]').evaluateAll((links) => links.map((l) => new URL(l.href).pathname));
  const theme = fs.readFileSync(path.join(root, "site.yaml"), "utf8").match(/^theme:\s*(\S+)/m)?.[1] || "clinic";
  for (const href of hrefs) {
    const file = path.join(root, "themes", theme, "static", href.replace(/^\//, ""));
    if (fs.existsSync(file)) return file;
  }
  assert.fail(`none of ${hrefs.join(", ")} is a file of themes/${theme}/static`);
}

before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "plainleaf-serve-"));
  for (const name of ["site.yaml", "content", "seeds", "themes"]) {
    fs.cpSync(path.join(REPO, name), path.join(root, name), { recursive: true });
  }
  server = spawn(BIN, ["serve", "--root", root, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  server.stderr.on("data", (d) => (serverOutput += d));
  baseUrl = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start in 30 s:\n${serverOutput}`)), 30_000);
    server.stdout.on("data", (d) => {
      serverOutput += d;
      const m = serverOutput.match(/Serving .* at (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    server.on("exit", (code) => reject(new Error(`serve exited with ${code}:\n${serverOutput}`)));
  });
  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "plainleaf-chromium-"));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: LAUNCH_ARGS,
    viewport: { width: 1280, height: 900 },
  });
  browser = context;
  page = context.pages()[0] || (await context.newPage());
  await page.goto(`${baseUrl}${ARTICLE_SLUG}/`, { waitUntil: "load" });
  // The preview script is listening once its hints button is in the page.
  await page.locator("#pl-hints-toggle").waitFor(WAIT);
});

after(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    process.kill(server.pid, "SIGINT");
    await new Promise((resolve) => {
      const timer = setTimeout(() => {
        process.kill(server.pid, "SIGKILL");
        resolve();
      }, 5000);
      server.on("exit", () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  if (root) fs.rmSync(root, { recursive: true, force: true });
  if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
});

test("saving an article reloads the page and shows the new text", async () => {
  const word = `zebrafinch${Date.now()}`;
  await page.evaluate(() => (window.__beforeEdit = true));
  fs.appendFileSync(articleFile(ARTICLE_SLUG), `\n\nA new paragraph with the word ${word}.\n`);
  await page.waitForFunction((w) => document.body.textContent.includes(w), word, WAIT);
  assert.equal(await page.evaluate(() => window.__beforeEdit), undefined, "the page was reloaded");
  await page.locator("#pl-hints-toggle").waitFor(WAIT);
});

test("saving a stylesheet applies the new style without a reload", async () => {
  const css = await linkedStylesheet();
  await page.evaluate(() => (window.__beforeCssEdit = true));
  const widthBefore = await page.evaluate(() => getComputedStyle(document.documentElement).borderTopWidth);
  assert.notEqual(widthBefore, "7px");
  fs.appendFileSync(css, "\nhtml { border-top: 7px solid rgb(1, 2, 3); }\n");
  await page.waitForFunction(() => getComputedStyle(document.documentElement).borderTopWidth === "7px", null, WAIT);
  assert.equal(await page.evaluate(() => window.__beforeCssEdit), true, "the page was not reloaded");
});

test("a broken site.yaml shows an alert naming it; fixing it removes the alert", async () => {
  const siteYaml = path.join(root, "site.yaml");
  const good = fs.readFileSync(siteYaml, "utf8");
  fs.writeFileSync(siteYaml, good + "\ntitle: [unclosed\n  : : :\n");
  const overlay = page.locator('[role="alert"]', { hasText: "site.yaml" });
  await overlay.waitFor({ state: "visible", ...WAIT });
  // The preview keeps showing the last version that worked.
  assert.ok((await page.locator("h1").count()) === 1);
  // The error's file:line:column opens the file at that line in the editor.
  const link = overlay.locator("a.pl-editor-link").first();
  const href = await link.getAttribute("href");
  const where = (await link.textContent()).match(/^site\.yaml:(\d+):(\d+)$/);
  assert.ok(where, `the link names site.yaml and a line: ${await link.textContent()}`);
  assert.equal(href, `vscode://file${encodeURI(fs.realpathSync(siteYaml))}:${where[1]}:${where[2]}`);
  fs.writeFileSync(siteYaml, good);
  await overlay.waitFor({ state: "detached", ...WAIT });
  await page.locator("#pl-hints-toggle").waitFor(WAIT);
  assert.equal(await page.locator('[role="alert"]', { hasText: "site.yaml" }).count(), 0);
  assert.equal(server.exitCode, null, "the server is still running");
});
