//! Boilerplate overrides: `boilerplate:` patterns from `site.yaml` and pages, applied before the
//! classifier (`classify.rs`) so an editor can always drop a line it kept.
//!
//! Patterns match a WHOLE LINE or a LINE PREFIX, never text in the middle of a sentence, and
//! compare case-insensitively with whitespace collapsed and curly quotes read as straight ones:
//! - a pattern ending in `...`, `…` or `*` drops every line that STARTS with the rest of it
//!   (`"Texas Children's*"`); the prefix must end at a word boundary, so `Sponsor*` does not drop
//!   "Sponsored trials showed…";
//! - any other pattern drops a line EQUAL to it (a trailing `.`, `:`, `!`, `?` or `…` on either
//!   side is ignored, so `Learn more` also drops "Learn more.").

use super::text::loose_key;

/// How a boilerplate pattern matches a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchKind {
    /// The whole line equals the pattern (trailing `.`, `:`, `!`, `?`, `…` ignored).
    WholeLine,
    /// The line starts with the pattern, ending at a word boundary.
    Prefix,
}

/// A compiled pattern: its comparison key and how it matches.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Compiled {
    key: String,
    kind: MatchKind,
}

/// Site and page patterns, ready to match lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Boilerplate {
    patterns: Vec<Compiled>,
}

impl Boilerplate {
    /// The `extra` patterns (see the module docs for their syntax).
    pub fn with_extra(extra: &[String]) -> Self {
        Boilerplate { patterns: extra.iter().filter_map(|p| parse_user_pattern(p)).collect() }
    }

    /// How `line` is boilerplate, if it is; blank lines never are.
    pub fn classify(&self, line: &str) -> Option<MatchKind> {
        let line_key = loose_key(line).to_lowercase();
        if line_key.is_empty() {
            return None;
        }
        let whole_key = strip_terminal_punctuation(&line_key);
        self.patterns.iter().find(|p| p.matches(&line_key, whole_key)).map(|p| p.kind)
    }
}

impl Compiled {
    fn matches(&self, line_key: &str, whole_key: &str) -> bool {
        match self.kind {
            MatchKind::WholeLine => whole_key == self.key,
            MatchKind::Prefix => starts_with_word(line_key, &self.key),
        }
    }
}

/// The lowercase key a pattern is compared by.
fn compare_key(pattern: &str, kind: MatchKind) -> String {
    match kind {
        MatchKind::WholeLine => strip_terminal_punctuation(&loose_key(pattern).to_lowercase()).to_string(),
        MatchKind::Prefix => loose_key(pattern).to_lowercase(),
    }
}

/// Reads a site or page pattern; empty patterns (and a bare `*`, which would drop everything) are ignored.
fn parse_user_pattern(pattern: &str) -> Option<Compiled> {
    let trimmed = pattern.trim();
    let prefix = ["...", "…", "*"].iter().find_map(|marker| trimmed.strip_suffix(marker));
    let (text, kind) = match prefix {
        Some(rest) => (rest, MatchKind::Prefix),
        None => (trimmed, MatchKind::WholeLine),
    };
    let key = compare_key(text, kind);
    (!key.is_empty()).then_some(Compiled { key, kind })
}

/// Drops trailing `. : ! ? …` so "Learn more." equals "Learn more".
fn strip_terminal_punctuation(key: &str) -> &str {
    key.trim_end_matches(['.', ':', '!', '?', '…', ' '])
}

/// True when `line` starts with `prefix` and the prefix does not end in the middle of a word.
fn starts_with_word(line: &str, prefix: &str) -> bool {
    let Some(rest) = line.strip_prefix(prefix) else { return false };
    let prefix_ends_word = !prefix.chars().next_back().is_some_and(char::is_alphanumeric);
    prefix_ends_word || !rest.chars().next().is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_patterns_drop_nothing() {
        assert_eq!(Boilerplate::with_extra(&[]).classify("Advertisement"), None);
    }

    #[test]
    fn user_patterns_whole_line_or_prefix() {
        let extra = vec!["Texas Children's*".to_string(), "Read more".to_string(), "Sponsor...".to_string()];
        let b = Boilerplate::with_extra(&extra);
        let link = "Texas Children\u{2019}s Hospital delivers first-ever gene therapy for Rett syndrome";
        assert_eq!(b.classify(link), Some(MatchKind::Prefix));
        assert_eq!(b.classify("Read more."), Some(MatchKind::WholeLine));
        assert_eq!(b.classify("Read more about risks below."), None);
        assert_eq!(b.classify("Sponsor: Acme"), Some(MatchKind::Prefix));
        assert_eq!(b.classify("Sponsored trials showed benefits."), None);
    }

    #[test]
    fn empty_or_bare_wildcard_user_patterns_are_ignored() {
        let extra = vec!["*".to_string(), "   ".to_string(), "...".to_string()];
        let b = Boilerplate::with_extra(&extra);
        assert_eq!(b.classify("Gene therapy is new."), None);
    }
}
