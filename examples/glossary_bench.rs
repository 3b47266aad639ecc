//! Timing of glossary matching: a 50,000-word article against 100 and 10,000 generated terms.
//! Matching should cost the same per word of text whatever the number of terms.
//!
//! Run: `cargo run --release --example glossary_bench`

use std::collections::HashSet;
use std::time::{Duration, Instant};

use plainleaf::glossary::{Glossary, GlossaryEntry, MarkMode, Marker};

const ARTICLE_WORDS: usize = 50_000;
const WORDS_PER_PARAGRAPH: usize = 80;
const RUNS: usize = 5;

/// A small deterministic random number generator (xorshift), so every run sees the same text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SYLLABLES: &[&str] = &[
    "he", "ma", "to", "poi", "et", "ic", "stem", "cel", "lu", "lar", "gen", "o", "ther", "a", "py", "im",
    "mu", "no", "de", "fi", "cien", "cy", "lym", "pho", "cyte", "mar", "row", "trans", "plant", "vec", "tor",
    "vi", "ral", "car", "di", "ol", "neu", "ro", "path", "sis", "derm", "bron", "chi", "tis", "ren", "al",
];

const COMMON: &[&str] = &[
    "the",
    "a",
    "your",
    "doctor",
    "will",
    "talk",
    "with",
    "you",
    "about",
    "how",
    "this",
    "can",
    "help",
    "and",
    "it",
    "is",
    "to",
    "of",
    "in",
    "for",
    "may",
    "feel",
    "tired",
    "after",
    "some",
    "days",
    "weeks",
    "care",
    "team",
    "ask",
    "questions",
    "when",
    "blood",
    "test",
    "results",
    "come",
    "back",
    "most",
    "people",
    "go",
    "home",
    "soon",
    "treatment",
    "works",
    "by",
    "changing",
    "cells",
    "body",
];

fn pseudo_word(rng: &mut Rng) -> String {
    (0..2 + rng.below(3)).map(|_| SYLLABLES[rng.below(SYLLABLES.len())]).collect()
}

/// `count` distinct terms of one to three made-up words; every tenth is an abbreviation.
fn generate_terms(count: usize, rng: &mut Rng) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut terms = Vec::with_capacity(count);
    while terms.len() < count {
        let term = if terms.len() % 10 == 9 {
            (0..3 + rng.below(2)).map(|_| (b'A' + rng.below(26) as u8) as char).collect()
        } else {
            (0..1 + rng.below(3)).map(|_| pseudo_word(rng)).collect::<Vec<_>>().join(" ")
        };
        if seen.insert(term.to_lowercase()) {
            terms.push(term);
        }
    }
    terms
}

/// Paragraphs of common words, made-up words and, in one word of 25, a term from `terms`
/// (the first 100 terms only, so both glossaries find the same hits).
fn generate_article(terms: &[String], rng: &mut Rng) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut words = Vec::new();
    for i in 0..ARTICLE_WORDS {
        let word = match rng.below(25) {
            0 => terms[rng.below(100)].clone(),
            1..=3 => pseudo_word(rng),
            _ => COMMON[rng.below(COMMON.len())].to_string(),
        };
        words.push(word);
        if (i + 1) % WORDS_PER_PARAGRAPH == 0 {
            paragraphs.push(format!("{}.", words.join(" ")));
            words.clear();
        }
    }
    if !words.is_empty() {
        paragraphs.push(words.join(" "));
    }
    paragraphs
}

fn glossary_of(terms: &[String]) -> Glossary {
    Glossary::from_entries(
        terms
            .iter()
            .map(|t| GlossaryEntry {
                term: t.clone(),
                plain: "A made-up word for timing.".to_string(),
                also: Vec::new(),
                more: None,
                see: Vec::new(),
                case_sensitive: None,
            })
            .collect(),
    )
}

/// The fastest of `RUNS` runs of `work`, with what the last run returned.
fn best_of<T>(mut work: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut result = None;
    for _ in 0..RUNS {
        let start = Instant::now();
        let value = work();
        best = best.min(start.elapsed());
        result = Some(value);
    }
    (best, result.expect("RUNS is above zero"))
}

fn main() {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let terms = generate_terms(10_000, &mut rng);
    let article = generate_article(&terms, &mut rng);
    let bytes: usize = article.iter().map(String::len).sum();
    println!("article: {ARTICLE_WORDS} words, {bytes} bytes, {} paragraphs", article.len());

    for count in [100, 10_000] {
        let (build, glossary) = best_of(|| glossary_of(&terms[..count]));
        let (find, hits) = best_of(|| article.iter().map(|p| glossary.find_terms(p).len()).sum::<usize>());
        let (mark, marked) = best_of(|| {
            let mut marker = Marker::new(&glossary, MarkMode::Every);
            article.iter().filter_map(|p| marker.mark(p, "../glossary/")).count()
        });
        let per_word = |d: Duration| d.as_nanos() as f64 / ARTICLE_WORDS as f64;
        println!(
            "{count:>6} terms: build {:>8.2} ms | find {:>7.2} ms ({:>5.0} ns/word, {hits} hits) | \
             mark (every) {:>7.2} ms ({:>5.0} ns/word, {marked} paragraphs marked)",
            build.as_secs_f64() * 1e3,
            find.as_secs_f64() * 1e3,
            per_word(find),
            mark.as_secs_f64() * 1e3,
            per_word(mark),
        );
    }
}
