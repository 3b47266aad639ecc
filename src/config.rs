//! `site.yaml`: the site's settings, checked strictly (unknown keys get a "did you mean").

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::yaml::yaml_diagnostic_in;
use crate::error::{Diagnostic, Location};
use crate::glossary::MarkMode;
use crate::plain::rewrite::PlainWordsConfig;
use crate::review::ReviewPolicy;

/// Whether this binary can minify HTML: it was built with the `minify` cargo feature.
/// Without it, [`SiteConfig::parse`] rejects `minify: true`.
pub const MINIFY_AVAILABLE: bool = cfg!(feature = "minify");

/// The site's settings from `site.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The site's name, shown in the header and the page titles.
    #[schemars(example = "Riverside Clinic Health Library")]
    pub title: String,
    /// One plain sentence about the site (home page, meta description).
    #[serde(default)]
    pub description: String,
    /// The language of the pages (`lang` on `<html>`), e.g. `en`.
    #[serde(default = "default_language")]
    pub language: String,
    /// Every language the site publishes in, the default (root) language first, e.g.
    /// `[en, es]`: pages in another language live in `content/<language>/` and are published
    /// under `<language>/`. Without it, the site has the one `language`.
    #[serde(default)]
    #[schemars(extend("examples" = [["en", "es"]]))]
    pub languages: Vec<String>,
    /// The theme's folder name under `themes/`.
    #[serde(default = "default_theme")]
    #[schemars(extend("examples" = ["clinic", "contrast"]))]
    pub theme: String,
    /// The public address (only for sitemap, feed and canonical links).
    #[serde(default)]
    #[schemars(example = "https://clinic.example.org/health/")]
    pub base_url: Option<String>,
    /// The target reading grade for every page (Flesch-Kincaid).
    #[serde(default = "default_grade")]
    pub reading_grade: f64,
    /// The INFLESZ score (Szigriszt-Pazos, 0 to 100, higher is easier) every Spanish page
    /// should reach; 55 is "normal" on the INFLESZ scale.
    #[serde(default = "default_inflesz")]
    #[schemars(range(min = 0, max = 100))]
    pub inflesz: f64,
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
    /// The number to call in an emergency, shown on emergency cards (default: from the
    /// language's region, see [`SiteConfig::emergency_number`]).
    #[serde(default)]
    pub emergency_number: Option<String>,
    /// Where to get non-urgent advice (a nurse line, say), named on non-urgent cards.
    #[serde(default)]
    pub advice_line: Option<String>,
    /// The paper the handouts are printed on; without it, from the language's region
    /// (see [`SiteConfig::paper`]).
    #[serde(default)]
    pub paper: Option<Paper>,
    /// The accessibility statement (`accessibility/index.html`, linked from every footer).
    #[serde(default)]
    pub accessibility: AccessibilityConfig,
}

/// A paper size for the printed handouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    /// US Letter, 8.5 x 11 inches (the US and its Spanish-speaking clinics).
    Letter,
    /// ISO A4, 210 x 297 mm (nearly everywhere else).
    A4,
}

impl Paper {
    /// Every paper size, for messages and tests.
    pub const ALL: [Paper; 2] = [Paper::Letter, Paper::A4];

    /// The name `site.yaml` and `--paper` use.
    pub fn name(self) -> &'static str {
        match self {
            Paper::Letter => "letter",
            Paper::A4 => "a4",
        }
    }

    /// The CSS `@page { size: ... }` keyword.
    pub fn css(self) -> &'static str {
        match self {
            Paper::Letter => "letter",
            Paper::A4 => "A4",
        }
    }

    /// Width and height in millimetres (portrait).
    pub fn size_mm(self) -> (f64, f64) {
        match self {
            Paper::Letter => (215.9, 279.4),
            Paper::A4 => (210.0, 297.0),
        }
    }

    /// The paper a language tag's region prints on: Letter in the United States (`en-US`,
    /// `es-US`), A4 otherwise, a tag without a region included (`en`).
    pub fn for_language(language: &str) -> Paper {
        let region = language.split(['-', '_']).skip(1).find(|part| part.len() == 2);
        match region {
            Some(r) if r.eq_ignore_ascii_case("us") => Paper::Letter,
            _ => Paper::A4,
        }
    }
}

impl std::str::FromStr for Paper {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "letter" => Ok(Paper::Letter),
            "a4" => Ok(Paper::A4),
            _ => Err(format!("{s:?} is not a paper size: use letter or a4")),
        }
    }
}

/// `site.yaml` `accessibility:`: what the accessibility statement says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AccessibilityConfig {
    /// How to reach the people who answer accessibility requests (email, phone, address).
    #[serde(default)]
    pub contact: Option<String>,
    /// The standard the site aims to meet.
    #[serde(default = "default_standard")]
    pub standard: String,
    /// Parts of the site known not to be accessible yet, in plain words.
    #[serde(default)]
    pub known_issues: Vec<String>,
}

impl Default for AccessibilityConfig {
    fn default() -> Self {
        AccessibilityConfig { contact: None, standard: default_standard(), known_issues: Vec::new() }
    }
}

fn default_standard() -> String {
    "WCAG 2.2 AA".to_string()
}

/// Glossary settings in `site.yaml`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GlossaryConfig {
    /// Which occurrences of a term are marked.
    #[serde(default)]
    pub mark: MarkMode,
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
fn default_inflesz() -> f64 {
    crate::plain::readability_es::DEFAULT_INFLESZ_TARGET
}

/// Every key `site.yaml` accepts at the top level (for "did you mean").
pub const SITE_KEYS: &[&str] = &[
    "title",
    "description",
    "language",
    "languages",
    "base_url",
    "theme",
    "reading_grade",
    "inflesz",
    "disclaimer",
    "organization",
    "boilerplate",
    "glossary",
    "plain_words",
    "minify",
    "theme_settings",
    "review",
    "allow_html",
    "paper",
    "accessibility",
    "emergency_number",
    "advice_line",
];

impl SiteConfig {
    /// Parse `site.yaml` text; `path` is used in messages.
    pub fn parse(text: &str, path: &Path) -> Result<SiteConfig, Diagnostic> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut config: SiteConfig =
            serde_yaml::from_str(text).map_err(|e| yaml_diagnostic_in(&e, Some(text), path, 0, SITE_KEYS))?;
        config.validate(text, path)?;
        Ok(config)
    }

    fn validate(&mut self, text: &str, path: &Path) -> Result<(), Diagnostic> {
        self.settle_languages(text, path)?;
        if let Some(url) = &self.base_url {
            validate_base_url(url).map_err(|why| {
                Diagnostic::error(
                    Some(key_location(text, "base_url", path)),
                    format!("base_url {url:?} is not a web address: {why}"),
                )
                .with_hint("write the full address, like https://clinic.example.org/ (or remove base_url)")
            })?;
        }
        let a = &self.accessibility;
        let blank = a.standard.trim().is_empty()
            || a.contact.as_ref().is_some_and(|c| c.trim().is_empty())
            || a.known_issues.iter().any(|i| i.trim().is_empty());
        if blank {
            return Err(Diagnostic::error(
                Some(key_location(text, "accessibility", path)),
                "accessibility: a value is empty (contact, standard or a known issue)",
            )
            .with_hint(
                "write each value, like accessibility: { contact: \"access@clinic.example.org\", standard: \"WCAG 2.2 AA\" }, or leave the key out",
            ));
        }
        if let Some(n) = &self.emergency_number {
            if !n.chars().any(|c| c.is_ascii_digit()) || n.chars().any(|c| c.is_control()) {
                return Err(Diagnostic::error(
                    Some(key_location(text, "emergency_number", path)),
                    format!("emergency_number {n:?} has no digits"),
                )
                .with_hint("write the number people dial, like emergency_number: \"911\" (or remove the line to use the region's usual number)"));
            }
        }
        if !(0.0..=100.0).contains(&self.inflesz) {
            return Err(Diagnostic::error(
                Some(key_location(text, "inflesz", path)),
                format!("inflesz {} is outside the INFLESZ scale (0 to 100)", self.inflesz),
            )
            .with_hint("write the score Spanish pages should reach, like inflesz: 55 (\"normal\"; 65 is \"fairly easy\")"));
        }
        if self.minify && !MINIFY_AVAILABLE {
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

    /// `languages:` checked, and `language` made its first entry (or `languages` made
    /// `[language]` when only the old key is written), so the rest of the build reads either.
    fn settle_languages(&mut self, text: &str, path: &Path) -> Result<(), Diagnostic> {
        if self.languages.is_empty() {
            self.languages = vec![self.language.clone()];
            return Ok(());
        }
        let at = || Some(key_location(text, "languages", path));
        let mut seen: Vec<String> = Vec::new();
        for tag in &self.languages {
            if !crate::content::is_language_tag(tag) {
                return Err(Diagnostic::error(at(), format!("languages: {tag:?} is not a language code"))
                    .with_hint("write language codes like `languages: [en, es]` (or `en-US`, `es-MX`), the site's main language first"));
            }
            let lower = tag.to_ascii_lowercase();
            if seen.contains(&lower) {
                return Err(Diagnostic::error(at(), format!("languages: `{tag}` is listed twice"))
                    .with_hint("list each language once, like `languages: [en, es]`"));
            }
            seen.push(lower);
        }
        let written = text.lines().any(|l| l.starts_with("language:"));
        let first = self.languages[0].clone();
        if written && !self.language.eq_ignore_ascii_case(&first) {
            return Err(Diagnostic::error(
                Some(key_location(text, "language", path)),
                format!(
                    "language: {} disagrees with languages: [{}], whose first entry is the site's main language",
                    self.language,
                    self.languages.join(", ")
                ),
            )
            .with_hint(format!(
                "remove the `language:` line (languages: is enough), or make it `language: {first}`"
            )));
        }
        self.language = first;
        Ok(())
    }

    /// The site's main language: its pages are at the root of the output.
    pub fn default_language(&self) -> &str {
        &self.language
    }

    /// The folder a language's pages are published under: `""` for the main language,
    /// `es/` for Spanish.
    pub fn language_prefix(&self, language: &str) -> String {
        if language.eq_ignore_ascii_case(&self.language) {
            String::new()
        } else {
            format!("{language}/")
        }
    }

    /// The language whose folder an output path is in: another language's when the path
    /// starts with its folder (`es/...`), else the main one.
    pub fn language_of_output<'a>(&'a self, path: &str) -> &'a str {
        self.other_languages()
            .find(|l| path.strip_prefix(*l).is_some_and(|rest| rest.starts_with('/')))
            .unwrap_or(&self.language)
    }

    /// Whether the site publishes in more than one language.
    pub fn is_multilingual(&self) -> bool {
        self.languages.len() > 1
    }

    /// The languages other than the main one, in `languages:` order.
    pub fn other_languages(&self) -> impl Iterator<Item = &str> {
        self.languages.iter().skip(1).map(String::as_str)
    }

    /// The handouts' paper: `paper:` when set, else from the language's region.
    pub fn paper(&self) -> Paper {
        self.paper.unwrap_or_else(|| Paper::for_language(&self.language))
    }

    /// The emergency number: `emergency_number` when set, else the usual one in the language's
    /// region (911 in the US, 999 in the UK, 112 elsewhere, as across Europe and on most mobiles).
    pub fn emergency_number(&self) -> String {
        if let Some(n) = &self.emergency_number {
            return n.trim().to_string();
        }
        let lower = self.language.to_ascii_lowercase().replace('_', "-");
        let region = lower.split('-').nth(1).unwrap_or("");
        match region {
            "us" => "911",
            "gb" | "uk" => "999",
            _ => "112",
        }
        .to_string()
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
        if MINIFY_AVAILABLE {
            assert!(parsed.expect("minify is available").minify);
        } else {
            let err = parsed.unwrap_err();
            assert_eq!(err.location, Some(Location::at("site.yaml", 2, Some(9))));
            assert!(err.message.contains("built without HTML minification"), "{err}");
            assert!(err.hint.as_deref().unwrap_or("").contains("--features minify"), "{err}");
        }
    }

    #[test]
    fn paper_follows_the_language_region_unless_set() {
        let paper = |yaml: &str| SiteConfig::parse(yaml, Path::new("site.yaml")).unwrap().paper();
        assert_eq!(paper("title: X\nlanguage: en-US\n"), Paper::Letter);
        assert_eq!(paper("title: X\nlanguage: es-us\n"), Paper::Letter);
        assert_eq!(paper("title: X\nlanguage: en\n"), Paper::A4);
        assert_eq!(paper("title: X\nlanguage: en-GB\n"), Paper::A4);
        assert_eq!(paper("title: X\nlanguage: es-MX\n"), Paper::A4);
        assert_eq!(paper("title: X\nlanguage: en-US\npaper: a4\n"), Paper::A4);
        assert_eq!(paper("title: X\npaper: letter\n"), Paper::Letter);
    }

    #[test]
    fn a_bad_paper_size_names_its_line_and_the_choices() {
        let err = SiteConfig::parse("title: X\npaper: legal\n", Path::new("site.yaml")).unwrap_err();
        assert_eq!(err.location.as_ref().map(|l| l.line), Some(Some(2)), "{err}");
        let all = format!("{err} {}", err.hint.as_deref().unwrap_or(""));
        assert!(all.contains("letter") && all.contains("a4"), "{all}");
    }

    #[test]
    fn emergency_number_follows_the_region() {
        let number = |yaml: &str| SiteConfig::parse(yaml, Path::new("site.yaml")).unwrap().emergency_number();
        assert_eq!(number("title: X\nlanguage: en-US\n"), "911");
        assert_eq!(number("title: X\nlanguage: en_gb\n"), "999");
        assert_eq!(number("title: X\nlanguage: es\n"), "112");
        assert_eq!(number("title: X\nlanguage: en-GB\nemergency_number: \" 000 \"\n"), "000");
        let err =
            SiteConfig::parse("title: X\nemergency_number: help\n", Path::new("site.yaml")).unwrap_err();
        assert_eq!(err.location, Some(Location::at("site.yaml", 2, Some(19))));
    }

    #[test]
    fn languages_settle_with_the_old_key() {
        let parse = |yaml: &str| SiteConfig::parse(yaml, Path::new("site.yaml"));
        let c = parse("title: X\nlanguages: [en, es]\n").unwrap();
        assert_eq!((c.language.as_str(), c.languages.len()), ("en", 2));
        assert_eq!(c.language_prefix("es"), "es/");
        assert_eq!(c.language_prefix("en"), "");
        assert!(c.is_multilingual());
        let c = parse("title: X\nlanguage: es\n").unwrap();
        assert_eq!(c.languages, ["es"]);
        assert!(!c.is_multilingual());
        let c = parse("title: X\nlanguage: es\nlanguages: [es, en]\n").unwrap();
        assert_eq!(c.other_languages().collect::<Vec<_>>(), ["en"]);
        let err = parse("title: X\nlanguage: fr\nlanguages: [en, es]\n").unwrap_err();
        assert_eq!(err.location, Some(Location::at("site.yaml", 2, Some(11))));
        assert!(err.hint.as_deref().unwrap_or("").contains("language: en"), "{err}");
        let err = parse("title: X\nlanguages: [en, Spanish]\n").unwrap_err();
        assert_eq!(err.location, Some(Location::at("site.yaml", 2, Some(12))));
        assert!(err.message.contains("\"Spanish\""), "{err}");
        assert!(parse("title: X\nlanguages: [en, es, en]\n").unwrap_err().message.contains("twice"));
    }

    #[test]
    fn defaults_fill_in() {
        let c = SiteConfig::parse("title: X\n", Path::new("site.yaml")).unwrap();
        assert_eq!(c.theme, "clinic");
        assert_eq!(c.language, "en");
        assert!(c.plain_words.enabled);
    }
}
