//! One automaton for every glossary phrase, with the whole-word and case rules applied per hit.
//!
//! The automaton reports *all* hits (overlapping, standard semantics) and the filters run
//! afterwards. A leftmost-longest automaton would be simpler, but it hides shorter phrases
//! behind a longer hit that then fails a filter: with the terms "blood" and "blood pressure",
//! the text "blood pressures" must still mark "blood".

use aho_corasick::{AhoCorasick, MatchKind};

/// One phrase the matcher looks for: a term or one of its synonyms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    /// The phrase as written in the glossary (trimmed).
    pub text: String,
    /// Index of the glossary entry that owns the phrase.
    pub entry: usize,
    /// Whether the text must match letter case exactly.
    pub case_sensitive: bool,
}

/// One accepted hit: a byte range of the text and the entry it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermMatch {
    /// Byte offset where the phrase starts.
    pub start: usize,
    /// Byte offset just after the phrase.
    pub end: usize,
    /// Index of the glossary entry.
    pub entry: usize,
}

/// The compiled matcher for all phrases of a glossary.
#[derive(Debug, Clone, Default)]
pub struct TermMatcher {
    automaton: Option<AhoCorasick>,
    phrases: Vec<Phrase>,
    build_error: Option<String>,
}

impl TermMatcher {
    /// Compile one automaton for `phrases`; empty phrases are left out (they would match everywhere).
    pub fn new(phrases: Vec<Phrase>) -> Self {
        let phrases: Vec<Phrase> = phrases.into_iter().filter(|p| !p.text.is_empty()).collect();
        if phrases.is_empty() {
            return TermMatcher::default();
        }
        let built = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(phrases.iter().map(|p| p.text.as_str()));
        match built {
            Ok(automaton) => TermMatcher { automaton: Some(automaton), phrases, build_error: None },
            Err(e) => TermMatcher { automaton: None, phrases, build_error: Some(e.to_string()) },
        }
    }

    /// Why the automaton could not be built (it then matches nothing).
    pub fn build_error(&self) -> Option<&str> {
        self.build_error.as_deref()
    }

    /// The phrases this matcher looks for, in pattern order.
    pub fn phrases(&self) -> &[Phrase] {
        &self.phrases
    }

    /// Every accepted hit in `text`, left to right, never overlapping; at each position the
    /// longest phrase that passes the whole-word and case rules wins.
    pub fn find_all(&self, text: &str) -> Vec<TermMatch> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let mut candidates: Vec<TermMatch> = automaton
            .find_overlapping_iter(text)
            .filter_map(|hit| {
                let phrase = &self.phrases[hit.pattern().as_usize()];
                let (start, end) = (hit.start(), hit.end());
                let accepted = is_word_boundary(text, start, end)
                    && (!phrase.case_sensitive || text[start..end] == phrase.text);
                accepted.then_some(TermMatch { start, end, entry: phrase.entry })
            })
            .collect();
        // Leftmost first; at the same start the longest first.
        candidates.sort_unstable_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut chosen = Vec::new();
        let mut taken_until = 0;
        for candidate in candidates {
            if candidate.start >= taken_until {
                taken_until = candidate.end;
                chosen.push(candidate);
            }
        }
        chosen
    }
}

/// Whether `text[start..end]` stands as whole words: no letter or digit touches either end.
pub fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Whether a phrase is written like an abbreviation ("SCID", "CAR-T", "HSCs"): at least two
/// letters, all capitals, allowing one lower-case plural "s" at the end.
pub fn looks_like_abbreviation(phrase: &str) -> bool {
    let core = match phrase.strip_suffix('s') {
        Some(rest) if rest.chars().next_back().is_some_and(char::is_uppercase) => rest,
        _ => phrase,
    };
    let letters: Vec<char> = core.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(phrases: &[(&str, usize, bool)]) -> TermMatcher {
        TermMatcher::new(
            phrases
                .iter()
                .map(|(t, e, cs)| Phrase { text: t.to_string(), entry: *e, case_sensitive: *cs })
                .collect(),
        )
    }

    fn found<'t>(m: &TermMatcher, text: &'t str) -> Vec<(&'t str, usize)> {
        m.find_all(text).into_iter().map(|h| (&text[h.start..h.end], h.entry)).collect()
    }

    #[test]
    fn longest_phrase_wins() {
        let m = matcher(&[("stem cells", 0, false), ("hematopoietic stem cells", 1, false)]);
        assert_eq!(
            found(&m, "Hematopoietic stem cells and stem cells."),
            [("Hematopoietic stem cells", 1), ("stem cells", 0)]
        );
    }

    #[test]
    fn shorter_phrase_survives_a_longer_hit_that_is_not_a_whole_word() {
        let m = matcher(&[("blood", 0, false), ("blood pressure", 1, false)]);
        assert_eq!(found(&m, "High blood pressures."), [("blood", 0)]);
        assert_eq!(found(&m, "High blood pressure."), [("blood pressure", 1)]);
    }

    #[test]
    fn only_whole_words_match() {
        let m = matcher(&[("gene", 0, false)]);
        assert!(found(&m, "genes, genetic, oncogene, gene2").is_empty());
        assert_eq!(found(&m, "a gene-based (gene) Gene."), [("gene", 0), ("gene", 0), ("Gene", 0)]);
        assert!(found(&m, "génétique gene\u{e9}").is_empty(), "accented letters are word letters");
    }

    #[test]
    fn case_sensitive_phrases_need_exact_case() {
        let m = matcher(&[("SCID", 0, true), ("stem cell", 1, false)]);
        assert_eq!(found(&m, "SCID, scid, Scid, STEM CELL"), [("SCID", 0), ("STEM CELL", 1)]);
    }

    #[test]
    fn abbreviations_are_recognised() {
        for yes in ["SCID", "HSCs", "CAR-T", "CD34", "HIV"] {
            assert!(looks_like_abbreviation(yes), "{yes}");
        }
        for no in ["T", "T-cell", "stem cells", "Down syndrome", "As", "ss", "3D"] {
            assert!(!looks_like_abbreviation(no), "{no}");
        }
    }

    #[test]
    fn empty_matcher_finds_nothing() {
        assert!(TermMatcher::new(Vec::new()).find_all("anything").is_empty());
        assert!(matcher(&[("", 0, false)]).find_all("anything").is_empty());
    }
}
