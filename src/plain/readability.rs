//! Readability measures over a page's body prose. (STUB: the contract; the rules land later.)

use serde::Serialize;

/// What kind of block a piece of prose came from; every block ends a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProseKind {
    /// A heading.
    Heading,
    /// A paragraph.
    Paragraph,
    /// One list item.
    ListItem,
    /// A table cell.
    TableCell,
}

/// One block of body prose, as a reader sees it (markup removed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProseBlock {
    /// Where it came from.
    pub kind: ProseKind,
    /// Its visible text.
    pub text: String,
}

/// The measures of a body of prose.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Readability {
    /// Sentences counted.
    pub sentences: usize,
    /// Words counted.
    pub words: usize,
    /// Syllables counted.
    pub syllables: usize,
    /// Words of three or more syllables.
    pub polysyllables: usize,
    /// Letters and digits in words (for Coleman-Liau).
    pub letters: usize,
    /// Flesch Reading Ease.
    pub flesch_reading_ease: f64,
    /// Flesch-Kincaid Grade.
    pub flesch_kincaid_grade: f64,
    /// SMOG grade.
    pub smog: f64,
    /// False when there are fewer than 30 sentences.
    pub smog_reliable: bool,
    /// Coleman-Liau index.
    pub coleman_liau: f64,
}

/// Measure blocks of prose.
pub fn measure(blocks: &[ProseBlock]) -> Readability {
    let mut r = Readability::default();
    for b in blocks {
        r.sentences += 1;
        for w in b.text.split_whitespace() {
            r.words += 1;
            r.syllables += super::syllables::count(w);
        }
    }
    if r.words > 0 && r.sentences > 0 {
        let wps = r.words as f64 / r.sentences as f64;
        let spw = r.syllables as f64 / r.words as f64;
        r.flesch_kincaid_grade = 0.39 * wps + 11.8 * spw - 15.59;
        r.flesch_reading_ease = 206.835 - 1.015 * wps - 84.6 * spw;
    }
    r
}
