// Accessibility checks beyond axe's page-wide sweep (themes.test.mjs), in headless Chromium:
// the search form's Search button (over HTTP, from file:// and without JavaScript), and the
// callout and "when to get help" cards of the callout fixture site (fixtures/callouts): axe
// in light and dark mode, the hidden urgency prefix read first by the accessibility tree, and
// cards that stay distinguishable in print and in greyscale, where colour says nothing.
//
// Run through ./run.sh, which builds the bundled site into $PLAINLEAF_SITES/<theme>/ and the
// callout fixture into $PLAINLEAF_SITES/callouts-<theme>/.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { describeViolations, runAxe, siteSession } from "./chromium.mjs";

const SITES = process.env.PLAINLEAF_SITES;
const THEMES = (process.env.PLAINLEAF_THEMES || "clinic contrast").split(/\s+/).filter(Boolean);
const ARTICLE = "gene-therapy-basics/index.html";

assert.ok(SITES, "set PLAINLEAF_SITES to the folder holding one built site per theme (run.sh does)");

/** The page a link of the site in `siteDir` names, relative to the site (file:// or http://). */
function pageOf(siteDir, href) {
  const file = decodeURIComponent(new URL(href).pathname);
  return href.startsWith("file:") ? path.relative(siteDir, file) : file.slice(1);
}

/** The article's title, as the search results show it. */
function titleOf(siteDir, rel) {
  const html = fs.readFileSync(path.join(siteDir, rel), "utf8");
  return html.match(/<h1>([^<]+)<\/h1>/)[1].trim();
}

for (const theme of THEMES) {
  describe(`search button, theme ${theme}`, () => {
    const siteDir = path.join(SITES, theme);
    const session = siteSession(siteDir);

    for (const mode of ["http", "file"]) {
      test(`clicking Search opens the best result (${mode})`, async () => {
        const base = mode === "http" ? session.url : session.fileUrl;
        const { page, context, errors } = await session.open(base + "index.html");
        const form = page.locator('form[role="search"]');
        await form.waitFor({ state: "visible" });
        const button = form.getByRole("button", { name: "Search", exact: true });
        assert.equal(await button.count(), 1, "one Search button, named by its text");
        assert.equal(await button.getAttribute("type"), "submit");
        const box = await button.boundingBox();
        assert.ok(box.height >= 44 && box.width >= 44, `the button is a 44 px target: ${JSON.stringify(box)}`);
        // Styled by the theme, not the browser's default grey button.
        const style = await button.evaluate((b) => getComputedStyle(b).borderTopWidth);
        assert.ok(parseFloat(style) >= 2, `the theme draws the button's border (${style})`);
        await form.locator('input[type="search"]').fill("gene therapy");
        await page.waitForFunction(() => /result/.test(document.querySelector('[role="status"]').textContent));
        const best = await page.locator(".search-results a").first().evaluate((a) => a.href);
        assert.notEqual(best, page.url());
        await Promise.all([page.waitForURL(best), button.click()]);
        assert.ok(titleOf(siteDir, pageOf(siteDir, best)).length > 0, `landed on a page: ${best}`);
        assert.deepEqual(errors, []);
        await context.close();
      });
    }

    test("the button is reached by Tab straight after the box", async () => {
      const { page, context } = await session.open(ARTICLE);
      await page.locator('form[role="search"]').waitFor({ state: "visible" });
      await page.focus('form[role="search"] input[type="search"]');
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => [document.activeElement.tagName, document.activeElement.type]);
      assert.deepEqual(focused, ["BUTTON", "submit"]);
      await context.close();
    });

    test("without JavaScript no button that cannot work is shown; the A–Z link is", async () => {
      const { page, context } = await session.open("index.html", { javaScriptEnabled: false });
      assert.equal(await page.locator("button.search-submit").isVisible(), false);
      assert.equal(await page.locator("a.search-az").isVisible(), true);
      await context.close();
    });
  });
}

/** What a screen reader must hear first in each kind of card (src/markdown/callout.rs, i18n). */
const PREFIX = {
  emergency: "Immediate action required:",
  urgent: "Urgent advice:",
  "non-urgent": "Non-urgent advice:",
  warning: "Warning:",
  note: "Note:",
  tip: "Tip:",
  important: "Important:",
  caution: "Caution:",
  do: "Do:",
  dont: "Don't:",
};
/** The callout fixture's two pages: every `> [!KIND]` marker, and the get_help cards. */
const CALLOUT_PAGES = ["every-callout/index.html", "when-to-get-help/index.html"];

/** The kind of a card element's class list (`callout callout-non-urgent` -> `non-urgent`). */
function kindOf(className) {
  return className.split(/\s+/).find((c) => c.startsWith("callout-")).slice("callout-".length);
}

/** Relative luminance of a CSS rgb()/rgba() colour: the only thing greyscale keeps of it. */
function luminance(css) {
  const [r, g, b, a = 1] = css.match(/[\d.]+/g).map(Number);
  if (a === 0) return "none";
  const lin = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return (0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)).toFixed(2);
}

for (const theme of THEMES) {
  describe(`callouts and care cards, theme ${theme}`, () => {
    const siteDir = path.join(SITES, `callouts-${theme}`);
    const { open } = siteSession(siteDir, {
      check: () => assert.ok(fs.existsSync(path.join(siteDir, CALLOUT_PAGES[0])), `run.sh builds fixtures/callouts into ${siteDir}`),
    });

    test("the fixture has every callout kind and every care level", async () => {
      const kinds = new Set();
      for (const rel of CALLOUT_PAGES) {
        const { page, context } = await open(rel);
        for (const c of await page.locator(".callout").evaluateAll((els) => els.map((e) => e.className))) {
          kinds.add(kindOf(c));
        }
        await context.close();
      }
      assert.deepEqual([...kinds].sort(), Object.keys(PREFIX).sort());
    });

    for (const scheme of ["light", "dark"]) {
      test(`axe-core finds no violations on the cards (${scheme})`, async () => {
        const failures = [];
        for (const rel of CALLOUT_PAGES) {
          const { page, context } = await open(rel, { colorScheme: scheme });
          const dark = await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches);
          assert.equal(dark, scheme === "dark", "the colour scheme is emulated");
          const result = await runAxe(page);
          if (result.violations.length) failures.push(`${rel}:\n${describeViolations(result.violations)}`);
          // axe skips what it cannot decide; colour contrast on the cards must be decided.
          // Icons are aria-hidden glyphs (a star, a tick, a cross) whose contrast axe leaves
          // undecided; the words beside them must not be.
          const unsure = result.incomplete
            .filter((r) => r.id === "color-contrast")
            .flatMap((r) => r.nodes.map((n) => n.target.join(" ")))
            .filter((t) => t.includes("callout") && !t.includes('[aria-hidden="true"]'));
          if (unsure.length) failures.push(`${rel}: contrast not decidable: ${unsure.join(", ")}`);
          await context.close();
        }
        assert.equal(failures.length, 0, failures.join("\n"));
      });
    }

    test("the accessibility tree reads each card's urgency prefix first", async () => {
      const failures = [];
      let cards = 0;
      for (const rel of CALLOUT_PAGES) {
        const { page, context } = await open(rel);
        const cdp = await context.newCDPSession(page);
        await cdp.send("DOM.enable");
        await cdp.send("Accessibility.enable");
        const { root } = await cdp.send("DOM.getDocument", { depth: 0 });
        const { nodeIds } = await cdp.send("DOM.querySelectorAll", { nodeId: root.nodeId, selector: ".callout" });
        const { nodes } = await cdp.send("Accessibility.getFullAXTree");
        const byId = new Map(nodes.map((n) => [n.nodeId, n]));
        const byBackend = new Map(nodes.filter((n) => n.backendDOMNodeId).map((n) => [n.backendDOMNodeId, n]));
        for (const nodeId of nodeIds) {
          const { node } = await cdp.send("DOM.describeNode", { nodeId });
          const className = node.attributes[node.attributes.indexOf("class") + 1];
          const kind = kindOf(className);
          cards++;
          const card = byBackend.get(node.backendNodeId);
          if (!card) {
            failures.push(`${rel}: the ${kind} card is not in the accessibility tree`);
            continue;
          }
          // Depth first, in reading order: the first text a screen reader meets in the card.
          const texts = [];
          let heading = null;
          const walk = (n) => {
            if (!n || texts.length) return;
            const role = n.role?.value;
            if (role === "heading" && !heading) heading = n;
            if (!n.ignored && role === "StaticText" && n.name?.value.trim()) {
              texts.push(n.name.value.trim());
              return;
            }
            for (const id of n.childIds || []) walk(byId.get(id));
          };
          walk(card);
          // A card whose heading the writer left out is headed by its kind's name ("Note"):
          // then that name is the first thing read, and the whole heading.
          const label = PREFIX[kind].replace(/:$/, "");
          const name = (heading?.name?.value || "").trim();
          const labelOnly = texts[0] === label && name === label;
          if (texts[0] !== PREFIX[kind] && !labelOnly) {
            failures.push(`${rel}: the ${kind} card's first text is ${JSON.stringify(texts[0])}, not "${PREFIX[kind]}"`);
          }
          if (!labelOnly && (!name.startsWith(PREFIX[kind]) || name === PREFIX[kind])) {
            failures.push(`${rel}: the ${kind} card's heading is named ${JSON.stringify(name)}; it should be "${PREFIX[kind]} ..."`);
          }
          // The icon is decoration: it must not be read between the prefix and the words.
          if (/^[!i\u2605\u2713\u2717](\s|$)/.test(labelOnly ? name : name.slice(PREFIX[kind].length).trim())) {
            failures.push(`${rel}: the ${kind} icon is read: ${name}`);
          }
        }
        await context.close();
      }
      assert.ok(cards >= Object.keys(PREFIX).length, `only ${cards} cards found`);
      assert.equal(failures.length, 0, failures.join("\n"));
    });

    test("printed in black and white, the cards differ in more than colour", async () => {
      const failures = [];
      const signatures = new Map();
      for (const rel of CALLOUT_PAGES) {
        const { page, context } = await open(rel);
        await page.emulateMedia({ media: "print" });
        // Greyscale, as most handouts are printed: hue is gone, only lightness is left.
        await page.addStyleTag({ content: "html { filter: grayscale(1) !important; }" });
        const cards = await page.locator(".callout").evaluateAll((els) =>
          els.map((card) => {
            const s = getComputedStyle(card);
            const heading = card.querySelector(".callout-heading");
            const icon = card.querySelector(".callout-icon");
            // The printed label: the hidden prefix made visible, or the heading itself when
            // the writer gave none (then it is the kind's name).
            const prefix = card.querySelector(".callout-prefix") || heading;
            const box = prefix.getBoundingClientRect();
            const bullet = getComputedStyle(card.querySelector("li") || card, "::before").content;
            return {
              className: card.className,
              frame: ["Top", "Left"].map((side) => `${s[`border${side}Style`]} ${Math.round(parseFloat(s[`border${side}Width`]))}px`).join(" / "),
              headingBackground: getComputedStyle(heading).backgroundColor,
              borderColor: s.borderTopColor,
              icon: icon.getClientRects().length
                ? `${icon.textContent} ${getComputedStyle(icon).borderRadius === "50%" ? "round" : "square"}`
                : "none",
              bullet: bullet === "none" || bullet === "normal" ? "" : bullet,
              prefixText: [...prefix.childNodes].filter((n) => !n.classList?.contains("callout-icon")).map((n) => n.textContent).join("").trim(),
              prefixShown: box.width > 20 && box.height > 5 && ["auto", ""].includes(getComputedStyle(prefix).clip),
            };
          }),
        );
        for (const c of cards) {
          const kind = kindOf(c.className);
          if (!c.prefixShown || !c.prefixText.toLowerCase().startsWith(PREFIX[kind].replace(/:$/, "").toLowerCase())) {
            failures.push(`${rel}: the ${kind} card's label is not printed (${JSON.stringify(c.prefixText)})`);
          }
          if (luminance(c.borderColor) !== "0.00") failures.push(`${rel}: the ${kind} frame is ${c.borderColor} on paper, not black`);
          // What is left to tell a card's kind when colour carries nothing: its frame, the
          // lightness of its heading band, its icon and list marks (the label is checked above).
          const signature = `${c.frame}; band ${luminance(c.headingBackground)}; icon ${c.icon}; marks ${c.bullet}`;
          signatures.set(kind, [...(signatures.get(kind) || []), signature]);
        }
        await context.close();
      }
      // One signature per kind (a get_help card looks like the callout of its level)...
      for (const [kind, list] of signatures) {
        if (new Set(list).size !== 1) failures.push(`the ${kind} cards do not all look the same in print: ${list.join(" | ")}`);
      }
      // ...and no two kinds share one, even without their printed labels.
      const seen = new Map();
      for (const [kind, [signature]] of signatures) {
        if (seen.has(signature)) failures.push(`${kind} and ${seen.get(signature)} look the same in print without colour: ${signature}`);
        seen.set(signature, kind);
      }
      // The three care levels: the frame alone tells them apart, most serious the heaviest.
      const frames = ["emergency", "urgent", "non-urgent"].map((k) => signatures.get(k)?.[0].split(";")[0]);
      if (new Set(frames).size !== 3) failures.push(`the care levels share a frame in print: ${frames.join(" | ")}`);
      assert.equal(failures.length, 0, failures.join("\n"));
    });
  });
}
