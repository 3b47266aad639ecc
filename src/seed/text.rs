//! Small text helpers shared by the normalizer and curation.

use std::ops::Range;

/// Trims and collapses every run of whitespace to one space (scrapes mix tabs, NBSPs and doubles).
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Maps typographic quotes to their straight forms, so authors can type either.
pub fn fold_quote(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
        other => other,
    }
}

/// Whitespace-collapsed, quote-folded text: the form keys and patterns are compared in.
pub fn loose_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(fold_quote));
    }
    out
}

/// Number of whitespace-separated words.
pub fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Strips closing quotes and brackets, so `Europe."` still counts as ending in `.`.
pub fn without_closing_marks(text: &str) -> &str {
    text.trim_end_matches(|c: char| matches!(fold_quote(c), '"' | '\'' | ')' | ']' | '»'))
}

/// True when the line ends like a sentence or a clause (`. ! ? : ; , …`), closing quotes aside.
pub fn ends_with_closing_punctuation(text: &str) -> bool {
    without_closing_marks(text.trim_end()).ends_with(['.', '!', '?', ':', ';', ',', '…'])
}

/// Finds `needle` in `haystack`, treating runs of whitespace as equal and curly quotes as straight.
///
/// Returns the byte range in `haystack`; an all-whitespace needle never matches.
pub fn find_loose(haystack: &str, needle: &str) -> Option<Range<usize>> {
    let needle: Vec<char> = loose_key(needle).chars().collect();
    if needle.is_empty() {
        return None;
    }
    let starts = haystack.char_indices().map(|(i, _)| i);
    for start in starts {
        if let Some(end) = match_at(haystack, start, &needle) {
            return Some(start..end);
        }
    }
    None
}

/// Matches the (already loose) needle at `start`, returning the end byte offset.
fn match_at(haystack: &str, start: usize, needle: &[char]) -> Option<usize> {
    let mut rest = haystack[start..].char_indices().peekable();
    let mut end = start;
    for &wanted in needle {
        if wanted == ' ' {
            // One or more whitespace characters in the haystack stand for the needle's single space.
            let mut consumed = 0;
            while let Some(&(i, c)) = rest.peek() {
                if !c.is_whitespace() {
                    break;
                }
                consumed += 1;
                end = start + i + c.len_utf8();
                rest.next();
            }
            if consumed == 0 {
                return None;
            }
        } else {
            let (i, c) = rest.next()?;
            if fold_quote(c) != wanted {
                return None;
            }
            end = start + i + c.len_utf8();
        }
    }
    Some(end)
}

/// Longest line read as a link by its arrow, in words.
pub const ARROW_LINK_MAX_WORDS: usize = 10;

/// Glyphs a page draws links and buttons with.
const ARROWS: &[char] = &['›', '»', '→', '⟶', '➔', '➜', '❯'];

/// The text opens or closes with an arrow glyph, the way a page draws a link ("Shop all →").
pub fn is_arrow_link(text: &str) -> bool {
    let trimmed = text.trim();
    trimmed.starts_with(ARROWS) || trimmed.ends_with(ARROWS)
}

/// Words whose trailing dot is an abbreviation, not a sentence end.
const ABBREVIATIONS: &[&str] = &[
    "dr", "mr", "mrs", "ms", "prof", "st", "vs", "etc", "e.g", "i.e", "no", "fig", "al", "jr", "sr", "inc",
    "ltd", "co", "approx", "dept", "univ", "vol",
];

/// Splits off the last sentence of a line: `(everything before, last sentence)`.
///
/// Abbreviations ("U.S.", "Dr.", initials) are not sentence ends, so a one-sentence line comes back
/// whole with `None` before it.
pub fn split_last_sentence(text: &str) -> (Option<&str>, &str) {
    let mut last_boundary = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(_, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        // Skip closing quotes after the stop, then require a space and a capital (or opening quote).
        let mut j = k + 1;
        while j < chars.len() && matches!(fold_quote(chars[j].1), '"' | '\'' | ')') {
            j += 1;
        }
        if j >= chars.len() || !chars[j].1.is_whitespace() {
            continue;
        }
        let mut next = j;
        while next < chars.len() && chars[next].1.is_whitespace() {
            next += 1;
        }
        let Some(&(next_byte, next_char)) = chars.get(next) else { continue };
        let opens_sentence = next_char.is_uppercase() || matches!(fold_quote(next_char), '"' | '\'');
        if !opens_sentence || (c == '.' && is_abbreviation_before(text, chars[k].0)) {
            continue;
        }
        last_boundary = Some((chars[j].0, next_byte));
    }
    match last_boundary {
        Some((before_end, after_start)) => (Some(text[..before_end].trim_end()), &text[after_start..]),
        None => (None, text),
    }
}

/// True when the word ending at the dot at `dot` is an abbreviation or an initial.
fn is_abbreviation_before(text: &str, dot: usize) -> bool {
    let word_start = text[..dot]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = text[word_start..dot].trim_start_matches(|c: char| !c.is_alphanumeric());
    if word.contains('.') {
        return true; // "U.S", "e.g"
    }
    let mut chars = word.chars();
    if let (Some(first), None) = (chars.next(), chars.next()) {
        return first.is_uppercase(); // an initial like "J."
    }
    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_loose_treats_whitespace_runs_and_quotes_as_equal() {
        let hay = "your body\u{2019}s   genetic\tinformation";
        let r = find_loose(hay, "body's genetic  information").expect("found");
        assert_eq!(&hay[r], "body\u{2019}s   genetic\tinformation");
        assert_eq!(find_loose(hay, "bodys"), None);
        assert_eq!(find_loose(hay, "   "), None);
    }

    #[test]
    fn last_sentence_split_respects_abbreviations() {
        let line = "The FDA has approved two gene therapies for use in the U.S.:";
        assert_eq!(split_last_sentence(line), (None, line));
        let line = "This genetic material then changes how your cells produce proteins. It can:";
        assert_eq!(
            split_last_sentence(line),
            (Some("This genetic material then changes how your cells produce proteins."), "It can:")
        );
        assert_eq!(split_last_sentence("Ask Dr. Smith about it:"), (None, "Ask Dr. Smith about it:"));
        assert_eq!(split_last_sentence("See J. Smith. Then:"), (Some("See J. Smith."), "Then:"));
        assert_eq!(split_last_sentence("Ask\u{a0}Dr. Smith:"), (None, "Ask\u{a0}Dr. Smith:"));
    }

    #[test]
    fn closing_punctuation_looks_past_quotes() {
        assert!(ends_with_closing_punctuation("in Europe.\""));
        assert!(!ends_with_closing_punctuation("Conclusion"));
        assert!(ends_with_closing_punctuation("Benefits include:"));
    }
}
