//! Boilerplate: publisher lines scraped along with an article (ads, comment boxes, link lists).
//!
//! Patterns match a WHOLE LINE or a LINE PREFIX, never text in the middle of a sentence, and
//! compare case-insensitively with whitespace collapsed and curly quotes read as straight ones.
//!
//! Site (`site.yaml`) and page (`boilerplate:`) patterns are read by [`Boilerplate::with_extra`]:
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
    /// Like `Prefix`, and every line after it is dropped too: the page's related-links tail.
    TruncateRest,
    /// The line ends with the pattern and also contains the given word (ad notices ending "Policy").
    SuffixContaining(&'static str),
}

/// One built-in boilerplate pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BoilerplateRule {
    /// The text to match, as a reader sees it.
    pub pattern: &'static str,
    /// How it matches.
    pub kind: MatchKind,
}

const fn rule(pattern: &'static str, kind: MatchKind) -> BoilerplateRule {
    BoilerplateRule { pattern, kind }
}

/// The built-in boilerplate list, applied to every seed before site and page patterns.
pub const BUILTIN_BOILERPLATE: &[BoilerplateRule] = &[
    // Ad slots and the notices around them.
    rule("Advertisement", MatchKind::WholeLine),
    rule("Advertising on our site", MatchKind::Prefix),
    rule(" Policy", MatchKind::SuffixContaining("advertising")),
    rule("Policy", MatchKind::WholeLine),
    rule("Sponsored content", MatchKind::WholeLine),
    // Publisher self-promotion.
    rule("A note from Cleveland Clinic", MatchKind::WholeLine),
    rule("Learn more about our editorial process", MatchKind::Prefix),
    rule("The opinions expressed here", MatchKind::Prefix),
    rule("Editor in Chief", MatchKind::Prefix),
    rule("Please use one of the following formats to cite this article", MatchKind::Prefix),
    // Page furniture.
    rule("Skip to content", MatchKind::WholeLine),
    rule("Skip to main content", MatchKind::WholeLine),
    rule("Share this article", MatchKind::Prefix),
    rule("Share", MatchKind::WholeLine),
    rule("Print", MatchKind::WholeLine),
    rule("Back to top", MatchKind::WholeLine),
    rule("Subscribe to our newsletter", MatchKind::Prefix),
    rule("Sign up for our newsletter", MatchKind::Prefix),
    rule("Image credit", MatchKind::Prefix),
    rule("Photo credit", MatchKind::Prefix),
    // Comment boxes and link lists.
    rule("Post a new comment", MatchKind::WholeLine),
    rule("Related articles", MatchKind::WholeLine),
    rule("Related stories", MatchKind::WholeLine),
    rule("You might also like", MatchKind::TruncateRest),
];

/// A compiled pattern: its comparison key and how it matches.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Compiled {
    key: String,
    kind: MatchKind,
}

/// The built-in list plus site and page patterns, ready to match lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Boilerplate {
    patterns: Vec<Compiled>,
}

impl Boilerplate {
    /// The built-in list plus `extra` patterns (see the module docs for their syntax).
    pub fn with_extra(extra: &[String]) -> Self {
        let builtin = BUILTIN_BOILERPLATE
            .iter()
            .map(|r| Compiled { key: compare_key(r.pattern, r.kind), kind: r.kind });
        let user = extra.iter().filter_map(|p| parse_user_pattern(p));
        Boilerplate { patterns: builtin.chain(user).collect() }
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
            MatchKind::Prefix | MatchKind::TruncateRest => starts_with_word(line_key, &self.key),
            MatchKind::SuffixContaining(word) => {
                line_key.len() > self.key.len() && line_key.ends_with(&self.key) && line_key.contains(word)
            }
        }
    }
}

/// The lowercase key a built-in pattern is compared by (suffixes keep their leading space).
fn compare_key(pattern: &str, kind: MatchKind) -> String {
    match kind {
        MatchKind::SuffixContaining(_) => pattern.to_lowercase(),
        MatchKind::WholeLine => strip_terminal_punctuation(&loose_key(pattern).to_lowercase()).to_string(),
        MatchKind::Prefix | MatchKind::TruncateRest => loose_key(pattern).to_lowercase(),
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

    fn builtin() -> Boilerplate {
        Boilerplate::with_extra(&[])
    }

    #[test]
    fn builtin_whole_lines_and_prefixes() {
        let b = builtin();
        assert_eq!(b.classify("Advertisement"), Some(MatchKind::WholeLine));
        assert_eq!(b.classify("  ADVERTISEMENT  "), Some(MatchKind::WholeLine));
        assert_eq!(b.classify("Policy"), Some(MatchKind::WholeLine));
        assert_eq!(b.classify("Learn more about our editorial process."), Some(MatchKind::Prefix));
        assert_eq!(b.classify("You might also like..."), Some(MatchKind::TruncateRest));
        assert_eq!(b.classify("Editor in Chief Terence R. Flotte, MD"), Some(MatchKind::Prefix));
        let ad = "Cleveland Clinic is a non-profit academic medical center. Advertising on our site helps \
                  support our mission. We do not endorse non-Cleveland Clinic products or services. Policy";
        assert_eq!(b.classify(ad), Some(MatchKind::SuffixContaining("advertising")));
    }

    #[test]
    fn builtin_never_matches_mid_sentence_or_mid_word() {
        let b = builtin();
        assert_eq!(b.classify("Advertisements for gene therapy are regulated."), None);
        assert_eq!(b.classify("The Policy on gene therapy changed."), None);
        assert_eq!(b.classify("Read the Privacy Policy"), None);
        assert_eq!(b.classify("Printed genes are not a thing."), None);
        assert_eq!(b.classify("A note from Cleveland Clinic doctors follows."), None);
        assert_eq!(b.classify(""), None);
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
