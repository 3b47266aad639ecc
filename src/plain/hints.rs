//! Writing hints for the preview: per page, the long sentences and hard words the preview
//! script highlights, and the page's reading grade. Served as JSON, never written to the site.

use serde::Serialize;

use crate::plain::prose::{self, ProseBlock, HARD_WORD_SYLLABLES, LONG_SENTENCE_WORDS};
use crate::plain::readability_es;

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
    /// Distinct hard words (lowercase), of [`HARD_WORD_SYLLABLES`] syllables or more (for a
    /// Spanish page, [`readability_es::HARD_WORD_SYLLABLES_ES`] Spanish syllables).
    pub hard_words: Vec<String>,
    /// A Spanish page's INFLESZ score (the preview shows it instead of the grade).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inflesz: Option<f64>,
    /// The INFLESZ score a Spanish page should reach.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inflesz_target: Option<f64>,
}

/// The hints of a page as JSON: its slug, its Flesch-Kincaid grade, its target and its prose.
pub fn page_hints(slug: &str, grade: f64, target: f64, blocks: &[ProseBlock]) -> String {
    page_hints_for("en", 0.0, slug, grade, target, blocks)
}

/// [`page_hints`] for a page in `language`: a Spanish page's hints count sentences and hard
/// words by the Spanish rules and carry its INFLESZ score and `inflesz_target`.
pub fn page_hints_for(
    language: &str,
    inflesz_target: f64,
    slug: &str,
    grade: f64,
    target: f64,
    blocks: &[ProseBlock],
) -> String {
    let spanish = readability_es::is_spanish(language);
    let sentences = if spanish { readability_es::block_sentences(blocks) } else { prose::sentences(blocks) };
    let hard_words = if spanish {
        readability_es::hard_word_details(blocks).into_iter().map(|h| h.word.to_lowercase()).collect()
    } else {
        hard_words(blocks)
    };
    let hints = PageHints {
        slug: slug.to_string(),
        grade: prose::round_grade(grade),
        target,
        long_sentences: sentences
            .into_iter()
            .filter(|s| s.words > LONG_SENTENCE_WORDS)
            .map(|s| s.text)
            .collect(),
        hard_words,
        inflesz: spanish.then(|| prose::round_grade(readability_es::measure_blocks(blocks).szigriszt_pazos)),
        inflesz_target: spanish.then_some(inflesz_target),
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
    fn spanish_hints_carry_inflesz_and_spanish_hard_words() {
        let blocks = [para("Tome la medicación con agua. El Dr. Ruiz le explica cómo.")];
        let hints: serde_json::Value =
            serde_json::from_str(&page_hints_for("es", 55.0, "p", 3.0, 8.0, &blocks)).unwrap();
        assert!(hints["inflesz"].as_f64().unwrap() > 55.0, "{hints}");
        assert_eq!(hints["inflesz_target"], 55.0);
        assert_eq!(hints["hard_words"], serde_json::json!(["medicación"]));
        let english: serde_json::Value = serde_json::from_str(&page_hints("p", 3.0, 8.0, &blocks)).unwrap();
        assert!(english.get("inflesz").is_none(), "English hints are as before: {english}");
    }

    #[test]
    fn hard_words_skip_abbreviations_and_repeat() {
        let got = hard_words(&[para("Your immune system. The IMMUNOLOGY team, immune, Medicine medicine.")]);
        assert!(got.contains(&"medicine".to_string()), "{got:?}");
        assert_eq!(got.iter().filter(|w| *w == "medicine").count(), 1);
        assert!(!got.iter().any(|w| w == "immunology"));
    }
}
