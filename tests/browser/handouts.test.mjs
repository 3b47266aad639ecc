// The printed handouts, measured from the PDFs Chromium writes (not from the CSS): for every
// bundled article, in both themes, on US Letter and on A4, `plainleaf handouts` prints the
// full handout and the take-home sheet, and this test checks
//   - the paper size of every page (pdfinfo),
//   - that no text is smaller than the theme's print size (pdftohtml's font sizes: 12pt,
//     14pt in the contrast theme for the full handout; every sheet at least 12pt),
//   - that no page of a full handout ends with a heading (headings stay with their text),
//   - that every sheet is one page, and that its QR code, rasterised (pdftoppm) and decoded
//     with a real decoder (zbarimg), is the article's web address,
//   - that the sheet-height estimate `plainleaf check` relies on (src/handout/fit.rs,
//     written into each sheet as data-estimate-mm) is within 10% of the height of the
//     printed text (pdftotext -bbox).
//
// Needs poppler-utils and zbar-tools (Debian packages; .ci/run installs them). Run through
// ./run.sh, which sets PLAINLEAF_BIN.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CHROMIUM } from "./chromium.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(here, "../..");
const BIN = process.env.PLAINLEAF_BIN;
const THEMES = (process.env.PLAINLEAF_THEMES || "clinic contrast").split(/\s+/).filter(Boolean);
const BASE_URL = "https://clinic.example.org/health/";
/** Page sizes in points, as pdfinfo prints them. */
const PAPER_PT = { letter: [612, 792], a4: [595.28, 841.89] };
/** The smallest text each theme prints in its full handout, and on its sheet (points). */
const MIN_PT = { clinic: { full: 12, sheet: 12 }, contrast: { full: 14, sheet: 12 } };
/** How far the sheet-height estimate may be from the printed text's height. */
const ESTIMATE_TOLERANCE = 0.1;
const MM_PER_PT = 25.4 / 72;

assert.ok(BIN, "set PLAINLEAF_BIN to the plainleaf binary (run.sh does)");

const run = (cmd, args) => execFileSync(cmd, args, { encoding: "utf8", env: { ...process.env, SOURCE_DATE_EPOCH: process.env.SOURCE_DATE_EPOCH || "1796083200" } });

/** Every page's width and height, its text runs with their font sizes, from pdftohtml's XML. */
function pdfText(pdf) {
  const xml = run("pdftohtml", ["-xml", "-i", "-stdout", "-zoom", "1", pdf]);
  const sizes = {};
  for (const m of xml.matchAll(/<fontspec id="(\d+)" size="(-?[\d.]+)"/g)) sizes[m[1]] = Number(m[2]);
  const pages = [];
  for (const p of xml.split("<page ").slice(1)) {
    const texts = [...p.matchAll(/<text top="([\d.-]+)"[^>]*font="(\d+)">(.*?)<\/text>/g)].map((m) => ({
      top: Number(m[1]),
      size: sizes[m[2]],
      text: m[3].replace(/<[^>]+>/g, ""),
    }));
    pages.push(texts.filter((t) => t.text.trim()));
  }
  return pages;
}

/** The page count and first page's size from pdfinfo. */
function pdfInfo(pdf) {
  const info = run("pdfinfo", [pdf]);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)[1]);
  const [, w, h] = /^Page size:\s+([\d.]+) x ([\d.]+)/m.exec(info);
  return { pages, width: Number(w), height: Number(h) };
}

/** The height (mm) from the top of the first word to the bottom of the last, on page 1. */
function textHeightMm(pdf) {
  const html = run("pdftotext", ["-bbox", "-f", "1", "-l", "1", pdf, "-"]);
  const words = [...html.matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
  const top = Math.min(...words.map((w) => w[0]));
  const bottom = Math.max(...words.map((w) => w[1]));
  return (bottom - top) * MM_PER_PT;
}

/**
 * The labels drawn inside the bundled SVG figures. They are part of a picture, not body text:
 * the size check skips them (they print at the picture's scale, see the README's known limits)
 * and holds them to FIGURE_LABEL_MIN_PT instead.
 */
const FIGURE_LABELS = new Set(
  fs
    .readdirSync(path.join(REPO, "content", "images"))
    .filter((f) => f.endsWith(".svg"))
    .flatMap((f) => [...fs.readFileSync(path.join(REPO, "content", "images", f), "utf8").matchAll(/<text[^>]*>([^<]+)<\/text>/g)].map((m) => m[1].trim())),
);
const FIGURE_LABEL_MIN_PT = 6;

const articles = fs
  .readdirSync(path.join(REPO, "content"))
  .filter((f) => f.endsWith(".md"))
  .map((f) => f.replace(/\.md$/, ""));

for (const theme of THEMES) {
  for (const paper of ["letter", "a4"]) {
    describe(`handouts: ${theme} theme on ${paper}`, () => {
      let dir;
      let site;
      const out = {};
      before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), `plainleaf-handouts-${theme}-${paper}-`));
        site = path.join(dir, "site");
        const common = ["--root", REPO, "--theme", theme, "--paper", paper, "--base-url", BASE_URL, "--allow-stale"];
        run(BIN, ["build", ...common, "--output", site]);
        for (const kind of ["full", "sheet"]) {
          out[kind] = run(BIN, ["handouts", ...common, "--browser", CHROMIUM, "--output", path.join(dir, kind), ...(kind === "sheet" ? ["--sheet"] : [])]);
          console.log(`# ${theme} ${paper} ${kind}: ${out[kind].trim().split("\n").pop()}`);
        }
      });
      after(() => fs.rmSync(dir, { recursive: true, force: true }));

      test("one PDF per article, each page on the chosen paper", () => {
        for (const kind of ["full", "sheet"]) {
          // The main language's PDFs at the top; another language's in its folder (es/).
          const files = fs.readdirSync(path.join(dir, kind)).filter((f) => f.endsWith(".pdf")).sort();
          assert.equal(files.length, articles.length, `${kind}: ${files.join(", ")}`);
          const spanish = path.join(dir, kind, "es");
          if (fs.existsSync(path.join(REPO, "content", "es"))) {
            const translated = fs.readdirSync(path.join(REPO, "content", "es")).filter((f) => f.endsWith(".md")).length;
            assert.equal(fs.readdirSync(spanish).filter((f) => f.endsWith(".pdf")).length, translated, `${kind}: Spanish PDFs`);
          }
          for (const f of files) {
            const info = pdfInfo(path.join(dir, kind, f));
            assert.ok(Math.abs(info.width - PAPER_PT[paper][0]) < 1 && Math.abs(info.height - PAPER_PT[paper][1]) < 1, `${f}: ${info.width} x ${info.height} pt is not ${paper}`);
            assert.match(out[kind], new RegExp(`${f.replace(/\./g, "\\.")} \\(${info.pages} pages?\\)`), `the command names ${f} with its page count`);
          }
        }
      });

      test(`full handouts: text at least ${MIN_PT[theme].full}pt, no page ends with a heading`, () => {
        for (const slug of articles) {
          const all = pdfText(path.join(dir, "full", `${slug}.pdf`));
          // A lone mark (a do/don't list's check or cross) is decoration beside the words.
          const isLabel = (t) => FIGURE_LABELS.has(t.text.trim()) || !/\p{L}/u.test(t.text);
          for (const label of all.flat().filter(isLabel)) {
            assert.ok(label.size >= FIGURE_LABEL_MIN_PT, `${slug}: figure label "${label.text}" ${label.size}pt`);
          }
          const pages = all.map((texts) => texts.filter((t) => !isLabel(t)));
          const sizes = pages.flat().map((t) => t.size);
          const body = mode(sizes);
          assert.ok(Math.min(...sizes) >= MIN_PT[theme].full, `${slug}: smallest text ${Math.min(...sizes)}pt`);
          assert.ok(body >= MIN_PT[theme].full, `${slug}: body text ${body}pt`);
          pages.slice(0, -1).forEach((texts, i) => {
            const last = texts.reduce((a, b) => (b.top >= a.top ? b : a));
            assert.ok(last.size <= body + 1, `${slug}: page ${i + 1} ends with a heading: "${last.text}" (${last.size}pt)`);
          });
        }
      });

      test("sheets: one page, text at least 12pt, the QR code is the page's address", () => {
        for (const slug of articles) {
          const pdf = path.join(dir, "sheet", `${slug}-sheet.pdf`);
          assert.equal(pdfInfo(pdf).pages, 1, `${slug}: the sheet is one page`);
          const sizes = pdfText(pdf).flat().map((t) => t.size);
          assert.ok(Math.min(...sizes) >= MIN_PT[theme].sheet, `${slug}: smallest text on the sheet ${Math.min(...sizes)}pt`);
          const png = path.join(dir, `${slug}-sheet`);
          run("pdftoppm", ["-r", "150", "-png", "-singlefile", pdf, png]);
          const decoded = run("zbarimg", ["-q", "--raw", `${png}.png`]).trim();
          assert.equal(decoded, `${BASE_URL}${slug}/`);
        }
      });

      test("the sheet-height estimate is within 10% of the printed height", () => {
        for (const slug of articles) {
          const html = fs.readFileSync(path.join(site, slug, "handout", "index.html"), "utf8");
          const estimate = Number(/data-estimate-mm="([\d.]+)"/.exec(html)[1]);
          const available = Number(/data-available-mm="([\d.]+)"/.exec(html)[1]);
          const printed = textHeightMm(path.join(dir, "sheet", `${slug}-sheet.pdf`));
          console.log(`# ${theme} ${paper} ${slug}: estimate ${estimate} mm, printed ${printed.toFixed(1)} mm, room ${available} mm`);
          assert.ok(Math.abs(estimate - printed) / printed <= ESTIMATE_TOLERANCE, `${slug}: estimate ${estimate} mm, printed ${printed.toFixed(1)} mm`);
          assert.ok(estimate <= available, `${slug}: the estimate says the sheet does not fit, but it printed on one page`);
        }
      });
    });
  }
}

/** The most common value. */
function mode(values) {
  const counts = new Map();
  for (const v of values) counts.set(v, (counts.get(v) || 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
}
