//! Raw scraped text to blocks: boilerplate, lifted facts, title, then headings, lists, gaps.
//!
//! Every non-blank seed line ends up in exactly one place: a block, `dropped` (boilerplate), or
//! `lifted` (title, review date, references), so nothing is lost without a record.

use super::boilerplate::{Boilerplate, MatchKind};
use super::lift::{
    has_parenthesized_year, is_source_header, looks_like_citation, reviewed_date, sources_from,
};
use super::text::{collapse_whitespace, ends_with_closing_punctuation, split_last_sentence, word_count};
use super::{BlockKind, NormalizedSeed, SeedBlock};

/// Longest heading, in words.
const HEADING_MAX_WORDS: usize = 10;
/// Longest title line, in words (titles run longer than section headings).
const TITLE_MAX_WORDS: usize = 20;
/// A line longer than this reads as prose even without a closing stop.
const PROSE_MIN_WORDS: usize = 11;
/// Longest item of a list the scrape lost its markers for.
const BARE_ITEM_MAX_WORDS: usize = 12;

/// What became of one seed line so far.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Slot {
    Blank,
    Body(String),
    Removed,
}

/// A body line: 1-based line number and whitespace-collapsed text.
#[derive(Debug, Clone, PartialEq, Eq)]
struct BodyLine {
    number: usize,
    text: String,
}

/// Normalize raw seed text; `extra_boilerplate` adds site and page patterns to the built-in list.
pub fn normalize(text: &str, extra_boilerplate: &[String]) -> NormalizedSeed {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let raw: Vec<&str> = text.lines().map(str::trim).collect();
    let mut seed = NormalizedSeed::default();
    let mut slots = drop_boilerplate(&raw, &Boilerplate::with_extra(extra_boilerplate), &mut seed);
    lift_facts(&raw, &mut slots, &mut seed);
    lift_title(&raw, &mut slots, &mut seed);
    let body: Vec<BodyLine> = slots
        .into_iter()
        .enumerate()
        .filter_map(|(i, slot)| match slot {
            Slot::Body(text) => Some(BodyLine { number: i + 1, text }),
            Slot::Blank | Slot::Removed => None,
        })
        .collect();
    seed.blocks = blocks_from(&body);
    seed
}

/// Marks boilerplate lines (and everything after a "You might also like…") as removed.
fn drop_boilerplate(raw: &[&str], boilerplate: &Boilerplate, seed: &mut NormalizedSeed) -> Vec<Slot> {
    let mut truncating = false;
    raw.iter()
        .enumerate()
        .map(|(i, line)| {
            if line.is_empty() {
                return Slot::Blank;
            }
            let kind = boilerplate.classify(line);
            if truncating || kind.is_some() {
                truncating |= kind == Some(MatchKind::TruncateRest);
                seed.dropped.push((i + 1, line.to_string()));
                Slot::Removed
            } else {
                Slot::Body(collapse_whitespace(line))
            }
        })
        .collect()
}

/// Lifts "Last reviewed on …" into `reviewed_on` and "Journal reference:" blocks into `sources`.
fn lift_facts(raw: &[&str], slots: &mut [Slot], seed: &mut NormalizedSeed) {
    let mut i = 0;
    while i < slots.len() {
        let Slot::Body(text) = &slots[i] else {
            i += 1;
            continue;
        };
        if let Some(date) = reviewed_date(text) {
            // Several review lines: the latest is the one that counts.
            seed.reviewed_on = seed.reviewed_on.max(Some(date));
            lift(raw, slots, seed, i);
        } else if is_source_header(text) {
            let references = reference_lines(slots, i + 1);
            if !references.is_empty() {
                let texts: Vec<&str> = references.iter().map(|&j| slot_text(&slots[j])).collect();
                seed.sources.extend(sources_from(&texts));
                lift(raw, slots, seed, i);
                for j in references {
                    lift(raw, slots, seed, j);
                }
            }
        }
        i += 1;
    }
}

/// The reference lines after a header: blanks skipped up front, then up to a blank or dropped line.
///
/// Past the first, a line must still look like a citation, so a seed without blank lines does not
/// lose the article after its references.
fn reference_lines(slots: &[Slot], from: usize) -> Vec<usize> {
    let first = slots[from.min(slots.len())..].iter().position(|s| *s != Slot::Blank).map(|p| from + p);
    let mut lines = Vec::new();
    let Some(first) = first else { return lines };
    for (j, slot) in slots.iter().enumerate().skip(first) {
        match slot {
            Slot::Body(text) if lines.is_empty() || looks_like_citation(text) => lines.push(j),
            _ => break,
        }
    }
    lines
}

fn slot_text(slot: &Slot) -> &str {
    match slot {
        Slot::Body(text) => text,
        Slot::Blank | Slot::Removed => "",
    }
}

/// Takes line `i` out of the body, recording it in `lifted`.
fn lift(raw: &[&str], slots: &mut [Slot], seed: &mut NormalizedSeed, i: usize) {
    seed.lifted.push((i + 1, raw[i].to_string()));
    slots[i] = Slot::Removed;
}

/// Lifts a title-like first line that is repeated (the scrape doubled it) or followed by prose.
fn lift_title(raw: &[&str], slots: &mut [Slot], seed: &mut NormalizedSeed) {
    let mut body = slots.iter().enumerate().filter(|(_, s)| matches!(s, Slot::Body(_)));
    let (Some((first, Slot::Body(title))), Some((second, Slot::Body(next)))) = (body.next(), body.next())
    else {
        return;
    };
    if !is_title_like(title) {
        return;
    }
    let repeated = title.to_lowercase() == next.to_lowercase();
    if !repeated && !is_prose(next) {
        return;
    }
    seed.title = Some(title.clone());
    lift(raw, slots, seed, first);
    if repeated {
        lift(raw, slots, seed, second);
    }
}

/// Groups body lines into headings, lists, gaps and paragraphs.
fn blocks_from(body: &[BodyLine]) -> Vec<SeedBlock> {
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < body.len() {
        let line = &body[i];
        let next = body.get(i + 1).map(|l| l.text.as_str());
        if let Some((ordered, _)) = list_item(&line.text) {
            let items: Vec<String> = body[i..]
                .iter()
                .map_while(|l| {
                    list_item(&l.text).filter(|(o, _)| *o == ordered).map(|(_, item)| item.to_string())
                })
                .collect();
            i += items.len();
            blocks.push(SeedBlock { line: line.number, kind: BlockKind::List { ordered, items } });
            continue;
        }
        if line.text.ends_with(':') {
            let bare_items = bare_list_after(&body[i + 1..]);
            if bare_items.len() >= 2 {
                blocks.push(SeedBlock { line: line.number, kind: BlockKind::Paragraph(line.text.clone()) });
                let items = bare_items.iter().map(|l| l.text.clone()).collect();
                blocks.push(SeedBlock {
                    line: bare_items[0].number,
                    kind: BlockKind::List { ordered: false, items },
                });
                i += 1 + bare_items.len();
                continue;
            }
            if next.is_some_and(|n| list_item(n).is_some()) || is_source_header(&line.text) {
                blocks.push(SeedBlock { line: line.number, kind: BlockKind::Paragraph(line.text.clone()) });
            } else {
                push_gap(&mut blocks, line);
            }
            i += 1;
            continue;
        }
        let after_colon = i > 0 && body[i - 1].text.ends_with(':');
        let kind = if !after_colon && is_heading_like(&line.text) && next.is_some_and(is_prose) {
            BlockKind::Heading(line.text.clone())
        } else {
            BlockKind::Paragraph(line.text.clone())
        };
        blocks.push(SeedBlock { line: line.number, kind });
        i += 1;
    }
    blocks
}

/// A gap keeps only its last sentence ("It can:"); the sentences before it stay a paragraph.
fn push_gap(blocks: &mut Vec<SeedBlock>, line: &BodyLine) {
    let (before, gap) = split_last_sentence(&line.text);
    if let Some(before) = before {
        blocks.push(SeedBlock { line: line.number, kind: BlockKind::Paragraph(before.to_string()) });
    }
    blocks.push(SeedBlock { line: line.number, kind: BlockKind::Gap(gap.to_string()) });
}

/// Lines after a colon line that look like a list whose markers the scrape lost: short fragments
/// without a closing stop. A final fragment followed by nothing or by more fragments is an item too.
fn bare_list_after(rest: &[BodyLine]) -> &[BodyLine] {
    let count = rest
        .iter()
        .take_while(|l| {
            list_item(&l.text).is_none()
                && word_count(&l.text) <= BARE_ITEM_MAX_WORDS
                && !ends_with_closing_punctuation(&l.text)
        })
        .count();
    &rest[..count]
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

/// A line that reads as prose: not a list item, and ending like a sentence or running long.
fn is_prose(line: &str) -> bool {
    list_item(line).is_none() && (ends_with_closing_punctuation(line) || word_count(line) >= PROSE_MIN_WORDS)
}

/// Shared shape of titles and headings: starts with a capital or digit, no closing stop, no quote
/// or bracket at the end, not a list item, not a citation or byline.
fn is_label_like(line: &str, max_words: usize) -> bool {
    let lower = line.to_lowercase();
    let starts_well = line.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let ends_bare = line.chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == ')');
    starts_well
        && ends_bare
        && word_count(line) <= max_words
        && !ends_with_closing_punctuation(line)
        && list_item(line).is_none()
        && !lower.starts_with("by ")
        && !lower.contains("et al")
        && !lower.contains("http")
        && !lower.contains("www.")
        && !lower.contains("doi")
        && !has_parenthesized_year(line)
}

fn is_heading_like(line: &str) -> bool {
    is_label_like(line, HEADING_MAX_WORDS)
}

fn is_title_like(line: &str) -> bool {
    is_label_like(line, TITLE_MAX_WORDS)
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
        // A citation-shaped line, a byline, and a short line followed by another short line.
        let got =
            kinds("Some prose first.\nSmith J (2021) Gene Therapy\nMore prose here.\nBy Jane Doe\nProse.\n");
        assert!(got.iter().all(|k| matches!(k, BlockKind::Paragraph(_))), "{got:?}");
        let got = kinds("Some prose first.\nOne\nTwo\nProse.\n");
        assert_eq!(got[1], para("One"));
        assert_eq!(got[2], BlockKind::Heading("Two".into()));
    }

    #[test]
    fn colon_line_before_markerless_fragments_recovers_a_list() {
        let got = kinds("Intro.\nSymptoms include:\nFever\nDry cough\nMost people recover.\n");
        assert_eq!(got[1], para("Symptoms include:"));
        assert_eq!(
            got[2],
            BlockKind::List { ordered: false, items: vec!["Fever".into(), "Dry cough".into()] }
        );
        // One fragment is too little to call a list, and is not a heading either.
        let got = kinds("Intro.\nThere are two types:\nType 1\nType 1 starts early.\n");
        assert_eq!(got[1], BlockKind::Gap("There are two types:".into()));
        assert_eq!(got[2], para("Type 1"));
    }

    #[test]
    fn title_needs_a_title_like_first_line() {
        assert_eq!(normalize("Only one line", &[]).title, None);
        assert_eq!(normalize("Title\nShort\nProse.", &[]).title, None);
        let seed = normalize("A Title\n\nA Title\n\nA Title\nProse.", &[]);
        assert_eq!(seed.title.as_deref(), Some("A Title"));
        // Only the scrape's immediate repeat is removed; a later line with the same text stays.
        assert_eq!(seed.blocks[0].kind, BlockKind::Heading("A Title".into()));
    }

    #[test]
    fn references_without_blank_lines_keep_following_prose() {
        let seed =
            normalize("Intro.\nJournal reference:\nSmith (2020) Title.\nThe article goes on here.\n", &[]);
        assert_eq!(seed.sources.len(), 1);
        assert_eq!(seed.blocks.last().map(|b| &b.kind), Some(&para("The article goes on here.")));
    }
}
