// Draws the README's "an editor flags a misspelled key" picture: yaml-language-server's real
// diagnostics (from lsp-diagnostics.mjs) on a YAML file, shown over the file's text in a page
// made for the picture (no editor runs here), captured with headless Chromium.
//
//   node lsp-screenshot.mjs FILE.yaml OUT.png
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "./chromium.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const [file, out] = process.argv.slice(2);
const diagnostics = JSON.parse(execFileSync(process.execPath, [path.join(HERE, "lsp-diagnostics.mjs"), file], { encoding: "utf8" }));
if (diagnostics.length === 0) throw new Error(`yaml-language-server found nothing wrong in ${file}`);
const escape = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const lines = fs.readFileSync(file, "utf8").split("\n").slice(0, 8);
const rows = lines.map((text, i) => {
  const d = diagnostics.find((x) => x.line === i + 1);
  let code = escape(text);
  if (d) {
    const [a, b] = [d.character - 1, d.endCharacter - 1];
    code = escape(text.slice(0, a)) + `<span class="squiggle">${escape(text.slice(a, b))}</span>` + escape(text.slice(b));
    code += `<div class="hover">${escape(d.message)}<small>yaml-language-server · schemas/site.schema.json</small></div>`;
  }
  return `<div class="row${text.startsWith("#") ? " comment" : ""}"><span class="n">${i + 1}</span><span class="code">${code}</span></div>`;
});
const problems = diagnostics.map((d) => `<li>${escape(path.basename(d.file))}:${d.line}:${d.character} — ${escape(d.message)}</li>`).join("");
const html = `<!doctype html><meta charset="utf-8"><style>
body{margin:0;background:#1e1e1e;color:#d4d4d4;font:15px/1.6 "DejaVu Sans Mono",monospace}
.tab{background:#252526;color:#fff;padding:6px 14px;font-family:"DejaVu Sans",sans-serif;font-size:13px}
.row{display:flex;position:relative}.n{flex:none;width:3em;text-align:right;padding-right:1em;color:#858585}
.code{white-space:pre;overflow:hidden}.comment .code{color:#6a9955}.squiggle{text-decoration:underline wavy #f14c4c;text-underline-offset:3px}
.hover{position:absolute;left:6em;top:1.7em;z-index:2;background:#252526;border:1px solid #454545;padding:6px 10px;color:#fff;font-family:"DejaVu Sans",sans-serif;font-size:14px}
.hover small{display:block;color:#9d9d9d;font-size:12px}
.panel{border-top:1px solid #454545;margin-top:40px;padding:6px 14px;font-family:"DejaVu Sans",sans-serif;font-size:13px}
.panel ul{margin:4px 0;padding-left:18px;color:#f14c4c}.note{color:#9d9d9d;font-size:12px}
</style><div class="tab">${escape(path.basename(file))}</div>${rows.join("")}
<div class="panel">PROBLEMS<ul>${problems}</ul><div class="note">The diagnostic is yaml-language-server's own, on this file, before any build; the page around it was drawn for this picture.</div></div>`;
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 860, height: 350 } });
await page.setContent(html);
await page.screenshot({ path: out });
await browser.close();
console.log(`wrote ${out}: ${diagnostics.map((d) => d.message).join("; ")}`);
