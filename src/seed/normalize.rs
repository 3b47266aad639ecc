//! Classified lines to blocks: the title, review date, bylines and references lifted, junk
//! dropped, headings, lists and gaps (lines promising a list the scrape lost) recovered.
//!
//! Every non-blank seed line ends up in exactly one place: a block, `dropped` (junk), or
//! `lifted` (title, dates, bylines, references), so nothing is lost without a record, and
//! `explained` says why for every line that was not kept as the paragraph it was.

use super::classify::{classify, Class, Hint, Meta, Options, SourceLine};
use super::lift::sources_from;
use super::text::collapse_whitespace;
use super::{BlockKind, Explained, NormalizedSeed, SeedBlock, SeedNote};

/// Words that end a line promising a list ("Many things can cause asthma, including").
const PROMISE_ENDINGS: &[&str] =
    &["including", "such as", "the following", "these steps", "as follows", "include", "includes", "like"];

/// Normalize raw seed text; `extra_boilerplate` adds site and page patterns on top of the
/// classifier. Numeric dates are read month first; see [`normalize_lines`] for other regions.
pub fn normalize(text: &str, extra_boilerplate: &[String]) -> NormalizedSeed {
    let options = Options { boilerplate: extra_boilerplate.to_vec(), ..Options::default() };
    normalize_lines(&text_lines(text), &options)
}

/// The non-blank lines of a text seed, numbered from 1, whitespace collapsed, hard-wrapped
/// paragraphs joined back into one line each.
pub fn text_lines(text: &str) -> Vec<SourceLine> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let numbered: Vec<(usize, String)> =
        text.lines().enumerate().map(|(i, l)| (i + 1, collapse_whitespace(l))).collect();
    let indent: Vec<bool> = text.lines().map(|l| l.starts_with([' ', '\t'])).collect();
    super::wrap::unwrap_lines(numbered, &indent)
        .into_iter()
        .filter(|(_, l)| !l.is_empty())
        .map(|(number, text)| SourceLine {
            number,
            text,
            hint: Hint::Plain,
            linked: false,
            next_linked: false,
        })
        .collect()
}

/// Classify lines and build the normalized seed.
pub fn normalize_lines(lines: &[SourceLine], options: &Options) -> NormalizedSeed {
    let decisions = classify(lines, options);
    // The next heading, paragraph or list item after each line, found in one backward pass.
    let mut next_content: Vec<Option<usize>> = vec![None; decisions.len()];
    let mut seen = None;
    for i in (0..decisions.len()).rev() {
        next_content[i] = seen;
        if is_content(&decisions[i].class) {
            seen = Some(i);
        }
    }
    let mut seed = NormalizedSeed::default();
    let mut pending_sources: Vec<String> = Vec::new();
    for (i, (line, decision)) in lines.iter().zip(&decisions).enumerate() {
        if !matches!(decision.class, Class::Meta(Meta::Source)) && !pending_sources.is_empty() {
            let texts: Vec<&str> = pending_sources.iter().map(String::as_str).collect();
            seed.sources.extend(sources_from(&texts));
            pending_sources.clear();
        }
        if let Some(tail) = &decision.cut {
            record(&mut seed, line.number, tail, "junk", "glued to the end of the line after a separator");
            seed.dropped.push((line.number, tail.clone()));
        }
        match &decision.class {
            Class::Junk(reason) => {
                seed.dropped.push((line.number, line.text.clone()));
                record(&mut seed, line.number, &line.text, "junk", reason);
            }
            Class::Title => {
                if seed.title.is_none() {
                    seed.title = Some(decision.text.clone());
                }
                lift(&mut seed, line, "title", "the article's title (shown as the page title)");
            }
            Class::Meta(meta) => lift_meta(&mut seed, line, *meta),
            Class::Heading => {
                let next = next_content[i].map(|n| &decisions[n]);
                if !next.is_some_and(|d| matches!(d.class, Class::Body | Class::Item { .. })) {
                    seed.notes.push(SeedNote {
                        line: line.number,
                        message: format!("heading {:?} has no text after it", line.text),
                        about_review_date: false,
                    });
                }
                if line.hint == Hint::Plain {
                    record(
                        &mut seed,
                        line.number,
                        &line.text,
                        "heading",
                        "a short line before the text it heads",
                    );
                }
                seed.blocks
                    .push(SeedBlock { line: line.number, kind: BlockKind::Heading(line.text.clone()) });
            }
            Class::Item { ordered, text } => {
                push_item(&mut seed.blocks, line.number, *ordered, text);
            }
            Class::Body => {
                let next = next_content[i].map(|n| &decisions[n]);
                let list_follows = next.is_some_and(|d| matches!(d.class, Class::Item { .. }));
                if promises_list(&decision.text) && !list_follows {
                    push_gap(&mut seed, line.number, &decision.text);
                } else {
                    seed.blocks.push(SeedBlock {
                        line: line.number,
                        kind: BlockKind::Paragraph(decision.text.clone()),
                    });
                }
            }
        }
        if matches!(decision.class, Class::Meta(Meta::Source)) {
            pending_sources.push(
                super::normalize::list_item(&line.text).map_or(line.text.clone(), |(_, t)| t.to_string()),
            );
        }
    }
    if !pending_sources.is_empty() {
        let texts: Vec<&str> = pending_sources.iter().map(String::as_str).collect();
        seed.sources.extend(sources_from(&texts));
    }
    // A page that shows no review date is as current as the day it was issued or published
    // (a leaflet's "Issued: March 2023" beside its "Review due: March 2025").
    if seed.reviewed_on.is_none() {
        if let Some((date, ambiguous)) = seed.issued_on {
            seed.reviewed_on = Some(date);
            seed.reviewed_ambiguous = ambiguous;
        }
    }
    seed
}

/// Headings, paragraphs and list items: what a reader sees.
fn is_content(class: &Class) -> bool {
    matches!(class, Class::Heading | Class::Body | Class::Item { .. })
}

/// A line that promises a list: ends in ":" or in "including", "such as", "the following"...
pub(crate) fn promises_list(text: &str) -> bool {
    let trimmed = super::text::without_closing_marks(text.trim_end());
    if trimmed.ends_with(':') {
        return true;
    }
    let lower = trimmed.to_lowercase();
    let bare = lower.trim_end_matches(['.', '…', ' ', '-', '—', '–']);
    let ends_with = |endings: &[&str]| endings.iter().any(|e| bare.ends_with(&format!(" {e}")) || bare == *e);
    if super::text::ends_with_closing_punctuation(text) && !trimmed.ends_with('…') {
        // "Symptoms include the following.", "Call 999 if you notice any of the signs below."
        return trimmed.ends_with('.') && ends_with(POINTING_ENDINGS);
    }
    if ends_with(PROMISE_ENDINGS) {
        return true;
    }
    // A sentence that stops on a word needing more ("The most common ones are") lost what
    // followed it; a heading ("Things to look out for") is too short to be taken for one.
    let words: Vec<&str> = bare.split_whitespace().collect();
    words.len() >= UNFINISHED_MIN_WORDS
        && words.last().is_some_and(|w| UNFINISHED_ENDINGS.contains(w))
        && text.chars().next().is_some_and(char::is_uppercase)
}

/// Endings that point at what comes next even after a full stop.
const POINTING_ENDINGS: &[&str] = &["the following", "as follows", "below", "listed here"];

/// Words a sentence cannot stop on: it goes on in a list the scrape lost.
const UNFINISHED_ENDINGS: &[&str] = &[
    "are", "is", "were", "was", "be", "include", "includes", "involve", "involves", "of", "to", "for",
    "with", "the", "a", "an", "these", "those", "by", "from", "like", "such", "and", "or",
];

/// Fewest words of a sentence taken to be unfinished (shorter lines are headings or labels).
const UNFINISHED_MIN_WORDS: usize = 8;

fn lift_meta(seed: &mut NormalizedSeed, line: &SourceLine, meta: Meta) {
    match meta {
        Meta::Date(date_line) => {
            let what = if date_line.is_review { "review date" } else { "date" };
            if let (Some(found), true) = (date_line.date, date_line.is_review) {
                // Several review lines: the latest is the one that counts.
                if seed.reviewed_on.is_none_or(|d| found.date > d) {
                    seed.reviewed_on = Some(found.date);
                    seed.reviewed_ambiguous = found.ambiguous;
                }
                if found.ambiguous {
                    seed.notes.push(SeedNote {
                        line: line.number,
                        message: format!(
                            "the date in {:?} reads two ways; it was read as {} (set `language:` in site.yaml, \
                             en-GB for day first, or write `reviewed:` yourself)",
                            line.text, found.date
                        ),
                        about_review_date: true,
                    });
                }
            }
            if let (Some(found), true) = (date_line.date, date_line.issued) {
                if seed.issued_on.is_none_or(|(d, _)| found.date > d) {
                    seed.issued_on = Some((found.date, found.ambiguous));
                }
            }
            lift(seed, line, what, "a date about the page, not the topic");
        }
        Meta::Byline => {
            seed.bylines.push(line.text.clone());
            lift(seed, line, "byline", "who wrote or reviewed the page");
        }
        Meta::SourcesHeader => lift(seed, line, "sources", "the heading of the reference list"),
        Meta::Source => lift(seed, line, "source", "an entry of the reference list"),
    }
}

/// Takes a line out of the body as a fact about the page.
fn lift(seed: &mut NormalizedSeed, line: &SourceLine, became: &'static str, reason: &str) {
    seed.lifted.push((line.number, line.text.clone()));
    record(seed, line.number, &line.text, became, reason);
}

fn record(seed: &mut NormalizedSeed, line: usize, text: &str, became: &'static str, reason: &str) {
    seed.explained.push(Explained { line, text: text.to_string(), became, reason: reason.to_string() });
}

/// Adds an item to the list being built, or starts a new one.
fn push_item(blocks: &mut Vec<SeedBlock>, line: usize, ordered: bool, text: &str) {
    if let Some(SeedBlock { kind: BlockKind::List { ordered: o, items }, .. }) = blocks.last_mut() {
        if *o == ordered {
            items.push(text.to_string());
            return;
        }
    }
    blocks.push(SeedBlock { line, kind: BlockKind::List { ordered, items: vec![text.to_string()] } });
}

/// A gap is the whole line that promises the list; `fill:` may name it by its last sentence.
fn push_gap(seed: &mut NormalizedSeed, line: usize, text: &str) {
    record(seed, line, text, "gap", "promises a list the seed does not have");
    seed.blocks.push(SeedBlock { line, kind: BlockKind::Gap(text.to_string()) });
}

/// `(ordered, text)` for a line starting with a list marker: `-`, `–`, `—`, `•`, `*`, `1.`, `1)`.
pub(crate) fn list_item(line: &str) -> Option<(bool, &str)> {
    let mut chars = line.char_indices();
    let (_, first) = chars.next()?;
    let (ordered, rest) = if matches!(first, '•' | '▪' | '◦' | '·') {
        (false, &line[first.len_utf8()..])
    } else if matches!(first, '-' | '–' | '—' | '*') {
        let rest = &line[first.len_utf8()..];
        if !rest.starts_with(char::is_whitespace) {
            return None; // "*not* bold", "-5 degrees"
        }
        (false, rest)
    } else if first.is_ascii_digit() {
        let digits = line.chars().take_while(char::is_ascii_digit).count();
        let rest = line[digits..].strip_prefix(['.', ')'])?;
        if digits > 3 || !rest.starts_with(char::is_whitespace) {
            return None; // "2023. Next", "3.5 mg"
        }
        (true, rest)
    } else {
        return None;
    };
    let item = rest.trim();
    (!item.is_empty()).then_some((ordered, item))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<BlockKind> {
        normalize(text, &[]).blocks.into_iter().map(|b| b.kind).collect()
    }

    fn para(t: &str) -> BlockKind {
        BlockKind::Paragraph(t.to_string())
    }

    #[test]
    fn list_markers() {
        assert_eq!(list_item("- a"), Some((false, "a")));
        assert_eq!(list_item("– a"), Some((false, "a")));
        assert_eq!(list_item("— a"), Some((false, "a")));
        assert_eq!(list_item("•a"), Some((false, "a")));
        assert_eq!(list_item("* a"), Some((false, "a")));
        assert_eq!(list_item("1. a"), Some((true, "a")));
        assert_eq!(list_item("12) a"), Some((true, "a")));
        assert_eq!(list_item("*not* a tag"), None);
        assert_eq!(list_item("2023. A year."), None);
        assert_eq!(list_item("3.5 mg daily."), None);
        assert_eq!(list_item("-"), None);
    }

    #[test]
    fn ordered_and_bulleted_runs_split() {
        let got = kinds("Intro text here.\n1. one\n2) two\n- three\n\n- four\n");
        assert_eq!(got[1], BlockKind::List { ordered: true, items: vec!["one".into(), "two".into()] });
        assert_eq!(got[2], BlockKind::List { ordered: false, items: vec!["three".into(), "four".into()] });
    }

    #[test]
    fn short_lines_that_are_not_headings() {
        // A citation-shaped line between paragraphs stays a paragraph; a byline is lifted.
        let seed = normalize(
            "Some prose comes first.\nSmith J (2021) Gene Therapy\nMore prose is here.\nBy Jane Doe\nProse goes on.\n",
            &[],
        );
        assert!(seed.blocks.iter().all(|b| matches!(b.kind, BlockKind::Paragraph(_))), "{:?}", seed.blocks);
        assert_eq!(seed.blocks.len(), 4);
        assert_eq!(seed.bylines, vec!["By Jane Doe".to_string()]);
        // Two short lines before prose: the second heads the text; the first is an empty heading.
        let seed = normalize("Some prose comes first.\nOne\nTwo\nProse goes on here.\n", &[]);
        let got: Vec<BlockKind> = seed.blocks.into_iter().map(|b| b.kind).collect();
        assert_eq!(got[1], BlockKind::Heading("One".into()));
        assert_eq!(got[2], BlockKind::Heading("Two".into()));
        assert_eq!(seed.notes.len(), 1, "{:?}", seed.notes);
    }

    #[test]
    fn colon_line_before_markerless_fragments_recovers_a_list() {
        let got = kinds("Intro text here.\nSymptoms include:\nFever\nDry cough\nMost people recover.\n");
        assert_eq!(got[1], para("Symptoms include:"));
        assert_eq!(
            got[2],
            BlockKind::List { ordered: false, items: vec!["Fever".into(), "Dry cough".into()] }
        );
        // One fragment is too little to call a list, and is not a heading either.
        let got = kinds("Intro text here.\nThere are two types:\nType 1\nType 1 starts early.\n");
        assert_eq!(got[1], BlockKind::Gap("There are two types:".into()));
        assert_eq!(got[2], para("Type 1"));
    }

    #[test]
    fn title_needs_a_title_like_first_line() {
        assert_eq!(normalize("Only one line", &[]).title, None);
        assert_eq!(normalize("Title\nShort\nProse.", &[]).title, None);
        let seed = normalize("A Title\n\nA Title\n\nA Title\nProse goes on here.", &[]);
        assert_eq!(seed.title.as_deref(), Some("A Title"));
        // Every copy of the title (a multi-page scrape repeats it) is lifted with it.
        assert_eq!(seed.lifted.len(), 3);
        assert_eq!(seed.blocks[0].kind, para("Prose goes on here."));
        let seed = normalize("What is asthma?\nAsthma is a common lung condition.", &[]);
        assert_eq!(seed.title.as_deref(), Some("What is asthma?"));
    }

    #[test]
    fn references_without_blank_lines_keep_following_prose() {
        let seed = normalize(
            "Intro text here.\nJournal reference:\nSmith (2020) Title.\nThe article goes on here.\n",
            &[],
        );
        assert_eq!(seed.sources.len(), 1);
        assert_eq!(seed.blocks.last().map(|b| &b.kind), Some(&para("The article goes on here.")));
    }
}
