//! Writing hints for the preview: per page, the long sentences and hard words the preview
//! script highlights, and the page's reading grade. Served as JSON, never written to the site.

use serde::Serialize;

use crate::plain::prose::{self, ProseBlock, HARD_WORD_SYLLABLES, LONG_SENTENCE_WORDS};

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
pub fn page_hints(slug: &str, grade: f64, target: f64, blocks: &[ProseBlock]) -> String {
    let hints = PageHints {
        slug: slug.to_string(),
        grade: prose::round_grade(grade),
        target,
        long_sentences: prose::sentences(blocks)
            .into_iter()
            .filter(|s| s.words > LONG_SENTENCE_WORDS)
            .map(|s| s.text)
            .collect(),
        hard_words: hard_words(blocks),
    };
    serde_json::to_string(&hints).unwrap_or_else(|_| "{}".to_string())
}

/// Sentences of the prose as the reader sees them (split by [`prose::sentences`]).
pub fn sentences(blocks: &[ProseBlock]) -> Vec<String> {
    prose::sentences(blocks).into_iter().map(|s| s.text).collect()
}

/// Distinct hard words (by [`prose::is_hard_word`]), lowercase, most frequent first.
pub fn hard_words(blocks: &[ProseBlock]) -> Vec<String> {
    prose::hard_word_details(blocks, HARD_WORD_SYLLABLES).into_iter().map(|h| h.word.to_lowercase()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plain::prose::ProseKind;

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
