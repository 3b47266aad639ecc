// The pictures of docs/callouts.md: one PNG per callout kind, and one of the "when to get
// help" cards, cut from the callout fixture (fixtures/callouts) built with the clinic theme
// and shown in headless Chromium. Run it again after a change to the cards' look:
//
//   node tests/browser/callout-screenshots.mjs            # uses target/release/plainleaf
//   PLAINLEAF_BIN=path/to/plainleaf node tests/browser/callout-screenshots.mjs
//
// It writes docs/images/callout-<kind>.png and docs/images/callout-get-help.png.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "./chromium.mjs";
import { serve } from "./server.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const bin = process.env.PLAINLEAF_BIN || path.join(repo, "target/release/plainleaf");
const outDir = path.join(repo, "docs/images");

if (!fs.existsSync(bin)) {
  console.error(`error: no plainleaf binary at ${bin}\nhelp: run cargo build --release, or set PLAINLEAF_BIN`);
  process.exit(2);
}

const site = fs.mkdtempSync(path.join(os.tmpdir(), "plainleaf-callouts-"));
// A fixed build date, so the pictures do not change with today's date.
const env = { ...process.env, SOURCE_DATE_EPOCH: process.env.SOURCE_DATE_EPOCH || "1796083200" };
execFileSync(bin, ["build", "--root", path.join(here, "fixtures/callouts"), "--theme", "clinic", "--output", site], {
  env,
  stdio: ["ignore", "ignore", "ignore"],
});

const server = await serve(site);
const browser = await launchChromium();
const written = [];
try {
  const context = await browser.newContext({ viewport: { width: 720, height: 900 }, colorScheme: "light" });
  const page = await context.newPage();
  fs.mkdirSync(outDir, { recursive: true });

  await page.goto(server.url + "every-callout/index.html", { waitUntil: "load" });
  for (const card of await page.locator(".content .callout").all()) {
    const kind = (await card.getAttribute("class")).split(/\s+/).find((c) => c.startsWith("callout-")).slice(8);
    const file = path.join(outDir, `callout-${kind}.png`);
    await card.screenshot({ path: file });
    written.push(file);
  }

  await page.goto(server.url + "when-to-get-help/index.html", { waitUntil: "load" });
  const file = path.join(outDir, "callout-get-help.png");
  await page.locator("section.get-help").screenshot({ path: file });
  written.push(file);
  await context.close();
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(site, { recursive: true, force: true });
}
for (const file of written) console.log(`wrote ${path.relative(repo, file)}`);
