//! Micro-benchmarks of the per-page stages: glossary matcher build and marking, readability,
//! and Markdown rendering, on deterministic generated text (no files needed).
//!
//! Run: `cargo bench --bench stages` (add `-- glossary` to run one group).

use std::collections::HashMap;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use plainleaf::glossary::{Glossary, GlossaryEntry, MarkMode, Marker};
use plainleaf::markdown::{Anchors, LinkContext};
use plainleaf::plain::readability::{ProseBlock, ProseKind};

/// SplitMix64, so every run measures the same text.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

const COMMON: &[&str] = &[
    "your",
    "care",
    "team",
    "can",
    "help",
    "you",
    "feel",
    "better",
    "each",
    "day",
    "ask",
    "about",
    "the",
    "a",
    "tired",
    "heart",
    "may",
    "take",
    "walk",
    "water",
    "sleep",
    "doctor",
    "nurse",
    "will",
    "talk",
    "with",
    "at",
    "night",
    "home",
    "questions",
    "visit",
    "medicine",
    "and",
    "is",
    "it",
    "to",
    "of",
    "for",
];
const SYLLABLES: &[&str] = &[
    "he", "ma", "to", "poi", "et", "ic", "cel", "lu", "lar", "gen", "ther", "py", "im", "mu", "de", "fi",
    "lym", "pho", "vec", "tor", "vi", "ral", "car", "di", "neu", "ro", "derm", "bron", "chi", "ren",
];
const SUFFIXES: &[&str] = &["itis", "osis", "emia", "pathy", "ectomy", "algia", "oma", "plasty"];

/// `count` unique made-up medical terms, some with a plural synonym.
fn entries(count: usize) -> Vec<GlossaryEntry> {
    let mut rng = Rng(42);
    (0..count)
        .map(|i| {
            let stem: String = (0..3).map(|_| SYLLABLES[rng.below(SYLLABLES.len())]).collect();
            // The index in letters keeps every term unique, however many there are.
            let term = format!("{stem}{}{}", letters(i), SUFFIXES[i % SUFFIXES.len()]);
            let also = if i % 3 == 0 { vec![format!("{term}s")] } else { Vec::new() };
            GlossaryEntry {
                term,
                plain: "A problem that makes part of your body feel sore.".to_string(),
                also,
                more: None,
                see: Vec::new(),
                case_sensitive: None,
            }
        })
        .collect()
}

fn letters(mut n: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'a' + (n % 26) as u8);
        n /= 26;
        if n == 0 {
            break;
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

/// A Markdown article of about `words` words: headings every few paragraphs, some lists, and
/// roughly one glossary term in 25 words.
fn article(words: usize, terms: &[GlossaryEntry]) -> String {
    let mut rng = Rng(7);
    let mut out = String::with_capacity(words * 7);
    let mut written = 0;
    let mut paragraph = 0;
    while written < words {
        if paragraph % 4 == 0 {
            out.push_str(&format!("## Section {}\n\n", paragraph / 4 + 1));
        }
        let list = paragraph % 5 == 4;
        for sentence in 0..5 {
            if list {
                out.push_str("- ");
            }
            let length = 6 + rng.below(14);
            for w in 0..length {
                let word = if rng.below(25) == 0 {
                    terms[rng.below(terms.len())].term.as_str()
                } else {
                    COMMON[rng.below(COMMON.len())]
                };
                if w == 0 {
                    let mut chars = word.chars();
                    if let Some(first) = chars.next() {
                        out.extend(first.to_uppercase());
                        out.push_str(chars.as_str());
                    }
                } else {
                    out.push(' ');
                    out.push_str(word);
                }
            }
            written += length;
            out.push_str(if list {
                ".\n"
            } else if sentence < 4 {
                ". "
            } else {
                ".\n"
            });
        }
        out.push('\n');
        paragraph += 1;
    }
    out
}

/// Prose blocks as the Markdown stage would collect them, built straight from the source so
/// this benchmark does not depend on the renderer.
fn prose_blocks(markdown: &str) -> Vec<ProseBlock> {
    let mut blocks = Vec::new();
    for block in markdown.split("\n\n").map(str::trim).filter(|b| !b.is_empty()) {
        if let Some(heading) = block.strip_prefix("## ") {
            blocks.push(ProseBlock { kind: ProseKind::Heading, text: heading.to_string() });
        } else if block.starts_with("- ") {
            blocks.extend(block.lines().map(|item| ProseBlock {
                kind: ProseKind::ListItem,
                text: item.trim_start_matches("- ").to_string(),
            }));
        } else {
            blocks.push(ProseBlock { kind: ProseKind::Paragraph, text: block.to_string() });
        }
    }
    blocks
}

fn glossary(c: &mut Criterion) {
    // Building the matcher has no text to measure throughput against, so it has its own group.
    let mut build = c.benchmark_group("glossary_build");
    for count in [300, 10_000] {
        let all = entries(count);
        build.bench_with_input(BenchmarkId::new("from_entries", count), &all, |b, all| {
            b.iter(|| Glossary::from_entries(black_box(all.clone())))
        });
    }
    build.finish();
    let mut group = c.benchmark_group("glossary");
    for count in [300, 10_000] {
        let all = entries(count);
        let glossary = Glossary::from_entries(all.clone());
        let text = article(10_000, &all);
        let paragraphs: Vec<&str> = text.split("\n\n").collect();
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("mark_10k_words", count), &paragraphs, |b, paragraphs| {
            b.iter(|| {
                let mut marker = Marker::new(&glossary, MarkMode::FirstPerPage);
                let mut marked = 0;
                for p in paragraphs {
                    if let Some(html) = marker.mark(black_box(p), "../glossary/index.html") {
                        marked += html.len();
                    }
                }
                marked
            })
        });
    }
    group.finish();
}

fn readability(c: &mut Criterion) {
    let text = article(1_000, &entries(300));
    let blocks = prose_blocks(&text);
    let mut group = c.benchmark_group("readability");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("measure_1k_words", |b| {
        b.iter(|| plainleaf::plain::readability::measure(black_box(&blocks)))
    });
    group.finish();
}

fn markdown(c: &mut Criterion) {
    let all = entries(300);
    let text = article(1_000, &all);
    let glossary = Glossary::from_entries(all);
    let pages: HashMap<String, String> =
        (1..=100).map(|i| (format!("page-{i:05}.md"), format!("page-{i:05}"))).collect();
    let links = LinkContext {
        root: "../",
        pages: &pages,
        allow_html: false,
        images: None,
        language_prefix: "",
        words: None,
    };
    let mut group = c.benchmark_group("markdown");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("render_1k_words", |b| {
        b.iter(|| plainleaf::markdown::render(black_box(&text), &links, None, &mut Anchors::default()))
    });
    group.bench_function("render_1k_words_marked", |b| {
        b.iter(|| {
            let mut marker = Marker::new(&glossary, MarkMode::FirstPerPage);
            plainleaf::markdown::render(black_box(&text), &links, Some(&mut marker), &mut Anchors::default())
        })
    });
    group.finish();
}

criterion_group!(stages, glossary, readability, markdown);
criterion_main!(stages);
