//! The lexicon of site chrome and the stop-word list, read once from `src/seed/data/`.
//!
//! Both are data, not code, so a new publisher's button or banner is one line in a text file.

use std::collections::HashSet;
use std::sync::OnceLock;

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
    starts: Vec<String>,
    phrases: Vec<String>,
    strong: Vec<String>,
    calls: HashSet<String>,
    sections: Vec<String>,
    stop: HashSet<String>,
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut lex = Lexicon {
            lines: HashSet::new(),
            starts: Vec::new(),
            phrases: Vec::new(),
            strong: Vec::new(),
            calls: HashSet::new(),
            sections: Vec::new(),
            stop: HashSet::new(),
        };
        for entry in data_lines(CHROME) {
            let Some((kind, text)) = entry.split_once(':') else { continue };
            let text = chrome_key(text);
            if text.is_empty() {
                continue;
            }
            match kind.trim() {
                "line" => {
                    lex.lines.insert(text);
                }
                "start" => lex.starts.push(text),
                "phrase" => lex.phrases.push(text),
                "strong" => lex.strong.push(text),
                "section" => lex.sections.push(text),
                "call" => {
                    lex.calls.insert(text);
                }
                _ => {}
            }
        }
        lex.stop = data_lines(STOP_WORDS).map(str::to_string).collect();
        lex
    })
}

/// Non-comment, non-blank lines of a data file.
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
    if lex.lines.contains(&key) {
        return Some(ChromeMatch::Line);
    }
    if lex.strong.iter().any(|p| contains_word(&key, p)) {
        return Some(ChromeMatch::Strong);
    }
    if lex.starts.iter().any(|s| starts_with_word(&key, s)) {
        return Some(ChromeMatch::Start);
    }
    let phrases = lex.phrases.iter().filter(|p| contains_word(&key, p)).count();
    (phrases > 0).then_some(ChromeMatch::Phrases(phrases))
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
        && ["thoughts", "comments"].contains(&words[1]);
    counted || (words.len() <= 6 && lexicon().sections.iter().any(|s| starts_with_word(&key, s)))
}

/// True when a line opens with a verb buttons and banners use ("Book now", "Take the survey").
pub fn starts_with_call_to_action(line: &str) -> bool {
    let first = line.split_whitespace().next().unwrap_or("").trim_matches(|c: char| !c.is_alphanumeric());
    lexicon().calls.contains(&first.to_lowercase())
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
    text.match_indices(phrase).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + phrase.len()..].chars().next();
        let open_start = !phrase.chars().next().is_some_and(char::is_alphanumeric);
        let open_end = !phrase.chars().next_back().is_some_and(char::is_alphanumeric);
        (open_start || !before.is_some_and(char::is_alphanumeric))
            && (open_end || !after.is_some_and(char::is_alphanumeric))
    })
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
    fn stop_words() {
        assert!(is_stop_word("the"));
        assert!(!is_stop_word("asthma"));
    }
}
