//! The page model: front-matter fields (checked strictly) and the Markdown body.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::frontmatter::{normalize_newlines, split, SplitError};
use super::get_help::GET_HELP_KEYS;
use super::raw_html::{in_body, in_yaml_fields, RawHtml, MARKDOWN_FIELDS};
use crate::error::yaml::yaml_diagnostic_in;
use crate::error::{Diagnostic, Location};
use crate::seed::{Edit, Fill};

/// Every key a page's front-matter accepts (for "did you mean").
pub const PAGE_KEYS: &[&str] = &[
    "title",
    "seed",
    "slug",
    "summary",
    "key_points",
    "actions",
    "questions_to_ask",
    "topics",
    "also_known_as",
    "reviewed",
    "sources",
    "fill",
    "edits",
    "boilerplate",
    "body_position",
    "plain_words",
    "keep_words",
    "reading_grade",
    "published",
    "draft",
    "get_help",
];

/// Where the Markdown body goes relative to the seed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum BodyPosition {
    /// Before the seed text.
    Before,
    /// After the seed text (the default).
    #[default]
    After,
}

/// The review record shown in the review box.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reviewed {
    /// When the page was last reviewed.
    #[schemars(with = "crate::schema_parts::IsoDate")]
    pub on: Date,
    /// Who reviewed it.
    #[serde(default)]
    #[schemars(example = "Dana Smith, RN")]
    pub by: Option<String>,
    /// When the next review is due.
    #[serde(default)]
    #[schemars(with = "Option<crate::schema_parts::IsoDate>")]
    pub next: Option<Date>,
}

/// A source the page is based on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The source's title or citation.
    pub title: String,
    /// Its address, when it has one.
    #[serde(default)]
    pub url: Option<String>,
}

/// A page's front-matter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The page title (required unless the seed has a title line).
    #[serde(default)]
    pub title: Option<String>,
    /// The seed article this page's body comes from (a file in `seeds/`).
    #[serde(default)]
    #[schemars(example = "003_6c4427eec06df93d.txt")]
    pub seed: Option<String>,
    /// The URL slug (default: from the file name).
    #[serde(default)]
    #[schemars(example = "gene-therapy")]
    pub slug: Option<String>,
    /// One or two plain sentences.
    #[serde(default)]
    pub summary: Option<String>,
    /// The main points, shown in a box near the top.
    #[serde(default)]
    pub key_points: Vec<String>,
    /// What the reader can do next.
    #[serde(default)]
    pub actions: Vec<String>,
    /// Questions to ask the care team.
    #[serde(default)]
    pub questions_to_ask: Vec<String>,
    /// Topics the page belongs to.
    #[serde(default)]
    pub topics: Vec<String>,
    /// Other names for the A-Z index.
    #[serde(default)]
    pub also_known_as: Vec<String>,
    /// The review record.
    #[serde(default)]
    pub reviewed: Option<Reviewed>,
    /// Sources.
    #[serde(default)]
    pub sources: Vec<Source>,
    /// Fills for the seed's gaps, keyed by the gap line's text.
    #[serde(default)]
    pub fill: BTreeMap<String, Fill>,
    /// Curated replacements of seed text.
    #[serde(default)]
    pub edits: Vec<Edit>,
    /// Extra boilerplate lines to drop from this page's seed.
    #[serde(default)]
    pub boilerplate: Vec<String>,
    /// Where the Markdown body goes relative to the seed text.
    #[serde(default)]
    pub body_position: BodyPosition,
    /// Turn plain-word rewriting off (or on) for this page.
    #[serde(default)]
    pub plain_words: Option<bool>,
    /// Phrases never rewritten on this page.
    #[serde(default)]
    pub keep_words: Vec<String>,
    /// This page's reading-grade target (overrides `site.yaml`).
    #[serde(default)]
    pub reading_grade: Option<f64>,
    /// When the page was first published.
    #[serde(default)]
    #[schemars(with = "Option<crate::schema_parts::IsoDate>")]
    pub published: Option<Date>,
    /// Drafts are built only with `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// When to get help: the signs for emergency, urgent and non-urgent care.
    #[serde(default)]
    pub get_help: Option<super::get_help::GetHelp>,
}

/// A content page as loaded from disk.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// The file, relative to the site root.
    pub path: PathBuf,
    /// The URL slug.
    pub slug: String,
    /// Its front-matter.
    pub front: FrontMatter,
    /// The Markdown body.
    pub body: String,
    /// 1-based file line where the body starts.
    pub body_line: usize,
    /// Raw HTML written in the front-matter or the body (reported by the article stage).
    pub raw_html: Vec<RawHtml>,
}

impl Page {
    /// Parse a page file's text; `path` is the site-relative path used in messages and for the slug.
    pub fn parse(text: &str, path: &Path) -> Result<Page, Vec<Diagnostic>> {
        let text = normalize_newlines(text);
        let parts = split(&text).map_err(|e| {
            let SplitError::Unclosed { open_line } = e;
            vec![Diagnostic::error(Some(Location::at(path, open_line, Some(1))), e.to_string())
                .with_hint("add a line with only `---` after the last front-matter line")]
        })?;
        let front: FrontMatter = if parts.yaml.trim().is_empty() {
            FrontMatter::default()
        } else {
            serde_yaml::from_str(parts.yaml).map_err(|e| {
                // An unknown key inside `get_help` is compared with get_help's own keys.
                let keys = if e.to_string().starts_with("get_help") { GET_HELP_KEYS } else { PAGE_KEYS };
                vec![yaml_diagnostic_in(&e, Some(parts.yaml), path, parts.yaml_line - 1, keys)]
            })?
        };
        let errors = front.validate(path, parts.yaml, parts.yaml_line);
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut raw_html = in_yaml_fields(&front, parts.yaml, parts.yaml_line, path, MARKDOWN_FIELDS);
        raw_html.extend(in_body(parts.body, parts.body_line, path));
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let slug = crate::slug::slugify(front.slug.as_deref().unwrap_or(&stem));
        Ok(Page {
            path: path.to_path_buf(),
            slug,
            front,
            body: parts.body.to_string(),
            body_line: parts.body_line,
            raw_html,
        })
    }
}

impl FrontMatter {
    /// `yaml` is the front-matter text and `yaml_line` its first line in the file, so each
    /// message can point at the key it is about.
    fn validate(&self, path: &Path, yaml: &str, yaml_line: usize) -> Vec<Diagnostic> {
        let mut errors = Vec::new();
        let at = |needle: &str| match find_key(yaml, needle) {
            Some((line, col)) => Some(Location::at(path, line + yaml_line - 1, Some(col))),
            None => Some(Location::file(path)),
        };
        if let Some(r) = &self.reviewed {
            if let Some(next) = r.next {
                if next <= r.on {
                    let when = if next == r.on { "the same day as" } else { "before" };
                    errors.push(
                        Diagnostic::error(
                            at("next:"),
                            format!(
                                "the next review (reviewed.next, {next}) is {when} the last review (reviewed.on, {})",
                                r.on
                            ),
                        )
                        .with_hint("the next review date must come after the last one: check the year, or swap the two dates"),
                    );
                }
            }
        }
        for (line, fill) in &self.fill {
            if *fill == Fill::Keep(true) {
                errors.push(
                    Diagnostic::error(at("fill:"), format!("fill for {line:?} is `true`"))
                        .with_hint("give a list of items, a paragraph of text, or `false` to drop the line"),
                );
            }
        }
        if let Some(help) = &self.get_help {
            errors.extend(help.validate(path, yaml, yaml_line));
        }
        if let Some(slug) = &self.slug {
            if crate::slug::slugify(slug).is_empty() {
                errors.push(
                    Diagnostic::error(at("slug:"), format!("slug {slug:?} has no letters or digits"))
                        .with_hint(
                            "write the address with letters, digits and dashes, like slug: gene-therapy",
                        ),
                );
            }
        }
        errors
    }
}

/// The 1-based line and the value's column of the first `key:` in `yaml` (block or flow style).
pub(super) fn find_key(yaml: &str, key: &str) -> Option<(usize, usize)> {
    yaml.lines().enumerate().find_map(|(i, line)| {
        let at = line
            .match_indices(key)
            .map(|(p, _)| p)
            .find(|&p| p == 0 || line[..p].ends_with(|c: char| c.is_whitespace() || c == '{' || c == ','))?;
        let after = at + key.len();
        let value = after + line[after..].len() - line[after..].trim_start().len();
        Some((i + 1, line[..value].chars().count() + 1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_full_page() {
        let text = "---\ntitle: \"Gene therapy: basics\"\nseed: 003.txt\ntopics: [gene therapy]\nreviewed: { on: 2023-12-04, next: 2026-12-04 }\nfill:\n  \"It can:\": [a, b]\n  \"Gone:\": false\n---\nBody\n";
        let p = Page::parse(text, Path::new("content/Gene Basics.md")).unwrap();
        assert_eq!(p.slug, "gene-basics");
        assert_eq!(p.front.title.as_deref(), Some("Gene therapy: basics"));
        assert_eq!(p.front.fill.get("It can:"), Some(&Fill::Items(vec!["a".into(), "b".into()])));
        assert_eq!(p.front.fill.get("Gone:"), Some(&Fill::Keep(false)));
        assert_eq!(p.body, "Body\n");
    }

    #[test]
    fn yaml_error_points_at_the_file_line() {
        let text = "---\ntitle: A\ntopics: [a\n---\n";
        let err = Page::parse(text, Path::new("content/a.md")).unwrap_err();
        let loc = err[0].location.clone().unwrap();
        assert_eq!(loc.path, PathBuf::from("content/a.md"));
        assert!(loc.line.unwrap() >= 3, "{loc}");
    }

    #[test]
    fn unknown_key_hint() {
        let err = Page::parse("---\ntitel: A\n---\n", Path::new("a.md")).unwrap_err();
        assert_eq!(err[0].location, Some(Location::at("a.md", 2, Some(1))));
        assert!(err[0].hint.as_deref().unwrap().contains("`title`"));
    }

    #[test]
    fn wrong_type_and_bad_date() {
        assert!(Page::parse("---\ntopics: 5\n---\n", Path::new("a.md")).is_err());
        let err = Page::parse("---\nreviewed: { on: 2023-13-45 }\n---\n", Path::new("a.md")).unwrap_err();
        assert_eq!(err[0].location.as_ref().unwrap().line, Some(2));
    }

    #[test]
    fn get_help_unknown_key_suggests_its_own_keys() {
        let err =
            Page::parse("---\ntitle: A\nget_help:\n  urgnt: [fever]\n---\n", Path::new("a.md")).unwrap_err();
        assert_eq!(err[0].location, Some(Location::at("a.md", 4, Some(3))));
        assert!(err[0].hint.as_deref().unwrap().contains("did you mean `urgent`"), "{}", err[0]);
        let ok = Page::parse("---\nget_help: { emergency: [chest pain] }\n---\n", Path::new("a.md")).unwrap();
        assert_eq!(ok.front.get_help.unwrap().emergency, vec!["chest pain".to_string()]);
    }

    #[test]
    fn next_review_before_last_is_an_error() {
        let err =
            Page::parse("---\nreviewed: { on: 2024-01-01, next: 2023-01-01 }\n---\n", Path::new("a.md"));
        assert!(err.unwrap_err()[0].message.contains("reviewed.next"));
    }
}
