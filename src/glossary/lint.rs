//! Build-time checks that use the glossary: entries no page uses, and abbreviations no
//! reader gets explained.

use std::collections::HashSet;

use super::matcher::looks_like_abbreviation;
use super::Glossary;

impl Glossary {
    /// Indexes of entries that no page marked (`used_per_page` holds each page's `Marker::used`).
    pub fn unused_entries(&self, used_per_page: &[Vec<usize>]) -> Vec<usize> {
        let mut used = vec![false; self.entries.len()];
        for index in used_per_page.iter().flatten() {
            if let Some(flag) = used.get_mut(*index) {
                *flag = true;
            }
        }
        used.iter().enumerate().filter(|(_, u)| !**u).map(|(i, _)| i).collect()
    }

    /// All-capital words of two or more letters ("SCID", "HSCs", "CD34") in `text` that the
    /// glossary does not match and that the text never spells out in parentheses, either as
    /// "severe combined immunodeficiency (SCID)" or as "SCID (severe combined ...)".
    /// Each is listed once, in order of first appearance.
    pub fn unexplained_abbreviations(&self, text: &str) -> Vec<String> {
        let covered = self.find_terms(text);
        let tokens = abbreviation_tokens(text);
        // Spelled out once anywhere explains every use on the page (and its plural).
        let explained: HashSet<&str> = tokens
            .iter()
            .filter(|t| is_spelled_out(text, t.start, t.end))
            .map(|t| singular(&text[t.start..t.end]))
            .collect();
        let mut reported = HashSet::new();
        let mut out = Vec::new();
        for token in &tokens {
            let word = &text[token.start..token.end];
            let in_term = covered.iter().any(|m| m.start <= token.start && token.end <= m.end);
            if in_term || explained.contains(singular(word)) || !reported.insert(word) {
                continue;
            }
            out.push(word.to_string());
        }
        out
    }
}

/// A byte range of the text holding one word.
struct Token {
    start: usize,
    end: usize,
}

/// The words (runs of letters and digits) of `text` that look like abbreviations.
fn abbreviation_tokens(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if looks_like_abbreviation(&text[s..i]) {
                    tokens.push(Token { start: s, end: i });
                }
                start = None;
            }
            _ => {}
        }
    }
    tokens
}

/// Whether the abbreviation at `start..end` sits in parentheses after words, or is followed
/// by an opening parenthesis with the long form.
fn is_spelled_out(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end_matches([' ', '\u{a0}']);
    let after = text[end..].trim_start_matches([' ', '\u{a0}']);
    let in_parentheses = before.ends_with('(')
        && after.starts_with(')')
        && before[..before.len() - 1].trim_end().chars().next_back().is_some_and(char::is_alphabetic);
    let long_form_follows = after.starts_with('(')
        && after[1..].trim_start().chars().next().is_some_and(|c| c.is_alphabetic() && c.is_lowercase());
    in_parentheses || long_form_follows
}

/// "HSCs" -> "HSC": plural abbreviations share their singular's explanation.
fn singular(word: &str) -> &str {
    match word.strip_suffix('s') {
        Some(rest) if rest.chars().next_back().is_some_and(char::is_uppercase) => rest,
        _ => word,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Glossary, GlossaryEntry};

    fn glossary() -> Glossary {
        Glossary::from_entries(vec![GlossaryEntry {
            term: "severe combined immunodeficiency".into(),
            plain: "A rare illness present at birth.".into(),
            also: vec!["SCID".into()],
            more: None,
            see: Vec::new(),
            case_sensitive: None,
        }])
    }

    #[test]
    fn reports_abbreviations_nobody_explains() {
        let g = glossary();
        let text = "SCID is rare. Your HSCs come from bone marrow (BM). The FDA and the FDA \
                    again. Gene therapy for ADA (adenosine deaminase) deficiency. I went. CD34 cells.";
        assert_eq!(g.unexplained_abbreviations(text), ["HSCs", "FDA", "CD34"]);
    }

    #[test]
    fn spelled_out_once_covers_plural_and_later_uses() {
        let g = glossary();
        let text = "Hematopoietic stem cells (HSC) are made in bone marrow. Doctors collect HSCs.";
        assert!(g.unexplained_abbreviations(text).is_empty());
    }

    #[test]
    fn unused_entries_are_listed() {
        let g = Glossary::from_entries(
            ["a", "b", "c"]
                .iter()
                .map(|t| GlossaryEntry {
                    term: t.to_string(),
                    plain: "x".into(),
                    also: Vec::new(),
                    more: None,
                    see: Vec::new(),
                    case_sensitive: None,
                })
                .collect(),
        );
        assert_eq!(g.unused_entries(&[vec![0], vec![0, 99]]), [1, 2]);
    }
}
