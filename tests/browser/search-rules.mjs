// Prints what search.js makes of each item of a word list, one JSON array a line:
// [fold(item), stem(fold(item)), [stem of each word not a stop word], [shard key of each]],
// with the rules of LANGUAGE (default en; es for the Spanish rules).
// tests/search_rules.rs runs this and compares every line with the Rust rules.
//
//   node tests/browser/search-rules.mjs tests/data/search-words.txt [LANGUAGE]
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const rules = require(path.join(here, "../../themes/clinic/static/js/search.js"));

const list = process.argv[2];
if (!list) {
  console.error("usage: node search-rules.mjs WORD-LIST [LANGUAGE]");
  process.exit(2);
}
const language = rules.rulesFor(process.argv[3] || "en");
const out = [];
for (const item of fs.readFileSync(list, "utf8").split("\n")) {
  if (item === "" || item.startsWith("#")) continue;
  const folded = language.fold(item);
  const stems = rules.words(item, language).filter((w) => !language.isStopWord(w)).map(language.stem);
  out.push(JSON.stringify([folded, language.stem(folded), stems, stems.map(rules.shardKey)]));
}
process.stdout.write(out.join("\n") + "\n");
