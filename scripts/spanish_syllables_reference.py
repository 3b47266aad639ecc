#!/usr/bin/env python3
"""Regenerate tests/data/es_syllables.tsv: Spanish words and their syllables by an
independent syllabifier (the `silabeador` package: `pip install silabeador`), so the Rust
test `plain::syllables_es` can measure its agreement with only Rust installed.

The words: every Nth lower-case word of a Spanish word list (Debian's `wspanish` package,
/usr/share/dict/spanish, or any file given with --dict) to reach --count, plus the medical
words in scripts/spanish_medical_words.txt.

    python3 scripts/spanish_syllables_reference.py [--dict /usr/share/dict/spanish] [--count 5200]
"""
import argparse
import pathlib
import sys

import silabeador

here = pathlib.Path(__file__).resolve().parent
repo = here.parent


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dict", default="/usr/share/dict/spanish")
    parser.add_argument("--count", type=int, default=5200)
    parser.add_argument("--out", default=str(repo / "tests/data/es_syllables.tsv"))
    args = parser.parse_args()
    words = [w.strip() for w in open(args.dict, encoding="utf-8")]
    words = [w for w in words if w and w.isalpha() and w == w.lower()]
    step = max(1, len(words) // args.count)
    chosen = words[::step][: args.count]
    medical = [
        w.strip()
        for w in open(here / "spanish_medical_words.txt", encoding="utf-8")
        if w.strip() and not w.startswith("#")
    ]
    seen = set()
    rows = []
    for w in medical + chosen:
        if w in seen:
            continue
        seen.add(w)
        try:
            syllables = silabeador.syllabify(w)
        except TypeError:
            # silabeador's Latin rule fails on some words ending in -um, -at, -it: skip them.
            continue
        rows.append(f"{w}\t{'-'.join(syllables)}")
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("# word\tsyllables by silabeador (scripts/spanish_syllables_reference.py)\n")
        out.write("\n".join(rows) + "\n")
    print(f"{len(rows)} words -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
