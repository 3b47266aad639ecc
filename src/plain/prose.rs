//! Prose as every plain-language tool sees it: one tokenizer for words and sentence ends, one
//! syllable lookup, one rule for a hard word, and every threshold (sentence length, syllables,
//! paragraph length, ...). Readability, the checks, the editor's report, the reading-level
//! badge and the preview's hints all count with this module, so they always agree.
//!
//! Counting rules (also in docs/readability.md):
//! - every block (heading, paragraph, list item, table cell) ends a sentence, punctuated or not;
//! - inside a block a sentence ends at `.`, `!`, `?` or `…` (closing quotes and brackets may
//!   follow) when whitespace and then a capital letter, a quote or a digit follow, or the block
//!   ends; a lone `.` after an abbreviation ("Dr.", "e.g.", "U.S.") or an initial ("J.") does not
//!   end one, and decimals ("2.5") never do because no whitespace follows the dot;
//! - a word is a run of letters or digits with internal apostrophes (`'` or `’`) and hyphens,
//!   and dots or commas between digits ("2.5", "10,000"); "U.S." and "e.g." are one word each;
//! - a sentence (and so a block) with no words is not counted.
//! - a hard word has [`HARD_WORD_SYLLABLES`] syllables or more, has letters, and is not a
//!   number or an all-capitals abbreviation;
//! - grades are shown with one rounding rule: [`round_grade`] (one decimal).

use std::collections::HashMap;

use serde::Serialize;

use super::syllables;

/// Sentences with more words than this are long (flagged, listed and highlighted).
pub const LONG_SENTENCE_WORDS: usize = 25;
/// Words of at least this many syllables are hard words.
pub const HARD_WORD_SYLLABLES: usize = 3;
/// Paragraphs with more sentences than this are long.
pub const MAX_PARAGRAPH_SENTENCES: usize = 5;
/// A page is flagged when more than this share of its sentences look passive.
pub const MAX_PASSIVE_SHARE: f64 = 0.20;
/// Lists with more items than this are long.
pub const MAX_LIST_ITEMS: usize = 7;

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

/// Sentences needed before SMOG's sampling assumptions hold.
pub const SMOG_MIN_SENTENCES: usize = 30;

/// Syllables from which a word counts as polysyllabic for SMOG (the hard-word limit).
pub const POLYSYLLABLE_MIN: usize = HARD_WORD_SYLLABLES;

/// A word's syllables, by the dictionary when it knows the word, else by rule. `buffer` is
/// scratch space reused between calls.
pub fn syllables_of(word: &str, buffer: &mut Vec<u8>) -> usize {
    syllables::count_with_buffer(word, true, buffer)
}

/// Whether a word of `syllables` syllables is a hard word: long, made of letters, and not
/// a number or an all-capitals abbreviation (those are checked elsewhere).
pub fn is_hard_word(word: &str, syllables: usize) -> bool {
    syllables >= HARD_WORD_SYLLABLES
        && word.chars().any(char::is_alphabetic)
        && !word.chars().any(|c| c.is_ascii_digit())
        && !word.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
}

/// A grade as every tool shows it: rounded to one decimal.
pub fn round_grade(grade: f64) -> f64 {
    (grade * 10.0).round() / 10.0
}

/// A grade as text, rounded by [`round_grade`] (for pages and the terminal).
pub fn grade_text(grade: f64) -> String {
    format!("{:.1}", round_grade(grade))
}

/// One sentence, for editors looking for the long ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SentenceInfo {
    /// The sentence as written, trimmed.
    pub text: String,
    /// Words in it.
    pub words: usize,
    /// Syllables in it.
    pub syllables: usize,
    /// Index of the block it came from.
    pub block: usize,
}

/// Every sentence of the blocks, in order, with its word count.
pub fn sentences(blocks: &[ProseBlock]) -> Vec<SentenceInfo> {
    let mut out = Vec::new();
    let mut buffer = Vec::new();
    for (index, block) in blocks.iter().enumerate() {
        let text = block.text.as_str();
        let mut start = 0;
        let (mut words, mut syllable_total) = (0, 0);
        let mut push = |from: usize, to: usize, words: usize, syllable_total: usize| {
            if words > 0 {
                let sentence = text.get(from..to).unwrap_or_default().trim();
                out.push(SentenceInfo {
                    text: sentence.to_string(),
                    words,
                    syllables: syllable_total,
                    block: index,
                });
            }
        };
        for token in Tokens::new(text) {
            match token {
                Token::Word(word) => {
                    words += 1;
                    syllable_total += syllables_of(word, &mut buffer);
                }
                Token::SentenceEnd(end) => {
                    push(start, end, words, syllable_total);
                    (start, words, syllable_total) = (end, 0, 0);
                }
            }
        }
        push(start, text.len(), words, syllable_total);
    }
    out
}

/// A distinct hard word with how often it occurs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HardWord {
    /// The word as first written.
    pub word: String,
    /// Its syllables.
    pub syllables: usize,
    /// How many times it occurs (case-insensitively).
    pub occurrences: usize,
}

/// Distinct hard words (see [`is_hard_word`]) of at least `min_syllables` syllables, most
/// frequent first, ties alphabetical.
pub fn hard_word_details(blocks: &[ProseBlock], min_syllables: usize) -> Vec<HardWord> {
    let mut seen: HashMap<String, HardWord> = HashMap::new();
    let mut buffer = Vec::new();
    for block in blocks {
        for token in Tokens::new(&block.text) {
            let Token::Word(word) = token else { continue };
            let n = syllables_of(word, &mut buffer);
            if n < min_syllables || !is_hard_word(word, n) {
                continue;
            }
            seen.entry(word.to_lowercase().replace('\u{2019}', "'"))
                .or_insert_with(|| HardWord { word: word.to_string(), syllables: n, occurrences: 0 })
                .occurrences += 1;
        }
    }
    let mut hard: Vec<(String, HardWord)> = seen.into_iter().collect();
    hard.sort_by(|(ka, a), (kb, b)| b.occurrences.cmp(&a.occurrences).then_with(|| ka.cmp(kb)));
    hard.into_iter().map(|(_, h)| h).collect()
}

/// Distinct words of at least `min_syllables` syllables as (word, occurrences), most frequent first.
pub fn hard_words(blocks: &[ProseBlock], min_syllables: usize) -> Vec<(String, usize)> {
    hard_word_details(blocks, min_syllables).into_iter().map(|h| (h.word, h.occurrences)).collect()
}

/// Every word of `text` in order with its syllable count.
pub fn words_with_syllables(text: &str) -> Vec<(String, usize)> {
    let mut buffer = Vec::new();
    Tokens::new(text)
        .filter_map(|t| match t {
            Token::Word(w) => Some((w.to_string(), syllables_of(w, &mut buffer))),
            Token::SentenceEnd(_) => None,
        })
        .collect()
}

/// What the tokenizer finds in one block's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'a> {
    /// A word, borrowed from the text.
    Word(&'a str),
    /// The end of a sentence; the byte offset just past its closing punctuation.
    SentenceEnd(usize),
}

/// Splits one block's text into words and sentence ends without allocating.
#[derive(Debug, Clone)]
pub struct Tokens<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Tokens<'a> {
    /// Tokens of one block's text.
    pub fn new(text: &'a str) -> Self {
        Tokens { text, pos: 0 }
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let text = self.text;
        while let Some(c) = text[self.pos..].chars().next() {
            let start = self.pos;
            if c.is_alphanumeric() {
                self.pos = dotted_abbreviation_end(text, start).unwrap_or_else(|| word_end(text, start));
                return Some(Token::Word(&text[start..self.pos]));
            }
            if !is_terminal(c) {
                self.pos += c.len_utf8();
                continue;
            }
            let mut end = start;
            let mut only_one_dot = true;
            for t in text[start..].chars().take_while(|t| is_terminal(*t)) {
                only_one_dot &= end == start && t == '.';
                end += t.len_utf8();
            }
            end += text[end..].chars().take_while(|t| is_closing(*t)).map(char::len_utf8).sum::<usize>();
            self.pos = end;
            if only_one_dot && ends_with_abbreviation(&text[..start]) {
                continue;
            }
            let rest = &text[end..];
            let after_space = rest.trim_start();
            if after_space.is_empty() {
                return Some(Token::SentenceEnd(end));
            }
            if after_space.len() < rest.len() && after_space.chars().next().is_some_and(opens_sentence) {
                return Some(Token::SentenceEnd(end));
            }
        }
        None
    }
}

/// Punctuation that can end a sentence.
fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Closing quotes and brackets that may follow a sentence's final punctuation.
fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '\u{201D}' | '\u{2019}' | ')' | ']' | '»')
}

/// Characters that may start a new sentence after whitespace.
fn opens_sentence(c: char) -> bool {
    c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '\'' | '\u{201C}' | '\u{2018}' | '«')
}

/// Characters joining two word parts when letters or digits surround them.
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '-' | '\u{2010}' | '\u{2011}')
}

/// The end of the word starting at `start` (which holds a letter or digit).
fn word_end(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut prev: Option<char> = None;
    let mut chars = text[start..].chars().peekable();
    while let Some(c) = chars.next() {
        let joins = match prev {
            None => false,
            Some(p) => {
                let next = chars.peek().copied();
                let between_digits =
                    matches!(c, '.' | ',') && p.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit());
                let joined = is_joiner(c) && p.is_alphanumeric() && next.is_some_and(char::is_alphanumeric);
                between_digits || joined
            }
        };
        if !(c.is_alphanumeric() || joins) {
            break;
        }
        end += c.len_utf8();
        prev = Some(c);
    }
    end
}

/// The end (before the final dot) of a dotted abbreviation such as "U.S." or "e.g." at `start`:
/// two or more single letters joined by dots.
fn dotted_abbreviation_end(text: &str, start: usize) -> Option<usize> {
    let mut chars = text[start..].char_indices().peekable();
    let mut letters = 0;
    let mut end = start;
    while let Some((i, c)) = chars.next() {
        if !c.is_alphabetic() {
            break;
        }
        let after = chars.peek().map(|(_, n)| *n);
        if after.is_some_and(char::is_alphanumeric) {
            break;
        }
        letters += 1;
        end = start + i + c.len_utf8();
        if after != Some('.') {
            break;
        }
        chars.next();
    }
    (letters >= 2).then_some(end)
}

/// Abbreviations that do not end a sentence, lowercase and without their final dot.
const ABBREVIATIONS: &[&str] = &[
    "dr", "mr", "mrs", "ms", "st", "vs", "etc", "prof", "jr", "sr", "fig", "figs", "approx", "cf", "al",
    "inc", "ltd", "dept", "no", "vol", "ph.d",
];

/// Whether the text before a lone dot ends with an abbreviation or an initial.
fn ends_with_abbreviation(before: &str) -> bool {
    let chunk = before.rsplit(char::is_whitespace).next().unwrap_or_default();
    let chunk = chunk.trim_start_matches(|c: char| !c.is_alphanumeric());
    if chunk.is_empty() {
        return false;
    }
    let mut chars = chunk.chars();
    if let (Some(first), None) = (chars.next(), chars.next()) {
        return first.is_uppercase();
    }
    if chunk.contains('.') && chunk.split('.').all(|part| part.chars().count() == 1) {
        return true;
    }
    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(chunk))
}
