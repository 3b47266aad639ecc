//! `site.yaml`: the site's settings, checked strictly (unknown keys get a "did you mean").

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{did_you_mean, Diagnostic, Location};
use crate::glossary::MarkMode;
use crate::plain::rewrite::WordPair;

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
];

impl SiteConfig {
    /// Parse `site.yaml` text; `path` is used in messages.
    pub fn parse(text: &str, path: &Path) -> Result<SiteConfig, Diagnostic> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let config: SiteConfig =
            serde_yaml::from_str(text).map_err(|e| yaml_diagnostic(&e, path, 0, SITE_KEYS))?;
        config.validate(path)?;
        Ok(config)
    }

    fn validate(&self, path: &Path) -> Result<(), Diagnostic> {
        if let Some(url) = &self.base_url {
            validate_base_url(url).map_err(|why| {
                Diagnostic::error(
                    Some(Location::file(path)),
                    format!("base_url {url:?} is not a web address: {why}"),
                )
                .with_hint("write the full address, like https://clinic.example.org/ (or remove base_url)")
            })?;
        }
        Ok(())
    }

    /// `base_url` with exactly one trailing slash, when set.
    pub fn base_url(&self) -> Option<String> {
        self.base_url.as_ref().map(|u| format!("{}/", u.trim_end_matches('/')))
    }
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
    let raw = err.to_string();
    // The library appends " at line N column M"; we print the position ourselves.
    let message = match raw.find(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw.clone(),
    };
    let location = match err.location() {
        Some(l) => Location::at(path, l.line() + line_offset, Some(l.column())),
        None => Location::file(path),
    };
    let mut d = Diagnostic::error(Some(location), plain_yaml_message(&message));
    if let Some(field) = unknown_field(&message) {
        let hint = match did_you_mean(field, keys) {
            Some(s) => format!("did you mean `{s}`? The keys allowed here are: {}", keys.join(", ")),
            None => format!("remove it, or use one of: {}", keys.join(", ")),
        };
        d = d.with_hint(hint);
    } else if message.contains("tab") {
        d = d.with_hint("YAML does not allow tabs for indenting: use spaces instead");
    } else if message.contains("invalid type") {
        d = d.with_hint("check the value's shape: a list is written `[a, b]` or as lines starting with `- `");
    } else if message.contains("mapping values are not allowed") {
        d = d.with_hint(
            "a value that contains \": \" must be put in quotes, like title: \"Gene therapy: the basics\"",
        );
    }
    d
}

fn unknown_field(message: &str) -> Option<&str> {
    let rest = message.split("unknown field `").nth(1)?;
    rest.split('`').next()
}

fn plain_yaml_message(message: &str) -> String {
    if let Some(f) = unknown_field(message) {
        // Drop serde's own candidate list; the hint carries a better one.
        let head = message.split(", expected").next().unwrap_or(message);
        let _ = f;
        return head.to_string();
    }
    message.to_string()
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
    fn defaults_fill_in() {
        let c = SiteConfig::parse("title: X\n", Path::new("site.yaml")).unwrap();
        assert_eq!(c.theme, "clinic");
        assert_eq!(c.language, "en");
        assert!(c.plain_words.enabled);
    }
}
