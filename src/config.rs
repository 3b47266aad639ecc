//! `site.yaml`: the site's settings, checked strictly (unknown keys get a "did you mean").

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{did_you_mean, Diagnostic, Location};
use crate::glossary::MarkMode;
use crate::plain::rewrite::WordPair;
use crate::review::ReviewPolicy;

/// The site's settings from `site.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The site's name, shown in the header and the page titles.
    pub title: String,
    /// One plain sentence about the site (home page, meta description).
    #[serde(default)]
    pub description: String,
    /// The language of the pages (`lang` on `<html>`), e.g. `en`.
    #[serde(default = "default_language")]
    pub language: String,
    /// The theme's folder name under `themes/`.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// The public address (only for sitemap, feed and canonical links).
    #[serde(default)]
    pub base_url: Option<String>,
    /// The target reading grade for every page (Flesch-Kincaid).
    #[serde(default = "default_grade")]
    pub reading_grade: f64,
    /// The medical disclaimer shown on every article.
    #[serde(default)]
    pub disclaimer: Option<String>,
    /// Who publishes the site (footer, metadata).
    #[serde(default)]
    pub organization: Option<String>,
    /// Extra boilerplate lines dropped from every seed (whole lines or line prefixes).
    #[serde(default)]
    pub boilerplate: Vec<String>,
    /// Glossary settings.
    #[serde(default)]
    pub glossary: GlossaryConfig,
    /// Plain-word rewriting settings.
    #[serde(default)]
    pub plain_words: PlainWordsConfig,
    /// Minify the HTML output.
    #[serde(default)]
    pub minify: bool,
    /// Values for the theme's settings (see the theme's `theme.yaml`).
    #[serde(default)]
    pub theme_settings: BTreeMap<String, serde_json::Value>,
    /// The review cycle: interval, what an overdue review does, when a review is "due soon".
    #[serde(default)]
    pub review: ReviewPolicy,
    /// Let raw HTML in Markdown (bodies, summaries, key points, actions, questions) reach the
    /// pages. Off by default: tags are shown as text and reported, as pages are written by
    /// many staff pasting from web pages and word processors.
    #[serde(default)]
    pub allow_html: bool,
}

/// Glossary settings in `site.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct GlossaryConfig {
    /// Which occurrences of a term are marked.
    #[serde(default)]
    pub mark: MarkMode,
}

/// Plain-word rewriting settings in `site.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
fn default_language() -> String {
    "en".to_string()
}
fn default_theme() -> String {
    "clinic".to_string()
}
fn default_grade() -> f64 {
    8.0
}

/// Every key `site.yaml` accepts at the top level (for "did you mean").
pub const SITE_KEYS: &[&str] = &[
    "title",
    "description",
    "language",
    "base_url",
    "theme",
    "reading_grade",
    "disclaimer",
    "organization",
    "boilerplate",
    "glossary",
    "plain_words",
    "minify",
    "theme_settings",
    "review",
    "allow_html",
];

impl SiteConfig {
    /// Parse `site.yaml` text; `path` is used in messages.
    pub fn parse(text: &str, path: &Path) -> Result<SiteConfig, Diagnostic> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let config: SiteConfig =
            serde_yaml::from_str(text).map_err(|e| yaml_diagnostic_in(&e, Some(text), path, 0, SITE_KEYS))?;
        config.validate(text, path)?;
        Ok(config)
    }

    fn validate(&self, text: &str, path: &Path) -> Result<(), Diagnostic> {
        if let Some(url) = &self.base_url {
            validate_base_url(url).map_err(|why| {
                Diagnostic::error(
                    Some(key_location(text, "base_url", path)),
                    format!("base_url {url:?} is not a web address: {why}"),
                )
                .with_hint("write the full address, like https://clinic.example.org/ (or remove base_url)")
            })?;
        }
        if self.minify && !crate::output::MINIFY_AVAILABLE {
            return Err(Diagnostic::error(
                Some(key_location(text, "minify", path)),
                "minify: true, but this plainleaf was built without HTML minification",
            )
            .with_hint(
                "set minify: false, or use a plainleaf that has it: a release download, or one \
                 installed with `cargo install --path . --locked --features minify`",
            ));
        }
        Ok(())
    }

    /// `base_url` with exactly one trailing slash, when set.
    pub fn base_url(&self) -> Option<String> {
        self.base_url.as_ref().map(|u| format!("{}/", u.trim_end_matches('/')))
    }
}

/// Where a top-level `key:` is written in a YAML file: its line and the column of its value,
/// or the whole file when it is not found (written in flow style, say).
pub fn key_location(text: &str, key: &str, path: &Path) -> Location {
    let prefix = format!("{key}:");
    text.lines()
        .position(|l| l.trim_start().starts_with(&prefix))
        .map(|i| {
            let line = text.lines().nth(i).unwrap_or("");
            let after = line.find(&prefix).map_or(0, |p| p + prefix.len());
            let value = after + line[after..].len() - line[after..].trim_start().len();
            let col = if value >= line.len() { 1 } else { line[..value].chars().count() + 1 };
            Location::at(path, i + 1, Some(col))
        })
        .unwrap_or_else(|| Location::file(path))
}

/// Check that a base URL is an absolute http(s) address with a host.
pub fn validate_base_url(url: &str) -> Result<(), &'static str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or("it must start with https:// or http://")?;
    let host = rest.split('/').next().unwrap_or("");
    if host.is_empty() {
        return Err("it has no host name");
    }
    if url.chars().any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>') {
        return Err("it contains spaces or quotes");
    }
    Ok(())
}

/// Turn a YAML error into a diagnostic at the right file line (offset by `line_offset`
/// lines, for front-matter that starts below a `---`), with a "did you mean" for unknown keys.
pub fn yaml_diagnostic(
    err: &serde_yaml::Error,
    path: &Path,
    line_offset: usize,
    keys: &[&str],
) -> Diagnostic {
    yaml_diagnostic_in(err, None, path, line_offset, keys)
}

/// Like [`yaml_diagnostic`], but with the YAML text that failed, so the message can quote the
/// line, spot a tab, and point at the value or the unclosed bracket instead of where the parser gave up.
pub fn yaml_diagnostic_in(
    err: &serde_yaml::Error,
    source: Option<&str>,
    path: &Path,
    line_offset: usize,
    keys: &[&str],
) -> Diagnostic {
    let raw = err.to_string();
    // The library appends " at line N column M"; we print the position ourselves.
    let raw = match raw.find(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw,
    };
    // serde puts the key path first ("reviewed.on: invalid type ..."); plain words name it in backticks.
    let (field, message) = split_field(&raw);
    let position = err.location().map(|l| (l.line(), l.column()));
    let explained = explain(field, message, position, source, keys);
    let (line, column) = match (explained.moved_to, position) {
        (Some(at), _) => (Some(at.0), Some(at.1)),
        (None, Some((l, c))) => (Some(l), Some(c)),
        (None, None) => (None, None),
    };
    let location = match line {
        Some(l) => Location::at(path, l + line_offset, column),
        None => Location::file(path),
    };
    let mut d = Diagnostic::error(Some(location), explained.message);
    if let Some(hint) = explained.hint {
        d = d.with_hint(hint);
    }
    d
}

/// A YAML problem said in plain words, and where it really is when the parser noticed it later.
struct Explained {
    message: String,
    hint: Option<String>,
    moved_to: Option<(usize, usize)>,
}

fn split_field(raw: &str) -> (Option<&str>, &str) {
    // A key path is words, dots and [n] before ": " and before any space.
    if let Some(i) = raw.find(": ") {
        let head = &raw[..i];
        let is_path = !head.is_empty()
            && head.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '[' | ']' | '-'));
        if is_path {
            return (Some(head), &raw[i + 2..]);
        }
    }
    (None, raw)
}

fn explain(
    field: Option<&str>,
    message: &str,
    position: Option<(usize, usize)>,
    source: Option<&str>,
    keys: &[&str],
) -> Explained {
    let plain =
        |message: String, hint: &str| Explained { message, hint: Some(hint.to_string()), moved_to: None };
    let key = |f: Option<&str>| f.map(|f| format!("`{f}`")).unwrap_or_else(|| "this value".to_string());
    let line_of = |n: usize| source.and_then(|s| s.lines().nth(n.checked_sub(1)?));

    if let Some(name) = quoted_after(message, "unknown field `") {
        let hint = match did_you_mean(name, keys) {
            Some(s) => format!("did you mean `{s}`? The keys allowed here are: {}", keys.join(", ")),
            None => format!("remove it, or use one of: {}", keys.join(", ")),
        };
        let place = field.map(|f| format!(" inside `{f}`")).unwrap_or_default();
        return plain(format!("`{name}` is not a key plainleaf knows{place}"), &hint);
    }
    if let Some(name) = quoted_after(message, "missing field `") {
        let place = field.map(|f| format!("`{f}` needs")).unwrap_or_else(|| "this file needs".to_string());
        return plain(
            format!("{place} the key `{name}`, and it is missing"),
            &format!("add a line like `{name}: ...`"),
        );
    }
    if let Some(name) = quoted_after(message, "duplicate field `") {
        return plain(
            format!("the key `{name}` is written twice"),
            "keep one of the two lines and delete the other",
        );
    }
    if let Some(name) = quoted_after(message, "unknown variant `") {
        let choices = message.split("expected ").nth(1).unwrap_or("").replace('`', "");
        return plain(
            format!("{} cannot be `{name}`", key(field)),
            &format!(
                "write {}",
                if choices.is_empty() { "one of the allowed values".into() } else { choices }
            ),
        );
    }
    let is_date_field = field.is_some_and(|f| f.ends_with(".on") || f.ends_with(".next") || f == "published");
    if is_date_field
        && !message.starts_with("invalid type: sequence")
        && !message.starts_with("invalid type: map")
    {
        let value = position.and_then(|(l, c)| value_at(line_of(l)?, c));
        let what = match value {
            Some(v) => format!("{} is {v}, which is not a real date", key(field)),
            None => format!("{} is not a real date", key(field)),
        };
        let why = if message.contains("'month'") {
            ": there is no such month (months go from 01 to 12)".to_string()
        } else if message.contains("'day'") {
            match message.split("range `1..=").nth(1).and_then(|r| r.split('`').next()) {
                Some(max) => format!(": that month has only {max} days"),
                None => ": there is no such day in that month".to_string(),
            }
        } else {
            String::new()
        };
        return plain(format!("{what}{why}"), "write the date as year-month-day, like 2023-12-04");
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (got, expected) = rest.split_once(", expected ").unwrap_or((rest, "another kind of value"));
        let hint = match expected_in_words(expected) {
            "a list" => "write a list as `[first, second]`, or as lines that start with `- `",
            "text" => "write text after the colon; put it in quotes if it looks like a list or a number",
            "true or false" => "write true or false",
            "a number" => "write a number, like 8",
            "a group of keys" => "write the keys on the lines below, indented by two spaces, like:\n        reviewed:\n          on: 2023-12-04",
            _ => "check the value's shape against the README",
        };
        return plain(
            format!(
                "{} should be {}, but here it is {}",
                key(field),
                expected_in_words(expected),
                got_in_words(got)
            ),
            hint,
        );
    }
    if message.contains("mapping values are not allowed") {
        // The parser stops at the second colon; the reader needs the start of the value.
        if let Some((l, _)) = position {
            if let Some((k, value, col)) = line_of(l).and_then(key_and_value) {
                if value.contains(": ") {
                    return Explained {
                        message:
                            "this line's value has a colon in it, so YAML cannot tell where the value starts"
                                .to_string(),
                        hint: Some(format!(
                            "put the value in quotes, like {k}: \"{}\"",
                            value.trim().replace('"', "\\\"")
                        )),
                        moved_to: Some((l, col)),
                    };
                }
                let indented = line_of(l).is_some_and(|t| t.starts_with(' '));
                if indented {
                    return Explained {
                        message: "this line is indented more than the line above it, so YAML reads it as part of that line"
                            .to_string(),
                        hint: Some("start this key at the same column as the keys above it".to_string()),
                        moved_to: Some((l, 1)),
                    };
                }
            }
        }
        return plain(
            "a value here has a colon in it, so YAML cannot tell where the value starts".to_string(),
            "put the value in quotes, like title: \"Gene therapy: the basics\"",
        );
    }
    if message.contains("cannot start any token") || message.contains("tab") {
        let char_there = position.and_then(|(l, c)| line_of(l)?.chars().nth(c.checked_sub(1)?));
        let tab_line = position.and_then(|(l, _)| {
            let text = line_of(l)?;
            text.starts_with([' ', '\t']).then_some(())?;
            text.chars().take_while(|c| c.is_whitespace()).any(|c| c == '\t').then_some(l)
        });
        if char_there == Some('\t') || tab_line.is_some() || message.contains("tab") {
            return plain(
                "this line is indented with a tab, and YAML does not allow tabs for indenting".to_string(),
                "replace the tab at the start of the line with spaces (two spaces for each level)",
            );
        }
        let shown = char_there.map(|c| format!("`{c}`")).unwrap_or_else(|| "this character".to_string());
        return plain(
            format!("a value cannot start with {shown} unless it is in quotes"),
            "put the whole value in quotes, like title: \"@home care\"",
        );
    }
    for (open, close, what) in [('[', ']', "list"), ('{', '}', "group")] {
        if message.contains(&format!("expected ',' or '{close}'")) {
            let moved_to = position.and_then(|(l, _)| unclosed_bracket(source?, l, open, close));
            return Explained {
                message: format!("a {what} that starts with `{open}` is not closed with `{close}`"),
                hint: Some(format!(
                    "add `{close}` at the end of the {what}, on the same line, like {}",
                    if open == '[' {
                        "topics: [gene therapy, genes]"
                    } else {
                        "reviewed: { on: 2023-12-04 }"
                    }
                )),
                moved_to,
            };
        }
    }
    if message.contains("found unexpected end of stream")
        || message.contains("while scanning a quoted scalar")
    {
        let moved_to = position.and_then(|(l, _)| unclosed_quote(source?, l));
        return Explained {
            message: "a quote is opened but never closed".to_string(),
            hint: Some("add the closing quote at the end of the value, on the same line".to_string()),
            moved_to,
        };
    }
    if message.contains("did not find expected key") || message.contains("did not find expected '-'") {
        return plain(
            "this line does not line up with the lines above it".to_string(),
            "start each key at the same column as the keys above it, and put values that contain `: ` or `#` in quotes",
        );
    }
    let shown = match field {
        Some(f) => format!("{f}: {message}"),
        None => message.to_string(),
    };
    plain(shown, "check this line against the examples in the README; quoting the value often helps")
}

/// The text between `prefix` and the next backtick, as in "unknown field `titel`".
fn quoted_after<'m>(message: &'m str, prefix: &str) -> Option<&'m str> {
    message.split(prefix).nth(1)?.split('`').next()
}

/// The scalar starting at 1-based `column` of `line`, up to a comma, brace, bracket or comment.
fn value_at(line: &str, column: usize) -> Option<String> {
    let rest: String = line.chars().skip(column.checked_sub(1)?).collect();
    let value = rest.split([',', '}', ']', '#']).next()?.trim().trim_matches(['"', '\'']);
    (!value.is_empty()).then(|| value.to_string())
}

/// `key`, the value after `key: `, and the value's 1-based column, for a `key: value` line.
fn key_and_value(line: &str) -> Option<(&str, &str, usize)> {
    let (k, v) = line.split_once(": ")?;
    let k = k.trim().trim_start_matches("- ");
    let lead = v.len() - v.trim_start().len();
    let col = line[..line.len() - v.len()].chars().count() + lead + 1;
    (!k.is_empty()).then_some((k, v, col))
}

/// The last line at or before `line` with more `open` than `close`, and that bracket's column.
fn unclosed_bracket(source: &str, line: usize, open: char, close: char) -> Option<(usize, usize)> {
    let lines: Vec<&str> = source.lines().collect();
    (1..=line.min(lines.len())).rev().find_map(|n| {
        let text = lines[n - 1];
        let opens = text.matches(open).count();
        (opens > text.matches(close).count())
            .then(|| (n, text.chars().position(|c| c == open).map_or(1, |p| p + 1)))
    })
}

/// The last line at or before `line` with an odd number of double quotes, and that quote's column.
fn unclosed_quote(source: &str, line: usize) -> Option<(usize, usize)> {
    let lines: Vec<&str> = source.lines().collect();
    (1..=line.min(lines.len())).rev().find_map(|n| {
        let text = lines[n - 1];
        (text.matches('"').count() % 2 == 1)
            .then(|| (n, text.chars().position(|c| c == '"').map_or(1, |p| p + 1)))
    })
}

fn expected_in_words(expected: &str) -> &str {
    match expected {
        e if e.contains("sequence") => "a list",
        e if e.contains("string") || e.contains("char") => "text",
        e if e.contains("bool") => "true or false",
        "f64" | "f32" | "u8" | "u16" | "u32" | "u64" | "usize" | "i32" | "i64" => "a number",
        e if e.contains("integer") || e.contains("float") || e.contains("number") => "a number",
        e if e.starts_with("struct") || e.contains("map") => "a group of keys",
        e => e,
    }
}

fn got_in_words(got: &str) -> String {
    if let Some(v) = got.strip_prefix("string ") {
        return format!("the text {v}");
    }
    for (prefix, noun) in [("integer ", "the number"), ("floating point ", "the number"), ("boolean ", "")] {
        if let Some(v) = got.strip_prefix(prefix) {
            let v = v.trim_matches('`');
            return if noun.is_empty() { v.to_string() } else { format!("{noun} {v}") };
        }
    }
    match got {
        "sequence" => "a list".to_string(),
        "map" => "a group of keys".to_string(),
        "unit value" | "unit" => "empty".to_string(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_gets_did_you_mean() {
        let err = SiteConfig::parse("title: X\nthem: clinic\n", Path::new("site.yaml")).unwrap_err();
        assert_eq!(err.location, Some(Location::at("site.yaml", 2, Some(1))));
        assert!(err.hint.as_deref().unwrap_or("").contains("did you mean `theme`"), "{err}");
    }

    #[test]
    fn bad_base_url_is_rejected() {
        let err = SiteConfig::parse("title: X\nbase_url: clinic.org\n", Path::new("site.yaml")).unwrap_err();
        assert!(err.message.contains("not a web address"), "{err}");
    }

    #[test]
    fn minify_needs_the_feature() {
        let parsed = SiteConfig::parse("title: X\nminify: true\n", Path::new("site.yaml"));
        if crate::output::MINIFY_AVAILABLE {
            assert!(parsed.expect("minify is available").minify);
        } else {
            let err = parsed.unwrap_err();
            assert_eq!(err.location, Some(Location::at("site.yaml", 2, Some(9))));
            assert!(err.message.contains("built without HTML minification"), "{err}");
            assert!(err.hint.as_deref().unwrap_or("").contains("--features minify"), "{err}");
        }
    }

    #[test]
    fn defaults_fill_in() {
        let c = SiteConfig::parse("title: X\n", Path::new("site.yaml")).unwrap();
        assert_eq!(c.theme, "clinic");
        assert_eq!(c.language, "en");
        assert!(c.plain_words.enabled);
    }
}
