//! Writing hints for the preview: per page, the long sentences and hard words the preview
//! script highlights, and the page's reading grade. Served as JSON, never written to the site.

use serde::Serialize;

use crate::plain::readability::ProseBlock;

/// Sentences longer than this many words are flagged.
pub const LONG_SENTENCE_WORDS: usize = 25;
/// Words of at least this many syllables are flagged.
pub const HARD_WORD_SYLLABLES: usize = 3;

/// The hints for one page, as sent to the browser.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageHints {
    /// The page's slug.
    pub slug: String,
    /// Flesch-Kincaid grade of the body.
    pub grade: f64,
    /// The page's reading-grade target.
    pub target: f64,
    /// Sentences over [`LONG_SENTENCE_WORDS`] words, as the reader sees them.
    pub long_sentences: Vec<String>,
    /// Distinct hard words (lowercase), of [`HARD_WORD_SYLLABLES`] syllables or more.
    pub hard_words: Vec<String>,
}

/// The hints of a page as JSON: its slug, its Flesch-Kincaid grade, its target and its prose.
pub fn page_hints(slug: &str, grade: f64, target: f64, prose: &[ProseBlock]) -> String {
    let hints = PageHints {
        slug: slug.to_string(),
        grade: (grade * 10.0).round() / 10.0,
        target,
        long_sentences: sentences(prose)
            .into_iter()
            .filter(|s| s.split_whitespace().count() > LONG_SENTENCE_WORDS)
            .collect(),
        hard_words: hard_words(prose),
    };
    serde_json::to_string(&hints).unwrap_or_else(|_| "{}".to_string())
}

// TODO: switch to `crate::plain::readability::{sentences, hard_words}` once they land, so the
// preview and the readability report agree on what a sentence and a hard word are.
/// Sentences of the prose: every block ends one, and `.`, `!` or `?` before a space ends one.
pub fn sentences(blocks: &[ProseBlock]) -> Vec<String> {
    let mut out = Vec::new();
    for block in blocks {
        let mut current = String::new();
        let mut chars = block.text.chars().peekable();
        while let Some(c) = chars.next() {
            current.push(c);
            if matches!(c, '.' | '!' | '?') && chars.peek().is_none_or(|n| n.is_whitespace()) {
                push_sentence(&mut out, &mut current);
            }
        }
        push_sentence(&mut out, &mut current);
    }
    out
}

fn push_sentence(out: &mut Vec<String>, current: &mut String) {
    let sentence = current.split_whitespace().collect::<Vec<_>>().join(" ");
    if !sentence.is_empty() {
        out.push(sentence);
    }
    current.clear();
}

/// Distinct words of three or more syllables, lowercase, in first-use order.
pub fn hard_words(blocks: &[ProseBlock]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for block in blocks {
        for raw in block.text.split_whitespace() {
            let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
            // Numbers, codes and abbreviations are not "hard words" for this hint.
            if word.is_empty() || !word.chars().all(|c| c.is_alphabetic() || c == '-' || c == '\'') {
                continue;
            }
            if word.chars().filter(|c| c.is_alphabetic()).all(|c| c.is_uppercase()) {
                continue;
            }
            let lower = word.to_lowercase();
            if crate::plain::syllables::count(&lower) >= HARD_WORD_SYLLABLES && seen.insert(lower.clone()) {
                out.push(lower);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plain::readability::ProseKind;

    fn para(text: &str) -> ProseBlock {
        ProseBlock { kind: ProseKind::Paragraph, text: text.to_string() }
    }

    #[test]
    fn splits_sentences_at_stops_and_blocks() {
        let got = sentences(&[para("One two. Three? Four 2.5 mg!"), para("Five")]);
        assert_eq!(got, vec!["One two.", "Three?", "Four 2.5 mg!", "Five"]);
    }

    #[test]
    fn hard_words_skip_abbreviations_and_repeat() {
        let got = hard_words(&[para("Your immune system. The IMMUNOLOGY team, immune, Medicine medicine.")]);
        assert!(got.contains(&"medicine".to_string()), "{got:?}");
        assert_eq!(got.iter().filter(|w| *w == "medicine").count(), 1);
        assert!(!got.iter().any(|w| w == "immunology"));
    }
}
