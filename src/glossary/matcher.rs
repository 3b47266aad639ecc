//! One automaton for every glossary phrase, with the whole-word and case rules applied per hit.
//!
//! The automaton reports *all* hits (overlapping, standard semantics) and the filters run
//! afterwards. A leftmost-longest automaton would be simpler, but it hides shorter phrases
//! behind a longer hit that then fails a filter: with the terms "blood" and "blood pressure",
//! the text "blood pressures" must still mark "blood".
//!
//! A Spanish glossary ([`TermMatcher::for_language`]) matches on a folded copy of the text:
//! any case ("CÉLULA"), accents ignored for phrases of [`ACCENT_TOLERANT_LETTERS`] letters or
//! more ("celula" is "célula"; short words such as "bebé"/"bebe" or "más"/"mas" are different
//! words and keep their accents), `ñ` always its own letter ("año" is not "ano"), and the
//! plurals of each phrase ([`spanish_plurals`]: "células madre", "inflamaciones").

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
    /// For a Spanish glossary: the forms searched for (each phrase and its plurals), by
    /// pattern number; the automaton then holds their folded text.
    spanish: Option<Vec<Form>>,
}

/// One form of a phrase a Spanish matcher looks for.
#[derive(Debug, Clone)]
struct Form {
    /// The form, lower case, accents as written.
    text: String,
    /// The phrase it is a form of.
    phrase: usize,
    /// Accents may differ between the text and the form.
    accent_tolerant: bool,
}

/// Letters from which a Spanish phrase matches with or without its accents.
pub const ACCENT_TOLERANT_LETTERS: usize = 5;

/// Lower case and Spanish accents dropped (`á é í ó ú ü` -> `a e i o u`), `ñ` kept: one
/// character for one, so positions carry over.
fn fold_char(c: char) -> char {
    match c.to_lowercase().next().unwrap_or(c) {
        'á' => 'a',
        'é' => 'e',
        'í' => 'i',
        'ó' | 'ö' => 'o',
        'ú' | 'ü' => 'u',
        lower => lower,
    }
}

/// `text` folded, with the byte offset in `text` of every byte offset of the folded text
/// that starts a character (and of its end).
fn fold_with_offsets(text: &str) -> (String, Vec<usize>) {
    let mut folded = String::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(text.len() + 1);
    for (at, c) in text.char_indices() {
        let f = fold_char(c);
        offsets.extend(std::iter::repeat_n(at, f.len_utf8()));
        folded.push(f);
    }
    offsets.push(text.len());
    (folded, offsets)
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
            Ok(automaton) => {
                TermMatcher { automaton: Some(automaton), phrases, build_error: None, spanish: None }
            }
            Err(e) => {
                TermMatcher { automaton: None, phrases, build_error: Some(e.to_string()), spanish: None }
            }
        }
    }

    /// [`TermMatcher::new`] by the matching rules of a language: Spanish (`es`, `es-US`)
    /// folds case and accents and finds plurals (see the module notes); every other
    /// language matches as written, in any ASCII case.
    pub fn for_language(language: &str, phrases: Vec<Phrase>) -> Self {
        if !crate::plain::readability_es::is_spanish(language) {
            return TermMatcher::new(phrases);
        }
        let phrases: Vec<Phrase> = phrases.into_iter().filter(|p| !p.text.is_empty()).collect();
        let mut forms = Vec::new();
        for (index, phrase) in phrases.iter().enumerate() {
            let lower = phrase.text.to_lowercase();
            let letters = lower.chars().filter(|c| c.is_alphabetic()).count();
            let accent_tolerant = !phrase.case_sensitive && letters >= ACCENT_TOLERANT_LETTERS;
            let plurals = if phrase.case_sensitive { Vec::new() } else { spanish_plurals(&lower) };
            for text in std::iter::once(lower.clone()).chain(plurals) {
                forms.push(Form { text, phrase: index, accent_tolerant });
            }
        }
        if forms.is_empty() {
            return TermMatcher::default();
        }
        let folded: Vec<String> = forms.iter().map(|f| f.text.chars().map(fold_char).collect()).collect();
        let built = AhoCorasick::builder().match_kind(MatchKind::Standard).build(&folded);
        let (automaton, build_error) = match built {
            Ok(automaton) => (Some(automaton), None),
            Err(e) => (None, Some(e.to_string())),
        };
        TermMatcher { automaton, phrases, build_error, spanish: Some(forms) }
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
        let mut candidates: Vec<TermMatch> = match &self.spanish {
            Some(forms) => self.spanish_candidates(automaton, forms, text),
            None => automaton
                .find_overlapping_iter(text)
                .filter_map(|hit| {
                    let phrase = &self.phrases[hit.pattern().as_usize()];
                    let (start, end) = (hit.start(), hit.end());
                    let accepted = is_word_boundary(text, start, end)
                        && (!phrase.case_sensitive || text[start..end] == phrase.text);
                    accepted.then_some(TermMatch { start, end, entry: phrase.entry })
                })
                .collect(),
        };
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

impl TermMatcher {
    /// The hits of a Spanish matcher: found in the folded text, then checked on the text
    /// itself (whole words, exact case for case-sensitive phrases, accents unless tolerant).
    fn spanish_candidates(&self, automaton: &AhoCorasick, forms: &[Form], text: &str) -> Vec<TermMatch> {
        let (folded, offsets) = fold_with_offsets(text);
        automaton
            .find_overlapping_iter(&folded)
            .filter_map(|hit| {
                let form = &forms[hit.pattern().as_usize()];
                let phrase = &self.phrases[form.phrase];
                let (start, end) = (offsets[hit.start()], offsets[hit.end()]);
                let found = &text[start..end];
                let accepted = is_word_boundary(text, start, end)
                    && if phrase.case_sensitive {
                        found == phrase.text
                    } else {
                        form.accent_tolerant
                            || found.chars().flat_map(char::to_lowercase).eq(form.text.chars())
                    };
                accepted.then_some(TermMatch { start, end, entry: phrase.entry })
            })
            .collect()
    }
}

/// Words that end the part of a Spanish noun phrase whose words agree in number ("presión
/// arterial" -> "presiones arteriales", but "cáncer de mama" -> "cánceres de mama").
const SPANISH_LINKS: &[&str] =
    &["de", "del", "en", "con", "para", "por", "a", "al", "sin", "y", "o", "e", "u"];

/// The plurals of a lower-case Spanish phrase: its first word made plural, and every word
/// up to the first linking word ("células madre", "glóbulos rojos"); none when no word
/// changes. Plurals are made by the spelling rules (+s after a vowel, +es after a
/// consonant, z -> ces, an accent on the last syllable dropped before -es as in
/// "inflamación" -> "inflamaciones"); words ending in an unstressed -s or -x ("virus",
/// "tórax") do not change.
pub fn spanish_plurals(phrase: &str) -> Vec<String> {
    let words: Vec<&str> = phrase.split(' ').collect();
    let agreeing = words.iter().position(|w| SPANISH_LINKS.contains(w)).unwrap_or(words.len());
    let mut out: Vec<String> = Vec::new();
    for count in [1, agreeing] {
        let plural: Vec<String> = words
            .iter()
            .enumerate()
            .map(|(i, w)| if i < count { spanish_plural(w) } else { w.to_string() })
            .collect();
        let plural = plural.join(" ");
        if plural != phrase && !out.contains(&plural) {
            out.push(plural);
        }
    }
    out
}

/// The plural of one lower-case Spanish word (itself when it does not change).
fn spanish_plural(word: &str) -> String {
    let mut chars: Vec<char> = word.chars().collect();
    let Some(&last) = chars.last() else { return String::new() };
    if !last.is_alphabetic() {
        return word.to_string();
    }
    let unaccent = |c: char| match c {
        'á' => 'a',
        'é' => 'e',
        'í' => 'i',
        'ó' => 'o',
        'ú' => 'u',
        other => other,
    };
    // An accent on the vowel before a final -n or -s goes when -es is added, except on the
    // í or ú of a hiatus ("país" -> "países").
    let drop_final_accent = |chars: &mut Vec<char>| {
        let n = chars.len();
        if n >= 2 && "áéíóú".contains(chars[n - 2]) {
            let hiatus = n >= 3 && "íú".contains(chars[n - 2]) && "aeiouáéíóú".contains(chars[n - 3]);
            if !hiatus {
                chars[n - 2] = unaccent(chars[n - 2]);
            }
        }
    };
    match last {
        'a' | 'e' | 'i' | 'o' | 'u' | 'á' | 'é' | 'ó' => format!("{word}s"),
        'í' | 'ú' => format!("{word}es"),
        'z' => {
            chars.pop();
            chars.into_iter().collect::<String>() + "ces"
        }
        's' | 'x' => {
            let stressed_last = chars.len() >= 2 && "áéíóú".contains(chars[chars.len() - 2]);
            if crate::plain::syllables_es::count(word) == 1 || stressed_last {
                drop_final_accent(&mut chars);
                chars.into_iter().collect::<String>() + "es"
            } else {
                word.to_string()
            }
        }
        'n' => {
            drop_final_accent(&mut chars);
            chars.into_iter().collect::<String>() + "es"
        }
        _ => format!("{word}es"),
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

    fn spanish(phrases: &[(&str, usize, bool)]) -> TermMatcher {
        TermMatcher::for_language(
            "es-US",
            phrases
                .iter()
                .map(|(t, e, cs)| Phrase { text: t.to_string(), entry: *e, case_sensitive: *cs })
                .collect(),
        )
    }

    #[test]
    fn spanish_plurals_follow_the_spelling_rules() {
        for (singular, plurals) in [
            ("célula", vec!["células"]),
            ("bebé", vec!["bebés"]),
            ("bisturí", vec!["bisturíes"]),
            ("tumor", vec!["tumores"]),
            ("cicatriz", vec!["cicatrices"]),
            ("inflamación", vec!["inflamaciones"]),
            ("pulmón", vec!["pulmones"]),
            ("examen", vec!["examenes"]),
            ("país", vec!["países"]),
            ("mes", vec!["meses"]),
            ("virus", vec![]),
            ("tórax", vec![]),
            ("célula madre", vec!["células madre", "células madres"]),
            ("presión arterial", vec!["presiones arterial", "presiones arteriales"]),
            ("cáncer de mama", vec!["cánceres de mama"]),
        ] {
            assert_eq!(spanish_plurals(singular), plurals, "{singular}");
        }
    }

    #[test]
    fn spanish_matching_folds_case_and_accents_but_not_enye() {
        let m = spanish(&[("célula", 0, false), ("año", 1, false), ("bebé", 2, false), ("ADN", 3, true)]);
        assert_eq!(
            found(&m, "Las CÉLULAS y la celula. Células, Celulas."),
            [("CÉLULAS", 0), ("celula", 0), ("Células", 0), ("Celulas", 0)]
        );
        assert_eq!(found(&m, "Un año, dos AÑOS; el ano no."), [("año", 1), ("AÑOS", 1)]);
        // Short words keep their accents: "bebe" is "drinks".
        assert_eq!(found(&m, "El bebé bebe. Los bebés."), [("bebé", 2), ("bebés", 2)]);
        // Case-sensitive phrases stay exact and get no plural.
        assert_eq!(found(&m, "El ADN, el adn, los ADNes."), [("ADN", 3)]);
    }

    #[test]
    fn spanish_word_boundaries_see_accented_letters_and_enye() {
        let m = spanish(&[("gen", 0, false), ("presión arterial", 1, false), ("uña", 2, false)]);
        // "genético", "génesis" and "gené" are other words; "genes" is the plural.
        assert_eq!(found(&m, "Un gen, dos genes, genético, gené, génesis."), [("gen", 0), ("genes", 0)]);
        assert_eq!(
            found(&m, "Las presiones arteriales y la presion arterial."),
            [("presiones arteriales", 1), ("presion arterial", 1)]
        );
        assert_eq!(found(&m, "Una uña; uñas; unas no; pezuña no."), [("uña", 2), ("uñas", 2)]);
    }

    #[test]
    fn english_matching_is_unchanged_by_the_language_rules() {
        let m = TermMatcher::for_language(
            "en",
            vec![Phrase { text: "gene".into(), entry: 0, case_sensitive: false }],
        );
        assert_eq!(found(&m, "a gene, genes, GENE"), [("gene", 0), ("GENE", 0)]);
    }

    #[test]
    fn empty_matcher_finds_nothing() {
        assert!(TermMatcher::new(Vec::new()).find_all("anything").is_empty());
        assert!(matcher(&[("", 0, false)]).find_all("anything").is_empty());
    }
}
