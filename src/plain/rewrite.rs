//! Plain-word rewriting of seed prose: wordy words and phrases become plain ones.
//!
//! One Aho-Corasick automaton, built once per build, holds every wordy phrase and every
//! protected phrase (glossary terms, site `keep`). A hit is used only when it is a whole
//! word or phrase; when the longest hit fails that test, shorter hits at the same place are
//! tried before moving on, so "prior to" still wins inside "prior to-do" only if it fits.
//! Rewriting never reaches into quotations, inline code, links or URLs, never touches a
//! capitalised word in mid-sentence (it may be a name: "Will", "Grant") or an all-caps one.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, Anchored, Input, Match, MatchKind, StartKind};
use serde::{Deserialize, Serialize};

/// Plain-word rewriting settings in `site.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlainWordsConfig {
    /// Turn rewriting on or off for the whole site.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Built-in phrases this site never rewrites.
    #[serde(default)]
    pub keep: Vec<String>,
    /// Extra pairs for this site.
    #[serde(default)]
    pub add: Vec<WordPair>,
}

impl Default for PlainWordsConfig {
    fn default() -> Self {
        PlainWordsConfig { enabled: true, keep: Vec::new(), add: Vec::new() }
    }
}

fn yes() -> bool {
    true
}

/// The built-in pairs, compiled into the binary so a site needs no data files.
const BUILTIN_YAML: &str = include_str!("data/plain_words.yaml");

/// The built-in Spanish pairs (written for plainleaf).
const BUILTIN_ES_YAML: &str = include_str!("data/plain_words_es.yaml");

/// One wordy word or phrase and its plain replacement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WordPair {
    /// The wordy word or phrase (matched as whole words, any case).
    pub find: String,
    /// The plain replacement.
    pub replace: String,
}

/// One rewrite made (or skipped because it would break the grammar), for the editor's report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rewrite {
    /// The text as it was.
    pub from: String,
    /// The text as written (or as it would have been, when skipped).
    pub to: String,
    /// True when the rewrite was not made: the plain word does not fit there ("Currently
    /// licensed vaccines" would become "Now licensed vaccines").
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub skipped: bool,
}

/// Adverbs that can stand before an adjective the way an "-ly" word does ("often used").
const PREMODIFYING: &[&str] =
    &["often", "very", "almost", "about", "well", "quite", "mostly", "nearly", "seldom"];
/// Words after which an adverb and an adjective together describe a noun ("the currently
/// licensed vaccine").
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "these", "those", "that", "its", "their", "our", "your", "his", "her", "any",
    "all", "some", "many", "most", "other", "such", "each", "every",
];
/// Endings of adjectives and participles.
const ADJECTIVE_ENDINGS: &[&str] =
    &["ed", "en", "able", "ible", "ive", "al", "ent", "ant", "ous", "ful", "less", "ic", "ary", "ory"];

/// What a pattern in the automaton stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// Index into `Rewriter::pairs`.
    Pair(usize),
    /// A phrase that is matched only so that nothing inside it is rewritten.
    Protected,
}

/// Rewrites wordy phrases; built once per build and shared by all pages.
#[derive(Debug, Clone, Default)]
pub struct Rewriter {
    pairs: Vec<WordPair>,
    /// One entry per automaton pattern id.
    targets: Vec<Target>,
    /// `None` when there is nothing to find (or the automaton could not be built).
    automaton: Option<AhoCorasick>,
}

impl Rewriter {
    /// A rewriter for `pairs` that never touches any phrase in `protect` (glossary terms).
    ///
    /// Later pairs override earlier ones with the same `find` (any case), so
    /// `builtin + site add` gives the site the last word. Empty finds or replacements are ignored.
    pub fn new(pairs: Vec<WordPair>, protect: &[String]) -> Self {
        let mut by_find: HashMap<String, usize> = HashMap::new();
        let mut kept: Vec<WordPair> = Vec::new();
        for pair in pairs {
            let find = collapse_whitespace(&pair.find);
            let replace = pair.replace.trim().to_string();
            if find.is_empty() || replace.is_empty() {
                continue;
            }
            let key = find.to_ascii_lowercase();
            let pair = WordPair { find, replace };
            match by_find.get(&key) {
                Some(&i) => kept[i] = pair,
                None => {
                    by_find.insert(key, kept.len());
                    kept.push(pair);
                }
            }
        }

        let mut protected: Vec<String> = Vec::new();
        let mut seen_protected = HashSet::new();
        for phrase in protect {
            let phrase = collapse_whitespace(phrase);
            if !phrase.is_empty() && seen_protected.insert(phrase.to_ascii_lowercase()) {
                protected.push(phrase);
            }
        }

        let mut patterns: Vec<&str> = Vec::with_capacity(kept.len() + protected.len());
        let mut targets = Vec::with_capacity(kept.len() + protected.len());
        for (i, pair) in kept.iter().enumerate() {
            // A glossary term that is also a wordy phrase stays as the glossary has it.
            if !seen_protected.contains(&pair.find.to_ascii_lowercase()) {
                patterns.push(&pair.find);
                targets.push(Target::Pair(i));
            }
        }
        for phrase in &protected {
            patterns.push(phrase);
            targets.push(Target::Protected);
        }

        let automaton = if patterns.is_empty() {
            None
        } else {
            // Building fails only past aho-corasick's size limits; rewriting then stays off
            // rather than failing the build over a convenience.
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .start_kind(StartKind::Both)
                .build(&patterns)
                .ok()
        };
        Rewriter { pairs: kept, targets, automaton }
    }

    /// A rewriter from the site's `plain_words` settings: the built-in pairs extended (and
    /// overridden on the same `find`) by `add`; `keep` and `protect` are never rewritten.
    ///
    /// `config.enabled` is the caller's business: this always builds a working rewriter.
    pub fn from_config(config: &PlainWordsConfig, protect: &[String]) -> Self {
        Self::from_config_for("en", config, protect)
    }

    /// [`Rewriter::from_config`] for pages in `language`: its built-in pairs
    /// ([`Rewriter::builtin_pairs_for`]) extended by the site's `add`.
    pub fn from_config_for(language: &str, config: &PlainWordsConfig, protect: &[String]) -> Self {
        let mut pairs = Self::builtin_pairs_for(language);
        pairs.extend(config.add.iter().cloned());
        let protect: Vec<String> = protect.iter().chain(&config.keep).cloned().collect();
        Rewriter::new(pairs, &protect)
    }

    /// The built-in pairs shipped with plainleaf.
    pub fn builtin_pairs() -> Vec<WordPair> {
        static BUILTIN: OnceLock<Vec<WordPair>> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                // The file is compiled in and checked by a unit test, so this cannot fail at run time.
                parse_pairs(BUILTIN_YAML).expect("built-in plain_words.yaml is valid (checked by tests)")
            })
            .clone()
    }

    /// The built-in pairs for a language: Spanish (`es`, `es-MX`) has its own list; every
    /// other language uses the English one.
    pub fn builtin_pairs_for(language: &str) -> Vec<WordPair> {
        static BUILTIN_ES: OnceLock<Vec<WordPair>> = OnceLock::new();
        if super::readability_es::is_spanish(language) {
            // Compiled in and checked by a unit test, as the English list.
            BUILTIN_ES
                .get_or_init(|| {
                    parse_pairs(BUILTIN_ES_YAML)
                        .expect("built-in plain_words_es.yaml is valid (checked by tests)")
                })
                .clone()
        } else {
            Self::builtin_pairs()
        }
    }

    /// The pairs in use, after overrides.
    pub fn pairs(&self) -> &[WordPair] {
        &self.pairs
    }

    /// Rewrite one piece of prose; `keep` lists phrases this page opts out of (any case).
    ///
    /// Returns the input borrowed when nothing was rewritten, so untouched paragraphs cost
    /// no allocation.
    pub fn rewrite<'t>(&self, text: &'t str, keep: &[String]) -> (Cow<'t, str>, Vec<Rewrite>) {
        let Some(automaton) = &self.automaton else {
            return (Cow::Borrowed(text), Vec::new());
        };
        // Soft line breaks may split a phrase; search a copy with them as spaces. Every
        // replaced byte is one byte, so offsets in `haystack` are offsets in `text`.
        let haystack: Cow<str> = if text.contains(['\n', '\r', '\t']) {
            Cow::Owned(text.replace(['\n', '\r', '\t'], " "))
        } else {
            Cow::Borrowed(text)
        };
        let search = Search { automaton, targets: &self.targets, haystack: &haystack };

        let mut out: Option<String> = None;
        let mut rewrites = Vec::new();
        let mut excluded: Option<Vec<Range<usize>>> = None;
        let mut copied = 0;
        let mut pos = 0;
        while let Some(hit) = search.next_hit(pos) {
            let (start, end) = (hit.start(), hit.end());
            pos = end;
            let Target::Pair(pair_index) = self.targets[hit.pattern().as_usize()] else {
                continue;
            };
            if let Some(protected_end) = search.protected_overlapping(start, end) {
                pos = pos.max(protected_end);
                continue;
            }
            if let Some(kept_end) = kept_overlapping(&haystack, start, end, keep) {
                pos = pos.max(kept_end);
                continue;
            }
            let excluded = excluded.get_or_insert_with(|| excluded_regions(text));
            if overlaps(excluded, start, end) {
                continue;
            }
            let found = &text[start..end];
            let capitalised = found.chars().next().is_some_and(char::is_uppercase);
            if capitalised && (is_all_caps(found) || !at_sentence_start(text, start)) {
                continue;
            }

            let replace = &self.pairs[pair_index].replace;
            let mut replacement = if capitalised { capitalise_first(replace) } else { replace.clone() };
            if adverb_cannot_premodify(text, start, end, found, replace) {
                rewrites.push(Rewrite { from: found.to_string(), to: replacement, skipped: true });
                continue;
            }
            // "individuals' ages": the plain plural may not end in s ("people's ages").
            let mut end = end;
            if let Some(apostrophe) = plural_possessive(text, end, found) {
                if !replacement.ends_with(['s', 'S']) {
                    replacement.push(apostrophe);
                    replacement.push('s');
                    end += apostrophe.len_utf8();
                }
            }
            let article = article_before(text, start)
                .filter(|span| span.start >= copied && !overlaps(excluded, span.start, span.end))
                .and_then(|span| {
                    let current = &text[span.clone()];
                    let was_an = current.eq_ignore_ascii_case("an");
                    let fits_old = takes_an(found)?;
                    let fits_new = takes_an(&replacement)?;
                    (was_an == fits_old && fits_old != fits_new)
                        .then(|| (span, swap_article(current, fits_new)))
                });

            let out = out.get_or_insert_with(|| String::with_capacity(text.len() + 16));
            let from_start = article.as_ref().map_or(start, |(span, _)| span.start);
            let mut to = String::new();
            out.push_str(&text[copied..from_start]);
            if let Some((span, new_article)) = &article {
                to.push_str(new_article);
                to.push_str(&text[span.end..start]);
            }
            to.push_str(&replacement);
            out.push_str(&to);
            rewrites.push(Rewrite { from: text[from_start..end].to_string(), to, skipped: false });
            pos = pos.max(end);
            copied = end;
        }

        match out {
            Some(mut out) => {
                out.push_str(&text[copied..]);
                (Cow::Owned(out), rewrites)
            }
            None => (Cow::Borrowed(text), rewrites),
        }
    }
}

/// The apostrophe of a plural possessive right after a word ending in s ("individuals' ages").
fn plural_possessive(text: &str, end: usize, found: &str) -> Option<char> {
    if !found.ends_with(['s', 'S']) {
        return None;
    }
    let mut after = text[end..].chars();
    let apostrophe = after.next().filter(|c| matches!(c, '\'' | '\u{2019}'))?;
    (!after.next().is_some_and(char::is_alphanumeric)).then_some(apostrophe)
}

/// True when an "-ly" adverb stands before an adjective in front of a noun ("Currently
/// licensed vaccines", "the currently approved drug") and its plain word cannot ("now").
fn adverb_cannot_premodify(text: &str, start: usize, end: usize, found: &str, replace: &str) -> bool {
    let lower = found.to_lowercase();
    let plain = replace.to_lowercase();
    if !lower.ends_with("ly") || plain.ends_with("ly") || PREMODIFYING.contains(&plain.as_str()) {
        return false;
    }
    let next: String = text[end..].trim_start().chars().take_while(|c| c.is_alphabetic()).collect();
    let next = next.to_lowercase();
    let adjective = next.len() > 3 && ADJECTIVE_ENDINGS.iter().any(|e| next.ends_with(e));
    let before = text[..start].trim_end();
    let previous: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let attributive =
        at_sentence_start(text, start) || DETERMINERS.contains(&previous.to_lowercase().as_str());
    adjective && attributive
}

/// Parse a YAML list of `{find, replace}` pairs.
pub fn parse_pairs(yaml: &str) -> Result<Vec<WordPair>, serde_yaml::Error> {
    serde_yaml::from_str(yaml)
}

/// The automaton with the haystack it searches.
struct Search<'a> {
    automaton: &'a AhoCorasick,
    targets: &'a [Target],
    haystack: &'a str,
}

impl Search<'_> {
    /// The leftmost valid (whole-word) hit starting at or after `from`, longest first.
    fn next_hit(&self, mut from: usize) -> Option<Match> {
        while from < self.haystack.len() {
            let candidate =
                self.automaton.try_find(Input::new(self.haystack).range(from..)).ok().flatten()?;
            let start = candidate.start();
            if let Some(hit) = self.longest_valid_at(start, candidate.end()) {
                return Some(hit);
            }
            // Nothing valid starts here; a later start still might (even inside this hit).
            from = start + self.haystack[start..].chars().next().map_or(1, char::len_utf8);
        }
        None
    }

    /// The longest whole-word hit starting exactly at `start` and ending by `limit`.
    fn longest_valid_at(&self, start: usize, mut limit: usize) -> Option<Match> {
        if !starts_word(self.haystack, start) {
            return None;
        }
        while limit > start {
            let input = Input::new(self.haystack).range(start..limit).anchored(Anchored::Yes);
            let hit = self.automaton.try_find(input).ok().flatten()?;
            if ends_word(self.haystack, hit.start(), hit.end()) {
                return Some(hit);
            }
            limit = hit.end() - 1;
        }
        None
    }

    /// The end of a protected phrase that shares text with `start..end`, if any.
    fn protected_overlapping(&self, start: usize, end: usize) -> Option<usize> {
        for (offset, _) in self.haystack[start..end].char_indices() {
            let at = start + offset;
            let mut limit = self.haystack.len();
            while let Some(hit) = self.longest_valid_at(at, limit) {
                if self.targets[hit.pattern().as_usize()] == Target::Protected {
                    return Some(hit.end());
                }
                limit = hit.end() - 1;
            }
        }
        None
    }
}

/// Letters, digits, `_` and `-` belong to a word: "prior-authorization" is one word, so
/// "prior" inside it is never rewritten.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

/// Whether a hit at `start` begins a word (or begins with punctuation, needing no boundary).
fn starts_word(text: &str, start: usize) -> bool {
    let first_is_word = text[start..].chars().next().is_some_and(is_word_char);
    !first_is_word || !text[..start].chars().next_back().is_some_and(is_word_char)
}

/// Whether a hit `start..end` ends a word.
fn ends_word(text: &str, start: usize, end: usize) -> bool {
    let last_is_word = text[start..end].chars().next_back().is_some_and(is_word_char);
    !last_is_word || !text[end..].chars().next().is_some_and(is_word_char)
}

/// The end of a kept phrase (any case, any spacing) that shares text with `start..end`.
fn kept_overlapping(haystack: &str, start: usize, end: usize, keep: &[String]) -> Option<usize> {
    for phrase in keep {
        if phrase.trim().is_empty() {
            continue;
        }
        // A kept phrase can only start this far back and still reach `start`.
        let mut from = start.saturating_sub(phrase.len() * 2);
        while !haystack.is_char_boundary(from) {
            from -= 1;
        }
        for (offset, _) in haystack[from..end].char_indices() {
            let at = from + offset;
            if !starts_word(haystack, at) {
                continue;
            }
            if let Some(phrase_end) = phrase_at(haystack, at, phrase) {
                if phrase_end > start && ends_word(haystack, at, phrase_end) {
                    return Some(phrase_end);
                }
            }
        }
    }
    None
}

/// Where `phrase` ends when it occurs at `at` (ASCII case-insensitive, any whitespace run
/// between its words).
fn phrase_at(text: &str, at: usize, phrase: &str) -> Option<usize> {
    let mut pos = at;
    for (i, word) in phrase.split_whitespace().enumerate() {
        if i > 0 {
            let rest = &text[pos..];
            let skipped = rest.len() - rest.trim_start().len();
            if skipped == 0 {
                return None;
            }
            pos += skipped;
        }
        let candidate = text.get(pos..pos + word.len())?;
        if !candidate.eq_ignore_ascii_case(word) {
            return None;
        }
        pos += word.len();
    }
    Some(pos)
}

/// Whether `start..end` touches any region.
fn overlaps(regions: &[Range<usize>], start: usize, end: usize) -> bool {
    regions.iter().any(|r| r.start < end && start < r.end)
}

/// Byte ranges that are never rewritten: quotations, inline code, link targets, tags, URLs.
fn excluded_regions(text: &str) -> Vec<Range<usize>> {
    let mut regions = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        if rest.starts_with('`') {
            let run = rest.bytes().take_while(|&b| b == b'`').count();
            match find_backtick_run(text, i + run, run) {
                Some(close) => {
                    regions.push(i..close + run);
                    i = close + run;
                }
                None => i += run,
            }
        } else if rest.starts_with('"') {
            // An unclosed quote runs on (a quotation can span paragraphs): stay out of it.
            let close = text[i + 1..].find('"').map_or(text.len(), |p| i + 1 + p + 1);
            regions.push(i..close);
            i = close;
        } else if rest.starts_with('“') {
            let open = '“'.len_utf8();
            let close = text[i + open..].find('”').map_or(text.len(), |p| i + open + p + '”'.len_utf8());
            regions.push(i..close);
            i = close;
        } else if rest.starts_with("](") {
            let close = text[i..].find(')').map_or(text.len(), |p| i + p + 1);
            regions.push(i..close);
            i = close;
        } else if rest.starts_with('<')
            && bytes.get(i + 1).is_some_and(|&b| b.is_ascii_alphabetic() || b == b'/' || b == b'!')
        {
            match text[i..].find('>') {
                Some(p) => {
                    regions.push(i..i + p + 1);
                    i += p + 1;
                }
                None => i += 1,
            }
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    let mut token_start = None;
    for (at, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_whitespace(), token_start) {
            (false, None) => token_start = Some(at),
            (true, Some(from)) => {
                if looks_like_address(&text[from..at]) {
                    regions.push(from..at);
                }
                token_start = None;
            }
            _ => {}
        }
    }
    regions
}

/// Where the next run of exactly `run` backticks starts, at or after `from`.
fn find_backtick_run(text: &str, mut from: usize, run: usize) -> Option<usize> {
    while let Some(p) = text[from..].find('`') {
        let at = from + p;
        let len = text[at..].bytes().take_while(|&b| b == b'`').count();
        if len == run {
            return Some(at);
        }
        from = at + len;
    }
    None
}

/// A URL, a bare web address or an email address.
fn looks_like_address(token: &str) -> bool {
    let lower = token.trim_start_matches(['(', '[', '<']).to_ascii_lowercase();
    lower.contains("://")
        || lower.starts_with("www.")
        || lower.starts_with("mailto:")
        || lower.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
}

/// Whether every letter is a capital (and there are at least two): "PRIOR", "FDA".
fn is_all_caps(text: &str) -> bool {
    let mut letters = 0;
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

/// Whether `start` begins a sentence: the text start, after `.`/`!`/`?`, after a blank line,
/// or after a list marker. Opening quotes, brackets and emphasis marks in between are skipped.
fn at_sentence_start(text: &str, start: usize) -> bool {
    let before = text[..start].char_indices().rev();
    let mut newlines = 0;
    for (at, c) in before {
        match c {
            '\n' => {
                newlines += 1;
                if newlines >= 2 {
                    return true;
                }
            }
            c if c.is_whitespace() => {}
            '*' | '_' | '(' | '[' | '"' | '“' | '‘' | '\'' | '#' | '>' | ')' | ']' | '”' | '’' => {
                // A list marker at the start of a line.
                if matches!(c, '*') && line_start(text, at) {
                    return true;
                }
            }
            '-' | '+' => return line_start(text, at),
            '.' | '!' | '?' => return true,
            _ => return false,
        }
    }
    true
}

/// Whether only spaces come between the line start and `at`.
fn line_start(text: &str, at: usize) -> bool {
    text[..at].chars().rev().take_while(|&c| c != '\n').all(|c| c == ' ' || c == '\t')
}

/// The `a`/`an` right before `start` (separated by whitespace), if there is one.
fn article_before(text: &str, start: usize) -> Option<Range<usize>> {
    let before = &text[..start];
    let trimmed = before.trim_end();
    if trimmed.len() == before.len() {
        return None;
    }
    let word_start =
        trimmed.char_indices().rev().find(|&(_, c)| !is_word_char(c)).map_or(0, |(i, c)| i + c.len_utf8());
    let word = &trimmed[word_start..];
    (word.eq_ignore_ascii_case("a") || word.eq_ignore_ascii_case("an")).then_some(word_start..trimmed.len())
}

/// Whether a phrase takes "an" (by sound, roughly); `None` when its first word is not a plain
/// word (a number, a symbol), so the article is left as written.
fn takes_an(phrase: &str) -> Option<bool> {
    let word: String = phrase
        .split_whitespace()
        .next()?
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let first = word.chars().next()?;
    // Words whose first letter lies about their first sound.
    const SOUNDS_LIKE_YOU: &[&str] =
        &["uni", "use", "usu", "uti", "ure", "uri", "uro", "eu", "ewe", "one", "once"];
    const SILENT_H: &[&str] = &["hour", "honest", "honor", "honour", "heir"];
    if SOUNDS_LIKE_YOU.iter().any(|p| word.starts_with(p)) {
        return Some(false);
    }
    if SILENT_H.iter().any(|p| word.starts_with(p)) {
        return Some(true);
    }
    Some(matches!(first, 'a' | 'e' | 'i' | 'o' | 'u'))
}

/// `current` turned into "a" or "an", keeping its capital.
fn swap_article(current: &str, an: bool) -> String {
    let capital = current.starts_with(|c: char| c.is_uppercase());
    match (an, capital) {
        (true, true) => "An",
        (true, false) => "an",
        (false, true) => "A",
        (false, false) => "a",
    }
    .to_string()
}

/// `text` with its first letter capitalised.
fn capitalise_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `text` trimmed, with each whitespace run as one space.
fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(find: &str, replace: &str) -> WordPair {
        WordPair { find: find.into(), replace: replace.into() }
    }

    fn sample() -> Rewriter {
        Rewriter::new(
            vec![
                pair("utilize", "use"),
                pair("in order to", "to"),
                pair("individuals", "people"),
                pair("individual", "person"),
                pair("prior to", "before"),
                pair("prior", "earlier"),
                pair("demonstrated", "showed"),
                pair("will", "shall"),
                pair("grant", "give"),
                pair("a majority of", "most"),
                pair("in the event that", "if"),
                pair("in the event", "if so"),
                pair("approximately", "about"),
                pair("assistance", "help"),
            ],
            &["gene therapy".to_string(), "prior authorization".to_string()],
        )
    }

    fn rewrite(text: &str) -> String {
        sample().rewrite(text, &[]).0.into_owned()
    }

    #[test]
    fn builtin_pairs_parse_without_duplicates() {
        let pairs = parse_pairs(BUILTIN_YAML).expect("plain_words.yaml parses");
        assert!(pairs.len() >= 150, "only {} built-in pairs", pairs.len());
        let mut seen = HashSet::new();
        for p in &pairs {
            assert!(seen.insert(p.find.to_ascii_lowercase()), "duplicate find: {}", p.find);
            assert!(!p.replace.trim().is_empty(), "empty replacement for {}", p.find);
        }
        assert_eq!(Rewriter::builtin_pairs(), pairs);
    }

    #[test]
    fn spanish_pairs_parse_without_duplicates_and_rewrite_accented_words() {
        let pairs = Rewriter::builtin_pairs_for("es-MX");
        assert!(pairs.len() >= 100, "only {} Spanish pairs", pairs.len());
        let mut seen = HashSet::new();
        for p in &pairs {
            assert_eq!(p.find, p.find.to_lowercase(), "find is lower case: {}", p.find);
            assert!(seen.insert(p.find.clone()), "duplicate find: {}", p.find);
            assert!(!p.replace.trim().is_empty() && p.replace != p.find, "bad replacement for {}", p.find);
        }
        let es = Rewriter::new(pairs, &[]);
        let (text, done) =
            es.rewrite("Con el fin de sanar, utilice menos sal. Posteriormente, acuda a consulta.", &[]);
        assert_eq!(text, "Para sanar, utilice menos sal. Después, vaya a consulta.");
        assert_eq!(done.len(), 3, "{done:?}");
    }

    #[test]
    fn keeps_capitalisation() {
        assert_eq!(rewrite("Individuals may apply."), "People may apply.");
        assert_eq!(rewrite("In order to heal, rest."), "To heal, rest.");
        assert_eq!(rewrite("Most individuals heal."), "Most people heal.");
        assert_eq!(rewrite("Rest. In order to heal, sleep."), "Rest. To heal, sleep.");
    }

    #[test]
    fn never_touches_names_or_all_caps() {
        assert_eq!(rewrite("Ask Will or Grant about it."), "Ask Will or Grant about it.");
        assert_eq!(rewrite("Will it hurt? It will."), "Shall it hurt? It shall.");
        assert_eq!(rewrite("We UTILIZE it."), "We UTILIZE it.");
        assert_eq!(rewrite("INDIVIDUALS only."), "INDIVIDUALS only.");
    }

    #[test]
    fn whole_words_only() {
        assert_eq!(rewrite("They utilized it."), "They utilized it.");
        assert_eq!(rewrite("We prioritize you."), "We prioritize you.");
        assert_eq!(rewrite("Be apriori."), "Be apriori.");
        assert_eq!(rewrite("a well-demonstrated fact"), "a well-demonstrated fact");
        assert_eq!(rewrite("the individual's chart"), "the person's chart");
    }

    #[test]
    fn retries_shorter_and_later_hits_after_a_failed_boundary() {
        // "prior to" fails the boundary in "prior tomorrow"; "prior" alone still fits.
        assert_eq!(rewrite("the prior tomorrow"), "the earlier tomorrow");
        // "in the event that" fails in "in the event thatch"; "in the event" still fits.
        assert_eq!(rewrite("in the event thatch"), "if so thatch");
        // A failed start inside a word does not hide a hit later on.
        assert_eq!(rewrite("apriori prior to it"), "apriori before it");
        assert_eq!(rewrite("prioritize prior to"), "prioritize before");
    }

    #[test]
    fn protected_phrases_are_untouched() {
        let r = Rewriter::new(
            vec![pair("prior", "earlier"), pair("utilize", "use"), pair("therapy", "treatment")],
            &["prior authorization".into(), "Utilize".into(), "gene therapy".into()],
        );
        assert_eq!(r.rewrite("Get prior authorization first.", &[]).0, "Get prior authorization first.");
        // A glossary term that is also a wordy phrase is kept.
        assert_eq!(r.rewrite("we utilize it", &[]).0, "we utilize it");
        assert_eq!(r.rewrite("gene therapy and therapy", &[]).0, "gene therapy and treatment");
    }

    #[test]
    fn wordy_phrase_overlapping_a_protected_one_is_left_alone() {
        let r = Rewriter::new(vec![pair("prior to", "before")], &["to surgery".into()]);
        assert_eq!(r.rewrite("prior to surgery", &[]).0, "prior to surgery");
        assert_eq!(r.rewrite("prior to lunch", &[]).0, "before lunch");
    }

    #[test]
    fn quotes_code_and_urls_are_untouched() {
        assert_eq!(rewrite("He said \"utilize it\" twice."), "He said \"utilize it\" twice.");
        assert_eq!(rewrite("He said “utilize it” but utilize"), "He said “utilize it” but use");
        assert_eq!(rewrite("Type `utilize` here."), "Type `utilize` here.");
        assert_eq!(rewrite("See https://x.org/utilize now."), "See https://x.org/utilize now.");
        assert_eq!(rewrite("See [the page](../individuals/) now."), "See [the page](../individuals/) now.");
        assert_eq!(rewrite("Mail individuals@x.org."), "Mail individuals@x.org.");
    }

    #[test]
    fn keep_opts_out_any_case() {
        let r = sample();
        let keep = vec!["Utilize".to_string(), "PRIOR  TO".to_string()];
        let (out, rewrites) = r.rewrite("We utilize it prior to lunch; individuals too.", &keep);
        assert_eq!(out, "We utilize it prior to lunch; people too.");
        assert_eq!(
            rewrites,
            vec![Rewrite { from: "individuals".into(), to: "people".into(), skipped: false }]
        );
    }

    #[test]
    fn kept_phrase_protects_the_words_inside_it() {
        let keep = vec!["prior authorization".to_string()];
        let (out, _) = sample().rewrite("Get prior authorization prior to surgery.", &keep);
        assert_eq!(out, "Get prior authorization before surgery.");
    }

    #[test]
    fn sentence_starts_allow_capitalised_swaps() {
        assert_eq!(rewrite("Rest! \"Individuals heal.\""), "Rest! \"Individuals heal.\"");
        assert_eq!(rewrite("Rest! (Individuals heal.)"), "Rest! (People heal.)");
        assert_eq!(rewrite("- Individuals heal\n- Prior to it"), "- People heal\n- Before it");
        assert_eq!(rewrite("## Individuals"), "## People");
        assert_eq!(rewrite("Seen by\nIndividuals"), "Seen by\nIndividuals");
    }

    #[test]
    fn site_config_adds_overrides_and_keeps() {
        let config = PlainWordsConfig {
            enabled: true,
            keep: vec!["utilize".into()],
            add: vec![pair("hematopoietic", "blood-forming"), pair("Individuals", "folks")],
        };
        let r = Rewriter::from_config(&config, &[]);
        let (out, _) = r.rewrite("We utilize hematopoietic cells for individuals.", &[]);
        assert_eq!(out, "We utilize blood-forming cells for folks.");
    }

    #[test]
    fn fixes_article_agreement() {
        let (out, rewrites) = sample().rewrite("Ask an individual or An individual.", &[]);
        assert_eq!(out, "Ask a person or A person.");
        assert_eq!(
            rewrites[0],
            Rewrite { from: "an individual".into(), to: "a person".into(), skipped: false }
        );
        let r = Rewriter::new(vec![pair("physician", "doctor"), pair("large", "ample")], &[]);
        assert_eq!(r.rewrite("see a physician", &[]).0, "see a doctor");
        assert_eq!(r.rewrite("a large dose", &[]).0, "an ample dose");
        // An article that did not agree before is not "fixed" by guesswork.
        assert_eq!(r.rewrite("an large dose", &[]).0, "an ample dose");
    }

    #[test]
    fn possessives_and_adjective_uses_stay_grammatical() {
        let r = Rewriter::new(Rewriter::builtin_pairs(), &[]);
        let (out, made) = r.rewrite("Check individuals' ages and individuals\u{2019} records.", &[]);
        assert_eq!(out, "Check people's ages and people\u{2019}s records.");
        assert_eq!(made.len(), 2);
        let (out, made) =
            r.rewrite("Currently licensed vaccines work. The currently approved drug helps.", &[]);
        assert_eq!(out, "Currently licensed vaccines work. The currently approved drug helps.");
        assert!(made.iter().all(|m| m.skipped) && made.len() == 2, "{made:?}");
        let (out, _) = r.rewrite("It is currently licensed for adults.", &[]);
        assert_eq!(out, "It is now licensed for adults.");
    }

    #[test]
    fn multiple_rewrites_in_one_sentence() {
        let (out, rewrites) =
            sample().rewrite("In order to help individuals, we utilize approximately 3 tools.", &[]);
        assert_eq!(out, "To help people, we use about 3 tools.");
        assert_eq!(rewrites.len(), 4);
        assert_eq!(rewrites[0], Rewrite { from: "In order to".into(), to: "To".into(), skipped: false });
    }

    #[test]
    fn unicode_around_matches() {
        assert_eq!(rewrite("Für individuals — ça va."), "Für people — ça va.");
        assert_eq!(rewrite("naïveindividuals"), "naïveindividuals");
        assert_eq!(rewrite("éutilize utilizeé"), "éutilize utilizeé");
        assert_eq!(rewrite("Your body’s assistance, you‘ll see."), "Your body’s help, you‘ll see.");
        assert_eq!(rewrite("日本 individuals 日本"), "日本 people 日本");
    }

    #[test]
    fn phrases_across_soft_line_breaks() {
        assert_eq!(rewrite("We rest in order\nto heal."), "We rest to heal.");
    }

    #[test]
    fn rewrites_in_place_without_copying_untouched_text() {
        let rewriter = sample();
        let mut texts = vec!["we utilize it".to_string(), "plain".to_string()];
        for text in &mut texts {
            if let (Cow::Owned(new), _) = rewriter.rewrite(text, &[]) {
                *text = new;
            }
        }
        assert_eq!(texts, ["we use it", "plain"]);
    }

    #[test]
    fn untouched_text_is_borrowed() {
        let (out, rewrites) = sample().rewrite("Nothing wordy here.", &[]);
        assert!(matches!(out, Cow::Borrowed(_)));
        assert!(rewrites.is_empty());
        let (out, _) = Rewriter::default().rewrite("utilize", &[]);
        assert_eq!(out, "utilize");
    }
}
