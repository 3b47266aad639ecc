//! The lexicon of site chrome and the stop-word list, read once from `src/seed/data/`.
//!
//! Both are data, not code, so a new publisher's button or banner is one line in a text file.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

/// The chrome lexicon (see the header of `data/chrome.txt` for the three kinds of entry).
const CHROME: &str = include_str!("data/chrome.txt");
/// English function words, for stop-word density.
const STOP_WORDS: &str = include_str!("data/stop_words.txt");

/// How a line matched the chrome lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChromeMatch {
    /// The whole line is a chrome entry ("Print").
    Line,
    /// The line starts with a chrome entry ("Skip to main content").
    Start,
    /// The line contains this many chrome phrases, none at its start.
    Phrases(usize),
    /// The line contains a legal, disclaimer or sales phrase: junk at any length.
    Strong,
}

/// The parsed lexicon.
struct Lexicon {
    lines: HashSet<String>,
    /// Line starts by their first character, so a line is compared with a few, not hundreds.
    starts: HashMap<char, Vec<String>>,
    phrases: PhraseSet,
    strong: PhraseSet,
    calls: HashSet<String>,
    /// Verbs that open a sales or fundraising sentence ("Donate today", "Chat with a pharmacist").
    sales: HashSet<String>,
    /// Words of an offer: round-the-clock service, surveys, helplines.
    offers: Vec<String>,
    sections: Vec<String>,
    /// Nouns that name an institution ("Department", "Trust", "Fundación"): a short Title Case
    /// line built on one is the publisher's or a body's name, not a heading.
    institutions: HashSet<String>,
    /// Lines that introduce links within or beyond the page ("Contents", "On this page").
    labels: HashSet<String>,
    stop: HashSet<String>,
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut lex = Lexicon {
            lines: HashSet::new(),
            starts: HashMap::new(),
            phrases: PhraseSet::default(),
            strong: PhraseSet::default(),
            calls: HashSet::new(),
            sales: HashSet::new(),
            offers: Vec::new(),
            sections: Vec::new(),
            institutions: HashSet::new(),
            labels: HashSet::new(),
            stop: HashSet::new(),
        };
        let (mut phrases, mut strong) = (Vec::new(), Vec::new());
        for entry in data_lines(CHROME) {
            let Some((kind, raw)) = entry.split_once(':') else { continue };
            let text = chrome_key(raw);
            if text.is_empty() {
                continue;
            }
            // Starts and phrases keep their closing punctuation: "photo:" is a credit, while
            // "photo" is a word any paragraph may use.
            let exact = super::text::loose_key(raw)
                .to_lowercase()
                .trim_start_matches(['[', '|', '•', '·', ' '])
                .trim_end()
                .to_string();
            match kind.trim() {
                "line" => {
                    lex.lines.insert(text);
                }
                "start" => {
                    if exact != text {
                        lex.lines.insert(text); // "Related:" alone on its line
                    }
                    let first = exact.chars().next().unwrap_or(' ');
                    lex.starts.entry(first).or_default().push(exact);
                }
                "phrase" => phrases.push(exact),
                "strong" => strong.push(exact),
                "section" => lex.sections.push(text),
                "call" => {
                    lex.calls.insert(text);
                }
                "sale" => {
                    lex.sales.insert(text);
                }
                "offer" => lex.offers.push(exact),
                "institution" => {
                    lex.institutions.insert(text);
                }
                "label" => {
                    lex.lines.insert(text.clone());
                    lex.labels.insert(text);
                }
                _ => {}
            }
        }
        lex.phrases = PhraseSet::new(phrases);
        lex.strong = PhraseSet::new(strong);
        lex.stop = data_lines(STOP_WORDS).map(str::to_string).collect();
        lex
    })
}

/// Non-comment, non-blank lines of a data file.
/// Phrases found in one pass over a line (one automaton instead of a search per phrase: the
/// lexicon has hundreds, and a 50,000-line seed was spending most of its time here).
#[derive(Default)]
struct PhraseSet {
    phrases: Vec<String>,
    automaton: Option<AhoCorasick>,
}

impl PhraseSet {
    fn new(phrases: Vec<String>) -> PhraseSet {
        let automaton = AhoCorasick::builder().match_kind(MatchKind::Standard).build(&phrases).ok();
        PhraseSet { phrases, automaton }
    }

    /// How many of the phrases the text contains at word boundaries (each phrase counted once).
    fn count(&self, text: &str) -> usize {
        let Some(automaton) = &self.automaton else { return 0 };
        let mut found = vec![false; self.phrases.len()];
        for m in automaton.find_overlapping_iter(text) {
            let id = m.pattern().as_usize();
            if !found[id] && at_word_boundaries(text, &self.phrases[id], m.start(), m.end()) {
                found[id] = true;
            }
        }
        found.iter().filter(|f| **f).count()
    }
}

fn data_lines(data: &str) -> impl Iterator<Item = &str> {
    data.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The key lines and entries are compared by: lowercase, quotes folded, white space collapsed,
/// and the trailing marks menus and buttons carry (`.`, `:`, `›`, `»`…) dropped.
pub fn chrome_key(text: &str) -> String {
    let lower = super::text::loose_key(text).to_lowercase();
    lower
        .trim_start_matches(['[', '|', '•', '·', ' '])
        .trim_end_matches(['.', ':', '!', '?', '…', '›', '»', '>', ']', '|', ' ', '•', '·'])
        .trim()
        .to_string()
}

/// How `line` matches the chrome lexicon, if it does.
pub fn chrome_match(line: &str) -> Option<ChromeMatch> {
    let lex = lexicon();
    let key = chrome_key(line);
    if key.is_empty() {
        return None;
    }
    if lex.lines.contains(&key) || is_button_row(&key, lex) {
        return Some(ChromeMatch::Line);
    }
    if lex.strong.count(&key) > 0 {
        return Some(ChromeMatch::Strong);
    }
    let first = key.chars().next().unwrap_or(' ');
    if lex.starts.get(&first).is_some_and(|starts| starts.iter().any(|s| starts_with_word(&key, s))) {
        return Some(ChromeMatch::Start);
    }
    let phrases = lex.phrases.count(&key);
    (phrases > 0).then_some(ChromeMatch::Phrases(phrases))
}

/// Most buttons a row of them has ("Quote Like Report", "Share Print Email").
const BUTTON_ROW_MAX_WORDS: usize = 6;

/// A few words that are each a whole chrome line: a row of buttons run together.
fn is_button_row(key: &str, lex: &Lexicon) -> bool {
    let words: Vec<&str> = key.split_whitespace().collect();
    (2..=BUTTON_ROW_MAX_WORDS).contains(&words.len())
        && words.iter().all(|w| lex.lines.contains(w.trim_matches(|c: char| !c.is_alphanumeric())))
}

/// Words of a header that starts a list of links to other pages ("Related articles", "You might
/// also like…"): the short lines after it are those links, not the article.
const LINK_LIST_HEADERS: &[&str] = &[
    "related",
    "also like",
    "also be interested",
    "might be interested",
    "see also",
    "more on",
    "more from",
    "more stories",
    "more articles",
    "more in",
    "more about",
    "read next",
    "popular",
    "most read",
    "trending",
    "recommended",
    "people also",
    "readers also",
    "top stories",
    "latest news",
    "up next",
    "further reading",
    "other pages",
    "explore more",
    "keep reading",
    "what to read next",
];

/// True when a chrome line opens a list of links to other pages.
pub fn opens_link_list(line: &str) -> bool {
    let key = chrome_key(line);
    // "Related: Sciatica – causes" is one link, not the header of a list of them.
    let one_link = key.split_once(':').is_some_and(|(_, rest)| !rest.trim().is_empty());
    !one_link
        && key.split_whitespace().count() <= 6
        && LINK_LIST_HEADERS.iter().any(|h| contains_word(&key, h))
}

/// True when a line heads a section of page furniture ("About the author", "14 thoughts on…",
/// "Leave a reply"): everything under it, prose too, belongs to the page, not the article.
pub fn opens_furniture_section(line: &str) -> bool {
    let key = chrome_key(line);
    let words: Vec<&str> = key.split_whitespace().collect();
    let counted = words.len() >= 2
        && words[0].chars().all(|c| c.is_ascii_digit())
        && ["thoughts", "comments", "responses", "replies"].contains(&words[1]);
    counted || (words.len() <= 6 && lexicon().sections.iter().any(|s| starts_with_word(&key, s)))
}

/// How many kinds of promotional evidence a line carries: the publisher speaking of itself
/// ("our nurses", "help us", "members"), a sentence opening with a sales verb ("Donate today"),
/// an offer ("24/7", "survey", "helpline"), a price, a hook question before the pitch
/// ("Worried about your back? Book…"), or the whole line a question in the publisher's voice
/// ("Did our information help you?"). Health text has one of these at most; a banner has two.
pub fn promotion_signals(line: &str) -> usize {
    let lex = lexicon();
    let lower = super::text::loose_key(line).to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let bare = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'').to_string();
    let voice = words
        .iter()
        .any(|w| matches!(bare(w).as_str(), "our" | "us" | "we'd" | "we're" | "we'll" | "members" | "ours"));
    let sentences: Vec<&str> =
        lower.split_inclusive(['.', '!', '?']).map(str::trim).filter(|s| !s.is_empty()).collect();
    let sale =
        sentences.iter().any(|s| s.split_whitespace().next().is_some_and(|w| lex.sales.contains(&bare(w))));
    let offer = lex.offers.iter().any(|o| contains_word(&lower, o));
    let price = has_price(&lower);
    let hook =
        sentences.len() >= 2 && sentences[0].ends_with('?') && sentences[0].split_whitespace().count() <= 6;
    let asks = voice && sentences.len() == 1 && lower.trim_end().ends_with('?');
    [voice, sale, offer, price, hook, asks].iter().filter(|s| **s).count()
}

/// True when a word of the line is a price ("$145", "(£30").
pub fn has_price(line: &str) -> bool {
    line.split_whitespace().any(|w| {
        let mut chars = w.trim_start_matches('(').chars();
        matches!(chars.next(), Some('£' | '$' | '€')) && chars.next().is_some_and(|c| c.is_ascii_digit())
    })
}

/// True when a line opens with a verb buttons and banners use ("Book now", "Take the survey").
pub fn starts_with_call_to_action(line: &str) -> bool {
    let first = line.split_whitespace().next().unwrap_or("").trim_matches(|c: char| !c.is_alphanumeric());
    lexicon().calls.contains(&first.to_lowercase())
}

/// True when a line, alone, introduces links to parts of the page or to other pages:
/// "Contents", "On this page", "Images"; the short lines under it are those links.
pub fn is_navigation_label(line: &str) -> bool {
    lexicon().labels.contains(&chrome_key(line))
}

/// Words an institution's name may hold besides its capitalised words ("Department *of* Health
/// *and* Human Services", "Instituto *de* Salud").
const NAME_JOINERS: &[&str] = &["of", "and", "for", "the", "&", "de", "del", "la", "las", "los", "y", "el"];

/// True when a short line is the name of an institution: two to ten words, no sentence, every
/// word capitalised or a joiner, one of them an institution noun ("U.S. Department of Health and
/// Human Services", "Riverside Hospitals Health Trust"). A heading asks or tells something
/// ("When to Go to Hospital" has "when" and "to"); a name only names.
pub fn is_institution_name(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    if !(2..=10).contains(&words.len()) || super::text::ends_with_closing_punctuation(line) {
        return false;
    }
    let lex = lexicon();
    let mut institution = false;
    for word in &words {
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '&');
        let lower = bare.to_lowercase();
        if NAME_JOINERS.contains(&lower.as_str()) {
            continue;
        }
        if !bare.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) {
            return false;
        }
        institution |= lex.institutions.contains(&lower);
    }
    institution
}

/// True when `word` (lowercase) is an English function word.
pub fn is_stop_word(word: &str) -> bool {
    lexicon().stop.contains(word)
}

/// `text` starts with `prefix`, and the prefix does not end in the middle of a word.
fn starts_with_word(text: &str, prefix: &str) -> bool {
    let Some(rest) = text.strip_prefix(prefix) else { return false };
    let prefix_ends_word = !prefix.chars().next_back().is_some_and(char::is_alphanumeric);
    prefix_ends_word || !rest.chars().next().is_some_and(char::is_alphanumeric)
}

/// `text` contains `phrase` with word boundaries on both sides.
fn contains_word(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(i, _)| at_word_boundaries(text, phrase, i, i + phrase.len()))
}

/// The phrase found at `start..end` is not part of a longer word (a phrase that starts or ends
/// with punctuation, like "(image:", may touch letters on that side).
fn at_word_boundaries(text: &str, phrase: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let open_start = !phrase.chars().next().is_some_and(char::is_alphanumeric);
    let open_end = !phrase.chars().next_back().is_some_and(char::is_alphanumeric);
    (open_start || !before.is_some_and(char::is_alphanumeric))
        && (open_end || !after.is_some_and(char::is_alphanumeric))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_lines_starts_and_phrases() {
        assert_eq!(chrome_match("Print"), Some(ChromeMatch::Line));
        assert_eq!(chrome_match("  SHARE › "), Some(ChromeMatch::Line));
        assert_eq!(chrome_match("[Skip to Content]"), Some(ChromeMatch::Start));
        assert_eq!(chrome_match("Skip to main content"), Some(ChromeMatch::Start));
        assert_eq!(chrome_match("My WebMD Sign In, Sign Up"), Some(ChromeMatch::Phrases(2)));
        assert_eq!(chrome_match("© 1995- The Foundation. All rights reserved."), Some(ChromeMatch::Strong));
    }

    #[test]
    fn a_row_of_buttons_is_chrome() {
        assert_eq!(chrome_match("Quote Like Report"), Some(ChromeMatch::Line));
        assert_eq!(chrome_match("Share Print Email"), Some(ChromeMatch::Line));
        assert_ne!(chrome_match("Print this leaflet and share it with your family"), Some(ChromeMatch::Line));
    }

    #[test]
    fn prose_that_mentions_a_word_is_not_chrome() {
        assert_eq!(chrome_match("Share your worries with a nurse."), None);
        assert_eq!(chrome_match("Printed leaflets are in the waiting room."), None);
        assert_eq!(chrome_match("Designers of the study said little."), None);
        assert_eq!(chrome_match(""), None);
    }

    #[test]
    fn spanish_chrome() {
        assert_eq!(chrome_match("Compartir"), Some(ChromeMatch::Line));
        assert_eq!(chrome_match("Imprimir »"), Some(ChromeMatch::Line));
        assert_eq!(chrome_match("Publicidad"), Some(ChromeMatch::Line));
        assert_eq!(chrome_match("Artículos relacionados"), Some(ChromeMatch::Line));
        assert!(chrome_match("Última revisión: 4 de diciembre de 2023").is_some());
        assert_eq!(chrome_match("Comparta sus dudas con la enfermera."), None);
    }

    #[test]
    fn institution_names() {
        assert!(is_institution_name("U.S. Department of Health and Human Services"));
        assert!(is_institution_name("Riverside Hospitals Health Trust"));
        assert!(is_institution_name("Instituto Nacional de Salud"));
        assert!(!is_institution_name("When to Go to Hospital"));
        assert!(!is_institution_name("Hospital"));
        assert!(!is_institution_name("The hospital will call you."));
        assert!(!is_institution_name("Treatment in hospital"));
    }

    #[test]
    fn stop_words() {
        assert!(is_stop_word("the"));
        assert!(!is_stop_word("asthma"));
    }
}
