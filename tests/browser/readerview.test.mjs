// The seed cleaner against Reader View (issue 14: "for a saved web page, the clean body keeps at
// least what Firefox's Reader View keeps and drops at least what it drops").
//
// For every saved web page of the labelled sets (tests/cleaner_corpus, tests/cleaner_holdout,
// tests/cleaner_holdout2, tests/cleaner_holdout3, tests/cleaner_holdout4),
// Mozilla's Readability (the library Firefox's Reader View runs, on jsdom) and `plainleaf clean
// --format json` each give the text they keep, split into sentences and compared as sets:
//
// - recall vs Reader View: of the sentences Readability keeps, leaving out those labelled junk
//   (plainleaf is right to drop "Share this page" even where Reader View shows it), the share
//   plainleaf keeps too (in the body, or lifted as the title, a review date, a byline or a
//   source); the raw share, junk included, is printed beside it;
// - junk vs Reader View: of the sentences plainleaf shows in the body, the share Readability
//   drops, leaving out those labelled body (plainleaf is right to keep an accordion's questions
//   or a standfirst that Readability prunes); the raw share is printed beside it.
//
// The articles' labels then say which differences are right: a sentence Readability keeps and
// plainleaf drops that is labelled junk ("Share this page") is plainleaf doing better; one
// labelled body is a loss. Likewise a sentence plainleaf keeps and Readability drops is a leak
// only when it is labelled junk. The floors below hold the figures as measured (docs/cleaner.md),
// so a change that makes any of them worse fails.
//
// Run through ./run.sh (PLAINLEAF_BIN names the binary), or alone:
//   PLAINLEAF_BIN=target/release/plainleaf node --test tests/browser/readerview.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { JSDOM, VirtualConsole } from "jsdom";
import { Readability } from "@mozilla/readability";
import YAML from "yaml";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "..", "..");
const BIN = process.env.PLAINLEAF_BIN || path.join(repo, "target", "release", "plainleaf");

/**
 * The floors each set must keep. recall: at least this share of Readability's sentences not
 * labelled junk kept;
 * junk: at most this share of plainleaf's body sentences, not labelled body, dropped by
 * Readability; bodyLost: at
 * most this many labelled body sentences that Readability keeps and plainleaf drops; junkKept:
 * at most this many labelled junk sentences plainleaf shows and Readability drops.
 */
const FLOORS = {
  "tests/cleaner_corpus": { recall: 0.965, junk: 0.005, bodyLost: 5, junkKept: 3 },
  "tests/cleaner_holdout": { recall: 0.97, junk: 0.005, bodyLost: 2, junkKept: 0 },
  "tests/cleaner_holdout2": { recall: 0.965, junk: 0.01, bodyLost: 2, junkKept: 2 },
  "tests/cleaner_holdout3": { recall: 0.97, junk: 0.03, bodyLost: 4, junkKept: 9 },
  "tests/cleaner_holdout4": { recall: 0.97, junk: 0.015, bodyLost: 4, junkKept: 0 },
};

/** Elements whose text starts and ends a line (Readability's output is plain HTML). */
const BLOCKS =
  "p,div,section,article,li,ul,ol,h1,h2,h3,h4,h5,h6,table,tr,td,th,caption,blockquote,figure," +
  "figcaption,pre,dl,dt,dd,br,hr,address,details,summary";

/** One sentence in the form both sides are compared in: letters and digits, lower case. */
function key(sentence) {
  return sentence
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The sentences of a text, one key each; lines never join across blocks. */
function sentences(text) {
  const out = [];
  for (const line of text.split("\n")) {
    for (const part of line.split(/(?<=[.!?])\s+(?=["'“‘(]?[\p{Lu}\p{N}])/u)) {
      const k = key(part);
      if (k) out.push(k);
    }
  }
  return out;
}

/** The text of an HTML fragment with one line per block; an image counts as its alt text. */
function blockText(html) {
  const { document } = new JSDOM(`<!doctype html><body>${html}</body>`).window;
  for (const img of document.querySelectorAll("img")) {
    img.replaceWith(document.createTextNode(` ${img.getAttribute("alt") || ""} `));
  }
  for (const el of document.querySelectorAll(BLOCKS)) {
    el.before("\n");
    el.after("\n");
  }
  return document.body.textContent;
}

/** What Reader View shows of a saved page: its title, byline and article, as sentences. */
function readerView(file) {
  const html = fs.readFileSync(file, "utf8");
  // A saved page's scripts and styles are never run or loaded; jsdom's CSS warnings are noise.
  const dom = new JSDOM(html, { url: "https://example.org/page.html", virtualConsole: new VirtualConsole() });
  const article = new Readability(dom.window.document).parse();
  if (!article) return new Set();
  const text = [article.title || "", article.byline || "", blockText(article.content || "")].join("\n");
  return new Set(sentences(text));
}

/** What plainleaf keeps of a saved page: `shown` is the body and title; `kept` adds what it lifts. */
function plainleaf(file, region) {
  const site = fs.mkdtempSync(path.join(os.tmpdir(), "plainleaf-readerview-"));
  try {
    const language = region === "uk" ? "en-GB" : "en-US";
    fs.writeFileSync(path.join(site, "site.yaml"), `title: Reader View\nlanguage: ${language}\n`);
    const out = execFileSync(BIN, ["clean", "--format", "json", "--explain", "--root", site, file], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    const report = JSON.parse(out);
    const shown = [report.title || ""];
    for (const block of report.blocks) {
      if (block.text) shown.push(block.text);
      for (const item of block.items || []) shown.push(item);
    }
    const lifted = report.explain
      .filter((e) => ["title", "review date", "date", "byline", "sources", "source"].includes(e.became))
      .map((e) => e.text);
    const shownSet = new Set(sentences(shown.join("\n")));
    return { shown: shownSet, kept: new Set([...shownSet, ...sentences(lifted.join("\n"))]) };
  } finally {
    fs.rmSync(site, { recursive: true, force: true });
  }
}

/** Sentence keys of an article's labels: `body` (title, headings, body, items, gaps) and `junk`. */
function labels(expect) {
  const all = (lists) => new Set(sentences(lists.flatMap((l) => expect[l] || []).join("\n")));
  const body = all(["headings", "body", "list_items", "gaps"]);
  for (const k of sentences(expect.title || "")) body.add(k);
  return { body, junk: all(["junk", "metadata"]) };
}

/** Compares every saved page in one labelled folder; returns the totals and one row per page. */
function compareSet(dir) {
  const folder = path.join(repo, dir);
  const pages = fs
    .readdirSync(folder)
    .filter((f) => /\.html?$/i.test(f))
    .sort();
  const total = {
    reader: 0,
    readerKept: 0,
    shown: 0,
    shownDropped: 0,
    shownDroppedNotBody: 0,
    bodyLost: 0,
    junkKept: 0,
    betterDrops: 0,
  };
  const rows = [];
  const misses = [];
  for (const page of pages) {
    const file = path.join(folder, page);
    const expect = YAML.parse(fs.readFileSync(file.replace(/\.html?$/i, ".expect.yaml"), "utf8"));
    const reader = readerView(file);
    const ours = plainleaf(file, expect.region);
    const { body, junk } = labels(expect);
    const row = {
      page,
      reader: reader.size,
      readerKept: 0,
      shown: ours.shown.size,
      shownDropped: 0,
      shownDroppedNotBody: 0,
    };
    let bodyLost = 0;
    let junkKept = 0;
    let betterDrops = 0;
    for (const s of reader) {
      if (ours.kept.has(s)) {
        row.readerKept += 1;
      } else if (body.has(s) && !junk.has(s)) {
        bodyLost += 1;
        misses.push(`${page}: Reader View keeps, plainleaf drops a body sentence: "${s}"`);
      } else if (junk.has(s)) {
        betterDrops += 1;
      } else {
        misses.push(`${page}: Reader View keeps, plainleaf drops an unlabelled sentence: "${s}"`);
      }
    }
    for (const s of ours.shown) {
      if (reader.has(s)) continue;
      row.shownDropped += 1;
      if (!body.has(s)) row.shownDroppedNotBody += 1;
      if (junk.has(s) && !body.has(s)) {
        junkKept += 1;
        misses.push(`${page}: plainleaf keeps junk Reader View drops: "${s}"`);
      } else {
        misses.push(`${page}: plainleaf keeps what Reader View drops (${body.has(s) ? "labelled body" : "unlabelled"}): "${s}"`);
      }
    }
    Object.assign(row, { bodyLost, junkKept, betterDrops });
    rows.push(row);
    for (const k of Object.keys(total)) total[k] += row[k];
  }
  return { pages: pages.length, total, rows, misses };
}

function pct(part, whole) {
  return whole ? (100 * part) / whole : 0;
}

for (const dir of Object.keys(FLOORS)) {
  test(`the cleaner keeps what Reader View keeps and drops what it drops: ${dir}`, () => {
    assert.ok(fs.existsSync(BIN), `no plainleaf binary at ${BIN} (cargo build --release, or set PLAINLEAF_BIN)`);
    const { pages, total, rows, misses } = compareSet(dir);
    assert.ok(pages > 0, `no saved web pages in ${dir}`);
    const lines = [`Reader View comparison, ${dir}: ${pages} saved pages`];
    lines.push("page                                         RV sent  kept  ours  RV drops  body lost  junk kept  better drops");
    for (const r of [...rows, { page: "TOTAL", ...total }]) {
      lines.push(
        `${r.page.padEnd(44)} ${String(r.reader).padStart(7)} ${String(r.readerKept).padStart(5)} ` +
          `${String(r.shown).padStart(5)} ${String(r.shownDropped).padStart(9)} ${String(r.bodyLost).padStart(10)} ` +
          `${String(r.junkKept).padStart(10)} ${String(r.betterDrops).padStart(13)}`,
      );
    }
    const recall = total.readerKept / Math.max(total.reader - total.betterDrops, 1);
    const junk = total.shownDroppedNotBody / Math.max(total.shown, 1);
    lines.push(
      `recall vs Reader View ${(recall * 100).toFixed(1)}% (${total.readerKept} of ${total.reader - total.betterDrops} ` +
        `not labelled junk; raw ${pct(total.readerKept, total.reader).toFixed(1)}% of all ${total.reader}); ` +
        `junk vs Reader View ${(junk * 100).toFixed(1)}% (${total.shownDroppedNotBody} of ${total.shown} not labelled body; ` +
        `raw ${pct(total.shownDropped, total.shown).toFixed(1)}%, ${total.shownDropped}); ` +
        `labelled body Reader View keeps and plainleaf drops: ${total.bodyLost}; ` +
        `labelled junk plainleaf keeps and Reader View drops: ${total.junkKept}; ` +
        `labelled junk Reader View keeps and plainleaf drops: ${total.betterDrops}`,
    );
    for (const m of misses) lines.push(`  ${m}`);
    console.log(lines.join("\n"));
    const floor = FLOORS[dir];
    assert.ok(recall >= floor.recall, `recall vs Reader View ${(recall * 100).toFixed(1)}% < ${floor.recall * 100}%`);
    assert.ok(junk <= floor.junk, `junk vs Reader View ${(junk * 100).toFixed(1)}% > ${floor.junk * 100}%`);
    assert.ok(total.bodyLost <= floor.bodyLost, `${total.bodyLost} body sentences lost that Reader View keeps`);
    assert.ok(total.junkKept <= floor.junkKept, `${total.junkKept} junk sentences kept that Reader View drops`);
  });
}

test("sentences are compared by their letters and digits, block by block", () => {
  assert.deepEqual(sentences("Call 999 now. It’s an emergency!\nShare"), ["call 999 now", "it s an emergency", "share"]);
  assert.deepEqual(sentences("Take 2.5 mg a day. Then rest."), ["take 2 5 mg a day", "then rest"]);
  const text = blockText("<p>One para.</p><ul><li>an item</li><li>two <img alt='a photo'></li></ul>");
  assert.deepEqual(sentences(text), ["one para", "an item", "two a photo"]);
});
