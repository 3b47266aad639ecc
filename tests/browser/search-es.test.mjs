// Spanish site search in headless Chromium: a site written in Spanish (`language: es`) gets
// a Spanish index (index.js names "es"), and search.js folds and stems the query by the
// Spanish rules: a word is found with or without its accents, in the singular or the plural,
// while ñ stays a letter of its own ("año" is not "ano"). Over HTTP and from file://.
//
// Run through ./run.sh, which sets PLAINLEAF_BIN (it builds its own small site).
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { launchChromium } from "./chromium.mjs";
import { serve } from "./server.mjs";

const BIN = process.env.PLAINLEAF_BIN;
assert.ok(BIN, "set PLAINLEAF_BIN to the plainleaf binary (run.sh does)");

/** A page with every part present. */
function page(title, body) {
  return `---\ntitle: "${title}"\nsummary: ${body.split(".")[0]}.\nkey_points: [Un punto]\nactions: [Llame a su médico]\n` +
    `reviewed: { on: 2026-06-01, by: "Ana Ruiz, RN" }\n---\n${body}\n`;
}

const PAGES = {
  "celulas-madre.md": page("Las células madre", "Las células madre forman la sangre. Los médicos las usan en trasplantes."),
  "cumpleanos.md": page("Vacunas para el primer año", "Su bebé recibe vacunas durante el primer año de vida. Pregunte en la consulta."),
  "hemorroides.md": page("Molestias en el ano", "Las hemorroides causan picor en el ano. Beba agua y coma fibra."),
};

let site;
let output;
let server;
let browser;
const modes = [];

before(async () => {
  site = fs.mkdtempSync(path.join(os.tmpdir(), "plainleaf-es-"));
  fs.writeFileSync(path.join(site, "site.yaml"), "title: Clínica Ribera\nlanguage: es-US\n");
  fs.mkdirSync(path.join(site, "content"));
  for (const [file, text] of Object.entries(PAGES)) fs.writeFileSync(path.join(site, "content", file), text);
  output = path.join(site, "public");
  execFileSync(BIN, ["build", "--root", site, "--output", output, "--allow-stale"], { stdio: "pipe" });
  server = await serve(output);
  modes.push(["http", server.url], ["file", pathToFileURL(output).href + "/"]);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (site) fs.rmSync(site, { recursive: true, force: true });
});

test("the index names its language", () => {
  const index = fs.readFileSync(path.join(output, "search", "index.js"), "utf8");
  assert.match(index, /"v":3,"lang":"es-US"/);
});

async function resultTitles(page, query) {
  const input = page.locator('form[role="search"] input[type="search"]');
  await input.fill("");
  // Forget the last query's status, so the wait below is for this query's.
  await page.evaluate(() => { document.querySelector('[role="status"]').textContent = ""; });
  await input.pressSequentially(query, { delay: 20 });
  await page.waitForFunction(() => /\d|result|resultado/i.test(document.querySelector('[role="status"]').textContent), null, { timeout: 5000 });
  return page.locator(".search-results .search-title").allTextContents();
}

for (const mode of ["http", "file"]) {
  describe(`Spanish search over ${mode}`, () => {
    const base = () => modes.find(([m]) => m === mode)[1];

    test("accented and unaccented, singular and plural words find the page; ñ stays ñ", async () => {
      const page = await browser.newPage();
      const errors = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.goto(base() + "index.html");
      await page.waitForSelector('form[role="search"]:not([hidden])', { timeout: 5000 });
      for (const query of ["células", "celulas", "CÉLULA", "celula madre", "médicos", "medico"]) {
        assert.deepEqual(await resultTitles(page, query), ["Las células madre"], query);
      }
      assert.deepEqual(await resultTitles(page, "año"), ["Vacunas para el primer año"]);
      assert.deepEqual(await resultTitles(page, "ano"), ["Molestias en el ano"]);
      assert.deepEqual(await resultTitles(page, "bebe vacunas"), ["Vacunas para el primer año"]);
      assert.deepEqual(errors, []);
      await page.close();
    });
  });
}
